"""The real app in a real browser: Playwright drives Debian's Chromium against `streamlit run`.

Each test is a user flow (open a link, pick a filter, switch language, download, present) and checks what
the page shows against the database, read through the core (survey.analysis.results), never against typed-in numbers.

Screenshots are saved in tests/artifacts/. Without Chromium the tests are skipped on a developer's machine
and fail in CI (where the CI variable is set), since CI installs Chromium.
"""
from __future__ import annotations

import contextlib
import csv
import datetime
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

from deploy import ENTRY
from survey.analysis.headlines import headlines
from survey.analysis.results import respondents, shares
from survey.model.filters import Filters, in_words
from survey.model.state import View
from survey.output import banner, exports
from survey.output import pages as app_pages
from survey.texts.i18n import STREAMLIT_TEXTS, t
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# A tall window: Streamlit's main area scrolls inside a container, so a full-page screenshot shows one window.
VIEWPORT = {"width": 1400, "height": 2600}
TIMEOUT = 30_000  # ms, for the first render of a page (the first query warms DuckDB)
PAGES = tuple(page.key for page in app_pages.PAGES)  # URL = title key
ERROR_WORDS = ("Traceback", "Error", "This app has encountered an error")

pytestmark = pytest.mark.browser
# What a page shows after a rerun (a step in presentation mode, a notice from the browser) can take longer
# than Playwright's 5 s on a busy machine: wait up to 15 s before an expectation fails.
expect.set_options(timeout=15_000)


def require_chromium():
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium is missing at {CHROMIUM}; CI must install Debian's chromium package")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


# --- the server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url}")


@contextlib.contextmanager
def streamlit_server(db, secrets=None, logs: list | None = None):
    """`streamlit run deploy/asgi.py` (app.py in its server) on a free port over the database `db` (with the
    secrets file `secrets`, if given); yields its URL. The server's log is printed when it stops, so pytest shows
    it with a failing test (a traceback on the server is not lost), and added to `logs` where given."""
    port = free_port()
    env = {**os.environ, "SURVEY_DB": str(db)}
    url = f"http://127.0.0.1:{port}"
    options = ["--secrets.files", str(secrets)] if secrets else []
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ENTRY), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             *options],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            wait_until_healthy(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)
            log.seek(0)
            written = log.read()
            print(f"--- streamlit server log ({url})\n{written}")
            if logs is not None:
                logs.append(written)


@pytest.fixture(scope="module")
def app_url(seed_db):
    """One server for the module's flows."""
    with streamlit_server(seed_db) as url:
        yield url


@pytest.fixture
def fresh_app_url(seed_db):
    """A server of its own that no browser has asked anything yet (the health check aside)."""
    with streamlit_server(seed_db) as url:
        yield url


# --- the browser

@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    yield context.new_page()
    context.close()


@pytest.fixture
def open_page(page, app_url):
    """open_page("/usage?gender=female"): the page of the module's server, rendered."""
    return lambda path: goto(page, app_url + path)


def goto(page, url: str):
    page.goto(url)
    wait_ready(page)
    return page


def wait_ready(page) -> None:
    """Wait until the page title is shown and then the script has run to the end (no running indicator):
    the title first, since before the first run starts the app also says it is not running."""
    main(page).locator("h1").first.wait_for()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)  # elements whose code is still loading


def screenshot(page, name: str) -> None:
    """The page as it looks once drawn: charts and buttons load after the script has run, as placeholders."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def main(page):
    return page.get_by_test_id("stMain")


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def title(page, text: str):
    return main(page).get_by_role("heading", name=text, exact=True)


def chart_caption(page, index: int = 0):
    """The caption under the index-th chart of the page (its base and n)."""
    chart = main(page).get_by_test_id("stVegaLiteChart").nth(index)
    return chart.locator("xpath=following::*[@data-testid='stCaptionContainer'][1]")


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the sidebar's multiselect or select box labelled `label`, as a person would."""
    sidebar(page).get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def download_buttons(page, label: str):
    return main(page).get_by_test_id("stDownloadButton").filter(has_text=label)


# --- what the page should say, from the database through the core

def selection_caption(view: View, codebook, db) -> str:
    """The caption under every page's title (and in the sidebar): the selection in words, and its n."""
    words = in_words(view.filters, codebook, view.lang)
    selection = t("active_filters", view.lang, filters=words) if words else t("no_filters", view.lang)
    return f"{selection} {t('respondents_n', view.lang, n=respondents(view, codebook, db=db))}."


def option_label(codebook, dimension: str, option: str, lang: str) -> str:
    return codebook[dimension].option(option).label[lang]


FEMALE = Filters({"gender": ("female",)})


# --- the flows

def test_a_deep_link_as_the_first_request_runs_through_the_app(page, fresh_app_url, seed_db, codebook):
    """A server whose first visitor opens /explore directly must still run app.py: language, filters,
    the pages named in Norwegian, and a word about what the link held that the codebook does not know."""
    goto(page, fresh_app_url + "/explore?question=company_use&by=company_size&role=leader&gender=alien")
    view = View(filters=Filters({"role": ("leader",)}), by="company_size")

    expect(title(page, t("explore"))).to_be_visible()
    expect(main(page).get_by_text(selection_caption(view, codebook, seed_db), exact=True)).to_be_visible()
    warning = main(page).get_by_test_id("stAlertContentWarning")
    expect(warning).to_contain_text("gender")
    expect(warning).to_contain_text("alien")
    expect(chart_caption(page)).to_have_text(shares("company_use", view, codebook, db=seed_db).caption())
    expect(sidebar(page).get_by_test_id("stSidebarNavLink")).to_contain_text([t(key) for key in PAGES])
    screenshot(page, "explore_deep_link_nb")


def test_a_page_other_than_the_first_asks_for_the_server_once(page, app_url):
    """deploy/asgi.py tells the page where the server is: opened at /usage, it asks /_stcore/health at once,
    not /usage/_stcore/health first (a 404, then a wait of about 100 ms before the right address)."""
    asked = []
    page.on("request", lambda r: asked.append(urllib.parse.urlsplit(r.url).path) if "_stcore/" in r.url else None)
    goto(page, app_url + "/usage")
    expect(title(page, t("usage"))).to_be_visible()
    assert [path for path in asked if path.endswith("/health")] == ["/_stcore/health"]
    assert "/usage/_stcore/host-config" not in asked


@pytest.mark.parametrize(("path", "server"), [
    ("/usage", "http://host/"), ("/explore/", "http://host/"), ("/admin", "http://host/"),
    ("/survey/method", "http://host/survey/"), ("/a/b/benchmark", "http://host/a/b/"),
    ("/", None), ("/survey", None), ("/survey/", None), ("/no-such-page", None), ("/usage/more", None)])
def test_the_pages_script_names_the_server_where_the_address_ends_in_a_page(page, path, server):
    """The script deploy/asgi.py writes into each page, run in Chromium at other addresses: behind a proxy
    and under a base path, the server is the folder above the page; anywhere else it says nothing, and
    Streamlit looks for the server as it does without it."""
    from deploy.asgi import PAGE_PATHS, base_script

    body = re.fullmatch(rb"<script>(.*)</script>", base_script(PAGE_PATHS), re.S).group(1).decode()
    found = page.evaluate("""([body, path]) => {
        const window = {};
        new Function("location", "window", body)({pathname: path, origin: "http://host"}, window);
        return window.__streamlit ? window.__streamlit.BACKEND_BASE_URL : null;
    }""", [body, path])
    assert found == server


PAGE_PATHS = [  # (title key, path, screenshot); Streamlit serves the default page at "/" only
    (key, "/" if key == app_pages.DEFAULT.key else f"/{key}", f"{key}_nb") for key in PAGES
]


@pytest.mark.parametrize(("key", "path", "shot"), PAGE_PATHS)
def test_every_page_opens_in_norwegian_without_an_error(open_page, key, path, shot):
    page = open_page(path)
    expect(title(page, t(key))).to_be_visible()
    screenshot(page, shot)
    text = page.locator("body").inner_text()
    assert not [word for word in ERROR_WORDS if word in text]
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)  # e.g. Streamlit's "Page not found"


def test_a_filter_set_in_the_sidebar_changes_the_selection_and_the_charts(open_page, seed_db, codebook):
    page = open_page("/usage")
    choose(page, codebook["gender"].title["nb"], option_label(codebook, "gender", "female", "nb"))

    view = View(filters=FEMALE)
    expect(main(page).get_by_text(selection_caption(view, codebook, seed_db), exact=True)).to_be_visible()
    expect(sidebar(page).get_by_text(selection_caption(view, codebook, seed_db), exact=True)).to_be_visible()
    wait_ready(page)
    expect(chart_caption(page)).to_have_text(shares("private_use", view, codebook, db=seed_db).caption())
    expect(page).to_have_url(re.compile(r"[?&]gender=female(&|$)"))


def test_filters_and_language_in_the_url_are_applied(open_page, seed_db, codebook):
    page = open_page("/channels?gender=female&role=leader&lang=en")

    view = View(lang="en", filters=Filters({"gender": ("female",), "role": ("leader",)}))
    expect(title(page, t("channels", "en"))).to_be_visible()
    expect(main(page).get_by_text(selection_caption(view, codebook, seed_db), exact=True)).to_be_visible()
    chips = sidebar(page).locator("[data-tag]")
    expect(chips).to_have_text([option_label(codebook, "gender", "female", "en"),
                                option_label(codebook, "role", "leader", "en")])


def test_switching_to_english(open_page, seed_db, codebook):
    page = open_page("/")  # the overview's address (see OVERVIEW_PATH_BUG)
    sidebar(page).get_by_test_id("stRadio").get_by_text(t("language_name", "en"), exact=True).click()

    expect(title(page, t("overview", "en"))).to_be_visible()
    wait_ready(page)
    expected = [t(tile.key, "en") for tile in headlines(codebook, View(lang="en"), seed_db)]
    expect(main(page).get_by_test_id("stMetricLabel")).to_have_text(expected)
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))


def test_switching_the_language_back_and_forth_keeps_the_view(open_page, seed_db, codebook):
    """Every widget whose labels are in the language (filters, compare by, weighting, level, the question)
    keeps its choice through switches both ways, as the page and the link show."""
    page = open_page("/explore?gender=female&by=gender&weights=company&level=99&question=company_use")
    view = View(filters=Filters({"gender": ("female",)}), by="gender", weights="company", level=99,
                question="company_use")
    for lang in ("en", "nb", "en", "nb"):
        sidebar(page).get_by_test_id("stRadio").get_by_text(t("language_name", lang), exact=True).click()
        expect(title(page, t("explore", lang))).to_be_visible()
        wait_ready(page)
        shown = View(lang, view.filters, view.by, view.present, view.question, view.weights, view.level)
        expected = shares("company_use", shown, codebook, db=seed_db).caption()
        expect(chart_caption(page)).to_have_text(expected)
        expect(page).to_have_url(re.compile(r"gender=female&by=gender&weights=company&level=99&question=company_use"))
    screenshot(page, "explore_after_switching_languages_nb")


def test_the_csv_download_holds_the_databases_numbers(open_page, seed_db, codebook):
    page = open_page("/usage")
    with page.expect_download() as download:
        main(page).locator(".st-key-private_use_csv").get_by_role("button").click()
    today = datetime.date.today().isoformat()
    assert download.value.suggested_filename == f"usage_private_use_all_{today}.csv"
    rows = list(csv.reader(io.StringIO(download.value.path().read_bytes().decode("utf-8-sig")), delimiter=";"))
    result = shares("private_use", View(), codebook, db=seed_db)
    head, rows = rows[:exports.PREAMBLE_LINES], rows[exports.PREAMBLE_LINES:]  # the description: "#" and a line
    assert [r[0] for r in head] == ["#"] * exports.PREAMBLE_LINES
    assert [r[1] for r in head] == exports.about(result, View(), codebook, db=seed_db).preamble()

    header = [t(key) for key in ("column_group", "column_option", "column_n", "column_base_n", "column_pct",
                                 "column_ci_low", "column_ci_high", "column_p", "column_note")]
    assert rows[0] == header
    assert all(re.fullmatch(r"\d+(,\d+)?", row[4]) for row in rows[1:]), "Andel (%) is written with a decimal comma"
    frame = shares("private_use", View(), codebook, db=seed_db).frame.sort_values(["group_position", "option_rank"])
    expected = [(r.group_label, r.option_label, int(r.n), int(r.base_n), round(r.pct, 4), round(r.ci_low, 4),
                 round(r.ci_high, 4)) for r in frame.itertuples()]
    shown = [(row[0], row[1], int(row[2]), int(row[3]), *(float(v.replace(",", ".")) for v in row[4:7]))
             for row in rows[1:]]
    assert shown == [(*row[:4], *(pytest.approx(v, abs=1e-9) for v in row[4:])) for row in expected]


def test_compare_by_splits_the_charts_by_the_dimension(open_page, seed_db, codebook):
    page = open_page("/usage")
    choose(page, t("compare_by"), codebook["gender"].title["nb"])

    expected = shares("private_use", View(by="gender"), codebook, db=seed_db).caption()
    expect(chart_caption(page)).to_have_text(expected)
    wait_ready(page)
    expect(page).to_have_url(re.compile(r"[?&]by=gender(&|$)"))
    screenshot(page, "usage_by_gender_nb")


def test_presentation_mode_steps_through_the_pages_with_buttons_and_keys(open_page, seed_db, codebook):
    page = open_page("/usage?present=1&by=gender")
    expect(title(page, t("usage"))).to_be_visible()
    gender = codebook["gender"].title["nb"]
    expect(main(page).get_by_text(f"{t('compare_by')}: {gender}.", exact=False).first).to_be_visible()

    page.keyboard.press("ArrowRight")
    expect(title(page, t("channels"))).to_be_visible()
    wait_ready(page)
    assert "present=1" in page.url and "by=gender" in page.url
    main(page).get_by_role("button", name=re.compile(t("previous_page"))).click()
    expect(title(page, t("usage"))).to_be_visible()
    wait_ready(page)  # the keys are heard once the page's run has ended
    page.keyboard.press("ArrowLeft")
    expect(title(page, t("overview"))).to_be_visible()
    wait_ready(page)
    expect(main(page).get_by_role("button", name=re.compile(t("previous_page")))).to_be_disabled()

    page.keyboard.press("Escape")
    wait_ready(page)
    expect(sidebar(page)).to_be_visible()
    assert "present" not in page.url


def test_presentation_mode_changes_filters_without_leaving(open_page, seed_db, codebook):
    page = open_page("/usage?present=1")
    main(page).get_by_role("button", name=re.compile(t("change_filters"))).click()
    label = codebook["gender"].title["nb"]
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option_label(codebook, "gender", "female", "nb"), exact=True).click()
    wait_ready(page)
    expect(main(page).get_by_text(selection_caption(View(filters=FEMALE), codebook, seed_db)).first).to_be_visible()
    assert "present=1" in page.url and "gender=female" in page.url


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_presentation_mode_fills_a_projector(browser, app_url, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = goto(context.new_page(), app_url + "/explore?present=1&by=age_group&question=company_use")
    try:
        chart = main(page).get_by_test_id("stVegaLiteChart").first
        expect(chart).to_be_visible()
        assert chart.bounding_box()["width"] > 0.8 * width
        cell = main(page).locator(".banner-table td").first
        assert float(cell.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 20
        notice = main(page).get_by_test_id("stAlert").locator("p").first
        assert float(notice.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 22
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"presentation_{width}x{height}.png"))
    finally:
        context.close()


def test_presentation_mode_shows_the_first_chart_whole_on_a_projector_of_1280_by_800(browser, app_url, seed_db,
                                                                                     codebook):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = goto(context.new_page(), app_url + "/usage?present=1&gender=female&by=age_group")
    try:
        chart = main(page).get_by_test_id("stVegaLiteChart").first
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box["y"] + box["height"] <= 800, box  # no scrolling to see the first chart's axis
        view = View(filters=FEMALE)
        expect(main(page).get_by_text(selection_caption(view, codebook, seed_db), exact=False).first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "presentation_1280x800.png"))
    finally:
        context.close()


AXIS_LABELS = """e => [...e.querySelectorAll('svg .role-axis-label text')].map(t => {
    const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.right, b.top, b.bottom];
})"""


@pytest.mark.parametrize("path", ["/challenges", "/method"])
def test_a_phone_shows_whole_labels_apart_and_the_downloads_in_a_few_rows(browser, app_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = goto(context.new_page(), app_url + path)
    try:
        chart = main(page).get_by_test_id("stVegaLiteChart").first
        expect(chart).to_be_visible()
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
        svg = chart.locator("svg").first.bounding_box()
        labels = chart.evaluate(AXIS_LABELS)
        assert labels and all("…" not in text for text, *_ in labels)  # no answer cut
        ticks = sorted((left, right) for text, left, right, top, bottom in labels if text.isdigit())
        assert all(a[1] <= b[0] for a, b in zip(ticks, ticks[1:])), ticks  # no "90100"
        title = chart.locator("svg .role-title-text").first.bounding_box()
        assert title["y"] >= svg["y"] - 1 and title["x"] + title["width"] <= svg["x"] + svg["width"] + 1
        buttons = main(page).get_by_test_id("stDownloadButton")
        rows = {round(buttons.nth(i).bounding_box()["y"]) for i in range(5)}
        assert len(rows) <= 3 and all(buttons.nth(i).bounding_box()["width"] < 390 / 2 for i in range(5))
        page.screenshot(path=str(ARTIFACTS / f"phone_{path.strip('/')}.png"), full_page=True)
    finally:
        context.close()


def test_presentation_mode_hides_the_sidebar_and_the_downloads_until_left(open_page):
    page = open_page("/usage?present=1")
    leave = main(page).get_by_role("button", name=re.compile(re.escape(t("leave_presentation"))))

    expect(leave).to_be_visible()
    expect(sidebar(page)).to_be_hidden()
    expect(main(page).get_by_test_id("stDownloadButton")).to_have_count(0)
    screenshot(page, "usage_presentation")

    leave.click()
    expect(leave).to_have_count(0)
    wait_ready(page)
    expect(sidebar(page)).to_be_visible()
    expect(download_buttons(page, t("download_csv"))).to_have_count(2)


# --- waves that asked less (tests/test_waves_app.py makes the database)

@pytest.fixture(scope="module")
def waves_db(tmp_path_factory):
    """Wave 2010 and a wave 2011 of 30 respondents that did not ask challenges and did not offer Blogs, MySpace,
    Flickr, Nettby and Other of the private channels: enough of them for charts by wave."""
    from tests.test_waves_app import make_two_waves

    return make_two_waves(tmp_path_factory.mktemp("waves"), copies=3)


@pytest.fixture(scope="module")
def waves_url(waves_db):
    with streamlit_server(waves_db) as url:
        yield url


def test_a_question_the_wave_did_not_ask_is_a_sentence_not_a_chart(page, waves_url, waves_db, codebook):
    goto(page, waves_url + "/challenges?wave=2011")
    view = View(filters=Filters({"wave": ("2011",)}))

    expect(title(page, t("challenges"))).to_be_visible()
    expect(main(page).get_by_text(t("not_asked_anywhere", waves="2011"), exact=True)).to_be_visible()
    expect(main(page).get_by_test_id("stVegaLiteChart")).to_have_count(0)
    assert shares("challenges", view, codebook, db=waves_db).empty_text() == t("not_asked_anywhere", waves="2011")
    screenshot(page, "challenges_wave_2011_not_asked_nb")


def test_compare_by_wave_says_which_options_a_wave_did_not_offer(page, waves_url, waves_db, codebook):
    goto(page, waves_url + "/channels?by=wave")
    expected = shares("private_channels", View(by="wave"), codebook, db=waves_db)

    assert not expected.empty and "Blogger, MySpace, Flickr, Nettby, Andre: ikke spurt i 2011." in expected.caption()
    expect(chart_caption(page)).to_have_text(expected.caption())
    legend = main(page).get_by_test_id("stVegaLiteChart").first
    expect(legend).to_contain_text(f"{t('wave')} 2011")
    screenshot(page, "channels_by_wave_not_offered_nb")


# --- the admin page: a raw export of a rerun uploaded, checked and published, as a consultant would

@pytest.fixture
def admin_url(tmp_path):
    from survey.ingest.imports import build

    db = build(ROOT / "data" / "responses.csv", tmp_path / "survey.duckdb").path
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('admin_passphrase = "hemmelig"\n', encoding="utf-8")
    with streamlit_server(db, secrets) as url:
        yield url, db


def upload(page, index: int, path) -> None:
    """Give the index-th file uploader of the page a file, as a person choosing it would."""
    main(page).locator("input[type=file]").nth(index).set_input_files(str(path))
    wait_ready(page)


def test_the_admin_page_reports_in_its_language_and_publishes_a_rerun(page, admin_url, tmp_path, codebook):
    from tests.tool_exports import qualtrics_grid, rerun_answers, source_rows, write_csv

    url, db = admin_url
    goto(page, url + "/admin?lang=en")
    main(page).get_by_label(t("admin_passphrase", "en")).fill("hemmelig")
    page.keyboard.press("Enter")
    wait_ready(page)
    grid = qualtrics_grid(rerun_answers(source_rows()))
    grid[4][grid[0].index("Q1")] = "Dame"
    upload(page, 0, write_csv(tmp_path / "rerun_bad.csv", grid))
    upload(page, 1, ROOT / "data" / "mapping.example.yaml")
    main(page).get_by_label(t("admin_wave", "en")).fill("2011")
    page.keyboard.press("Enter")
    wait_ready(page)
    expect(main(page).get_by_text(t("admin_invalid", "en"))).to_be_visible()
    expect(main(page).get_by_text("row 5, column Q1: unknown option: 'Dame'", exact=False)).to_be_visible()
    expect(main(page).get_by_text("rerun_bad.csv was not loaded: 1 problem found", exact=False)).to_be_visible()
    screenshot(page, "admin_report_en")

    sidebar(page).get_by_text("Norsk", exact=True).click()
    wait_ready(page)
    expect(main(page).get_by_text("rad 5, kolonne Q1: ukjent svaralternativ: 'Dame'", exact=False)).to_be_visible()
    expect(main(page).get_by_text("rerun_bad.csv ble ikke lastet inn", exact=False)).to_be_visible()
    screenshot(page, "admin_report_nb")

    upload(page, 0, write_csv(tmp_path / "rerun.csv", qualtrics_grid(rerun_answers(source_rows()))))
    expect(main(page).get_by_text("- industry: ikke spurt om i denne bølgen", exact=False)).to_be_visible()
    main(page).get_by_role("button", name=t("admin_publish")).click()
    wait_ready(page)
    expect(main(page).get_by_text("bølge 2011, 200 respondenter", exact=False).first).to_be_visible()
    screenshot(page, "admin_published_nb")

    goto(page, url + "/challenges?wave=2011&lang=en")
    expect(main(page).get_by_text(t("not_asked_anywhere", "en", waves="2011"), exact=True)).to_be_visible()
    goto(page, url + "/channels?by=wave&lang=en")
    view = View(lang="en", by="wave")
    expect(chart_caption(page)).to_have_text(shares("private_channels", view, codebook, db=db).caption())
    screenshot(page, "channels_by_wave_after_import_en")


def test_the_admin_page_and_the_command_line_publishing_at_once_keep_both_waves(page, admin_url, tmp_path):
    """A writer holds the database (versions.writer) while the admin page publishes wave 2011 and the command
    line wave 2012: the page says it waits, and once the holder lets go both publish, each on the other."""
    from survey.ingest import versions
    from survey.texts.problems import waiting_text
    from tests.test_writers import finished, hold, start, wave_file, waves

    url, db = admin_url
    goto(page, url + "/admin?lang=en")
    main(page).get_by_label(t("admin_passphrase", "en")).fill("hemmelig")
    page.keyboard.press("Enter")
    wait_ready(page)
    upload(page, 0, wave_file(tmp_path / "w2011.csv", "2011", 200))
    holder = hold(db, 4)
    main(page).get_by_role("button", name=t("admin_publish", "en")).click()
    importing = start("import", wave_file(tmp_path / "w2012.csv", "2012", 150), "--db", db)
    said = waiting_text(holder.pid, "en")
    expect(main(page).get_by_text(said[:1].upper() + said[1:], exact=True)).to_be_visible()
    screenshot(page, "admin_waiting_en")
    wait_ready(page)
    expect(main(page).get_by_text("wave 2011, 200 respondents", exact=False).first).to_be_visible()
    finished(importing)
    holder.wait(timeout=10)
    assert waves(db) == {"2010": 847, "2011": 200, "2012": 150}
    assert not (versions.folder(db) / versions.LOCK).read_text(), "the holder's process id goes with the lock"


# --- the page's language everywhere, and links the app cannot follow

ENGLISH_ONLY = ("Select all", "Choose an option", "Page not found", "No results")


def test_an_unknown_page_says_so_in_the_pages_language(open_page):
    page = open_page("/no-such-page?lang=en")
    expect(title(page, t("page_not_found_title", "en"))).to_be_visible()
    expect(main(page).get_by_text("/no-such-page")).to_be_visible()
    main(page).get_by_role("link", name=t("channels", "en")).click()
    expect(title(page, t("channels", "en"))).to_be_visible()


# Markdown behind two carriage returns, then every character that is not seen: C0 controls, DEL, C1 controls,
# line and paragraph separators, the marks that reorder text.
UNSEEN = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x202E, 0x200B, 0xFEFF]))
PHISHING = ("\r\r**Logg inn på nytt** [Sign in again](https://evil.example/login) "
            "![](https://evil.example/beacon.png)\r\n# Heading " + UNSEEN.replace("\x00", "") + " end")


@pytest.mark.parametrize("where", ["filter value", "url key", "client link", "page path"])
def test_a_value_from_the_address_is_shown_as_text_whatever_it_holds(open_page, where):
    """Markdown smuggled into an address (a filter value, an unknown key, the share link's client, an unknown
    page) is shown as the characters it is: no link, image, bold or heading reaches the page, and every
    character that is not seen is written out (\\r, \\u0007)."""
    # a page's path that holds a slash, a dot (the server takes it for a file), a colon or a line feed does not
    # reach the app (400 or 404), nor one with tabs and form feeds (the overview is shown): those are left out
    quoted = urllib.parse.quote(PHISHING if where != "page path" else
                                "x" + re.sub("[/.:\n\t\x0b\x0c]", "", PHISHING), safe="")
    path = {"filter value": f"/usage?gender={quoted}", "url key": f"/usage?{quoted}=1",
            "client link": f"/benchmark?client={quoted}", "page path": f"/{quoted}"}[where]
    page = open_page(path)
    shown = main(page).get_by_test_id("stMarkdownContainer").filter(has_text="Sign in again")
    expect(shown).to_have_count(1)
    assert shown.locator("a, img, strong, em, h1, h2, h3, hr, blockquote").count() == 0
    code = shown.locator("code").filter(has_text="Sign in again")
    expect(code).to_have_count(1)
    text = code.inner_text()
    assert text.removeprefix("/x").startswith("\\r\\r**Logg inn på nytt** [Sign in again](https")
    assert not any(ch in text for ch in UNSEEN), "every character that is not seen is written out"
    assert "\\u0007" in text or text.endswith("…"), text


def test_a_link_longer_than_streamlit_reads_gets_a_notice_until_the_view_changes(open_page, codebook):
    page = open_page("/usage?" + "&".join(["gender=female"] * 1100))
    notice = main(page).get_by_text(t("link_too_long", fields=1100, most=1000))
    expect(notice).to_be_visible()
    choose(page, codebook["gender"].title["nb"], option_label(codebook, "gender", "female", "nb"))
    wait_ready(page)
    expect(notice).to_have_count(0)


def test_a_link_within_the_limit_is_read_without_a_notice(open_page, seed_db, codebook):
    page = open_page("/usage?" + "&".join(["gender=female"] * 999))
    expect(main(page).get_by_text(selection_caption(View(filters=FEMALE), codebook, seed_db)).first).to_be_visible()
    expect(main(page).get_by_test_id("stAlert").filter(has_text="1\u00a0000")).to_have_count(0)


def test_the_norwegian_filters_say_nothing_in_english(open_page, codebook):
    page = open_page("/usage")
    sidebar(page).get_by_role("combobox", name=codebook["industry"].title["nb"], exact=True).click()
    expect(page.get_by_role("option").first).to_be_visible()
    text = page.inner_text("body")
    assert not [word for word in ENGLISH_ONLY if word in text]
    page.wait_for_function("document.documentElement.lang === 'nb'")


# Every text and label of the page, as a screen reader or a sighted person meets them.
PAGE_TEXTS = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) out.push(walker.currentNode.data.trim());
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
        for (const name of ["aria-label", "title", "placeholder"]) out.push(element.getAttribute(name) || "");
    }
    return out.filter(Boolean);
}"""
STREAMLIT_WHOLE = {*STREAMLIT_TEXTS["nb"]["texts"], *STREAMLIT_TEXTS["nb"]["labels"], "Choose an option",
                   "Select all"}
STREAMLIT_PARTS = ("per file", "requested", "Running the app", "options available")


def english_left(page) -> list[str]:
    """Streamlit's own English texts and labels on the page, once the page's script has put its own in."""
    page.wait_for_function("() => !!window.surveyTextsWatch")
    page.wait_for_timeout(300)
    return sorted({text for text in page.evaluate(PAGE_TEXTS)
                   if text in STREAMLIT_WHOLE or text.startswith("Remove ")
                   or any(part in text for part in STREAMLIT_PARTS)})


def test_streamlits_menu_sidebar_and_heading_links_are_norwegian_on_a_norwegian_page(open_page):
    page = open_page("/method")
    main(page).get_by_role("heading", level=1).hover()  # its link to the heading
    page.get_by_test_id("stSidebar").hover()  # the button that folds the sidebar away
    page.get_by_test_id("stMainMenu").click()
    expect(page.get_by_text(STREAMLIT_TEXTS["nb"]["texts"]["Print"], exact=True)).to_be_visible()
    assert english_left(page) == []
    page.keyboard.press("Escape")


@pytest.mark.parametrize("path", ["/", "/explore", "/benchmark", "/method"])
def test_streamlits_own_texts_are_norwegian_on_a_norwegian_page(open_page, path):
    page = open_page(path)
    if path != "/benchmark":
        main(page).get_by_test_id("stVegaLiteChart").first.hover()  # the chart's toolbar
        page.wait_for_timeout(500)
    assert english_left(page) == []
    if path == "/explore":  # the question's search
        main(page).get_by_role("combobox", name=t("explore_question"), exact=True).click()
        page.keyboard.type("zzzq")
        expect(page.get_by_text(STREAMLIT_TEXTS["nb"]["texts"]["No results"], exact=True)).to_be_visible()
        assert english_left(page) == []
        page.keyboard.press("Escape")


def test_the_uploader_speaks_the_pages_language_both_ways(open_page):
    page = open_page("/benchmark")
    uploader = main(page).get_by_test_id("stFileUploaderDropzone").first
    expect(uploader.get_by_test_id("stBaseButton-secondary")).to_contain_text("Last opp")
    expect(uploader).to_contain_text("5 MB per fil")
    sidebar(page).get_by_text("English", exact=True).click()
    wait_ready(page)
    expect(uploader.get_by_test_id("stBaseButton-secondary")).to_contain_text("Upload")
    expect(uploader).to_contain_text("5 MB per file")  # the size, drawn in Norwegian, written back
    assert page.get_by_test_id("stSkipToContent").inner_text() == "Skip to main content"


def test_the_first_request_of_a_fresh_server_to_an_unknown_page_says_nothing_in_english(page, fresh_app_url):
    """Streamlit's own notice comes on a fresh server's first request, before the app has named its pages."""
    goto(page, fresh_app_url + "/no-such-page")
    notice = page.get_by_role("dialog")
    expect(notice).to_contain_text(STREAMLIT_TEXTS["nb"]["texts"]["Page not found"])
    expect(notice).to_contain_text("Siden finnes ikke")
    assert english_left(page) == []


# --- the Explore page's banner table, and filters on answers

def test_a_banner_table_with_column_letters_reads_as_the_core_makes_it(open_page, seed_db, codebook):
    view = View(lang="en", banner=("gender", "age_group"), cells=("pct", "n", "letters"))
    page = open_page("/explore?lang=en&question=private_channels&banner=gender&banner=age_group"
                     "&cells=pct&cells=n&cells=letters")
    (made,) = banner.tables(["private_channels"], view.banner, view, codebook, letters=True, db=seed_db)
    table = main(page).locator("table.banner-table")
    expect(table).to_have_count(1)
    heads = table.locator("thead tr").nth(1).locator("th")
    expect(heads).to_have_text([c.title for c in made.columns])
    expect(table.locator("thead th.dim")).to_have_text(["Total", codebook["gender"].title["en"],
                                                        codebook["age_group"].title["en"]])
    lettered = made.frame[made.frame["letters"] != ""].iloc[0]
    row = table.locator("tbody tr").filter(has=page.locator("th.answer", has_text=lettered.option_label))
    expect(row.locator("th.answer")).to_have_text(lettered.option_label)
    expect(main(page).get_by_text(t("banner_letters_note", "en", level=95))).to_be_visible()
    wrap = main(page).locator(".banner-wrap")
    label = table.locator("tbody th.answer").first
    before = label.bounding_box()["x"]
    wrap.evaluate("e => e.scrollLeft = e.scrollWidth")
    assert abs(label.bounding_box()["x"] - before) < 1  # the answers stay in view when the table scrolls
    screenshot(page, "explore_banner_letters")


def test_the_table_set_and_its_workbook(open_page, seed_db, codebook):
    from openpyxl import load_workbook

    page = open_page("/explore?tables=all&banner=role")
    expect(main(page).locator("table.banner-table")).to_have_count(len(codebook.questions))
    with page.expect_download() as download:
        download_buttons(page, t("download_table_set")).click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    titles = banner.sheet_names([q.title["nb"] for q in codebook.questions], taken=["Innhold", "Utvalg"])
    assert book.sheetnames == ["Innhold", *titles, "Utvalg"]
    assert download.value.suggested_filename.startswith("explore_table_set_banner-role_all_")


def test_a_filter_on_an_answer_set_in_the_sidebar(open_page, seed_db, codebook):
    page = open_page("/usage")
    sidebar(page).get_by_text(t("answers"), exact=True).click()
    # the lists on answers are drawn by the run the unfolding starts: choose once that run has ended
    sidebar(page).get_by_role("combobox", name=codebook["company_use"].title["nb"], exact=True).wait_for()
    wait_ready(page)
    choose(page, codebook["company_use"].title["nb"], codebook["company_use"].option("yes").label["nb"])
    view = View(filters=Filters({"company_use": ("yes",)}))
    expect(main(page).get_by_text(selection_caption(view, codebook, seed_db), exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]company_use=yes(&|$)"))
    wait_ready(page)
    expect(chart_caption(page, 1)).to_have_text(shares("company_use", view, codebook, db=seed_db).caption())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_banner_table_passes_axe(open_page, lang):
    page = open_page(f"/explore?lang={lang}&question=company_use&banner=gender&banner=age_group&cells=pct"
                     "&cells=ci&cells=letters&industry=ict")
    assert serious_violations(page) == []


# --- accessibility: axe-core in Chromium, no violation of impact serious or critical

def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in found
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_passes_axe_with_filters_and_compare_by(open_page, path, lang):
    page = open_page(f"/{path}?lang={lang}&gender=female&by=age_group")
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")
    assert serious_violations(page) == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_presentation_mode_passes_axe(open_page, lang):
    page = open_page(f"/explore?lang={lang}&present=1&by=region&question=challenges")
    assert serious_violations(page) == []


def test_charts_and_the_table_are_readable_at_200_percent_zoom(browser, app_url):
    """200 % zoom of a 1280 px window: 640 CSS pixels at twice the pixel density. Nothing is wider than the
    window, so nothing needs a sideways scroll."""
    context = browser.new_context(viewport={"width": 640, "height": 900}, device_scale_factor=2)
    page = goto(context.new_page(), app_url + "/explore?by=age_group&question=company_use")
    try:
        chart = main(page).get_by_test_id("stVegaLiteChart").first
        expect(chart).to_be_visible()
        table = main(page).locator(".banner-wrap").first
        expect(table).to_be_visible()
        for box in (chart.bounding_box(), table.bounding_box()):
            assert box["x"] >= 0 and box["x"] + box["width"] <= 640 + 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 640
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "explore_zoom_200.png"), full_page=True)
    finally:
        context.close()
