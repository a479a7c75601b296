"""Sentence splitting and tokenisation tuned for customer comments.

Reviews and tickets are written fast: sentences start in lower case, full stops lack the
space after them ("great.But"), ellipses and line breaks separate thoughts, and emoticons
carry meaning. These functions keep character offsets so callers can highlight spans in
the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from centric.insights.text.lexicon import words

# A link, which no sentence boundary splits and which is one token (not ":/" and words).
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]]")
# A sentence ends at terminal punctuation followed by space, at a line break, or at a full
# stop glued to the next word ("fit.The") when both sides are real words, not "e.g" or "5.5".
_BOUNDARY = re.compile(
    r"(?:(?<=[.!?…])[\"')\]]*\s+)"  # punctuation then whitespace
    r"|(?:\s*\n\s*)"  # line breaks
    r"|(?:(?<=[a-z]{3}[.!?])(?=[A-Za-z]{2}))"  # "great.But"
    r"|(?:(?<=\.\.)(?=[A-Za-z]))"  # "area..could"
)
_ABBREVIATIONS = frozenset(
    words("mr mrs ms dr st vs etc e.g i.e approx no jr sr inc ltd co dept fig ca est min max")
)
# A sentence needs a letter, a digit or an emoji; "!!!" or "..." alone is not one.
_CONTENT = re.compile(r"[^\W_]|[\u2000-\U0010FFFF]")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")

# Words (with inner apostrophes), emoticons, emoji and the punctuation that bounds clauses.
TOKEN = re.compile(
    _LINK.pattern + r"|[:;=8]['\-^]?[)(\]\[dDpP/\\|*3]"  # emoticons  :) :-( ;P
    r"|<3"
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF]"  # emoji (one code point each)
    r"|[$£€]?[0-9]+(?:[.,][0-9]+)*%?"  # amounts and sizes: $300.00, 5.5
    r"|[^\W_]+(?:[-'’][^\W\d_]+)*"  # words in any alphabet: "café", "see-through", "don't"
    r"|[!?]|[,;:()\-–—]|\.{2,}|\."
)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the original text: ``text == original[start:end]``."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentences with their offsets; never returns empty sentences.

    Joins back pieces split after a known abbreviation ("Dr. Smith").
    """
    spans: list[Span] = []
    position = 0
    pending_start: int | None = None
    links = [link.span() for link in _LINK.finditer(text)]
    for match in _BOUNDARY.finditer(text):
        if match.start() == match.end() == position:
            continue
        if any(start < match.start() < end for start, end in links):
            continue
        start = position if pending_start is None else pending_start
        piece = text[start : match.start()]
        position = match.end()
        last = _LAST_WORD.search(piece.rstrip())
        if last and last.group(1).lower() in _ABBREVIATIONS and "\n" not in match.group(0):
            pending_start = start
            continue
        pending_start = None
        _append_trimmed(spans, text, start, match.start())
    start = position if pending_start is None else pending_start
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not _CONTENT.search(stripped):
        if spans and stripped:
            # Trailing "!!!" or ":)" alone belongs to the previous sentence.
            previous = spans[-1]
            merged = text[previous.start : end].rstrip()
            spans[-1] = Span(merged, previous.start, previous.start + len(merged))
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append(Span(stripped, start + lead, start + lead + len(stripped)))


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` in their original case (callers lower-case when they need to).

    Curly apostrophes are normalised so "don’t" and "don't" are the same token.
    """
    return [token.replace("’", "'") for token in TOKEN.findall(text)]


def tokenize_spans(text: str, offset: int = 0) -> list[Span]:
    """Like ``tokenize`` but with offsets (shifted by ``offset``) for highlighting."""
    return [
        Span(m.group(0).replace("’", "'"), offset + m.start(), offset + m.end())
        for m in TOKEN.finditer(text)
    ]


def lower_keeping_offsets(text: str) -> str:
    """``text.lower()``, except that letters whose lower case is longer ("İ") keep one
    character, so offsets into the result are offsets into ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower()[0] for ch in text)
    return lowered
