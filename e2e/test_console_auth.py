"""The console of `vane serve --auth`, with plain HTTP requests (no browser): a person signs in
with an access token from the token endpoint and gets a session cookie; the console then shows
only the projects the token's roles name, refuses pages and actions elsewhere, refuses forms
without the session's form token, and audits actions and refusals.

One server for the module (started ~0.3 s); one registration and one launched execution (~10 s).
"""

import json
import re
import signal
import subprocess

import grpc
import pytest
import requests
from flyteidl.admin import project_pb2
from flyteidl.service import admin_pb2_grpc

from conftest import REPO
from test_serve import start_server

HELLO = REPO / "examples" / "hello"
LIST = "/console/projects/{}/domains/development/executions"


@pytest.fixture(scope="module")
def server(vane_bin, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("console-auth")
    srv = start_server(vane_bin, data_dir, "--auth")
    srv.base = f"http://127.0.0.1:{srv.http_port}"
    srv.vane_bin = vane_bin
    yield srv
    srv.process.send_signal(signal.SIGTERM)
    try:
        srv.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        srv.process.kill()
        pytest.fail("vane serve did not stop within 20 s of SIGTERM")


def token(server, client_id, secret):
    answer = requests.post(f"{server.base}/oauth2/token", data={"grant_type": "client_credentials"},
                           auth=(client_id, secret), timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["access_token"]


def client_token(server, name, *roles):
    made = subprocess.run([str(server.vane_bin), "auth", "create-client", name, *[f"--role={r}" for r in roles],
                           "--data-dir", str(server.data_dir)], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    return token(server, name, made.stdout.strip())


def signed_in(server, access_token):
    """A requests session holding the console's session cookie."""
    browser = requests.Session()
    answer = browser.post(f"{server.base}/console/login", data={"token": access_token, "next": "/console"},
                          allow_redirects=False, timeout=10)
    assert answer.status_code in (302, 303), answer.text
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie
    return browser


def form_token(html):
    match = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert match, "the page has no form token"
    return match[1]


@pytest.fixture(scope="module")
def execution(server):
    """One execution of hello in flytesnacks (launched by the first admin client), and a second
    project, team-b, that the narrow clients cannot see."""
    result = server.pyflyte("register", "--image", "python:3.11", "hello", cwd=HELLO)
    assert result.returncode == 0, result.stdout + result.stderr
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    remote = FlyteRemote(Config.auto(str(server.config)), default_project="flytesnacks",
                         default_domain="development")
    launched = remote.execute(remote.fetch_launch_plan(name="hello.wf.main"), inputs={"name": "console"})
    admin = token(server, "vane-admin", (server.data_dir / "auth" / "vane-admin.secret").read_text().strip())
    channel = grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}")
    stub = admin_pb2_grpc.AdminServiceStub(channel)
    stub.RegisterProject(project_pb2.ProjectRegisterRequest(project=project_pb2.Project(id="team-b", name="team-b")),
                         metadata=[("authorization", f"Bearer {admin}")])
    return launched.id.name


def test_without_a_session_pages_send_to_sign_in_and_actions_are_refused(server):
    answer = requests.get(f"{server.base}/console", allow_redirects=False, timeout=10)
    assert answer.status_code in (302, 303)
    assert answer.headers["Location"].startswith("/console/login")
    login = requests.get(f"{server.base}/console/login", timeout=10)
    assert login.status_code == 200 and 'name="token"' in login.text
    assert requests.get(f"{server.base}/console/assets/console.css", timeout=10).status_code == 200
    refused = requests.post(f"{server.base}/console/projects/flytesnacks/domains/development/executions/x/abort",
                            data={"_csrf": "guess"}, allow_redirects=False, timeout=10)
    assert refused.status_code == 401
    bad = requests.post(f"{server.base}/console/login", data={"token": "x.y.z"}, allow_redirects=False, timeout=10)
    assert bad.status_code == 401 and "vane_console" not in bad.headers.get("Set-Cookie", "")
    # The rest of the HTTP port still wants a bearer token.
    assert requests.get(f"{server.base}/metrics", timeout=10).status_code == 401


def test_a_session_sees_only_its_tokens_projects(server, execution):
    browser = signed_in(server, client_token(server, "reader", "flytesnacks=read"))
    own = browser.get(server.base + LIST.format("flytesnacks"), timeout=10)
    assert own.status_code == 200 and execution in own.text
    assert browser.get(server.base + LIST.format("team-b"), timeout=10).status_code == 403
    projects = browser.get(f"{server.base}/console/projects", timeout=10)
    assert projects.status_code == 200
    assert "flytesnacks" in projects.text and "team-b" not in projects.text
    # Reading does not give the abort button, and the action itself is refused.
    page = browser.get(f"{server.base}/console/projects/flytesnacks/domains/development/executions/{execution}",
                       timeout=10)
    assert page.status_code == 200 and 'data-action="abort"' not in page.text
    aborted = browser.post(
        f"{server.base}/console/projects/flytesnacks/domains/development/executions/{execution}/abort",
        data={"_csrf": form_token(page.text)}, allow_redirects=False, timeout=10)
    assert aborted.status_code == 403

    other = signed_in(server, client_token(server, "team-b-writer", "team-b=write"))
    assert other.get(server.base + LIST.format("flytesnacks"), timeout=10).status_code == 403
    own_page = other.get(server.base + LIST.format("team-b"), timeout=10)
    assert own_page.status_code == 200
    refused = other.post(
        f"{server.base}/console/projects/flytesnacks/domains/development/executions/{execution}/abort",
        data={"_csrf": form_token(own_page.text)}, allow_redirects=False, timeout=10)
    assert refused.status_code == 403


def test_an_abort_without_the_form_token_is_refused_and_audited(server, execution):
    browser = signed_in(server, client_token(server, "writer", "flytesnacks=write"))
    url = f"{server.base}/console/projects/flytesnacks/domains/development/executions/{execution}/abort"
    assert browser.post(url, data={"cause": "no token"}, allow_redirects=False, timeout=10).status_code == 403
    assert browser.post(url, data={"_csrf": "forged"}, allow_redirects=False, timeout=10).status_code == 403
    page = browser.get(url.removesuffix("/abort"), timeout=10)
    assert page.status_code == 200 and "no token" not in page.text

    records = [json.loads(line) for line in (server.data_dir / "audit" / "audit.log").read_text().splitlines()]
    console = {(r["subject"], r["action"].split(" ")[0], r["outcome"]) for r in records if r["transport"] == "console"}
    assert ("writer", "sign", "ok") in console
    assert ("writer", "POST", "denied") in console
    assert ("reader", "POST", "denied") in console
    assert ("team-b-writer", "GET", "denied") in console
    assert ("-", "sign", "unauthenticated") in console
