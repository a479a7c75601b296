"""The result of analysing one comment, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from centric.insights.text.directory import Member
from centric.insights.text.signals import Signal
from centric.insights.text.themes import ThemeMention
from centric.insights.text.types import DocumentSentiment


@dataclass(frozen=True, slots=True)
class Praise:
    """A member of the organisation praised by name, and the sentence that praises them."""

    member: Member
    phrase: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the engine reads in one comment.

    ``flags`` holds ``urgent`` and ``churn_risk`` findings; ``praise`` is true when a
    sentence of the comment praises (even in an otherwise unhappy comment), and ``praised``
    lists the people and teams praised by name. A comment plainly in a language the engine does
    not read (see ``language.py``) is not read: its label is ``"unread"`` and it has no themes, signals or
    flags.
    """

    text: str
    sentiment: DocumentSentiment
    themes: tuple[ThemeMention, ...]
    journey_stage: str | None
    care_signals: tuple[Signal, ...]
    flags: tuple[Signal, ...]
    praise: bool
    praised: tuple[Praise, ...]
    # the language it is written in (see ``language.py``)
    language: str = "en"

    @property
    def score(self) -> float:
        return self.sentiment.score

    @property
    def label(self) -> str:
        return self.sentiment.label

    @property
    def urgent(self) -> bool:
        return any(f.kind == "urgent" for f in self.flags)

    @property
    def churn_risk(self) -> bool:
        return any(f.kind == "churn_risk" for f in self.flags)

    def theme(self, name: str) -> ThemeMention | None:
        """The mention of theme ``name``, if the comment is about it."""
        return next((t for t in self.themes if t.name == name), None)

    def to_dict(self, *, explain: int = 5) -> dict[str, Any]:
        """JSON-ready form: plain dicts, lists, strings and numbers rounded to 4 places."""
        return {
            "language": self.language,
            "sentiment": {
                "label": self.sentiment.label,
                "score": _round(self.sentiment.score),
                "explanation": [
                    {"phrase": phrase, "weight": _round(weight)}
                    for phrase, weight in self.sentiment.explain(explain)
                ],
            },
            "sentences": [
                {
                    "text": s.text,
                    "start": s.start,
                    "end": s.end,
                    "label": s.label,
                    "score": _round(s.score),
                }
                for s in self.sentiment.sentences
            ],
            "themes": [
                {
                    "name": t.name,
                    "confidence": _round(t.confidence),
                    "sentiment": {"label": t.label, "score": _round(t.score)},
                    "evidence": list(t.evidence),
                    "sentences": list(t.sentences),
                }
                for t in self.themes
            ],
            "journey_stage": self.journey_stage,
            "care_signals": [_signal(s) for s in self.care_signals],
            "flags": {
                "urgent": self.urgent,
                "churn_risk": self.churn_risk,
                "praise": self.praise,
                "reasons": [_signal(f) | {"flag": f.kind} for f in self.flags],
            },
            "praised": [
                {
                    "id": p.member.id,
                    "name": p.member.name,
                    "kind": p.member.kind,
                    "phrase": p.phrase,
                }
                for p in self.praised
            ],
        }


def _signal(signal: Signal) -> dict[str, Any]:
    return {
        "kind": signal.reason if signal.kind in ("urgent", "churn_risk") else signal.kind,
        "phrase": signal.phrase,
        "start": signal.start,
        "end": signal.end,
    }


def _round(value: float) -> float:
    return round(float(value), 4)
