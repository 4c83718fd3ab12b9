extension ForkServerScript {
  /// The fork server's first half: the protocol loop, the imports and the forking — all the
  /// fork server's own process ever runs (with the modules it imports).
  static let serverHalf = #"""
    """Vane's fork server, protocol 1. Written by the vane binary, which starts it; do not edit.

    Imports flytekit once (and, for a code bundle, unpacks it and imports the task modules the
    requests name), then forks a fresh process per task attempt: the parent never runs task code
    other than imports. Messages on fd argv[1] are a 4-byte big-endian length and a JSON object.

    An attempt is two processes, like a cold start's wrapper shell and its command: the leader (own
    session and process group; claims the attempt with `started`, writes `process`, `pid` and, when
    the task ends, `exit` in the attempt directory) and its child, which runs `pyflyte-execute`'s
    own code in-process with the attempt's argv, environment, directory, logs and limits.
    """
    import gc
    import json
    import os
    import select
    import shutil
    import signal
    import struct
    import sys

    PROTOCOL = 1
    MAX_IN = 4 << 20
    MAX_OUT = 64 << 10
    CONTROL = int(sys.argv[1])
    SERVER_DIR = sys.argv[2]
    ARCHIVE = sys.argv[3] or None
    CODE_DIR = os.path.join(SERVER_DIR, "code")
    PYTHONPATH = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    BASE_PATH = [p for p in sys.path[1:] if p not in PYTHONPATH]
    ENTRYPOINTS = ("pyflyte-fast-execute", "pyflyte-execute", "pyflyte-map-execute")
    TASK_SIGNALS = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP}


    def send(message):
        data = json.dumps(message).encode()
        if len(data) > MAX_OUT:
            data = json.dumps({"type": "fatal", "reason": f"a {message.get('type')} reply grew too large"}).encode()
        frame = struct.pack(">I", len(data)) + data
        while frame:
            frame = frame[os.write(CONTROL, frame):]


    def thread_count():
        try:
            return len(os.listdir("/proc/self/task"))
        except OSError:
            import threading
            return threading.active_count()


    def open_sockets():
        found = set()
        for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else ():
            try:
                if os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                    found.add(int(name))
            except OSError:
                pass
        return found


    def check_request(message):
        """What is wrong with a fork request, or None."""
        if not isinstance(message, dict) or message.get("type") != "fork":
            return "not a fork request"
        for key in ("id", "cwd", "stdout", "stderr"):
            if not isinstance(message.get(key), str) or not message[key]:
                return f"{key} must be a non-empty string"
        argv, env, imports = message.get("argv"), message.get("env"), message.get("imports", [])
        if not isinstance(argv, list) or not argv or not all(isinstance(a, str) for a in argv):
            return "argv must be a non-empty list of strings"
        if os.path.basename(argv[0]) not in ENTRYPOINTS:
            return f"{argv[0]} is not a flytekit task entrypoint"
        if not isinstance(env, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in env.items()):
            return "env must map strings to strings"
        if not isinstance(imports, list) or not all(isinstance(m, str) and m for m in imports):
            return "imports must be a list of module names"
        if not os.path.isdir(message["cwd"]):
            return f"{message['cwd']} is not a directory"
        return None


    def extract_bundle():
        """Unpacks the bundle with flytekit's own code, in a child: downloading starts threads."""
        os.makedirs(CODE_DIR, exist_ok=True)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                from flytekit.bin.entrypoint import _download_distribution
                _download_distribution(ARCHIVE, CODE_DIR)
                code = 0
            except BaseException as error:
                print(f"vane fork server: cannot unpack {ARCHIVE}: {error!r}", file=sys.stderr, flush=True)
            os._exit(code)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


    class Server:
        def __init__(self, sockets):
            self.sockets = sockets
            self.running = {}
            self.imported = set()
            self.buffer = b""
            self.closing = False
            self.wake_read, self.wake_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
            signal.set_wakeup_fd(self.wake_write)
            signal.signal(signal.SIGCHLD, lambda *_: None)

        def serve(self):
            """Until the engine hangs up and the last attempt has ended (they may import from CODE_DIR)."""
            while not (self.closing and not self.running):
                readable = select.select([self.wake_read] + ([] if self.closing else [CONTROL]), [], [])[0]
                if self.wake_read in readable:
                    try:
                        while os.read(self.wake_read, 512):
                            pass
                    except BlockingIOError:
                        pass
                    self.reap()
                if CONTROL in readable:
                    data = os.read(CONTROL, 1 << 16)
                    self.closing = not data
                    self.buffer += data
                    if not self.handle_frames():
                        return 3
            shutil.rmtree(SERVER_DIR, ignore_errors=True)
            return 0

        def handle_frames(self):
            while len(self.buffer) >= 4:
                size = struct.unpack(">I", self.buffer[:4])[0]
                if size > MAX_IN:
                    send({"type": "fatal", "reason": f"a request of {size} bytes is over the limit of {MAX_IN}"})
                    return False
                if len(self.buffer) < 4 + size:
                    return True
                frame, self.buffer = self.buffer[4:4 + size], self.buffer[4 + size:]
                try:
                    message = json.loads(frame)
                    problem = check_request(message)
                except ValueError as error:
                    message, problem = None, f"not JSON: {error}"
                if problem:
                    identifier = message.get("id") if isinstance(message, dict) else None
                    send({"type": "refused", "id": str(identifier or ""), "reason": problem, "spent": False})
                elif not self.fork(message):
                    return False
            return True

        def reap(self):
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    return
                if pid == 0:
                    return
                identifier = self.running.pop(pid, None)
                if identifier is not None and not self.closing:
                    send({"type": "exited", "id": identifier, "pid": pid, "status": status})

        def fork(self, request):
            """Imports what the request names, forks its leader, replies; False when this server is spent."""
            for module in request.get("imports", []):
                if module in self.imported:
                    continue
                self.imported.add(module)
                try:
                    __import__(module)
                except BaseException as error:
                    print(f"vane fork server: importing {module} failed, left to the task: {error!r}", flush=True)
                unsafe = "threads" if thread_count() > 1 else "sockets" if open_sockets() - self.sockets else None
                if unsafe:
                    reason = f"importing {module} left {unsafe} behind that forked tasks would share"
                    send({"type": "refused", "id": request["id"], "reason": reason, "spent": True})
                    return False
            sys.stdout.flush()
            sys.stderr.flush()
            gc.freeze()  # so a task's garbage collections do not copy the server's pages
            pid = os.fork()
            if pid == 0:
                lead(request, self)
            self.running[pid] = request["id"]
            send({"type": "forked", "id": request["id"], "pid": pid})
            return True


    """#
}
