extension ForkServerScript {
  /// The fork server's second half: what runs in the forked processes — the attempt's leader
  /// (in the role of a cold start's wrapper shell) and the task process — and `main`.
  static let taskHalf = #"""
    def write_atomically(path, text):
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w") as file:
            file.write(text)
        os.replace(temporary, path)


    def lead(request, server):
        """The attempt's leader, in the role of a cold start's wrapper shell; never returns."""
        code, directory = 125, request["cwd"]
        try:
            signal.pthread_sigmask(signal.SIG_BLOCK, TASK_SIGNALS)
            os.setsid()
            signal.set_wakeup_fd(-1)
            for descriptor in (server.wake_read, server.wake_write, CONTROL):
                os.close(descriptor)
            try:
                # Exclusive: a cold start the engine fell back to may have claimed the attempt first.
                claim = os.open(os.path.join(directory, "started"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                os._exit(0)
            os.write(claim, f"warm {os.getppid()}\n".encode())
            os.close(claim)
            with open("/proc/self/stat") as stat:
                start = stat.read().rpartition(")")[2].split()[19]
            write_atomically(os.path.join(directory, "process"), f"{os.getpid()} {start}\n")
            write_atomically(os.path.join(directory, "pid"), f"{os.getpid()}\n")
            for descriptor, path, flags in ((0, "/dev/null", os.O_RDONLY),
                                            (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_APPEND),
                                            (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)):
                opened = os.open(path, flags, 0o644)
                os.dup2(opened, descriptor)
                os.close(opened)
            os.chdir(directory)
            received = []
            for number in TASK_SIGNALS:
                signal.signal(number, lambda number, _: received.append(number))
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            # A signal that came before the task started is remembered and the task never starts.
            signal.pthread_sigmask(signal.SIG_UNBLOCK, TASK_SIGNALS)
            signal.pthread_sigmask(signal.SIG_BLOCK, TASK_SIGNALS)
            if received:
                code = 128 + received[0]
            else:
                child = os.fork()
                if child == 0:
                    finish(run_task(request))
                signal.pthread_sigmask(signal.SIG_UNBLOCK, TASK_SIGNALS)
                code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
                code = 128 - code if code < 0 else code
            write_atomically(os.path.join(directory, "exit"), f"{code}\n")
        except BaseException as error:
            try:
                write_atomically(os.path.join(directory, "exit"), f"error the warm start failed: {error!r}\n")
            except BaseException:
                pass
        os._exit(code)


    def run_task(request):
        """In the task process: the state a fresh `pyflyte-execute` would start with, then its code."""
        for number in range(1, signal.NSIG):
            try:
                signal.signal(number, signal.SIG_DFL)
            except (OSError, ValueError, RuntimeError):
                pass
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        import resource
        for name, soft, hard in request.get("limits", []):
            try:
                resource.setrlimit(getattr(resource, name), (soft, hard))
            except (AttributeError, ValueError, OSError) as error:
                print(f"vane: could not set {name} to {soft}/{hard}: {error}", file=sys.stderr)
        os.environ.clear()
        os.environ.update(request["env"])
        try:
            fresh_process_state()
            return run_program(request["argv"])
        except SystemExit as done:
            return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except BaseException:
            import traceback
            traceback.print_exc()
            return 1


    def finish(code):
        """Ends the task process as the interpreter would, but without tearing down the modules it
        shares with the fork server: that would touch, and so copy, every page of them (~0.5 s)."""
        import atexit
        import threading
        try:
            threading._shutdown()
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


    def fresh_process_state():
        """Redoes what flytekit 1.16 does once per process at import time, with the task's own
        environment and temporary directory, and gives the task fresh random state."""
        import asyncio
        import tempfile
        from flytekit.configuration import Config, DataConfig
        from flytekit.core import context_manager, data_persistence
        from flytekit.extend.backend import base_connector
        base_connector.local_connector_loop.close()
        os.closerange(3, 1 << 20)
        base_connector.local_connector_loop = asyncio.new_event_loop()
        tempfile.tempdir = None
        data_persistence.flyte_tmp_dir = tempfile.mkdtemp(prefix="flyte-")
        provider = data_persistence.FileAccessProvider(
            local_sandbox_dir=os.path.join(data_persistence.flyte_tmp_dir, "sandbox"),
            raw_output_prefix=os.path.join(data_persistence.flyte_tmp_dir, "raw"),
            data_config=DataConfig.auto())
        data_persistence.default_local_file_access_provider = provider
        context_manager.default_local_file_access_provider = provider
        sandbox, old = tempfile.mkdtemp(prefix="flyte"), Config.local_sandbox_path
        Config.__init__.__defaults__ = tuple(sandbox if d == old else d for d in Config.__init__.__defaults__)
        Config.local_sandbox_path = sandbox
        context_manager.FlyteContextManager.initialize()
        for module, reseed in (("numpy", lambda numpy: numpy.random.seed()), ("torch", lambda torch: torch.seed())):
            if module in sys.modules:
                reseed(sys.modules[module])


    # What `fresh_process_state` and `run_program` use of flytekit: module, attribute path.
    PROCESS_STATE = (
        ("flytekit.extend.backend.base_connector", "local_connector_loop"),
        ("flytekit.core.data_persistence", "flyte_tmp_dir"),
        ("flytekit.core.data_persistence", "FileAccessProvider"),
        ("flytekit.core.data_persistence", "default_local_file_access_provider"),
        ("flytekit.core.context_manager", "default_local_file_access_provider"),
        ("flytekit.core.context_manager", "FlyteContextManager.initialize"),
        ("flytekit.configuration", "Config.local_sandbox_path"),
        ("flytekit.configuration", "DataConfig.auto"),
        ("flytekit.bin.entrypoint", "_download_distribution"),
        ("flytekit.bin.entrypoint", "fast_execute_task_cmd"),
        ("flytekit.bin.entrypoint", "execute_task_cmd"),
        ("flytekit.bin.entrypoint", "map_execute_task_cmd"),
    )


    def missing_process_state():
        """What of `PROCESS_STATE` this flytekit lacks. A server for another flytekit layout does
        not start, so its tasks start cold rather than share per-process state (temporary
        directories, the connector's event loop) between attempts."""
        import importlib
        missing = []
        for module, path in PROCESS_STATE:
            try:
                found = importlib.import_module(module)
                for name in path.split("."):
                    found = getattr(found, name)
            except (ImportError, AttributeError):
                missing.append(f"{module}.{path}")
        return missing


    def run_program(argv):
        """`pyflyte-fast-execute … -- pyflyte-execute …`, `pyflyte-execute …` or `pyflyte-map-execute …`,
        as their console scripts run them; the fast launcher's child runs in this process."""
        from flytekit.bin import entrypoint
        program, args = os.path.basename(argv[0]), list(argv[1:])
        if program == "pyflyte-fast-execute":
            params = entrypoint.fast_execute_task_cmd.make_context(program, args).params
            distribution, destination = params["additional_distribution"], params["dest_dir"]
            if distribution is not None:
                destination = destination or os.getcwd()
                entrypoint._download_distribution(distribution, destination)
            command = []
            for argument in params["task_execute_cmd"]:
                if argument == "--resolver":
                    command += ["--dynamic-addl-distro", distribution, "--dynamic-dest-dir", destination]
                command.append(argument)
            if destination is not None:
                resolved = os.path.realpath(os.path.expanduser(destination))
                current = os.environ.get("PYTHONPATH")
                os.environ["PYTHONPATH"] = current + os.pathsep + resolved if current else resolved
            program, args = os.path.basename(command[0]), command[1:]
        commands = {"pyflyte-execute": entrypoint.execute_task_cmd, "pyflyte-map-execute": entrypoint.map_execute_task_cmd}
        if program not in commands:
            print(f"vane: {program} is not a flytekit task entrypoint", file=sys.stderr)
            return 127
        path = shutil.which(program) or program
        entries = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        sys.path[:] = [os.path.dirname(path)] + entries + BASE_PATH
        sys.argv = [path] + args
        return commands[program].main(args=args, prog_name=path)


    def main():
        try:
            import flytekit
            import flytekit.bin.entrypoint  # noqa: F401
        except BaseException as error:
            send({"type": "fatal", "reason": f"cannot import flytekit: {error!r}"})
            return 3
        missing = missing_process_state()
        if missing:
            reason = f"flytekit {flytekit.__version__} lacks what a forked task's fresh start needs: {', '.join(missing)}"
            send({"type": "fatal", "reason": reason})
            return 3
        if thread_count() > 1:
            send({"type": "fatal", "reason": "importing flytekit started threads; forking would be unsafe"})
            return 3
        bundle = bool(ARCHIVE) and extract_bundle()
        if bundle:
            sys.path[0] = CODE_DIR
            os.chdir(CODE_DIR)
        else:
            del sys.path[0]
            os.chdir(SERVER_DIR)
        server = Server(open_sockets())
        send({"type": "hello", "protocol": PROTOCOL, "pid": os.getpid(), "flytekit": flytekit.__version__,
              "python": sys.version.split()[0], "bundle": bundle})
        return server.serve()


    if __name__ == "__main__":
        sys.exit(main())
    """#
}
