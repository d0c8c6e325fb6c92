"""End to end in a real browser: Debian's headless Chromium, driven by Playwright.

The site is served over HTTP on 127.0.0.1 (as GitHub Pages serves it) and opened from
``file://`` too. The test fails, never skips, when Chromium or Playwright is missing: the
test command installs Chromium with ``apt-get install -y chromium``.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.site.site_helpers import NOW, REPO
from weibo_lint.config import load_config
from weibo_lint.site.cardtext import segments

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
POST = "post/2026-11/2026-11-23-evening-rainy-day.html"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the base class's name
        pass


@pytest.fixture
def server(built_site):
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium with "
                    "`apt-get update && apt-get install -y chromium` (the test command does this)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def _expected_card_text() -> str:
    from weibo_lint.check import run_check

    report = run_check(load_config(REPO / "weibo.yaml"), now=NOW, use_cache=False)
    text = report.results["posts/2026-11/2026-11-23-evening-rainy-day.md"].summary.text
    return "".join(piece.text for piece in segments(text))


def test_index_and_post_page_in_headless_chromium(browser, server, built_site, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    page.on("request", lambda request: requests.append(request.url))

    page.goto(f"{server}/index.html")
    assert page.title() == "Calendar · 小熊咖啡 content plan"
    assert page.locator(".cal").count() == 2  # one calendar per account
    page.screenshot(path=str(tmp_path / "index.png"), full_page=True)

    page.locator(f'a.entry[href$="{POST.split("/")[-1]}"]').first.click()  # a relative link, followed
    page.wait_for_load_state("load")
    assert page.url == f"{server}/{POST}"
    card = page.locator(".wb-card")
    assert card.locator(".wb-name").inner_text() == "小熊咖啡老板"
    assert card.locator(".wb-text").inner_text() == _expected_card_text()
    assert card.locator(".wb-topic").all_inner_texts() == ["#晚安一问#", "#雨天#"]
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert page.evaluate("document.images.length") == 2
    colour = page.evaluate("getComputedStyle(document.querySelector('.wb-topic')).color")
    assert colour == "rgb(235, 115, 80)"  # the stylesheet loaded: topics in Weibo's colour
    shot = tmp_path / "post.png"
    card.screenshot(path=str(shot))
    assert shot.stat().st_size > 5000

    assert errors == []
    assert all(url.startswith(server) for url in requests), [u for u in requests if not u.startswith(server)]


def test_the_site_works_from_file_urls(browser, built_site):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    page.goto((built_site / "metrics.html").as_uri())
    assert page.locator("svg.chart").count() == 2
    page.locator("a", has_text="第一杯咖啡").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/post/2026-11/2026-11-20-evening-first-cup.html")
    assert page.locator(".wb-actions").inner_text().split() == ["转发", "15", "评论", "41", "赞", "120"]
    assert errors == []


PHONE = {"width": 390, "height": 844}  # an iPhone 12-15 screen in CSS pixels


def test_every_page_fits_a_phone(browser, server, built_site, tmp_path):
    """At 390 px: no page is wider than the screen; the calendar is a list of days (each
    entry the screen's width, readable type), the card takes the width, tables scroll inside
    themselves rather than pushing the page sideways."""
    page = browser.new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    pages = ["index.html", POST, "metrics.html"] + \
        [p.relative_to(built_site).as_posix() for p in sorted((built_site / "column").glob("*.html"))[:2]]
    assert len(pages) == 5
    for name in pages:
        page.goto(f"{server}/{name}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a 390px screen"
        too_small = page.evaluate("""[...document.querySelectorAll('main *')]
            .filter(e => e.offsetParent !== null && e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(e => parseFloat(getComputedStyle(e).fontSize) < 10).length""")
        assert too_small == 0, f"{name}: text smaller than 10px"
        page.screenshot(path=str(tmp_path / (name.replace("/", "_") + ".png")), full_page=True)
    page.goto(f"{server}/index.html")
    entries = page.locator("a.entry")
    assert entries.count() > 3
    widths = page.evaluate("[...document.querySelectorAll('a.entry')].map(e => e.getBoundingClientRect().width)")
    assert min(widths) >= 300, widths  # a day's posts span the screen, not a seventh of it
    first_day = page.locator(".cal .date").first
    assert first_day.is_visible() and first_day.inner_text()[-3:] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # the weekday stays
    page.goto(f"{server}/{POST}")
    card = page.evaluate("document.querySelector('.wb-card').getBoundingClientRect().width")
    assert card >= 360
    assert float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('.wb-text')).fontSize)")) >= 14


def test_the_desktop_calendar_keeps_its_week_grid(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/index.html")
    assert page.locator(".cal thead").first.is_visible()
    widths = page.evaluate("[...document.querySelectorAll('.cal td.day')].map(e => e.getBoundingClientRect().width)")
    assert max(widths) < 200  # seven days a row
