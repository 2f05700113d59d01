"""What stands out (survey.analysis.standout): the tests are the charts' own, Benjamini-Hochberg as statsmodels makes
it, the rest of the sample counted by hand, nothing of a hidden group, a low base or a small rest, the number of
tests said, the command line's rows, and the panel on the pages."""
from __future__ import annotations

import html
import json
import math
from dataclasses import replace
from urllib.parse import parse_qs, urlparse

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from survey.analysis import results, standout
from survey.model.filters import Filters
from survey.model.state import View, from_query, to_query
from survey.stats import estimates
from survey.stats import formulas as stats
from survey.texts.i18n import format_number, t
from survey.ui import plain
from tests.conftest import ROOT
from tests.test_figures import cli

BY_AGE = View(by="age_group")
WOMEN = View(lang="en", filters=Filters({"gender": ("female",)}))


def comparisons(view: View, codebook, db) -> list[standout.Difference]:
    """Every comparison the view makes, before the correction."""
    rules = estimates.load_rules()
    tested = standout.group_tests if view.by != "none" else standout.selection_tests
    return [r for r in tested(view, codebook, rules, db) if not math.isnan(r.p_value) and not r.mirror]


def test_the_second_answer_of_a_yes_no_question_is_not_a_second_test(seed_db, codebook):
    rules = estimates.load_rules()
    both = [r for r in standout.group_tests(BY_AGE, codebook, rules, seed_db) if r.question == "private_use"]
    yes = {r.group: r.p_value for r in both if r.option == "yes"}
    no = {r.group: r.p_value for r in both if r.option == "no"}
    assert yes and yes == pytest.approx(no)  # one test, twice
    found = standout.standout(BY_AGE, codebook, db=seed_db)
    assert not any(r.question == "private_use" and r.option == "no" for r in found.rows)
    assert found.tests == len(comparisons(BY_AGE, codebook, seed_db)) == sum(
        not math.isnan(r.p_value) for r in standout.group_tests(BY_AGE, codebook, rules, seed_db)) - len(no)
    assert all(r.mirror == (r.question == "private_use" and r.option == "no")
               for r in standout.group_tests(BY_AGE, codebook, rules, seed_db))
    chosen = [r for r in standout.selection_tests(WOMEN, codebook, rules, seed_db) if r.question == "private_use"]
    assert [(r.option, r.mirror) for r in chosen] == [("yes", False), ("no", True)]


def test_the_charts_the_letters_and_what_stands_out_count_the_same_tests(seed_db, codebook):
    """The men against the rest on private use (issue 27): one test in what stands out, one in the chart's Holm
    (three groups, not six: 0.0091 becomes 0.0273), and one per pair of columns in the banner's letters."""
    rules = estimates.load_rules()
    view = View(by="gender")
    made = [r for r in standout.group_tests(view, codebook, rules, seed_db) if r.question == "private_use"]
    counted = [r for r in made if not r.mirror]
    frame = results.shares("private_use", view, codebook, db=seed_db).frame
    family = frame[frame["option"] == "yes"]
    assert len(counted) == len(family) == 3
    assert stats.holm(family["p_raw"].tolist()) == pytest.approx(frame.loc[frame["option"] == "no", "p_value"].tolist())
    men = frame[frame["group"] == "male"].set_index("option")
    assert (round(men.loc["yes", "p_raw"], 4), round(men.loc["no", "p_value"], 4)) == (0.0091, 0.0273)


# --- the correction

@pytest.mark.parametrize("view", [BY_AGE, WOMEN, View(by="role", weights="company"),
                                  View(filters=Filters({"role": ("leader",)}))], ids=str)
def test_the_q_values_and_what_holds_are_statsmodels_fdr_bh_of_the_apps_p_values(seed_db, codebook, view):
    from statsmodels.stats.multitest import multipletests

    made = comparisons(view, codebook, seed_db)
    found = standout.standout(view, codebook, db=seed_db)
    assert found.tests == len(made) > 20
    holds, q_values, _, _ = multipletests([r.p_value for r in made], alpha=0.05, method="fdr_bh")
    expected = {(r.question, r.option, r.group): q for r, q, h in zip(made, q_values, holds) if h}
    assert {(r.question, r.option, r.group): r.q_value for r in found.rows} == pytest.approx(expected, rel=1e-12)
    assert all(r.q_value <= 0.05 for r in found.rows)


def test_the_rows_are_sorted_by_the_size_of_the_difference(seed_db, codebook):
    found = standout.standout(BY_AGE, codebook, db=seed_db)
    sizes = [abs(r.difference) for r in found.rows]
    assert len(sizes) > 3 and sizes == sorted(sizes, reverse=True)
    assert all(r.difference == pytest.approx(r.pct - r.pct_rest) for r in found.rows)


def test_the_false_discovery_rate_is_a_setting_and_an_argument(seed_db, codebook, tmp_path, monkeypatch):
    assert estimates.load_rules().false_discovery_rate == 0.05
    strict = standout.standout(BY_AGE, codebook, db=seed_db, fdr=0.0001)
    usual = standout.standout(BY_AGE, codebook, db=seed_db)
    assert strict.tests == usual.tests and len(strict.rows) < len(usual.rows)
    rules = tmp_path / "statistics.yaml"
    rules.write_text("false_discovery_rate: 0.0001\nperturbation: none\n", encoding="utf-8")
    monkeypatch.setenv("SURVEY_STATISTICS", str(rules))
    assert standout.standout(BY_AGE, codebook, db=seed_db).rows == strict.rows
    for wrong in ("0", "1", "1.5", "'five'", "true"):
        rules.write_text(f"false_discovery_rate: {wrong}\n", encoding="utf-8")
        estimates._rules.cache_clear()
        with pytest.raises(ValueError, match="false_discovery_rate must be a number between 0 and 1"):
            estimates.load_rules()
    estimates._rules.cache_clear()


# --- the tests are the charts' own

def test_with_a_compare_by_the_p_values_are_the_charts_complement_tests_before_holm(seed_db, codebook):
    rules = estimates.load_rules()
    made = {(r.question, r.option, r.group): r for r in standout.group_tests(BY_AGE, codebook, rules, seed_db)}
    for question in ("private_use", "private_channels", "challenges"):
        frame = results.shares(question, BY_AGE, codebook, db=seed_db).frame
        raw = []
        for r in frame.itertuples():
            rest = frame[(frame["option"] == r.option) & (frame["group"] != r.group)]
            share = rest["w_n"].sum() / rest["w_base"].sum()
            p = stats.two_proportion_p(r.pct / 100, r.n_eff, share, rest["w_base"].sum())  # unweighted: n_eff = n
            raw.append(p if r.flag == "" else math.nan)  # a low base is not tested
            if r.flag == "" and not math.isnan(p):
                row = made[(question, r.option, r.group)]
                assert row.p_value == pytest.approx(p, rel=1e-12)
                assert row.pct_rest == pytest.approx(100 * share)
                assert (row.pct, row.base_n, row.n_eff) == (r.pct, r.base_n, r.n_eff)
        # the chart's own p-values are these, Holm-adjusted within the chart, a yes/no question's test once
        once = [math.nan if question == "private_use" and o == "no" else p for p, o in zip(raw, frame["option"])]
        adjusted = dict(zip(zip(frame["group"], frame["option"]), stats.holm(once)))
        first = [(g, "yes" if question == "private_use" else o) for g, o in zip(frame["group"], frame["option"])]
        assert frame["p_value"].tolist() == pytest.approx([adjusted[k] for k in first], nan_ok=True)


def test_the_selection_against_the_rest_of_the_sample_counted_by_hand(seed_db, codebook):
    rows = {(r.question, r.option): r for r in comparisons(WOMEN, codebook, seed_db)}
    with duckdb.connect(str(seed_db), read_only=True) as con:
        counted = con.execute(
            "SELECT company_use, count(*) FILTER (WHERE gender = 'female') AS women, "
            "count(*) FILTER (WHERE gender IS DISTINCT FROM 'female') AS rest FROM responses "
            "WHERE company_use IS NOT NULL GROUP BY company_use").df().set_index("company_use")
    women_base, rest_base = counted["women"].sum(), counted["rest"].sum()
    for option in codebook["company_use"].option_ids:
        row = rows[("company_use", option)]
        pct, pct_rest = 100 * counted.loc[option, "women"] / women_base, 100 * counted.loc[option, "rest"] / rest_base
        assert (row.pct, row.pct_rest, row.base_n) == (pytest.approx(pct), pytest.approx(pct_rest), women_base)
        assert row.p_value == pytest.approx(stats.two_proportion_p(pct / 100, women_base, pct_rest / 100, rest_base))
        assert row.group == "all"


def test_a_wave_filter_keeps_the_rest_within_its_waves(seed_db, codebook):
    waves = results.waves(seed_db)
    with_wave = replace(WOMEN, filters=Filters({"gender": ("female",), "wave": (waves[0],)}))
    assert [r.record() for r in comparisons(with_wave, codebook, seed_db)] == \
        [r.record() for r in comparisons(WOMEN, codebook, seed_db)]  # the seed database has one wave
    assert "wave " + waves[0] in standout.standout(with_wave, codebook, db=seed_db).intro(codebook)


def test_weighted_rows_rest_on_effective_sample_sizes(seed_db, codebook):
    view = View(by="role", weights="company")
    found = standout.standout(view, codebook, db=seed_db)
    assert found.rows and all(r.n_eff < r.base_n for r in found.rows)
    unweighted = standout.standout(replace(view, weights="none"), codebook, db=seed_db)
    assert [r.record() for r in found.rows] != [r.record() for r in unweighted.rows]


# --- what is never shown

def test_hidden_groups_and_low_bases_are_never_tested(seed_db, codebook):
    view = View(filters=Filters({"role": ("leader",)}), by="company_size")  # the largest companies hidden
    made = comparisons(view, codebook, seed_db)
    assert made
    some_hidden = some_low = False
    for question in {r.question for r in made}:
        result = results.shares(question, view, codebook, db=seed_db)
        some_hidden |= bool(result.hidden)
        some_low |= (result.frame["flag"] == estimates.LOW_BASE).any()
        shown = result.frame.set_index(["option", "group"])
        for r in (r for r in made if r.question == question):
            assert r.group not in result.hidden
            assert shown.loc[(r.option, r.group), "flag"] == ""
            assert r.n_eff >= estimates.load_rules().low_base
    assert some_hidden and some_low
    hidden = {g for q in codebook.questions if not q.dimension
              for g in results.shares(q.id, view, codebook, db=seed_db).hidden}
    assert hidden and not hidden & {r.group for r in standout.standout(view, codebook, db=seed_db).rows}


def frame(rows: list[tuple]) -> pd.DataFrame:
    columns = ["option", "base_n", "w_n", "w_base", "w2_base", "pct", "n_eff", "flag"]
    return pd.DataFrame(rows, columns=columns)


def test_a_rest_smaller_than_the_threshold_gives_nothing_about_it():
    rules = estimates.Rules(min_group=10, low_base=30)
    # everyone but three: 100 respondents of whom 60 chose "yes", the selection 97 of whom 57
    chosen = frame([("yes", 97, 57, 97, 97, 100 * 57 / 97, 97, ""), ("no", 97, 40, 97, 97, 100 * 40 / 97, 97, "")])
    whole = frame([("yes", 100, 60, 100, 100, 60, 100, ""), ("no", 100, 40, 100, 100, 40, 100, "")])
    assert standout.rest_rows("private_use", chosen, whole, rules) == []
    # a rest of 40: tested
    whole = frame([("yes", 137, 60, 137, 137, 60, 137, ""), ("no", 137, 77, 137, 137, 40, 137, "")])
    assert len(standout.rest_rows("private_use", chosen, whole, rules)) == 2
    # a rest of 20 (above min_group, below low_base): not tested either
    whole = frame([("yes", 117, 60, 117, 117, 60, 117, ""), ("no", 117, 57, 117, 117, 40, 117, "")])
    assert standout.rest_rows("private_use", chosen, whole, rules) == []


def test_a_selection_of_all_but_a_few_says_nothing_of_the_few(seed_db, codebook, tmp_path, monkeypatch):
    # The 44 who did not state their gender are the rest of men and women: tested under the usual rules, and
    # under rules whose least group is 50 too few to say anything of.
    view = View(filters=Filters({"gender": ("male", "female")}))
    assert standout.standout(view, codebook, db=seed_db).tests > 0
    rules = tmp_path / "statistics.yaml"
    rules.write_text("min_group: 50\nlow_base: 10\nperturbation: none\n", encoding="utf-8")
    monkeypatch.setenv("SURVEY_STATISTICS", str(rules))
    found = standout.standout(view, codebook, db=seed_db)
    assert found.tests == 0 and found.rows == ()
    assert found.intro(codebook) == t("standout_no_tests", "nb")


def test_compare_by_leaves_out_a_group_whose_rest_is_small(seed_db, codebook):
    # ICT by gender: each group's rest (the other genders) is small; a comparison is kept only where it is not.
    view = View(filters=Filters({"industry": ("ict",)}), by="gender")
    rules = estimates.load_rules()
    for question in {r.question for r in comparisons(view, codebook, seed_db)}:
        shown = results.shares(question, view, codebook, db=seed_db).frame
        for r in (r for r in comparisons(view, codebook, seed_db) if r.question == question):
            rest = shown[(shown["option"] == r.option) & (shown["group"] == r.group)].iloc[0]
            assert rest.base_rest >= rules.min_group and rest.n_eff_rest >= rules.low_base


def test_questions_filtered_on_by_their_answers_are_not_tested(seed_db, codebook):
    view = View(filters=Filters({"company_use": ("yes",)}), by="gender")
    assert "company_use" not in {r.question for r in comparisons(view, codebook, seed_db)}
    assert not {q.id for q in codebook.questions if q.dimension} & \
        {r.question for r in comparisons(view, codebook, seed_db)}


# --- in words

def test_the_intro_says_the_number_of_tests_made(seed_db, codebook):
    for view in (BY_AGE, WOMEN, replace(BY_AGE, lang="en")):
        found = standout.standout(view, codebook, db=seed_db)
        intro = found.intro(codebook)
        assert format_number(len(comparisons(view, codebook, seed_db)), view.lang) in intro
        assert "Benjamini–Hochberg" in intro
    assert standout.standout(BY_AGE, codebook, db=seed_db).intro(codebook).startswith(
        f"Av {found.tests} sammenligninger (hvert svar på hvert spørsmål, hver gruppe etter alder mot resten")


def test_without_filters_or_compare_by_there_is_nothing_to_compare(seed_db, codebook):
    found = standout.standout(View(), codebook, db=seed_db)
    assert (found.kind, found.rows, found.tests) == (standout.NOTHING, (), 0)
    assert found.intro(codebook) == t("standout_nothing", "nb")
    assert standout.standout(View(filters=Filters({"wave": tuple(results.waves(seed_db))})), codebook,
                             db=seed_db).kind == standout.NOTHING  # a wave is the sample, not a selection of it


def test_a_sentence_names_the_group_answer_question_base_and_both_shares(seed_db, codebook):
    found = standout.standout(BY_AGE, codebook, db=seed_db)
    row = next(r for r in found.rows if r.question == "private_channels" and r.option == "youtube")
    assert found.sentence(row, codebook) == (
        "30–39-åringer: 67,6\u00a0% svarte «YouTube» på «Sosiale medier brukt privat» (de som bruker sosiale "
        "medier privat, n = 145), mot 40,0\u00a0% av resten av utvalget (+27,5 prosentpoeng).")
    english = replace(found, view=replace(BY_AGE, lang="en"))
    assert english.sentence(row, codebook).startswith("Those aged 30–39: 67.6% answered “YouTube” to ")
    women = standout.standout(WOMEN, codebook, db=seed_db)
    assert all(women.sentence(r, codebook).startswith("The selection: ") for r in women.rows)


def test_a_link_opens_the_explore_page_on_the_question_with_the_view(seed_db, codebook):
    view = View(lang="en", filters=Filters({"gender": ("female",), "role": ("leader", "manager")}), by="age_group",
                present=True)
    found = standout.standout(view, codebook, db=seed_db)
    row = found.rows[0] if found.rows else standout.Difference("challenges", "time", "30_39", 1, 1, 0, 1, 1, 1)
    link = urlparse(found.link(row))
    assert link.path == "explore"
    opened, dropped = from_query(parse_qs(link.query), codebook)
    assert not dropped and opened == replace(view, question=row.question, present=False)


def test_a_link_from_a_selection_of_one_group_opens_the_comparison_its_sentence_makes(seed_db, codebook):
    """«Utvalget: 70 % … mot 60 % av de andre»: the chart behind it is the group beside the others, not the group
    alone."""
    found = standout.standout(WOMEN, codebook, db=seed_db)
    row = found.rows[0] if found.rows else standout.Difference("challenges", "time", "all", 1, 1, 0, 1, 1, 1)
    opened, _ = from_query(parse_qs(urlparse(found.link(row)).query), codebook)
    assert opened.by == "gender" and not opened.filters.active and opened.question == row.question


# --- the command line

def test_the_command_line_gives_the_rows_as_json_and_the_number_of_tests(seed_db, codebook):
    done = cli("standout", "--by", "age_group", "--format", "json", "--db", str(seed_db))
    rows = json.loads(done.stdout)
    found = standout.standout(BY_AGE, codebook, db=seed_db)
    assert rows and all(list(r) == standout.COLUMNS for r in rows)
    assert rows == json.loads(json.dumps(found.records()))
    assert f"{found.tests} sammenligninger" in done.stderr
    english = cli("standout", "--where", "gender=female", "--lang", "en", "--fdr", "0.2", "--format", "json",
                  "--db", str(seed_db))
    assert f"Of {len(comparisons(WOMEN, codebook, seed_db))} comparisons" in english.stderr
    assert json.loads(english.stdout) == json.loads(json.dumps(standout.standout(WOMEN, codebook, db=seed_db,
                                                                                  fdr=0.2).records()))


def test_the_command_line_table_has_the_sentences(seed_db):
    done = cli("standout", "--by", "age_group", "--lang", "en", "--db", str(seed_db))
    assert done.stdout.splitlines()[0].split() == [*standout.COLUMNS, "sentence"]
    assert "Those aged 30–39: 67.6% answered" in done.stdout


@pytest.mark.parametrize("args, phrase", [
    (["--by", "shoe_size"], "'shoe_size' is not a dimension"),
    (["--where", "gender=cat"], "'cat' is not a value of gender"),
    (["--fdr", "1.5"], "--fdr is a false discovery rate between 0 and 1"),
])
def test_the_command_line_refuses_bad_arguments_in_a_sentence(seed_db, args, phrase):
    done = cli("standout", *args, "--format", "json", "--db", str(seed_db), check=False)
    assert done.returncode == 2 and phrase in done.stderr and "Traceback" not in done.stderr


def test_the_command_line_without_a_selection_says_there_is_nothing_to_compare(seed_db):
    done = cli("standout", "--format", "json", "--lang", "en", "--db", str(seed_db))
    assert json.loads(done.stdout) == [] and t("standout_nothing", "en") in done.stderr


# --- the panel on the pages

def open_page(page: str, view: View) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(to_query(view))
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


@pytest.mark.parametrize("page, view", [("overview", View(by="gender")), ("overview", WOMEN),
                                        ("explore", replace(BY_AGE, lang="en", question="company_use"))])
def test_the_panel_shows_the_intro_and_the_sentences_with_their_links(seed_env, codebook, page, view):
    app = open_page(page, view)
    assert t("standout", view.lang) in [s.value for s in app.subheader]
    found = standout.standout(view, codebook)
    texts = [m.value for m in app.markdown]
    assert found.intro(codebook) in texts
    if found.rows:
        first = found.rows[:standout.SHOWN]
        listed = "\n".join(f"- {plain(html.escape(found.sentence(r, codebook)))} "
                           f'<a href="{html.escape(found.link(r))}" target="_self">{t("standout_link", view.lang)}</a>'
                           for r in first)
        assert listed in texts
    more = [e for e in app.expander if e.label == t("standout_more", view.lang, k=len(found.rows) - standout.SHOWN)]
    assert bool(more) == (len(found.rows) > standout.SHOWN)


def test_the_overview_without_a_selection_says_to_choose_one(seed_env):
    app = open_page("overview", View())
    assert t("standout_nothing", "nb") in [m.value for m in app.markdown]


def test_presentation_mode_leaves_the_panel_out(seed_env):
    app = open_page("overview", View(by="age_group", present=True))
    assert t("standout", "nb") not in [s.value for s in app.subheader]
