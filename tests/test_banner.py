"""Banner tables: several dimensions across with a Total column, the table set, column letters against
statsmodels (a yes/no question's two answers one test), weighted bases counted by hand, hidden and low-base
columns, the HTML and the workbook read back."""
from io import BytesIO
from itertools import combinations

import duckdb
import pytest
from openpyxl import load_workbook

from survey.model.filters import Filters
from survey.model.state import View, from_query, to_query
from survey.output import banner
from survey.stats import estimates
from survey.texts.i18n import t
from tests.test_estimates import real_db  # noqa: F401 (a fixture)

BANNER = ("gender", "age_group", "role")


def test_a_banner_has_a_total_column_then_each_dimension_with_its_groups_lettered(seed_db, codebook):
    (table,) = banner.tables(["company_use"], BANNER, View(), codebook, db=seed_db)
    columns = [(c.banner, c.group, c.letter) for c in table.columns]
    assert columns[0] == ("total", "all", "")
    wanted = [(dim, g) for dim in BANNER for g in codebook[dim].option_ids]
    assert [(b, g) for b, g, _ in columns[1:]] == wanted
    assert [letter for *_, letter in columns[1:]] == [banner.column_letter(k) for k in range(len(wanted))]
    total = table.frame[table.frame["banner"] == "total"]
    assert total.set_index("option")["n"].to_dict() == {"yes": 307, "no": 487, "dont_know": 53}
    for dim in BANNER:  # each dimension's columns add up to the total (nobody hidden in the whole sample)
        part = table.frame[table.frame["banner"] == dim]
        assert part.groupby("option")["n"].sum().to_dict() == total.set_index("option")["n"].to_dict()


def test_column_letters_run_past_z():
    assert [banner.column_letter(k) for k in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def reference_letters(frame, level: int, mirror=None) -> dict[tuple[str, str], set[str]]:
    """Column letters by statsmodels: the pooled z-test on effective n for every pair of tested columns of a
    dimension and answer, Holm across all the pairs of the dimension; for a yes/no question (`mirror`: its
    two answers) the pairs of the first answer only, a column lower on it being higher on the second."""
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.proportion import proportions_ztest

    found: dict[tuple[str, str], set[str]] = {}
    for _, part in frame.groupby("banner"):
        rows = [r for r in part.itertuples() if r.flag == ""]
        pairs, p_values = [], []
        for a, b in combinations(rows, 2):
            if a.option != b.option or mirror and a.option == mirror[1]:
                continue
            pa, pb = a.pct / 100, b.pct / 100
            pooled = (pa * a.n_eff + pb * b.n_eff) / (a.n_eff + b.n_eff)
            if not 0 < pooled < 1:
                continue
            _, p = proportions_ztest([pa * a.n_eff, pb * b.n_eff], [a.n_eff, b.n_eff])
            pairs.append((a, b))
            p_values.append(p)
        if not p_values:
            continue
        reject = multipletests(p_values, alpha=1 - level / 100, method="holm")[0]
        for (a, b), significant in zip(pairs, reject):
            if significant:
                high, low = (a, b) if a.pct > b.pct else (b, a)
                found.setdefault((high.group, high.option), set()).add(low.letter)
                if mirror:
                    found.setdefault((low.group, mirror[1]), set()).add(high.letter)
    return found


@pytest.mark.parametrize("question, weights, level", [("private_channels", "none", 95),
                                                      ("company_use", "company", 95),
                                                      ("challenges", "none", 90),
                                                      ("guidelines", "person", 99),
                                                      ("private_use", "none", 95),
                                                      ("private_use", "company", 90)])
def test_column_letters_match_statsmodels(seed_db, codebook, question, weights, level):
    view = View(weights=weights, level=level)
    (table,) = banner.tables([question], ("age_group", "role", "industry"), view, codebook, letters=True,
                             db=seed_db)
    frame = table.frame[table.frame["banner"] != "total"]
    ours = {(r.group, r.option): set(r.letters.split()) for r in frame.itertuples() if r.letters}
    mirror = estimates.mirror(codebook[question])
    assert ours == reference_letters(frame, level, mirror)
    if question in ("private_channels", "private_use"):
        assert ours  # some difference holds, so that the comparison is not of two empty sets
    assert all(not r.letters for r in table.frame.itertuples() if r.flag == "low_base")


@pytest.mark.parametrize("dimension, level", [("gender", 95), ("age_group", 90)])
def test_a_yes_no_question_is_one_family_of_pairs_not_two(seed_db, codebook, dimension, level):
    """Private use by gender or age: the pairs of columns are tested once (on yes), Holm over those pairs; the
    letters of no are those of yes turned round. Counted twice, fewer differences would hold (men against
    women at 95 %, two pairs of ages at 90 %)."""
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.proportion import proportions_ztest

    (table,) = banner.tables(["private_use"], (dimension,), View(level=level), codebook, letters=True, db=seed_db)
    frame = table.frame[(table.frame["banner"] == dimension) & (table.frame["flag"] == "")]
    yes = frame[frame["option"] == "yes"].set_index("group")
    pairs = list(combinations(yes.index, 2))
    raw = [proportions_ztest([yes.loc[a, "n"], yes.loc[b, "n"]], [yes.loc[a, "base_n"], yes.loc[b, "base_n"]])[1]
           for a, b in pairs]
    once, twice = (multipletests(raw * k, alpha=1 - level / 100, method="holm")[0][:len(raw)] for k in (1, 2))
    assert once.sum() > twice.sum()  # the example: a difference that holds only counted once
    letters = {(r.group, r.option): set(r.letters.split()) for r in frame.itertuples()}
    for (a, b), holds in zip(pairs, once):
        high, low = (a, b) if yes.loc[a, "pct"] > yes.loc[b, "pct"] else (b, a)
        assert (yes.loc[low, "letter"] in letters[(high, "yes")]) == holds
        assert (yes.loc[high, "letter"] in letters[(low, "no")]) == holds


def test_letters_compare_columns_within_their_dimension_only(seed_db, codebook):
    (table,) = banner.tables(["private_channels"], ("gender", "age_group"), View(), codebook, letters=True,
                             db=seed_db)
    letters = {c.banner: set() for c in table.columns}
    for c in table.columns:
        letters[c.banner].add(c.letter)
    for r in table.frame.itertuples():
        assert set(r.letters.split()) <= letters[r.banner] - {r.letter}


def test_weighted_bases_and_counts_counted_by_hand(seed_db, codebook):
    (table,) = banner.tables(["company_use"], ("region",), View(weights="company"), codebook, db=seed_db)
    with duckdb.connect(str(seed_db), read_only=True) as con:
        for r in table.frame.itertuples():
            where = "" if r.banner == "total" else f"AND region = '{r.group}'"
            w_n, w_base, w2 = con.execute(
                "SELECT sum(weight_company) FILTER (WHERE company_use = ?), sum(weight_company), "
                f"sum(weight_company ^ 2) FROM responses WHERE company_use IS NOT NULL {where}", [r.option]).fetchone()
            assert (r.w_n, r.w_base) == (pytest.approx(w_n), pytest.approx(w_base))
            assert r.pct == pytest.approx(100 * w_n / w_base) and r.n_eff == pytest.approx(w_base ** 2 / w2)
    grid = banner.grid(table, ("pct", "n"))
    assert [stat for label, stat in grid.index[:3]] == ["n", "Vektet grunnlag", "Effektiv n"]
    assert ("Ja", "Vektet antall") in grid.index


def test_hidden_columns_are_named_and_say_so_without_numbers(seed_db, codebook):
    view = View(filters=Filters({"industry": ("ict",)}))
    (table,) = banner.tables(["company_use"], ("age_group",), view, codebook, db=seed_db)
    hidden = [c.group for c in table.columns if c.hidden]
    assert hidden == ["under_30"]  # 2 under 30, alone: the reconstruction's people do not exist
    assert not set(hidden) & set(table.frame["group"])
    grid = banner.grid(table, ("pct", "n", "ci"))
    for c in table.columns:
        column = grid[(c.heading, c.title)]
        assert (column == "skjult").all() == c.hidden
    html = banner.to_html(table, ("pct", "n"))
    assert html.count(">skjult</td>") == 1 and "Under 30 år (A)" in html
    assert t("banner_hidden_note_alone", "nb", min=10) in table.notes()


def test_leaders_by_age_show_the_oldest_beside_a_small_youngest_group(seed_db, codebook):
    """Issue 27: role = leader, the banner by age: the few leaders under 30 are hidden, and those aged 60 or
    more (84) are shown; with the same answers as exact counts of real people, they would be hidden with
    them."""
    view = View(filters=Filters({"role": ("leader",)}))
    (table,) = banner.tables(["private_use"], ("age_group",), view, codebook, db=seed_db)
    columns = {c.group: c.hidden for c in table.columns if c.banner == "age_group"}
    assert columns == {"under_30": True, "30_39": False, "40_49": False, "50_59": False, "60_plus": False}
    oldest = table.frame[(table.frame["banner"] == "age_group") & (table.frame["group"] == "60_plus")]
    assert set(oldest["base_n"]) == {84}


def test_with_exact_counts_of_real_people_a_hidden_column_takes_the_next_smallest(real_db, codebook):
    view = View(filters=Filters({"role": ("leader",)}))
    (table,) = banner.tables(["private_use"], ("age_group",), view, codebook, db=real_db)
    assert [c.group for c in table.columns if c.hidden] == ["under_30", "30_39"]  # 57, the smallest of the rest
    assert t("banner_hidden_note", "nb", min=10) in table.notes()


def test_low_base_columns_are_marked(seed_db, codebook):
    (table,) = banner.tables(["company_use"], ("age_group",), View(), codebook, db=seed_db)
    low = [c for c in table.columns if c.low_base]
    assert [c.group for c in low] == ["under_30"]
    assert low[0].title == "Under 30 år (A) *"
    assert 'class="low"' in banner.to_html(table)
    assert any(note.startswith("* Lavt grunnlag") for note in table.notes())


def test_the_html_table_shows_every_text_as_text(seed_db, codebook):
    from dataclasses import replace

    (table,) = banner.tables(["company_use"], ("gender",), View(), codebook, db=seed_db)
    hostile = '<img src=x onerror="alert(1)">'
    table = replace(table, frame=table.frame.assign(option_label=hostile, pct_text=hostile + " %"),
                    columns=tuple(replace(c, label=hostile, heading="**" + hostile) for c in table.columns))
    html = banner.to_html(table, ("pct",))
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_full_row_labels_and_a_line_per_statistic(seed_db, codebook):
    (table,) = banner.tables(["guidelines_why_not"], ("gender",), View(), codebook, db=seed_db)
    grid = banner.grid(table, ("pct", "n", "ci", "letters"))
    labels = {label for label, _ in grid.index} - {"Grunnlag"}
    assert labels == {o.label["nb"] for o in codebook["guidelines_why_not"].options} & labels
    assert max(len(label) for label in labels) > 20  # whole, not cut
    first = next(label for label in labels)
    assert [stat for label, stat in grid.index if label == first] == ["%", "n", "95\u00a0% KI", "Høyere enn"]


def test_the_banner_is_the_compare_by_dimension_unless_chosen(codebook):
    assert banner.banner_of(View()) == ()
    assert banner.banner_of(View(by="gender")) == ("gender",)
    assert banner.banner_of(View(by="gender", banner=("role", "region"))) == ("role", "region")


def test_the_table_settings_in_the_url(codebook):
    view, dropped = from_query({"banner": ["gender", "age_group", "shoe", "gender"], "cells": ["pct", "letters", "x"],
                                "tables": ["all"]}, codebook)
    assert (view.banner, view.cells, view.tables) == (("gender", "age_group"), ("pct", "letters"), "all")
    assert {(d.key, d.value) for d in dropped} == {("banner", "shoe"), ("cells", "x")}
    assert from_query(to_query(view), codebook)[0] == view
    assert "cells" not in to_query(View()) and "banner" not in to_query(View())


def test_a_table_set_is_every_question_in_one_query(seed_db, codebook, monkeypatch):
    import queries

    calls = []
    real = queries.shares
    monkeypatch.setattr(queries, "shares", lambda *a, **k: calls.append(a) or real(*a, **k))
    from survey.analysis import results
    results.clear_cache()
    questions = [q.id for q in codebook.questions]
    made = banner.tables(questions, ("gender",), View(level=90), codebook, db=seed_db)
    assert [t.question.id for t in made] == questions and len(calls) == 1


def test_the_table_set_workbook_reads_back(seed_db, codebook):
    view = View(weights="company", banner=("gender", "age_group"), cells=("pct", "n", "ci", "letters"))
    questions = ["company_use", "private_channels", "guidelines_why_not"]
    made = banner.tables(questions, view.banner, view, codebook, letters=True, db=seed_db)
    about = banner.about(made, view, codebook, view.banner, db=seed_db)
    book = load_workbook(BytesIO(banner.workbook(made, view.cells, about)))
    names = ["Bedriftens bruk av sosiale…", "Sosiale medier brukt privat", "Hvorfor ingen retningslinjer"]
    assert book.sheetnames == ["Innhold", *names, "Utvalg"]
    contents = book["Innhold"]
    links = [row for row in contents.iter_rows(values_only=False) if row[0].hyperlink]
    assert [row[0].value for row in links] == names
    assert [row[0].hyperlink.target for row in links] == [f"#'{n}'!A1" for n in names]
    assert [row[1].value for row in links] == [codebook[q].text["nb"] for q in questions]

    table, ws = made[0], book[names[0]]
    assert ws["A1"].value == table.title and ws.freeze_panes == "C4"
    headings = [ws.cell(2, c).value for c in range(3, 3 + len(table.columns))]
    assert headings[0] == "Totalt" and "Kjønn" in headings and "Alder" in headings
    assert [ws.cell(3, 3 + k).value for k in range(len(table.columns))] == [c.title for c in table.columns]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(4, ws.max_row + 1)}
    label = None
    for r in range(4, ws.max_row + 1):  # the answer's label is on its first line only
        label = ws.cell(r, 1).value or label
        rows[(label, ws.cell(r, 2).value)] = r
    for k, column in enumerate(table.columns, start=3):
        cell = table.frame[(table.frame["banner"] == column.banner) & (table.frame["group"] == column.group)
                           & (table.frame["option"] == "yes")].iloc[0]
        share = ws.cell(rows[("Ja", "%")], k)
        assert share.value == pytest.approx(cell.pct / 100) and share.number_format == "0.0%"
        assert ws.cell(rows[("Ja", "n")], k).value == cell.n
        assert ws.cell(rows[("Ja", "Vektet antall")], k).value == pytest.approx(cell.w_n)
        assert ws.cell(rows[("Ja", "KI nedre")], k).value == pytest.approx(cell.ci_low / 100)
        assert ws.cell(rows[("Ja", "Høyere enn")], k).value in (cell.letters, None)
        assert ws.cell(rows[("Grunnlag", "Effektiv n")], k).value == round(cell.n_eff)
    notes = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value]
    assert any(n.startswith("Bokstaver:") for n in notes) and any(n.startswith("Grunnlag:") for n in notes)
    facts = {row[0]: row[1] for row in book["Utvalg"].iter_rows(values_only=True)}
    assert facts["Kolonner (banner)"] == "Totalt, Kjønn, Alder"
    assert facts["Tabellsett"] == ", ".join(table.title for table in made)


def test_a_workbook_of_one_table_hides_nothing_it_should_not(seed_db, codebook):
    view = View(lang="en", filters=Filters({"industry": ("ict",)}))
    made = banner.tables(["company_use"], ("age_group",), view, codebook, db=seed_db)
    book = load_workbook(BytesIO(banner.workbook(made, ("pct", "n"), banner.about(made, view, codebook,
                                                                                   ("age_group",), db=seed_db))))
    assert book.sheetnames == ["Company use of social media", "Selection"]
    ws = book["Company use of social media"]
    titles = [ws.cell(3, c).value for c in range(3, ws.max_column + 1)]
    for name, hidden in (("Under 30 (A)", True), ("60 or older (E) *", False)):  # 13: shown, a low base
        column = 3 + titles.index(name)
        values = {ws.cell(r, column).value for r in range(4, 4 + 1 + 3 * 2)}
        assert (values == {"hidden"}) == hidden and ("hidden" in values) == hidden


def test_sheet_names_are_titles_cut_at_a_word_and_never_two_alike():
    titles = ["Kjønn", "Hva bedriften bruker sosiale medier til", "Hva bedriften bruker sosiale medier til",
              "HVA BEDRIFTEN BRUKER SOSIALE MEDIER TIL", "Utvalg", "Ja/Nei: [dette]?", "'Sitat'", "x" * 40]
    names = banner.sheet_names(titles, taken=["Innhold", "Utvalg"])
    assert names == ["Kjønn", "Hva bedriften bruker sosiale…", "Hva bedriften bruker… (2)",
                     "HVA BEDRIFTEN BRUKER… (3)", "Utvalg (2)", "Ja Nei dette", "Sitat", "x" * 30 + "…"]
    assert all(len(name) <= 31 for name in names)
    assert len({name.lower() for name in [*names, "innhold", "utvalg"]}) == len(names) + 2


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_table_set_is_named_for_people_and_crosses_no_dimension_with_itself(seed_db, codebook, lang):
    view = View(lang=lang, banner=("gender", "age_group"), cells=("pct", "n", "letters"))
    questions = [q.id for q in codebook.questions]
    made = banner.tables(questions, view.banner, view, codebook, letters=True, db=seed_db)
    for table in made:
        blocks = [c.banner for c in table.columns]
        assert table.question.id not in blocks and set(table.frame["banner"]) <= set(blocks)
        assert blocks[0] == "total" and set(blocks[1:]) == set(view.banner) - {table.question.id}
        assert [c.letter for c in table.columns[1:]] == [banner.column_letter(k) for k in range(len(blocks) - 1)]
    book = load_workbook(BytesIO(banner.workbook(made, view.cells, banner.about(made, view, codebook, view.banner,
                                                                                 db=seed_db))))
    names = book.sheetnames[1:-1]
    assert len(names) == len(questions) and all(len(name) <= 31 for name in names)
    assert len({name.lower() for name in book.sheetnames}) == len(book.sheetnames)
    for name, table in zip(names, made):
        assert name == table.title or name.endswith("…") and table.title.startswith(name[:-1])
    links = [row[0].hyperlink.target for row in book.worksheets[0].iter_rows() if row[0].hyperlink]
    assert links == ["#'" + name.replace("'", "''") + "'!A1" for name in names]  # "employees' use" in English
    gender = book[names[questions.index("gender")]]
    headings = {gender.cell(2, c).value for c in range(3, gender.max_column + 1)} - {None}
    assert headings == {t("banner_total", lang), codebook["age_group"].title[lang]}
