"""A comment as safe HTML with the phrases the engine found marked. Respondent text is untrusted:
every character of it passes through ``html.escape``; only the markup built here is trusted.
``comment_reading`` gathers what the explorer and a response's page show of a comment."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from operator import attrgetter
from typing import Any, NamedTuple

from django.utils.safestring import SafeString, mark_safe

from centric.feedback.models import Response


def comment_reading(response: Response) -> dict[str, Any]:
    """A response's comment as the pages show it: marked (care signals, the reasons for its
    flags, the words that found each theme), with its reading and its themes by name."""
    analysis = getattr(response, "analysis", None)
    spans: list[dict[str, Any]] = []
    if analysis is not None:
        spans = [*analysis.care_signals, *analysis.reading.get("flags", {}).get("reasons", [])]
        # where two overlap, the one that starts first is marked
        spans += theme_spans(response.comment, analysis.reading.get("themes", []))
    return {
        "response": response,
        "analysis": analysis,
        "html": highlighted(response.comment, spans),
        "themes": sorted(response.theme_mentions.all(), key=attrgetter("theme")),
    }


def highlighted(text: str, spans: Iterable[Mapping[str, Any]]) -> SafeString:
    """``text`` escaped, with each ``{"kind", "start", "end"}`` span wrapped in ``<mark>`` and
    its kind written after it; a span marked ``"label_once"`` (a theme's words) has its kind
    written only at the first mark of that kind, and said to hover and screen readers alone at
    the later ones. Marks of one kind with only spaces between them are one mark. Spans that
    overlap an earlier one, or fall outside the text, are left unmarked."""
    usable = sorted(
        _Mark(span["start"], span["end"], str(span.get("kind", "")), bool(span.get("label_once")))
        for span in spans
        if isinstance(span.get("start"), int)
        and isinstance(span.get("end"), int)
        and 0 <= span["start"] < span["end"] <= len(text)
    )
    marks: list[_Mark] = []
    for mark in usable:
        last = marks[-1] if marks else None
        if last is not None and mark.start < last.end:
            continue
        if (
            last is not None
            and last.kind == mark.kind
            and not text[last.end : mark.start].strip(" ")
        ):
            marks[-1] = last._replace(end=mark.end)
        else:
            marks.append(mark)
    parts, position, labelled = [], 0, set()
    for start, end, kind, once in marks:
        label = escape(kind.replace("_", " "))
        parts.append(escape(text[position:start]))
        if once and kind in labelled:
            parts.append(
                f'<mark title="{label}">{escape(text[start:end])}</mark>'
                f'<span class="visually-hidden"> {label}</span>'
            )
        else:
            # what each mark is, written beside it: a title would show only on hover
            parts.append(
                f'<mark>{escape(text[start:end])}</mark><sup class="mark-kind muted">{label}</sup>'
            )
            labelled.add(kind)
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped


class _Mark(NamedTuple):
    start: int
    end: int
    kind: str
    once: bool  # its kind is written at the first mark of the kind only


def theme_spans(text: str, themes: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Where each theme's evidence (the words that found it, from the stored reading) first
    occurs in ``text``, as spans for ``highlighted``: "refund" also marks "refunded". A theme
    is named at its first mark only."""
    spans = []
    for theme in themes:
        for word in theme.get("evidence", []):
            found = re.search(rf"\b{re.escape(str(word))}\w*", text, re.IGNORECASE)
            if found:
                kind = f"theme: {theme.get('name', '')}"
                spans.append(
                    {"kind": kind, "start": found.start(), "end": found.end(), "label_once": True}
                )
    return spans
