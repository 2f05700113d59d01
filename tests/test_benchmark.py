"""The benchmark of one company against its peers: the peer group and its widening, the peers' numbers under the
app's rules, where the client stands, the client read from a file and a share link, the deck and workbook read
back, the command line, and the page (AppTest)."""
from __future__ import annotations

import datetime
import json
import subprocess
import sys
from dataclasses import replace
from io import BytesIO

import duckdb
import openpyxl
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from survey.analysis import benchmark, results
from survey.analysis.benchmark import AHEAD, BEHIND, DIFFERS, DIVIDED, LIKE_MOST
from survey.ingest import clients
from survey.model import codebook as cb
from survey.model.filters import Filters
from survey.model.state import View, from_query, to_query
from survey.output import benchmark_files
from survey.texts.i18n import format_pct, t
from survey.ui.client import FORM_OPEN, client_key
from survey.ui.view import widget_key
from tests.conftest import ROOT
from tests.test_slides import PART, check_layout, title
from tests.tool_exports import qualtrics_grid, rerun_answers, source_rows, write_csv

CODEBOOK = cb.load()
DAY = datetime.date(2026, 12, 4)
# A company of 20-49 employees in trade: 12 such respondents in the reconstruction, so its peers are widened.
ACME = clients.from_choices(
    "Acme AS", {"company_size": "20_49", "industry": "trade", "region": "oslo_akershus"},
    {"company_use": "yes", "company_channels": ["facebook", "linkedin"], "guidelines": "yes",
     "challenges": ["lack_of_time"], "private_use": "no", "private_channels": ["facebook"]}, CODEBOOK)


def count(db, **where) -> int:
    clause = " AND ".join(f"list_contains(${k}, {k}::VARCHAR)" for k in where) or "TRUE"
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM responses WHERE {clause}",
                           {k: list(v) for k, v in where.items()}).fetchone()[0]


def test_the_form_drops_what_the_clients_answers_do_not_route_to():
    assert "private_channels" not in ACME.answers  # private_use = no
    assert ACME.answers["company_channels"] == ("facebook", "linkedin")
    assert clients.routed(clients.Client(answers={"marketing_strategy": ("yes",)}), CODEBOOK)[1] == \
        ["marketing_strategy"]


def test_the_peers_are_widened_step_by_step_until_they_hold_enough(seed_env):
    made = benchmark.benchmark(ACME, View(), CODEBOOK, db=seed_env)
    steps = made.peers.steps
    assert [s.n for s in steps] == [count(seed_env, company_size=["20_49"], industry=["trade"]),
                                    count(seed_env, company_size=["10_19", "20_49", "50_99"], industry=["trade"])]
    assert steps[0].n < 30 <= steps[-1].n and made.peers.widened and made.peers.enough
    assert steps[-1].filters.selected == {"company_size": ("10_19", "20_49", "50_99"), "industry": ("trade",)}
    lines = benchmark.step_lines(made.peers, CODEBOOK, "nb")
    assert "færre enn 30" in lines[0] and "10–19 ansatte, 20–49 ansatte eller 50–99 ansatte i varehandel" in lines[1]


def test_the_steps_and_the_peer_dimensions_are_settings(seed_env, tmp_path, monkeypatch):
    settings = tmp_path / "benchmark.yaml"
    settings.write_text("min_peers: 500\npeers: [company_size, industry, region]\nsteps:\n"
                        "  - {company_size: 0, industry: 0, region: 0}\n  - {industry: 0}\n", encoding="utf-8")
    monkeypatch.setenv("SURVEY_BENCHMARK", str(settings))
    made = benchmark.benchmark(ACME, View(), CODEBOOK, db=seed_env)
    assert [s.match for s in made.peers.steps] == [
        (("company_size", 0), ("industry", 0), ("region", 0)), (("industry", 0),), ()]
    assert made.peers.group.n == count(seed_env) and made.peer_words == t("peers_everyone", "nb")
    only_size = benchmark.benchmark(ACME, View(), CODEBOOK, dimensions=("company_size",), db=seed_env)
    assert only_size.peers.steps[0].match == (("company_size", 0),)  # the first step, on size alone


@pytest.mark.parametrize("raw", ["steps:\n  - {company_size: -1}\n", "steps:\n  - {gender: 0}\n", "min_peers: 0\n",
                                 "peers: [age_group]\n"])
def test_bad_settings_are_a_sentence(tmp_path, raw):
    path = tmp_path / "benchmark.yaml"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(benchmark.SettingsError):
        benchmark.load_settings(path)


def test_the_peers_numbers_are_the_apps_for_the_peer_group(seed_env):
    view = View(lang="en", weights="company", level=90, filters=Filters({"role": ("leader",)}))
    made = benchmark.benchmark(ACME, view, CODEBOOK, db=seed_env)
    group = made.peers.group.filters
    assert group.selected["role"] == ("leader",)  # the view's own filters hold
    for comparison in made.comparisons:
        expected = results.shares(comparison.question.id, replace(view, filters=group), CODEBOOK, db=seed_env)
        assert comparison.shares.frame[["option", "pct", "ci_low", "ci_high", "n_eff"]].equals(
            expected.frame[["option", "pct", "ci_low", "ci_high", "n_eff"]])
        for row in comparison.rows:
            shown = expected.frame.set_index("option").loc[row.option]
            assert (row.pct, row.ci_low, row.n_eff) == (shown["pct"], shown["ci_low"], shown["n_eff"])
            assert row.n_eff < row.base_n  # weighted: Kish's effective n


def test_a_question_too_few_peers_were_asked_has_no_numbers(seed_env):
    tiny = clients.from_choices("x", {"company_size": "100_249", "industry": "hospitality"},
                                {"company_use": "yes", "company_purposes": ["marketing"], "marketing_strategy": "no"},
                                CODEBOOK)
    settings = replace(benchmark.load_settings(), steps=((("company_size", 0), ("industry", 0)),), min_peers=1)
    made = benchmark.benchmark(tiny, View(), CODEBOOK, settings=settings, db=seed_env)
    asked = count(seed_env, company_size=["100_249"], industry=["hospitality"])
    assert made.peers.steps[0].n == asked and 0 < asked < 10 and len(made.peers.steps) == 1
    exact = made.comparisons[0]
    assert exact.shares.empty and not exact.rows and exact.shares.hidden  # none and a few said alike
    assert "færre enn 10" in benchmark.step_lines(made.peers, CODEBOOK, "nb")[0]


@pytest.mark.parametrize("low, high, chosen, expected", [
    (55, 80, True, LIKE_MOST), (55, 80, False, DIFFERS), (10, 45, True, DIFFERS), (10, 45, False, LIKE_MOST),
    (40, 60, True, DIVIDED), (40, 60, False, DIVIDED)])
def test_where_the_client_stands_follows_the_interval_against_half(low, high, chosen, expected):
    assert benchmark.standing(low, high, chosen) == expected


def test_ahead_and_behind_follow_the_settings():
    settings = benchmark.load_settings()
    assert benchmark.lead("guidelines", "yes", True, DIFFERS, settings) == AHEAD
    assert benchmark.lead("guidelines", "no", True, DIFFERS, settings) == BEHIND
    assert benchmark.lead("company_channels", "facebook", False, DIFFERS, settings) == BEHIND
    assert benchmark.lead("challenges", "lack_of_time", True, DIFFERS, settings) == BEHIND
    assert benchmark.lead("challenges", "lack_of_time", False, DIFFERS, settings) == AHEAD
    assert benchmark.lead("guidelines", "yes", True, DIVIDED, settings) == ""
    assert benchmark.lead("private_use", "no", True, DIFFERS, settings) == ""


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_where_the_client_differs_comes_first_in_sentences_of_the_language(seed_env, lang):
    made = benchmark.benchmark(ACME, View(lang=lang), CODEBOOK, db=seed_env)
    person = clients.person_questions(CODEBOOK)
    order = [(c.question.id in person, benchmark.STANDINGS.index(c.standing)) for c in made.comparisons]
    assert order == sorted(order) and made.comparisons[0].standing == DIFFERS
    guidelines = next(c for c in made.comparisons if c.question.id == "guidelines")
    row = guidelines.rows[0]
    assert (row.option, row.chosen, row.standing, row.lead) == ("yes", True, DIFFERS, AHEAD)
    assert format_pct(row.pct, lang) in row.sentence and made.peer_words in row.sentence
    assert row.sentence.startswith("Kunden skiller seg ut" if lang == "nb" else "The client stands out")
    for comparison in made.comparisons:  # the client's answers, and options not chosen that most or many peers chose
        assert {r.option for r in comparison.rows if r.chosen} == \
            set(comparison.chosen) & set(comparison.shares.frame["option"])
        assert all(r.standing != LIKE_MOST for r in comparison.rows if not r.chosen)


def test_the_questions_about_the_person_who_answered_are_the_profile_and_private_use():
    assert clients.person_questions(CODEBOOK) == ("gender", "age_group", "role", "private_use", "private_channels")


def test_the_companys_questions_come_before_the_respondents_private_use(seed_env):
    private = clients.from_choices(
        "Acme AS", {"company_size": "20_49", "industry": "trade"},
        {"private_use": "yes", "private_channels": ["linkedin"], "company_use": "yes",
         "company_channels": ["facebook", "linkedin"], "guidelines": "yes", "challenges": ["lack_of_time"]}, CODEBOOK)
    made = benchmark.benchmark(private, View(), CODEBOOK, db=seed_env)
    questions = [c.question.id for c in made.comparisons]
    company = [q for q in questions if q not in ("private_use", "private_channels")]
    assert questions[:len(company)] == company and set(questions[len(company):]) == {"private_use", "private_channels"}
    rows = [r.question for r in made.rows]
    assert rows.index("private_channels") > max(i for i, q in enumerate(rows) if q in company)
    summary = benchmark_files.summary(made, CODEBOOK)
    assert not any("Sosiale medier brukt privat" in line for line in summary[:2])


def test_the_chart_marks_the_clients_answers_in_words(seed_env):
    made = benchmark.benchmark(ACME, View(lang="en"), CODEBOOK, db=seed_env)
    channels = next(c for c in made.comparisons if c.question.id == "company_channels")
    frame = benchmark.marked(channels, "en", "Peers")
    labels = dict(zip(frame["option"], frame["option_label"]))
    assert labels["facebook"] == "◆ Facebook (the client's answer)" and labels["twitter"] == "Twitter"
    assert all("◆ Facebook (the client's answer)" in text
               for text in frame.loc[frame["option"] == "facebook", "aria_text"])


# --- the client from a file, and from a share link

def test_a_client_file_in_the_codebooks_layout_is_read_in_memory(tmp_path, seed_env):
    path = write_csv(tmp_path / "acme.csv", [
        ["company_size", "industry", "company_use", "company_channels__facebook", "company_channels__linkedin",
         "guidelines"], ["20_49", "trade", "yes", "1", "0", "no"]])
    before = seed_env.read_bytes()
    client = clients.read_client(path, CODEBOOK)
    assert client == clients.Client("acme", {"company_size": "20_49", "industry": "trade"},
                                    {"company_use": ("yes",), "company_channels": ("facebook",), "guidelines": ("no",)},
                                    {"company_channels": ("facebook", "linkedin")})
    assert seed_env.read_bytes() == before
    made = benchmark.benchmark(client, View(), CODEBOOK, db=seed_env)
    asked_about = {r.option for r in made.rows if r.question == "company_channels"}
    assert asked_about <= {"facebook", "linkedin"}  # the file asked of these two only


def test_a_client_file_in_an_export_layout_and_a_workbook_are_read(tmp_path):
    answers = rerun_answers(source_rows(1))
    client = clients.read_client(write_csv(tmp_path / "qualtrics.csv", qualtrics_grid(answers)), CODEBOOK,
                                 mapping=ROOT / "data" / "mapping.example.yaml")
    assert client.profile["company_size"] == answers[0]["company_size"] and client.answers
    book = openpyxl.Workbook()
    book.active.append(["company_size", "industry", "guidelines"])
    book.active.append(["5_9", "ict", "dont_know"])
    book.save(tmp_path / "client.xlsx")
    assert clients.read_client(tmp_path / "client.xlsx", CODEBOOK).answers == {"guidelines": ("dont_know",)}


@pytest.mark.parametrize("rows, error", [
    ([["company_size", "guidelines"], ["20_49", "yes"], ["1_4", "no"]], clients.ClientFileError),
    ([["company_size", "guidelines"], ["huge", "maybe"]], clients.InvalidResponses),
    ([["nothing"], ["x"]], clients.InvalidResponses)])
def test_a_client_file_that_is_not_one_companys_answers_is_a_sentence(tmp_path, rows, error):
    with pytest.raises(error) as raised:
        clients.read_client(write_csv(tmp_path / "c.csv", rows), CODEBOOK)
    said = raised.value.text("en") if error is clients.ClientFileError else raised.value.report("en")
    assert said and "Traceback" not in said and "Notes:" not in said


def test_a_share_link_carries_the_client_and_the_view_ignores_it():
    params = clients.to_link(ACME)
    assert clients.from_link(params, CODEBOOK) == (ACME, [])
    params["client"] += ["guidelines:maybe", "secret:1"]
    assert clients.from_link(params, CODEBOOK) == (ACME, ["guidelines:maybe", "secret:1"])
    view, dropped = from_query({**params, "lang": ["en"]}, CODEBOOK)
    assert view == View(lang="en") and dropped == [] and "client" not in to_query(view)


def test_a_share_link_carries_which_profile_the_peers_share():
    assert clients.peers_from_link(clients.to_link(ACME)) is None  # the page's default then
    for peers in [("industry",), ("company_size", "region"), ()]:
        params = clients.to_link(ACME, peers)
        assert clients.peers_from_link(params) == peers
        assert clients.from_link(params, CODEBOOK) == (ACME, [])
        view, dropped = from_query(params, CODEBOOK)
        assert dropped == [] and "client_peers" not in to_query(view)
    assert clients.peers_from_link({"client_peers": ["industry,secret,region"]}) == ("industry", "region")


# --- the report

def deck_of(made) -> Presentation:
    return Presentation(BytesIO(benchmark_files.deck(made, CODEBOOK, today=DAY)))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_deck_has_the_client_its_peers_a_summary_a_slide_per_question_and_the_method(seed_env, lang):
    made = benchmark.benchmark(replace(ACME, name="=HYPERLINK(\"x\") <b>Acme</b>"), View(lang=lang), CODEBOOK,
                               db=seed_env)
    deck = deck_of(made)
    check_layout(deck)
    slides = list(deck.slides)
    titles = [title(s) for s in slides]
    assert titles[0] == t("bench_deck_title", lang, client=made.client.name)
    cover = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert made.peer_words in cover and benchmark.step_lines(made.peers, CODEBOOK, lang)[-1] in cover
    method = " ".join(s.text_frame.text for s in slides[-1].shapes if s.has_text_frame)
    assert ("færre enn 30" if lang == "nb" else "fewer than 30") in method  # the widening, step by step
    assert titles[1] == t("bench_summary", lang)
    body = next(s for s in slides[1].shapes if s.name == "Body")
    said = [paragraph.text for paragraph in body.text_frame.paragraphs]
    assert said == benchmark_files.summary(made, CODEBOOK)
    assert all(line.endswith(".") and len(line.split()) > 12 for line in said), said  # sentences, not notes
    assert said[0].startswith(made.client.name) and made.peer_words in said[0]
    guidelines = CODEBOOK["guidelines"]
    assert t("bench_ahead_chosen", lang, question=guidelines.title[lang], answer=guidelines.option("yes").label[lang],
             pct=format_pct(made.leads(AHEAD)[0].pct, lang)) in said
    assert [c.question.title[lang] for c in made.comparisons] == \
        list(dict.fromkeys(PART.sub("", t) for t in titles[2:-1]))
    assert titles[-1] == t("bench_method_heading", lang)
    chart = next(s for s in slides[2].shapes if s.has_chart).chart
    assert any(label.startswith("◆") for label in chart.plots[0].categories)
    footer = next(s for s in slides[2].shapes if s.name == "Footer").text_frame.text
    assert made.client.name in footer and made.peer_words in footer


def test_the_workbooks_headers_say_that_a_row_is_one_answer_in_norwegian(seed_env):
    made = benchmark.benchmark(ACME, View(), CODEBOOK, db=seed_env)
    sheet = openpyxl.load_workbook(BytesIO(benchmark_files.workbook(made, CODEBOOK, today=DAY)))[t("benchmark")]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Spørsmål", "Svaret", "Kunden ga dette svaret", "Sammenlignbare som ga dette svaret (%)"]
    assert "Kundens svar" not in header  # «Svar: Nei | Kundens svar: Ja» read as if the client answered «Ja»


def test_the_workbook_has_every_row_and_says_who_and_what(seed_env):
    made = benchmark.benchmark(replace(ACME, name="=Acme"), View(lang="en", weights="company"), CODEBOOK,
                               db=seed_env)
    book = openpyxl.load_workbook(BytesIO(benchmark_files.workbook(made, CODEBOOK, today=DAY)))
    sheet, facts = book[t("benchmark", "en")], book[t("export_sheet", "en")]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Question", "The answer", "The client gave this answer", "Peers who gave this answer (%)"]
    assert "Effective n" in header
    assert [r[2].value for r in sheet.iter_rows(min_row=2, max_row=len(made.rows) + 1)] == \
        [t("chose_yes" if r.chosen else "chose_no", "en") for r in made.rows]
    rows = list(sheet.iter_rows(min_row=2, max_row=len(made.rows) + 1))
    assert [r[0].value for r in rows] == [CODEBOOK[r.question].title["en"] for r in made.rows]
    assert rows[0][3].value == pytest.approx(made.rows[0].pct / 100) and rows[0][3].number_format == "0.0%"
    said = {row[0].value: row[1].value for row in facts.iter_rows()}
    assert said["Client"] == "'=Acme" and said["Compared with"] == made.peer_words


# --- the command line

def run_cli(*args, db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "survey", "benchmark", *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True)


def test_the_command_line_gives_the_pages_rows(tmp_path, seed_db):
    path = write_csv(tmp_path / "acme.csv", [
        ["company_size", "industry", "company_use", "guidelines", "challenges__lack_of_time"],
        ["20_49", "trade", "yes", "yes", "1"]])
    done = run_cli("--client", str(path), "--format", "json", "--lang", "en", "--name", "Acme AS",
                   "--pptx", str(tmp_path / "b.pptx"), "--xlsx", str(tmp_path / "b.xlsx"), db=seed_db)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    client = clients.Client("Acme AS", {"company_size": "20_49", "industry": "trade"},
                            {"company_use": ("yes",), "guidelines": ("yes",), "challenges": ("lack_of_time",)},
                            {"challenges": ("lack_of_time",)})
    made = benchmark.benchmark(client, View(lang="en"), CODEBOOK, db=seed_db)
    assert [(r["question"], r["option"], r["peer_pct"], r["sentence"]) for r in rows] == \
        [(r.question, r.option, r.pct, r.sentence) for r in made.rows]
    assert set(rows[0]) == {"question", "option", "client_answer", "client_chose", "peer_pct", "ci_low", "ci_high",
                            "peer_n", "n_eff", "standing", "lead", "sentence"}
    assert "fewer than 30" in done.stderr and (tmp_path / "b.pptx").stat().st_size and (tmp_path / "b.xlsx").exists()
    assert Presentation(str(tmp_path / "b.pptx")).slides[0].shapes.title.text_frame.text == "Benchmark: Acme AS"


@pytest.mark.parametrize("args, code", [(["--peers", "size,shoe"], 2), (["--client", "missing.csv"], 2)])
def test_bad_command_lines_are_a_sentence(tmp_path, seed_db, args, code):
    path = write_csv(tmp_path / "c.csv", [["company_size", "guidelines"], ["20_49", "yes"]])
    done = run_cli("--client", str(path), *args, db=seed_db)
    assert done.returncode == code and done.stderr.startswith("error:") and "Traceback" not in done.stderr


# --- the page

def open_benchmark(query: dict) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(query)
    app.run()
    app.switch_page("pages/benchmark.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_the_page_asks_for_the_client_first(seed_env):
    app = open_benchmark({})
    assert app.title[0].value == t("benchmark", "nb")
    assert any(i.value == t("client_no_profile", "nb") for i in app.info)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_page_from_a_share_link_shows_the_peers_and_where_the_client_stands(seed_env, lang):
    app = open_benchmark({"lang": lang, **clients.to_link(ACME)})
    made = benchmark.benchmark(ACME, View(lang=lang), CODEBOOK)
    assert any(i.value == t("client_from_link", lang) for i in app.info)
    text = " ".join(m.value for m in app.markdown)
    assert all(row.sentence.replace("*", "\\*") in text for row in made.rows if row.standing == DIFFERS)
    assert len(app.get("vega_lite_chart")) == len(made.comparisons)
    assert "client" not in app.query_params and "client_name" not in app.query_params


def charts_of(app: AppTest) -> list:
    """Each chart as sent to the browser: its spec and its data."""
    return [(chart.proto.spec, [(d.name, d.data.data) for d in chart.proto.datasets])
            for chart in app.get("vega_lite_chart")]


def form_widgets(app: AppTest) -> list:
    """The client's form as drawn: its text box, select boxes and pills (their keys start with the client's)."""
    return [w for kind in ("text_input", "selectbox", "button_group") for w in app.main.get(kind)
            if (w.key or "").startswith("_" + client_key(""))]


def test_a_share_link_folds_the_form_and_the_folded_form_holds_the_client(seed_env):
    """Whoever opens a share link comes for the comparison: the form is folded and not drawn at all, and what it
    holds is compared. Unfolded, it shows the link's client, and the comparison does not change."""
    app = open_benchmark({"lang": "en", **clients.to_link(ACME, ("industry",))})
    assert not app.session_state[FORM_OPEN]
    assert not form_widgets(app)  # not drawn at all
    made = benchmark.benchmark(ACME, View(lang="en"), CODEBOOK, dimensions=("industry",))
    text = " ".join(m.value for m in app.markdown)
    assert all(row.sentence.replace("*", "\\*") in text for row in made.rows if row.standing == DIFFERS)
    folded = charts_of(app)
    assert len(folded) == len(made.comparisons)
    app.session_state[FORM_OPEN] = True  # as the person opens it
    app.run()
    assert app.main.text_input(key=widget_key(client_key("name"), "en")).value == ACME.name
    assert [app.main.selectbox(key=widget_key(client_key(d), "en")).value for d in clients.PROFILE] == \
        [ACME.profile.get(d) for d in clients.PROFILE]
    assert len(form_widgets(app)) > 1 + len(clients.PROFILE)  # and the peers and the answers, as pills
    assert charts_of(app) == folded


def test_the_form_stays_as_it_was_left_when_the_language_is_switched(seed_env):
    app = open_benchmark({})
    app.radio(key=widget_key("lang", "nb")).set_value("en").run()
    assert app.session_state[FORM_OPEN] and form_widgets(app)  # the uploader and the rest, now in English
    app = open_benchmark({"lang": "en", **clients.to_link(ACME)})
    app.radio(key=widget_key("lang", "en")).set_value("nb").run()
    assert not app.session_state[FORM_OPEN] and not form_widgets(app)


def test_the_form_is_open_on_a_first_visit_and_folded_in_presentation_mode(seed_env):
    app = open_benchmark({})
    assert app.session_state[FORM_OPEN] and form_widgets(app)
    app = open_benchmark({"present": "1", **clients.to_link(ACME)})
    assert not app.session_state[FORM_OPEN] and not form_widgets(app) and app.get("vega_lite_chart")
    app.session_state[FORM_OPEN] = True  # opened in a meeting, to try another answer: it stays open
    app.run()
    assert form_widgets(app) and not app.main.get("download_button")  # no template to download while presenting
    app.run()
    assert app.session_state[FORM_OPEN] and form_widgets(app)


def test_a_peer_group_in_a_region_reads_as_norwegian_says_it():
    from survey.model.filters import Filters

    words = benchmark.group_words((("industry", 0), ("region", 0)),
                                  Filters({"industry": ("trade",), "region": ("vestlandet", "trondelag")}),
                                  CODEBOOK, "nb")
    assert words.endswith("i varehandel på Vestlandet eller i Trøndelag")
    assert benchmark.group_words((("region", 0),), Filters({"region": ("vestlandet",)}), CODEBOOK, "en") == \
        "companies in Western Norway"
