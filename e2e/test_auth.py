"""`vane serve --auth` with TLS, as flytekit and a platform team use it: pyflyte register and
FlyteRemote with the written config (ClientSecret over TLS, a self-signed CA made here),
a client without credentials refused, per-project roles on RPCs and on the data URLs, the
data endpoints' rules (single-use upload URLs, MD5 checked, nothing replaced, only execution
and upload data served, no links followed), the audit log, and the refusal to expose an
unauthenticated server beyond loopback.

One server for the module (started ~0.3 s; registration and one execution ~10 s).
"""

import base64
import datetime
import hashlib
import json
import os
import re
import signal
import subprocess
from pathlib import Path

import grpc
import pytest
import requests
from flyteidl.admin import common_pb2, execution_pb2, project_pb2
from flyteidl.service import admin_pb2_grpc, dataproxy_pb2, dataproxy_pb2_grpc

from conftest import REPO
from test_serve import PYFLYTE, VENV

HELLO = REPO / "examples" / "hello"
TIMEOUT = datetime.timedelta(seconds=120)


def make_certificates(directory: Path):
    """A CA and a server certificate for 127.0.0.1/localhost signed by it (openssl)."""
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=directory)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=vane e2e CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    (directory / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
        "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return directory / "ca.pem", directory / "server.pem", directory / "server.key"


class AuthServer:
    def __init__(self, process, data_dir, grpc_port, http_base, ca):
        self.process, self.data_dir, self.grpc_port, self.http_base, self.ca = (
            process, data_dir, grpc_port, http_base, ca)
        self.config = data_dir / "config.yaml"

    def channel(self, token=None):
        credentials = grpc.ssl_channel_credentials(self.ca.read_bytes())
        if token:
            credentials = grpc.composite_channel_credentials(
                credentials, grpc.access_token_call_credentials(token))
        return grpc.secure_channel(f"127.0.0.1:{self.grpc_port}", credentials)

    def token(self, client_id, secret):
        answer = requests.post(
            f"{self.http_base}/oauth2/token", data={"grant_type": "client_credentials"},
            auth=(client_id, secret), verify=str(self.ca), timeout=10)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["token_type"] == "Bearer" and body["expires_in"] > 0
        return body["access_token"]

    def vane(self, *args):
        return subprocess.run([os.environ.get("VANE_BIN_ABS"), *args], capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def server(vane_bin, tmp_path_factory):
    certificates = tmp_path_factory.mktemp("tls")
    ca, cert, key = make_certificates(certificates)
    data_dir = tmp_path_factory.mktemp("auth-serve")
    process = subprocess.Popen(
        [str(vane_bin), "serve", "--data-dir", str(data_dir), "--port", "0", "--http-port", "0", "--auth",
         "--tls-cert", str(cert), "--tls-key", str(key), "--tls-ca", str(ca), "--image", f"*={VENV}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    line = process.stdout.readline()
    match = re.search(r"gRPC on 127\.0\.0\.1:(\d+), HTTP on (https://127\.0\.0\.1:\d+) \(ready", line)
    if not match:
        process.kill()
        pytest.fail(f"vane serve --auth did not start: {line!r} {process.stderr.read()}")
    os.environ["VANE_BIN_ABS"] = str(vane_bin)
    srv = AuthServer(process, data_dir, int(match[1]), match[2], ca)
    yield srv
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("vane serve did not stop within 20 s of SIGTERM")


@pytest.fixture(scope="module")
def registered(server):
    env = dict(os.environ, PATH=f"{VENV / 'bin'}:{os.environ.get('PATH', '')}")
    result = subprocess.run(
        [str(PYFLYTE), "--config", str(server.config), "register", "--image", "python:3.11", "hello"],
        capture_output=True, text=True, timeout=240, cwd=HELLO, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def client(server, name, *roles):
    """A client made with `vane auth create-client`, and its token."""
    result = server.vane("auth", "create-client", name, *[f"--role={r}" for r in roles], "--data-dir",
                         str(server.data_dir))
    assert result.returncode == 0, result.stderr
    return server.token(name, result.stdout.strip())


def test_written_config_names_the_client_credentials_and_tls(server):
    config = server.config.read_text()
    assert "insecure: false" in config
    assert f"caCertFilePath: {server.ca}" in config
    assert "authType: ClientSecret" in config and "clientId: vane-admin" in config
    secret = server.data_dir / "auth" / "vane-admin.secret"
    assert f"clientSecretLocation: {secret}" in config
    assert secret.stat().st_mode & 0o777 == 0o600
    assert (server.data_dir / "auth" / "signing-keys.json").stat().st_mode & 0o777 == 0o600


def test_pyflyte_register_and_flyteremote_over_tls_with_client_secret(server, registered):
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    remote = FlyteRemote(Config.auto(str(server.config)), default_project="flytesnacks",
                         default_domain="development")
    plan = remote.fetch_launch_plan(name="hello.wf.main")
    execution = remote.wait(remote.execute(plan, inputs={"name": "tls"}), timeout=TIMEOUT)
    assert execution.closure.phase == 4, execution.closure.error  # SUCCEEDED
    assert execution.outputs["o0"] == "HELLO, TLS!"


def test_a_client_without_credentials_is_unauthenticated(server):
    stub = admin_pb2_grpc.AdminServiceStub(server.channel())
    with pytest.raises(grpc.RpcError) as failure:
        stub.ListProjects(project_pb2.ProjectListRequest(limit=10))
    assert failure.value.code() == grpc.StatusCode.UNAUTHENTICATED
    forged = server.channel("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
    with pytest.raises(grpc.RpcError) as failure:
        admin_pb2_grpc.AdminServiceStub(forged).ListProjects(project_pb2.ProjectListRequest(limit=10))
    assert failure.value.code() == grpc.StatusCode.UNAUTHENTICATED
    # Wrong secret at the token endpoint: OAuth2 invalid_client.
    answer = requests.post(f"{server.http_base}/oauth2/token", data={"grant_type": "client_credentials"},
                           auth=("vane-admin", "wrong"), verify=str(server.ca), timeout=10)
    assert answer.status_code == 401 and answer.json()["error"] == "invalid_client"


def test_a_token_for_one_project_is_denied_on_another(server, registered):
    token = client(server, "team-a", "team-a=write")
    admin = admin_pb2_grpc.AdminServiceStub(server.channel(token))
    listing = common_pb2.ResourceListRequest(
        id=common_pb2.NamedEntityIdentifier(project="flytesnacks", domain="development"), limit=10)
    with pytest.raises(grpc.RpcError) as failure:
        admin.ListExecutions(listing)
    assert failure.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "team-a" in failure.value.details() and "flytesnacks" in failure.value.details()
    with pytest.raises(grpc.RpcError) as failure:
        admin.CreateExecution(execution_pb2.ExecutionCreateRequest(project="flytesnacks", domain="development"))
    assert failure.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # Its own project works (an empty list), and only its projects are listed.
    own = common_pb2.ResourceListRequest(
        id=common_pb2.NamedEntityIdentifier(project="team-a", domain="development"), limit=10)
    assert len(admin.ListExecutions(own).executions) == 0
    assert "flytesnacks" not in [p.id for p in admin.ListProjects(project_pb2.ProjectListRequest(limit=10)).projects]
    # Data: no upload URL for another project, nor a download URL for its data.
    proxy = dataproxy_pb2_grpc.DataProxyServiceStub(server.channel(token))
    with pytest.raises(grpc.RpcError) as failure:
        proxy.CreateUploadLocation(dataproxy_pb2.CreateUploadLocationRequest(
            project="flytesnacks", domain="development", filename="x.txt"))
    assert failure.value.code() == grpc.StatusCode.PERMISSION_DENIED
    uploaded = next((server.data_dir / "uploads" / "flytesnacks").rglob("*.tar.gz"))
    with pytest.raises(grpc.RpcError) as failure:
        proxy.CreateDownloadLocation(dataproxy_pb2.CreateDownloadLocationRequest(native_url=uploaded.as_uri()))
    assert failure.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # A reader of flytesnacks may download it.
    reader = client(server, "reader", "flytesnacks=read")
    reading = dataproxy_pb2_grpc.DataProxyServiceStub(server.channel(reader))
    url = reading.CreateDownloadLocation(
        dataproxy_pb2.CreateDownloadLocationRequest(native_url=uploaded.as_uri())).signed_url
    got = requests.get(url, verify=str(server.ca), timeout=10)
    assert got.status_code == 200 and got.content == uploaded.read_bytes()
    # Removing the client revokes its URL at once.
    assert server.vane("auth", "remove", "reader", "--data-dir", str(server.data_dir)).returncode == 0
    assert server.vane("auth", "list", "--data-dir", str(server.data_dir)).stdout.count("reader") == 0
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=10)
    while requests.get(url, verify=str(server.ca), timeout=10).status_code == 200:
        assert datetime.datetime.now() < deadline, "a removed client's download URL still works"


def upload_url(server, token, filename, content, root="fixed"):
    proxy = dataproxy_pb2_grpc.DataProxyServiceStub(server.channel(token))
    return proxy.CreateUploadLocation(dataproxy_pb2.CreateUploadLocationRequest(
        project="flytesnacks", domain="development", filename=filename, filename_root=root,
        content_md5=hashlib.md5(content).digest()))


def test_upload_urls_are_single_use_checked_and_never_replace(server):
    admin_token = server.token("vane-admin", (server.data_dir / "auth" / "vane-admin.secret").read_text().strip())
    content = b"first version\n"
    location = upload_url(server, admin_token, "data.txt", content)
    put = lambda body: requests.put(location.signed_url, data=body, verify=str(server.ca), timeout=10)
    assert put(b"not what was promised").status_code == 400  # MD5 differs
    assert put(content).status_code == 200
    assert put(content).status_code == 410  # used
    target = Path(location.native_url.removeprefix("file://"))
    assert target.read_bytes() == content and target.stat().st_mode & 0o007 == 0
    # Another file under the same name is refused up front; the same content is a no-op.
    with pytest.raises(grpc.RpcError) as failure:
        upload_url(server, admin_token, "data.txt", b"second version\n")
    assert failure.value.code() == grpc.StatusCode.ALREADY_EXISTS
    again = upload_url(server, admin_token, "data.txt", content)
    assert requests.put(again.signed_url, data=content, verify=str(server.ca), timeout=10).status_code == 200
    # A name that is an existing directory is neither deleted nor replaced: refused up front,
    # and also when the directory appears after the URL was handed out.
    directory = server.data_dir / "uploads" / "flytesnacks" / "development" / "dir-root" / "folder"
    folder = upload_url(server, admin_token, "folder", b"x", root="dir-root")
    (directory / "inside").mkdir(parents=True)
    (directory / "inside" / "keep.txt").write_text("keep")
    with pytest.raises(grpc.RpcError) as failure:
        upload_url(server, admin_token, "folder", b"x", root="dir-root")
    assert failure.value.code() == grpc.StatusCode.ALREADY_EXISTS
    answer = requests.put(folder.signed_url, data=b"x", verify=str(server.ca), timeout=10)
    assert answer.status_code == 409, answer.text
    assert (directory / "inside" / "keep.txt").read_text() == "keep"


def test_downloads_serve_only_execution_and_upload_data(server, registered):
    admin_token = server.token("vane-admin", (server.data_dir / "auth" / "vane-admin.secret").read_text().strip())
    proxy = dataproxy_pb2_grpc.DataProxyServiceStub(server.channel(admin_token))
    for private in ["vane.db", "vane.db-wal", "config.yaml", "auth/url-key", "auth/signing-keys.json"]:
        with pytest.raises(grpc.RpcError) as failure:
            proxy.CreateDownloadLocation(dataproxy_pb2.CreateDownloadLocationRequest(
                native_url=(server.data_dir / private).as_uri()))
        assert failure.value.code() in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED), private
    link = server.data_dir / "uploads" / "flytesnacks" / "development" / "links" / "passwd"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to("/etc/passwd")
    with pytest.raises(grpc.RpcError) as failure:
        proxy.CreateDownloadLocation(dataproxy_pb2.CreateDownloadLocationRequest(native_url=link.as_uri()))
    assert failure.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # An execution's outputs are served, streamed.
    outputs = next((server.data_dir / "metadata").rglob("outputs.pb"))
    url = proxy.CreateDownloadLocation(
        dataproxy_pb2.CreateDownloadLocationRequest(native_url=outputs.as_uri())).signed_url
    assert requests.get(url, verify=str(server.ca), timeout=10).content == outputs.read_bytes()


def test_every_mutating_and_refused_call_is_audited(server, registered):
    records = [json.loads(line) for line in (server.data_dir / "audit" / "audit.log").read_text().splitlines()]
    actions = {(r["subject"], r["action"], r["outcome"]) for r in records}
    assert ("vane-admin", "CreateWorkflow", "ok") in actions
    assert ("vane-admin", "CreateExecution", "ok") in actions
    assert ("-", "ListProjects", "unauthenticated") in actions
    assert ("team-a", "ListExecutions", "denied") in actions
    assert all(r["time"].endswith("Z") and r["transport"] in ("grpc", "http") for r in records)
    assert (server.data_dir / "audit" / "audit.log").stat().st_mode & 0o777 == 0o600


def test_unauthenticated_remote_exposure_is_refused(vane_bin, tmp_path):
    result = subprocess.run(
        [str(vane_bin), "serve", "--data-dir", str(tmp_path), "--host", "0.0.0.0", "--port", "0", "--http-port", "0"],
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "without authentication" in result.stderr and "--auth" in result.stderr


def test_localhost_and_an_advertised_host_are_used_in_urls(vane_bin, tmp_path):
    process = subprocess.Popen(
        [str(vane_bin), "serve", "--data-dir", str(tmp_path), "--host", "localhost", "--advertise-host",
         "vane.example", "--port", "0", "--http-port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert re.search(r"gRPC on vane\.example:\d+, HTTP on http://vane\.example:\d+", line), (
            line + process.stderr.read() if process.poll() is not None else line)
        port = re.search(r"gRPC on vane\.example:(\d+)", line)[1]
        assert f"endpoint: dns:///vane.example:{port}" in (tmp_path / "config.yaml").read_text()
        proxy = dataproxy_pb2_grpc.DataProxyServiceStub(grpc.insecure_channel(f"localhost:{port}"))
        location = proxy.CreateUploadLocation(dataproxy_pb2.CreateUploadLocationRequest(
            project="flytesnacks", domain="development", filename="a.txt", filename_root="r"))
        assert location.signed_url.startswith("http://vane.example:")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


def test_the_command_line_uses_the_written_config(server, registered):
    vane = os.environ["VANE_BIN_ABS"]
    listed = subprocess.run([vane, "get", "launchplans", "--config", str(server.config), "-p", "flytesnacks"],
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert "hello.wf.main" in listed.stdout
    # Without the credentials: refused, with a hint.
    bare = server.data_dir / "bare.yaml"
    bare.write_text(f"admin:\n  endpoint: dns:///127.0.0.1:{server.grpc_port}\n  insecure: false\n"
                    f"  caCertFilePath: {server.ca}\n")
    refused = subprocess.run([vane, "get", "launchplans", "--config", str(bare), "-p", "flytesnacks"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert "credentials" in refused.stderr


def test_http_routes_other_than_health_token_and_data_need_a_token(server):
    assert requests.get(f"{server.http_base}/healthz", verify=str(server.ca), timeout=10).status_code == 200
    metadata = requests.get(f"{server.http_base}/.well-known/oauth-authorization-server", verify=str(server.ca),
                            timeout=10).json()
    assert metadata["token_endpoint"] == f"{server.http_base}/oauth2/token"
    assert requests.get(f"{server.http_base}/metrics", verify=str(server.ca), timeout=10).status_code == 401
    token = server.token("vane-admin", (server.data_dir / "auth" / "vane-admin.secret").read_text().strip())
    metrics = requests.get(f"{server.http_base}/metrics", headers={"Authorization": f"Bearer {token}"},
                           verify=str(server.ca), timeout=10)
    assert metrics.status_code == 200
    narrow = client(server, "narrow", "team-b=read")
    assert requests.get(f"{server.http_base}/metrics", headers={"Authorization": f"Bearer {narrow}"},
                        verify=str(server.ca), timeout=10).status_code == 403


def test_uploads_through_signed_urls_are_audited(server):
    records = [json.loads(line) for line in (server.data_dir / "audit" / "audit.log").read_text().splitlines()]
    uploads = [r for r in records if r["action"] == "PUT /data/upload"]
    assert any(r["subject"] == "vane-admin" and r["outcome"] == "ok" and r["projects"] == ["flytesnacks"]
               for r in uploads)
    assert any(r["outcome"] == "failed" for r in uploads)  # the digest mismatch and the reuse


def test_a_clients_file_outside_the_data_dir(vane_bin, tmp_path):
    """`auth.clients_file`: `vane auth --clients-file` and `vane serve` both use it, not the data dir's."""
    clients, data, config = tmp_path / "team" / "clients.json", tmp_path / "data", tmp_path / "vane.yaml"
    config.write_text(f"auth:\n  clients_file: {clients}\n")
    created = subprocess.run(
        [str(vane_bin), "auth", "create-client", "ci", "--role=flytesnacks=read", "--clients-file", str(clients),
         "--data-dir", str(data)], capture_output=True, text=True, timeout=60)
    assert created.returncode == 0, created.stderr
    process = subprocess.Popen(
        [str(vane_bin), "serve", "--config", str(config), "--data-dir", str(data), "--port", "0", "--http-port", "0",
         "--auth"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"HTTP on (http://127\.0\.0\.1:\d+) \(ready", line)
        assert match, line + (process.stderr.read() if process.poll() is not None else "")
        assert not (data / "auth" / "clients.json").exists()
        listed = subprocess.run([str(vane_bin), "auth", "list", "--clients-file", str(clients)],
                                capture_output=True, text=True, timeout=60)
        assert "ci\t" in listed.stdout and "vane-admin\t" in listed.stdout, listed.stdout + listed.stderr
        for client_id, secret in [("ci", created.stdout.strip()),
                                  ("vane-admin", (data / "auth" / "vane-admin.secret").read_text().strip())]:
            answer = requests.post(f"{match[1]}/oauth2/token", data={"grant_type": "client_credentials"},
                                   auth=(client_id, secret), timeout=10)
            assert answer.status_code == 200, answer.text
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


def test_the_rest_api_needs_a_token_and_keeps_project_roles(server, registered):
    executions = f"{server.http_base}/api/v1/executions/flytesnacks/development?limit=5"
    anonymous = requests.get(executions, verify=str(server.ca), timeout=10)
    assert anonymous.status_code == 401
    reader = client(server, "rest-reader", "flytesnacks=read")
    allowed = requests.get(executions, headers={"Authorization": f"Bearer {reader}"}, verify=str(server.ca),
                           timeout=10)
    assert allowed.status_code == 200, allowed.text
    assert "executions" in allowed.json() or allowed.json() == {}
    # The gRPC path's per-project roles hold over REST: reading is not starting.
    started = requests.post(
        f"{server.http_base}/api/v1/executions", headers={"Authorization": f"Bearer {reader}"},
        json={"project": "flytesnacks", "domain": "development", "name": "rest-denied"}, verify=str(server.ca),
        timeout=10)
    assert started.status_code == 403, started.text
    assert started.json()["code"] == grpc.StatusCode.PERMISSION_DENIED.value[0]
    other = client(server, "rest-team-c", "team-c=read")
    denied = requests.get(executions, headers={"Authorization": f"Bearer {other}"}, verify=str(server.ca), timeout=10)
    assert denied.status_code == 403 and "team-c" in denied.json()["message"]
