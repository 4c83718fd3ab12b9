"""The flytectl-style command line (#10) against a real `vane serve` with pyflyte-registered entities:
config files and their precedence, `get execution`, `version`, `update launchplan`,
`create execution`.

One server per module; hello registered with pyflyte; every command runs with a scrubbed
environment (no VANE_ENDPOINT / FLYTECTL_CONFIG, HOME a temporary directory) unless a test sets them.
"""

import datetime
import json
import os
import shutil
import subprocess
import threading

import pytest

from conftest import REPO
from test_serve import registered, remote, server  # noqa: F401  (module fixtures)

EX_CONFIG = 78


@pytest.fixture
def home(tmp_path):
    path = tmp_path / "home"
    path.mkdir()
    return path


def vane(vane_bin, *args, home, env=None, timeout=60):
    environment = {k: v for k, v in os.environ.items() if k not in ("VANE_ENDPOINT", "FLYTECTL_CONFIG")}
    environment["HOME"] = str(home)
    environment.update(env or {})
    return subprocess.run([str(vane_bin), *args], capture_output=True, text=True, timeout=timeout, env=environment)


def wait(server, execution):
    return remote(server).wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                               timeout=datetime.timedelta(seconds=120))


# --- config files and precedence -------------------------------------------------------------


def test_config_from_flag_environment_and_home(vane_bin, server, home):
    by_flag = vane(vane_bin, "get", "projects", "-c", str(server.config), home=home)
    assert by_flag.returncode == 0, by_flag.stderr
    assert "flytesnacks" in by_flag.stdout
    by_env = vane(vane_bin, "get", "projects", home=home, env={"FLYTECTL_CONFIG": str(server.config)})
    assert by_env.returncode == 0, by_env.stderr
    # Nothing named: the default 127.0.0.1:8089 is not this server's port.
    (home / ".flyte").mkdir()
    shutil.copy(server.config, home / ".flyte" / "config.yaml")
    by_home = vane(vane_bin, "get", "projects", "-o", "json", home=home)
    assert by_home.returncode == 0, by_home.stderr
    assert [p["id"] for p in json.loads(by_home.stdout)["projects"]] == ["flytesnacks"]


def test_endpoint_flag_beats_environment_beats_config(vane_bin, server, home):
    dead = "127.0.0.1:1"
    good = f"127.0.0.1:{server.grpc_port}"
    # $VANE_ENDPOINT wins over the config's admin.endpoint: the dead port is dialled.
    env_wins = vane(vane_bin, "get", "projects", "-c", str(server.config), home=home, env={"VANE_ENDPOINT": dead})
    assert env_wins.returncode == 1 and "cannot reach" in env_wins.stderr and dead in env_wins.stderr
    # --endpoint wins over $VANE_ENDPOINT.
    flag_wins = vane(vane_bin, "get", "projects", "--endpoint", good, home=home, env={"VANE_ENDPOINT": dead})
    assert flag_wins.returncode == 0, flag_wins.stderr
    # dns:/// endpoints as flytekit writes them.
    dns = vane(vane_bin, "get", "projects", "--endpoint", f"dns:///{good}", home=home)
    assert dns.returncode == 0, dns.stderr


@pytest.mark.parametrize("text,key", [
    ("admin:\n  endpoint: dns:///127.0.0.1:8089\n  insecure: maybe\n", "admin.insecure"),
    ("admin:\n  endpoint: nowhere\n", "admin.endpoint"),
    ("admin:\n  authType: Kerberos\n", "admin.authType"),
])
def test_bad_config_names_file_and_key_and_exits_78(vane_bin, home, tmp_path, text, key):
    config = tmp_path / "bad.yaml"
    config.write_text(text)
    result = vane(vane_bin, "get", "projects", "-c", str(config), home=home)
    assert result.returncode == EX_CONFIG, result.stderr
    assert f"{config}: {key}:" in result.stderr
    # The same from ~/.flyte/config.yaml, even with --endpoint given.
    (home / ".flyte").mkdir(exist_ok=True)
    shutil.copy(config, home / ".flyte" / "config.yaml")
    implicit = vane(vane_bin, "get", "projects", "--endpoint", "127.0.0.1:1", home=home)
    assert implicit.returncode == EX_CONFIG and f"{home}/.flyte/config.yaml: {key}:" in implicit.stderr


def test_missing_config_and_bad_environment_exit_78(vane_bin, home):
    missing = vane(vane_bin, "get", "projects", home=home, env={"FLYTECTL_CONFIG": "/nonexistent/flyte.yaml"})
    assert missing.returncode == EX_CONFIG and "/nonexistent/flyte.yaml: no such file" in missing.stderr
    bad_env = vane(vane_bin, "get", "projects", home=home, env={"VANE_ENDPOINT": "nowhere"})
    assert bad_env.returncode == EX_CONFIG and "$VANE_ENDPOINT" in bad_env.stderr
    bad_flag = vane(vane_bin, "get", "projects", "--endpoint", "nowhere", home=home)
    assert bad_flag.returncode == 2 and "--endpoint 'nowhere'" in bad_flag.stderr


def test_relaunch_and_abort_follow_vane_endpoint_and_project(vane_bin, server, registered, home):
    rem = remote(server)
    plan = rem.fetch_launch_plan(name="hello.wf.main")
    done = wait(server, rem.execute(plan, inputs={"name": "env"}, wait=False))
    env = {"VANE_ENDPOINT": f"127.0.0.1:{server.grpc_port}"}
    relaunched = vane(vane_bin, "relaunch", done.id.name, "-p", "flytesnacks", "-d", "development", home=home, env=env)
    assert relaunched.returncode == 0, relaunched.stderr
    assert done.id.name in relaunched.stdout
    # An unknown project reaches the server and is refused there (not looked up locally).
    other = vane(vane_bin, "recover", done.id.name, "-p", "nosuchproject", home=home, env=env)
    assert other.returncode == 2, other.stderr
    # A flytectl config in the home directory alone leaves relaunch local (the data directory).
    (home / ".flyte").mkdir()
    shutil.copy(server.config, home / ".flyte" / "config.yaml")
    local = vane(vane_bin, "relaunch", done.id.name, "--data-dir", str(home / "empty"), home=home)
    assert local.returncode == 2 and done.id.name in local.stderr


# --- get execution, version, update launchplan, create execution ------------------------------


def cli(vane_bin, server, home, *args, **kwargs):
    return vane(vane_bin, *args, "--endpoint", f"127.0.0.1:{server.grpc_port}", home=home, **kwargs)


def test_get_execution_singular_and_plural(vane_bin, server, registered, home):
    rem = remote(server)
    done = wait(server, rem.execute(rem.fetch_launch_plan(name="hello.wf.main"), inputs={"name": "one"}, wait=False))
    plural = cli(vane_bin, server, home, "get", "executions", done.id.name, "-o", "json")
    singular = cli(vane_bin, server, home, "get", "execution", done.id.name, "-o", "json")
    assert singular.returncode == 0, singular.stderr
    assert json.loads(singular.stdout) == json.loads(plural.stdout)
    assert [e["id"]["name"] for e in json.loads(singular.stdout)["executions"]] == [done.id.name]
    plan = cli(vane_bin, server, home, "get", "launchplan", "hello.wf.main")
    assert plan.returncode == 0 and "hello.wf.main" in plan.stdout
    wrong = cli(vane_bin, server, home, "get", "executionz")
    assert wrong.returncode == 2


def test_version_and_dash_dash_version_agree_with_the_server(vane_bin, server, home):
    command = vane(vane_bin, "version", home=home)
    flag = vane(vane_bin, "--version", home=home)
    assert command.returncode == 0 and flag.returncode == 0
    assert command.stdout == flag.stdout and command.stdout.startswith("vane ")
    import grpc
    from flyteidl.admin import version_pb2
    from flyteidl.service import admin_pb2_grpc

    with grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}") as channel:
        answer = admin_pb2_grpc.AdminServiceStub(channel).GetVersion(version_pb2.GetVersionRequest(), timeout=30)
    served = answer.control_plane_version.Version
    assert command.stdout.split()[1] == served


def test_update_launchplan_activates_and_archives(vane_bin, server, registered, home):
    def state():
        listed = json.loads(cli(vane_bin, server, home, "get", "launchplans", "hello.wf.main", "-o", "json").stdout)
        return {p["closure"].get("state", "INACTIVE") for p in listed["launch_plans"]}

    activated = cli(vane_bin, server, home, "update", "launchplan", "hello.wf.main", "--activate")
    assert activated.returncode == 0, activated.stderr
    assert "ACTIVE" in activated.stdout
    assert state() == {"ACTIVE"}
    archived = cli(vane_bin, server, home, "update", "launchplan", "hello.wf.main", "--archive")
    assert archived.returncode == 0, archived.stderr
    assert state() == {"INACTIVE"}
    unknown = cli(vane_bin, server, home, "update", "launchplan", "hello.wf.main", "--version", "nope", "--activate")
    assert unknown.returncode == 2, unknown.stderr
    neither = cli(vane_bin, server, home, "update", "launchplan", "hello.wf.main")
    assert neither.returncode == 2


def test_create_execution_with_typed_inputs(vane_bin, server, registered, home, tmp_path):
    created = cli(vane_bin, server, home, "create", "execution", "--launchplan", "hello.wf.main", "-i", "name=cli",
                  "--exec-name", "createdbycli")
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "flytesnacks/development/createdbycli"
    rem = remote(server)
    done = wait(server, rem.fetch_execution(name="createdbycli"))
    assert done.is_successful
    assert done.outputs["o0"] == "HELLO, CLI!"
    # flytectl's execution file shape, with -i winning over the file.
    inputs = tmp_path / "exec.yaml"
    inputs.write_text("inputs:\n  name: from yaml\n")
    from_file = cli(vane_bin, server, home, "create", "execution", "--launchplan", "hello.wf.main",
                    "--inputs", str(inputs))
    assert from_file.returncode == 0, from_file.stderr
    name = from_file.stdout.strip().split("/")[-1]
    assert wait(server, rem.fetch_execution(name=name)).outputs["o0"] == "HELLO, FROM YAML!"
    unknown = cli(vane_bin, server, home, "create", "execution", "--launchplan", "hello.wf.main", "-i", "nope=1")
    assert unknown.returncode == 2 and "nope" in unknown.stderr
    missing = cli(vane_bin, server, home, "create", "execution", "--launchplan", "no.such.plan")
    assert missing.returncode == 2 and "no.such.plan" in missing.stderr


# --- logs --follow ---------------------------------------------------------------------------

FOLLOW_WORKFLOW = '''
import os
import time

from flytekit import task, workflow


@task
def waits(gate: str) -> str:
    print("first line", flush=True)
    while not os.path.exists(gate):
        time.sleep(0.05)
    print("second line", flush=True)
    return "done"


@workflow
def main(gate: str) -> str:
    return waits(gate=gate)
'''


def test_logs_follow_prints_lines_as_they_come_until_the_attempt_ends(vane_bin, server, home, tmp_path):
    package = tmp_path / "project" / "follow"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "wf.py").write_text(FOLLOW_WORKFLOW)
    registered = server.pyflyte("register", "--image", "python:3.11", "follow", cwd=tmp_path / "project")
    assert registered.returncode == 0, registered.stdout + registered.stderr
    gate = tmp_path / "gate"
    created = cli(vane_bin, server, home, "create", "execution", "--launchplan", "follow.wf.main", "-i", f"gate={gate}")
    assert created.returncode == 0, created.stderr
    name = created.stdout.strip().split("/")[-1]
    # Started before the task runs: --follow waits for the attempt, then for each new line.
    follower = subprocess.Popen(
        [str(vane_bin), "logs", name, "n0", "--follow", "--endpoint", f"127.0.0.1:{server.grpc_port}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(120, follower.kill)
    watchdog.start()
    try:
        seen = []
        for line in follower.stdout:
            seen.append(line)
            if "first line" in line:
                break
        assert any("first line" in line for line in seen), "".join(seen) + follower.stderr.read()
        # The follower is still running: the task is blocked on the gate.
        assert follower.poll() is None
        gate.touch()
        rest, err = follower.communicate()
    finally:
        watchdog.cancel()
    assert follower.returncode == 0, err
    assert "second line" in rest
    assert "==" in err


# --- shell completions -----------------------------------------------------------------------


def test_completion_scripts_generate(vane_bin, home, tmp_path):
    bash = vane(vane_bin, "--generate-completion-script", "bash", home=home)
    assert bash.returncode == 0, bash.stderr
    script = tmp_path / "vane.bash"
    script.write_text(bash.stdout)
    # Valid bash that registers a completion for vane and knows the new commands.
    assert subprocess.run(["bash", "-n", str(script)], capture_output=True).returncode == 0
    loaded = subprocess.run(["bash", "-c", f"source {script} && complete -p vane"], capture_output=True, text=True)
    assert loaded.returncode == 0 and "vane" in loaded.stdout, loaded.stderr
    for word in ("create", "update", "launchplan", "--follow", "--config"):
        assert word in bash.stdout
    for shell in ("zsh", "fish"):
        other = vane(vane_bin, "--generate-completion-script", shell, home=home)
        assert other.returncode == 0 and "launchplan" in other.stdout
