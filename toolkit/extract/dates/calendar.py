"""Calendar arithmetic on TIMEX3 values: what a value spans, and the values around a day.

This module owns the value side of the tagger and knows no words: :func:`resolve_value` turns a
TIMEX3 value into its calendar span and granularity; :func:`shift` gives the week, month,
quarter... ``n`` periods from a day; :func:`duration` writes a duration value (``P2D``,
``PT5H30M``); and the helpers for months, ISO weeks, quarters, seasons and Easter.

>>> shift(dt.date(2025, 4, 28), "Q", -1), duration(2.5, "Y")
('2025-Q1', 'P2Y6M')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["duration", "easter", "iso_week", "last_day", "month_add", "narrow", "quarter_of", "resolve_value",
           "season_end", "season_of", "season_start", "shift"]

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def month_add(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months after ``year``-``month`` (``n`` may be negative)."""
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def last_day(year: int, month: int) -> int:
    """The number of days of the month."""
    return calendar.monthrange(year, month)[1]


def iso_week(d: dt.date) -> str:
    """TIMEX3 value of the ISO week holding ``d`` (``2025-W18``)."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: dt.date) -> tuple[int, int]:
    """(year, quarter 1-4) of ``d``."""
    return d.year, (d.month - 1) // 3 + 1


def season_of(d: dt.date) -> tuple[int, str]:
    """The season containing ``d``; a winter belongs to the year of its December."""
    m = d.month
    if m in (12,):
        return d.year, "WI"
    if m in (1, 2):
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def season_start(year: int, code: str) -> dt.date:
    """First day of the season ``code`` (SP, SU, FA, WI) of ``year``."""
    return dt.date(year, _SEASON_MONTHS[code][0], 1)


def season_end(year: int, code: str) -> dt.date:
    """Last day of the season ``code`` of ``year`` (a winter ends in February of the next year)."""
    lo, hi = _SEASON_MONTHS[code]
    y = year + 1 if hi < lo else year
    return dt.date(y, hi, last_day(y, hi))


def shift(base: dt.date, unit: str, n: int) -> str:
    """TIMEX3 value of the ``unit``-sized period ``n`` units from the one containing ``base``."""
    if unit == "Y":
        return f"{base.year + n:04d}"
    if unit == "M":
        y, m = month_add(base.year, base.month, n)
        return f"{y:04d}-{m:02d}"
    if unit in ("W", "FN"):
        return iso_week(base + dt.timedelta(weeks=n))
    if unit == "WE":
        return iso_week(base + dt.timedelta(weeks=n)) + "-WE"
    if unit == "Q":
        y, q = quarter_of(base)
        k = y * 4 + (q - 1) + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if unit == "DE":
        return f"{base.year // 10 + n:03d}"
    if unit == "CE":
        return f"{base.year // 100 + n:02d}"
    # Days and anything finer resolve to a day.
    return (base + dt.timedelta(days=n)).isoformat()


# resolve_value runs for every mention: its patterns compile once.
_V_TIME = re.compile(r"^\d{4}-\d\d-\d\dT")
_V_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_V_WEEK = re.compile(r"(\d{4})-W(\d\d?)(-WE)?")
_V_MONTH = re.compile(r"(\d{4})-(\d\d)")
_V_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_V_HALF = re.compile(r"(\d{4})-H([12])")
_V_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_V_YEAR = re.compile(r"(\d{4})")
_V_DECADE = re.compile(r"(\d{3})X?")
_V_CENTURY = re.compile(r"(\d{2})(?:XX)?")
_V_XDAY = re.compile(r"X{4}-\d\d-\d\d")
_V_BC = re.compile(r"BC\d{4}")
_V_XMONTH = re.compile(r"X{4}-\d\d")
_V_XSEASON = re.compile(r"X{4}-(SP|SU|FA|WI)")
_V_XQUARTER = re.compile(r"X{4}-Q\d")


def resolve_value(value: str) -> tuple[dt.date | None, dt.date | None, str]:
    """The calendar span and granularity of a TIMEX3 value.

    Args:
        value: a TIMEX3 value such as ``2024-10``, ``2024-Q4``, ``2024-SU``, ``199``,
            ``1998-W08``, ``2025-04-28T10:00``, ``P2D`` or ``PRESENT_REF``.

    Returns:
        ``(earliest, latest, granularity)``; the dates are ``None`` when the value is not a
        fixed stretch of the calendar (durations, sets, ``*_REF``, ``XXXX-…``).

    >>> resolve_value("2024-10")
    (datetime.date(2024, 10, 1), datetime.date(2024, 10, 31), 'month')
    >>> resolve_value("199")
    (datetime.date(1990, 1, 1), datetime.date(1999, 12, 31), 'decade')
    """
    v = value.strip()
    date_part = v.split("T", 1)[0] if _V_TIME.match(v) else v
    try:
        if m := _V_DAY.fullmatch(date_part):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _V_WEEK.fullmatch(v):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
            return monday, monday + dt.timedelta(days=6), "week"
        if m := _V_MONTH.fullmatch(v):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, last_day(y, mo)), "month"
        if m := _V_QUARTER.fullmatch(v):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, last_day(y, 3 * q)), "quarter"
        if m := _V_HALF.fullmatch(v):
            # Halves have no granularity of their own in the contract; they span two quarters.
            y, h = int(m[1]), int(m[2])
            return dt.date(y, 6 * h - 5, 1), dt.date(y, 6 * h, last_day(y, 6 * h)), "quarter"
        if m := _V_SEASON.fullmatch(v):
            y, code = int(m[1]), m[2]
            return season_start(y, code), season_end(y, code), "season"
        if m := _V_YEAR.fullmatch(v):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        if m := _V_DECADE.fullmatch(v):
            y = int(m[1]) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade"
        if m := _V_CENTURY.fullmatch(v):
            y = int(m[1]) * 100
            return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "none"
    except (ValueError, OverflowError):
        return None, None, "none"
    if _V_BC.fullmatch(v):
        return None, None, "year"  # before the first day datetime.date knows
    # Underspecified values keep their granularity so analysts can still group by it.
    if _V_XDAY.fullmatch(v):
        return None, None, "day"
    if _V_XMONTH.fullmatch(v):
        return None, None, "month"
    if _V_XSEASON.fullmatch(v):
        return None, None, "season"
    if _V_XQUARTER.fullmatch(v):
        return None, None, "quarter"
    return None, None, "none"


def narrow(earliest: dt.date, latest: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """Narrow a span to its first, middle or last third for START/MID/END ("late 2024")."""
    if mod not in ("START", "MID", "END") or earliest is None or latest is None:
        return earliest, latest
    days = (latest - earliest).days + 1
    if days < 3:
        return earliest, latest
    third = days // 3
    if mod == "START":
        return earliest, earliest + dt.timedelta(days=third - 1)
    if mod == "END":
        return latest - dt.timedelta(days=third - 1), latest
    return earliest + dt.timedelta(days=third), latest - dt.timedelta(days=third)


def duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: P2D, PT5H, P18M, P10Y for a decade, PXY when n is unknown."""
    if unit == "WE":
        unit, n = "D", (2 * n if n is not None else None)
    if unit == "FN":
        unit, n = "W", (2 * n if n is not None else None)
    if unit == "DE":
        if n is None:
            return "PXDE"
        unit, n = "Y", n * 10
    if unit == "CE":
        if n is None:
            return "PXCE"
        unit, n = "Y", n * 100
    time_unit = unit in ("H", "MIN", "S")
    code = {"MIN": "M"}.get(unit, unit)
    if n is None:
        return ("PTX" if time_unit else "PX") + code
    if n != int(n):
        # Fractions spill into the next smaller unit, as TimeML writes them: "2 1/2 years" ->
        # P2Y6M, "5 1/2 hours" -> PT5H30M, "a minute and a half" -> PT1M30S, "half a year" -> P6M.
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60),
                   "MIN": ("S", 60), "Q": ("M", 3)}
        if unit in smaller:
            sub, k = smaller[unit]
            whole, rest = int(n), round((n - int(n)) * k)
            if unit in ("Q", "W"):  # ISO 8601 never mixes weeks with other units
                whole, rest = 0, round(n * k)
            tail = duration(rest, sub)
            if not whole or not rest:
                return duration(whole, unit) if not rest else tail
            head = duration(whole, unit)
            if time_unit or sub not in ("H", "MIN", "S"):
                return head + tail[2 if time_unit else 1:]
            return head + tail[1:]  # P1D + PT12H -> P1DT12H
    n = int(n)
    if unit == "Q":
        return f"P{n}Q"  # TimeML keeps quarters as a unit of their own ("the past two quarters": P2Q)
    return f"PT{n}{code}" if time_unit else f"P{n}{code}"


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)
