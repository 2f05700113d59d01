"""What the browser draws follows every click: on each page, each control is changed in place as a person would
(filters of the profile, of answers and of waves, compare-by, weighting, level, reset, language, presentation
mode, the Explore page's question, its banner and cells, the benchmark's peers), and after each change
everything the page draws is compared with a second tab opened at the page's new address: every chart's marks,
axes, legend and title as Vega labels them for screen readers ("Ja, Kvinne: 70,0 %, 95 % KI: …"), tiles,
captions, texts, alerts, tables and banner tables, the sidebar's selection. The first chart's CSV is compared
after every change, and at the end of each page every download of its first chart and its deck.

A change whose numbers the browser kept from the selection before is a failure here, however right the server
was (a chart whose data Streamlit updates in place, see survey.output.charts.READER).

The database: the reconstruction and a second wave (tests/test_waves_app.make_two_waves), so that the wave
filter and the overview's trend are there.
"""
from __future__ import annotations

import difflib
import json
import re
import time
from io import BytesIO
from urllib.parse import parse_qs, urlparse

import pytest
from openpyxl import load_workbook
from playwright.sync_api import TimeoutError
from pptx import Presentation

from survey.ingest import clients
from survey.model import codebook as cb
from survey.texts.i18n import t
from survey.ui.client import FORM_OPEN
from survey.ui.view import widget_key
from tests.test_browser import (
    ARTIFACTS,
    VIEWPORT,
    browser,  # noqa: F401 (a fixture)
    main,
    sidebar,
    streamlit_server,
    wait_ready,
)

pytestmark = pytest.mark.browser
CODEBOOK = cb.load()
SETTLE = 10.0  # seconds a page may take to draw a change before it counts as not drawn

# Everything the page draws, as text: the main area's charts (each mark, axis, legend and title as Vega labels
# it), tiles, captions, texts, alerts, tables (the rows of each table of texts) and banner
# tables, and the sidebar's captions. Elements inside an expander whose summary is in `skip` are left out.
DRAWN = """(skip) => {
    const root = document.querySelector('[data-testid="stMain"]');
    const bar = document.querySelector('[data-testid="stSidebar"]');
    const outside = e => !Array.from(document.querySelectorAll('[data-testid="stExpander"]')).some(x =>
        skip.some(s => (x.querySelector('summary')?.innerText || '').includes(s)) && x.contains(e));
    const all = (within, selector) => within ? Array.from(within.querySelectorAll(selector)).filter(outside) : [];
    const texts = (within, selector) => all(within, selector).map(e => e.innerText.trim());
    return {
        charts: all(root, '[data-testid="stVegaLiteChart"]').map(c =>
            Array.from(c.querySelectorAll('svg [aria-label]')).map(e => e.getAttribute('aria-label'))),
        tiles: texts(root, '[data-testid="stMetric"]'),
        captions: texts(root, '[data-testid="stCaptionContainer"]'),
        texts: texts(root, '[data-testid="stMarkdownContainer"]'),
        alerts: texts(root, '[data-testid="stAlert"]'),
        tables: all(root, '.data-table').map(d => Array.from(d.querySelectorAll('tr')).map(r => r.innerText)),
        banners: texts(root, '.banner-table'),
        downloads: texts(root, '[data-testid="stDownloadButton"]'),
        sidebar: texts(bar, '[data-testid="stCaptionContainer"]'),
    };
}"""
# A page is drawn when its script has run, nothing waits to be drawn and each chart has its marks.
ALL_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]') &&
    Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stVegaLiteChart"]')).every(
        c => c.querySelector('svg [aria-label]'))"""


def drawn(tab, skip=()) -> dict:
    return tab.evaluate(DRAWN, list(skip))


def settled(tab, skip=()) -> dict:
    """What a freshly loaded tab draws, once two readings a moment apart agree."""
    wait_ready(tab)
    tab.wait_for_function(ALL_DRAWN)
    before = drawn(tab, skip)
    while True:
        tab.wait_for_timeout(150)
        now = drawn(tab, skip)
        if now == before:
            return now
        before = now


# Left out of the comparison: whether the sidebar's filters on answers are unfolded. That is the person's own
# (a fresh load unfolds them where the view filters on an answer; in place they stay as the person left them),
# not the view's: its lists show the filters, which the selection's caption says in words.
FOLDS = [t("answers", lang) for lang in ("nb", "en")]


def same_as_fresh(live, fresh, address: str, step: str, skip=()) -> str | None:
    """Whether the live tab, changed in place, draws what a fresh tab at `address` draws (waiting up to SETTLE
    seconds for the live tab to finish drawing): None, or what differs."""
    skip = [*skip, *FOLDS]
    fresh.goto("about:blank")  # a load of its own, also where the address differs from the last in its fragment
    fresh.goto(address)
    if "#client" in address:  # the fragment's client is heard by a run of its own, after the first: wait for it
        lang = parse_qs(urlparse(address).query).get("lang", ["nb"])[0]
        main(fresh).get_by_text(t("client_from_link", lang)).wait_for(timeout=30_000)
    want = settled(fresh, skip)
    deadline = time.monotonic() + SETTLE
    while True:
        got = drawn(live, skip)
        if got == want:
            return None
        if time.monotonic() > deadline:
            ARTIFACTS.mkdir(exist_ok=True)
            live.screenshot(path=str(ARTIFACTS / f"redraw_{step}_live.png"), full_page=True)
            fresh.screenshot(path=str(ARTIFACTS / f"redraw_{step}_fresh.png"), full_page=True)
            lines = lambda d: json.dumps(d, ensure_ascii=False, indent=1).splitlines()  # noqa: E731
            diff = "\n".join(difflib.unified_diff(lines(want), lines(got), "fresh", "in place", lineterm="", n=1))
            return f"{step}: in place the page draws what a fresh load of {address} does not:\n{diff[:3000]}"
        live.wait_for_timeout(200)


# --- downloads: what the files hold, read back

def download(tab, label: str, index: int = 0) -> bytes:
    with tab.expect_download() as got:
        main(tab).get_by_test_id("stDownloadButton").filter(has_text=label).nth(index).click()
    return got.value.path().read_bytes()


def workbook_cells(data: bytes) -> list:
    book = load_workbook(BytesIO(data))
    return [(ws.title, [[c.value for c in row] for row in ws.iter_rows()]) for ws in book.worksheets]


def deck_contents(data: bytes) -> list:
    """Each slide's texts, and its charts' categories and series values."""
    out = []
    for slide in Presentation(BytesIO(data)).slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        charts = [([str(c) for c in shape.chart.plots[0].categories],
                   [(s.name, list(s.values)) for s in shape.chart.plots[0].series])
                  for shape in slide.shapes if shape.has_chart]
        out.append((texts, charts))
    return out


READERS = {"csv": bytes, "xlsx": workbook_cells, "svg": bytes, "png": bytes, "pptx": deck_contents}


def same_downloads(live, fresh, files: list[tuple[str, str, int]], step: str) -> list[str]:
    """Each of `files` (button label, kind, which of the buttons so labelled) that the page offers, downloaded
    from both tabs, holds the same (a workbook's cells, a deck's texts and chart data, else the bytes). Which
    buttons the page has is part of what same_as_fresh compares. Returns what differs."""
    differs = []
    for label, kind, index in files:
        if main(live).get_by_test_id("stDownloadButton").filter(has_text=label).count() <= index:
            continue
        ours, theirs = (READERS[kind](download(tab, label, index)) for tab in (live, fresh))
        if ours != theirs:
            differs.append(f"{step}: the {kind} «{label}» downloaded in place differs from the fresh page's")
    return differs


def chart_files(lang: str) -> list[tuple[str, str, int]]:
    return [(t("download_csv", lang), "csv", 0), (t("download_xlsx", lang), "xlsx", 0),
            (t("download_svg", lang), "svg", 0), (t("download_png", lang), "png", 0),
            (t("download_deck", lang), "pptx", 0)]


# --- the controls, as a person uses them

def label(question: str, lang: str) -> str:
    return CODEBOOK[question].title[lang]


def option(question: str, value: str, lang: str) -> str:
    return CODEBOOK[question].option(value).label[lang]


def pick(tab, within, name: str, choice: str) -> None:
    """Choose `choice` in the multiselect or select box `name` (in the sidebar, or the main area)."""
    box = within(tab).get_by_role("combobox", name=name, exact=True)
    box.click()
    listed = tab.get_by_role("option", name=choice, exact=True)
    try:
        listed.wait_for(timeout=2000)
    except TimeoutError:  # a list clicked open while its expander was still opening stays closed
        box.click()
    listed.click()
    tab.keyboard.press("Escape")


def answers_open(tab, lang: str) -> None:
    """Unfold the sidebar's filters on answers: its lists are drawn by the run the unfolding starts."""
    expander = sidebar(tab).get_by_test_id("stExpander").filter(has_text=t("answers", lang))
    if expander.locator("details[open]").count() == 0:
        expander.locator("summary").click()
        ran(tab)
        expander.get_by_role("combobox").first.wait_for()


def radio(tab, text: str) -> None:
    sidebar(tab).get_by_test_id("stRadio").get_by_text(text, exact=True).click()


Step = tuple  # (name, action(tab, lang) -> the language after it)


def step(name: str, act, to: str | None = None) -> Step:
    """A change: its name, and what a person does (act(tab, lang)); `to`: the language after it, where it
    changes."""
    def run(tab, lang):
        act(tab, lang)
        return to or lang
    return name, run


def split_label(by: str, lang: str) -> str:
    return t("wave", lang) if by == "wave" else label(by, lang)


def filter_on(question: str, value: str) -> Step:
    def act(tab, lang):
        if question == "wave":
            pick(tab, sidebar, t("wave", lang), value)
            return
        if not CODEBOOK[question].dimension:
            answers_open(tab, lang)
        pick(tab, sidebar, label(question, lang), option(question, value, lang))
    return step(f"{question}={value}", act)


def compare_by(by: str) -> Step:
    return step(f"by={by}", lambda tab, lang: pick(tab, sidebar, t("compare_by", lang), split_label(by, lang)))


def weights(scheme: str) -> Step:
    return step(f"weights={scheme}",
                lambda tab, lang: pick(tab, sidebar, t("weights", lang), t(f"weights_{scheme}", lang)))


def level(value: int) -> Step:
    return step(f"level={value}", lambda tab, lang: radio(tab, f"{value}\u00a0%" if lang == "nb" else f"{value}%"))


def reset() -> Step:
    return step("reset", lambda tab, lang: sidebar(tab).get_by_role("button", name=t("reset", lang)).click())


def language(to: str) -> Step:
    return step(f"lang={to}", lambda tab, lang: radio(tab, t("language_name", to)), to)


def presentation_on() -> Step:
    return step("present=1", lambda tab, lang: sidebar(tab).get_by_text(t("presentation", lang), exact=True).click())


def presentation_off() -> Step:
    leave = lambda tab, lang: main(tab).get_by_role(  # noqa: E731
        "button", name=re.compile(re.escape(t("leave_presentation", lang)))).click()
    return step("present=0", leave)


def question(value: str) -> Step:
    return step(f"question={value}",
                lambda tab, lang: pick(tab, main, t("explore_question", lang), CODEBOOK[value].title[lang]))


def composition(dimension: str) -> Step:
    """The method page's tab of `dimension`."""
    return step(f"composition={dimension}", lambda tab, lang: main(tab).get_by_role(
        "tab", name=CODEBOOK[dimension].title[lang], exact=True).click())


def banner_add(by: str) -> Step:
    return step(f"banner+={by}", lambda tab, lang: pick(tab, main, t("banner_choice", lang), label(by, lang)))


def cells_add(cell: str) -> Step:
    return step(f"cells+={cell}", lambda tab, lang: pick(tab, main, t("cells_choice", lang), t(f"cells_{cell}", lang)))


def all_tables() -> Step:
    return step("tables=all", lambda tab, lang: main(tab).get_by_test_id("stRadio").get_by_text(
        t("tables_all", lang), exact=True).click())


def everything(dimension: Step, answer: Step, by: Step, scheme: Step, confidence: Step) -> list[Step]:
    """Every control of the sidebar once, in the order a person might use them: a filter of the profile, of an
    answer and of the wave, the compare-by, the weighting, the level, presentation mode on and off, the language,
    and the reset."""
    return [dimension, answer, filter_on("wave", "2010"), by, scheme, confidence, presentation_on(),
            presentation_off(), language("en"), reset()]


# Each page with every control of the sidebar, and the own controls of the Explore page and of the method page
# (its tabs) besides.
CHAINS = {
    "overview": everything(filter_on("gender", "female"), filter_on("company_use", "yes"), compare_by("age_group"),
                           weights("company"), level(99)),
    "usage": everything(filter_on("role", "leader"), filter_on("private_use", "yes"), compare_by("gender"),
                        weights("person"), level(90)),
    "channels": everything(filter_on("age_group", "40_49"), filter_on("company_use", "yes"), compare_by("gender"),
                           weights("company"), level(99)),
    "guidelines": everything(filter_on("industry", "trade"), filter_on("private_use", "yes"), compare_by("role"),
                             weights("company"), level(90)),
    "challenges": everything(filter_on("company_size", "10_19"), filter_on("company_use", "no"),
                             compare_by("gender"), weights("person"), level(99)),
    "method": [composition("region"), *everything(filter_on("gender", "male"), filter_on("private_use", "no"),
                                                   compare_by("age_group"), weights("company"), level(99)),
               composition("company_size")],
    "explore": [question("company_use"), compare_by("company_size"), banner_add("gender"), cells_add("ci"),
                all_tables(), *everything(filter_on("region", "oslo_akershus"), filter_on("private_use", "yes"),
                                          compare_by("role"), weights("company"), level(90))[:-2],
                question("guidelines"), language("en"), reset()],
}


@pytest.fixture(scope="module")
def redraw_db(tmp_path_factory):
    from tests.test_waves_app import make_two_waves

    return make_two_waves(tmp_path_factory.mktemp("redraw"), copies=3)


@pytest.fixture(scope="module")
def redraw_url(redraw_db):
    with streamlit_server(redraw_db) as url:
        yield url


@pytest.fixture
def tabs(browser):  # noqa: F811
    """The tab a person clicks in, and a second one for the fresh loads. Each in a window of its own: a tab
    behind another gets no animation frames, and every click in it waits for them."""
    contexts = [browser.new_context(viewport=VIEWPORT, accept_downloads=True) for _ in range(2)]
    for context in contexts:
        context.set_default_timeout(30_000)
    yield tuple(context.new_page() for context in contexts)
    for context in contexts:
        context.close()


def changed(tab, act, lang: str) -> str:
    """Make a change in place and wait for the page to run it: the address changes with the view."""
    before = tab.url
    lang = act(tab, lang)
    tab.wait_for_url(lambda url: url != before)
    wait_ready(tab)
    return lang


@pytest.mark.parametrize("page", list(CHAINS))
def test_every_change_in_place_draws_what_a_fresh_load_of_its_address_draws(tabs, redraw_url, page):
    live, fresh = tabs
    path = "/" if page == "overview" else f"/{page}"
    live.goto(redraw_url + path)
    settled(live)
    lang, differs = "nb", []
    for number, (name, act) in enumerate(CHAINS[page], start=1):
        lang = changed(live, act, lang)
        step = f"{page}_{number}_{re.sub(r'[^a-z0-9=]+', '-', name)}"
        differs += [said for said in [same_as_fresh(live, fresh, live.url, step)] if said]
        differs += same_downloads(live, fresh, [(t("download_csv", lang), "csv", 0)], step)
    differs += same_downloads(live, fresh, chart_files(lang), f"{page}_end")
    assert not differs, f"{len(differs)} of {len(CHAINS[page])} changes:\n" + "\n".join(differs)


# --- the benchmark page: its address is the share link, which carries the client and its peers

CLIENT = clients.from_choices("Redraw AS", {"company_size": "20_49", "industry": "trade"},
                              {"guidelines": "yes", "challenges": ["lack_of_time", "measuring_effect"]}, CODEBOOK)


def choose_peers(tab, lang: str, dimension: str) -> None:
    form = main(tab).locator(f".st-key-{widget_key(FORM_OPEN, lang)}")  # the expander's key, in its class
    if form.locator("details[open]").count() == 0:  # a share link opens the page with the client's form folded
        form.locator("summary").click()
        ran(tab)  # the form is drawn by the run its opening starts
    main(tab).get_by_role("toolbar", name=t("peers_choice", lang), exact=True).get_by_role(
        "button", name=label(dimension, lang), exact=True).click()


def peers(dimension: str) -> Step:
    return step(f"peers~{dimension}", lambda tab, lang: choose_peers(tab, lang, dimension))


BENCHMARK = [peers("region"), filter_on("gender", "male"), level(99), weights("company"), compare_by("role"),
             peers("industry"), language("en"), reset()]


def share_address(tab, lang: str) -> str:
    """The benchmark's share link as the page gives it, once its confirmation is ticked."""
    shared = main(tab).get_by_test_id("stExpander").filter(has_text=t("share_heading", lang))
    if shared.locator("details[open]").count() == 0:
        shared.locator("summary").click()
    if shared.get_by_test_id("stCode").count() == 0:
        shared.get_by_text(t("share_confirm", lang)).click()
        wait_ready(tab)
    return shared.get_by_test_id("stCode").inner_text().strip()


def ran(tab) -> None:
    """Wait for the run a change starts (it starts within moments), then for it to end."""
    try:
        tab.locator('[data-testid="stApp"][data-test-script-state="running"]').wait_for(timeout=2000)
    except TimeoutError:  # a run that had ended already
        pass
    wait_ready(tab)


def test_every_change_of_the_benchmark_draws_what_its_share_link_draws(tabs, redraw_url):
    live, fresh = tabs
    query = "&".join(f"{key}={value}" for key, values in clients.to_link(CLIENT).items() for value in values)
    live.goto(f"{redraw_url}/benchmark?{query}")
    settled(live)
    lang, differs = "nb", []
    # The link itself, shown where it was asked for; and the client's form, open where the person opened it (a
    # share link opens the page with it folded).
    skip = [t(heading, code) for heading in ("share_heading", "client_heading") for code in ("nb", "en")]
    for number, (name, act) in enumerate(BENCHMARK, start=1):
        lang = act(live, lang)
        ran(live)
        step = f"benchmark_{number}_{re.sub(r'[^a-z0-9=~]+', '-', name)}"
        address = share_address(live, lang)
        differs += [said for said in [same_as_fresh(live, fresh, address, step, skip)] if said]
    files = [(t("download_bench_xlsx", lang), "xlsx", 0), (t("download_bench_deck", lang), "pptx", 0)]
    differs += same_downloads(live, fresh, files, "benchmark_end")
    assert not differs, f"{len(differs)} of {len(BENCHMARK)} changes:\n" + "\n".join(differs)
