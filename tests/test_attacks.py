"""Attacks on the small groups of an imported wave, as tests: what someone who wants to find one person would
try with the app's public outputs, and how far it gets.

The database: the reconstruction (wave 2010) and a wave 2012 of 400 generated people (respondents of the
reconstruction drawn at random, imported as a file the way a client's export is, with record keys fixed so
that every run finds the same). The attacks read the command line's crosstab (JSON) on wave 2012, as anyone
with the app could, or the functions the pages draw with, and aim at the cells of a group under the threshold
(fewer than 10, but at least one person): its size, or how many of its members answered each option of
private_use. The truth comes from the database itself. On a wave with noise a selection holds one option per
filter (no unions) and nothing is weighted (survey.stats.protection); each attack's numbers are written to
tests/artifacts/attack_<name>.json. What each recovers, with noise (beside it, the most chance allows):

- swapped crosstabs, over every pair of dimensions: a selection's total, minus the groups shown, minus the
  groups hidden with the small one read from the crosstab the other way round (the three commands of the
  attack that recovered the under-30 leaders). A small group is hidden alone (survey.stats.estimates.
  suppressed_groups), so this reaches the total less the groups shown: 1 group of 38 exact, as the noise's
  chances predict;
- the total less the groups shown, aimed at exactly that: every crosstab that hides one group of its split,
  the hidden group worked out as the selection's total less every group shown: 1 group of 48. With exact
  counts of real people the next smallest group is hidden with it, and this attack has nothing to aim at;
- differences of selections within a dimension (a selection minus the same selection without the group) and
  unions (the group with a larger neighbour, minus the neighbour): every one needs a union, and is refused
  with one sentence (also on the command line: no traceback). 0 of 250;
- averaging over distinct sets (the attack of issue 29): a hidden cell H = (A=a, B=b) as the mean of
  n(A in {a} and S, B=b) - n(A in S, B=b) over up to 34 subsets S of A's other options, each a difference with
  noise of its own, with and without an answer filter (company_use=yes), through the command line and the
  pages: every difference is refused, 0 of 30 cells (at most 16.5 allowed). With the rule on unions taken off
  it recovers 28 of 30: the rule is what stops it;
- weights: a weighted base over its count is the true mean weight, which solves a hidden cell joined with
  neighbours shown for its size. Every weighted figure reaching wave 2012 is refused (queries, pages, command
  line) and the method page's weighting tables leave the wave out: 0 recovered;
- interval inversion: the base solved from an interval's bounds is the published base (noisy for 92 of 142
  shares), never the true one where they differ: 0 recovered;
- existence by union: an empty cell with a neighbour is the same set as the neighbour, so the same number.
  Refused: 0 of 25 empty cells and 0 of 25 cells of a few called empty. With the rule taken off, 25 of 25
  empty cells (and 1 of 25 of a few);
- averaging over partitions (what the rules still allow): n(B=b) and each shown n(A=a', B=b) as the mean of
  their independent estimates (the count itself, and the sum of the groups of every other dimension's split
  that shows them all), H the difference: 9 of 38 cells exact (24 %, at most 19.9 allowed);
- averaging over partitions, the strongest way: each count also estimated by the sum of the options of every
  single-choice question asked of everyone (private_use, company_use, guidelines) and of a split's cells, the
  cell worked out both ways round (no cell of the 38 is hidden alone both ways) and over the whole table of its
  two dimensions (least squares, hidden cells 0 to 9): 9 of 38 at best (24 %, at most 19.9 allowed). Before the
  options of a single-choice question were made to add up to the group's published base
  (protection.additive), the answers gave half the precision of the averaged counts and this got 14 of 38
  (37 %); now they add nothing (7 exact from the counts alone, 9 with the dimensions, 7 with the answers);
- existence probes: a selection or a group of none against one of a few, through the command line, the
  pages and the counts behind the exports;
- free texts: two views that differ by a small group give the same list.

A count worked out from two published counts is exact with the chance protection.exact_chance(2) (22 %), from
more with less, and no count worked out from published counts is exact more often than the most likely offset
(30 %); the tests fail where an attack recovers counts or whole groups exactly more often than the noise of the
counts it used allows (with a margin of three standard deviations), and where an existence probe tells none
from a few. With the perturbation off, the same attacks recover every group they aim at exactly: the tests of
the attacks themselves (the total less the groups shown only with the secondary suppression taken off as
well, since with exact counts of real people a lone small group takes the next smallest with it).
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import random
from dataclasses import dataclass
from itertools import combinations, permutations
from pathlib import Path

import duckdb
import pytest

import queries
from survey.analysis import counts, dataset, method, results
from survey.cli import main
from survey.model import codebook as cb
from survey.model.filters import Filters, in_words
from survey.model.state import View
from survey.stats import formulas as stats
from survey.stats import protection
from survey.texts.i18n import format_pct, t
from tests.conftest import ROOT, html_tables
from tests.test_pages import open_page

pytestmark = pytest.mark.usefixtures("project_rules")
CODEBOOK = cb.load()
WAVE = "2012"
PEOPLE = 400
QUESTION = "private_use"
OPTIONS = CODEBOOK[QUESTION].option_ids
DIMENSIONS = CODEBOOK.dimension_ids
MIN_GROUP = 10
ANSWER = "company_use"  # the answer filter some attacks add (a single-choice question): company_use=yes
ANSWERED = {ANSWER: ["yes"]}
# The most often a count worked out from published counts comes out exact by chance: that of the most likely
# offset (a published count less an exact one). Two published counts or more are exact less often.
BY_CHANCE = float(protection.CHANCES.max())


@pytest.fixture(scope="module")
def attacked(tmp_path_factory) -> Path:
    """The reconstruction and a wave 2012 of PEOPLE generated respondents, published."""
    from survey.ingest.imports import build, import_file

    folder = tmp_path_factory.mktemp("attacked")
    db = build(ROOT / "data" / "responses.csv", folder / "survey.duckdb").path
    with open(ROOT / "data" / "responses.csv", encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    drawn = random.Random(2012).choices(rows, k=PEOPLE)
    with open(folder / "wave2012.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([str(i), WAVE, *row[2:]] for i, row in enumerate(drawn, start=1))
    import_file(folder / "wave2012.csv", db)
    con = duckdb.connect(str(db.resolve()))
    try:  # keys as an import draws them, but the same in every run, so that what the attacks find is too
        con.execute("UPDATE respondents SET record_key = (hash(respondent_id, 'attacked') % 65536)::USMALLINT "
                    "WHERE wave = ?", [WAVE])
    finally:
        con.close()
    results.clear_cache()
    return db


@pytest.fixture(scope="module")
def truth(attacked) -> "Truth":
    con = duckdb.connect(str(attacked.resolve()), read_only=True)
    try:
        frame = con.execute(f"SELECT {', '.join(DIMENSIONS)}, {ANSWER}::VARCHAR AS {ANSWER}, "
                            f"{QUESTION}::VARCHAR AS answer FROM respondents WHERE wave = ?", [WAVE]).df()
    finally:
        con.close()
    return Truth(frame)


class Truth:
    def __init__(self, frame) -> None:
        self.frame = frame

    def cell(self, where: dict) -> dict[str, int]:
        """How many of those in `where` (a value or a list of values per dimension) gave each answer."""
        rows = self.frame
        for dim, values in where.items():
            rows = rows[rows[dim].astype(str).isin([values] if isinstance(values, str) else values)]
        counts = rows["answer"].value_counts()
        return {o: int(counts.get(o, 0)) for o in OPTIONS}

    def size(self, where: dict) -> int:
        return sum(self.cell(where).values())

    def members(self, where: dict, option: str) -> frozenset:
        """Who is in `where` and gave `option` (their row numbers)."""
        rows = self.frame[self.frame["answer"] == option]
        for dim, values in where.items():
            rows = rows[rows[dim].astype(str).isin([values] if isinstance(values, str) else values)]
        return frozenset(rows.index)

    def exact_chance(self, attempt: "Attempt", option: str) -> float:
        """The chance that the noise of an attempt's published counts cancels for `option`. Two of its counts
        of the same people are the same number (one cell key), so they cancel, or add up, as one."""
        signs: dict[frozenset, int] = {}
        for sign, where in attempt.terms:
            people = self.members(where, option)
            signs[people] = signs.get(people, 0) + sign
        terms = [(sign, len(people)) for people, sign in signs.items() if sign]
        return protection.exact_chance_of(terms, MIN_GROUP)


class Attacker:
    """The command line's crosstab of QUESTION (or another question) on wave 2012, read as JSON: {group: {option:
    n}} for the groups shown, or None where the selection is refused. Each command is run once (kept in `seen`),
    so attacks that share a crosstab pay for it once; `asked` holds the commands this attacker asked for."""

    def __init__(self, db: Path) -> None:
        self.db, self.seen, self.asked = db, {}, set()

    def sharing(self) -> "Attacker":
        """An attacker with the same crosstabs in hand, counting afresh the commands it asks for."""
        other = Attacker(self.db)
        other.seen = self.seen
        return other

    def rows(self, by: str, where: dict[str, list[str]], question: str = QUESTION) -> list[dict] | None:
        """The rows of the groups shown of the split `by` (not the Total), or None where refused."""
        key = (question, by, json.dumps(where, sort_keys=True))
        self.asked.add(key)
        if key not in self.seen:
            self.seen[key] = self._run(by, where, question)
        return self.seen[key]

    def _run(self, by: str, where: dict[str, list[str]], question: str) -> list[dict] | None:
        args = ["crosstab", question, "--by", by, "--where", f"wave={WAVE}", "--format", "json", "--db", str(self.db)]
        for dim, values in where.items():
            args += ["--where", f"{dim}={','.join(values)}"]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
        if code != 0:
            return None
        return [row for row in json.loads(out.getvalue()) if row["n"] is not None and row["banner"] == by]

    def crosstab(self, by: str, where: dict[str, list[str]], question: str = QUESTION) -> dict | None:
        rows = self.rows(by, where, question)
        if rows is None:
            return None
        table: dict = {}
        for row in rows:
            table.setdefault(row["group"], {})[row["option"]] = row["n"]
        return table

    def bases(self, by: str, where: dict[str, list[str]]) -> dict | None:
        """The published size of each group shown (its base: private_use is asked of everyone)."""
        rows = self.rows(by, where)
        return None if rows is None else {row["group"]: row["base_n"] for row in rows}

    def total(self, where: dict[str, list[str]]) -> dict | None:
        """The selection's count of each option (its one group when split by wave)."""
        table = self.crosstab("wave", where)
        return None if table is None else table.get(WAVE)

    def size(self, where: dict[str, list[str]]) -> int | None:
        """The selection's published size, or None where refused."""
        bases = self.bases("wave", where)
        return None if bases is None else bases.get(WAVE)


@dataclass
class Attempt:
    """A small group's counts worked out from published counts: the estimate, the truth, and the published
    counts it used, each with its sign and the selection it counts (for the chance that their noise cancels)."""
    estimate: dict[str, int]
    actual: dict[str, int]
    terms: list[tuple[int, dict]]


def swapped_crosstabs(attacker: Attacker, truth: Truth) -> list[Attempt]:
    """For every pair of dimensions (one to split by, one to select on) and every small group of the split in
    each selection: the group's counts worked out as the selection's total, minus the groups shown, minus
    the other hidden groups read from the crosstab the other way round (where each of them is shown there)."""
    found = []
    for by, on in permutations(DIMENSIONS, 2):
        for value in CODEBOOK[on].option_ids:
            where = {on: [value]}
            shown, total = attacker.crosstab(by, where), attacker.total(where)
            if shown is None or total is None:
                continue
            hidden = [g for g in CODEBOOK[by].option_ids if g not in shown]
            for target in hidden:
                actual = truth.cell({by: target, on: value})
                if not 0 < sum(actual.values()) < MIN_GROUP:
                    continue
                others = {g: attacker.crosstab(on, {by: [g]}) for g in hidden if g != target}
                if any(o is None or value not in o for o in others.values()):
                    continue
                estimate = {o: total[o] - sum(shown[g].get(o, 0) for g in shown)
                            - sum(other[value].get(o, 0) for other in others.values()) for o in OPTIONS}
                terms = [(1, where)] + [(-1, {by: g, on: value}) for g in [*shown, *others]]
                found.append(Attempt(estimate, actual, terms))
    return found


def differences(attacker: Attacker, truth: Truth, targets: int = 250) -> list[Attempt]:
    """Small groups (a value of one dimension within a value of another; `targets` of them, drawn at random
    from every pair of dimensions) worked out as a selection minus the same selection without the group
    (within the dimension), and as the group with its largest neighbour minus the neighbour (a union)."""
    found = []
    for dim, on, value, target in difference_targets(truth, targets):
        actual = truth.cell({dim: target, on: value})
        rest = [g for g in CODEBOOK[dim].option_ids if g != target]
        neighbour = max(rest, key=lambda g: truth.size({dim: g, on: value}))
        for whole, part in [({on: [value]}, {on: [value], dim: rest}),
                            ({on: [value], dim: [target, neighbour]}, {on: [value], dim: [neighbour]})]:
            a, b = attacker.total(whole), attacker.total(part)
            if a is not None and b is not None:
                found.append(Attempt({o: a[o] - b[o] for o in OPTIONS}, actual, [(1, whole), (-1, part)]))
    return found


def difference_targets(truth: Truth, targets: int = 250) -> list[tuple[str, str, str, str]]:
    """`targets` small groups (dimension, dimension selected on, its value, group) drawn at random from every
    pair of dimensions."""
    small = [(dim, on, value, target) for dim, on in permutations(DIMENSIONS, 2)
             for value in CODEBOOK[on].option_ids for target in CODEBOOK[dim].option_ids
             if 0 < truth.size({dim: target, on: value}) < MIN_GROUP]
    return random.Random(13).sample(small, min(targets, len(small)))


def total_less_shown(attacker: Attacker, truth: Truth, pairs: int = 300) -> list[Attempt]:
    """Every crosstab that hides exactly one group of its split, for selections of one value of a dimension
    (all of them) and of a value of each of two dimensions (`pairs` of them, drawn at random), split by every
    other dimension: the hidden group's counts worked out as the selection's total less every group shown.
    Attempts on groups of none are returned too (their actual counts all 0)."""
    selections = [{on: [value]} for on in DIMENSIONS for value in CODEBOOK[on].option_ids]
    two = [((a, x), (b, y)) for a, b in permutations(DIMENSIONS, 2) if a < b
           for x in CODEBOOK[a].option_ids for y in CODEBOOK[b].option_ids]
    selections += [{a: [x], b: [y]} for (a, x), (b, y) in random.Random(27).sample(two, min(pairs, len(two)))]
    found = []
    for where in selections:
        for by in (d for d in DIMENSIONS if d not in where):
            shown, total = attacker.crosstab(by, where), attacker.total(where)
            if shown is None or total is None:
                continue
            hidden = [g for g in CODEBOOK[by].option_ids if g not in shown]
            if len(hidden) != 1:
                continue
            place = {dim: values[0] for dim, values in where.items()}
            estimate = {o: total[o] - sum(shown[g].get(o, 0) for g in shown) for o in OPTIONS}
            terms = [(1, place)] + [(-1, {**place, by: g}) for g in shown]
            found.append(Attempt(estimate, truth.cell({**place, by: hidden[0]}), terms))
    return found


def report(found: list[Attempt], truth: Truth) -> dict:
    """How many groups were attacked and recovered exactly (every count), and of their counts above 0 how many
    came out exact, with the mean absolute error of the rest; beside each, how many exact recoveries the
    noise lets through on average (the chance that the errors of its published counts cancel, summed)."""
    counts, groups_expected = [], 0.0
    for attempt in found:
        chances = {o: truth.exact_chance(attempt, o) for o in OPTIONS}
        groups_expected += math.prod(chances.values())
        counts += [(attempt.estimate[o], attempt.actual[o], chances[o]) for o in OPTIONS if attempt.actual[o] > 0]
    wrong = [abs(e - a) for e, a, _ in counts if e != a]
    return {"groups": len(found), "groups_exact": sum(a.estimate == a.actual for a in found),
            "groups_exact_expected": round(groups_expected, 1),
            "counts": len(counts), "counts_exact": sum(e == a for e, a, _ in counts),
            "counts_exact_expected": round(sum(c for _, _, c in counts), 1),
            "count_chances": [c for _, _, c in counts],
            "mean_error_of_the_rest": round(sum(wrong) / len(wrong), 2) if wrong else 0.0}


def empty_report(empty: list[Attempt], few: list[Attempt], truth: Truth) -> dict:
    """What the attack tells of hidden groups of none: how many it worked out as 0 exactly (every count), with
    the number the noise's chances predict (a group of none is 0 whenever the noise of the counts used
    cancels: two counts of the same people are one number), and how many groups of 1 to 9 came out as 0 too
    (so that a 0 is not proof of none)."""
    expected = sum(math.prod(truth.exact_chance(a, o) for o in OPTIONS) for a in empty)
    return {"empty_groups": len(empty), "empty_as_zero": sum(not any(a.estimate.values()) for a in empty),
            "empty_as_zero_expected": round(expected, 1),
            "few_as_zero": sum(sum(a.estimate.values()) == 0 for a in few)}


def artifact(name: str, seen: dict) -> None:
    """An attack's numbers, kept in tests/artifacts/attack_<name>.json for whoever reviews the protection."""
    folder = ROOT / "tests" / "artifacts"
    folder.mkdir(exist_ok=True)
    (folder / f"attack_{name}.json").write_text(json.dumps(seen, indent=1))


def allowed(chances: list[float]) -> float:
    """The most exact recoveries tries of these chances allow: their expected number and three standard
    deviations."""
    return sum(chances) + 3 * math.sqrt(sum(c * (1 - c) for c in chances))


@pytest.fixture(scope="module")
def noisy(attacked) -> Attacker:
    """One attacker for the attacks on the counts with noise, so that the crosstabs they share run once."""
    results.clear_cache()
    return Attacker(attacked)


@pytest.fixture
def perturbation_off(monkeypatch):
    monkeypatch.setattr(protection, "load", lambda *args: protection.Perturbation("none"))
    results.clear_cache()
    yield
    monkeypatch.undo()
    results.clear_cache()


@pytest.mark.parametrize("attack", [swapped_crosstabs, differences])
def test_without_perturbation_the_attacks_find_every_small_group(attacked, truth, perturbation_off, attack):
    found = attack(Attacker(attacked), truth)
    assert len(found) >= 30
    assert all(a.estimate == a.actual for a in found)


def test_with_exact_counts_of_real_people_no_small_group_is_hidden_alone(attacked, truth, perturbation_off,
                                                                         monkeypatch):
    """Wave 2012 made exact: no crosstab hides exactly one group (the next smallest goes with a lone small one),
    so the total less the groups shown aims at nothing. Without that secondary suppression, the attack finds
    every hidden group exactly: it is real, and the secondary suppression is what stops it on exact counts."""
    assert not total_less_shown(Attacker(attacked), truth, pairs=100)
    monkeypatch.setattr(results, "exact_people", lambda *args: False)
    results.clear_cache()
    found = [a for a in total_less_shown(Attacker(attacked), truth, pairs=100) if sum(a.actual.values())]
    assert len(found) >= 30
    assert all(a.estimate == a.actual for a in found)


@pytest.mark.parametrize("attack", [swapped_crosstabs, total_less_shown])
def test_differencing_yields_noise_not_people(attacked, truth, noisy, attack):
    found = attack(noisy, truth)
    empty = [a for a in found if not sum(a.actual.values())]  # groups of none, hidden alone
    seen = report([a for a in found if sum(a.actual.values())], truth)
    if empty:
        seen |= empty_report(empty, [a for a in found if sum(a.actual.values())], truth)
    chances = seen.pop("count_chances")
    artifact(attack.__name__, seen)
    assert seen["groups"] >= 30 and seen["counts"] >= 30
    assert seen["counts_exact"] <= allowed(chances), seen
    # A count worked out from two published counts or more is exact no more than 40 % of the time.
    assert seen["counts_exact_expected"] <= 0.4 * seen["counts"]
    assert seen["groups_exact"] <= seen["groups_exact_expected"] + 3 * math.sqrt(seen["groups_exact_expected"]), seen
    assert seen["mean_error_of_the_rest"] >= 1
    if "empty_groups" in seen:  # a group of none comes out as none no more often than the noise's chances say
        assert seen["empty_as_zero"] <= seen["empty_as_zero_expected"] + 3 * math.sqrt(seen["empty_as_zero_expected"])


def test_the_same_cell_is_the_same_number_by_every_route(attacked, truth):
    """A group's count read from a crosstab by one dimension, from the other way round and as a selection of
    its own is one number: asking again, or another way, gives nothing to average."""
    attacker, checked = Attacker(attacked), 0
    for by, on in [("gender", "role"), ("age_group", "region"), ("company_size", "industry")]:
        for value in CODEBOOK[on].option_ids:
            shown = attacker.crosstab(by, {on: [value]}) or {}
            for group, cells in shown.items():
                other = attacker.crosstab(on, {by: [group]})
                alone = attacker.total({by: [group], on: [value]})
                assert other[value] == cells == alone
                checked += 1
    assert checked >= 20


def small_and_empty(truth: Truth) -> tuple[dict, dict]:
    """A selection of wave 2012 of nobody and one of a few (two dimensions)."""
    empty = few = None
    for dim, on in permutations(DIMENSIONS, 2):
        for a in CODEBOOK[dim].option_ids:
            for b in CODEBOOK[on].option_ids:
                size = truth.size({dim: a, on: b})
                if size == 0 and empty is None:
                    empty = {dim: (a,), on: (b,)}
                if 0 < size < MIN_GROUP and few is None:
                    few = {dim: (a,), on: (b,)}
    assert empty and few
    return empty, few


def cli_output(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, "--db", str(db)])
    return code, out.getvalue(), err.getvalue()


def test_existence_probes_on_the_command_line(attacked, truth):
    empty, few = small_and_empty(truth)
    for command in (["figures"], ["crosstab", QUESTION, "--by", "gender"],
                    ["crosstab", "company_channels", "--by", "role"]):
        seen = []
        for selection in (empty, few):
            where = [f"--where=wave={WAVE}"] + [f"--where={d}={v[0]}" for d, v in selection.items()]
            seen.append(cli_output(attacked, *command, *where))
        assert seen[0] == seen[1] and seen[0][0] == 1


def test_existence_probes_in_crosstabs_name_no_group(attacked, truth):
    """Within a selection shown, a group of none and a group of a few are both left out, unnamed."""
    attacker = Attacker(attacked)
    for by, on in permutations(DIMENSIONS, 2):
        for value in CODEBOOK[on].option_ids:
            shown = attacker.crosstab(by, {on: [value]})
            for group in shown or {}:
                assert truth.size({by: group, on: value}) >= MIN_GROUP


@pytest.mark.parametrize("page", ["usage", "guidelines"])
def test_existence_probes_on_the_pages(attacked, truth, monkeypatch, page):
    monkeypatch.setenv("SURVEY_DB", str(attacked))
    empty, few = small_and_empty(truth)
    seen = []
    for selection in (empty, few):
        view = View(filters=Filters({"wave": (WAVE,), **selection}))
        app = open_page(page, view)
        assert [w.value for w in app.warning] == [t("too_few", min=MIN_GROUP)]
        assert not app.get("vega_lite_chart") and not app.get("download_button") and not html_tables(app)
        words = in_words(view.filters, CODEBOOK, "nb")
        captions = [c.value.replace(words, "") for c in app.caption]  # the filters' own words aside
        seen.append([captions, [i.value for i in app.info], [m.value for m in app.markdown]])
    assert seen[0] == seen[1]


def test_free_texts_do_not_follow_a_small_group(attacked, truth):
    """The guidelines page's texts for a selection and for the same selection less a small group are the same
    list, so no text is tied to the group."""
    compared = 0
    for dim, on in [("industry", "region"), ("role", "age_group"), ("company_size", "gender")]:
        for value in CODEBOOK[on].option_ids:
            for target in CODEBOOK[dim].option_ids:
                if not 0 < truth.size({dim: target, on: value}) < MIN_GROUP:
                    continue
                rest = tuple(g for g in CODEBOOK[dim].option_ids if g != target)
                whole = View(filters=Filters({"wave": (WAVE,), on: (value,)}))
                less = View(filters=Filters({"wave": (WAVE,), on: (value,), dim: rest}))
                texts = [results.why_not_texts(v, CODEBOOK, db=attacked).to_dict("records") for v in (whole, less)]
                assert texts[0] == texts[1]
                compared += 1
    assert compared >= 5


def test_the_published_figures_stay_exact_beside_a_wave_with_noise(attacked):
    from survey.analysis import published

    results.clear_cache()
    assert published.published_check(CODEBOOK, attacked).verdicts == {
        f.id: (True if f.check else None) for f in published.FIGURES}
    code, out, _ = cli_output(attacked, "figures")
    assert code == 0 and "NOT reproduced" not in out


def test_the_pages_and_the_command_line_show_the_same_numbers(attacked):
    """The numbers a page draws (results.shares, which the charts, tables and exports read) are the command
    line's, cell for cell, and a group's size is one number whether counted as a selection or as a base."""
    attacker = Attacker(attacked)
    for by, on in [("role", "age_group"), ("region", "industry")]:
        for value in CODEBOOK[on].option_ids:
            view = View(filters=Filters({"wave": (WAVE,), on: (value,)}), by=by, lang="en")
            if results.respondents(view, CODEBOOK, attacked) < MIN_GROUP:
                continue
            frame = results.shares(QUESTION, view, CODEBOOK, db=attacked).frame.dropna(subset=["n"])
            page = {}
            for group, option, n in zip(frame["group"], frame["option"], frame["n"]):
                page.setdefault(group, {})[option] = int(n)
            assert page == attacker.crosstab(by, {on: [value]})
            for group, base in zip(frame["group"], frame["base_n"]):
                alone = View(filters=Filters({"wave": (WAVE,), on: (value,), by: (group,)}))
                assert results.respondents(alone, CODEBOOK, attacked) == int(base)  # private_use is asked of all


def test_the_method_page_says_which_waves_have_noise(attacked, monkeypatch):
    monkeypatch.setenv("SURVEY_DB", str(attacked))
    for lang in ("nb", "en"):
        app = open_page("method", View(lang=lang))
        said = [m.value for m in app.markdown]
        assert t("perturbation", lang) in [s.value for s in app.subheader]
        assert t("perturbation_waves", lang, perturbed=WAVE,
                 exact=t("perturbation_reconstructed", lang, wave="2010")) in said
        exact = format_pct(100 * protection.exact_chance(2), lang, 0)
        assert any(exact in s and "TableBuilder" in s for s in said)


# Unions, and the differences of selections that need them.

def cli_refused(db: Path, *args: str) -> str:
    """What the command line says on standard error when it refuses `args`, checked to be one sentence: a
    non-zero exit, nothing on standard output, one line of error and no traceback."""
    code, out, err = cli_output(db, *args)
    assert code == 2 and not out, (args, code, out)  # asked wrongly
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert "unexpected" not in err and "SURVEY_DEBUG" not in err, err
    return err


def test_unions_are_refused_on_the_command_line_with_one_sentence(attacked):
    """Both halves of a difference of selections need a union on a wave with noise: the group with a neighbour,
    and the selection without the group (the rest of its dimension). Each is refused with a sentence, whatever
    the command, the other filters or the waves beside wave 2012; wave 2012 beside the exact reconstruction,
    without a union, is answered."""
    rest = ",".join(CODEBOOK["region"].option_ids[1:])
    unions = [[f"--where=wave={WAVE}", "--where=gender=male,female"],
              [f"--where=wave={WAVE}", "--where=role=leader", f"--where=region={rest}"],
              [f"--where=wave={WAVE}", "--where=role=leader", f"--where={ANSWER}=yes,no"],
              [f"--where=wave=2010,{WAVE}", "--where=gender=male,female"],
              ["--where=gender=male,female"]]
    for where in unions:
        for command in (["crosstab", QUESTION, "--by", "gender", "--format", "json"], ["figures"]):
            said = cli_refused(attacked, *command, *where)
            assert ("filters on answers are not offered" if ANSWER in " ".join(where)
                    else "each filter holds one option") in said, said
    code, _, _ = cli_output(attacked, "crosstab", QUESTION, "--by", "gender", f"--where=wave=2010,{WAVE}")
    assert code == 0


def test_differences_of_selections_get_only_refusals_with_noise(truth, noisy):
    """The attack that found every group without the perturbation (a selection less the same selection without
    the group, the group with a neighbour less the neighbour) gets no difference answered."""
    found = differences(noisy, truth)
    targets = len(difference_targets(truth))
    seen = {"targets": targets, "answered": len(found), "recovered": sum(a.estimate == a.actual for a in found),
            "allowed": round(allowed([BY_CHANCE] * targets), 1)}
    artifact("differences", seen)
    assert targets >= 100 and seen["answered"] == 0
    assert seen["recovered"] <= seen["allowed"]


# Averaging over distinct sets: the attack of the issue.

SUBSETS = 34  # the differences the attack averages per cell at most


@dataclass
class Guess:
    """A hidden cell's size as an attack works it out (None where it got nothing to work from), its true size,
    and how many of the figures it asked for (differences, or estimates of a count) it was given."""
    estimate: int | None
    actual: int
    answered: int
    asked: int


def small_cells(truth: Truth, extra: dict, count: int) -> list[tuple[str, str, str, str]]:
    """`count` cells (dimension, option, dimension selected on, its value) of 1 to 9 people within the answer
    filter `extra`, drawn at random from every pair of dimensions."""
    cells = [(a, x, b, y) for a, b in permutations(DIMENSIONS, 2) for y in CODEBOOK[b].option_ids
             for x in CODEBOOK[a].option_ids if 0 < truth.size({a: x, b: y, **extra}) < MIN_GROUP]
    return random.Random(29).sample(cells, min(count, len(cells)))


def subsets(options: list[str], seed: int) -> list[tuple[str, ...]]:
    """Every non-empty subset of `options`, or SUBSETS of them drawn at random where there are more."""
    every = [s for size in range(1, len(options) + 1) for s in combinations(options, size)]
    return every if len(every) <= SUBSETS else random.Random(seed).sample(every, SUBSETS)


def hidden_size(value: float) -> int:
    """An estimate read as the attacker would: a whole number of people, and a hidden cell holds fewer than
    MIN_GROUP."""
    return min(max(round(value), 0), MIN_GROUP - 1)


def distinct_sets(count, truth: Truth, extra: dict, targets: int = 30) -> list[Guess]:
    """For each of `targets` cells H = (A=a, B=b) of 1 to 9 people (within the answer filter `extra`): the mean
    of n(A in {a} and S, B=b) - n(A in S, B=b) over the subsets S of A's other options. Each difference is H
    with noise of its own (each union is a set of its own), so their mean is H. `count(where)` is a
    selection's published size, None where refused."""
    guesses = []
    for number, (a, target, b, value) in enumerate(small_cells(truth, extra, targets)):
        found, asked = [], 0
        for chosen in subsets([g for g in CODEBOOK[a].option_ids if g != target], seed=number):
            asked += 1
            union = count({b: [value], a: [target, *chosen], **extra})
            rest = None if union is None else count({b: [value], a: list(chosen), **extra})
            if rest is not None:
                found.append(union - rest)
        estimate = hidden_size(sum(found) / len(found)) if found else None
        guesses.append(Guess(estimate, truth.size({a: target, b: value, **extra}), len(found), asked))
    return guesses


def guess_report(guesses: list[Guess]) -> dict:
    """How many cells were aimed at, how many got anything to work from, how many came out exact, and the most
    exact ones chance allows (BY_CHANCE each, and three standard deviations)."""
    return {"targets": len(guesses), "answered": sum(g.answered for g in guesses),
            "asked": sum(g.asked for g in guesses),
            "cells_with_an_estimate": sum(g.estimate is not None for g in guesses),
            "recovered": sum(g.estimate == g.actual for g in guesses),
            "recovered_rate": round(sum(g.estimate == g.actual for g in guesses) / max(len(guesses), 1), 3),
            "allowed": round(allowed([BY_CHANCE] * len(guesses)), 1)}


def page_count(db: Path):
    """A selection's size of wave 2012 as the pages count it (results.respondents), None where refused."""
    def count(where: dict[str, list[str]]) -> int | None:
        view = View(filters=Filters({"wave": (WAVE,), **{key: tuple(values) for key, values in where.items()}}))
        try:
            return results.respondents(view, CODEBOOK, db)
        except queries.QueryError:
            return None
    return count


@pytest.fixture
def unions_let_through(monkeypatch):
    """The rule against unions taken off, the noise kept: what the rule stops. The results kept meanwhile are
    forgotten after, as they were made without the rule."""
    monkeypatch.setattr(protection, "unions", lambda *args: [])
    results.clear_cache()
    yield
    monkeypatch.undo()
    results.clear_cache()


@pytest.mark.parametrize("extra", [{}, ANSWERED], ids=["cells", "cells_answering_yes"])
def test_averaging_over_distinct_sets_gets_only_refusals_on_the_command_line(truth, noisy, extra):
    """Every difference the attack needs has a union in it, so none is answered and no cell is worked out."""
    seen = guess_report(distinct_sets(noisy.size, truth, extra))
    artifact("distinct_sets" + ("_answering_yes" if extra else ""), seen)
    assert seen["targets"] >= 25 and seen["asked"] >= 200
    assert seen["answered"] == 0
    assert seen["recovered"] <= seen["allowed"]


def test_averaging_over_distinct_sets_gets_only_refusals_from_the_pages(attacked, truth):
    """The functions the pages draw with refuse the same unions (QueryError), whether they count the selection
    or its shares."""
    results.clear_cache()
    seen = {}
    for name, extra in (("cells", {}), ("cells_answering_yes", ANSWERED)):
        seen[name] = guess_report(distinct_sets(page_count(attacked), truth, extra))
        assert seen[name]["targets"] >= 25 and seen[name]["answered"] == 0
        assert seen[name]["recovered"] <= seen[name]["allowed"]
    artifact("distinct_sets_pages", seen)
    union = Filters({"wave": (WAVE,), "role": ("leader",), "gender": ("male", "female")})
    for view, said in ((View(filters=union, by="age_group"), "each filter holds one option"),
                       (View(filters=Filters({"wave": (WAVE,), ANSWER: ("yes",)})), "filters on answers are not")):
        with pytest.raises(queries.QueryError, match=said):
            results.shares(QUESTION, view, CODEBOOK, db=attacked)
        with pytest.raises(queries.QueryError, match=said):
            counts.shares([(QUESTION, ["none"])], weights="none", db=attacked, **view.filters.params(CODEBOOK))


def test_without_the_rule_on_unions_averaging_over_distinct_sets_finds_most_cells(attacked, truth,
                                                                                 unions_let_through):
    """The attack is real: with the noise alone it works out most hidden cells exactly, far more than chance
    allows. The rule on unions is what stops it."""
    seen = guess_report(distinct_sets(page_count(attacked), truth, {}))
    artifact("distinct_sets_unions_let_through", seen)
    assert seen["recovered"] > seen["allowed"]


# Weights: a weighted base over its count is the true mean weight of the people counted.

def test_no_weighted_figure_of_a_wave_with_noise_is_published(attacked):
    """Everyone of a weighting cell has one weight, so the true mean weight of a hidden cell joined with
    neighbours shown solves for its size. Every route to a weighted figure that reaches wave 2012 is refused
    (wave 2012 alone, with the exact wave, or every wave), and the method page's weighting tables leave it
    out, so nothing is recovered through weights. The exact wave alone is still weighted."""
    results.clear_cache()
    routes = 0
    for waves in ((WAVE,), ("2010", WAVE), ()):
        params = Filters({"wave": waves}).params(CODEBOOK)
        assert dataset.weight_schemes(list(waves), attacked) == ["none"]
        with pytest.raises(queries.QueryError, match="weighted figures are not published"):
            counts.shares([(QUESTION, ["none", "gender"])], weights="person", db=attacked, **params)
        with pytest.raises(queries.QueryError, match="weighted figures are not published"):
            counts.run("group_count", db=attacked, by=["gender"], weights="company", **params)
        with pytest.raises((results.WeightsUnavailable, queries.QueryError)):
            results.shares(QUESTION, View(filters=Filters({"wave": waves}), weights="person"), CODEBOOK, db=attacked)
        where = [f"--where=wave={','.join(waves)}"] if waves else []
        for command in (["crosstab", QUESTION, "--by", "gender", "--format", "json"], ["figures", "--format", "json"]):
            assert "'person' is not available" in cli_refused(attacked, *command, *where, "--weights", "person")
        routes += 5
    assert "person" in dataset.weight_schemes(["2010"], attacked)
    wave = t("wave", "en")
    assert set(method.weighting_table("en", attacked)[wave]) == {"2010"}
    assert set(method.weighting_margins("en", CODEBOOK, attacked)[wave]) == {"2010"}
    assert not any(WAVE in note for note in method.weighting_target_notes("en", CODEBOOK, attacked))
    artifact("weights", {"routes": routes, "weighted_answers": 0, "recovered": 0})


# Interval inversion: the base solved from an interval's bounds.

def wilson_base(share: float, low: float, high: float, level: float = 95) -> float:
    """The base on which a Wilson interval around `share` is as wide as high - low (the width falls as the base
    grows): what someone solves for to read a base from a published interval."""
    z = stats.z_value(level)

    def width(n: float) -> float:
        return 2 * z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)

    small, large = 0.01, 1e7
    for _ in range(200):
        middle = math.sqrt(small * large)
        small, large = (middle, large) if width(middle) > high - low else (small, middle)
    return (small + large) / 2


def test_an_interval_solved_for_its_base_gives_the_published_base_not_the_true_one(attacked, truth):
    """Intervals are computed from the published counts only: the base read back from each interval the pages
    show for wave 2012 is the published (noisy) base, where that differs from the true one too."""
    results.clear_cache()
    solved, differs, revealed = 0, 0, 0
    for number, on in enumerate(DIMENSIONS):
        by = DIMENSIONS[(number + 1) % len(DIMENSIONS)]
        for value in CODEBOOK[on].option_ids:
            view = View(filters=Filters({"wave": (WAVE,), on: (value,)}), by=by, lang="en")
            frame = results.shares(QUESTION, view, CODEBOOK, db=attacked).frame
            for group, pct, low, high, base in zip(frame["group"], frame["pct"], frame["ci_low"], frame["ci_high"],
                                                   frame["base_n"]):
                base_read = round(wilson_base(pct / 100, low / 100, high / 100))
                true = truth.size({on: value, by: group})
                assert base_read == base, (on, value, by, group)
                solved += 1
                differs += base != true
                revealed += base_read == true != base
    artifact("interval_inversion", {"intervals": solved, "published_base_not_true": differs, "recovered": revealed})
    assert solved >= 100 and differs >= solved / 2 and revealed == 0


# Existence by union: a union with an empty cell is the same set as the neighbour alone.

def union_cells(truth: Truth, empty: bool, count: int) -> list[tuple[str, str, str, str, str]]:
    """`count` cells (dimension, option, dimension selected on, its value, neighbour) of none (`empty`) or of 1
    to 9 people, drawn at random, each with its neighbour: the largest other option of its dimension within
    the same selection, where that has MIN_GROUP people or more."""
    cells = []
    for a, b in permutations(DIMENSIONS, 2):
        for value in CODEBOOK[b].option_ids:
            sizes = {x: truth.size({a: x, b: value}) for x in CODEBOOK[a].option_ids}
            for target, size in sizes.items():
                neighbour = max((x for x in sizes if x != target), key=sizes.get)
                if (size == 0 if empty else 0 < size < MIN_GROUP) and sizes[neighbour] >= MIN_GROUP:
                    cells.append((a, target, b, value, neighbour))
    return random.Random(31).sample(cells, min(count, len(cells)))


def called_empty(count, cells: list) -> int:
    """How many of `cells` the probe calls empty: the cell with its neighbour counts as many as the neighbour
    alone (where neither count is refused)."""
    called = 0
    for a, target, b, value, neighbour in cells:
        union = count({b: [value], a: [target, neighbour]})
        alone = None if union is None else count({b: [value], a: [neighbour]})
        called += alone is not None and union == alone
    return called


def probe_report(count, truth: Truth, cells: int = 25) -> dict:
    """How many cells of none, and how many of a few, the probe calls empty (`cells` of each)."""
    empty, few = union_cells(truth, True, cells), union_cells(truth, False, cells)
    return {"empty_cells": len(empty), "empty_called_empty": called_empty(count, empty),
            "few_cells": len(few), "few_called_empty": called_empty(count, few)}


def better_than_chance(seen: dict) -> bool:
    """Whether the probe calls empty cells empty more often than cells of a few, by more than three standard
    deviations of the difference of the two rates."""
    e, n_e, f, n_f = seen["empty_called_empty"], seen["empty_cells"], seen["few_called_empty"], seen["few_cells"]
    pooled = (e + f) / (n_e + n_f)
    return e / n_e - f / n_f > 3 * math.sqrt(pooled * (1 - pooled) * (1 / n_e + 1 / n_f))


def test_a_union_tells_no_empty_cell_from_a_few(truth, noisy):
    """The unions are refused, so the probe calls empty cells empty no more often than cells of a few."""
    seen = probe_report(noisy.size, truth)
    artifact("existence_by_union", seen)
    assert seen["empty_cells"] >= 20 and seen["few_cells"] >= 20
    assert not better_than_chance(seen), seen


def test_without_the_rule_on_unions_a_union_tells_every_empty_cell(attacked, truth, unions_let_through):
    """The probe is real: an empty cell's union is the neighbour's set, with the neighbour's cell key and so its
    number, every time."""
    seen = probe_report(page_count(attacked), truth)
    artifact("existence_by_union_unions_let_through", seen)
    assert seen["empty_called_empty"] == seen["empty_cells"] and better_than_chance(seen)


# Averaging over partitions: what the rules still allow.

def size_estimates(attacker: Attacker, where: dict, published: int | None, skip: str | None) -> list[tuple[int, int]]:
    """Independent estimates of a selection's size, each with the number of published counts it adds up: its
    own published count, and the sum of the groups of each split by another dimension (not `skip`) that shows
    every group."""
    found = [] if published is None else [(published, 1)]
    for dim in DIMENSIONS:
        if dim in where or dim == skip:
            continue
        groups = attacker.bases(dim, where)
        if groups is not None and len(groups) == len(CODEBOOK[dim].option_ids):
            found.append((sum(groups.values()), len(groups)))
    return found


def best_mean(estimates: list[tuple[int, int]]) -> float:
    """The estimates' mean, each weighted by the inverse of its variance (a sum of k counts has k times the
    variance of one)."""
    return sum(e / k for e, k in estimates) / sum(1 / k for _, k in estimates)


def partitions(attacker: Attacker, truth: Truth) -> list[Guess]:
    """For each crosstab of a one-value selection B=b by a dimension A that hides one group H of 1 to 9
    people: n(B=b) and each shown n(A=a', B=b) as the mean of their independent estimates (size_estimates),
    and H as n(B=b) less the shown ones. No union is asked for: only selections of one value per filter."""
    guesses = []
    for a, b in permutations(DIMENSIONS, 2):
        for value in CODEBOOK[b].option_ids:
            where = {b: [value]}
            shown = attacker.bases(a, where)
            hidden = [g for g in CODEBOOK[a].option_ids if g not in (shown or {})]
            if shown is None or len(hidden) != 1 or not 0 < truth.size({a: hidden[0], b: value}) < MIN_GROUP:
                continue
            whole = size_estimates(attacker, where, attacker.size(where), skip=a)
            parts = [size_estimates(attacker, {b: [value], a: [g]}, n, skip=None) for g, n in shown.items()]
            estimate = hidden_size(best_mean(whole) - sum(best_mean(part) for part in parts)) if whole else None
            used, looked_for = len(whole) + sum(len(part) for part in parts), (len(DIMENSIONS) - 1) * (1 + len(shown))
            guesses.append(Guess(estimate, truth.size({a: hidden[0], b: value}), used, looked_for))
    return guesses


OLD_UNION_AVERAGING = 0.88  # what averaging over distinct sets recovered before unions were refused


def test_averaging_over_partitions_recovers_no_more_than_chance(truth, noisy):
    """The stronger attack the rules leave open: several independent estimates of each count, averaged, have
    less noise than one. Measured (tests/artifacts/attack_partitions.json): it stays within what a single
    difference gets by chance, as few crosstabs show every group of a split."""
    seen = guess_report(partitions(noisy, truth))
    artifact("partitions", seen)
    assert seen["targets"] >= 25
    assert seen["recovered_rate"] < OLD_UNION_AVERAGING
    assert seen["recovered"] <= seen["allowed"], seen


# Averaging over partitions, both ways round, with the answers as partitions too: the strongest the rules leave.

# The single-choice questions asked of everyone, dimensions aside: their options split every selection into groups
# that add up to it, as a dimension's groups do, and every option's count is shown, however small.
ASKED_OF_ALL = tuple(q.id for q in CODEBOOK.of_kind("single") if q.asked_of.everyone and not q.dimension)
# What an estimate of a count adds up: the count itself, the groups of a dimension's split, the options of a
# question asked of everyone, or the cells of a dimension's split by such a question.
SOURCES = ("count", "dimensions", "answers", "cells")
# The estimates each variant of the attack averages: the counts alone, and each kind of partition added.
VARIANTS = {"count_alone": {"count"}, "with_dimensions": {"count", "dimensions"}, "with_answers": {"count", "answers"},
            "with_dimensions_and_answers": {"count", "dimensions", "answers"}, "with_all": set(SOURCES)}


def count_estimates(attacker: Attacker, where: dict, skip: tuple = ()) -> list[tuple[str, int, int]]:
    """Independent estimates of a selection's size, each with its source (SOURCES) and the number of published
    counts it adds up. A question's options add up to the selection only where it was asked of everyone in it
    (its base is the selection's count), and a split (by a dimension not in `skip`) only where it shows every
    group."""
    size = attacker.size(where)
    if size is None:
        return []
    found = [("count", size, 1)]
    for question in ASKED_OF_ALL:
        rows = attacker.rows("wave", where, question) or []
        if len(rows) == len(CODEBOOK[question].option_ids) and all(r["base_n"] == size for r in rows):
            found.append(("answers", sum(r["n"] for r in rows), len(rows)))
    for dim in (d for d in DIMENSIONS if d not in where and d not in skip):
        groups = attacker.bases(dim, where)
        if groups is None or len(groups) < len(CODEBOOK[dim].option_ids):
            continue
        found.append(("dimensions", sum(groups.values()), len(groups)))
        for question in ASKED_OF_ALL:
            rows = attacker.rows(dim, where, question) or []
            if len(rows) == len(groups) * len(CODEBOOK[question].option_ids):
                found.append(("cells", sum(r["n"] for r in rows), len(rows)))
    return found


def averaged(estimates: list[tuple[str, int, int]], sources: set) -> tuple[float, float] | None:
    """The mean of the estimates from `sources`, each weighted by the inverse of its variance (k counts: k times
    one count's), and the mean's variance in units of one count's."""
    kept = [(value, k) for source, value, k in estimates if source in sources]
    if not kept:
        return None
    precision = sum(1 / k for _, k in kept)
    return sum(value / k for value, k in kept) / precision, 1 / precision


def one_way(attacker: Attacker, a: str, target: str, b: str, value: str, sources: set) -> tuple[float, float] | None:
    """The cell (A=target, B=value) as n(B=value) less every group shown of A's split within it, each count the
    mean of its estimates, with the variance of the difference; None where that split does not hide the cell
    alone."""
    shown = attacker.bases(a, {b: [value]})
    if shown is None or set(CODEBOOK[a].option_ids) - set(shown) != {target}:
        return None
    counts = [averaged(count_estimates(attacker, {b: [value]}), sources)]
    counts += [averaged(count_estimates(attacker, {b: [value], a: [g]}), sources) for g in shown]
    if None in counts:
        return None
    whole, *parts = counts
    return whole[0] - sum(mean for mean, _ in parts), sum(variance for _, variance in counts)


def both_ways(attacker: Attacker, cell: tuple, sources: set, ways: int = 2) -> int | None:
    """A hidden cell as the mean of its one-way estimates (B first, then A first: `ways` of them), each weighted
    by the inverse of its variance, read as a whole number of people under MIN_GROUP."""
    (a, x), (b, y) = cell
    found = [w for w in (one_way(attacker, a, x, b, y, sources), one_way(attacker, b, y, a, x, sources)) if w]
    found = found[:ways]
    if not found:
        return None
    precision = sum(1 / variance for _, variance in found)
    return hidden_size(sum(mean / variance for mean, variance in found) / precision)


def partition_cells(attacker: Attacker, truth: Truth, count: int = 40) -> list[tuple]:
    """`count` cells ((A, a), (B, b)) of 1 to 9 people that a crosstab of A within B=b, or of B within A=a,
    hides alone, drawn at random."""
    cells = set()
    for a, b in permutations(DIMENSIONS, 2):
        for value in CODEBOOK[b].option_ids:
            shown = attacker.bases(a, {b: [value]})
            hidden = [g for g in CODEBOOK[a].option_ids if g not in (shown or {})]
            if shown is not None and len(hidden) == 1 and 0 < truth.size({a: hidden[0], b: value}) < MIN_GROUP:
                cells.add(tuple(sorted([(a, hidden[0]), (b, value)])))
    return random.Random(41).sample(sorted(cells), min(count, len(cells)))


def whole_table(attacker: Attacker, a: str, b: str, sources: set) -> dict[tuple, float]:
    """Every cell of the table of A by B by least squares, each equation weighted by the inverse of its standard
    deviation: each cell shown, each selection of one value of A or of B (the sum of its row or column), and the
    wave (the sum of all), each the mean of its estimates (splits by A or B left out, so that no two equations
    share a published count), every hidden cell between 0 and MIN_GROUP - 1 and every cell shown MIN_GROUP or
    more. A row that hides several cells adds up to them, and the columns that hide each of them alone tell
    them apart: the row of a cell works for it even where its own crosstab hides more than the cell."""
    from scipy.optimize import lsq_linear

    cells = [(x, y) for x in CODEBOOK[a].option_ids for y in CODEBOOK[b].option_ids]
    equations, shown = [], set()

    def add(members: list[tuple], where: dict) -> None:
        mean = averaged(count_estimates(attacker, where, skip=(a, b)), sources)
        if mean is not None:
            equations.append(([c in members for c in cells], *mean))

    add(cells, {})
    for dim, other in ((a, b), (b, a)):
        for value in CODEBOOK[other].option_ids:
            groups = attacker.bases(dim, {other: [value]})
            if groups is None:
                continue
            line = [c for c in cells if dict(zip((a, b), c))[other] == value]
            add(line, {other: [value]})
            for group in groups:
                cell = (group, value) if dim == a else (value, group)
                if cell not in shown:
                    shown.add(cell)
                    add([cell], {a: [cell[0]], b: [cell[1]]})
    weights = [1 / math.sqrt(variance) for _, _, variance in equations]
    matrix = [[w * m for m in members] for (members, _, _), w in zip(equations, weights)]
    low = [MIN_GROUP if c in shown else 0 for c in cells]
    high = [math.inf if c in shown else MIN_GROUP - 1 for c in cells]
    solved = lsq_linear(matrix, [w * mean for (_, mean, _), w in zip(equations, weights)], bounds=(low, high))
    return dict(zip(cells, solved.x))


def precision_by_source(attacker: Attacker, cells: list[tuple]) -> dict[str, float]:
    """The share of each source in the precision (the sum of 1/k) of the counts the one-way attack averages: what
    each kind of partition adds."""
    totals = dict.fromkeys(SOURCES, 0.0)
    for (a, x), (b, y) in cells:
        for dim, value, other in ((a, y, b), (b, x, a)):
            shown = attacker.bases(dim, {other: [value]})
            if shown is None or len(CODEBOOK[dim].option_ids) - len(shown) != 1:
                continue
            for where in [{other: [value]}] + [{other: [value], dim: [g]} for g in shown]:
                for source, _, k in count_estimates(attacker, where):
                    totals[source] += 1 / k
    whole = sum(totals.values()) or 1
    return {source: round(total / whole, 3) for source, total in totals.items()}


def strong_partitions(attacker: Attacker, truth: Truth) -> dict:
    """Each variant of the averaging (VARIANTS) on the same hidden cells, cell by cell (both ways round) and over
    the whole table of the cell's two dimensions, with what chance allows and the commands asked."""
    cells = partition_cells(attacker, truth)
    actual = [truth.size(dict(cell)) for cell in cells]
    both = sum(bool(one_way(attacker, a, x, b, y, {"count"}) and one_way(attacker, b, y, a, x, {"count"}))
               for (a, x), (b, y) in cells)
    recovered: dict = {"both_ways": {}, "whole_table": {}}
    for name, sources in VARIANTS.items():
        guesses = [both_ways(attacker, cell, sources) for cell in cells]
        recovered["both_ways"][name] = sum(g == n for g, n in zip(guesses, actual))
        tables = {pair: whole_table(attacker, *pair, sources) for pair in {(a, b) for (a, _), (b, _) in cells}}
        guesses = [hidden_size(tables[a, b][x, y]) for (a, x), (b, y) in cells]
        recovered["whole_table"][name] = sum(g == n for g, n in zip(guesses, actual))
    most = max(n for way in recovered.values() for n in way.values())
    return {"targets": len(cells), "hidden_alone_both_ways": both, "recovered": recovered,
            "recovered_most": most, "recovered_rate": round(most / max(len(cells), 1), 3),
            "allowed": round(allowed([BY_CHANCE] * len(cells)), 1),
            "precision_by_source": precision_by_source(attacker, cells), "queries": len(attacker.asked)}


def test_averaging_over_partitions_both_ways_and_over_answers_recovers_no_more_than_chance(truth, noisy):
    """The strongest averaging the rules leave: every count the hidden cell is worked out from is the mean of all
    its independent estimates (the count, every dimension's split that shows every group, the options of every
    question asked of everyone, and the cells of both), the cell worked out both ways round, and over the whole
    table of its two dimensions. Averaged estimates have less noise than one count, but the cell is still a
    difference of many of them. Measured (tests/artifacts/attack_partitions_strong.json): even the best variant
    stays within what a single difference gets by chance."""
    seen = strong_partitions(noisy.sharing(), truth)
    artifact("partitions_strong", seen)
    assert seen["targets"] >= 25
    assert set(ASKED_OF_ALL) == {QUESTION, ANSWER, "guidelines"}
    assert seen["recovered_rate"] < OLD_UNION_AVERAGING
    assert seen["recovered_most"] <= seen["allowed"], seen
