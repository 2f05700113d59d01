"""make bench, in the browser: how long a person waits in Chromium, at the seed's size and at a million respondents.

- A page load: a new tab opens the page's address, until the script has run and every chart has its marks
  (the time since the navigation started, read in the page). First visit: a browser profile of its own each
  time, nothing cached. Returning: a tab of a profile that has loaded the app before (Streamlit's scripts, fonts
  and their compiled code cached), as a second tab or a link opened again.
- A click: in a tab with the page drawn, a control is changed (the level, a filter, the compare-by; each back and
  forth), from the click to the last chart redrawn: the last change inside a chart, seen by a MutationObserver
  (performance.now in the page), once the script has run and nothing has changed for a moment. A click after
  which no chart changed is an error, not a fast click.

- The floor: the same loads of a Streamlit page that holds only a title, and one that holds a title and one of
  the app's charts (bench/floor_app.py, on a server of its own over the same database): what no page of the app
  can beat. Its loads take turns with the pages', so a page and its floor are read in the same minutes.

Each size runs on a server of its own (`streamlit run deploy/asgi.py`, as every server runs the app; the seed's
database, or survey.demo.synth's at a million), with Debian's Chromium. The pages take turns, one load each a
round, so that the machine's drift over a run falls on every page alike. Results go to bench/results.json
("browser") and bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.load import server
from bench.run import WORK, percentile
from deploy import ENTRY
from survey.ingest import clients
from survey.model import codebook as cb
from survey.output import pages as app_pages
from survey.texts.i18n import t

ROOT = Path(__file__).resolve().parent.parent

CODEBOOK = cb.load()
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = tuple(page.key for page in app_pages.PAGES)
CLIENT = clients.from_choices("Bench AS", {"company_size": "20_49", "industry": "trade"},
                              {"guidelines": "yes", "challenges": ["lack_of_time"]}, CODEBOOK)
QUIET_MS = 600  # nothing changed in a chart for this long after the script ran: the last redraw is behind us

DRAWN = """() => !!document.querySelector('[data-testid="stMain"] h1') &&
    !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]') &&
    !document.querySelector('[data-testid="stSkeleton"]') &&
    Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stVegaLiteChart"]')).every(
        c => c.querySelector('svg [aria-label]')) ? performance.now() : false"""
WATCH = """() => {
    window.__chartChanged = 0;
    const main = document.querySelector('[data-testid="stMain"]');
    window.__watch?.disconnect();
    window.__watch = new MutationObserver(records => {
        if (records.some(r => (r.target.closest ? r.target : r.target.parentElement)
                ?.closest('[data-testid="stVegaLiteChart"]'))) window.__chartChanged = performance.now();
    });
    window.__watch.observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
    return performance.now();
}"""
SETTLED = f"""() => {{
    const ran = !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
    return ran && window.__chartChanged > 0 && performance.now() - window.__chartChanged > {QUIET_MS}
        ? window.__chartChanged : false;
}}"""


FLOOR = {"title only": "/", "title and one chart": "/?chart=1"}


def address(page: str) -> str:
    path = "/" if page == "overview" else f"/{page}"
    if page != "benchmark":
        return path
    return path + "?" + "&".join(f"{k}={v}" for k, values in clients.to_link(CLIENT).items() for v in values)


def page_loads(browser, addresses: dict[str, str], runs: int, returning: bool = False) -> dict:
    """Each address (by name) opened `runs` times in a new tab: milliseconds from navigation to every chart
    drawn. A first visit (a new browser profile each time), or `returning` (tabs of one profile). The addresses
    take turns, one load each a round, so that the machine's drift over the minutes of a run falls on every
    page, and on the floor, alike; the first round warms the servers' caches of each page and is not counted."""
    seconds: dict[str, list[float]] = {name: [] for name in addresses}
    kept = browser.new_context(viewport={"width": 1400, "height": 1600})
    for _ in range(runs + 1):
        for name, url in addresses.items():
            context = kept if returning else browser.new_context(viewport={"width": 1400, "height": 1600})
            tab = context.new_page()
            tab.goto(url, wait_until="commit")
            seconds[name].append(tab.wait_for_function(DRAWN, polling="raf", timeout=120_000).json_value() / 1000)
            tab.close()
            if not returning:
                context.close()
    kept.close()
    out = {name: summary(loads[1:]) for name, loads in seconds.items()}
    for name, result in out.items():
        print(f"  load {'returning ' if returning else ''}{name:<26} p50 {result['p50_ms']:7.0f} ms  "
              f"p95 {result['p95_ms']:7.0f} ms", flush=True)
    return out


def level(tab, value: int) -> None:
    tab.get_by_test_id("stSidebar").get_by_test_id("stRadio").get_by_text(f"{value}\u00a0%", exact=True).click()


def choose(tab, name: str, option: str) -> None:
    tab.get_by_test_id("stSidebar").get_by_role("combobox", name=name, exact=True).click()
    tab.get_by_role("option", name=option, exact=True).click()
    tab.keyboard.press("Escape")


def reset(tab) -> None:
    tab.get_by_test_id("stSidebar").get_by_role("button", name=t("reset")).click()


CHANGES = {  # a control, each way: (name, there, back)
    "level": (lambda tab: level(tab, 99), lambda tab: level(tab, 95)),
    "filter": (lambda tab: choose(tab, CODEBOOK["gender"].title["nb"], CODEBOOK["gender"].option("female").label["nb"]),
               reset),
    "compare_by": (lambda tab: choose(tab, t("compare_by"), CODEBOOK["gender"].title["nb"]),
                   lambda tab: choose(tab, t("compare_by"), t("compare_none"))),
}


# The changes made on each page: those that change its charts (the overview's small charts are of the whole
# selection, never split).
CLICKS = {"overview": ("level", "filter"), "usage": tuple(CHANGES), "channels": tuple(CHANGES),
          "explore": tuple(CHANGES)}


def clicks(browser, url: str, runs: int) -> dict:
    """Each change of CLICKS, `runs` times each way: milliseconds from the click to the last chart redrawn."""
    out = {}
    for page, names in CLICKS.items():
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        tab = context.new_page()
        tab.goto(url + address(page))
        tab.wait_for_function(DRAWN, polling="raf", timeout=120_000)
        for name in names:
            seconds, ways = [], CHANGES[name]
            for _ in range(runs):
                for act in ways:
                    clicked = tab.evaluate(WATCH)
                    act(tab)
                    drawn = tab.wait_for_function(SETTLED, polling="raf", timeout=60_000).json_value()
                    seconds.append((drawn - clicked) / 1000)
            out[f"{page}/{name}"] = summary(seconds)
            print(f"  click {page}/{name:<10} p50 {out[f'{page}/{name}']['p50_ms']:7.0f} ms  "
                  f"p95 {out[f'{page}/{name}']['p95_ms']:7.0f} ms", flush=True)
        context.close()
    return out


def summary(seconds: list[float]) -> dict:
    ms = [1000 * s for s in seconds]
    return {"p50_ms": round(statistics.median(ms)), "p95_ms": round(percentile(ms, 0.95)), "runs": len(ms)}


def database(n: int) -> Path:
    """The seed's database (847 respondents), or survey.demo.synth's of `n`, made once in WORK."""
    if n == 847:
        from survey.ingest.imports import build

        folder = Path(tempfile.mkdtemp(prefix="survey-bench-seed-"))
        return build(ROOT / "data" / "responses.csv", folder / "survey.duckdb").path
    from survey.demo.synth import synthesize

    db = WORK / f"survey_{n}.duckdb"
    if not db.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        synthesize(n, db)
    return db


@contextlib.contextmanager
def driven(db: Path, script: Path = ENTRY):
    """A `streamlit run` server of `script` over `db`, and Chromium; yields (browser, the server's address)."""
    from playwright.sync_api import sync_playwright

    with server(db, script=script) as (url, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser, url
        finally:
            browser.close()


def measure(n: int, runs: int, click_runs: int) -> dict:
    """The app's pages at `n` respondents, and the floor (bench/floor_app.py, a server of its own over the
    same database) taking turns with them, so each page is read beside a floor of the same minutes."""
    db = database(n)
    with driven(db) as (browser, url), server(db, script=ROOT / "bench" / "floor_app.py") as (floor_url, _):
        print(f"{n:,} respondents", flush=True)
        addresses = {page: url + address(page) for page in PAGES}
        floor = {name: floor_url + path for name, path in FLOOR.items()}
        loads = {key: page_loads(browser, {**addresses, **floor}, runs, returning=key == "returning")
                 for key in ("loads", "returning")}
        return {"respondents": n, **{key: {page: loads[key][page] for page in PAGES} for key in loads},
                "floor": {key: {name: loads[key][name] for name in FLOOR} for key in loads},
                "clicks": clicks(browser, url, click_runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="847,1000000", help="respondents: 847 is the seed's database")
    parser.add_argument("--runs", type=int, default=7, help="loads of each page")
    parser.add_argument("--click-runs", type=int, default=6, help="changes each way of each control")
    parser.add_argument("--no-write", action="store_true", help="print, do not write bench/results.json")
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        parser.error(f"Chromium is not at {CHROMIUM} (apt-get install chromium)")
    measured = [measure(int(n), args.runs, args.click_runs) for n in args.sizes.split(",")]
    if args.no_write:
        return
    from bench.report import write_report

    path = ROOT / "bench" / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    results["browser"] = {"measured": time.strftime("%Y-%m-%d"), "sizes": measured}
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_report(results, ROOT / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
