"""`vane serve` stops on SIGTERM while console pages follow live updates: the Server-Sent-Events
streams end and the process exits, instead of waiting for the browsers to go away.

A server of its own (the test stops it); the streams are plain HTTP clients, no browser. Every
wait is bounded and on an explicit event: the first bytes of each stream, the process exit, the
end of each stream.
"""

import http.client
import signal
import subprocess

import pytest

from test_serve import start_server

# Bounds only: a passing run takes well under a second for each.
STOP_WITHIN = 15
READ_WITHIN = 15


def open_stream(port, path):
    """An open SSE response whose first event (`retry:`) has arrived."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=READ_WITHIN)
    connection.request("GET", path, headers={"Accept": "text/event-stream"})
    response = connection.getresponse()
    assert response.status == 200, response.read()
    assert response.getheader("Content-Type", "").startswith("text/event-stream")
    # Chunked: reading to the end raises IncompleteRead if the server dropped the connection
    # instead of ending the response.
    assert response.getheader("Transfer-Encoding", "") == "chunked"
    assert response.readline().startswith(b"retry:")
    return connection, response


@pytest.fixture
def server(vane_bin, tmp_path):
    srv = start_server(vane_bin, tmp_path)
    yield srv
    if srv.process.poll() is None:
        srv.process.kill()
        srv.process.wait(timeout=STOP_WITHIN)


def test_sigterm_ends_live_streams_and_stops_the_server(server):
    base = "/console/projects/flytesnacks/domains/development"
    streams = [open_stream(server.http_port, base + "/live") for _ in range(2)]

    server.process.send_signal(signal.SIGTERM)
    try:
        status = server.process.wait(timeout=STOP_WITHIN)
    except subprocess.TimeoutExpired:
        pytest.fail(f"vane serve did not stop within {STOP_WITHIN} s of SIGTERM with live streams open")
    assert status == 0, server.process.stderr.read()

    for connection, response in streams:
        # The server ended each stream (the last chunk arrived), it did not just vanish; a
        # stream that never ends runs into the socket timeout.
        response.read()
        assert response.isclosed()
        connection.close()
