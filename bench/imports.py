"""How fast a large export imports, beside DuckDB reading the same file into a table (the floor), and how
much memory the import takes. Adds "imports" to bench/results.json and rewrites bench/RESULTS.md.

    python bench/imports.py [--sizes 350000,1000000] [--runs 3]

The files are made as a user would make them: a synthetic database (survey.demo.synth) written out as CSV in the
codebook's layout (option ids, 1/0 for the options of multi-choice questions), and the same answers as
Norwegian Excel writes them (semicolons, Windows-1252, the options' Norwegian labels, Ja/Nei), which takes
the import's general path (every value looked up) rather than the typed read of the codebook's own layout.
Each import runs in a child process, as `python -m survey import` would, into a fresh copy of the
reconstruction's database, as wave 2011: the time is the import itself, and the peak memory the child's own
(VmHWM: the resident set size at its highest).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.run import WORK

ROOT = Path(__file__).resolve().parent.parent

TARGET_SECONDS = {350_000: 5.0, 1_000_000: 15.0}
TARGET_FLOOR_RATIO = 5.0
TARGET_MEMORY_MB = 1024


def write_files(n: int) -> dict[str, Path]:
    """The codebook-layout CSV and the Norwegian Excel CSV of n synthetic respondents (made once, reused)."""
    import duckdb

    from survey.demo.synth import synthesize
    from survey.ingest.build import sql_text
    from survey.model import codebook as cb

    files = {"codebook": WORK / f"import_{n}.csv", "excel_nb": WORK / f"import_{n}_nb.csv"}
    if all(p.exists() for p in files.values()):
        return files
    db = synthesize(n, WORK / f"import_{n}.duckdb")
    codebook = cb.load()
    ids, excel = [], []
    for column in codebook.columns():
        qid, _, option = column.partition("__")
        if option:
            ids.append(f"CASE WHEN {column} THEN 1 WHEN NOT {column} THEN 0 END AS {column}")
            excel.append(f"CASE WHEN {column} THEN 'Ja' WHEN NOT {column} THEN 'Nei' END AS {column}")
        elif qid in codebook and codebook[qid].kind == "single":
            ids.append(column)
            labels = ", ".join(f"{sql_text(o.id)}: {sql_text(o.label['nb'])}" for o in codebook[qid].options)
            excel.append(f"MAP {{{labels}}}[{column}::VARCHAR] AS {column}")
        else:
            ids.append(column)
            excel.append(column)
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute(f"COPY (SELECT {', '.join(ids)} FROM responses ORDER BY respondent_id) "
                    f"TO {sql_text(str(files['codebook']))} (HEADER, DELIMITER ',')")
        utf8 = WORK / f"import_{n}_nb_utf8.csv"
        con.execute(f"COPY (SELECT {', '.join(excel)} FROM responses ORDER BY respondent_id) "
                    f"TO {sql_text(str(utf8))} (HEADER, DELIMITER ';')")
    finally:
        con.close()
    with open(utf8, encoding="utf-8", newline="") as src, open(files["excel_nb"], "w", encoding="cp1252",
                                                                newline="") as out:
        shutil.copyfileobj(src, out)
    utf8.unlink()
    return files


def floor(path: Path) -> float:
    """DuckDB's own read_csv of the file into a table (in memory, its types detected): what no import beats."""
    import duckdb

    con = duckdb.connect()
    try:
        started = time.perf_counter()
        con.execute("CREATE TABLE t AS SELECT * FROM read_csv($path)", {"path": str(path)})
        return time.perf_counter() - started
    finally:
        con.close()


CHILD = """
import json, sys, time
from pathlib import Path
from survey.ingest.imports import import_file
started = time.perf_counter()
result = import_file(Path(sys.argv[1]), Path(sys.argv[2]), wave="2011", dry_run=sys.argv[3] == "dry")
seconds = time.perf_counter() - started
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "respondents": result.respondents, "peak_mb": peak / 1024}))
"""


def import_once(path: Path, dry: bool) -> dict:
    from survey.ingest.imports import build

    folder = WORK / "import_db"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = build(ROOT / "data" / "responses.csv", folder / "survey.duckdb").path
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(db), "dry" if dry else "publish"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(n: int, runs: int) -> dict:
    files = write_files(n)
    out = {"respondents": n, "megabytes": {k: round(p.stat().st_size / 1e6, 1) for k, p in files.items()}}
    floors = [floor(files["codebook"]) for _ in range(runs)]
    out["floor_s"] = round(statistics.median(floors), 2)
    for kind, path in files.items():
        for mode in ("publish", "dry"):
            if kind == "excel_nb" and mode == "dry":
                continue
            done = [import_once(path, mode == "dry") for _ in range(runs)]
            assert all(d["respondents"] == n for d in done)
            out[f"{kind}_{mode}"] = {"s": round(statistics.median(d["seconds"] for d in done), 2),
                                     "peak_mb": round(max(d["peak_mb"] for d in done))}
    out["floor_ratio"] = round(out["codebook_publish"]["s"] / out["floor_s"], 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="350000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    measured = [measure(int(n), args.runs) for n in args.sizes.split(",")]
    results_path = ROOT / "bench" / "results.json"
    results = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {"sizes": []}
    results["imports"] = {"runs": args.runs, "sizes": measured}
    results_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    from bench.report import write_report

    write_report(results, ROOT / "bench" / "RESULTS.md")
    print(json.dumps(results["imports"], indent=2))


if __name__ == "__main__":
    main()
