"""The HTML report in a real browser: Debian's headless Chromium, every outside host blocked.

Each page of the report (bundled corpus plus tests/hostile) is opened from disk. The test
checks that every chart image decoded, that no request went anywhere but the file itself and
its embedded data, and that none of the hostile article's scripts or handlers ran (they would
set ``window.pwned`` or open a dialog). Full-page screenshots go to build/screenshots/.
"""

from __future__ import annotations

import pytest

from toolkit.show.report import find_notebooks

PAGES = ["index", *(p.stem for p in find_notebooks())]


def open_offline(browser, url: str):
    """A page at ``url`` where any request other than file: and data: is recorded and aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    outside: list[str] = []
    dialogs: list[str] = []

    def route(r):  # noqa: ANN001 - Playwright Route
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="load", timeout=30_000)
    return context, page, outside, dialogs


@pytest.mark.parametrize("name", PAGES)
def test_report_page_renders_offline_with_its_charts_and_runs_no_hostile_script(
        browser, hostile_report, screenshots_dir, name):
    path = hostile_report.index.parent / f"{name}.html"
    context, page, outside, dialogs = open_offline(browser, path.as_uri())
    try:
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => ({ok: e.complete && e.naturalWidth > 0, w: e.naturalWidth}))")
        if name != "index":
            assert len(images) >= 2 and all(img["ok"] for img in images), images
        # chart images are drawn at a readable size, not squashed into a thumbnail
        assert all(img["w"] >= 600 for img in images), images
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert dialogs == []
        assert outside == [], f"requests left the machine: {outside}"
        if name == "3-sequence-of-announcements":
            # the hostile clause is on the page, as visible text
            assert "<script>window.pwned" in page.inner_text("body")
        page.screenshot(path=str(screenshots_dir / f"report-{name}.png"), full_page=True)
    finally:
        context.close()


def test_report_links_from_the_index_open_each_page(browser, hostile_report):
    context, page, outside, _ = open_offline(browser, hostile_report.index.as_uri())
    try:
        hrefs = page.eval_on_selector_all("table a[href$='.html']", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs == [f"{p.page.name}" for p in hostile_report.pages]
        page.click(f"text={hostile_report.pages[1].title}")
        page.wait_for_load_state("load")
        assert page.url.endswith(hostile_report.pages[1].page.name)
        assert page.title() == hostile_report.pages[1].title
        assert outside == []
    finally:
        context.close()
