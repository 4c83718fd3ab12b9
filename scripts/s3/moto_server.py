"""An S3-compatible server for the tests: moto's server on a free loopback port.

    python scripts/s3/moto_server.py DIR

Binds 127.0.0.1 on a port the kernel picks (no race with other test runs), writes
http://127.0.0.1:PORT to DIR/url once it accepts requests, and serves until SIGTERM or SIGINT.
Authentication is off unless MOTO_ENABLE_IAM=1 (moto's INITIAL_NO_AUTH_ACTION_COUNT then
applies, as in test_s3_faults' credential test).
"""

import logging
import os
import signal
import socketserver
import sys
import threading
from pathlib import Path

from moto.server import ThreadedMotoServer


def main() -> None:
    directory = Path(sys.argv[1])
    directory.mkdir(parents=True, exist_ok=True)
    # Clients open dozens of connections at once: the default listen backlog of 5 refuses them.
    socketserver.TCPServer.request_queue_size = 1024
    # One log line per request costs moto more than the request itself.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    (directory / "pid").write_text(str(os.getpid()))
    temporary = directory / "url.tmp"
    temporary.write_text(f"http://{host}:{port}\n")
    temporary.rename(directory / "url")
    stop.wait()
    server.stop()


if __name__ == "__main__":
    main()
