"""The benchmark page in a real browser: the client described and answered as a consultant would, in Norwegian
and English; the client's name and answers absent from the address, the database and the server's log; a share
link made only after a confirmation, and opened; the deck downloaded and read back; axe-core."""
from __future__ import annotations

import hashlib
import re
from io import BytesIO

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from survey.analysis import benchmark
from survey.ingest import clients
from survey.model import codebook as cb
from survey.model.state import View
from survey.texts.i18n import t
from survey.ui.client import FORM_OPEN
from survey.ui.view import widget_key
from tests.conftest import ROOT
from tests.test_browser import (
    browser,  # noqa: F401 (a fixture)
    goto,
    main,
    screenshot,
    serious_violations,
    streamlit_server,
)
from tests.tool_exports import qualtrics_grid, rerun_answers, source_rows, write_csv

pytestmark = pytest.mark.browser
CODEBOOK = cb.load()
SECRET = "Hemmelig Kunde 7F3A"  # a name no page, file or log holds unless it is written there


def files_of(db) -> dict:
    """Every file of the database's folder (its versions too) and a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in db.parent.rglob("*") if p.is_file()}


def ready(tab) -> None:
    tab.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    expect(tab.get_by_test_id("stStatusWidget")).to_have_count(0)


def describe(tab, lang: str) -> None:
    """The client as a consultant enters it: name, size and industry, guidelines yes, two challenges."""
    m = main(tab)
    m.get_by_label(t("client_name", lang)).fill(SECRET)
    m.get_by_label(t("client_name", lang)).press("Enter")
    ready(tab)
    for dimension, option in (("company_size", "20_49"), ("industry", "trade")):
        m.get_by_role("combobox", name=CODEBOOK[dimension].title[lang], exact=True).click()
        tab.get_by_role("option", name=CODEBOOK[dimension].option(option).label[lang], exact=True).click()
        ready(tab)
    for question, options in (("guidelines", ["yes"]), ("challenges", ["lack_of_time", "measuring_effect"])):
        single = CODEBOOK[question].kind == "single"  # pills: a radio group, or a toolbar of toggle buttons
        group = m.get_by_role("radiogroup" if single else "toolbar", name=CODEBOOK[question].text[lang], exact=True)
        for option in options:
            group.get_by_role("radio" if single else "button", name=CODEBOOK[question].option(option).label[lang],
                              exact=True).click()
            ready(tab)


def expected(lang: str, db) -> benchmark.Benchmark:
    client = clients.from_choices(SECRET, {"company_size": "20_49", "industry": "trade"},
                                  {"guidelines": "yes", "challenges": ["lack_of_time", "measuring_effect"]}, CODEBOOK)
    return benchmark.benchmark(client, View(lang=lang), CODEBOOK, db=db)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_client_entered_on_the_tabis_compared_and_stays_in_the_session(browser, seed_db, tmp_path, lang):
    db = tmp_path / "survey.duckdb"
    db.write_bytes(seed_db.read_bytes())
    before, logs = files_of(db), []
    with streamlit_server(db, logs=logs) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2600}, accept_downloads=True)
        tab = goto(context.new_page(), f"{url}/benchmark?lang={lang}")
        describe(tab, lang)
        made = expected(lang, db)
        m = main(tab)
        expect(m.get_by_role("heading", name=t("peers_heading", lang))).to_be_visible()
        differs = [row.sentence for row in made.rows if row.standing == benchmark.DIFFERS]
        assert differs, "the reconstruction's trade companies of this size mostly have no guidelines"
        for sentence in differs:
            expect(m.get_by_text(sentence, exact=True).first).to_be_visible()
        expect(m.get_by_test_id("stVegaLiteChart")).to_have_count(len(made.comparisons))
        expect(m.get_by_text(re.compile("◆")).first).to_be_attached()
        with tab.expect_download() as download:
            m.get_by_test_id("stDownloadButton").filter(has_text=t("download_bench_deck", lang)).click()
        deck = Presentation(BytesIO(download.value.path().read_bytes()))
        assert deck.slides[0].shapes.title.text_frame.text == t("bench_deck_title", lang, client=SECRET)
        assert SECRET not in tab.url and "client" not in tab.url and "guidelines" not in tab.url
        screenshot(tab, f"benchmark_{lang}")
        assert serious_violations(tab) == []
        context.close()
    assert files_of(db) == before  # nothing written to the database or its versions
    assert all(SECRET not in text.read_bytes().decode("utf-8", "replace") for text in db.parent.rglob("*")
               if text.is_file())
    assert SECRET not in logs[0] and "lack_of_time" not in logs[0]


def test_a_share_link_is_made_after_a_confirmation_and_opens_the_benchmark(browser, seed_db):
    logs = []
    with streamlit_server(seed_db, logs=logs) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2600})
        first = goto(context.new_page(), f"{url}/benchmark?lang=en")
        describe(first, "en")
        m = main(first)
        m.get_by_text(t("share_heading", "en")).click()
        expect(m.get_by_test_id("stCode")).to_have_count(0)  # no link before the confirmation
        m.get_by_text(t("share_confirm", "en")).click()
        ready(first)
        link = m.get_by_test_id("stCode").inner_text().strip()
        address, _, fragment = link.partition("#")
        assert "lang=en" in address and "client" not in address and "Hemmelig" not in address
        assert "client_name=Hemmelig+Kunde+7F3A" in fragment and "client=guidelines%3Ayes" in fragment
        assert SECRET not in first.url
        second = context.new_page()
        sent = []  # every address the browser asks any server for
        second.on("request", lambda request: sent.append(request.url))
        goto(second, link)
        expect(main(second).get_by_text(t("client_from_link", "en"))).to_be_visible()
        made = expected("en", seed_db)
        expect(main(second).get_by_text(made.rows[0].sentence, exact=True).first).to_be_visible()
        second.wait_for_function("() => !location.hash && !location.href.includes('client')")
        assert "Hemmelig" not in second.url and "lang=en" in second.url
        assert sent and not any("Hemmelig" in u or "guidelines" in u for u in sent), "no server is sent the client"
        other = f"{address}#{fragment.replace('Hemmelig+Kunde+7F3A', 'Annen+Kunde')}"
        second.goto(other)  # the same page and query: only the fragment changes, and the page is not loaded again
        form = main(second).locator(f".st-key-{widget_key(FORM_OPEN, 'en')}")  # the expander's key, in its class
        expect(form.locator("details[open]")).to_have_count(0)  # the link folds the form: the comparison comes first
        form.locator("summary").click()
        expect(main(second).get_by_label(t("client_name", "en"), exact=True)).to_have_value("Annen Kunde")
        second.wait_for_function("() => !location.hash")
        context.close()
    assert SECRET not in logs[0]


def test_behind_a_viewer_passphrase_a_share_link_leaves_the_address_bar_once_read(browser, seed_db, tmp_path):
    """The fragment waits in the address bar, unsent, while the passphrase is asked; once in, the client fills
    the form and the address keeps nothing of it."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('viewer_passphrase = "kunde2010"\n', encoding="utf-8")
    client = clients.from_choices(SECRET, {"company_size": "20_49"}, {"guidelines": "yes"}, cb.load())
    fragment = "&".join(f"{k}={v}" for k, values in clients.to_link(client).items() for v in values)
    with streamlit_server(seed_db, secrets) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2600})
        tab = context.new_page()
        sent = []
        tab.on("request", lambda request: sent.append(request.url))
        tab.goto(f"{url}/benchmark?lang=en#{fragment.replace(' ', '%20')}")
        password = main(tab).get_by_label(t("viewer_passphrase", "en"))
        password.fill("kunde2010")
        password.press("Enter")
        expect(main(tab).get_by_text(t("client_from_link", "en"))).to_be_visible()
        tab.wait_for_function("() => !location.hash")
        assert "Hemmelig" not in tab.url and "client" not in tab.url
        assert not any("Hemmelig" in u or "guidelines" in u for u in sent), "no server is sent the client"
        context.close()


def test_a_client_file_fills_the_form(browser, seed_db, tmp_path):
    path = tmp_path / "acme.csv"
    path.write_text("company_size,industry,guidelines,challenges__lack_of_time\n20_49,trade,yes,1\n", encoding="utf-8")
    with streamlit_server(seed_db) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2600})
        tab = goto(context.new_page(), f"{url}/benchmark")
        main(tab).locator("input[type=file]").first.set_input_files(str(path))
        ready(tab)
        expect(main(tab).get_by_text(t("client_file_read", "nb", file="acme.csv"))).to_be_visible()
        expect(main(tab).get_by_role("heading", name=t("peers_heading", "nb"))).to_be_visible()
        bad = tmp_path / "two.csv"
        bad.write_text("company_size,guidelines\n20_49,yes\n1_4,no\n", encoding="utf-8")
        main(tab).locator("input[type=file]").first.set_input_files(str(bad))
        ready(tab)
        expect(main(tab).get_by_text(t("client_file_rows", "nb", rows=2))).to_be_visible()
        export = write_csv(tmp_path / "qualtrics.csv", qualtrics_grid(rerun_answers(source_rows(1))))
        main(tab).locator("input[type=file]").nth(1).set_input_files(str(ROOT / "data" / "mapping.example.yaml"))
        ready(tab)
        main(tab).locator("input[type=file]").first.set_input_files(str(export))
        ready(tab)
        expect(main(tab).get_by_text(t("client_file_read", "nb", file="qualtrics.csv"))).to_be_visible()
        context.close()
