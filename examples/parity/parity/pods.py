"""Pod templates: a task with `pod_template=` runs as its pod's primary container — its command,
image, environment and resources — and a node's `with_overrides(pod_template=…)` adds what the
override's primary container sets and the task does not. The Kubernetes-only rest of a pod spec
(tolerations, node selectors, sidecars, volumes) means nothing to a local process."""

import os
import typing

from flytekit import PodTemplate, Resources, task, workflow
from kubernetes.client import V1Container, V1EnvVar, V1PodSpec, V1Toleration

IN_POD = PodTemplate(
    primary_container_name="primary",
    pod_spec=V1PodSpec(
        containers=[V1Container(name="primary", env=[V1EnvVar(name="GREETING", value="from the pod template")])],
        tolerations=[V1Toleration(key="gpu", operator="Exists")]))

OVERRIDE = PodTemplate(
    primary_container_name="primary",
    pod_spec=V1PodSpec(containers=[V1Container(name="primary", env=[
        V1EnvVar(name="GREETING", value="from the override"), V1EnvVar(name="EXTRA", value="added")])]))


@task(pod_template=IN_POD, requests=Resources(cpu="100m"))
def in_pod(name: str) -> str:
    return f"{os.environ.get('GREETING', 'none')}, {name}"


@task(environment={"GREETING": "from the task"})
def plain(name: str) -> str:
    return f"{os.environ.get('GREETING', 'none')}, {os.environ.get('EXTRA', 'none')}, {name}"


@workflow
def pods(name: str = "pods") -> typing.Tuple[str, str, str]:
    overridden = plain(name=name).with_overrides(pod_template=OVERRIDE)
    return in_pod(name=name), plain(name=name), overridden
