"""Issue #10: matchable attributes on `vane serve`, driven by flytekit's own client
(SynchronousFlyteClient, as FlyteRemote holds it).

A project-domain WORKFLOW_EXECUTION_CONFIG fills what an execution leaves unset (raw output
prefix, labels); a workflow-level one beats it. Reuses the module server and the registered
`hello` example of test_serve.
"""

import datetime

import grpc
import pytest
from flyteidl.admin import (
    common_pb2, execution_pb2, matchable_resource_pb2, project_domain_attributes_pb2, workflow_attributes_pb2)

from test_serve import registered, remote, server  # noqa: F401  (module fixtures and helpers)
from test_serve_admin_parity import refused

PROJECT, DOMAIN, WORKFLOW = "flytesnacks", "development", "hello.wf.main"
WEC = matchable_resource_pb2.WORKFLOW_EXECUTION_CONFIG


class Attributes:
    """flytekit's MatchingAttributes model has no workflow_execution_config; its client only
    calls to_flyte_idl() on what it is given."""

    def __init__(self, prefix, labels):
        self.message = matchable_resource_pb2.MatchingAttributes(
            workflow_execution_config=matchable_resource_pb2.WorkflowExecutionConfig(
                raw_output_data_config=common_pb2.RawOutputDataConfig(output_location_prefix=prefix),
                labels=common_pb2.Labels(values=labels)))

    def to_flyte_idl(self):
        return self.message


def run(server):  # noqa: F811
    rem = remote(server)
    execution = rem.execute(rem.fetch_launch_plan(name=WORKFLOW), inputs={"name": "matchable"}, wait=False)
    execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                         timeout=datetime.timedelta(seconds=120))
    assert execution.is_successful, execution.closure.error
    client = rem.client
    return client._stub.GetExecution(
        execution_pb2.WorkflowExecutionGetRequest(id=execution.id.to_flyte_idl()),
        metadata=client._metadata, timeout=10)


def test_project_domain_then_workflow_attributes_fill_an_execution(server, registered):  # noqa: F811
    client = remote(server).client
    raw = server.data_dir / "raw"
    domain_prefix, workflow_prefix = f"file://{raw}/matchable-domain", f"file://{raw}/matchable-workflow"

    client.update_project_domain_attributes(PROJECT, DOMAIN, Attributes(domain_prefix, {"team": "domain"}))
    stored = client.get_project_domain_attributes(PROJECT, DOMAIN, WEC).attributes
    assert stored.matching_attributes.workflow_execution_config.labels.values == {"team": "domain"}
    # A workflow without its own attributes gets the project-domain ones (FlyteAdmin's fallback).
    fallback = client.get_workflow_attributes(PROJECT, DOMAIN, WORKFLOW, WEC).attributes
    assert fallback.matching_attributes.workflow_execution_config.raw_output_data_config.output_location_prefix \
        == domain_prefix

    fetched = run(server)
    assert fetched.spec.raw_output_data_config.output_location_prefix == domain_prefix
    assert dict(fetched.spec.labels.values) == {"team": "domain"}

    client.update_workflow_attributes(PROJECT, DOMAIN, WORKFLOW, Attributes(workflow_prefix, {"team": "workflow"}))
    fetched = run(server)
    assert fetched.spec.raw_output_data_config.output_location_prefix == workflow_prefix
    assert dict(fetched.spec.labels.values) == {"team": "workflow"}

    listed = client.list_matchable_attributes(WEC).configurations
    assert {(c.project, c.domain, c.workflow) for c in listed} >= {
        (PROJECT, DOMAIN, ""), (PROJECT, DOMAIN, WORKFLOW)}

    # Deleting the workflow row brings the project-domain one back; deleting twice is NOT_FOUND.
    # flytekit's client has no delete calls: its AdminService stub makes them.
    client._stub.DeleteWorkflowAttributes(
        workflow_attributes_pb2.WorkflowAttributesDeleteRequest(
            project=PROJECT, domain=DOMAIN, workflow=WORKFLOW, resource_type=WEC),
        metadata=client._metadata, timeout=10)
    fetched = run(server)
    assert dict(fetched.spec.labels.values) == {"team": "domain"}
    gone = project_domain_attributes_pb2.ProjectDomainAttributesDeleteRequest(
        project=PROJECT, domain=DOMAIN, resource_type=WEC)
    client._stub.DeleteProjectDomainAttributes(gone, metadata=client._metadata, timeout=10)
    assert refused(server, "DeleteProjectDomainAttributes", gone).code() == grpc.StatusCode.NOT_FOUND
    get = project_domain_attributes_pb2.ProjectDomainAttributesGetRequest(
        project=PROJECT, domain=DOMAIN, resource_type=WEC)
    assert refused(server, "GetProjectDomainAttributes", get).code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize("attributes, code", [
    (project_domain_attributes_pb2.ProjectDomainAttributes(project=PROJECT, domain=DOMAIN),
     grpc.StatusCode.INVALID_ARGUMENT),
    (project_domain_attributes_pb2.ProjectDomainAttributes(
        project="nosuchproject", domain=DOMAIN, matching_attributes=Attributes("", {"a": "b"}).message),
     grpc.StatusCode.INVALID_ARGUMENT),
    (project_domain_attributes_pb2.ProjectDomainAttributes(
        project=PROJECT, domain="nosuchdomain", matching_attributes=Attributes("", {"a": "b"}).message),
     grpc.StatusCode.INVALID_ARGUMENT),
    (project_domain_attributes_pb2.ProjectDomainAttributes(
        project=PROJECT, domain=DOMAIN, matching_attributes=Attributes("relative/x", {}).message),
     grpc.StatusCode.INVALID_ARGUMENT),
])
def test_bad_updates_are_refused(server, attributes, code):  # noqa: F811
    request = project_domain_attributes_pb2.ProjectDomainAttributesUpdateRequest(attributes=attributes)
    failure = refused(server, "UpdateProjectDomainAttributes", request)
    assert failure.code() == code, failure.details()


class PluginOverrides:
    def __init__(self, plugin_ids, missing):
        self.message = matchable_resource_pb2.MatchingAttributes(
            plugin_overrides=matchable_resource_pb2.PluginOverrides(overrides=[
                matchable_resource_pb2.PluginOverride(
                    task_type="python-task", plugin_id=plugin_ids, missing_plugin_behavior=missing)]))

    def to_flyte_idl(self):
        return self.message


def finish(server, name):  # noqa: F811
    rem = remote(server)
    execution = rem.execute(rem.fetch_launch_plan(name=WORKFLOW), inputs={"name": name}, wait=False)
    return rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                    timeout=datetime.timedelta(seconds=120))


def test_a_plugin_override_picks_the_plugin_that_runs_a_task_type(server, registered):  # noqa: F811
    """PLUGIN_OVERRIDE for python-task: `echo` (Flyte's echo plugin: outputs are the inputs)
    instead of local processes — hello's three tasks then pass the name through unchanged; a
    plugin that is not here fails the execution (FAIL) or leaves the default (USE_DEFAULT)."""
    client = remote(server).client
    fail, use_default = matchable_resource_pb2.PluginOverride.FAIL, matchable_resource_pb2.PluginOverride.USE_DEFAULT
    try:
        client.update_project_domain_attributes(PROJECT, DOMAIN, PluginOverrides(["spark", "echo"], fail))
        echoed = finish(server, "passed through")
        assert echoed.is_successful, echoed.closure.error
        assert echoed.outputs["o0"] == "passed through"  # not "HELLO, PASSED THROUGH!"

        client.update_project_domain_attributes(PROJECT, DOMAIN, PluginOverrides(["spark"], fail))
        missing = finish(server, "nowhere")
        assert not missing.is_successful
        assert "spark" in missing.closure.error.message and "python-task" in missing.closure.error.message

        client.update_project_domain_attributes(PROJECT, DOMAIN, PluginOverrides(["spark"], use_default))
        default = finish(server, "default")
        assert default.is_successful, default.closure.error
        assert default.outputs["o0"] == "HELLO, DEFAULT!"
    finally:
        client._stub.DeleteProjectDomainAttributes(
            project_domain_attributes_pb2.ProjectDomainAttributesDeleteRequest(
                project=PROJECT, domain=DOMAIN, resource_type=matchable_resource_pb2.PLUGIN_OVERRIDE),
            metadata=client._metadata, timeout=10)


def test_a_launch_plan_nodes_child_execution_gets_its_workflows_attributes(server):  # noqa: F811
    """A PLUGIN_OVERRIDE on the workflow of a launch plan node's child (nested.tasks.scaled,
    behind nested.plans.triple) reaches the child execution, as FlyteAdmin applies it when the
    child is created: the override names a plugin that is not here, so the child fails."""
    from test_serve import REPO

    registered = server.pyflyte("register", "--image", "python:3.11", "nested", cwd=REPO / "examples" / "nested")
    assert registered.returncode == 0, registered.stdout + registered.stderr
    rem = remote(server)
    client = rem.client
    fail = matchable_resource_pb2.PluginOverride.FAIL
    client.update_workflow_attributes(PROJECT, DOMAIN, "nested.tasks.scaled", PluginOverrides(["spark"], fail))
    try:
        execution = rem.execute(rem.fetch_launch_plan(name="nested.plans.inner_of_plan"), inputs={"x": 2}, wait=False)
        execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                             timeout=datetime.timedelta(seconds=180))
        assert not execution.is_successful
        assert "spark" in execution.closure.error.message, execution.closure.error
    finally:
        client._stub.DeleteWorkflowAttributes(
            workflow_attributes_pb2.WorkflowAttributesDeleteRequest(
                project=PROJECT, domain=DOMAIN, workflow="nested.tasks.scaled",
                resource_type=matchable_resource_pb2.PLUGIN_OVERRIDE),
            metadata=client._metadata, timeout=10)
    # Without it the same execution succeeds: square(triple(2)) = 36.
    again = rem.execute(rem.fetch_launch_plan(name="nested.plans.inner_of_plan"), inputs={"x": 2}, wait=False)
    again = rem.wait(again, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                     timeout=datetime.timedelta(seconds=180))
    assert again.is_successful, again.closure.error
    assert again.outputs["o0"] == 36
