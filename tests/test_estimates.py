"""The statistics layer on real query results: intervals, tests against the rest, Holm (a yes/no question's
two answers one test), weights, and the protection of small groups (alone where the counts carry noise or are
the reconstruction's, with the next smallest where a wave of real people has exact counts), checked against
independent references and by properties."""
import json
import shutil
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.analysis import counts, published, results
from survey.cli import crosstab_rows
from survey.model.filters import Filters
from survey.model.state import View
from survey.output import banner
from survey.stats import estimates
from survey.texts.i18n import t
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    """The reconstruction's answers built from a copy of their file: a wave of real people, as an import is.
    Under the tests' rules (no noise in any wave) its counts are exact."""
    from survey.ingest.imports import build

    folder = tmp_path_factory.mktemp("real")
    shutil.copy(ROOT / "data" / "responses.csv", folder / "answers.csv")
    db = build(folder / "answers.csv", folder / "survey.duckdb").path
    results.clear_cache()
    yield db
    results.clear_cache()


def frame_of(db, codebook, question, by="none", weights="none", **selected):
    params = Filters({k: tuple(v) for k, v in selected.items()}).params(codebook)
    return counts.shares([(question, [by])], weights=weights, db=db, **params)[0]


def test_intervals_are_wilson_on_the_base(seed_db, codebook):
    from statsmodels.stats.proportion import proportion_confint

    out = estimates.annotate(frame_of(seed_db, codebook, "company_use"), 95)
    yes = out[out["option"] == "yes"].iloc[0]
    low, high = proportion_confint(307, 847, alpha=0.05, method="wilson")
    assert (yes.ci_low, yes.ci_high) == (pytest.approx(100 * low, abs=1e-9), pytest.approx(100 * high, abs=1e-9))
    wide = estimates.annotate(frame_of(seed_db, codebook, "company_use"), 99).iloc[0]
    assert wide.ci_low < yes.ci_low and wide.ci_high > yes.ci_high


def reference_p_values(out) -> list[float]:
    """Each row's complement test by statsmodels (unweighted): the group against the rest of the selection."""
    from statsmodels.stats.proportion import proportions_ztest

    raw = []
    for r in out.itertuples():
        rest = out[(out["option"] == r.option) & (out["group"] != r.group)]
        raw.append(proportions_ztest([r.n, rest["n"].sum()], [r.base_n, rest["base_n"].sum()])[1])
    return raw


def annotated(question, codebook, frame, level=95, **kwargs):
    """annotate() as the charts call it: with the question's mirrored answers (estimates.mirror)."""
    return estimates.annotate(frame, level, pair=estimates.mirror(codebook[question]), **kwargs)


def test_each_group_is_tested_against_the_rest_with_holm_a_yes_no_question_once(seed_db, codebook):
    """Men against the rest on private use (issue 27): raw p 0.0091; Holm over the three groups' tests of the
    yes/no question (not six: the test of no is the test of yes) gives 0.0273, which holds at 95 %."""
    from statsmodels.stats.multitest import multipletests

    out = annotated("private_use", codebook, frame_of(seed_db, codebook, "private_use", by="gender"))
    raw = reference_p_values(out)
    assert out["p_raw"].tolist() == pytest.approx(raw, abs=1e-12)
    yes = (out["option"] == "yes").to_numpy()
    family = multipletests([p for p, y in zip(raw, yes) if y], method="holm")[1]
    adjusted = dict(zip(out.loc[yes, "group"], family))
    assert out["p_value"].tolist() == pytest.approx([adjusted[g] for g in out["group"]], abs=1e-12)
    men = out[out["group"] == "male"].set_index("option")
    assert men.loc["yes", "p_raw"] == pytest.approx(0.0091, abs=5e-5)
    assert men.loc["yes", "p_value"] == pytest.approx(0.0273, abs=5e-5) == men.loc["no", "p_value"]
    assert multipletests(raw, method="holm")[1][0] == pytest.approx(0.0546, abs=5e-5)  # counted twice, as before
    assert men["significant"].all() and (men.loc["yes", "direction"], men.loc["no", "direction"]) == (-1, 1)
    assert out["significant"].sum() == 2  # the men's yes and no: one difference, said on both bars
    by_age = annotated("private_use", codebook, frame_of(seed_db, codebook, "private_use", by="age_group"))
    oldest = by_age[(by_age["group"] == "60_plus") & (by_age["option"] == "yes")].iloc[0]
    assert oldest.significant and oldest.direction == -1


@pytest.mark.parametrize("question", ["company_use", "guidelines"])
def test_a_question_of_three_answers_is_a_family_of_every_test(seed_db, codebook, question):
    from statsmodels.stats.multitest import multipletests

    assert estimates.mirror(codebook[question]) is None
    out = annotated(question, codebook, frame_of(seed_db, codebook, question, by="gender"))
    raw = reference_p_values(out)
    assert out["p_value"].tolist() == pytest.approx(multipletests(raw, method="holm")[1].tolist(), abs=1e-12)


def test_the_mirror_is_the_second_answer_of_two_offered_wherever_asked(codebook):
    assert estimates.mirror(codebook["private_use"]) == ("yes", "no")
    for question in ("company_use", "private_channels", "gender", "challenges"):
        assert estimates.mirror(codebook[question]) is None  # three answers or more, or several chosen
    assert estimates.mirror(codebook["private_use"], (("no", ("2011",)),)) is None  # a base of its own


def test_an_answer_on_a_base_of_its_own_is_a_test_of_its_own():
    """Where a group's second answer has another base than its first (a wave that did not offer it), the
    two are different tests, and Holm counts both."""
    from statsmodels.stats.multitest import multipletests

    frame = pd.DataFrame({"group": ["a", "a", "b", "b"], "option": ["yes", "no"] * 2,
                          "n": [30, 25, 50, 40], "base_n": [60, 50, 90, 90]})
    frame = frame.assign(pct=100 * frame["n"] / frame["base_n"], w_n=frame["n"] * 1.0,
                         w_base=frame["base_n"] * 1.0, w2_base=frame["base_n"] * 1.0)
    assert estimates.mirror_rows(frame["group"], frame["option"], frame["base_n"], ("yes", "no")) == [-1, -1, -1, 2]
    out = estimates.annotate(frame, 95, pair=("yes", "no"))
    raw = out["p_raw"].tolist()
    assert raw[3] == raw[2]  # b's no is b's yes
    family = multipletests(raw[:3], method="holm")[1]
    assert out["p_value"].tolist() == pytest.approx([*family, family[2]], abs=1e-12)


def test_weighted_shares_and_effective_n(seed_db, codebook):
    con = counts.connection(seed_db)
    share, n_eff = con.execute(
        "SELECT 100 * sum(weight_company) FILTER (company_use = 'yes') / sum(weight_company),"
        "       sum(weight_company) ^ 2 / sum(weight_company ^ 2) FROM survey.responses").fetchone()
    out = estimates.annotate(frame_of(seed_db, codebook, "company_use", weights="company"), 95)
    yes = out[out["option"] == "yes"].iloc[0]
    assert yes.pct == pytest.approx(share) and yes.n_eff == pytest.approx(n_eff)
    assert yes.n_eff < 847 and yes.ci_high - yes.ci_low > 6  # weighting widens the interval


def hidden_groups(out) -> set[str]:
    flags = out.drop_duplicates("group").set_index("group")["flag"]
    return set(flags[flags == estimates.SUPPRESSED].index)


def test_small_groups_are_blanked_alone_or_with_the_next_smallest(seed_db, codebook):
    # ICT by age: only the 2 under 30 are below 10. Where the counts are exact counts of real people
    # (secondary), the next smallest group (13 aged 60 or more) goes with them, or the 2 could be worked out
    # from the selection's n; where they carry noise or are the reconstruction's, they are hidden alone.
    frame = frame_of(seed_db, codebook, "company_use", by="age_group", industry=["ict"])
    out = estimates.annotate(frame, 95)
    assert hidden_groups(out) == {"under_30", "60_plus"}  # secondary unless said otherwise
    assert out.loc[out["flag"] == estimates.SUPPRESSED, estimates.NUMBERS].isna().all().all()
    alone = estimates.annotate(frame, 95, secondary=False)
    assert hidden_groups(alone) == {"under_30"}
    assert alone.loc[alone["flag"] == estimates.SUPPRESSED, estimates.NUMBERS].isna().all().all()
    assert alone.loc[alone["group"] == "60_plus", "base_n"].tolist() == [13, 13, 13]
    # Other roles in companies of 100 or more, by gender: two groups below 10 are hidden as they are.
    out = estimates.annotate(frame_of(seed_db, codebook, "company_use", by="gender", role=["other"],
                                      company_size=["250_plus", "100_249"]), 95)
    flags = out.drop_duplicates("group").set_index("group")["flag"]
    assert set(flags[flags == estimates.SUPPRESSED].index) == {"male", "not_stated"}


def test_low_bases_are_flagged(seed_db, codebook):
    out = estimates.annotate(frame_of(seed_db, codebook, "private_use", by="age_group"), 95)
    assert set(out.loc[out["group"] == "under_30", "flag"]) == {estimates.LOW_BASE}
    assert set(out.loc[out["group"] == "40_49", "flag"]) == {""}


DIMENSIONS = ("gender", "age_group", "role", "company_size", "industry", "region")


@st.composite
def views(draw, codebook):
    selected = {}
    for dim in draw(st.lists(st.sampled_from(DIMENSIONS), max_size=3, unique=True)):
        options = codebook[dim].option_ids
        selected[dim] = tuple(draw(st.lists(st.sampled_from(options), min_size=1, max_size=3, unique=True)))
    by = draw(st.sampled_from(("none", *DIMENSIONS)))
    weights = draw(st.sampled_from(("none", "company", "person")))
    return View(filters=Filters(selected), by=by, weights=weights)


QUESTIONS = ("private_use", "company_channels", "marketing_strategy", "guidelines_why_not", "challenges")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_output_shows_a_group_below_the_threshold(seed_db, codebook, data):
    view = data.draw(views(codebook))
    question = data.draw(st.sampled_from(QUESTIONS))
    minimum = estimates.load_rules().min_group
    result = results.shares(question, view, codebook, db=seed_db)
    if not result.empty:
        assert (result.frame["base_n"] >= minimum).all()
        assert (result.export_table().iloc[:, 3] >= minimum).all()
        (table,) = banner.tables([question], banner.banner_of(view), view, codebook, db=seed_db)
        assert (table.frame["base_n"] >= minimum).all()
        # The reconstruction's counts: a small group is hidden alone, and no group of the threshold or more is.
        sizes = group_sizes(seed_db, codebook, question, view)
        assert set(result.hidden) == {g for g, n in sizes.items() if n < minimum} or view.by == "none"
        for dim in banner.banner_of(view):
            sizes = group_sizes(seed_db, codebook, question, view, by=dim)
            assert {c.group for c in table.columns if c.banner == dim and c.hidden} == \
                {g for g, n in sizes.items() if n < minimum}
    (table,) = banner.tables([question], banner.banner_of(view), view, codebook, db=seed_db)
    for row in crosstab_rows(table):  # the command line's rows: a hidden column has no numbers
        assert row["base_n"] is None or row["base_n"] >= minimum
        assert (row["flag"] == "hidden") == (row["base_n"] is None)
    rows = published.all_rows(codebook, view.filters, seed_db, view.weights)
    for row in rows:
        assert row["n"] is None or row["id"] in ("F2", "F3") and row["n"] >= minimum or \
            row["base_n"] is not None and row["base_n"] >= minimum
    assert json.dumps(rows, allow_nan=False)


def group_sizes(db, codebook, question, view, by=None) -> dict[str, int]:
    """Every group of the split (those nobody is in as 0) with its base: the largest of its options'."""
    by = by or view.by
    params = view.filters.params(codebook)
    frame = counts.shares([(question, [by])], weights=view.weights, db=db, **params)[0]
    sizes = frame.groupby("group")["base_n"].max().to_dict()
    return {g: int(sizes.get(g, 0)) for g in results.split_groups(by, params, codebook)}


LEADERS = View(by="gender", filters=Filters({"role": ("leader",)}))
ROUTED = ("company_channels", "company_purposes", "marketing_strategy")  # asked of those whose company uses


@pytest.mark.parametrize("question", ROUTED)
def test_a_group_of_sixty_is_shown_beside_a_small_one_on_the_reconstruction(seed_db, codebook, question):
    """Leaders compared by gender (issue 27): the few leaders who did not state their gender are hidden, and
    the women (60 asked, 47 of them the marketing question) are shown beside the men; the caption says one
    group is not shown."""
    result = results.shares(question, LEADERS, codebook, db=seed_db)
    sizes = group_sizes(seed_db, codebook, question, LEADERS)
    assert sizes["not_stated"] < 10 and sizes["female"] >= 40
    assert result.hidden == ("not_stated",) and set(result.frame["group"]) == {"male", "female"}
    assert not result.secondary
    for lang in ("nb", "en"):
        said = results.shares(question, replace(LEADERS, lang=lang), codebook, db=seed_db).caption()
        assert t("caption_hidden_alone_one", lang, groups=3, min=10) in said
        assert t("caption_hidden", lang, hidden=1, groups=3, min=10) not in said


@pytest.mark.parametrize("question", ROUTED)
def test_with_exact_counts_of_real_people_a_lone_small_group_takes_the_next_smallest(real_db, codebook, question):
    """The same answers as a wave of real people whose counts are exact: the men's count and the total would
    give the not-stated group's exactly, so the women are hidden with it, and the caption says so."""
    result = results.shares(question, LEADERS, codebook, db=real_db)
    assert result.secondary
    assert set(result.hidden) == {"not_stated", "female"} and set(result.frame["group"]) == {"male"}
    assert t("caption_hidden", "nb", hidden=2, groups=3, min=10) in result.caption()


def test_which_waves_hold_exact_counts_of_real_people(seed_db, real_db, monkeypatch):
    from survey.stats import protection

    assert not results.exact_people(results.waves(seed_db), seed_db)  # the reconstruction's people
    assert results.exact_people(results.waves(real_db), real_db)  # the tests' rules: no noise
    assert not results.exact_people((), real_db)
    monkeypatch.setattr(protection, "load", lambda *args: protection.Perturbation("imported"))
    assert not results.exact_people(results.waves(real_db), real_db)  # with noise


def test_a_single_hidden_group_stands_alone_only_where_nobody_can_be_found(seed_db, real_db, codebook):
    # Leaders by industry: some industries have fewer than ten.
    view = View(by="industry", filters=Filters({"role": ("leader",)}))
    for question in QUESTIONS:
        small = {g for g, n in group_sizes(seed_db, codebook, question, view).items() if n < 10}
        assert set(results.shares(question, view, codebook, db=seed_db).hidden) == small
        real = results.shares(question, view, codebook, db=real_db).hidden
        assert len(real) != 1 and set(real) >= small


def test_low_base_is_judged_on_the_effective_n_and_never_carries_an_arrow(seed_db, codebook):
    """Under company weights many groups of 30 or more answers count for fewer than 30 (not stated gender:
    44 answers, an effective n near 13): each is flagged, and none is tested."""
    checked = 0
    for question in ("private_use", "company_use", "guidelines", "private_channels", "challenges"):
        for dimension in codebook.dimension_ids:
            out = estimates.annotate(frame_of(seed_db, codebook, question, by=dimension, weights="company"), 95)
            shown = out[out["flag"] != estimates.SUPPRESSED]
            low = shown["n_eff"] < 30
            assert (shown.loc[low, "flag"] == estimates.LOW_BASE).all()
            assert (shown.loc[~low, "flag"] == "").all()
            assert not shown.loc[low, "significant"].any() and (shown.loc[low, "direction"] == 0).all()
            assert shown.loc[low, "p_value"].isna().all()
            checked += int((low & (shown["base_n"] >= 30)).sum())
    assert checked > 50  # cells that an unweighted n of 30 or more would have shown unflagged


@pytest.mark.parametrize("question", ["private_use", "company_use"])
def test_holm_runs_across_the_tested_groups_only(seed_db, codebook, question):
    """Under company weights the not-stated gender is a low base, not tested; Holm runs across the other
    groups' tests, the second answer of the yes/no question counted once (its weighted share is 100 less the
    first's on the same effective n: the same test)."""
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.proportion import proportions_ztest

    out = annotated(question, codebook, frame_of(seed_db, codebook, question, by="gender", weights="company"))
    tested = out[out["p_value"].notna()]
    assert set(out.loc[out["p_value"].isna(), "group"]) == {"not_stated"}
    raw = []
    for r in tested.itertuples():  # each tested group against the rest, on effective n, by statsmodels
        rest = out[(out["option"] == r.option) & (out["group"] != r.group)]
        share, n_rest = rest["w_n"].sum() / rest["w_base"].sum(), rest["w_base"].sum() ** 2 / rest["w2_base"].sum()
        raw.append(proportions_ztest([r.pct / 100 * r.n_eff, share * n_rest], [r.n_eff, n_rest])[1])
    assert tested["p_raw"].tolist() == pytest.approx(raw, rel=1e-9)
    once = (tested["option"] != "no").to_numpy() if question == "private_use" else [True] * len(tested)
    family = dict(zip(tested.loc[once, "group"] + tested.loc[once, "option"],
                      multipletests([p for p, k in zip(raw, once) if k], method="holm")[1]))
    first = [g + ("yes" if question == "private_use" else o) for g, o in zip(tested["group"], tested["option"])]
    assert tested["p_value"].tolist() == pytest.approx([family[k] for k in first], abs=1e-12)


def test_under_noise_the_second_answer_is_still_the_first_answers_test(real_db, codebook, monkeypatch):
    """With noise in every count, yes and no still add up to the base (protection.additive: their shares to 100),
    and the test of no is the test of yes: the same p-values, counted once in Holm, the arrow turned round; and
    a small group is hidden alone."""
    from statsmodels.stats.multitest import multipletests

    from survey.stats import protection

    monkeypatch.setattr(protection, "load", lambda *args: protection.Perturbation("all"))
    results.clear_cache()
    apart = 0
    for by in ("gender", "age_group", "role"):
        frame = results.shares("private_use", View(by=by), codebook, db=real_db).frame.set_index(["group", "option"])
        groups = frame.index.get_level_values("group").unique()
        yes, no = frame.xs("yes", level="option"), frame.xs("no", level="option")
        apart += int(((yes["pct"] + no["pct"] - 100).abs() > 1e-9).sum())
        for column in ("p_raw", "p_value"):
            assert no[column].tolist() == pytest.approx(yes[column].tolist(), rel=0, abs=0, nan_ok=True)
        tested = yes["p_raw"].notna()
        assert yes.loc[tested, "p_value"].tolist() == pytest.approx(
            multipletests(yes.loc[tested, "p_raw"].tolist(), method="holm")[1].tolist(), abs=1e-12)
        assert (no["direction"] == -yes["direction"]).all() and len(groups) == len(yes)
    assert not apart  # the published yes and no add up to the published base
    leaders = results.shares("company_channels", LEADERS, codebook, db=real_db)
    assert leaders.hidden == ("not_stated",) and not leaders.secondary
    results.clear_cache()
