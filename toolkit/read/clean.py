"""Clean body text and sentence boundaries.

Everything downstream points into the text this module returns: readers call
:func:`clean_text` once per article, and every offset in every table is an offset into that
string. Cleaning therefore happens *before* extraction and never after (extractors must not
change the text's length).

Cleaning normalises Unicode to NFC, folds runs of spaces, keeps paragraphs (one blank line
between them) and drops page furniture. Furniture is recognised by the *shape* of a line, not
by a list of strings: a short bullet with no sentence in it is a menu entry; ``By Name
Surname`` alone is a byline; ``N min read``, a copyright line and a line of two or three words
with no punctuation are page chrome. A photo caption (a sentence that ends in a ``/Credit``) is
not part of the story's flow, but it often carries facts the story does not repeat (the day a
treaty was signed, who released a video): its credit is dropped and the caption sentence moves
to the end of the text, after the body, so that it stays searchable and traceable.
"""

from __future__ import annotations

import re
import unicodedata

# -- furniture: the shapes of lines that are page chrome rather than article body ------------

# A word is taken whole ("*+"): a repeat of words that could split one word anywhere tries every
# split of a long word (n**5 ways for five).
_WORD = r"[^\W\d_][\w'’.&-]*+"
# "- Latest news", "* World", "• Sport": a bullet with a few words and no sentence punctuation.
_MENU = re.compile(r"^\s*[-*•·–—>|]\s*(?:" + _WORD + r"\s*+){1,5}$")
# "...deployed to Russia./Telegram", "...on June 19, 2024./AP-Yonhap": a caption closing with the
# credit after a slash, the way news sites print photo credits.
# (Names taken whole: a dash between two names can always stay inside one, and trying each dash
# as a separator instead took n**4 steps on "./A-A-A-...".)
_CREDIT_TAIL = re.compile(r"[.!?\"”’)]\s*/\s*[A-Z][\w&.-]*+(?:[ -][A-Z][\w&.-]*+){0,3}\s*$")
# "Photo: Name/Agency", "Image credit: ...", "Credit: ...", "Source: Agency" standing alone.
_CAPTION_LABEL = re.compile(
    r"^\s*\(?(?:photo|image|picture|video|graphic|illustration|file photo)s?\b"
    r"(?:\s+(?:credit|courtesy|by))?\s*[:/(]",
    re.IGNORECASE,
)
_CREDIT_LABEL = re.compile(r"^\s*(?:credit|courtesy|source)s?\s*:", re.IGNORECASE)
# "By Jane Doe", "By Jane Doe and John Roe, Staff Reporters"
# Names are taken whole (possessive), so no name is split every possible way. The one split that
# matters, a name glued to the dash before the closing names ("By Jane Doe-Staff&Wires"), is
# the second branch, at the last such dash of the name (it leaves the fewest closing names).
_BYLINE_NAMES = r"[A-Z][\w'’.-]++(?:\s+(?:[A-Z][\w'’.-]*+|and|&|de|van|von|al|,))*"
_BYLINE = re.compile(
    r"^\s*[Bb]y\s+(?:" + _BYLINE_NAMES + r"\s*(?:[|,–—-]\s*(?:[A-Z][\w'’.&-]*+\s*+){1,5})?$"
    r"|(?:" + _BYLINE_NAMES + r"\s+(?>[A-Z][\w'’.-]*-(?=\s*[A-Z]))|(?>[A-Z][\w'’.-]+-(?=\s*[A-Z])))"
    r"\s*(?:[A-Z][\w'’.&-]*+\s*+){1,5}$)",
)
# "2 min read", "3 minutes read", "Reading time: 4 minutes"
_READ_TIME = re.compile(
    r"^\s*(?:reading time:?\s*)?\d{1,2}\s*(?:-\s*)?min(?:ute)?s?\.?(?:\s+read)?\s*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)
# A line with no sentence punctuation and at most three words: "Skip to content", "Share",
# "Latest news", "Follow us". Headlines are longer than that; subheads that short carry no
# facts an extractor could use.
_SENTENCE_PUNCT = re.compile(r"[.!?:;,\"“”]")


def is_furniture(line: str) -> bool:
    """Tell whether one line of a page is chrome (menu, caption, byline...) rather than body.

    >>> is_furniture("- Latest news"), is_furniture("Skip to content")
    (True, True)
    >>> is_furniture("The ministry said on Monday that 300 soldiers had died.")
    False
    """
    s = line.strip()
    if not s:
        return False
    if _MENU.match(s) or _READ_TIME.match(s) or _COPYRIGHT.search(s):
        return True
    if _CAPTION_LABEL.match(s) or _CREDIT_LABEL.match(s):
        return True
    if _CREDIT_TAIL.search(s):
        return caption_text(s) is None
    if _BYLINE.match(s) and len(s.split()) <= 10:
        return True
    words = s.split()
    if len(words) <= 3 and not _SENTENCE_PUNCT.search(s) and not any(c.isdigit() for c in s):
        return True
    return False


def caption_text(line: str) -> str | None:
    """The caption of a ``caption./Credit`` line without its credit; None for other lines.

    >>> caption_text("Envoys meet in the capital on May 2, 2025./Pool Photo")
    'Envoys meet in the capital on May 2, 2025.'
    """
    m = _CREDIT_TAIL.search(line)
    if not m:
        return None
    caption = line[: m.start() + 1].strip()
    return caption if len(caption.split()) >= 4 else None


_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(raw: str, *, drop_furniture: bool = True) -> str:
    """Return the clean body text of an article: NFC, folded spaces, paragraphs kept.

    Lines are stripped; runs of blank lines become one blank line (a paragraph break);
    lines that are page furniture are dropped when ``drop_furniture`` is true.

    >>> clean_text("- Menu\\n\\nTroops  arrived.\\r\\n\\n\\n\\nThey  left.")
    'Troops arrived.\\n\\nThey left.'
    """
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _ZERO_WIDTH.sub("", text)
    paragraphs: list[list[str]] = [[]]
    captions: list[str] = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if drop_furniture:
            caption = caption_text(line)
            if caption is not None:
                captions.append(caption)
                continue
            if is_furniture(line):
                continue
        paragraphs[-1].append(line)
    blocks = ["\n".join(p) for p in paragraphs if p] + captions
    return "\n\n".join(blocks)


# -- sentences --------------------------------------------------------------------------------

# Words after which a full stop does not end a sentence: titles, months, and the like. They are
# grammar of English news rather than words of one story, so they live here beside the rule.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt rep sen gov pres amb sec
    st jr sr rev hon fr gens brig supt insp det messrs
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vol vols fig figs art para pp op ed eds approx est dept univ inc corp co ltd bros
    vs v cf al e.g i.e etc
    """.split()
)
# Abbreviations that only ever stand before a number.
_NUMBERING = frozenset("no nos art fig figs vol vols para pp".split())
# Words that, capitalised, typically open a sentence; after an initialism such as "U.S." the
# sentence ends only when one of these follows ("... in the U.S. The talks ...").
_OPENERS = frozenset(
    """
    the a an he she it they we i you this that these those there here his her its their our
    but and or so yet however meanwhile still then also in on at as after before when while if
    since although though for by with from according some many most one two three no not
    what who why how where
    """.split()
)
# A run of marks is tried from its first mark only (a match from inside the run would be the
# same match, found again after a rescan of the run: quadratic in a long run of dots).
_CANDIDATE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s)|\n+")
_WORD_BEFORE = re.compile(r"([\w.'’-]{1,64})$")  # searched over the 64 characters before a mark
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]*([\w'’-]+)")


def _ends_sentence(text: str, pos: int, end: int) -> bool:
    """Decide whether the punctuation run text[pos:end] closes a sentence."""
    mark = text[pos:end]
    follow = _NEXT_WORD.match(text, end)
    nxt = follow.group(1) if follow else ""
    if nxt and nxt[0].islower():
        return False  # "... Gen. Kim", "U.S. officials", "Nov. 20": lower-case never opens one
    if "." not in mark or "!" in mark or "?" in mark:
        return True
    m = _WORD_BEFORE.search(text, max(0, pos - 64), pos)  # bounded: linear time
    word = m.group(1) if m else ""
    bare = word.rstrip(".").lower()
    if bare in _NUMBERING:
        return not nxt[:1].isdigit()  # "No. 5", "Art. 4" vs a sentence ending in "no."
    if bare in _ABBREVIATIONS:
        # "Nov. 20", "Gen. Gerasimov": an abbreviation ends a sentence only before an opener.
        return nxt.lower() in _OPENERS and not nxt[:1].isdigit() and bare not in {
            "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "rep", "sen",
            "gov", "pres", "st", "no", "art", "fig",
        }
    if re.fullmatch(r"(?:[A-Za-z]\.){1,4}[A-Za-z]?", word + ("" if word.endswith(".") else "")) or (
        len(word) == 1 and word.isupper()
    ):
        # Initialisms ("U.S.", "a.m.") and initials ("J. Smith").
        return nxt.lower() in _OPENERS
    if nxt[:1].isdigit() and word[-1:].isdigit():
        return False  # "3.5" never reaches here, but "No. 5." patterns might
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each sentence of ``text``, in order.

    A line break always ends a sentence (headlines and list items stand alone); so does
    ``.``, ``!`` or ``?`` before white space, unless the full stop belongs to an abbreviation
    ("Gen.", "Nov. 20", "U.S."), an initial, or the next word starts in lower case. Spans
    exclude surrounding white space, so ``text[start:end]`` is the sentence itself.

    >>> t = "Gen. Kim met U.S. envoys on Nov. 20. They left."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Gen. Kim met U.S. envoys on Nov. 20.', 'They left.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if m.group(0).startswith("\n"):
            cut = m.start()
            nxt = m.end()
        elif _ends_sentence(text, m.start(), m.end()):
            cut = m.end()
            nxt = m.end()
        else:
            continue
        _add_span(text, start, cut, spans)
        start = nxt
    _add_span(text, start, len(text), spans)
    return spans


#: The longest span that is kept as one sentence. News sentences run to a few hundred
#: characters; a longer "sentence" is a page without full stops (a list, a dump, a transcript),
#: and the extractors' work per sentence grows faster than its length, so it is cut into pieces.
MAX_SENTENCE_CHARS = 2000


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        # cut in the last half of the allowance: after a semicolon, else after a comma, else
        # at a space, else (one long token) at the allowance itself
        lo, hi = start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS
        cut = text.rfind("; ", lo, hi) + 1 or text.rfind(", ", lo, hi) + 1 or text.rfind(" ", lo, hi) + 1 or hi
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        spans.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    """Return the index of the sentence span containing ``offset`` (-1 when none does)."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if offset < s:
            hi = mid - 1
        elif offset >= e:
            lo = mid + 1
        else:
            return mid
    return -1
