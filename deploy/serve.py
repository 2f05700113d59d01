"""Several replicas of the dashboard behind nginx on one machine: a Procfile-style runner.

    python deploy/serve.py --replicas 2 --port 8080 [--first-port 8601] [--db PATH] [--address 0.0.0.0]
    python deploy/serve.py --replicas 2 --port 80 --print-config     # the nginx config for a server's nginx

It fills in deploy/nginx.conf in a run directory (a temporary one unless --rundir is given), starts N
`streamlit run deploy/asgi.py` (app.py in its server) on 127.0.0.1 (ports --first-port, --first-port + 1, ...),
each with $SURVEY_DB set when --db is given, waits until each answers /_stcore/health, then starts nginx on
--port with everything it writes (pid, logs, temporary files) in the run directory. A replica that stops is
started again on its port; SIGTERM or SIGINT stops everything. Each replica writes to replica-<port>.log in the
run directory, nginx to error.log and access.log (with the replica that served each request).

`replicas(n, db)` does the same as a context manager, for the tests and the load test (bench/load.py).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy import ENTRY
from deploy.wsclient import Session

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = Path(__file__).with_name("nginx.conf")
STARTUP_SECONDS = 60.0
MAX_REPLICAS = 32
SERVER_LOG = "/var/log/nginx/survey.access.log"  # the access log of --print-config


class StartError(RuntimeError):
    """A replica or nginx did not start."""


class Config(string.Template):
    delimiter = "@"  # nginx's own variables start with $


def nginx_binary() -> str | None:
    """nginx on the PATH, or Debian's /usr/sbin/nginx (not on a normal user's PATH); None without either."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(count: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


def in_use(address: str, port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address, port))
        except OSError:
            return True
    return False


def render(listen: str, ports: list[int], rundir: Path, access_log: str | None = None) -> str:
    """deploy/nginx.conf filled in: nginx listening on `listen` (a port, or address:port) in front of the
    replicas on 127.0.0.1:`ports`, its files in `rundir`."""
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports)
    # nginx started by root runs its workers as another user; the run directory is then left traversable.
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    return Config(TEMPLATE.read_text(encoding="utf-8")).substitute(
        user=user, rundir=str(rundir), servers=servers, listen=listen,
        access_log=access_log or str(rundir / "access.log"))


def wait_healthy(url: str, alive, what: str, log: Path, timeout: float = STARTUP_SECONDS) -> None:
    """Until `url`/_stcore/health answers ok; StartError if `alive()` turns false or the time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            pass
        if not alive():
            raise StartError(f"{what} stopped while starting{tail(log)}")
        if time.monotonic() > deadline:
            raise StartError(f"{what} did not answer at {url} within {timeout:.0f} s{tail(log)}")
        time.sleep(0.2)


def tail(log: Path, lines: int = 5) -> str:
    """The end of a log, to quote in a message (the run directory may be gone when it is read)."""
    try:
        last = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:]
    except OSError:
        return ""
    return f"; the end of {log}:\n" + "\n".join(last) if last else ""


def stop(process: subprocess.Popen | None, wait: float = 20.0) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Replica:
    """One `streamlit run deploy/asgi.py` (app.py in its server) on 127.0.0.1:`port`, over `db` ($SURVEY_DB)
    when given."""

    port: int
    db: Path | None
    log: Path
    process: subprocess.Popen | None = None
    restarts: int = 0
    next_try: float = 0.0  # when a replica that did not start again is tried once more

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "SURVEY_BEHIND_PROXY": "1"}  # nginx in front sets X-Real-IP (deploy/nginx.conf)
        if self.db is not None:
            env["SURVEY_DB"] = str(Path(self.db).absolute())
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(ENTRY), "--server.port", str(self.port),
                 "--server.address", "127.0.0.1", "--server.headless", "true",
                 "--browser.gatherUsageStats", "false"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait(self) -> None:
        wait_healthy(self.url, self.alive, f"the replica on port {self.port}", self.log)
        first_run(self.url)


def first_run(url: str) -> None:
    """The overview drawn once on a replica before people reach it: a process's first run imports the app and
    makes its pages, and sessions that arrived during it on a fresh process were once seen to get a page without
    its sidebar. Whatever goes wrong here shows again in the people's own sessions, so it is not an error."""
    async def visit() -> None:
        async with Session(url) as session:
            await session.open()

    try:
        asyncio.run(visit())
    except Exception:  # a first run that fails is for the replica's own log to tell
        pass


@dataclass
class Cluster:
    """Replicas behind nginx: `url` is the proxy's address."""

    url: str
    replicas: list[Replica]
    nginx: subprocess.Popen
    rundir: Path
    events: list[str] = field(default_factory=list)

    @property
    def processes(self) -> list[subprocess.Popen]:
        return [r.process for r in self.replicas]

    @property
    def access_log(self) -> Path:
        return self.rundir / "access.log"

    def revive(self) -> list[str]:
        """Start again each replica that has stopped (one that does not come up is tried again later, after
        twice as long each time, up to a minute); says what it did."""
        said = []
        for replica in self.replicas:
            if replica.alive() or time.monotonic() < replica.next_try:
                continue
            code = replica.process.returncode if replica.process else None
            replica.restarts += 1
            replica.start()
            try:
                replica.wait()
            except StartError as err:
                stop(replica.process)
                replica.next_try = time.monotonic() + min(60.0, 2.0 ** min(replica.restarts, 6))
                said.append(f"the replica on port {replica.port} stopped (exit code {code}) and did not start "
                            f"again: {err}")
                continue
            replica.next_try = 0.0
            said.append(f"the replica on port {replica.port} stopped (exit code {code}); it runs again "
                        f"(process {replica.process.pid})")
        self.events += said
        return said


@contextlib.contextmanager
def replicas(n: int, db: Path | list[Path] | None = None, port: int | None = None, first_port: int | None = None,
             address: str = "127.0.0.1", rundir: Path | None = None):
    """`n` replicas and nginx in front of them; yields a Cluster, and stops everything on the way out.
    `db`: one database for all, or one per replica (replicas each with a data folder of their own)."""
    dbs = list(db) if isinstance(db, (list, tuple)) else [db] * n
    if len(dbs) != n:
        raise ValueError(f"{n} replicas need {n} databases, not {len(dbs)}")
    if nginx_binary() is None:
        raise StartError("nginx is not installed (Debian: apt-get install nginx)")
    made = rundir is None
    rundir = Path(tempfile.mkdtemp(prefix="survey-deploy-")) if made else Path(rundir).absolute()
    rundir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chmod(rundir, 0o711)  # nginx's workers (nobody) reach their temporary files in it
    ports = list(range(first_port, first_port + n)) if first_port else free_ports(n + (port is None))
    if port is None:
        port = ports.pop()
    (rundir / "nginx.conf").write_text(render(f"{address}:{port}", ports, rundir), encoding="utf-8")
    group = [Replica(p, Path(d) if d else None, rundir / f"replica-{p}.log") for p, d in zip(ports, dbs)]
    nginx = None
    host = "127.0.0.1" if address in ("0.0.0.0", "") else address
    try:
        for replica in group:
            replica.start()
        for replica in group:
            replica.wait()
        binary = nginx_binary()
        with open(rundir / "nginx.out", "ab") as out:
            nginx = subprocess.Popen([binary, "-p", f"{rundir}/", "-c", str(rundir / "nginx.conf"),
                                      "-e", str(rundir / "error.log"), "-g", "daemon off;"],
                                     stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://{host}:{port}"
        wait_healthy(url, lambda: nginx.poll() is None, "nginx", rundir / "error.log")
        yield Cluster(url, group, nginx, rundir)
    finally:
        stop(nginx, wait=10)
        for replica in group:
            if replica.alive():
                replica.process.terminate()
        for replica in group:
            stop(replica.process)
        if made:
            shutil.rmtree(rundir, ignore_errors=True)


# --- the command line

def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python deploy/serve.py", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="how many app processes (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument("--first-port", type=int, default=8601,
                        help="the first replica's port on 127.0.0.1; the others follow (default 8601)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="the address nginx listens on (default 127.0.0.1; 0.0.0.0 for every interface)")
    parser.add_argument("--db", type=Path, help="the published database (default: $SURVEY_DB, else "
                                                "data/survey.duckdb)")
    parser.add_argument("--rundir", type=Path, help="where the nginx config, logs and pid go (default: a new "
                                                    "temporary folder, removed at the end)")
    parser.add_argument("--print-config", action="store_true",
                        help="print the filled-in nginx config for a server's own nginx, and start nothing")
    args = parser.parse_args(argv)
    n = args.replicas
    if not 1 <= n <= MAX_REPLICAS:
        parser.error(f"--replicas takes a whole number from 1 to {MAX_REPLICAS}, not {n}")
    if not 1 <= args.port <= 65535:
        parser.error(f"--port takes a port number from 1 to 65535, not {args.port}")
    if not 1 <= args.first_port <= 65536 - n:
        parser.error(f"--first-port takes a port number from 1 to {65536 - n} (with {n} replicas after it), "
                     f"not {args.first_port}")
    if args.first_port <= args.port < args.first_port + n:
        parser.error(f"nginx's port {args.port} is among the replicas' ports {args.first_port}–"
                     f"{args.first_port + n - 1}; choose another --port or --first-port")
    if args.db is not None and not args.db.exists():
        parser.error(f"there is no database at {args.db} (--db); build one with: python -m survey build "
                     f"--db {args.db}")
    if args.rundir is not None and args.rundir.exists() and not args.rundir.is_dir():
        parser.error(f"--rundir {args.rundir} is a file, not a folder")
    if not args.print_config:
        busy = [p for p in (args.port, *range(args.first_port, args.first_port + n))
                if in_use(args.address if p == args.port else "127.0.0.1", p)]
        if busy:
            parser.error(f"port{'s' if len(busy) > 1 else ''} {', '.join(map(str, busy))} "
                         f"{'are' if len(busy) > 1 else 'is'} already in use; choose others with --port and "
                         "--first-port")
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    n, ports = args.replicas, list(range(args.first_port, args.first_port + args.replicas))
    if args.print_config:
        rundir = (args.rundir or Path("/run/survey-nginx")).absolute()
        sys.stdout.write(render(f"{args.address}:{args.port}", ports, rundir, access_log=SERVER_LOG))
        return 0

    def stopping(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stopping)
    try:
        with replicas(n, args.db, args.port, args.first_port, args.address, args.rundir) as cluster:
            print(f"{n} replica{'s' if n > 1 else ''} on 127.0.0.1:{ports[0]}"
                  f"{f'–{ports[-1]}' if n > 1 else ''} behind nginx at {cluster.url} (process "
                  f"{cluster.nginx.pid}); logs in {cluster.rundir}", flush=True)
            while True:
                time.sleep(1)
                for said in cluster.revive():
                    print(said, file=sys.stderr, flush=True)
                if cluster.nginx.poll() is not None:
                    print(f"nginx stopped (exit code {cluster.nginx.returncode}); see {cluster.rundir}/error.log. "
                          "Stopping the replicas.", file=sys.stderr, flush=True)
                    return 1
    except StartError as err:
        print(f"Not started: {err}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
