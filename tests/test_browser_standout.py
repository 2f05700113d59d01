"""What stands out, in a real browser: the panel on the overview says how many tests it made and lists the
differences that hold as the core makes them, a link opens the Explore page on the chart behind it, and the
page passes axe-core."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from survey.analysis.standout import standout
from survey.model.state import from_query
from survey.texts.i18n import t
from tests.test_browser import app_url, browser, main, open_page, page, screenshot, serious_violations, wait_ready

pytestmark = pytest.mark.browser
FIXTURES = (app_url, browser, page, open_page)  # test_browser's server and browser, as this module's fixtures


def expected(path: str, codebook, db):
    query = parse_qs(urlparse(path).query)
    view, _ = from_query(query, codebook)
    return view, standout(view, codebook, db=db)


@pytest.mark.parametrize("path, shot", [("/?by=age_group", "standout_nb"),
                                        ("/?lang=en&role=leader", "standout_en")])
def test_the_panel_lists_what_stands_out_and_a_link_opens_its_chart(page, open_page, seed_db, codebook, path, shot):
    view, found = expected(path, codebook, seed_db)
    assert found.rows  # the reconstruction has differences that hold for both
    open_page(path)
    expect(page.get_by_role("dialog")).to_have_count(0)  # e.g. Streamlit's "Page not found"
    heading = main(page).get_by_role("heading", name=t("standout", view.lang), exact=True)
    expect(heading).to_be_visible()
    expect(main(page)).to_contain_text(found.intro(codebook))
    first = main(page).locator("li").filter(has_text=found.sentence(found.rows[0], codebook)).first
    expect(first).to_be_visible()
    first.scroll_into_view_if_needed()
    screenshot(page, shot)
    link = first.get_by_role("link", name=t("standout_link", view.lang))
    assert link.get_attribute("href").endswith(found.link(found.rows[0]))
    if link.get_attribute("target") == "_blank":  # Streamlit opens a Markdown link in a tab of its own
        with page.context.expect_page() as opened:
            link.click()
        chart = opened.value
    else:
        link.click()
        chart = page
    wait_ready(chart)
    question = found.rows[0].question
    assert urlparse(chart.url).path.endswith("/explore") and \
        parse_qs(urlparse(chart.url).query)["question"] == [question]
    expect(main(chart).get_by_role("heading", name=t("explore", view.lang), exact=True)).to_be_visible()
    chosen = main(chart).get_by_role("combobox", name=t("explore_question", view.lang), exact=True)
    expect(chosen).to_have_value(codebook[question].title[view.lang])  # the select box shows the question
    screenshot(chart, shot + "_explore")


def test_the_panel_says_when_nothing_holds(page, open_page, seed_db, codebook):
    path = "/?lang=en&gender=female"
    view, found = expected(path, codebook, seed_db)
    open_page(path)
    expect(main(page)).to_contain_text(found.intro(codebook))
    assert f"Of {found.tests} comparisons" in found.intro(codebook)


def test_the_panel_asks_for_a_selection_where_there_is_none(page, open_page):
    open_page("/")
    expect(main(page)).to_contain_text(t("standout_nothing", "nb"))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_overview_with_the_panel_passes_axe(page, open_page, lang):
    open_page(f"/?lang={lang}&by=age_group")
    expect(main(page).get_by_role("heading", name=t("standout", lang), exact=True)).to_be_visible()
    assert serious_violations(page) == []
