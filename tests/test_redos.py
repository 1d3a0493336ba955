"""No regular expression of the library backtracks without bound (issue 11).

Untrusted text must neither hang nor kill a run, and a regular expression that backtracks
exponentially (``(a+)+$``) or that rescans the rest of the text from every position (``\\w+$``
searched over a long word) can do both. These tests find every compiled pattern the reading and
extraction code uses, without a list of names to keep up to date:

* the ``re.Pattern`` objects reachable from the globals of every ``toolkit`` module that
  reading and extraction import, walking through containers, dataclasses, other objects of
  the library and the defaults and closures of its functions;
* the patterns built from the default lexicon (``default_lexicon().cache`` after a run over
  the bundled corpus and the fixture inputs: the figures grammar, the event rules, the
  attribution cues, ...), walked the same way;
* every pattern the library's own code hands to ``re`` during that run (``re.search(r"...", s)``
  written inline, and patterns put together from variables at run time), seen by wrapping
  ``re._compile`` for the run;
* every inline ``re.<function>("literal", ...)`` of the library's source (found with ``ast``),
  so that one no sample text reaches is checked too.

Each pattern is then attacked with strings built from its own structure, parsed with
:mod:`re._parser`: long runs of the characters its repeated parts consume, of pairs of them and
of its literal words with spaces and commas, after each literal the pattern starts with; and,
for each repeat, a text that leads the match up to it followed by many turns of what the repeat
consumes (prefix, pump, then a NUL that nothing expects). It is attacked the way the library
calls it: with ``search`` (every start position) unless every call the source and the run show
is ``match`` or ``fullmatch``. Each call must finish within a time limit and its time must not
grow much faster than the text (a four times longer text may take at most about eight times
longer, not sixteen). The checks run in worker processes (2 by default, ``REDOS_WORKERS``) under
an interval timer, with an overall deadline on the parent side, so that a pattern that never
finishes fails the test instead of hanging it.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import multiprocessing
import os
import re
import signal
import sys
import time
import types
from pathlib import Path

import pytest

import re._constants as sre_constants  # Python 3.11: the parser behind re.compile
import re._parser as sre_parse

REPO = Path(__file__).resolve().parents[1]
TIMEML = REPO.parent / "shared" / "timeml"

#: Floors whose every module is checked (reading and extraction), with whatever they import.
FLOORS = ("read", "extract")
ENTRY_MODULES = ("toolkit.tables.corpus",) + tuple(
    ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
    for floor in FLOORS for path in sorted((REPO / "toolkit" / floor).rglob("*.py"))
)

LONG = 6_000  # characters of an attack string
CALL_LIMIT = 1.0  # seconds one search may take on LONG characters
GROWTH_FLOOR = 0.002  # below this many processor seconds on LONG characters, growth is not judged (noise)
GROWTH_LIMIT = 8.0  # a linear search grows about 4x from LONG / 4 to LONG characters, a quadratic one 16x
WORKERS = int(os.environ.get("REDOS_WORKERS", "2"))
DEADLINE = 150.0  # seconds for all checks together (a safety net: a pattern hangs the run)

_RE_FUNCTIONS = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "split": 3, "findall": 2,
                 "finditer": 2, "sub": 4, "subn": 4}  # position of the flags argument


# -- finding the patterns ------------------------------------------------------------------------

_SEARCHING = {"search", "finditer", "findall", "sub", "subn", "split"}  # try every start position
_ANCHORED = {"match", "fullmatch"}  # one start position


@dataclasses.dataclass
class Found:
    """A pattern of the library and how the library uses it."""

    pattern: re.Pattern[str]
    uses: set[str] = dataclasses.field(default_factory=set)  # re functions / Pattern methods seen
    names: set[str] = dataclasses.field(default_factory=set)  # names it is held under

    def methods(self, method_uses: dict[str, set[str]]) -> tuple[str, ...]:
        """The methods to attack with: ``search`` unless every known use is anchored."""
        uses = set(self.uses)
        for name in self.names:
            uses |= method_uses.get(name, set())
        out = sorted(uses & _ANCHORED)
        if uses & _SEARCHING or not out:
            out.insert(0, "search")
        return tuple(out)


class _Registry(dict):  # (source, flags) -> Found
    def add(self, compiled: object, use: str | None = None, name: str | None = None) -> None:
        if not isinstance(compiled, re.Pattern) or not isinstance(compiled.pattern, str):
            return
        found = self.setdefault((compiled.pattern, compiled.flags), Found(compiled))
        if use:
            found.uses.add(use)
        if name:
            found.names.add(name)


def _is_library(name: str) -> bool:
    return name == "toolkit" or name.startswith("toolkit.")


def _is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _library_modules() -> list[types.ModuleType]:
    """ENTRY_MODULES and the library modules they import (read from their source, so that what
    other tests of the session happened to import does not change what is checked)."""
    names: set[str] = set()
    todo = list(ENTRY_MODULES)
    while todo:
        name = todo.pop()
        if name in names:
            continue
        names.add(name)
        module = importlib.import_module(name)
        for node in ast.walk(ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                todo += [a.name for a in node.names if _is_library(a.name)]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from .x import y, from . import x
                    base = ".".join(name.split(".")[: -node.level] + ([base] if base else []))
                if _is_library(base):
                    todo.append(base)
                    # "from toolkit.extract import dates" imports a module
                    todo += [f"{base}.{a.name}" for a in node.names if _is_module(f"{base}.{a.name}")]
    return [importlib.import_module(n) for n in sorted(names)]


def _walk(root: object, found: _Registry, seen: set[int], name: str = "") -> None:
    """Collect every pattern reachable from ``root`` through library objects, with the name it is held under."""
    stack: list[tuple[object, str]] = [(root, name)]
    while stack:
        obj, name = stack.pop()
        if isinstance(obj, re.Pattern):
            found.add(obj, name=name)
            continue
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, bool, type(None))):
            continue
        seen.add(id(obj))
        if isinstance(obj, dict):
            stack.extend((k, name) for k in obj)
            stack.extend((v, k if isinstance(k, str) else name) for k, v in obj.items())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend((v, name) for v in obj)
        elif isinstance(obj, types.ModuleType):
            if _is_library(obj.__name__):
                stack.extend((v, k) for k, v in vars(obj).items())
        elif isinstance(obj, (types.FunctionType, types.MethodType)):
            fn = getattr(obj, "__func__", obj)
            if _is_library(getattr(fn, "__module__", "") or ""):
                stack.extend((v, name) for v in fn.__defaults__ or ())
                stack.extend((v, k) for k, v in (fn.__kwdefaults__ or {}).items())
                for var, cell in zip(fn.__code__.co_freevars, fn.__closure__ or ()):
                    try:
                        stack.append((cell.cell_contents, var))
                    except ValueError:  # an empty cell
                        pass
                if getattr(fn, "__wrapped__", None) is not None:
                    stack.append((fn.__wrapped__, name))
        elif isinstance(obj, type):
            if _is_library(obj.__module__):
                stack.extend((v, k) for k, v in vars(obj).items() if not k.startswith("__"))
        elif _is_library(type(obj).__module__):
            if dataclasses.is_dataclass(obj):
                stack.extend((getattr(obj, f.name, None), f.name) for f in dataclasses.fields(obj))
            stack.extend((v, k) for k, v in getattr(obj, "__dict__", {}).items())
            for cls in type(obj).__mro__:
                slots = getattr(cls, "__slots__", ())
                for slot in (slots,) if isinstance(slots, str) else slots:
                    stack.append((getattr(obj, slot, None), slot))
        elif hasattr(obj, "cache_info") and hasattr(obj, "__wrapped__"):  # a functools.lru_cache
            stack.append((obj.__wrapped__, name))


def _sample_texts() -> list[Path]:
    paths = sorted((REPO / "data" / "articles").iterdir())
    paths += sorted((REPO / "tests" / "inputs").iterdir()) + sorted((REPO / "tests" / "hostile").iterdir())
    return [p for p in paths if p.is_file()]


def _run_library(paths: list[Path]) -> None:
    """Read and extract the sample inputs, so that lazily built patterns exist."""
    from toolkit import parse_text
    from toolkit.read.readers import read_articles

    for path in paths:
        try:
            arts = list(read_articles([path]))
        except Exception:  # a fixture that is meant to fail reading
            arts = []
        for art in arts:
            if art.text:
                parse_text(art.text, published=art.published)


def _source_uses(modules: list[types.ModuleType], found: _Registry) -> dict[str, set[str]]:
    """Read the library's source: which methods are called on which names (``g.units_re.match`` ->
    ``units_re``: match), and the ``re.<function>("literal", ...)`` calls, compiled with their flags."""
    method_uses: dict[str, set[str]] = {}
    for module in modules:
        path = getattr(module, "__file__", None)
        if not path or not path.endswith(".py"):
            continue
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            receiver, method = node.func.value, node.func.attr
            if isinstance(receiver, ast.Name) and receiver.id == "re":
                if method in _RE_FUNCTIONS and node.args:
                    _literal_call(node, method, module, path, found)
                continue
            held = receiver.id if isinstance(receiver, ast.Name) else receiver.attr if isinstance(receiver, ast.Attribute) else None
            if held and method in _SEARCHING | _ANCHORED:
                method_uses.setdefault(held, set()).add(method)
    return method_uses


def _literal_call(node: ast.Call, function: str, module: types.ModuleType, path: str, found: _Registry) -> None:
    try:
        pattern = eval(compile(ast.Expression(node.args[0]), path, "eval"), vars(module))  # noqa: S307
        flags_node = next((k.value for k in node.keywords if k.arg == "flags"), None)
        at = _RE_FUNCTIONS[function]
        if flags_node is None and len(node.args) > at:
            flags_node = node.args[at]
        flags = eval(compile(ast.Expression(flags_node), path, "eval"), vars(module)) if flags_node else 0  # noqa: S307
        compiled = re.compile(pattern, flags)
    except Exception:  # built from a local name: the run over the samples finds those
        return
    found.add(compiled, use=function if function != "compile" else None)


def library_patterns() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """Every pattern reading and extraction use (see the module docstring), with the methods to attack it with."""
    modules = _library_modules()
    from toolkit.read.lexicon import default_lexicon

    found = _Registry()
    real_compile = re._compile  # type: ignore[attr-defined]

    def spy(pattern: object, flags: int) -> object:  # what re.compile/search/sub/... compile for the library
        compiled = real_compile(pattern, flags)
        if _is_library(sys._getframe(2).f_globals.get("__name__", "")):
            function = sys._getframe(1).f_code.co_name
            found.add(compiled, use=function if function in _SEARCHING | _ANCHORED else None)
        return compiled

    re.purge()
    re._compile = spy  # type: ignore[attr-defined]
    try:
        _run_library(_sample_texts())
    finally:
        re._compile = real_compile  # type: ignore[attr-defined]
        re.purge()
    seen: set[int] = set()
    for module in modules:
        _walk(module, found, seen, module.__name__)
    _walk(default_lexicon(), found, seen, "lexicon")
    method_uses = _source_uses(modules, found)
    return [(f.pattern, f.methods(method_uses)) for _, f in sorted(found.items())]


# -- attacking one pattern -----------------------------------------------------------------------

_BASE_ALPHABET = "aA1 ,.-'’\n_:;\"()!?/&%$"
_CATEGORY = {
    sre_constants.CATEGORY_DIGIT: lambda c: c.isdecimal(),
    sre_constants.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    sre_constants.CATEGORY_SPACE: lambda c: c.isspace(),
    sre_constants.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre_constants.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre_constants.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}
_CHAR_NODES = {sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY}


def _matches(ch: str, op: object, av: object, ignorecase: bool) -> bool:
    """Whether the one-character node (op, av) of a parsed pattern matches ``ch``."""
    variants = {ch, ch.lower(), ch.upper()} if ignorecase else {ch}
    if op is sre_constants.ANY:
        return True
    if op is sre_constants.LITERAL:
        return any(ord(v) == av for v in variants)
    if op is sre_constants.NOT_LITERAL:
        return not any(ord(v) == av for v in variants)
    if op is sre_constants.IN:
        negate, hit = False, False
        for o, a in av:  # type: ignore[attr-defined]
            if o is sre_constants.NEGATE:
                negate = True
            elif o is sre_constants.LITERAL:
                hit = hit or any(ord(v) == a for v in variants)
            elif o is sre_constants.RANGE:
                hit = hit or any(a[0] <= ord(v) <= a[1] for v in variants)
            elif o is sre_constants.CATEGORY:
                hit = hit or _CATEGORY.get(a, lambda c: False)(ch)
        return hit != negate
    return False


def _structure(pattern: re.Pattern[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """(characters repeated parts consume, literal runs that start the pattern, other literal
    runs, every character the pattern names or the base alphabet holds)."""
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    tree = sre_parse.parse(pattern.pattern, pattern.flags & ~re.DEBUG)
    alphabet: list[str] = list(dict.fromkeys(_BASE_ALPHABET))
    literals: list[str] = []

    def gather(sub: object) -> None:  # the pattern's own literal characters and range ends join the alphabet
        run = ""
        for op, av in sub:  # type: ignore[attr-defined]
            if op is sre_constants.LITERAL:
                run += chr(av)
                continue
            if run:
                literals.append(run)
                run = ""
            if op is sre_constants.IN:
                for o, a in av:
                    if o is sre_constants.LITERAL:
                        alphabet.append(chr(a))
                    elif o is sre_constants.RANGE:
                        alphabet.extend((chr(a[0]), chr(a[1])))
            for child in _children(op, av):
                gather(child)
        if run:
            literals.append(run)

    gather(tree)
    for lit in literals:
        alphabet.extend(lit)
    alphabet = list(dict.fromkeys(alphabet))

    repeated: list[str] = []

    def consumed(sub: object, inside: bool) -> None:
        for op, av in sub:  # type: ignore[attr-defined]
            if op in _CHAR_NODES and inside:
                repeated.extend(c for c in alphabet if _matches(c, op, av, ignorecase) and c not in repeated)
            here = inside or op in _REPEATS
            for child in _children(op, av):
                consumed(child, here)

    consumed(tree, False)
    firsts: list[str] = []

    def starts(sub: object) -> None:  # literal runs at the start of each top-level alternative
        items = list(sub)  # type: ignore[call-overload]
        for i, (op, av) in enumerate(items):
            if op is sre_constants.LITERAL:
                run = ""
                for o, a in items[i:]:
                    if o is not sre_constants.LITERAL:
                        break
                    run += chr(a)
                firsts.append(run)
                return
            if op is sre_constants.BRANCH:
                for alt in av[1]:
                    starts(alt)
                return
            if op is sre_constants.SUBPATTERN:
                starts(av[-1])
                return
            if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                continue
            return

    starts(tree)
    return repeated, list(dict.fromkeys(firsts)), list(dict.fromkeys(literals)), alphabet


def _children(op: object, av: object) -> list[object]:
    if op in _REPEATS:
        return [av[2]]  # type: ignore[index]
    if op is sre_constants.SUBPATTERN:
        return [av[-1]]  # type: ignore[index]
    if op is sre_constants.BRANCH:
        return list(av[1])  # type: ignore[index]
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [av[1]]  # type: ignore[index]
    if op is sre_constants.ATOMIC_GROUP:
        return [av]
    if op is sre_constants.GROUPREF_EXISTS:
        return [x for x in av[1:] if x is not None]  # type: ignore[index]
    return []


def _pick(op: object, av: object, alphabet: list[str], ignorecase: bool, k: int = 0) -> str:
    """The ``k``-th character (cyclically) of the alphabet that the one-character node (op, av) matches."""
    hits = [c for c in alphabet if _matches(c, op, av, ignorecase)]
    return hits[k % len(hits)] if hits else ""


def _sample(sub: object, alphabet: list[str], ignorecase: bool, groups: dict[int, str], k: int = 0) -> str:
    """A short text the parsed (sub)pattern matches, or nearly: each repeat its minimum, each
    alternation its first branch, lookarounds nothing, each character class its ``k``-th character."""
    out = []
    for op, av in sub:  # type: ignore[attr-defined]
        if op in _CHAR_NODES:
            out.append(_pick(op, av, alphabet, ignorecase, k))
        elif op in _REPEATS:
            out.append(_sample(av[2], alphabet, ignorecase, groups, k) * min(av[0], 20))
        elif op is sre_constants.SUBPATTERN:
            text = _sample(av[-1], alphabet, ignorecase, groups, k)
            if av[0]:
                groups[av[0]] = text
            out.append(text)
        elif op is sre_constants.BRANCH:
            out.append(_sample(av[1][0], alphabet, ignorecase, groups, k))
        elif op is sre_constants.ATOMIC_GROUP:
            out.append(_sample(av, alphabet, ignorecase, groups, k))
        elif op is sre_constants.GROUPREF:
            out.append(groups.get(av, ""))
        elif op is sre_constants.GROUPREF_EXISTS:
            out.append(_sample(av[1], alphabet, ignorecase, groups, k))
    return "".join(out)


def _pumps(pattern: re.Pattern[str], alphabet: list[str], limit: int = 40) -> list[tuple[str, str]]:
    """(prefix, unit) for each repeat of the pattern: a text that leads the match up to the
    repeat, and what one more turn of the repeat consumes (the classic prefix-pump-suffix)."""
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    tree = sre_parse.parse(pattern.pattern, pattern.flags & ~re.DEBUG)
    groups: dict[int, str] = {}
    found: list[tuple[str, str]] = []

    def walk(sub: object, prefix: str) -> None:
        for op, av in sub:  # type: ignore[attr-defined]
            if op in _REPEATS:
                low, high, body = av
                lead = prefix + _sample(body, alphabet, ignorecase, groups) * min(low, 20)
                if high > 1:
                    turns = list(dict.fromkeys(_sample(body, alphabet, ignorecase, groups, k) for k in range(3)))
                    units = [t for turn in turns if turn for t in (turn, turn + " ")]
                    units += [c for c in alphabet[:30] if any(_matches(c, o, a, ignorecase) for o, a in body
                                                              if o in _CHAR_NODES)][:3]
                    found.extend((lead, u) for u in units)
                walk(body, prefix)
            elif op is sre_constants.SUBPATTERN:
                walk(av[-1], prefix)
            elif op is sre_constants.BRANCH:
                for alt in av[1]:
                    walk(alt, prefix)
            elif op is sre_constants.ATOMIC_GROUP:
                walk(av, prefix)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(av[1], prefix)
            prefix += _sample([(op, av)], alphabet, ignorecase, groups)

    walk(tree, "")
    # A long alternation of phrases repeats the same few turns ("\s+") behind many prefixes:
    # keep the shortest, a middle and the longest prefix of each turn, then at most ``limit``.
    leads: dict[str, list[str]] = {}
    for lead, unit in found:
        leads.setdefault(unit, []).append(lead)
    picked = []
    for unit, options in leads.items():
        options = sorted(set(options), key=len)
        picked += [(lead, unit) for lead in dict.fromkeys((options[0], options[len(options) // 2], options[-1]))]
    step = max(1, -(-len(picked) // limit))
    return picked[::step]


def attacks(pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """(prefix, unit) pairs whose repetition makes a pattern with unbounded backtracking slow.

    Runs of each character the pattern repeats, of pairs of them, of its literal words with a
    space or a comma, and of a few word shapes; the same character runs after each literal the
    pattern starts with; and, for each repeat of the pattern, a text that leads up to it followed
    by runs of what the repeat consumes (:func:`_pumps`). :func:`attack_text` repeats the unit to
    a length and ends the text in a NUL, which nothing in a pattern expects.
    """
    repeated, firsts, literals, alphabet = _structure(pattern)
    chars = repeated[:10]
    pairs = [a + b for i, a in enumerate(chars[:6]) for b in chars[i + 1:6]]
    words = [w for w in literals if w.strip()]
    words = list(dict.fromkeys(sorted(words, key=len)[:3] + words[:3]))
    shapes = ["a ", "a, ", "ab-c ", "A. ", "Ab ", "1,000 "]
    plans = [("", chars + pairs + [w + sep for w in words for sep in (" ", ", ")] + shapes)]
    plans += [(prefix, chars + pairs[:6] + shapes) for prefix in firsts[:3] if prefix]
    out = [(prefix, unit) for prefix, units in plans for unit in units]
    return list(dict.fromkeys(out + _pumps(pattern, alphabet)))


def attack_text(prefix: str, unit: str, length: int) -> str:
    return prefix + unit * max(1, (length - len(prefix)) // len(unit)) + "\x00"


class _Slow(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Slow()


def _timed(pattern: re.Pattern[str], method: str, text: str, limit: float) -> tuple[float, float]:
    """(wall-clock, processor) seconds ``pattern.<method>(text)`` takes; ``limit * 3`` for both
    when it had to be interrupted."""
    call = getattr(pattern, method)
    signal.setitimer(signal.ITIMER_REAL, limit * 3)
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        call(text)
    except _Slow:
        return limit * 3, limit * 3
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - wall, time.process_time() - cpu


def _fastest(pattern: re.Pattern[str], method: str, text: str, limit: float, tries: int) -> tuple[float, float]:
    wall, cpu = _timed(pattern, method, text, limit)
    for _ in range(tries - 1):  # a busy machine is not the pattern's fault: keep the quickest
        if wall >= limit * 3:
            break
        w, c = _timed(pattern, method, text, limit)
        wall, cpu = min(wall, w), min(cpu, c)
    return wall, cpu


def check_pattern(pattern: re.Pattern[str], methods: tuple[str, ...] = ("search",), long: int = LONG,
                  limit: float = CALL_LIMIT) -> str | None:
    """None when every attack finishes in time and grows about linearly, else what went wrong.

    The limit is on wall-clock time (the quickest of a few tries); how the time grows with the
    text is judged on processor time, which other programs on the machine do not inflate.
    """
    signal.signal(signal.SIGALRM, _on_alarm)
    for prefix, unit in attacks(pattern):
        text = attack_text(prefix, unit, long)
        for method in methods:
            wall, spent = _timed(pattern, method, text, limit)
            if limit <= wall < limit * 3:  # slow, but not interrupted: perhaps a busy machine
                w, c = _fastest(pattern, method, text, limit, 2)
                wall, spent = min(wall, w), min(spent, c)
            if wall >= limit:
                return f"{method} took over {limit:g} s on {len(text):,} characters like {text[:40]!r}"
            if spent < GROWTH_FLOOR:
                continue
            # Superlinear when a four times shorter text is more than GROWTH_LIMIT times quicker
            # and a twice longer one more than three times slower (linear: 4x and 2x).
            quick = _fastest(pattern, method, attack_text(prefix, unit, long // 4), limit, 2)[1]
            if spent / max(quick, 1e-6) <= GROWTH_LIMIT:
                continue
            spent = min(spent, _fastest(pattern, method, text, limit, 2)[1])
            if spent / max(quick, 1e-6) <= GROWTH_LIMIT:
                continue
            slow = _fastest(pattern, method, attack_text(prefix, unit, long * 2), limit * 4, 2)[1]
            if slow / spent > 3.0:
                return (f"{method} time grows faster than the text: {quick:.4f} s, {spent:.4f} s, {slow:.4f} s "
                        f"on {long // 4:,}, {long:,}, {long * 2:,} characters like {text[:40]!r}")
    return None


def _check_one(item: tuple[str, int, tuple[str, ...], float]) -> str | None:
    source, flags, methods, limit = item
    return check_pattern(re.compile(source, flags), methods, limit=limit)


def run_checks(patterns: list[tuple[re.Pattern[str], tuple[str, ...]]], deadline: float = DEADLINE,
               limit: float = CALL_LIMIT) -> dict[str, str]:
    """Check (pattern, methods) pairs in worker processes; returns {pattern source: problem} for the failures."""
    problems: dict[str, str] = {}
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(WORKERS, maxtasksperchild=50) as pool:
        pending = [(p, pool.apply_async(_check_one, ((p.pattern, p.flags, methods, limit),))) for p, methods in patterns]
        end = time.monotonic() + deadline
        for p, result in pending:
            try:
                problem = result.get(max(0.0, end - time.monotonic()))
            except multiprocessing.TimeoutError:
                problem = f"no answer within the {deadline:g} s deadline (it hangs, or the checks before it are slow)"
            if problem:
                problems[p.pattern] = problem
        pool.terminate()
    return problems


# -- the tests ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def patterns() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    return library_patterns()


def test_patterns_are_found(patterns: list[tuple[re.Pattern[str], tuple[str, ...]]]) -> None:
    import toolkit.read.clean as clean
    import toolkit.extract.figures.grammar as figures_grammar
    import toolkit.extract.figures.subject as figures_subject
    from toolkit.read.lexicon import default_lexicon

    found = dict((p.pattern, methods) for p, methods in patterns)
    lexicon = default_lexicon()
    grammar = figures_grammar.compiled_grammar(lexicon)
    assert grammar.cue_re.pattern in found and grammar.projection_re.pattern in found  # built from the lexicon
    assert lexicon.actors._pattern.pattern in found
    assert all(p.pattern in found for p in _reachable(lexicon.cache))  # events, attribution, ... rules
    assert found[figures_subject._COUNTED.pattern] == ("search",)  # module level, searched
    assert found[clean._BYLINE.pattern] == ("match",)  # module level, only ever matched
    assert any("(?:and|or)\\s+[\\w'’ -]" in s for s in found)  # inline in _is_projection
    assert len(patterns) > 250


def _reachable(root: object) -> list[re.Pattern[str]]:
    found = _Registry()
    _walk(root, found, set())
    return [f.pattern for f in found.values()]


#: Patterns this issue replaced, as they were, and how the library called them: each must fail
#: the check (so the check can fail), the way a pattern like them would if one came back.
_KNOWN_BAD = [
    (r"(a+)+$", "search"),  # exponential
    (r",(?:\s*[\w'’-]+)+\s+(?:and|or)\s+[\w'’ -]+$", "search"),  # figures.meaning.is_projection: 2**n
    (r"^\s*[Bb]y\s+[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|and|&|de|van|von|al|,))*\s*"
     r"(?:[|,–—-]\s*(?:[A-Z][\w'’.&-]*\s*){1,5})?$", "match"),  # clean._BYLINE: n**5
    (r"[.!?\"”’)]\s*/\s*[A-Z][\w&.-]*(?:[ -][A-Z][\w&.-]*){0,3}\s*$", "search"),  # clean._CREDIT_TAIL: n**4
    (r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", "search"),  # formats._MD_EMPHASIS: rescans the line from each mark
    (r"([\w.'’-]+)$", "search"),  # clean._WORD_BEFORE: rescans a long word from each letter
    (r"\s+(and|but)\s+", "search"),  # events: rescans a run of spaces from each space
    (r"\s*(?:,|,?\s*(?:and|or|plus|as well as))\s*", "fullmatch"),  # figures: two stars share the spaces
]


def test_detector_catches_backtracking() -> None:
    bad = [(re.compile(source), (method,)) for source, method in _KNOWN_BAD]
    problems = run_checks(bad, deadline=60.0, limit=0.3)
    assert set(problems) == {source for source, _ in _KNOWN_BAD}, problems
    # ... and tells a rescan from a pattern that is only ever matched at one position
    assert not run_checks([(re.compile(r"\s+(and|but)\s+"), ("match",))], deadline=30.0, limit=0.3)


def test_no_pattern_backtracks_without_bound(patterns: list[tuple[re.Pattern[str], tuple[str, ...]]]) -> None:
    problems = run_checks(patterns)
    assert not problems, "\n".join(f"{k!r}: {v}" for k, v in sorted(problems.items()))


# -- the texts that used to hang -------------------------------------------------------------------


def _extracts_quickly(text: str, limit: float, published: object = None) -> None:
    import toolkit
    from toolkit.extract.figures import find_figures

    began = time.perf_counter()
    find_figures(text, published=published, dates=[])
    assert time.perf_counter() - began < limit
    began = time.perf_counter()
    corpus = toolkit.parse_text(text, published=published)
    assert time.perf_counter() - began < limit * 3
    assert list(corpus.articles["status"]) == ["ok"]


@pytest.mark.parametrize("n", [40, 400, 4000])
def test_long_word_after_a_comma(n: int) -> None:
    # _is_projection once spent 2**n steps on ", <word>" before a modal: 40 letters took hours.
    _extracts_quickly(f"About 3,000 troops, {'a' * n} would follow.", 2.0)
    _extracts_quickly(f"About 3,000 troops, {'medics ' * (n // 7)}and drivers, would follow them.", 2.0)


@pytest.mark.parametrize("line", [
    "By Jane Doe | " + "A" * 300 + "!",  # a byline's closing names
    "Troops crossed the river./" + "A-" * 2000 + "!",  # a caption's credit
    "- " + "Menu" * 500 + " 1",  # a menu entry
])
def test_page_furniture_lines_clean_quickly(line: str) -> None:
    from toolkit.read.clean import clean_text

    began = time.perf_counter()
    clean_text(f"Seoul said 1,500 troops left.\n{line}\nThey returned.")
    assert time.perf_counter() - began < 1.0


@pytest.mark.parametrize("body", ["**a " * 20_000, "[ ![ " * 20_000, "[a](x " * 20_000])
def test_markdown_strips_quickly(body: str) -> None:
    from toolkit.read.readers import markdown_to_text

    began = time.perf_counter()
    markdown_to_text(body)
    assert time.perf_counter() - began < 1.0


@pytest.mark.parametrize("name", ["wsj_0927.tml", "wsj_1013.tml"])
def test_timeml_texts_that_hung(name: str) -> None:
    paths = sorted(TIMEML.glob(f"**/{name}")) if TIMEML.is_dir() else []
    if not paths:
        pytest.skip(f"{name} is not under {TIMEML}")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from timeml_bench import read_tml
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    doc = read_tml(paths[0])
    _extracts_quickly(doc.text, 5.0, doc.dct)
