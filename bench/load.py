"""Many users at once: a real `streamlit run` server on one database, and simultaneous browser sessions
(Playwright contexts in Debian's Chromium) that keep opening pages with other filters for a while. Counts
the page loads and the errors, and adds them to bench/results.json.

    python bench/load.py --respondents 1000000 --sessions 20 --seconds 60

(AppTest cannot stand in for sessions here: its instances share one global runtime and break each other
when they run in threads at the same time.)
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import write_report  # noqa: E402
from bench.run import WORK, percentile  # noqa: E402
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

PAGES = ("usage", "channels", "guidelines", "challenges", "explore", "")
CHOICES = {"gender": ("female", "male"), "role": ("leader", "manager", "specialist"),
           "company_size": ("1_4", "10_19", "50_99"), "region": ("oslo_akershus", "vestlandet"),
           "by": ("none", "gender", "age_group")}
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def random_url(base: str, rng: random.Random) -> str:
    params = [(key, value) for key, values in CHOICES.items() if rng.random() < 0.4
              for value in rng.sample(values, 1)]
    return f"{base}/{rng.choice(PAGES)}?{urlencode(params)}"


async def session(browser, base: str, number: int, until: float, times: list, errors: list) -> None:
    rng = random.Random(number)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            await page.goto(random_url(base, rng))
            await page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
            await page.locator(READY).wait_for(timeout=60_000)
            if await page.get_by_test_id("stException").count() or \
                    await page.get_by_text("This app has encountered an error").count():
                errors.append(page.url)
        except Exception as err:  # a page that does not load is what this test counts
            errors.append(f"{type(err).__name__}: {err}"[:200])
        times.append(time.perf_counter() - started)
    await context.close()


async def drive(base: str, sessions: int, seconds: float) -> tuple[list, list]:
    from playwright.async_api import async_playwright

    times, errors = [], []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        until = time.perf_counter() + seconds
        await asyncio.gather(*(session(browser, base, i, until, times, errors) for i in range(sessions)))
        await browser.close()
    return times, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    from survey.synth import synthesize

    db = WORK / f"survey_{args.respondents}.duckdb"
    if not db.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        synthesize(args.respondents, db)
    with streamlit_server(db) as base:
        times, errors = asyncio.run(drive(base, args.sessions, args.seconds))
    ms = [1000 * s for s in times]
    load = {"sessions": args.sessions, "seconds": args.seconds, "respondents": args.respondents,
            "page_loads": len(ms), "errors": len(errors), "first_errors": errors[:5],
            "p50_ms": round(percentile(ms, 0.5), 1), "p95_ms": round(percentile(ms, 0.95), 1)}
    print(json.dumps(load, indent=2))
    results_path = ROOT / "bench" / "results.json"
    results = json.loads(results_path.read_text(encoding="utf-8"))
    results["load"] = load
    results_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_report(results, ROOT / "bench" / "RESULTS.md")


if __name__ == "__main__":
    main()
