"""Waves that asked less than the codebook, in the app: an option is counted only in the waves that offered it,
every chart says what the selection's waves did not ask (or says it instead of the chart), the trend leaves a
wave out of a headline it did not ask, and the weighting schemes offered are those every wave of the selection
has, with a fallback to unweighted that says why.

The database: the reconstruction as wave 2010, and the ten respondents of tests/fixtures/responses_small.csv
as wave 2011, which did not ask `challenges`, did not offer five options of `private_channels`, did not ask
`industry`, and alone has a weight delivered with the data (make_two_waves)."""
from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import queries
from survey.analysis import counts, dataset, method, results
from survey.analysis.headlines import headlines, tile_caption, trend
from survey.analysis.results import WeightsUnavailable, share_rows
from survey.model import codebook as cb
from survey.model.filters import Filters
from survey.model.state import View, from_query, to_query
from survey.output import banner
from survey.stats import estimates
from survey.stats import formulas as stats
from survey.texts.i18n import t
from survey.ui.view import widget_key
from tests.conftest import ROOT, SMALL_CSV, html_tables
from tests.test_pages import open_page

CODEBOOK = cb.load()
NOT_OFFERED = ("blogs", "myspace", "flickr", "nettby", "other")  # of private_channels, in wave 2011
WAVE_2011 = Filters({"wave": ("2011",)})


def make_two_waves(folder: Path, *, copies: int = 1) -> Path:
    """Wave 2010 (the reconstruction, 847 respondents) and wave 2011 (the small fixture, 10 respondents, or
    `copies` times them under new ids), imported from a file that lacks the columns of what the wave did not
    ask: challenges, industry, and the NOT_OFFERED options of private_channels; and that alone has a
    delivered weight (weight_delivered, 0.5 + (id % 4) / 2, which the import scales to a mean of 1).
    Returns the published path."""
    from survey.ingest.imports import build, import_file

    db = build(ROOT / "data" / "responses.csv", folder / "survey.duckdb").path
    with open(SMALL_CSV, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    dropped = {c for c in header if c.startswith("challenges__") or c == "industry"
               or c in {f"private_channels__{o}" for o in NOT_OFFERED}}
    keep = [i for i, c in enumerate(header) if c not in dropped]
    lines = [[header[i] for i in keep] + ["weight_delivered"]]
    for k in range(copies):
        for row in rows:
            rid = int(row[0]) + 100 * k
            lines.append([str(rid), "2011", *(row[i] for i in keep[2:]), str(0.5 + (rid % 4) / 2)])
    with open(folder / "wave2011.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(lines)
    import_file(folder / "wave2011.csv", db)
    results.clear_cache()
    return db


def without_2011(db: Path, folder: Path, question: str) -> Path:
    """A copy of the database in which wave 2011 did not ask `question` either."""
    from survey.ingest import versions

    copy = folder / "survey.duckdb"
    shutil.copy(versions.current(db), copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute(f'UPDATE respondents SET "{question}" = NULL WHERE wave = \'2011\'')
        for table in ("wave_questions", "wave_options"):
            con.execute(f"DELETE FROM {table} WHERE wave = '2011' AND question_id = ?", [question])
    finally:
        con.close()
    return copy


@pytest.fixture(scope="module")
def two_waves(tmp_path_factory) -> Path:
    return make_two_waves(tmp_path_factory.mktemp("two_waves"))


@pytest.fixture(scope="module")
def two_bigger_waves(tmp_path_factory) -> Path:
    """Wave 2011 three times over (30 respondents, 21 asked private_channels): enough for charts by wave."""
    return make_two_waves(tmp_path_factory.mktemp("two_bigger_waves"), copies=3)


@pytest.fixture
def two_waves_env(two_waves, monkeypatch) -> Path:
    monkeypatch.setenv("SURVEY_DB", str(two_waves))
    return two_waves


def rows(db, question, by="none", weights="none", **selected):
    params = Filters({k: tuple(v) for k, v in selected.items()}).params(CODEBOOK)
    frame = share_rows(CODEBOOK[question], by=by, weights=weights, params=params, db=db)
    return {(r.group, r.option): r for r in frame.itertuples()}


def by_hand(db, question, option, weights="none", where="TRUE") -> tuple[float, float]:
    """n and base of an option counted by hand, on the documented view (a weighted single choice: on the
    respondents table, which has every weight), in the waves that offered the option only."""
    waves = "wave IN (SELECT wave FROM wave_options WHERE question_id = ? AND option_id = ?)"
    con = duckdb.connect(str(db), read_only=True)
    try:
        if weights != "none":
            assert CODEBOOK[question].kind == "single"
            return con.execute(f"""
                SELECT sum(weight_{weights}) FILTER ("{question}" = ?),
                       sum(weight_{weights}) FILTER ("{question}" IS NOT NULL)
                FROM respondents WHERE {waves} AND {where}""", [option, question, option]).fetchone()
        column = f'"{question}__{option}"'
        return con.execute(f"SELECT count(*) FILTER ({column}), count({column}) FROM responses "
                           f"WHERE {waves} AND {where}", [question, option]).fetchone()
    finally:
        con.close()


# --- counting: an option only where it was offered

@pytest.mark.parametrize("selected", [{}, {"gender": ["female"]}, {"role": ["leader", "manager"]}])
def test_an_option_not_offered_is_counted_only_in_the_waves_that_offered_it(two_waves, selected):
    where = " AND ".join(f"{k} IN ({', '.join(repr(v) for v in vs)})" for k, vs in selected.items()) or "TRUE"
    counted = rows(two_waves, "private_channels", **selected)
    for option in CODEBOOK["private_channels"].option_ids:
        n, base = by_hand(two_waves, "private_channels", option, where=where)
        assert (counted[("all", option)].n, counted[("all", option)].base_n) == (n, base), option
    facebook, blogs = counted[("all", "facebook")], counted[("all", "blogs")]
    asked_2011 = rows(two_waves, "private_channels", wave=["2011"], **selected)[("all", "facebook")].base_n
    assert blogs.base_n == facebook.base_n - asked_2011 > 0  # the 2011 respondents asked are in no base of Blogs


def test_split_by_wave_an_option_not_offered_has_no_row_not_a_zero(two_bigger_waves):
    counted = rows(two_bigger_waves, "private_channels", by="wave")
    assert {o for g, o in counted if g == "2011"} == {"facebook", "youtube", "linkedin", "twitter"}
    assert {o for g, o in counted if g == "2010"} == set(CODEBOOK["private_channels"].option_ids)
    assert counted[("2011", "twitter")].n == 0  # offered and chosen by nobody: a 0, as before


def test_a_question_a_wave_did_not_ask_is_counted_on_the_waves_that_asked_it(two_waves):
    counted = rows(two_waves, "challenges", by="wave")
    assert {g for g, _ in counted} == {"2010"}
    alone = rows(two_waves, "challenges", wave=["2010"])
    assert {o: (r.n, r.base_n) for (_, o), r in rows(two_waves, "challenges").items()} == \
        {o: (r.n, r.base_n) for (_, o), r in alone.items()}
    assert rows(two_waves, "challenges", wave=["2011"]) == {}


def test_a_dimension_a_wave_did_not_ask_puts_its_respondents_in_no_group(two_waves):
    counted = rows(two_waves, "private_use", by="industry")
    assert sum(r.base_n for (g, o), r in counted.items() if o == "yes") == 847  # wave 2010 only
    composition = counts.run("group_count", db=two_waves, by=["industry", "gender"], weights="none",
                             **Filters().params(CODEBOOK))
    assert composition.groupby("split")["n"].sum().to_dict() == {"industry": 847, "gender": 857}


@pytest.mark.parametrize("weights", ["none", "company", "person"])
def test_the_cells_split_by_wave_or_not_give_the_same_frames_where_the_waves_offered_the_same(
        seed_db, two_waves, weights, monkeypatch):
    # A question every wave offered the same options of is counted without the wave (cheaper): counting it with
    # the wave must give the very same frames. On the one-wave seed, for every question; on two waves, for those.
    params = Filters({"gender": ("female", "male")}).params(CODEBOOK)
    for db in (seed_db, two_waves):
        parts = [(q.id, ["none", "gender", "wave"]) for q in CODEBOOK.questions]
        queries.clear_cache()
        plain = counts.shares(parts, weights=weights, db=db, **params)
        with queries._connections.cursor(db) as (signature, cursor):
            allowed = queries._allowlist(cursor, signature)
        assert allowed.by_wave == (frozenset() if db == seed_db else {"private_channels"})
        every = frozenset(q.id for q in CODEBOOK.questions)
        monkeypatch.setattr(queries, "_allowlist", lambda *args: queries.Allowlist(
            allowed.questions, allowed.splits, allowed.weights, every))
        queries.clear_cache()
        for frame, kept in zip(counts.shares(parts, weights=weights, db=db, **params), plain):
            pd.testing.assert_frame_equal(frame, kept)
        monkeypatch.undo()


def test_weighted_shares_leave_out_respondents_without_the_weight(two_waves):
    # Over both waves the delivered weight exists for 2011 only: the statement counts those who have it, n and
    # weights alike, never n of both waves against the weights of one (the app does not offer it: see below).
    both = rows(two_waves, "private_use", weights="delivered")[("all", "yes")]
    only = rows(two_waves, "private_use", weights="delivered", wave=["2011"])[("all", "yes")]
    assert (both.n, both.base_n, both.pct) == (only.n, only.base_n, only.pct) and only.base_n == 10
    n, base = by_hand(two_waves, "private_use", "yes", weights="delivered", where="wave = '2011'")
    assert only.pct == pytest.approx(100 * n / base)
    grouped = counts.run("group_count", db=two_waves, by=["gender"], weights="delivered",
                         **Filters().params(CODEBOOK))
    assert grouped["n"].sum() == 10


# --- the statistics where a row is absent

def test_tests_against_the_rest_use_those_offered_the_option_and_holm_counts_the_tests_made(two_bigger_waves):
    from statsmodels.stats.multitest import multipletests

    frame = results.shares("private_channels", View(by="wave"), CODEBOOK, db=two_bigger_waves).frame
    assert not frame.empty
    raw = counts.shares([("private_channels", ["wave"])], weights="none", db=two_bigger_waves,
                        **Filters().params(CODEBOOK))[0]
    cells = {(r.group, r.option): r for r in raw.itertuples()}
    # each group against the other wave, for the options both offered (4), where the group's base is not low:
    # the 21 asked in 2011 are a low base, not tested, so 4 tests of 2010 against 2011
    tested = [(g, o) for (g, o) in cells if (("2011" if g == "2010" else "2010"), o) in cells
              and cells[(g, o)].base_n >= 30]
    assert len(tested) == 4 and {g for g, _ in tested} == {"2010"}
    p_raw = []
    for g, o in tested:
        mine, rest = cells[(g, o)], cells[("2011" if g == "2010" else "2010", o)]
        p_raw.append(stats.two_proportion_p(mine.n / mine.base_n, mine.base_n, rest.n / rest.base_n, rest.base_n))
    expected = dict(zip(tested, multipletests(p_raw, method="holm")[1]))
    shown = {(r.group, r.option): r.p_value for r in frame.itertuples()}
    for key, p in expected.items():
        assert shown[key] == pytest.approx(p, rel=1e-9)
    assert all(math.isnan(p) for (g, _), p in shown.items() if g == "2011")
    for option in NOT_OFFERED:  # offered in 2010 only: nothing to test against, and no 2011 row
        assert math.isnan(shown[("2010", option)]) and ("2011", option) not in shown


def test_an_options_own_small_base_is_hidden_with_the_next_smallest():
    # Three groups of 40; one option offered only in a wave where group c had 6 respondents asked.
    groups = ["a", "a", "b", "b", "c", "c"]
    options = ["x", "y", "x", "y", "x", "y"]
    base_n = [40, 30, 40, 35, 40, 6]
    assert estimates.suppressed_rows(groups, options, base_n, 10) == [False, True, False, False, False, True]
    # where every option has every group's whole base, it is suppressed_groups row by row
    assert estimates.suppressed_rows(["a", "a", "b", "b"], ["x", "y"] * 2, [40, 40, 8, 8], 10) == [True] * 4
    assert estimates.suppressed_rows(["a", "b", "c"], ["x"] * 3, [40, 8, 7], 10) == [False, True, True]


def test_where_counts_carry_noise_or_are_the_reconstructions_a_small_base_is_hidden_alone():
    # The same rows without the secondary suppression (survey.analysis.results.exact_people): only what is below 10.
    groups, options = ["a", "a", "b", "b", "c", "c"], ["x", "y"] * 3
    assert estimates.suppressed_rows(groups, options, [40, 30, 40, 35, 40, 6], 10, secondary=False) == \
        [False, False, False, False, False, True]
    assert estimates.suppressed_rows(["a", "a", "b", "b"], ["x", "y"] * 2, [40, 40, 8, 8], 10, secondary=False) == \
        [False, False, True, True]
    assert estimates.suppressed_rows(["a", "b", "c"], ["x"] * 3, [40, 8, 7], 10, secondary=False) == [False, True, True]
    # a group nobody is in (expected, without rows) is hidden as it is, and takes nobody with it
    assert estimates.suppressed_groups(["a", "b"], [40, 12], 10, expected=("a", "b", "c"), secondary=False) == {"c"}
    assert estimates.suppressed_groups(["a", "b"], [40, 12], 10, expected=("a", "b", "c")) == {"b", "c"}


# --- what the captions say

@pytest.mark.parametrize("lang, offered, question, by_industry", [
    ("nb", "Blogger, MySpace, Flickr, Nettby, Andre: ikke spurt i 2011.", "Ikke spurt i 2011.",
     "Bransje ble ikke spurt om i 2011; de som svarte da er ikke med."),
    ("en", "Blogs, MySpace, Flickr, Nettby, Other: not asked in 2011.", "Not asked in 2011.",
     "Industry was not asked in 2011; those who answered then are not included."),
])
def test_captions_say_what_the_selections_waves_did_not_ask(two_waves, lang, offered, question, by_industry):
    channels = results.shares("private_channels", View(lang=lang), CODEBOOK, db=two_waves)
    assert offered in channels.caption() and question not in channels.caption()
    challenges = results.shares("challenges", View(lang=lang), CODEBOOK, db=two_waves)
    assert question in challenges.caption() and "(n = 847)" in challenges.caption()
    by_industry_caption = results.shares("private_use", View(lang=lang, by="industry"), CODEBOOK, db=two_waves)
    assert by_industry in by_industry_caption.caption()
    # where the selection holds only the waves that asked everything, nothing is said
    only_2010 = View(lang=lang, filters=Filters({"wave": ("2010",)}), by="industry")
    for q in ("private_channels", "challenges", "private_use"):
        caption = results.shares(q, only_2010, CODEBOOK, db=two_waves).caption()
        assert "2011" not in caption


@pytest.mark.parametrize("lang, sentence", [("nb", "Spørsmålet ble ikke stilt i 2011."),
                                            ("en", "This question was not asked in 2011.")])
def test_a_question_none_of_the_selections_waves_asked_is_a_sentence(two_waves, lang, sentence):
    result = results.shares("challenges", View(lang=lang, filters=WAVE_2011), CODEBOOK, db=two_waves)
    assert result.empty and result.asked_nowhere and result.empty_text() == sentence
    composition = results.composition("industry", View(lang=lang, filters=WAVE_2011), CODEBOOK, db=two_waves)
    assert composition.empty and composition.empty_text() == sentence
    # asked, but of nobody in the selection: the sentence of a few, which tells none from a few to nobody
    nobody = results.shares("private_channels", View(lang=lang, filters=Filters(
        {"wave": ("2011",), "gender": ("not_stated",)})), CODEBOOK, db=two_waves)
    assert nobody.empty and not nobody.asked_nowhere and nobody.empty_text() == t("too_few_asked", lang, min=10)


def test_the_caption_names_the_options_not_offered_in_the_selected_wave(two_bigger_waves):
    result = results.shares("private_channels", View(filters=WAVE_2011), CODEBOOK, db=two_bigger_waves)
    assert set(result.frame["option"]) == {"facebook", "youtube", "linkedin", "twitter"}
    assert "Blogger, MySpace, Flickr, Nettby, Andre: ikke spurt i 2011." in result.caption()


def test_the_findings_say_when_a_level_is_of_fewer_waves(two_waves):
    from survey.analysis.findings import level_findings

    sentences = level_findings(View(), CODEBOOK, db=two_waves)
    challenge = [s for s in sentences if "utfordringen" in s]
    assert challenge and challenge[0].endswith("» (41,0\u00a0%). Ikke spurt i 2011.")
    assert not any("2011" in s for s in sentences if "utfordringen" not in s)
    assert not any("2011" in s for s in level_findings(View(filters=Filters({"wave": ("2010",)})), CODEBOOK,
                                                          db=two_waves))


# --- the trend and the tiles

@pytest.fixture(scope="module")
def no_guidelines_2011(two_waves, tmp_path_factory) -> Path:
    """The two waves, and wave 2011 did not ask guidelines either (a headline's question)."""
    return without_2011(two_waves, tmp_path_factory.mktemp("no_guidelines"), "guidelines")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_trend_leaves_a_wave_out_of_a_headline_it_did_not_ask_and_says_so(no_guidelines_2011, lang):
    result = trend(CODEBOOK, View(lang=lang), db=no_guidelines_2011)
    groups = result.frame.groupby("option_label")["group"].apply(set).to_dict()
    assert groups[t("headline_no_guidelines", lang)] == {"2010"}
    assert groups[t("headline_private_use", lang)] == {"2010", "2011"}
    said = t("caption_not_offered", lang, options=t("headline_no_guidelines", lang), waves="2011")
    assert said in result.caption() and result.caption().startswith(t("trend_note", lang))
    assert t("headline_private_use", lang) + ":" not in result.caption()


def test_headline_tiles_say_a_question_was_not_asked(no_guidelines_2011):
    tiles = {h.key: h for h in headlines(CODEBOOK, View(filters=WAVE_2011), db=no_guidelines_2011)}
    tile = tiles["headline_no_guidelines"]
    assert tile.pct is None and tile.asked_nowhere
    assert tile.not_asked_text("nb") == "Spørsmålet ble ikke stilt i 2011."
    assert tiles["headline_private_use"].pct is not None and not tiles["headline_private_use"].asked_nowhere
    both = {h.key: h for h in headlines(CODEBOOK, View(), db=no_guidelines_2011)}
    assert both["headline_no_guidelines"].base_n == 847
    assert "Ikke spurt i 2011." in tile_caption(both["headline_no_guidelines"], View())
    assert "2011" not in tile_caption(both["headline_private_use"], View())


# --- weighting schemes per selection

def test_the_schemes_offered_are_those_every_wave_of_the_selection_has(two_waves, seed_db):
    assert dataset.weight_schemes([], two_waves) == ["none", "company", "person"]
    assert dataset.weight_schemes(["2010"], two_waves) == ["none", "company", "person"]
    assert dataset.weight_schemes(["2011"], two_waves) == ["none", "company", "person", "delivered"]
    assert dataset.weight_schemes(["no such wave"], two_waves) == ["none"]
    assert dataset.weight_schemes([], seed_db) == ["none", "company", "person"]
    assert dataset.scheme_waves(two_waves)["delivered"] == ("2011",)


def test_a_share_is_never_weighted_with_weights_some_of_its_waves_lack(two_waves):
    with pytest.raises(WeightsUnavailable):
        results.shares("private_use", View(weights="delivered"), CODEBOOK, db=two_waves)
    with pytest.raises(WeightsUnavailable):
        results.sample_shares("gender", View(weights="delivered"), CODEBOOK, db=two_waves)
    result = results.shares("private_use", View(weights="delivered", filters=WAVE_2011), CODEBOOK, db=two_waves)
    n, base = by_hand(two_waves, "private_use", "yes", weights="delivered", where="wave = '2011'")
    assert result.frame.set_index("option").loc["yes", "pct"] == pytest.approx(100 * n / base)
    assert t("caption_weights_delivered") in result.caption()
    delivered = [0.5 + (i % 4) / 2 for i in range(1, 11)]  # as in the file; Kish's n does not change with scale
    assert result.frame["n_eff"].iloc[0] == pytest.approx(stats.kish_effective_n(sum(delivered), sum(
        w * w for w in delivered)))


def test_the_url_accepts_delivered():
    view, dropped = from_query({"weights": ["delivered"]}, CODEBOOK)
    assert view.weights == "delivered" and not dropped and to_query(view) == {"weights": ["delivered"]}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_weighting_table_has_a_row_per_wave_and_scheme(two_waves, lang):
    table = method.weighting_table(lang, db=two_waves)
    assert list(table.columns)[:2] == [t("wave", lang), t("weighting_scheme", lang)]
    assert list(zip(table[t("wave", lang)], table[t("weighting_scheme", lang)])) == [
        ("2010", t("weights_company", lang)), ("2010", t("weights_person", lang)),
        ("2011", t("weights_company", lang)), ("2011", t("weights_delivered", lang)),
        ("2011", t("weights_person", lang))]
    delivered = table[table[t("weighting_scheme", lang)] == t("weights_delivered", lang)].iloc[0]
    assert delivered[t("weighting_iterations", lang)] == "–" and delivered[t("weighting_deff", lang)] != "–"


def test_the_margins_table_has_the_targets_of_each_wave(two_waves):
    table = method.weighting_margins("en", CODEBOOK, db=two_waves)
    assert list(table.columns)[:2] == ["Wave", "Weighting"]
    per_wave = table.groupby("Wave").size().to_dict()
    assert per_wave == {"2010": 23, "2011": 23}  # the raked schemes only: a delivered weight has no targets
    assert t("weights_delivered", "en") not in set(table["Weighting"])


def test_plain_text_in_markdown_elements():
    from survey.ui import plain

    ours = "Grunnlag: alle (n = 5). ▲▼: p < 0,05. Bølge 2011"
    assert plain(ours) == ours  # the app's own texts are left as they are
    assert plain("**2011** [x](javascript:alert(1)) :red[y] `z`") == \
        r"\*\*2011\*\* \[x\](javascript\:alert(1)) \:red\[y\] \`z\`"


# --- the pages

def captions(app: AppTest) -> list[str]:
    return [c.value for c in app.caption]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_page_whose_question_the_selected_wave_did_not_ask_says_so(two_waves_env, lang):
    app = open_page("challenges", View(lang=lang, filters=WAVE_2011))
    assert not app.get("vega_lite_chart")
    assert t("not_asked_anywhere", lang, waves="2011") in [i.value for i in app.info]
    app = open_page("challenges", View(lang=lang))
    expected = results.shares("challenges", View(lang=lang), CODEBOOK)
    assert expected.caption() in captions(app) and t("caption_not_asked", lang, waves="2011") in expected.caption()


def test_the_channels_page_says_which_options_a_wave_did_not_offer(two_waves_env):
    app = open_page("channels", View(by="gender"))
    expected = results.shares("private_channels", View(by="gender"), CODEBOOK)
    assert expected.caption() in captions(app)
    assert "Blogger, MySpace, Flickr, Nettby, Andre: ikke spurt i 2011." in expected.caption()


def test_compare_by_a_dimension_a_wave_did_not_ask_and_a_filter_on_it(two_waves_env):
    app = open_page("usage", View(by="industry"))
    assert t("caption_by_not_asked", dimension="Bransje", waves="2011") in " ".join(captions(app))
    app = open_page("usage", View(filters=Filters({"industry": ("ict",)})))
    assert t("filter_not_asked", dimension="Bransje", dimension_lower="bransje", waves="2011") in captions(app)


def test_the_method_page_with_a_wave_that_did_not_ask_a_dimension(two_waves_env):
    app = open_page("method", View(filters=WAVE_2011, composition="industry"))
    assert t("not_asked_anywhere", waves="2011") in [i.value for i in app.info]  # industry beside SSB
    table = html_tables(app)[0]
    assert t("wave") in table.columns and t("weights_delivered") in set(table[t("weighting_scheme")])


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_weights_the_selection_lacks_fall_back_to_unweighted_and_say_why(two_waves_env, lang):
    app = open_page("usage", View(lang=lang, weights="delivered"))
    waves = t("wave_one", lang, waves="2011")
    said = t("weights_unavailable", lang, scheme=t("weights_name_delivered", lang), waves=waves)
    assert said in [w.value for w in app.warning]
    assert app.selectbox(key=widget_key("weights", lang)).value == "none"
    assert app.selectbox(key=widget_key("weights", lang)).options == [
        t(f"weights_{w}", lang) for w in ("none", "company", "person")]
    assert results.shares("private_use", View(lang=lang), CODEBOOK).caption() in captions(app)
    assert "weights" not in app.query_params


def test_delivered_weights_where_the_selection_has_them_and_a_wave_change_that_loses_them(two_waves_env):
    view = View(weights="delivered", filters=WAVE_2011)
    app = open_page("usage", view)
    assert not app.warning
    assert app.selectbox(key=widget_key("weights", "nb")).value == "delivered"
    expected = results.shares("private_use", view, CODEBOOK)
    assert expected.caption() in captions(app) and t("caption_weights_delivered") in expected.caption()
    assert t("weights_delivered") in app.selectbox(key=widget_key("weights", "nb")).options
    app.multiselect(key=widget_key("wave", "nb")).set_value(["2010"]).run()
    assert not app.exception
    assert app.selectbox(key=widget_key("weights", "nb")).value == "none"
    said = t("weights_unavailable", scheme=t("weights_name_delivered"), waves=t("wave_one", waves="2011"))
    assert said in [w.value for w in app.warning]
    assert results.shares("private_use", View(filters=Filters({"wave": ("2010",)})), CODEBOOK).caption() in \
        captions(app)
    # a choice of one's own: the notice has done its work
    app.selectbox(key=widget_key("weights", "nb")).set_value("company").run()
    assert not app.exception and said not in [w.value for w in app.warning]


def test_the_overview_trend_and_tiles_on_a_wave_that_did_not_ask(no_guidelines_2011, monkeypatch):
    monkeypatch.setenv("SURVEY_DB", str(no_guidelines_2011))
    app = open_page("overview", View())
    spec = app.get("vega_lite_chart")[0]
    assert json.loads(spec.proto.spec)["usermeta"]["title"] == t("trend")
    note = t("caption_not_offered", options=t("headline_no_guidelines"), waves="2011")
    assert any(note in c for c in captions(app))
    app = open_page("overview", View(filters=WAVE_2011))
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[t("headline_no_guidelines")] == t("tile_not_asked")
    assert "Spørsmålet ble ikke stilt i 2011." in captions(app)


def test_the_crosstab_marks_an_option_a_group_was_not_offered(two_bigger_waves):
    (table,) = banner.tables(["private_channels"], ("wave",), View(), CODEBOOK, db=two_bigger_waves)
    grid = banner.grid(table)
    assert grid.loc[("Blogger", "%"), ("Bølge", "Bølge 2011 (B) *")] == "–"
    assert grid.loc[("Blogger", "%"), ("Bølge", "Bølge 2010 (A)")].startswith("11,1")
    assert grid.loc[("Grunnlag", "n")].tolist() == ["588", "567", "21"]


def test_delivered_weights_asked_of_data_that_has_none(seed_env):
    app = open_page("usage", View(lang="en", weights="delivered"))
    assert t("weights_unavailable_anywhere", "en", scheme=t("weights_name_delivered", "en")) in \
        [w.value for w in app.warning]
    assert app.selectbox(key=widget_key("weights", "en")).value == "none"
    assert results.shares("private_use", View(lang="en"), CODEBOOK).caption() in captions(app)


def test_the_texts_of_a_wave_of_few_asked_are_never_shown(two_waves):
    """Wave 2011 asked "why not" of fewer than 10: its texts are in no list, so no list less another holds
    them."""
    asked = dataset.asked_per_wave("guidelines_why_not", two_waves)
    assert asked["2011"] < 10 <= asked["2010"]
    assert results.text_waves(View(), CODEBOOK, db=two_waves) == ["2010"]
    assert results.why_not_texts(View(filters=WAVE_2011), CODEBOOK, db=two_waves) is None
    assert not results.texts_shown(View(filters=WAVE_2011), CODEBOOK, db=two_waves)
    both = results.why_not_texts(View(), CODEBOOK, db=two_waves)
    assert both.equals(results.why_not_texts(View(filters=Filters({"wave": ("2010",)})), CODEBOOK, db=two_waves))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_link_with_a_union_on_a_wave_with_noise_keeps_one_option_and_says_why(project_rules, two_waves_env, lang):
    """Several options of one filter on a selection reaching wave 2011 (noise) would make a union: the link's
    first option is kept, the page says so, and what it draws is the narrowed view's."""
    app = open_page("usage", View(lang=lang, filters=Filters({"gender": ("male", "female"), "role": ("leader",)})))
    said = t("filters_narrowed", lang, filters=CODEBOOK["gender"].title[lang])
    assert said in [w.value for w in app.warning]
    assert app.multiselect(key=widget_key("gender", lang)).value == ["male"]
    assert app.query_params["gender"] == "male"
    narrowed = View(lang=lang, filters=Filters({"gender": ("male",), "role": ("leader",)}))
    assert results.shares("private_use", narrowed, CODEBOOK).caption() in captions(app)
    assert app.selectbox(key=widget_key("weights", lang)).options == [t("weights_none", lang)]


def test_in_the_sidebar_a_second_option_takes_the_place_of_the_first_on_a_wave_with_noise(project_rules, two_waves_env):
    app = open_page("usage", View(filters=Filters({"gender": ("male",)})))
    app.multiselect(key=widget_key("gender", "nb")).set_value(["male", "female"]).run()
    assert not app.exception
    assert app.multiselect(key=widget_key("gender", "nb")).value == ["female"]
    assert app.query_params["gender"] == "female" and not app.warning
    app.multiselect(key=widget_key("wave", "nb")).set_value(["2010"]).run()  # the exact wave alone: unions again
    app.multiselect(key=widget_key("gender", "nb")).set_value(["female", "male"]).run()
    assert app.multiselect(key=widget_key("gender", "nb")).value == ["female", "male"]
    app.multiselect(key=widget_key("wave", "nb")).set_value(["2011"]).run()  # noise again: the first option stays
    assert app.multiselect(key=widget_key("gender", "nb")).value == ["female"]
    assert t("filters_narrowed", filters=CODEBOOK["gender"].title["nb"]) in [w.value for w in app.warning]
