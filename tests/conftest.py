"""Shared paths for the tests: fixture inputs, the bundled corpus and ../shared (optional)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "tests" / "inputs"
SAMPLE = REPO / "data" / "articles"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CASES = REPO / "tests" / "cases"


def load_cases(name: str, *, marks: Callable[[dict[str, Any]], list[Any]] | None = None) -> list[Any]:
    """The table-driven cases of ``tests/cases/NAME.yaml``, one ``pytest.param`` each.

    The file holds a list of cases, or a mapping with ``cases`` and optional ``defaults`` that
    every case starts from. Each case's ``id`` names its test; ``xfail: reason`` marks a known
    gap (strict, so a fixed gap fails until the mark goes); ``marks(case)`` adds others.
    """
    data = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    cases, defaults = (data["cases"], data.get("defaults") or {}) if isinstance(data, dict) else (data, {})
    params = []
    for raw in cases:
        case = {**defaults, **raw}
        extra = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        extra += marks(case) if marks is not None else []
        params.append(pytest.param(case, id=case["id"], marks=extra))
    return params


def find_widget(box: Any, cls: type, description: str | None = None) -> Any:
    """The first widget of class ``cls`` (with that ``description``, if given) inside ``box``."""
    stack = [box]
    while stack:
        node = stack.pop()
        if isinstance(node, cls) and (description is None or getattr(node, "description", None) == description):
            return node
        stack.extend(getattr(node, "children", ()))
    raise LookupError(cls)


@pytest.fixture
def seeds_dir() -> Path:
    """The two seed articles in ../shared/seeds; the test is skipped when they are absent."""
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds is not present next to the repository")
    return SEEDS


# -- real-browser tests ------------------------------------------------------------------------
# Debian's chromium only (`apt-get install -y chromium`; .ci/run installs it): never a browser
# downloaded by Playwright. Without it the browser tests skip with the reason, except under CI,
# where a missing browser is a failure rather than a silent skip.
CHROMIUM = Path("/usr/bin/chromium")
BUILD = REPO / "build"


def _browser_missing(reason: str) -> None:
    import os

    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """A headless Debian chromium driven by Playwright, shared by the browser tests."""
    if not CHROMIUM.exists():
        _browser_missing(f"{CHROMIUM} is missing (install it with: apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        _browser_missing("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        # --no-sandbox: CI runs as root, where chromium refuses its sandbox.
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def screenshots_dir() -> Path:
    """Where browser tests save what they saw (build/screenshots, kept out of git)."""
    path = BUILD / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


# -- the HTML report ---------------------------------------------------------------------------
HOSTILE = REPO / "tests" / "hostile"


@pytest.fixture(scope="session")
def hostile_report():
    """The report of the bundled corpus plus a hostile article, built once per test session
    into build/test-report (kept, so that a person can open what the tests looked at)."""
    from toolkit.show.report import build_report

    out = BUILD / "test-report"
    if out.exists():
        import shutil

        shutil.rmtree(out)
    # (a cell of the curated notebooks takes seconds: three minutes is room to spare, and a
    # kernel that loses a reply costs three minutes and a second run, not ten)
    return build_report([SAMPLE, HOSTILE], out, timeout=180)
