"""make bench: what the noise against differencing (survey.protection) costs the query layer, at a million
respondents.

The synthetic database of bench/run.py is copied, and half of its respondents moved to a wave 2011 marked as
imported (not the reconstruction): the case of a client's wave beside the reconstruction, where each count
sums the keys of the imported wave's respondents only (a CASE on the wave). Every page's queries under each
filter set of bench/run.py are timed, caches emptied, with the rule `perturbation` at
- none: no wave has noise, no key is summed (as the reconstruction alone is served);
- imported: the imported wave has noise, the reconstruction's half stays exact (the CASE);
- all: every wave has noise (every count sums its keys).
The result goes to bench/NOISE.md.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from bench.run import FILTER_SETS, PAGES, WORK, recorded_queries, summary, time_queries  # noqa: E402

RESPONDENTS = 1_000_000
RULES = ("none", "imported", "all")


def two_waves(n: int) -> Path:
    """A copy of the synthetic database of n respondents with its even-numbered half in wave 2011, imported."""
    from survey.synth import synthesize

    source = WORK / f"survey_{n}.duckdb"
    if not source.exists():
        synthesize(n, source)
    copy = WORK / f"noise_{n}.duckdb"
    shutil.copy(source, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("UPDATE respondents SET wave = '2011' WHERE respondent_id % 2 = 0")
        con.execute("INSERT INTO waves SELECT '2011', $n // 2, 'bench', false", {"n": n})
        con.execute("UPDATE waves SET respondents = $n - $n // 2 WHERE wave = '2010'", {"n": n})
        for table in ("wave_questions", "wave_options", "weighting_info"):
            con.execute(f"INSERT INTO {table} SELECT * REPLACE ('2011' AS wave) FROM {table} WHERE wave = '2010'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return copy


def rules_file(rule: str) -> Path:
    text = (ROOT / "data" / "statistics.yaml").read_text(encoding="utf-8")
    path = WORK / f"statistics_{rule}.yaml"
    path.write_text(text.replace("\nperturbation: imported", f"\nperturbation: {rule}"), encoding="utf-8")
    return path


def main(runs: int = 20) -> None:
    import queries

    WORK.mkdir(parents=True, exist_ok=True)
    db = two_waves(RESPONDENTS)
    os.environ["SURVEY_DB"] = str(db)
    views = {f"{page}/{name}": (page, view) for page in PAGES for name, view in FILTER_SETS.items()}
    recorded = {key: recorded_queries(page, view)[0] for key, (page, view) in views.items()}
    times = {rule: {key: [] for key in views} for rule in RULES}
    for _ in range(runs):  # in rounds, each rule in turn: a slow spell of the machine falls on all alike
        for rule in RULES:
            os.environ["SURVEY_STATISTICS"] = str(rules_file(rule))
            queries.clear_cache()
            for key, calls in recorded.items():
                times[rule][key] += time_queries(calls, db, 1)
    lines = ["# What the noise against differencing costs", "",
             f"Made by `make bench` (`bench/noise.py`): {RESPONDENTS:,} synthetic respondents, half in an imported "
             f"wave; every page's queries with the caches empty, {runs} runs in rounds; p50 in milliseconds. "
             "`none`: no noise (no key summed); `imported`: the imported wave's counts have noise, the "
             "reconstruction's stay exact (the project's setting); `all`: every count has noise.", "",
             "| page / filters | none | imported | all | imported ÷ none |", "| --- | ---: | ---: | ---: | ---: |"]
    ratios = []
    for key in views:
        p50 = {rule: summary(times[rule][key])["p50_ms"] for rule in RULES}
        ratios.append(p50["imported"] / p50["none"])
        lines.append(f"| {key} | {p50['none']:.1f} | {p50['imported']:.1f} | {p50['all']:.1f} | "
                     f"{ratios[-1]:.2f} |")
    lines += ["", f"Median of the ratios: {sorted(ratios)[len(ratios) // 2]:.2f}; largest: {max(ratios):.2f}.", ""]
    (ROOT / "bench" / "NOISE.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
