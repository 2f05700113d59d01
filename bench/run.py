"""make bench: how fast every page is, from a thousand to ten million respondents, against a pandas baseline.

For each size N a synthetic database is made (survey.demo.synth: a bootstrap of the reconstruction). Each page is
run once through AppTest with the query loader wrapped, which records exactly the queries that page sends
under each filter set. Then, per page and filter set:
- the query layer: all of the page's queries, run `--runs` times (p50 and p95 of the total, caches emptied);
- the same aggregates in pandas from an in-memory DataFrame of the `responses` view, and the ratio (the runs
  of each go round all pages, see in_rounds());
- a full page rerun through AppTest (p50 and p95);
- the bytes of chart data the page sends to the browser.
Peak memory and the cold start to the first rendered page are measured in a child process per size.
Results go to bench/results.json and bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import queries
from bench.baseline import Baseline
from survey.analysis import counts, results
from survey.model import codebook as cb
from survey.model.filters import Filters
from survey.model.state import View, to_query
from survey.output import pages as app_pages

ROOT = Path(__file__).resolve().parent.parent

DIMENSIONS = ("wave", "gender", "age_group", "role", "company_size", "industry", "region")
# The pages that draw the survey's charts: not the benchmark page, which draws nothing until a client is given.
PAGES = tuple(page.key for page in app_pages.PAGES if page.charts)
FILTER_SETS = {
    "none": View(),
    "one_dimension": View(filters=Filters({"gender": ("female",)})),
    "three_dimensions": View(filters=Filters({"gender": ("female", "male"), "role": ("leader", "manager"),
                                              "company_size": ("10_19", "20_49", "50_99", "100_249")})),
    "three_dimensions_by": View(filters=Filters({"gender": ("female", "male"), "role": ("leader", "manager"),
                                                 "company_size": ("10_19", "20_49", "50_99", "100_249")}),
                                by="age_group"),
}
CODEBOOK = cb.load()
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/survey-bench"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(seconds: list[float]) -> dict:
    ms = [1000 * s for s in seconds]
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(percentile(ms, 0.95), 2)}


def app_for(page: str, view: View):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    app.query_params.update(to_query(view))
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py").run()
    return app


def recorded_queries(page: str, view: View) -> tuple[list[tuple[str, dict]], int]:
    """The queries the page sends for the view (name and parameters), and its chart data in bytes."""
    calls, original, original_shares = [], counts.run, counts.shares

    def recording(name, **params):
        calls.append((name, {k: v for k, v in params.items() if k != "db"}))
        return original(name, **params)

    def recording_shares(parts, **params):
        parts = [(question, list(splits)) for question, splits in parts]
        calls.append(("shares", {"parts": parts, **{k: v for k, v in params.items() if k != "db"}}))
        return original_shares(parts, **params)

    app = app_for(page, view)  # AppTest opens the default page first; only the page's own run is recorded
    results.clear_cache()  # every query the page needs, as when its filters have just changed
    counts.run, counts.shares = recording, recording_shares
    try:
        app.run()
    finally:
        counts.run, counts.shares = original, original_shares
    chart_bytes = sum(len(d.data.data) for e in app.get("vega_lite_chart") for d in e.proto.datasets)
    return calls, chart_bytes


def time_queries(calls, db: Path, runs: int) -> list[float]:
    totals = []
    for _ in range(runs):
        queries.clear_cache()  # cold: what a page costs when its filters change
        started = time.perf_counter()
        for name, params in calls:
            run(name, db, params)
        totals.append(time.perf_counter() - started)
    return totals


def run(name: str, db: Path, params: dict):
    """One recorded call: a query by name, or the statement of shares."""
    if name == "shares":
        return counts.shares(params["parts"], db=db, **{k: v for k, v in params.items() if k != "parts"})
    return counts.run(name, db=db, **params)


def touched_columns(calls) -> list[str]:
    """The columns of the respondents table that a page's queries read."""
    columns = {"wave"}
    for name, params in calls:
        columns |= {dim for dim in DIMENSIONS if params.get(dim)}
        by = params.get("by", "none")
        columns |= {split for split in ([by] if isinstance(by, str) else by) if split != "none"}
        if params.get("weights", "none") != "none":
            columns.add(f"weight_{params['weights']}")
        for question, splits in params.get("parts", []):
            columns |= {split for split in splits if split != "none"}
            columns.add(question + ("_mask" if CODEBOOK[question].kind == "multi" else ""))
        if name == "why_not_texts":
            columns |= {"guidelines_why_not", "guidelines_why_not_text"}
    return sorted(columns)


def floor(calls, db: Path, runs: int = 5) -> dict:
    """The physical floor: one scan of the columns the page reads, in one query. Each value is hashed, so that
    every value is read (count(column) would be answered from the file's statistics without a scan)."""
    import duckdb

    columns = touched_columns(calls)
    sql = f"SELECT count(*), {', '.join(f'bit_xor(hash({c}))' for c in columns)} FROM respondents"
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute(sql)
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            con.execute(sql).fetchall()
            seconds.append(time.perf_counter() - started)
    finally:
        con.close()
    return {"columns": len(columns), **summary(seconds)}


def time_reruns(page: str, view: View, runs: int, cold: bool = False) -> list[float]:
    """A full page run through AppTest, `runs` times: warm (what any click costs), or `cold`, with the query
    and result caches emptied before each run (what a change of filters costs; the chart specs stay, as they
    do when only the numbers change)."""
    app = app_for(page, view)
    seconds = []
    for _ in range(runs):
        if cold:
            results.clear_cache()
        started = time.perf_counter()
        app.run()
        seconds.append(time.perf_counter() - started)
    return seconds


def measure_size(n: int, runs: int, with_pandas: bool) -> dict:
    from survey.demo.synth import synthesize

    db = WORK / f"survey_{n}.duckdb"
    started = time.perf_counter()
    if not db.exists():
        synthesize(n, db)
    made = time.perf_counter() - started
    os.environ["SURVEY_DB"] = str(db)
    baseline = Baseline(db) if with_pandas else None
    views = {f"{page}/{name}": (page, view) for page in PAGES for name, view in FILTER_SETS.items()}
    recorded = {key: recorded_queries(page, view) for key, (page, view) in views.items()}
    sql, pandas = in_rounds(recorded, db, runs, baseline, pandas_runs(n, runs))
    pages = {}
    for key, (page, view) in views.items():
        calls, chart_bytes = recorded[key]
        entry = {"queries": len(calls), "query_layer": summary(sql[key]), "floor": floor(calls, db),
                 "chart_bytes": chart_bytes, "rerun": summary(time_reruns(page, view, runs)),
                 "rerun_cold": summary(time_reruns(page, view, runs, cold=True))}
        if baseline:
            entry["pandas"] = summary(pandas[key])
            entry["pandas_ratio"] = round(entry["pandas"]["p50_ms"] / max(entry["query_layer"]["p50_ms"], 1e-6), 1)
        pages[key] = entry
        print(f"N={n:>10} {key:<32} queries p50 {entry['query_layer']['p50_ms']:8.1f} ms "
              f"p95 {entry['query_layer']['p95_ms']:8.1f}  rerun p95 {entry['rerun']['p95_ms']:8.1f} ms "
              f"chart {chart_bytes:>7} B" + (f"  pandas x{entry['pandas_ratio']}" if baseline else ""),
              flush=True)
    return {"respondents": n, "synth_seconds": round(made, 2), "pages": pages, **child_measures(db)}


def in_rounds(recorded: dict, db: Path, runs: int, baseline: Baseline | None,
                pandas_rounds: int) -> tuple[dict, dict]:
    """The query layer, then the pandas baseline, of every page and filter set, in rounds: each round times
    each of them once. A slow spell of the (shared, virtual) machine then falls on every page alike, instead
    of on the twenty runs of one page. The two are not interleaved with each other: a pandas run sweeps
    hundreds of megabytes through memory, and the queries run right after it took a third longer."""
    sql = {key: [] for key in recorded}
    pandas = {key: [] for key in recorded}
    for _ in range(runs):
        for key, (calls, _) in recorded.items():
            sql[key] += time_queries(calls, db, 1)
    for _ in range(pandas_rounds if baseline else 0):
        for key, (calls, _) in recorded.items():
            pandas[key] += baseline.time(calls, 1)
    return sql, pandas


def child_measures(db: Path) -> dict:
    """Cold start to the first rendered page, and peak memory of a process that renders every page (VmHWM, the
    peak resident memory of the process image: getrusage's maxrss would carry over the benchmark's own peak,
    pandas baseline included, through fork and exec)."""
    code = ("import time, re; t = time.perf_counter()\n"
            "from streamlit.testing.v1 import AppTest\n"
            "app = AppTest.from_file('app.py', default_timeout=600); app.run()\n"
            "first = time.perf_counter() - t\n"
            f"for page in {PAGES[1:]!r}: app.switch_page(f'pages/{{page}}.py').run()\n"
            "peak = re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1)\n"
            "print(first, peak)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "SURVEY_DB": str(db)},
                         capture_output=True, text=True, check=True).stdout.split()
    return {"cold_start_seconds": round(float(out[0]), 2), "peak_memory_mb": round(int(out[1]) / 1024)}


def pandas_runs(n: int, runs: int) -> int:
    """The pandas baseline takes seconds a page at ten million respondents: fewer runs there."""
    return runs if n < 10_000_000 else min(runs, 3)


def machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000,10000000")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-pandas-above", type=int, default=10_000_000,
                        help="skip the pandas baseline above this many respondents")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {"machine": machine(), "runs": args.runs,
               "pandas_runs_note": f"{args.runs} runs, 3 at ten million respondents",
               "sizes": [measure_size(n, args.runs, n <= args.no_pandas_above) for n in sizes]}
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    from bench.report import write_report

    write_report(results, ROOT / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
