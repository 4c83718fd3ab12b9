"""Issue #10: FlyteAdmin's REST/JSON API (`/api/v1/…`, as grpc-gateway serves it) on `vane serve`'s
HTTP port — answers that match the gRPC ones, an execution started and read over HTTP, binary
protobuf, grpc-gateway's error bodies, and the route table generated from flyteidl's descriptors.

Reuses the module server and registration of the `hello` example from test_serve.
"""

import json
import subprocess
import sys
import urllib.error
import urllib.request

import grpc
from flyteidl.admin import common_pb2, execution_pb2, launch_plan_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.service import admin_pb2_grpc
from google.protobuf import json_format

from runs import REPO, wait_for
from test_serve import registered, server  # noqa: F401  (module fixtures)

PROJECT, DOMAIN, PLAN = "flytesnacks", "development", "hello.wf.main"


def call(server, method, path, body=None, headers=None):
    """(HTTP status, body bytes, content type) of one REST call."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.http_port}{path}", method=method, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.headers.get("Content-Type")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type")


def get_json(server, path):
    status, body, content_type = call(server, "GET", path)
    assert status == 200, (path, status, body)
    assert content_type == "application/json"
    return body


def stub(server):
    channel = grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}")
    return channel, admin_pb2_grpc.AdminServiceStub(channel)


def latest_plan(server):
    channel, admin = stub(server)
    with channel:
        plans = admin.ListLaunchPlans(common_pb2.ResourceListRequest(
            id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN, name=PLAN), limit=1,
            sort_by=common_pb2.Sort(key="created_at", direction=common_pb2.Sort.DESCENDING)), timeout=10)
        return plans.launch_plans[0]


def test_a_launch_plan_reads_the_same_over_rest_and_grpc(server, registered):  # noqa: F811
    plan = latest_plan(server)
    body = get_json(server, f"/api/v1/launch_plans/{PROJECT}/{DOMAIN}/{PLAN}/{plan.id.version}")
    # Proto field names, as FlyteAdmin's gateway writes them.
    assert '"launch_plan_id"' in body.decode() or '"workflow_id"' in body.decode()
    over_rest = json_format.Parse(body, launch_plan_pb2.LaunchPlan())
    assert over_rest == plan
    # Every field is printed, set or not, as FlyteAdmin's marshaler (EmitUnpopulated): defaults,
    # empty lists and maps, null for unset messages; never an unset oneof member.
    printed = json.loads(body)
    assert printed["spec"]["max_parallelism"] == plan.spec.max_parallelism
    assert printed["spec"]["role"] == ""
    assert printed["spec"]["overwrite_cache"] is False
    assert printed["spec"]["execution_env_assignments"] == []
    assert printed["spec"]["concurrency_policy"] is None
    assert printed["id"]["org"] == ""
    assert "cron_expression" not in json.dumps(printed)

    # A listing with query parameters: nested fields by dotted name, enums by name.
    listed = json_format.Parse(get_json(
        server, f"/api/v1/launch_plans/{PROJECT}/{DOMAIN}/{PLAN}?limit=1&sort_by.key=created_at"
                "&sort_by.direction=DESCENDING"), launch_plan_pb2.LaunchPlanList())
    assert [p.id for p in listed.launch_plans] == [plan.id]


def test_binary_protobuf_when_asked(server, registered):  # noqa: F811
    plan = latest_plan(server)
    status, body, content_type = call(
        server, "GET", f"/api/v1/launch_plans/{PROJECT}/{DOMAIN}/{PLAN}/{plan.id.version}",
        headers={"Accept": "application/octet-stream"})
    assert status == 200 and content_type == "application/octet-stream"
    decoded = launch_plan_pb2.LaunchPlan()
    decoded.ParseFromString(body)
    assert decoded == plan


def test_an_execution_started_and_read_over_rest(server, registered):  # noqa: F811
    plan = latest_plan(server)
    inputs = literals_pb2.LiteralMap(literals={"name": literals_pb2.Literal(scalar=literals_pb2.Scalar(
        primitive=literals_pb2.Primitive(string_value="rest")))})
    request = execution_pb2.ExecutionCreateRequest(
        project=PROJECT, domain=DOMAIN, name="over-rest-1", inputs=inputs,
        spec=execution_pb2.ExecutionSpec(launch_plan=plan.id))
    status, body, _ = call(
        server, "POST", "/api/v1/executions",
        body=json_format.MessageToJson(request, preserving_proto_field_name=True).encode(),
        headers={"Content-Type": "application/json"})
    assert status == 200, body
    created = json_format.Parse(body, execution_pb2.ExecutionCreateResponse())
    assert created.id.name == "over-rest-1"

    path = f"/api/v1/executions/{PROJECT}/{DOMAIN}/over-rest-1"

    def succeeded():
        execution = json_format.Parse(get_json(server, path), execution_pb2.Execution())
        return execution if execution.closure.phase in (4, 5, 6, 7) else None  # SUCCEEDED … ABORTED, TIMED_OUT

    execution = wait_for(succeeded, 120, "the execution started over REST to end")
    assert execution.closure.phase == 4, execution.closure  # SUCCEEDED
    data = json_format.Parse(
        get_json(server, f"/api/v1/data/executions/{PROJECT}/{DOMAIN}/over-rest-1"),
        execution_pb2.WorkflowExecutionGetDataResponse())
    assert data.full_outputs.literals["o0"].scalar.primitive.string_value == "HELLO, REST!"

    # Node executions of the execution, listed with a filter in the query.
    listed = json.loads(get_json(server, f"/api/v1/node_executions/{PROJECT}/{DOMAIN}/over-rest-1?limit=50"))
    assert {node["id"]["node_id"] for node in listed["node_executions"]} >= {"n0"}

    # Starting it again under the same name: ALREADY_EXISTS → 409.
    again, body, _ = call(
        server, "POST", "/api/v1/executions",
        body=json_format.MessageToJson(request, preserving_proto_field_name=True).encode())
    assert again == 409, body
    assert json.loads(body)["code"] == grpc.StatusCode.ALREADY_EXISTS.value[0]


def test_errors_are_grpc_gateway_error_bodies(server, registered):  # noqa: F811
    status, body, content_type = call(server, "GET", f"/api/v1/executions/{PROJECT}/{DOMAIN}/never-ran")
    assert status == 404 and content_type == "application/json"
    error = json.loads(body)
    assert error["code"] == grpc.StatusCode.NOT_FOUND.value[0] and "never-ran" in error["message"]
    assert error["details"] == []

    status, body, _ = call(server, "GET", f"/api/v1/executions/{PROJECT}/{DOMAIN}?bogus=1")
    assert status == 400 and "bogus" in json.loads(body)["message"]

    status, body, _ = call(server, "GET", f"/api/v1/executions/{PROJECT}/{DOMAIN}?limit=1&limit=2")
    assert status == 400 and "limit" in json.loads(body)["message"]

    status, body, _ = call(server, "POST", "/api/v1/executions", body=b"{not json")
    assert status == 400 and json.loads(body)["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]

    status, body, _ = call(server, "POST", "/api/v1/executions", body=b'{"no_such_field": 1}')
    assert status == 400, body

    status, body, _ = call(server, "PATCH", f"/api/v1/executions/{PROJECT}/{DOMAIN}/never-ran")
    assert status == 501 and json.loads(body)["code"] == grpc.StatusCode.UNIMPLEMENTED.value[0]

    status, body, _ = call(server, "GET", "/api/v1/no_such_collection/x")
    assert status == 404 and json.loads(body)["code"] == grpc.StatusCode.NOT_FOUND.value[0]


def test_the_route_table_is_generated_from_flyteidl():
    generated = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "idl" / "gateway_routes.py"), "-"],
        capture_output=True, text=True, timeout=60, check=True).stdout
    directory = REPO / "Sources" / "VaneServer" / "Gateway" / "Generated"
    committed = (directory / "GatewayRoutes.swift").read_text() + (directory / "GatewaySchema+Flyte.swift").read_text()
    assert generated == committed, "run scripts/idl/gateway_routes.py: the committed routes are stale"
    assert 'path: "/api/v1/executions/{id.project}/{id.domain}/{id.name}"' in committed


def test_identifier_enums_in_the_path_are_names_or_numbers(server, registered):  # noqa: F811
    for kind in ("LAUNCH_PLAN", str(identifier_pb2.LAUNCH_PLAN)):
        entity = json_format.Parse(
            get_json(server, f"/api/v1/named_entities/{kind}/{PROJECT}/{DOMAIN}/{PLAN}"),
            common_pb2.NamedEntity())
        assert entity.id.name == PLAN and entity.resource_type == identifier_pb2.LAUNCH_PLAN
