"""Live widgets in a real browser: the estimates explorer, served by Voilà and driven by chromium.

tests/test_widgets.py checks the Python side of the explorers: a changed control refilters the
claims, a chosen claim fills the source pane. What it cannot see is what a reader uses: that the
notebook runs under a kernel, that the ipywidgets front end draws the controls, and that a change
made in the page travels over the kernel's websocket, reruns the callback and comes back as a new
chart or a new source pane. This module checks that path end to end, on
notebooks/2-troop-and-casualty-estimates.ipynb and the bundled corpus it reads:

* the claims explorer renders with one PNG chart and a non-empty list of claims;
* choosing the category "casualties", then the party "South Korea" (which narrows the claimants
  to South Korea's), then the single claimant "NIS", redraws the chart each time (the chart <img>
  data changes, and still only one chart is shown) and refilters the list of claims;
* choosing a claim replaces the "Choose a claim" prompt with every sentence that carries it: as
  many quoted sentences as the pane's count says, each with its outlet and date.

The notebook is served the way an analyst opens it: ``toolkit explore data/articles`` runs as a
subprocess on a free port of 127.0.0.1 (it extracts the corpus once, then Voilà serves copies of
the explorer notebooks with the corpus's tables as their parameters); its output and Voilà's log
are build/voila-browser-test.log and build/voila-browser-test-voila.log, and their last lines are
added to any failure. Before the first test the fixture fetches the page once over plain HTTP
(Voilà sends it when every cell has run) and records how long that took: a fresh machine pays
one-time costs there, and a failure then says how long the first run took. Chromium is Debian's,
from the ``browser`` fixture in conftest.py. Every request the page makes to a host other than
127.0.0.1, HTTP or websocket, is refused and recorded, and the tests fail on any, as they do on
any error the page throws or logs to its console: the explorers
are served with the toolkit's ``offline`` Voilà template, which links nothing outside. Screenshots
of the explorer before and after each interaction go to build/screenshots, and a full-page one
when a step fails.
"""

from __future__ import annotations

import base64
import re
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
import urllib.request

import pytest

from browser_support import LOCAL_HOST, free_port, keep_local, listening, stop
from conftest import BUILD, REPO

# Playwright is imported where it is used: without it, the ``browser`` fixture skips the tests
# (or fails them under CI) instead of this module failing to import.
if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Locator, Page

NOTEBOOK = "2-troop-and-casualty-estimates.ipynb"
EXPLORE_LOG = BUILD / "voila-browser-test.log"
VOILA_LOG = BUILD / "voila-browser-test-voila.log"

SERVER_START_S = 300  # bound on `toolkit explore` listening: extraction, then Voilà (about 20 s in all)
WARM_UP_S = 600  # bound on the first page, fetched over HTTP (about 10 s on a quiet machine)
WAIT_MS = 60_000  # bound on any one wait in the page (the first render takes about 10 s)
LOAD_MS = 150_000  # bound on a page load, which runs the whole notebook (about 10 s once warm)
PROMPT = "Choose a claim to see every sentence that carries it."
SEPARATOR = " · "  # between date, party, claimant, number and articles in the labels of the list of claims


# -- the Voilà server ----------------------------------------------------------------------------

@dataclass
class VoilaServer:
    url: str  # the explorer's page
    log: Path
    warm_up_s: float | None = None  # how long the first page took over HTTP

    def log_tail(self, lines: int = 40) -> str:
        parts = [f"first page fetched in {self.warm_up_s:.1f} s"] if self.warm_up_s is not None else []
        for log in (self.log, VOILA_LOG):
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            parts.append(f"{log}:\n" + ("\n".join(text.splitlines()[-lines:]) or "(empty)"))
        return "\n".join(parts)


def _wait_until_listening(proc: subprocess.Popen, server: VoilaServer, port: int) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while not listening(LOCAL_HOST, port):
        if proc.poll() is not None:
            pytest.fail(f"toolkit explore exited with status {proc.returncode} before listening on port {port}; "
                        f"log {server.log}, last lines:\n{server.log_tail()}")
        if time.monotonic() > deadline:
            pytest.fail(f"toolkit explore did not listen on port {port} within {SERVER_START_S} s; "
                        f"log {server.log}, last lines:\n{server.log_tail()}")
        time.sleep(0.2)


def _warm_up(server: VoilaServer) -> None:
    """Fetch the page once (Voilà answers when every cell has run) and record how long it took."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(server.url, timeout=WARM_UP_S) as answer:
            page = answer.read().decode("utf-8", errors="replace")
    except OSError as exc:
        pytest.fail(f"the first page did not come within {WARM_UP_S} s: {exc}; log {server.log}, "
                    f"last lines:\n{server.log_tail()}")
    server.warm_up_s = time.monotonic() - started
    assert "widget-view+json" in page, f"the page holds no widget; log:\n{server.log_tail()}"


@pytest.fixture(scope="module")
def voila_server(browser: Browser) -> Iterator[VoilaServer]:
    """``toolkit explore data/articles`` on a free local port, warmed up, stopped whatever happens.

    It asks for ``browser`` first so that, without chromium, the tests skip before the server starts.
    """
    port = free_port()
    server = VoilaServer(url=f"http://{LOCAL_HOST}:{port}/voila/render/{NOTEBOOK}", log=EXPLORE_LOG)
    EXPLORE_LOG.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "toolkit", "explore", "data/articles", f"--port={port}", "--quiet",
               f"--log={VOILA_LOG}"]
    with EXPLORE_LOG.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(command, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_until_listening(proc, server, port)
        _warm_up(server)
        yield server
    finally:
        stop(proc, signal.SIGINT)  # Ctrl-C: the toolkit then stops Voilà and its kernels


# -- the page --------------------------------------------------------------------------------------

@dataclass
class Live:
    """One page load of the notebook: the page, the explorer in it, and what the page attempted."""

    page: Page
    server: VoilaServer
    screenshots: Path
    outside: list[str] = field(default_factory=list)  # outside requests attempted (all refused)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions and console errors in the page

    @property
    def explorer(self) -> Locator:
        # The explorer's outer VBox is the only box that holds the Output area of the chart.
        return self.page.locator(".widget-vbox").filter(has=self.page.locator(".widget-output"))

    def screenshot(self, name: str) -> None:
        self.explorer.screenshot(path=self.screenshots / f"{name}.png")

    @contextmanager
    def diagnosed(self, step: str) -> Iterator[None]:
        """Turn a failure into one message with what the page and Voilà saw, and a screenshot."""
        try:
            yield
        except Exception as exc:  # an AssertionError or a Playwright error (a timeout, usually)
            shot = self.screenshots / f"failure-{step}.png"
            try:
                self.page.screenshot(path=shot, full_page=True)
            except Exception:  # noqa: BLE001 - the page may be gone; the message matters more
                shot = None
            raise AssertionError(
                f"{step}: {exc}\n\nscreenshot: {shot}\noutside requests attempted: {self.outside}\n"
                f"page errors: {self.errors}\nlogs, last lines:\n{self.server.log_tail()}"
            ) from exc


def _open(browser: Browser, server: VoilaServer, screenshots: Path) -> tuple[BrowserContext, Live]:
    """A new browser context and page on the explorer, every outside request refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    live = Live(page=page, server=server, screenshots=screenshots)
    keep_local(page, live.outside)
    page.on("pageerror", lambda exc: live.errors.append(f"uncaught {exc}"))
    page.on("console", lambda message: live.errors.append(f"console: {message.text}") if message.type == "error" else None)
    return context, live


def _stuck_executing(live: Live) -> bool:
    """Whether the page still shows Voilà's "Executing N of M" spinner: the server never sent
    the rest of the page although the kernel ran the cells."""
    try:
        return bool(re.search(r"Executing \d+ of \d+", live.page.inner_text("body", timeout=5_000)))
    except Exception:  # noqa: BLE001 - the page may be gone
        return False


@pytest.fixture
def live(browser: Browser, voila_server: VoilaServer, screenshots_dir: Path) -> Iterator[Live]:
    """A fresh page (so a fresh kernel) of the notebook, once the explorer has drawn its chart.

    With ipykernel 7 a page now and then never finished: Voilà's spinner stayed on "Executing N
    of M" while the kernel sat idle (py-spy: the executor waiting for a reply the kernel had
    never read the request for; ipython/ipykernel#1554, the same hang struck `toolkit report`).
    The project now pins ipykernel below 7. Should such a stuck load still happen, it is retried
    once in a fresh context, with a warning in the test report; a second stuck load, or any
    other failure, fails the test.
    """
    context, live = _open(browser, voila_server, screenshots_dir)
    try:
        for attempt in (1, 2):
            try:
                with live.diagnosed("load"):
                    # Voilà sends the page once every cell has run: the corpus, four charts, the explorer
                    live.page.goto(voila_server.url, wait_until="domcontentloaded", timeout=LOAD_MS)
                    _chart_src(live)
                break
            except AssertionError:
                if attempt == 2 or not _stuck_executing(live):
                    raise
                warnings.warn(f"Voilà left the page at {_squash(live.page.inner_text('body'))!r}; "
                              "loading it again in a new context", stacklevel=1)
                context.close()
                context, live = _open(browser, voila_server, screenshots_dir)
        yield live
    finally:
        context.close()


# -- reading and driving the explorer ------------------------------------------------------------

def _control(live: Live, kind: str, description: str) -> Locator:
    """The <select> of the ipywidgets control of CSS class ``kind`` whose label is ``description``."""
    label = live.page.locator("label.widget-label").filter(has_text=re.compile(rf"^\s*{re.escape(description)}\s*$"))
    return live.explorer.locator(f".{kind}").filter(has=label).locator("select")


def _chart(live: Live) -> Locator:
    return live.explorer.locator(".widget-output img")


def _chart_src(live: Live) -> str:
    """The data URL of the one chart, once it is there; it must be a PNG image."""
    from playwright.sync_api import expect

    chart = _chart(live)
    expect(chart).to_have_count(1, timeout=WAIT_MS)  # redraws replace the chart, never stack
    expect(chart).to_have_attribute("src", re.compile(r"^data:image/png;base64,"), timeout=WAIT_MS)
    src = chart.get_attribute("src") or ""
    assert base64.b64decode(src.split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n"), "the chart is not a PNG"
    return src


def _new_chart_src(live: Live, before: str) -> str:
    from playwright.sync_api import expect

    expect(_chart(live)).not_to_have_attribute("src", before, timeout=WAIT_MS)
    return _chart_src(live)


def _claim_labels(live: Live) -> list[str]:
    # Option texts use no-break spaces; \s in JavaScript matches them.
    return _control(live, "widget-select", "claims").locator("option").evaluate_all(
        "options => options.map(o => o.textContent.replace(/\\s+/g, ' ').trim())")


def _claimants_listed(live: Live) -> set[str]:
    return {label.split(SEPARATOR)[2] for label in _claim_labels(live)}


def _parties_listed(live: Live) -> set[str]:
    return {label.split(SEPARATOR)[1] for label in _claim_labels(live)}


def _eventually(live: Live, check: Callable[[], bool], what: str) -> None:
    """Wait, at most WAIT_MS, until ``check()`` holds."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {WAIT_MS // 1000} s: {what}")
        live.page.wait_for_timeout(100)


def _source(live: Live) -> Locator:
    return live.explorer.locator(".widget-html .widget-html-content")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _assert_stayed_local(live: Live) -> None:
    """Nothing asked of another host, and no error in the page (thrown or logged to the console)."""
    assert not live.outside, f"the page tried to reach hosts other than {LOCAL_HOST}: {live.outside}"
    assert not live.errors, f"the page logged errors: {live.errors}"


# -- the tests -------------------------------------------------------------------------------------

def test_changing_the_controls_redraws_the_chart_and_refilters_the_claims(live: Live) -> None:
    from playwright.sync_api import expect

    with live.diagnosed("render"):
        category = _control(live, "widget-dropdown", "category")
        expect(category).to_have_value("deployed", timeout=WAIT_MS)
        deployed_chart, deployed_claims = _chart_src(live), _claim_labels(live)
        assert deployed_claims, "the explorer lists no deployed claims"
        live.screenshot("explorer-controls-before")

    with live.diagnosed("category"):
        category.select_option("casualties")
        casualty_chart = _new_chart_src(live, deployed_chart)
        _eventually(live, lambda: _claim_labels(live) not in ([], deployed_claims),
                    "the list of claims shows casualty claims instead of deployed ones")

    with live.diagnosed("parties"):
        _control(live, "widget-select-multiple", "parties").select_option(["South Korea"])
        party_chart = _new_chart_src(live, casualty_chart)
        _eventually(live, lambda: _parties_listed(live) == {"South Korea"},
                    "the list of claims shows South Korea's casualty claims only")
        claimants = _control(live, "widget-select-multiple", "claimants").locator("option").all_inner_texts()
        assert "NIS" in claimants and "Volodymyr Zelensky" not in claimants, claimants

    with live.diagnosed("claimants"):
        _control(live, "widget-select-multiple", "claimants").select_option(["NIS"])
        _new_chart_src(live, party_chart)
        _eventually(live, lambda: _claimants_listed(live) == {"NIS"},
                    "the list of claims shows NIS's casualty claims only")
        live.screenshot("explorer-controls-after")

    _assert_stayed_local(live)


def test_choosing_a_claim_lists_every_sentence_that_carries_it(live: Live) -> None:
    from playwright.sync_api import expect

    with live.diagnosed("prompt"):
        source = _source(live)
        expect(source).to_have_text(PROMPT, timeout=WAIT_MS)
        labels = _claim_labels(live)
        assert labels, "the explorer lists no claims"
        live.screenshot("explorer-claim-before")

    with live.diagnosed("claim"):
        chosen = next(i for i, label in enumerate(labels) if not label.endswith(" 1 art."))  # one many outlets carry
        articles = int(labels[chosen].rsplit(SEPARATOR, 1)[1].split()[0])
        _control(live, "widget-select", "claims").select_option(index=chosen)
        expect(source.locator("b").first).to_have_text(re.compile(r"^\d+ sentences?$"), timeout=WAIT_MS)
        count = int(source.locator("b").first.inner_text().split()[0])
        assert count >= articles, f"claim {labels[chosen]!r}: {count} sentences for {articles} articles"
        expect(source.locator("blockquote")).to_have_count(count, timeout=WAIT_MS)
        for item in source.locator("li").all_inner_texts():
            assert re.search(r"\d{4}-\d{2}-\d{2}", item), f"a sentence without its date: {item!r}"
        live.screenshot("explorer-claim-after")

    _assert_stayed_local(live)
