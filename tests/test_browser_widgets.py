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

Voilà runs as a subprocess on a free port of 127.0.0.1, from the repository root (it starts the
kernel in the notebook's folder, where the notebook's default ``../data/articles`` points); its log
is build/voila-browser-test.log, and its last lines are added to any failure. Chromium is Debian's,
from the ``browser`` fixture in conftest.py. Every request the page makes to a host other than
127.0.0.1, HTTP or websocket, is refused and recorded. Voilà's own page template links two Font
Awesome stylesheets on cdn.jsdelivr.net: those two are the only outside requests the page may
attempt (refused, so nothing leaves the machine; only icons are missing). Any other, such as a
widget bundle fetched from a CDN, fails the test. Screenshots of the explorer before and after each interaction go to
build/screenshots, and a full-page one when a step fails.
"""

from __future__ import annotations

import base64
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from conftest import BUILD, REPO

# Playwright is imported where it is used: without it, the ``browser`` fixture skips the tests
# (or fails them under CI) instead of this module failing to import.
if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, Route, WebSocketRoute

NOTEBOOK = Path("notebooks") / "2-troop-and-casualty-estimates.ipynb"
VOILA = Path(sys.executable).parent / "voila"
VOILA_LOG = BUILD / "voila-browser-test.log"
LOCAL_HOST = "127.0.0.1"
OUTSIDE_WEB_SOCKET = re.compile(r"^wss?://(?!127\.0\.0\.1[:/])")
# Linked by every page of Voilà's own "lab" template; blocked like any outside request, but expected.
TEMPLATE_CDN_ASSETS = re.compile(
    r"^https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@[^/]+/css/[\w.-]+\.css$")

SERVER_START_S = 120  # bound on Voilà's start (it is up in about 2 s)
WAIT_MS = 60_000  # bound on any one wait in the page (the first render takes about 10 s)
LOAD_MS = 240_000  # bound on the page load, which runs the whole notebook (about 20 s on a quiet machine)
PROMPT = "Choose a claim to see every sentence that carries it."
SEPARATOR = " · "  # between date, party, claimant, number and articles in the labels of the list of claims


# -- the Voilà server ----------------------------------------------------------------------------

@dataclass
class VoilaServer:
    url: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:]) or "(empty)"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOCAL_HOST, 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    try:
        with socket.create_connection((LOCAL_HOST, port), timeout=1):
            return True
    except OSError:
        return False


def _wait_until_listening(proc: subprocess.Popen, server: VoilaServer, port: int) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while not _listening(port):
        if proc.poll() is not None:
            pytest.fail(f"voila exited with status {proc.returncode} before listening on port {port}; "
                        f"log {server.log}, last lines:\n{server.log_tail()}")
        if time.monotonic() > deadline:
            pytest.fail(f"voila did not listen on port {port} within {SERVER_START_S} s; "
                        f"log {server.log}, last lines:\n{server.log_tail()}")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM first (Voilà then shuts its kernels down); SIGKILL its process group if it hangs."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        # start_new_session=True made Voilà the leader of its own group: only our processes.
        # Its kernels run in their own sessions and exit by themselves once their parent is gone.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def voila_server(browser: Browser) -> Iterator[VoilaServer]:
    """Voilà serving the estimates notebook on a free local port, stopped whatever happens.

    It asks for ``browser`` first so that, without chromium, the tests skip before Voilà starts.
    """
    if not VOILA.exists():
        reason = f"{VOILA} is missing (pip install -e '.[dev]')"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    port = _free_port()
    server = VoilaServer(url=f"http://{LOCAL_HOST}:{port}/", log=VOILA_LOG)
    VOILA_LOG.parent.mkdir(parents=True, exist_ok=True)
    command = [str(VOILA), str(NOTEBOOK), "--no-browser", f"--port={port}", f"--Voila.ip={LOCAL_HOST}",
               "--VoilaConfiguration.show_tracebacks=True"]
    with VOILA_LOG.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(command, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_until_listening(proc, server, port)
        yield server
    finally:
        _stop(proc)


# -- the page --------------------------------------------------------------------------------------

def _is_local(url: str) -> bool:
    """Whether the page may fetch ``url``: from 127.0.0.1, or not from a network (data:, blob:)."""
    parts = urlsplit(url)
    return parts.scheme not in ("http", "https") or parts.hostname == LOCAL_HOST


@dataclass
class Live:
    """One page load of the notebook: the page, the explorer in it, and what the page attempted."""

    page: Page
    server: VoilaServer
    screenshots: Path
    outside: list[str] = field(default_factory=list)  # outside requests attempted (all refused)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions in the page

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
                f"page errors: {self.errors}\nvoila log {self.server.log}, last lines:\n{self.server.log_tail()}"
            ) from exc


def _route_local_only(route: Route, outside: list[str]) -> None:
    if _is_local(route.request.url):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()


def _refuse_web_socket(ws: WebSocketRoute, outside: list[str]) -> None:
    outside.append(ws.url)
    ws.close()  # never connected to the server: the page sees the socket close at once


@pytest.fixture
def live(browser: Browser, voila_server: VoilaServer, screenshots_dir: Path) -> Iterator[Live]:
    """A fresh page (so a fresh kernel) of the notebook, once the explorer has drawn its chart."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    live = Live(page=page, server=voila_server, screenshots=screenshots_dir)
    page.route("**/*", lambda route: _route_local_only(route, live.outside))
    page.route_web_socket(OUTSIDE_WEB_SOCKET, lambda ws: _refuse_web_socket(ws, live.outside))
    page.on("pageerror", lambda exc: live.errors.append(str(exc)))
    try:
        with live.diagnosed("load"):
            # Voilà sends the page once every cell has run: the corpus, four charts, the explorer
            page.goto(voila_server.url, wait_until="domcontentloaded", timeout=LOAD_MS)
            _chart_src(live)
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
    unexpected = [url for url in live.outside if not TEMPLATE_CDN_ASSETS.match(url)]
    assert not unexpected, f"the page tried to reach hosts other than {LOCAL_HOST}: {unexpected}"


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
