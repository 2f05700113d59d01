"""The real app in a real browser: Playwright drives Debian's Chromium against `streamlit run`.

Screenshots are saved in tests/artifacts/. Without Chromium the tests are skipped on a developer's machine
and fail in CI (where the CI variable is set), since CI installs Chromium.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from survey import codebook as cb
from survey.filters import Filters
from survey.headlines import headlines
from survey.i18n import format_pct, t
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def require_chromium():
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium is missing at {CHROMIUM}; CI must install Debian's chromium package")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url}")


@pytest.fixture(scope="module")
def app_url(seed_db):
    port = free_port()
    env = {**os.environ, "SURVEY_DB": str(seed_db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


def test_overview_in_the_browser_shows_the_databases_headlines(page, app_url, seed_db):
    page.goto(app_url)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview_nb.png"), full_page=True)

    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    shown = dict(zip((label.strip() for label in labels), (v.strip() for v in values)))
    expected = {t(h.key): format_pct(h.pct) for h in headlines(cb.load(), Filters(), seed_db)}
    assert shown == expected
    assert page.get_by_text(t("reconstruction_notice")).is_visible()
    assert page.get_by_text("307 av 847").is_visible()
    assert "Traceback" not in page.content()
