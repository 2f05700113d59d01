"""make loadtest: how many people one server holds, and what a second replica adds. Sessions that speak
Streamlit's websocket protocol (deploy/wsclient.py, no browser: a browser per session would measure the browsers
on the server's own cores) open a page, then every 2 to 5 seconds change a filter, the compare-by or the page,
as people do, for a while.

For each database size (the seed's 847 respondents, a synthetic million) and each number of simultaneous
sessions (10, 50, 100), a fresh `streamlit run` server, and fresh two replicas behind nginx (deploy/serve.py,
each session keeping its replica cookie): sessions, actions per second, the time from an action to the
script's finished message (p50, p95, p99), errors, the servers' memory per session (their resident memory
together at the peak less before the sessions, over their number) and their CPU (cores busy on average: one
Python process runs scripts in threads under one GIL, so about one core is a replica's ceiling). Then, at the
seed's size, where p95 passes 1 s: 10, 20, 30, 40 sessions for a minute each, one server and two replicas, up
to the first load over it. Results go to bench/results.json ("load", "load_threshold") and bench/RESULTS.md.

    python bench/load.py                                  # the full run of make loadtest
    python bench/load.py --sizes seed --sessions 3 --seconds 8 --threshold none --no-write     # a short run
    python bench/load.py --sizes none --threshold 10,20,30,40                  # where p95 passes 1 s, alone
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import write_report
from bench.run import WORK, percentile
from deploy import ENTRY
from deploy.wsclient import Session

ROOT = Path(__file__).resolve().parent.parent

PAGES = ("", "usage", "channels", "guidelines", "challenges", "explore")
FILTERS = {"Kjønn": ["Mann", "Kvinne"], "Rolle": ["Leder (daglig leder eller eier)", "Mellomleder", "Fagperson"],
           "Bedriftens størrelse": ["1–4 ansatte", "10–19 ansatte", "50–99 ansatte"],
           "Landsdel": ["Oslo og Akershus", "Vestlandet"]}
COMPARE = ("Sammenlign etter", ["Ingen sammenligning", "Kjønn", "Alder", "Rolle"])
THINK = (2.0, 5.0)  # seconds between a person's actions


# --- the server

def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(db: Path, port: int | None = None, script: Path = ENTRY):
    """`streamlit run deploy/asgi.py` (app.py in its server; or `script`) over `db`; yields (url, process)."""
    from deploy.serve import wait_healthy

    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder, open(Path(folder) / "server.log", "w") as out:
        log = Path(out.name)
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, "SURVEY_DB": str(db)}, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_healthy(url, lambda: process.poll() is None, "the server", log, timeout=60)
            yield url, process
        finally:
            process.terminate()
            process.wait(timeout=30)


def resident_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:")) / 1024


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the people

async def person(base: str, number: int, until: float, runs: list, think=THINK, sticky: bool = False) -> None:
    """One session: a page with a random view, then an action every `think` seconds until `until`."""
    rng = random.Random(number)
    try:
        async with Session(base, sticky=sticky) as session:
            runs.append(("open", await session.open(rng.choice(PAGES))))
            while time.perf_counter() < until:
                await asyncio.sleep(rng.uniform(*think))
                if time.perf_counter() >= until:
                    break
                runs.append(await act(session, rng))
    except OSError as err:  # the connection itself refused: an error of the server
        from deploy.wsclient import Run

        runs.append(("connect", Run(0.0, f"{type(err).__name__}: {err}")))


async def act(session: Session, rng: random.Random):
    roll = rng.random()
    if roll < 0.5:
        label = rng.choice(list(FILTERS))
        chosen = rng.sample(FILTERS[label], rng.randint(0, 2))
        return "filter", await choose(session, label, chosen)
    if roll < 0.7:
        return "compare", await choose(session, COMPARE[0], [rng.choice(COMPARE[1])])
    return "page", await session.goto(rng.choice([p for p in PAGES if p != session.page]))


async def choose(session: Session, label: str, options: list[str]):
    """A filter or the compare-by set, as a person would; one the last run did not draw is an error of that run
    (a page that failed draws no sidebar)."""
    if label not in session.widgets:
        from deploy.wsclient import Run

        return Run(0.0, f"no widget {label!r} was drawn")
    return await session.choose(label, options)


async def crowd(base: str, pid: int | list[int], sessions: int, seconds: float, think=THINK,
                sticky: bool = False) -> dict:
    """`sessions` people at once for `seconds` (their first pages spread over the first think time), on the
    server `pid` or the replicas `pid` (a list: memory and CPU summed over them). `sticky`: through the proxy,
    each session with its replica cookie."""
    pids = pid if isinstance(pid, (list, tuple)) else [pid]

    def memory() -> float:
        return sum(resident_mb(p) for p in pids)

    def cpu() -> float:
        return sum(cpu_seconds(p) for p in pids)

    runs: list = []
    before, cpu_before, started = memory(), cpu(), time.perf_counter()
    until = started + seconds
    peak = before

    async def sample() -> None:
        nonlocal peak
        while time.perf_counter() < until:
            peak = max(peak, memory())
            await asyncio.sleep(1)

    async def staggered(number: int) -> None:
        await asyncio.sleep(random.Random(-number).uniform(0, think[0]))
        await person(base, number, until, runs, think, sticky)

    await asyncio.gather(sample(), *(staggered(i) for i in range(sessions)))
    wall = time.perf_counter() - started
    return summary(runs, sessions, seconds, wall, before, peak, cpu() - cpu_before)


def summary(runs: list, sessions: int, seconds: float, wall: float, before: float, peak: float, cpu: float) -> dict:
    ms = [1000 * run.seconds for _, run in runs if run.error is None]
    errors = [f"{kind}: {run.error}" for kind, run in runs if run.error]
    pct = (lambda q: round(percentile(ms, q), 1)) if ms else (lambda q: None)
    return {"sessions": sessions, "seconds": seconds, "actions": len(runs),
            "actions_per_second": round(len(runs) / wall, 2),
            "p50_ms": pct(0.5), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "errors": len(errors),
            "first_errors": errors[:5], "memory_before_mb": round(before), "memory_peak_mb": round(peak),
            "mb_per_session": round((peak - before) / sessions, 1), "cpu_cores": round(cpu / wall, 2)}


# --- the runs

def database(size: str) -> tuple[Path, int]:
    """The seed (the reconstruction, built) or a synthetic database of `size` respondents."""
    from survey.demo.synth import synthesize
    from survey.ingest.imports import build

    WORK.mkdir(parents=True, exist_ok=True)
    if size == "seed":
        db = WORK / "survey_seed.duckdb"
        if not db.exists():
            build(ROOT / "data" / "responses.csv", db)
        return db, 847
    n = int(size)
    db = WORK / f"survey_{n}.duckdb"
    if not db.exists():
        synthesize(n, db)
    return db, n


@contextlib.contextmanager
def servers(db: Path, replicas: int):
    """One server (1: `streamlit run` itself, no proxy), or `replicas` behind nginx (deploy/serve.py); yields
    the address to drive, the servers' addresses and their process ids."""
    if replicas == 1:
        with server(db) as (base, process):
            yield base, [base], [process.pid]
        return
    from deploy.serve import replicas as behind_nginx

    with behind_nginx(replicas, db) as cluster:
        yield cluster.url, [r.url for r in cluster.replicas], [p.pid for p in cluster.processes]


async def warm(urls: list[str], pids: list[int]) -> None:
    """A session on each server, directly: the first run of a process imports everything."""
    await asyncio.gather(*(crowd(url, pid, 1, 3, think=(0.5, 1.0)) for url, pid in zip(urls, pids)))


def run(sizes: list[str], counts: list[int], seconds: float, think=THINK, replicas=(1, 2)) -> list[dict]:
    out = []
    for size in sizes:
        db, n = database(size)
        for sessions in counts:
            for many in replicas:
                with servers(db, many) as (base, direct, pids):
                    asyncio.run(warm(direct, pids))
                    measured = asyncio.run(crowd(base, pids, sessions, seconds, think, sticky=many > 1))
                out.append({"respondents": n, "replicas": many, **measured})
                print(json.dumps(out[-1]), flush=True)
    return out


def threshold(counts: list[int], seconds: float, replicas=(1, 2), limit_ms: float = 1000.0) -> list[dict]:
    """Where p95 passes `limit_ms` at the seed's size: for each number of replicas, loads of `counts` sessions
    in turn, up to the first whose p95 passes it."""
    db, n = database("seed")
    out = []
    for many in replicas:
        for sessions in counts:
            with servers(db, many) as (base, direct, pids):
                asyncio.run(warm(direct, pids))
                measured = asyncio.run(crowd(base, pids, sessions, seconds, sticky=many > 1))
            out.append({"respondents": n, "replicas": many, **measured})
            print(json.dumps(out[-1]), flush=True)
            if measured["p95_ms"] is None or measured["p95_ms"] > limit_ms:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,1000000", help="seed and/or numbers of respondents")
    parser.add_argument("--sessions", default="10,50,100", help="numbers of simultaneous sessions")
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--replicas", default="1,2",
                        help="numbers of replicas: 1 is one server alone, more are behind nginx (default 1,2)")
    parser.add_argument("--threshold", default="10,20,30,40",
                        help="then, at the seed's size, these numbers of sessions in turn (for --threshold-seconds "
                             "each) until p95 passes 1 s; 'none' to skip")
    parser.add_argument("--threshold-seconds", type=float, default=60)
    parser.add_argument("--no-write", action="store_true", help="print, do not write bench/results.json")
    args = parser.parse_args()
    try:
        replicas = [int(r) for r in args.replicas.split(",")]
    except ValueError:
        parser.error(f"--replicas takes whole numbers separated by commas, such as 1,2, not {args.replicas!r}")
    if not replicas or min(replicas) < 1:
        parser.error(f"--replicas takes numbers of at least 1, not {args.replicas!r}")
    from deploy.serve import nginx_binary

    if max(replicas) > 1 and nginx_binary() is None:
        parser.error("more than one replica runs behind nginx, which is not installed (apt-get install nginx); "
                     "run with --replicas 1")
    try:
        counts = [] if args.threshold == "none" else [int(c) for c in args.threshold.split(",")]
    except ValueError:
        parser.error(f"--threshold takes whole numbers separated by commas, or none, not {args.threshold!r}")
    measured = run(args.sizes.split(","), [int(c) for c in args.sessions.split(",")], args.seconds,
                   replicas=replicas) if args.sizes != "none" else []
    passing = threshold(counts, args.threshold_seconds, replicas) if counts else []
    if args.no_write:
        return
    results_path = ROOT / "bench" / "results.json"
    results = json.loads(results_path.read_text(encoding="utf-8"))
    if measured:
        results["load"] = measured
    if passing:
        results["load_threshold"] = passing
    results_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_report(results, ROOT / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
