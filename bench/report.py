"""bench/RESULTS.md from bench/results.json: the numbers, the targets met or not, and the physical floor."""
from __future__ import annotations

import json
import sys
from pathlib import Path

TARGETS = [  # (what, size, test on one page entry or on the size, limit)
    ("queries p50 at 1M", 1_000_000, lambda e: e["query_layer"]["p50_ms"], 30),
    ("queries p95 at 1M", 1_000_000, lambda e: e["query_layer"]["p95_ms"], 100),
    ("page rerun p95 at 1M", 1_000_000, lambda e: e["rerun"]["p95_ms"], 300),
    ("page rerun p95 at 1M, filters changed (caches empty)", 1_000_000, lambda e: e["rerun_cold"]["p95_ms"], 300),
    ("page rerun p95 at the seed's size (1k)", 1_000, lambda e: e["rerun"]["p95_ms"], 150),
    ("page rerun p95 at 1k, filters changed (caches empty)", 1_000, lambda e: e["rerun_cold"]["p95_ms"], 150),
    ("chart data per page (bytes), any size", None, lambda e: e["chart_bytes"], 100_000),
]


def page_rows(size: dict) -> list[str]:
    rows = ["| page / filters | queries | query p50 | query p95 | floor p50 | × floor | rerun p50 | rerun p95 "
            "| changed p50 | changed p95 | chart KB | pandas p50 | pandas ÷ duckdb |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key, e in size["pages"].items():
        pandas = e.get("pandas", {}).get("p50_ms", "–")
        cold = e.get("rerun_cold", {})
        above = e["query_layer"]["p50_ms"] / max(e["floor"]["p50_ms"], 0.01)
        rows.append(f"| {key} | {e['queries']} | {e['query_layer']['p50_ms']} | {e['query_layer']['p95_ms']} | "
                    f"{e['floor']['p50_ms']} | {above:.0f} | {e['rerun']['p50_ms']} | {e['rerun']['p95_ms']} | "
                    f"{cold.get('p50_ms', '–')} | {cold.get('p95_ms', '–')} | "
                    f"{e['chart_bytes'] / 1000:.1f} | {pandas} | {e.get('pandas_ratio', '–')} |")
    return rows


def target_rows(results: dict) -> list[str]:
    rows = ["| target | limit | worst measured | met |", "| --- | ---: | ---: | --- |"]
    for what, n, value, limit in TARGETS:
        entries = [e for s in results["sizes"] if n is None or s["respondents"] == n for e in s["pages"].values()]
        if not entries:
            rows.append(f"| {what} | {limit} | not measured | – |")
            continue
        worst = max(value(e) for e in entries)
        rows.append(f"| {what} | {limit} | {worst} | {'yes' if worst <= limit else 'NO'} |")
    ratios = [e["pandas_ratio"] for s in results["sizes"] if s["respondents"] == 1_000_000
              for e in s["pages"].values() if "pandas_ratio" in e]
    if ratios:
        rows.append(f"| at least 5× faster than pandas at 1M | 5 | {min(ratios)} (lowest) | "
                    f"{'yes' if min(ratios) >= 5 else 'NO'} |")
    memory = [s["peak_memory_mb"] for s in results["sizes"] if s["respondents"] == 10_000_000]
    if memory:
        rows.append(f"| peak memory at 10M (MB) | 1536 | {memory[0]} | {'yes' if memory[0] <= 1536 else 'NO'} |")
    return rows + import_target_rows(results.get("imports"))


IMPORT_TARGETS = (  # (what, respondents, value of a size, limit)
    ("import of 1M respondents (CSV, codebook layout), s", 1_000_000, lambda s: s["codebook_publish"]["s"], 15),
    ("the same, × DuckDB's read_csv of the file", 1_000_000, lambda s: s["floor_ratio"], 5),
    ("peak memory of that import (MB)", 1_000_000, lambda s: s["codebook_publish"]["peak_mb"], 1024),
    ("import of 350k respondents (CSV, codebook layout), s", 350_000, lambda s: s["codebook_publish"]["s"], 5),
)


def import_target_rows(imports: dict | None) -> list[str]:
    rows = []
    for what, n, value, limit in IMPORT_TARGETS:
        sizes = [s for s in (imports or {}).get("sizes", []) if s["respondents"] == n]
        if not sizes:
            rows.append(f"| {what} | {limit} | not measured | – |")
            continue
        rows.append(f"| {what} | {limit} | {value(sizes[0])} | {'yes' if value(sizes[0]) <= limit else 'NO'} |")
    return rows


def import_rows(imports: dict) -> list[str]:
    rows = ["| respondents | file MB | DuckDB read_csv (floor) | import | × floor | peak MB | dry run | "
            "Norwegian Excel CSV: MB | import | peak MB |", "|" + " ---: |" * 10]
    for s in imports["sizes"]:
        code, excel = s["codebook_publish"], s["excel_nb_publish"]
        rows.append(f"| {s['respondents']:,} | {s['megabytes']['codebook']} | {s['floor_s']} | {code['s']} | "
                    f"{s['floor_ratio']} | {code['peak_mb']} | {s['codebook_dry']['s']} | "
                    f"{s['megabytes']['excel_nb']} | {excel['s']} | {excel['peak_mb']} |")
    return rows


def write_report(results: dict, out: Path) -> None:
    m = results["machine"]
    lines = ["# Benchmark results", "",
             f"Machine: {m['cpus']} cores, {m['memory_gb']} GB, {m['platform']}, Python {m['python']}. "
             f"{results['runs']} runs per measurement; times in milliseconds. Made by `make bench`.", "",
             "The query layer is all the queries one page sends when nothing is cached (the first view of a "
             "selection), run one after another; the floor is one scan of the columns those queries read, in a "
             "single query, which no page can beat, and × floor how many such scans the page's queries cost; the "
             "rerun is a full page run through AppTest with the caches warm (any click that keeps the "
             "selection), and \"changed\" the same with the query and result caches emptied before each run (a "
             "change of filters); pandas computes the same aggregates from an in-memory DataFrame "
             f"({results.get('pandas_runs_note', 'as many runs')}). The runs go in rounds, first of the query "
             "layer, then of pandas: each round times every page and filter set once, so a slow spell of the "
             "machine falls on all of them alike.", "",
             "## Targets", "", *target_rows(results), ""]
    for size in results["sizes"]:
        made = (f"Synthetic database made in {size['synth_seconds']} s" if size["synth_seconds"] >= 0.05
                else "Synthetic database reused from an earlier run")
        lines += [f"## {size['respondents']:,} respondents", "",
                  f"{made}; cold start to the first rendered page "
                  f"{size['cold_start_seconds']} s; peak memory of a process rendering every page "
                  f"{size['peak_memory_mb']} MB.", "", *page_rows(size), ""]
    if "imports" in results:
        lines += ["## Imports", "",
                  f"`bench/imports.py`: a synthetic database written out as CSV, imported as a new wave beside the "
                  f"reconstruction in a child process (median of {results['imports']['runs']} runs, seconds; peak "
                  "memory the child's largest). The floor is DuckDB reading the same file into a table in memory "
                  "with its own type detection. The codebook's layout (option ids, 1/0) is read with the columns "
                  "typed; the Norwegian Excel file (semicolons, Windows-1252, Norwegian labels, Ja/Nei) takes the "
                  "general path, every distinct value looked up.", "", *import_rows(results["imports"]), ""]
    if isinstance(results.get("browser"), dict):
        lines += browser_lines(results["browser"])
    if isinstance(results.get("load"), list):
        bought = second_replica(results["load"])
        lines += ["## Many people at once (make loadtest)", "",
                  "`bench/load.py`: sessions speaking Streamlit's websocket protocol (`deploy/wsclient.py`, no "
                  "browser) on a fresh `streamlit run` server each, or on fresh replicas behind nginx "
                  "(`deploy/serve.py`, each session keeping its replica cookie); every session opens a page, then "
                  "every 2 to 5 s changes a filter, the compare-by or the page. Latency: from the action to the "
                  "script's finished message. Memory: the servers' resident memory together at its peak less "
                  "before the sessions, per session. CPU: cores the servers kept busy on average.", "",
                  *([bought, ""] if bought else []),
                  "| respondents | sessions | replicas | actions/s | p50 | p95 | p99 | errors | MB per session "
                  "| CPU cores |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                  *(f"| {r['respondents']:,} | {r['sessions']} | {r.get('replicas', 1)} | {r['actions_per_second']} | "
                    f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['errors']} | {r['mb_per_session']} | "
                    f"{r['cpu_cores']} |" for r in results["load"]), ""]
    if isinstance(results.get("load_threshold"), list):
        lines += ["### Where p95 passes 1 s", "", passes(results["load_threshold"]), "",
                  "| sessions | replicas | seconds | actions/s | p50 | p95 | errors | CPU cores |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                  *(f"| {r['sessions']} | {r['replicas']} | {r['seconds']:g} | {r['actions_per_second']} | "
                    f"{r['p50_ms']} | {r['p95_ms']} | {r['errors']} | {r['cpu_cores']} |"
                    for r in results["load_threshold"]), ""]
    out.write_text("\n".join(lines), encoding="utf-8")


def load_rows(loads: dict, returning: dict, prefix: str = "") -> list[str]:
    return [f"| {prefix}{page} | {e['p50_ms']} | {e['p95_ms']} | {returning.get(page, {}).get('p50_ms', '–')} | "
            f"{returning.get(page, {}).get('p95_ms', '–')} | {e['runs']} |" for page, e in loads.items()]


def browser_lines(browser: dict) -> list[str]:
    """What a person waits for in Chromium (bench/browser.py): page loads and clicks, at each size."""
    lines = ["## In the browser", "",
             f"`bench/browser.py` ({browser['measured']}): Debian's Chromium against a `streamlit run` server of "
             "each size (deploy/asgi.py, as every server runs the app). A load: a new tab opens the page's "
             "address, until the script has run and every chart has its marks (from the navigation's start; the "
             "pages take turns, a load each a round, and the first round, which fills the server's caches, is not "
             "counted): a first visit in a browser profile of its own, nothing cached, and a "
             "returning visitor in a profile that has loaded the app before. A click: a control changed in a "
             "drawn page, each way in turn, until the last chart is redrawn (the last change inside a chart, as a "
             "MutationObserver saw it). Milliseconds.", ""]
    for size in browser["sizes"]:
        lines += [f"### {size['respondents']:,} respondents", "",
                  "| page load | first visit p50 | p95 | returning p50 | p95 | runs |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |",
                  *load_rows(size["loads"], size.get("returning", {})),
                  *load_rows(size.get("floor", {}).get("loads", {}), size.get("floor", {}).get("returning", {}),
                             "floor: "),
                  "", "| click to the last chart redrawn | p50 | p95 | runs |", "| --- | ---: | ---: | ---: |",
                  *(f"| {key} | {e['p50_ms']} | {e['p95_ms']} | {e['runs']} |" for key, e in size["clicks"].items()),
                  ""]
    lines += ["The floor is `bench/floor_app.py`, loaded the same way, its loads taking turns with the pages' on a "
              "server of its own over the same database: a Streamlit page of a title alone, and of a title and one "
              "of the app's charts, nothing else. No page of the app can load faster; read a page beside the floor "
              "of its own run, as this machine's speed drifts from one hour to the next.", ""]
    return lines


def passes(rows: list[dict], limit_ms: float = 1000.0) -> str:
    """For each number of replicas, between which numbers of sessions p95 passed the limit (at the seed's size)."""
    said = []
    for many in sorted({r["replicas"] for r in rows}):
        tried = [r for r in rows if r["replicas"] == many]
        over = [r for r in tried if r["p95_ms"] is None or r["p95_ms"] > limit_ms]
        under = [r["sessions"] for r in tried if r not in over]
        where = "one server" if many == 1 else f"{many} replicas behind nginx"
        if not over:
            said.append(f"on {where}, p95 stayed under 1 s up to {max(under)} sessions, the most tried")
        elif not under:
            said.append(f"on {where}, p95 was over 1 s already at {over[0]['sessions']} sessions")
        else:
            said.append(f"on {where}, p95 passes 1 s between {max(under)} and {over[0]['sessions']} sessions")
    return "At the seed's size, " + "; ".join(said) + "."


def second_replica(rows: list[dict]) -> str:
    """What two replicas behind nginx did against one server, at the same size and number of sessions."""
    one = {(r["respondents"], r["sessions"]): r for r in rows if r.get("replicas", 1) == 1}
    pairs = []
    for two in rows:
        alone = one.get((two["respondents"], two["sessions"]))
        if two.get("replicas", 1) != 2 or alone is None:
            continue
        pairs.append(f"at {two['respondents']:,} respondents and {two['sessions']} sessions, p95 "
                     f"{alone['p95_ms']} → {two['p95_ms']} ms and {alone['actions_per_second']} → "
                     f"{two['actions_per_second']} actions a second")
    if not pairs:
        return ""
    return "What the second replica bought (one server → two behind nginx): " + "; ".join(pairs) + "."


if __name__ == "__main__":
    root = Path(__file__).resolve().parent
    write_report(json.loads((root / "results.json").read_text(encoding="utf-8")), root / "RESULTS.md")
    sys.exit(0)
