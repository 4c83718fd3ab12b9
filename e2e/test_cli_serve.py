"""`vane serve`'s command-line side (#10): one server per data directory (a flock'd serve.lock naming
its pid, exit 75 for a second one, config.yaml untouched), `console.endpoint` in the flytekit config
it writes, and `--log-level` / `--log-format json` / `$VANE_LOG_LEVEL`.
"""

import json
import os
import signal
import subprocess

import yaml

from test_serve import VENV, start_server

EX_TEMPFAIL = 75


def serve(vane_bin, data_dir, *flags, env=None):
    environment = dict(os.environ)
    environment.update(env or {})
    return subprocess.Popen(
        [str(vane_bin), "serve", "--data-dir", str(data_dir), "--port", "0", "--http-port", "0",
         "--image", f"*={VENV}", *flags],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )


def stop(server):
    server.process.send_signal(signal.SIGTERM)
    return server.process.wait(timeout=20)


def test_second_server_on_a_data_directory_refuses_and_names_the_holder(vane_bin, tmp_path):
    first = start_server(vane_bin, tmp_path / "data")
    try:
        config = (tmp_path / "data" / "config.yaml").read_text()
        second = serve(vane_bin, tmp_path / "data")
        out, err = second.communicate(timeout=60)
        assert second.returncode == EX_TEMPFAIL, err
        assert f"pid {first.process.pid}" in err and str(tmp_path / "data") in err
        assert out == ""
        assert (tmp_path / "data" / "config.yaml").read_text() == config
    finally:
        assert stop(first) == 0
    # The lock goes with its holder: a new server starts on the same directory.
    third = start_server(vane_bin, tmp_path / "data")
    assert stop(third) == 0


def test_written_config_names_the_console(vane_bin, tmp_path):
    server = start_server(vane_bin, tmp_path / "data")
    try:
        written = yaml.safe_load(server.config.read_text())
        assert written["console"]["endpoint"] == f"http://127.0.0.1:{server.http_port}"
        assert written["admin"]["endpoint"] == f"dns:///127.0.0.1:{server.grpc_port}"
    finally:
        stop(server)


def test_json_logs_at_the_chosen_level(vane_bin, tmp_path):
    server = start_server(vane_bin, tmp_path / "data", "--log-format", "json", "--log-level", "trace")
    assert stop(server) == 0
    lines = [line for line in server.process.stderr.read().splitlines() if line.strip()]
    assert lines, "no log lines at trace level"
    records = [json.loads(line) for line in lines]
    assert all({"time", "level", "label", "message"} <= record.keys() for record in records)
    assert {record["level"] for record in records} <= {"trace", "debug", "info", "notice", "warning", "error",
                                                       "critical"}


def logs_from_environment(vane_bin, data_dir, env):
    """The stderr of a server started and stopped with `env`, once it announced itself."""
    process = serve(vane_bin, data_dir, env=env)
    assert "gRPC on" in process.stdout.readline()
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    return [line for line in err.splitlines() if line.strip()]


def test_log_level_and_format_from_environment_and_bad_values(vane_bin, tmp_path):
    chatty = logs_from_environment(vane_bin, tmp_path / "chatty",
                                   {"VANE_LOG_LEVEL": "trace", "VANE_LOG_FORMAT": "json"})
    assert chatty and all(json.loads(line)["label"] for line in chatty)
    assert logs_from_environment(vane_bin, tmp_path / "quiet", {"VANE_LOG_LEVEL": "critical"}) == []
    bad_variable = serve(vane_bin, tmp_path / "a", env={"VANE_LOG_LEVEL": "loud"})
    _, err = bad_variable.communicate(timeout=60)
    assert bad_variable.returncode == 2 and "VANE_LOG_LEVEL" in err
    bad_flag = serve(vane_bin, tmp_path / "b", "--log-format", "xml")
    _, err = bad_flag.communicate(timeout=60)
    assert bad_flag.returncode == 2 and "--log-format 'xml'" in err
