"""Rows of a table as plain dicts, and the small helpers the tables across articles share
(``claims``, ``timeline``): what counts as missing, a cell as text, ids that hash content."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd


def missing(value: Any) -> bool:
    """None, ``pd.NA``, ``pd.NaT`` or a float NaN."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def text(value: Any) -> str:
    """A cell as text; missing is ``""``."""
    return "" if missing(value) else str(value)


def stable_id(prefix: str, parts: Iterable[Any]) -> str:
    """A short id that depends only on ``parts`` (their text), never on row order."""
    digest = hashlib.sha1("\x1f".join(text(p) for p in parts).encode("utf-8"))
    return prefix + digest.hexdigest()[:12]


def records(frame: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts of ``columns``, missing cells as None; a column an older
    table lacks is all None."""
    data = {c: frame[c].tolist() if c in frame.columns else [None] * len(frame) for c in columns}
    return [{c: (None if missing(data[c][i]) else data[c][i]) for c in columns} for i in range(len(frame))]
