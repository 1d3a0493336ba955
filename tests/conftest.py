"""Shared paths for the tests: fixture inputs, the bundled corpus and ../shared (optional)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "tests" / "inputs"
SAMPLE = REPO / "data" / "articles"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    """The two seed articles in ../shared/seeds; the test is skipped when they are absent."""
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds is not present next to the repository")
    return SEEDS
