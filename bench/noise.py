"""make bench: what the noise against differencing (survey.stats.protection) costs.

1. Intervals: the half-width of a 95 % interval of a share (10 % and 50 %) on bases of 20 to 800, from sampling
   alone and with the noise's variance added (protection.interval_half_widths), with the earlier chances
   (10/20/40/20/10 %, variance 1.2) and the present ones (protection.CHANCES); beside them, how often a count
   worked out from one or two published counts is exact (protection.exact_chance).
2. Speed, at a million respondents. The synthetic database of bench/run.py is copied, and half of its
   respondents moved to a wave 2011 marked as imported (not the reconstruction): the case of a client's wave
   beside the reconstruction, where each count sums the keys of the imported wave's respondents only (a CASE
   on the wave). The filter sets of bench/run.py are kept to one option per filter, as a selection reaching a
   wave with noise must be (protection.narrowed), and unweighted.
   - The query layer: every page's queries, recorded from the page, timed with the caches empty, under the rule
     `perturbation` none (no wave has noise, no key is summed) and imported (the imported wave has noise, the
     reconstruction's half stays exact). Not `all`: there a page could not ask for both waves at once (two
     waves with noise in one filter are a union), so its queries would not be the same.
   - The results path: what a page asks of survey.analysis.results when its filters change (the selection's n and
     every chart of the page, or the method page's composition), with results.clear_cache() before each run,
     under protection.load() as it is (imported) and replaced by Perturbation("none").
The result goes to bench/NOISE.md.
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

import duckdb

from bench.run import CODEBOOK, FILTER_SETS, PAGES, WORK, recorded_queries, summary, time_queries
from survey.model.state import Filters, View
from survey.stats import protection

ROOT = Path(__file__).resolve().parent.parent

RESPONDENTS = 1_000_000
RULES = ("none", "imported")
IMPORTED = "2011"
BASES = (20, 50, 100, 400, 800)
SHARES = (0.1, 0.5)
LEVEL = 95
EARLIER = (0.1, 0.2, 0.4, 0.2, 0.1)  # the chances of the offsets before (variance 1.2)


def two_waves(n: int) -> Path:
    """A copy of the synthetic database of n respondents with its even-numbered half in wave 2011, imported."""
    from survey.demo.synth import synthesize

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


class chances_of:
    """protection's CHANCES and VARIANCE replaced for a while (the earlier chances, for comparison)."""

    def __init__(self, chances) -> None:
        import numpy as np

        self.chances = np.array(chances)
        self.variance = float((self.chances * protection.OFFSETS ** 2).sum())

    def __enter__(self):
        self.kept = protection.CHANCES, protection.VARIANCE
        protection.CHANCES, protection.VARIANCE = self.chances, self.variance
        return self

    def __exit__(self, *_) -> None:
        protection.CHANCES, protection.VARIANCE = self.kept


def intervals() -> list[str]:
    """The interval widths and the chances of an exact difference, earlier and now, as Markdown."""
    earlier, now = chances_of(EARLIER), chances_of(protection.CHANCES)
    named = {"earlier": earlier, "now": now}
    widths, exact = {}, {}
    for name, chances in named.items():
        with chances:
            widths[name] = {(base, share): protection.interval_half_widths(base, share, LEVEL)
                            for base in BASES for share in SHARES}
            exact[name] = (protection.exact_chance(1), protection.exact_chance(2))

    def percent(chances) -> str:
        return "/".join(f"{100 * c:g}" for c in chances.chances.tolist())

    lines = ["## What it costs the intervals", "",
             f"Half-width in percentage points of a {LEVEL} % interval (normal approximation): from sampling alone, "
             f"and with the noise's variance added (`protection.interval_half_widths`), with the earlier chances "
             f"of the offsets −2 to +2 ({percent(earlier)} %, variance {earlier.variance:.1f}) and the present "
             f"ones ({percent(now)} %, variance {now.variance:.1f}).", "",
             "| base | share | sampling | with noise, earlier | with noise, now | now − sampling |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for base in BASES:
        for share in SHARES:
            sampling, before = widths["earlier"][(base, share)]
            _, after = widths["now"][(base, share)]
            lines.append(f"| {base} | {100 * share:g} % | ±{sampling:.2f} | ±{before:.2f} | ±{after:.2f} | "
                         f"+{after - sampling:.2f} |")
    lines += ["", "What it buys: how often a count worked out from published counts comes out exact "
              "(`protection.exact_chance`).", "",
              "| worked out from | earlier | now |", "| --- | ---: | ---: |",
              f"| exact counts and one noisy count | {100 * exact['earlier'][0]:.1f} % | "
              f"{100 * exact['now'][0]:.1f} % |",
              f"| two noisy counts (one difference) | {100 * exact['earlier'][1]:.1f} % | "
              f"{100 * exact['now'][1]:.1f} % |", ""]
    return lines


def one_option(view: View) -> View:
    """The view as a selection reaching a wave with noise may be: one option per filter, unweighted."""
    kept, _ = protection.narrowed(dict(view.filters.selected), {IMPORTED})
    return View(filters=Filters({k: v for k, v in kept.items() if v}), by=view.by)


def page_results(page: str, view: View, db: Path) -> None:
    """What the page asks of survey.analysis.results when its filters have changed."""
    from survey.analysis import results
    from survey.output import report

    results.respondents(view, CODEBOOK, db)
    wanted = report.wanted(report.charts(page, view, db), view)
    if wanted:
        results.shares_of(wanted, view, CODEBOOK, db=db)
    if page == "method":
        for dimension in report.COMPOSITION:
            results.composition(dimension, view, CODEBOOK, db)


def time_results(views: dict, db: Path, runs: int) -> dict:
    """The results path of every page and filter set, cold, in rounds, with the rule as it is ("imported") and
    with protection.load replaced by one that returns Perturbation("none")."""
    from survey.analysis import results

    load = protection.load
    rules = {"none": lambda path=None: protection.Perturbation("none"), "imported": load}
    times = {rule: {key: [] for key in views} for rule in rules}
    try:
        for _ in range(runs):
            for rule, loader in rules.items():
                protection.load = loader
                for key, (page, view) in views.items():
                    results.clear_cache()
                    started = time.perf_counter()
                    page_results(page, view, db)
                    times[rule][key].append(time.perf_counter() - started)
    finally:
        protection.load = load
        results.clear_cache()
    return times


def main(runs: int = 20) -> None:
    import queries

    WORK.mkdir(parents=True, exist_ok=True)
    db = two_waves(RESPONDENTS)
    os.environ["SURVEY_DB"] = str(db)
    os.environ["SURVEY_STATISTICS"] = str(rules_file("imported"))
    views = {f"{page}/{name}": (page, one_option(view)) for page in PAGES for name, view in FILTER_SETS.items()}
    recorded = {key: recorded_queries(page, view)[0] for key, (page, view) in views.items()}
    times = {rule: {key: [] for key in views} for rule in RULES}
    for _ in range(runs):  # in rounds, each rule in turn: a slow spell of the machine falls on all alike
        for rule in RULES:
            os.environ["SURVEY_STATISTICS"] = str(rules_file(rule))
            queries.clear_cache()
            for key, calls in recorded.items():
                times[rule][key] += time_queries(calls, db, 1)
    os.environ["SURVEY_STATISTICS"] = str(rules_file("imported"))
    path = time_results(views, db, runs)

    filters = "; ".join(f"`{name}`: " + (", ".join(f"{k} = {v[0]}"
                                                   for k, v in one_option(view).filters.selected.items() if v)
                                         or "no filter") + (f", by {view.by}" if view.by != "none" else "")
                        for name, view in FILTER_SETS.items())
    lines = ["# What the noise against differencing costs", "",
             "Made by `make bench` (`bench/noise.py`).", ""] + intervals()
    lines += ["## What it costs the pages", "",
              f"{RESPONDENTS:,} synthetic respondents, half in an imported wave; unweighted, one option per filter "
              f"({filters}); {runs} runs in rounds, caches empty; p50 in milliseconds.", "",
              "The query layer: every page's queries. `none`: no noise (no key summed); `imported`: the imported "
              "wave's counts have noise, the reconstruction's stay exact (the project's setting).", "",
              "| page / filters | none | imported | imported ÷ none |", "| --- | ---: | ---: | ---: |"]
    lines += compared(times, views) + ["",
              "The results path: what a page asks of `survey.analysis.results` when its filters change "
              "(the selection's n and every chart of the page, counted in one query, with intervals, tests and "
              "hidden groups; the method page's composition charts), `results.clear_cache()` before each run; `none`: "
              "`protection.load` replaced by one that returns `Perturbation(\"none\")`.", "",
              "| page / filters | none | imported | imported ÷ none |", "| --- | ---: | ---: | ---: |"]
    lines += compared(path, views) + [""]
    (ROOT / "bench" / "NOISE.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def compared(times: dict, views) -> list[str]:
    """A row per view of the p50 without noise and with it, and their ratio; then the median and largest ratio."""
    lines, ratios = [], []
    for key in views:
        p50 = {rule: summary(times[rule][key])["p50_ms"] for rule in RULES}
        ratios.append(p50["imported"] / p50["none"])
        lines.append(f"| {key} | {p50['none']:.1f} | {p50['imported']:.1f} | {ratios[-1]:.2f} |")
    return lines + ["", f"Median of the ratios: {statistics.median(ratios):.2f}; largest: {max(ratios):.2f}."]


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
