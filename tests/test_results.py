"""Results for the pages: labels, order, captions, exports, crosstabs, the population beside the sample,
free text and findings, all from the database."""
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey.analysis import counts, results
from survey.analysis.findings import findings
from survey.model.filters import Filters
from survey.model.state import View
from survey.output import banner
from survey.texts.i18n import NBSP, UNSEEN, as_code, format_number, format_pct, visible

FEMALE = Filters({"gender": ("female",)})


def test_labels_and_formats_follow_the_language(seed_db, codebook):
    nb = results.shares("company_use", View(), codebook, db=seed_db).frame
    en = results.shares("company_use", View(lang="en"), codebook, db=seed_db).frame
    assert nb["option_label"].tolist() == ["Ja", "Nei", "Vet ikke"]
    assert en["option_label"].tolist() == ["Yes", "No", "Don't know"]
    assert nb["pct_text"].iloc[0] == f"36,2{NBSP}%" and en["pct_text"].iloc[0] == "36.2%"
    assert nb["count_text"].iloc[0] == "307 av 847" and en["count_text"].iloc[0] == "307 of 847"


def test_order_by_share_where_order_carries_no_meaning(seed_db, codebook):
    channels = results.shares("private_channels", View(), codebook, db=seed_db).frame.sort_values("option_rank")
    assert channels["pct"].is_monotonic_decreasing
    sizes = results.shares("company_size", View(), codebook, db=seed_db).frame.sort_values("option_rank")
    assert sizes["option"].tolist() == list(codebook["company_size"].option_ids)


def test_captions_say_base_and_n(seed_db, codebook):
    assert results.shares("private_channels", View(), codebook, db=seed_db).caption() == (
        "Grunnlag: de som bruker sosiale medier privat (n = 567). Uvektet. "
        "Strekene viser 95\u00a0% konfidensintervall (Wilson).")
    by_gender = results.shares("private_channels", View(lang="en", by="gender"), codebook, db=seed_db)
    assert by_gender.base_caption() == \
        "Base: those who use social media privately. n: Male 270, Female 261, Not stated 36."
    assert "Holm" in by_gender.caption()


def test_the_same_group_has_the_same_colour_everywhere(seed_db, codebook):
    colours = {}
    for question in ("private_use", "challenges", "company_channels"):
        frame = results.shares(question, View(by="gender"), codebook, db=seed_db).frame
        for group, colour in zip(frame["group"], frame["color"]):
            assert colours.setdefault(group, colour) == colour
    assert len(set(colours.values())) == 3


def test_export_table_headers_and_rows(seed_db, codebook):
    table = results.shares("guidelines", View(lang="en", filters=FEMALE), codebook, db=seed_db).export_table()
    assert list(table.columns) == ["Group", "Answer", "Count", "Base (n)", "Share (%)", "CI low (%)", "CI high (%)",
                                   "p (Holm)", "Note"]
    assert table["Count"].sum() == table["Base (n)"].iloc[0] == 373


def test_the_table_has_a_line_per_statistic_and_group_and_the_group_n(seed_db, codebook):
    (table,) = banner.tables(["company_use"], ("gender",), View(), codebook, db=seed_db)
    grid = banner.grid(table, ("pct", "n", "ci"))
    assert list(grid.columns) == [("Totalt", "Alle"), ("Kjønn", "Mann (A)"), ("Kjønn", "Kvinne (B)"),
                                  ("Kjønn", "Ikke oppgitt (C)")]
    female = ("Kjønn", "Kvinne (B)")
    assert [grid.loc[("Ja", stat), female] for stat in ("%", "n", "95\u00a0% KI")] == \
        ["35,7\u00a0%", "133", "31,0–40,6"]
    assert grid.loc[("Grunnlag", "n")].tolist() == ["847", "430", "373", "44"]


def test_composition_puts_the_population_beside_the_selection(seed_db, codebook):
    result = results.composition("company_size", View(filters=FEMALE), codebook, db=seed_db)
    frame = result.frame
    assert frame.groupby("group")["pct"].sum().round(6).to_dict() == {"population": 100.0, "sample": 100.0}
    assert frame[frame["group"] == "sample"]["base_n"].iloc[0] == 373
    assert "SSB" in result.caption() and "n = 373" in result.caption()


def test_free_text_search_is_literal_and_bound(seed_db, codebook):
    everything = results.why_not_texts(View(), codebook, db=seed_db)
    assert len(everything) == 303
    assert len(results.why_not_texts(View(), codebook, "%", db=seed_db)) == 0
    assert len(results.why_not_texts(View(), codebook, "' OR 1=1 --", db=seed_db)) == 0
    found = results.why_not_texts(View(lang="en"), codebook, "JOBBER", db=seed_db)
    assert len(found) > 0 and all("jobber" in text.lower() for text in found["Answer"])
    assert list(everything.columns) == ["Begrunnelse", "Svar"]
    assert results.why_not_count(View(), codebook, db=seed_db) == 303
    assert results.why_not_count(View(lang="en"), codebook, "JOBBER", db=seed_db) == len(found)
    assert results.why_not_count(View(), codebook, "%", db=seed_db) == 0


def test_free_text_lists_are_cut_at_the_limit_and_counted_in_full(seed_db, codebook):
    first = results.why_not_texts(View(), codebook, db=seed_db, limit=10)
    assert len(first) == 10
    assert first.equals(results.why_not_texts(View(), codebook, db=seed_db).head(10))
    assert results.why_not_count(View(), codebook, db=seed_db) == 303


def test_free_text_never_carries_the_respondent(seed_db, no_filters):
    frame = counts.run("why_not_texts", db=seed_db, search="", limit=1000, **no_filters)
    assert list(frame.columns) == ["reason", "text", "matching", "n"]


def test_the_texts_query_counts_every_match_beyond_its_limit(seed_db, no_filters):
    frame = counts.run("why_not_texts", db=seed_db, search="", limit=10, **no_filters)
    assert len(frame) == 10 and set(frame["matching"]) == {303}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_findings_are_written_from_the_data(seed_db, codebook, lang):
    sentences = findings(View(lang=lang), codebook, db=seed_db)
    assert 3 <= len(sentences) <= 5
    assert format_pct(66.94214876, lang) in sentences[0] and format_pct(36.24557261, lang) in sentences[0]
    assert "Facebook" in sentences[1] and "YouTube" in sentences[1]


def test_findings_follow_the_filters(seed_db, codebook):
    view = View(filters=Filters({"role": ("other",)}))
    private = results.shares("private_use", view, codebook, db=seed_db).frame
    assert format_pct(private.loc[private["option"] == "yes", "pct"].iloc[0]) in findings(view, codebook, db=seed_db)[0]


def test_number_formats():
    assert format_number(20000, "nb") == f"20{NBSP}000" and format_number(20000, "en") == "20,000"
    assert format_pct(4.235, "nb") == f"4,2{NBSP}%" and format_pct(4.235, "en") == "4.2%"
    assert as_code("a`b\nc") == "`a'b\\nc`"
    assert as_code("x" * 100).endswith("…`") and len(as_code("x" * 100)) == 62


@given(st.text(alphabet=st.characters(codec=None), max_size=80))
def test_a_value_as_code_is_one_code_span_of_characters_that_are_seen(value):
    """Whatever a link holds: one code span (no backtick inside to end it), no line end of any kind (two end the
    paragraph and the span), no control or invisible character; what was written out reads back."""
    shown = as_code(value, limit=1000)
    assert shown[0] == shown[-1] == "`" and "`" not in shown[1:-1]
    assert not UNSEEN.search(shown) and shown[1:-1].splitlines() in ([shown[1:-1]], [])
    assert visible("a\r\rb\x07\u202e") == "a\\r\\rb\\u0007\\u202e"


def test_splits_counted_together_are_the_splits_counted_one_by_one(seed_db, codebook):
    view = View(filters=FEMALE, weights="company")
    for question in ("private_use", "challenges"):
        together = results.shares_by(question, ("none", "age_group", "role"), view, codebook, db=seed_db)
        results.clear_cache()
        for by, result in together.items():
            alone = results.shares(question, view, codebook, by=by, db=seed_db)
            assert alone.hidden == result.hidden
            pd.testing.assert_frame_equal(alone.frame.reset_index(drop=True), result.frame.reset_index(drop=True))
        results.clear_cache()


def test_results_are_kept_per_view_and_data_version(seed_db, codebook):
    first = results.shares("company_use", View(by="role"), codebook, db=seed_db)
    assert results.shares("company_use", View(by="role"), codebook, db=seed_db) is first
    assert results.shares("company_use", View(by="role", level=99), codebook, db=seed_db) is not first
    assert results.shares("company_use", View(by="role", lang="en"), codebook, db=seed_db) is not first


@pytest.mark.parametrize("view", [View(), View(filters=FEMALE, weights="company"), View(lang="en", level=99)])
def test_the_composition_counts_are_the_dimensions_shares(seed_db, codebook, view):
    for dimension in ("company_size", "region", "industry", "gender", "age_group"):
        counted = results.sample_shares(dimension, view, codebook, db=seed_db).frame
        expected = results.shares(dimension, view, codebook, by="none", db=seed_db).frame
        pd.testing.assert_frame_equal(counted.reset_index(drop=True), expected.reset_index(drop=True),
                                      check_dtype=False)


@pytest.mark.parametrize("weights", ["none", "company", "person"])
def test_findings_test_groups_of_an_effective_n_of_30_and_correct_for_every_pair_screened(seed_db, codebook,
                                                                                          weights):
    from math import comb

    from statsmodels.stats.proportion import proportions_ztest

    from survey.analysis.findings import DIFFERENCES, differences
    from survey.analysis.results import p_text

    view = View(weights=weights)
    screened, expected = 0, []
    for question, option, dimension in DIFFERENCES:
        rows = results.shares(question, view, codebook, by=dimension, db=seed_db).frame
        rows = rows[(rows["option"] == option) & (rows["n_eff"] >= 30)]
        screened += comb(len(rows), 2)
        high, low = rows.loc[rows["pct"].idxmax()], rows.loc[rows["pct"].idxmin()]
        # the z-test on effective sizes: counts of successes as effective n times share
        raw = proportions_ztest([high.pct / 100 * high.n_eff, low.pct / 100 * low.n_eff],
                                [high.n_eff, low.n_eff])[1]
        expected.append((raw, format_pct(high.pct), format_pct(low.pct)))
    said = differences(view, codebook, db=seed_db)
    holding = sorted((min(1.0, raw * screened), a, b) for raw, a, b in expected if raw * screened < 0.05)
    assert len(said) == len(holding) >= 2
    for sentence, (p, a, b) in zip(said, holding):
        assert f"({a} mot {b}, {p_text(p, 'nb')})" in sentence


def test_no_two_text_lists_tie_a_text_to_a_group(seed_db, codebook):
    """The differencing of the texts: region Hedmark and Oppland against the same with every industry but one
    would leave the texts of 7 respondents. Every list is the whole wave's, whatever the filters, so no
    difference or overlap of two lists holds anything but whole waves."""
    industries = codebook["industry"].option_ids
    views = [View(filters=Filters({"region": ("hedmark_oppland",)})),
             View(filters=Filters({"region": ("hedmark_oppland",), "industry": industries[1:]})),
             View(filters=FEMALE), View(filters=Filters({"age_group": ("under_30",), "role": ("leader",)})),
             View(by="gender", filters=Filters({"wave": ("2010",), "industry": ("ict",)}))]
    whole = results.why_not_texts(View(), codebook, db=seed_db)
    for view in views:
        assert results.why_not_texts(view, codebook, db=seed_db).equals(whole)
        assert results.why_not_count(view, codebook, "jobber", db=seed_db) == results.why_not_count(
            View(), codebook, "jobber", db=seed_db)
        assert results.texts_unfiltered(view)
    assert not results.texts_unfiltered(View(filters=Filters({"wave": ("2010",)})))



# --- under weights: the weighted count and base beside the respondents counted

def test_a_weighted_share_is_its_weighted_count_over_its_weighted_base_counted_by_hand(seed_db, codebook):
    import duckdb

    from survey.texts.i18n import format_decimal

    result = results.shares("company_use", View(weights="company", by="region"), codebook, db=seed_db)
    with duckdb.connect(str(seed_db), read_only=True) as con:
        for row in result.frame.itertuples():
            w_n, w_base, weights_squared = con.execute(
                "SELECT sum(weight_company) FILTER (WHERE company_use = ?), sum(weight_company), "
                "sum(weight_company ^ 2) FROM responses WHERE region = ? AND company_use IS NOT NULL",
                [row.option, row.group]).fetchone()
            assert (row.w_n, row.w_base) == (pytest.approx(w_n), pytest.approx(w_base))
            assert row.pct == pytest.approx(100 * w_n / w_base)
            assert row.n_eff == pytest.approx(w_base ** 2 / weights_squared)
            said = row.count_text
            assert said.startswith(f"{format_decimal(w_n)} av {format_decimal(w_base)} vektet")
            assert f"{row.n} av {row.base_n}" in said and f"effektiv n {round(row.n_eff)}" in said


def test_weighted_counts_in_the_caption_crosstab_and_export(seed_db, codebook):
    from survey.texts.i18n import format_decimal

    weighted = results.shares("company_use", View(weights="company", by="gender"), codebook, db=seed_db)
    plain = results.shares("company_use", View(by="gender"), codebook, db=seed_db)
    bases = results.group_bases(weighted.frame)
    assert all(f"{format_decimal(r.w_base)} / {round(r.n_eff)}" in weighted.caption() for r in bases.itertuples())
    assert "Vektet grunnlag" not in plain.caption() and "vektet" not in plain.frame["count_text"].iloc[0]

    (table,) = banner.tables(["company_use"], ("gender",), View(weights="company"), codebook, db=seed_db)
    grid = banner.grid(table)
    assert [stat for _, stat in grid.index[:3]] == ["n", "Vektet grunnlag", "Effektiv n"]
    first = weighted.frame.iloc[0]
    column = next(c for c in grid.columns if c[1].startswith(first.group_label))
    assert grid.loc[(first.option_label, "Vektet antall"), column] == format_decimal(first.w_n)
    (unweighted,) = banner.tables(["company_use"], ("gender",), View(), codebook, db=seed_db)
    assert "Vektet grunnlag" not in {stat for _, stat in banner.grid(unweighted).index}

    exported = weighted.export_table()
    assert {"Vektet antall", "Vektet grunnlag", "Effektiv n"} <= set(exported.columns)
    assert weighted.export_formats()["Vektet grunnlag"] == "decimal"
    assert "Vektet antall" not in plain.export_table().columns
    shares = exported["Andel (%)"]
    assert shares.tolist() == pytest.approx((100 * exported["Vektet antall"] / exported["Vektet grunnlag"]).tolist())


def test_a_weighted_tile_says_its_weighted_count_and_base(seed_db, codebook):
    from survey.analysis.headlines import headlines, tile_caption
    from survey.texts.i18n import format_decimal

    view = View(weights="company")
    for tile in headlines(codebook, view, db=seed_db):
        assert tile.pct == pytest.approx(100 * tile.w_n / tile.w_base)
        assert f"{format_decimal(tile.w_n)} av {format_decimal(tile.w_base)} vektet" in tile_caption(tile, view)
        assert f"{tile.n} av {tile.base_n}" in tile_caption(tile, view)


def test_answer_filters_are_part_of_every_kept_result(seed_db, codebook):
    """Two views that differ only in an answer filter share no kept result: not the chart, not the n, not the
    composition of the method page."""
    plain = View(by="role")
    users = View(by="role", filters=Filters({"company_use": ("yes",)}))
    doubters = View(by="role", filters=Filters({"company_use": ("dont_know",)}))
    shown = [results.shares("guidelines", v, codebook, db=seed_db) for v in (plain, users, doubters)]
    assert len({s.frame["base_n"].sum() for s in shown}) == 3
    assert results.shares("guidelines", users, codebook, db=seed_db) is shown[1]
    counts = [results.respondents(v, codebook, db=seed_db) for v in (plain, users, doubters)]
    assert counts[0] == 847 and counts[1] == 307 and counts[0] > counts[2] > 0
    sizes = [results.sample_shares("company_size", v, codebook, db=seed_db).frame["base_n"].iloc[0]
             for v in (plain, users, doubters)]
    assert sizes == counts
