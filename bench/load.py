"""Many users at once: simultaneous sessions (threads, each driving its own AppTest) changing filters and pages
for a while on one database; counts the reruns and the errors and adds them to bench/results.json.

    python bench/load.py --respondents 1000000 --sessions 20 --seconds 60
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import write_report  # noqa: E402
from bench.run import WORK, percentile  # noqa: E402

PAGES = ("usage", "channels", "guidelines", "challenges", "explore")
CHOICES = {"gender": ("female", "male"), "role": ("leader", "manager", "specialist"),
           "company_size": ("1_4", "10_19", "50_99"), "region": ("oslo_akershus", "vestlandet")}


def session(number: int, until: float, times: list[float], errors: list[str]) -> None:
    from streamlit.testing.v1 import AppTest

    rng = random.Random(number)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    app.run()
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            if rng.random() < 0.3:
                app.switch_page(f"pages/{rng.choice(PAGES)}.py").run()
            else:
                dim = rng.choice(list(CHOICES))
                app.multiselect(key=dim).set_value(rng.sample(CHOICES[dim], rng.randint(0, 2))).run()
            if app.exception:
                errors.append(app.exception[0].message)
        except Exception as err:  # a failed rerun is what this test counts
            errors.append(f"{type(err).__name__}: {err}")
        times.append(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    from survey.synth import synthesize

    db = WORK / f"survey_{args.respondents}.duckdb"
    if not db.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        synthesize(args.respondents, db)
    os.environ["SURVEY_DB"] = str(db)
    times, errors = [], []
    until = time.perf_counter() + args.seconds
    threads = [threading.Thread(target=session, args=(i, until, times, errors)) for i in range(args.sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ms = [1000 * s for s in times]
    load = {"sessions": args.sessions, "seconds": args.seconds, "respondents": args.respondents, "reruns": len(ms),
            "errors": len(errors), "first_errors": errors[:5], "p50_ms": round(percentile(ms, 0.5), 1),
            "p95_ms": round(percentile(ms, 0.95), 1)}
    print(json.dumps(load, indent=2))
    results_path = ROOT / "bench" / "results.json"
    results = json.loads(results_path.read_text(encoding="utf-8"))
    results["load"] = load
    results_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_report(results, ROOT / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
