"""The analyst-editable vocabulary: YAML files under ``data/lexicon/``.

Words live in data, rules in code (issue 4). This module owns reading those files and the one
piece of matching every extractor shares: finding actors (states, agencies, people, media) by
their canonical names, aliases and demonyms, and normalising a mention to its canonical name.

The lexicon folder is ``data/lexicon`` of the repository unless overridden, first by the
``root`` argument, then by the ``TOOLKIT_LEXICON`` environment variable. Files are read once per
(root, name) and cached; call :func:`clear_cache` after editing a file in a running session.

Extra parties files (the sides of another conflict, in the format of ``parties.yaml``) are read
over the folder's ``parties.yaml`` without copying the folder: the ``parties`` argument of
:meth:`Lexicon.load` (and of ``toolkit.load``), else the ``TOOLKIT_PARTIES`` environment variable
(paths separated by ``os.pathsep``). See :func:`merge_parties` for how they combine.

>>> actors = load_actors()
>>> [(m.text, m.name, m.kind) for m in actors.find("North Korean troops reached Kursk, Seoul said.")]
[('North Korean', 'North Korea', 'demonym'), ('Seoul', 'South Korea', 'alias')]
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Sequence
from typing import Any

import yaml

from toolkit.errors import LexiconError
from toolkit.read.alternation import alternation

#: Environment variable naming another lexicon folder (same file names as ``data/lexicon``).
ENV_VAR = "TOOLKIT_LEXICON"
#: Environment variable naming extra parties files, separated by ``os.pathsep`` (see parties_files).
PARTIES_ENV_VAR = "TOOLKIT_PARTIES"
#: The lexicon bundled with the repository.
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "data" / "lexicon"


def lexicon_root(root: str | os.PathLike[str] | None = None) -> Path:
    """Return the lexicon folder: ``root``, else ``$TOOLKIT_LEXICON``, else ``data/lexicon``."""
    if root is not None:
        return Path(root)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT_ROOT


def parties_files(parties: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
                  ) -> tuple[str, ...]:
    """The extra parties files: ``parties`` (one path or several), else ``$TOOLKIT_PARTIES``,
    else none; each must exist (:class:`~toolkit.errors.LexiconError` names the one that does not)."""
    if parties is None:
        env = os.environ.get(PARTIES_ENV_VAR, "")
        paths = [p for p in env.split(os.pathsep) if p.strip()]
    elif isinstance(parties, (str, os.PathLike)):
        paths = [parties]
    else:
        paths = list(parties)
    out = []
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise LexiconError(f"a parties file is a path, got {type(path).__name__}")
        if not Path(path).is_file():
            raise LexiconError(f"parties file {path} not found (from the parties argument or ${PARTIES_ENV_VAR})")
        out.append(str(Path(path).resolve()))
    return tuple(out)


#: libyaml's loader where PyYAML was built with it (same data, a few times faster), else Python's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=64)
def _load_file(path: str, mtime: float) -> Any:
    # mtime is part of the key so that an edited file is read again.
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon file {path} is not valid YAML: {exc}") from exc


def load_lexicon(name: str, *, root: str | os.PathLike[str] | None = None) -> Any:
    """Return the parsed content of the lexicon file ``name`` (``figures`` -> ``figures.yaml``;
    an absolute path names a file anywhere).

    >>> sorted(load_lexicon("reporting"))[:2]
    ['adverbs', 'anaphor_types']
    """
    folder = lexicon_root(root)
    path = folder / (name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")
    if not path.is_file():
        raise LexiconError(
            f"lexicon file {path} not found; set {ENV_VAR} or pass root= to point at a folder "
            f"holding {path.name}"
        )
    return _load_file(str(path), path.stat().st_mtime)


_DERIVED_CACHES: list[Any] = []


def derived_cache(func: Any) -> Any:
    """Register an ``lru_cache``-wrapped function of an extractor that builds something from
    lexicon files (compiled patterns, word lists), so that :func:`clear_cache` clears it too.
    The extraction floor sits above this module and cannot be imported from here."""
    _DERIVED_CACHES.append(func)
    return func


def clear_cache() -> None:
    """Forget every lexicon file read so far (after editing one in a running session)."""
    _load_file.cache_clear()
    _lexicon_for.cache_clear()
    _actors_for.cache_clear()
    for cached in _DERIVED_CACHES:
        cached.cache_clear()


# -- actors ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor in a text."""

    start: int
    end: int
    text: str
    name: str  # canonical name
    type: str  # state, agency, person, media, military
    kind: str  # "alias" (names the actor) or "demonym" (adjective: "North Korean troops")


class Actors:
    """Canonical actors with their aliases and demonyms (``actors.yaml``).

    Matching is case-insensitive on word boundaries, except that aliases written entirely in
    capitals ("US", "UN", "NIS") must match in capitals, so the pronoun "us" is not the United
    States, and ``cased_aliases`` (a common noun that is a name only capitalised: "House",
    "Senate") must match as written, so "a house" is not the House of Representatives. The longest alias wins at a position, so "South Korean intelligence" beats
    "South Korean".
    """

    def __init__(self, data: dict[str, Any]) -> None:
        if not isinstance(data, dict):
            raise LexiconError("actors lexicon must map canonical names to entries")
        self.types: dict[str, str] = {}
        self._surface: dict[str, tuple[str, str]] = {}  # lower surface -> (name, kind)
        self._exact: dict[str, tuple[str, str]] = {}  # all-caps surface -> (name, kind)
        for name, entry in data.items():
            entry = entry or {}
            self.types[name] = str(entry.get("type", "NA"))
            forms = [(name, "alias")] + [(a, "alias") for a in entry.get("aliases", []) or []]
            forms += [(d, "demonym") for d in entry.get("demonyms", []) or []]
            cased = {str(a).strip() for a in entry.get("cased_aliases", []) or []}
            forms += [(a, "alias") for a in sorted(cased)]
            for form, kind in forms:
                form = str(form).strip()
                if not form:
                    continue
                if _is_acronym(form) or form in cased:
                    self._exact.setdefault(form, (name, kind))
                else:
                    self._surface.setdefault(form.lower(), (name, kind))
        surfaces = sorted(set(self._surface) | set(self._exact), key=len, reverse=True)
        body = alternation((_flexible(s) for s in surfaces), re.IGNORECASE)
        self._pattern = re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
        #: the matches of the last few whole texts scanned (see :meth:`find`)
        self._indexes: dict[str, tuple[list[int], list[int], list[ActorMention | None]]] = {}

    @property
    def names(self) -> list[str]:
        """Canonical names, in file order."""
        return list(self.types)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
        """Return the actor mentions in ``text[start:end]``, in text order, longest first at a spot.

        The extractors ask for the actors of many stretches of the same article, so the whole
        text is scanned once (the last few texts are kept) and a stretch's mentions are cut out
        of that scan. They are the mentions a scan of the stretch alone finds whenever no match
        of the whole text crosses either end of the stretch and the character after the stretch
        is no word character nor hyphen: the pattern's look-behind reads the text before the
        stretch either way, and its look-ahead at the stretch's end then says the same in both.
        A stretch that ends in white space before a word ("the ministry |said") is cut too: no
        form ends in white space, so no match of the stretch alone ends at its end, and every
        other match reads only characters inside it. Any other stretch, and any short text, is
        scanned alone, as before (issue 15)."""
        end = len(text) if end is None else end
        if 0 <= start <= end <= len(text) and len(text) >= _INDEXED:
            starts, ends, mentions = self._index(text)
            i = bisect.bisect_left(starts, start)
            j = bisect.bisect_left(starts, end, i)
            if (not i or ends[i - 1] <= start) and (j == i or ends[j - 1] <= end) \
                    and (end == len(text) or text[end - 1:end].isspace() or _WORDISH.match(text, end) is None):
                return [m for m in mentions[i:j] if m is not None]
        return [m for m in map(self._mention, self._pattern.finditer(text, start, end)) if m is not None]

    def _mention(self, m: re.Match[str]) -> ActorMention | None:
        hit = self._lookup(m.group(0))
        if hit is None:
            return None
        return ActorMention(m.start(), m.end(), m.group(0), hit[0], self.types[hit[0]], hit[1])

    def _index(self, text: str) -> tuple[list[int], list[int], list[ActorMention | None]]:
        """Every match of the pattern in the whole of ``text``: starts, ends, mentions (None
        for a match that names no actor: it still bounds the stretches that can be cut)."""
        kept = self._indexes.get(text)
        if kept is None:
            matches = list(self._pattern.finditer(text))
            kept = ([m.start() for m in matches], [m.end() for m in matches], [self._mention(m) for m in matches])
            if len(self._indexes) >= 8:
                self._indexes.clear()  # (one call, safe should threads share the actors)
            self._indexes[text] = kept
        return kept

    def normalise(self, surface: str) -> str | None:
        """Return the canonical name for an alias or demonym, or None when it is not one.

        >>> load_actors().normalise("South Korean intelligence")
        'NIS'
        """
        hit = self._lookup(surface.strip())
        return hit[0] if hit else None

    def type_of(self, name: str) -> str | None:
        """Return the type (state, agency, ...) of a canonical name."""
        return self.types.get(name)

    def _lookup(self, surface: str) -> tuple[str, str] | None:
        key = _canonical_space(surface)
        if key in self._exact:
            return self._exact[key]
        hit = self._surface.get(key.lower())
        if hit is not None:
            return hit
        # An acronym typed in other case ("Nis") is not the acronym.
        return None


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


_SPACES = re.compile(r"\s+")
#: texts shorter than this (a name, a phrase) are scanned as asked, not indexed: so they do not
#: push the article out of the few texts kept
_INDEXED = 200
#: what the actor pattern's look-ahead refuses after a name
_WORDISH = re.compile(r"[\w-]", re.IGNORECASE)


def _canonical_space(s: str) -> str:
    return _SPACES.sub(" ", s.replace("’", "'"))


def _flexible(surface: str) -> str:
    # Any run of white space in text matches a space of the alias; a straight apostrophe in
    # the lexicon matches a curly one in text.
    out = []
    for ch in surface:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@functools.lru_cache(maxsize=8)
def _actors_for(root: str) -> Actors:
    return Actors(load_lexicon("actors", root=root))


def load_actors(*, root: str | os.PathLike[str] | None = None) -> Actors:
    """Return the (cached) :class:`Actors` of the lexicon folder."""
    return _actors_for(str(lexicon_root(root)))


# -- the bundle extractors take --------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors read from the lexicon folder, loaded once.

    ``figures``, ``reporting``, ``parties`` and ``places`` are the parsed ``figures.yaml``,
    ``reporting.yaml``, ``parties.yaml`` and ``places.yaml``; :meth:`gazetteer` gives the
    offline gazetteer (:mod:`toolkit.read.gazetteer`) the places resolve through; ``cache``
    holds patterns that extractors compile
    from them, so they are built once per lexicon rather than once per article.
    """

    actors: Actors
    figures: dict[str, Any]
    reporting: dict[str, Any]
    root: Path
    parties: dict[str, Any] = field(default_factory=dict)
    places: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: the extra parties files read over the folder's parties.yaml (absolute paths, in order)
    parties_files: tuple[str, ...] = ()

    @classmethod
    def load(cls, root: str | os.PathLike[str] | None = None, *,
             parties: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None) -> "Lexicon":
        """Return the (cached) lexicon of a folder (default: see :func:`lexicon_root`), with the
        extra parties files ``parties`` read over its parties.yaml (default: see
        :func:`parties_files`; ``[]`` for none)."""
        return _lexicon_for(str(lexicon_root(root)), parties_files(parties))

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """What :meth:`load` needs to load this lexicon again (in a worker process)."""
        return str(self.root), self.parties_files

    def gazetteer(self) -> Any:
        """The gazetteer (:class:`toolkit.read.gazetteer.Gazetteer`), read on first use: the
        extraction floor reaches it through the lexicon, as it reaches every word list."""
        from toolkit.read.gazetteer import load_gazetteer

        return load_gazetteer()


@functools.lru_cache(maxsize=8)
def _lexicon_for(root: str, extra_parties: tuple[str, ...] = ()) -> Lexicon:
    # optional: a folder written before parties existed gives every figure and event no party
    parties = _mapping(load_lexicon("parties", root=root), "parties") if (Path(root) / "parties.yaml").is_file() else {}
    for path in extra_parties:
        parties = merge_parties(parties, _mapping(load_lexicon(path), Path(path).stem))
    return Lexicon(
        actors=_actors_for(root),
        figures=load_lexicon("figures", root=root) or {},
        reporting=load_lexicon("reporting", root=root) or {},
        root=Path(root),
        parties=parties,
        # optional too: a folder without places.yaml gives every event and figure no location
        places=_mapping(load_lexicon("places", root=root), "places")
        if (Path(root) / "places.yaml").is_file() else {},
        parties_files=extra_parties,
    )


def merge_parties(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``base`` (a parsed parties.yaml) with ``extra`` read over it: a party of both lists the
    members of both (base's first), a new party is added; ``names`` entries are added or replace
    base's of the same name; every other key (word lists: ``unaligned_heads``, ...) is the union
    of both lists, base's order first.

    >>> merge_parties({"parties": {"A": ["x"]}, "unaligned_heads": ["media"]},
    ...               {"parties": {"A": ["y"], "B": ["z"]}, "unaligned_heads": ["blog"]})
    {'parties': {'A': ['x', 'y'], 'B': ['z']}, 'unaligned_heads': ['media', 'blog']}
    """
    out = dict(base)
    for key, value in (extra or {}).items():
        if key == "parties":
            merged = {str(k): list(v or []) for k, v in (out.get("parties") or {}).items()}
            for party, members in (value or {}).items():
                have = merged.setdefault(str(party), [])
                have += [m for m in members or [] if m not in have]
            out["parties"] = merged
        elif key == "names":
            out["names"] = {**(out.get("names") or {}), **(value or {})}
        elif isinstance(value, list):
            have = list(out.get(key) or [])
            out[key] = have + [v for v in value if v not in have]
        else:
            out[key] = value
    return out


def _mapping(data: Any, name: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon file {name}.yaml must be a mapping of keys to lists")
    return data


def default_lexicon() -> Lexicon:
    """Return the lexicon of the default folder (``$TOOLKIT_LEXICON`` or ``data/lexicon``), with
    the extra parties files of ``$TOOLKIT_PARTIES``."""
    return Lexicon.load()


__all__ = [
    "ENV_VAR",
    "ActorMention",
    "Actors",
    "Lexicon",
    "clear_cache",
    "default_lexicon",
    "derived_cache",
    "PARTIES_ENV_VAR",
    "lexicon_root",
    "load_actors",
    "load_lexicon",
    "merge_parties",
    "parties_files",
]
