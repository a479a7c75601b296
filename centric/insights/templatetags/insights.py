"""Template helpers for the Insights pages: numbers with a true minus sign, how long ago, and
what the engine read in a comment (for a response's page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.timesince import timesince

from centric.core import clock
from centric.customers.models import Customer
from centric.feedback.models import Question, Response
from centric.feedback.results import Selection
from centric.insights import selectors
from centric.insights.highlight import comment_reading
from centric.insights.metrics.compare import Difference
from centric.insights.page_charts import negative_meter
from centric.insights.report import numbers
from centric.insights.text.language import READ_IN_WORDS, READ_NAMES
from centric.people.models import User

register = template.Library()

# a free-text question's results name its most spoken-of themes; the explorer has the rest
SHOWN_THEMES = 6


@register.filter
def number(value: float, decimals: int = 0) -> str:
    """``−12.5``, with a minus sign rather than a hyphen, and ``1,234``."""
    return numbers.number(float(value), int(decimals))


@register.filter
def signed(value: float, decimals: int = 0) -> str:
    """``+4``, ``−12``, ``0``."""
    return numbers.signed(float(value), int(decimals))


@register.filter
def change(difference: Difference, decimals: int = 0) -> str:
    """A difference between two figures as they are shown: ``+2`` beside 11 and 13, even where
    the values, 11.4 and 12.6, differ by 1.2 (its interval and test stay those of the values)."""
    return numbers.change(difference.value_a, difference.value_b, int(decimals))


@register.inclusion_tag("insights/_reading.html")
def reading(response: Response) -> dict[str, Any]:
    """What the engine read in a response's comment, for the response's page."""
    return {"row": comment_reading(response)}


@register.inclusion_tag("insights/_answer_themes.html")
def answer_themes(
    question: Question, user: User, selection: Selection, insights_query: str
) -> dict[str, Any]:
    """What the answers to a free-text question speak of, for its survey's results;
    ``insights_query`` filters the comment explorer to the survey's answers."""
    found = selectors.answer_themes(actor=user, question=question, selection=selection)
    return {
        "found": found,
        "rows": [(row, negative_meter(row.negative)) for row in found.themes[:SHOWN_THEMES]],
        "more": len(found.themes) - SHOWN_THEMES,
        "unread": found.answered - found.read,
        "insights_query": insights_query,
    }


@register.inclusion_tag("insights/_customer_voice.html")
def customer_voice(customer: Customer, user: User) -> dict[str, Any]:
    """What one customer told us in the last year, for its account's or team's page."""
    voice = selectors.customer_voice(actor=user, customer_id=customer.pk)
    return {
        "voice": voice,
        "customer": customer,
        "rows": [(row, negative_meter(row.negative)) for row in voice.themes[:SHOWN_THEMES]],
        "latest": [
            (comment_reading(response), voice.scores_said.get(response.pk, ""))
            for response in voice.latest
        ],
    }


@register.filter
def ago(when: dt.datetime) -> str:
    """``just now`` for the first minute, where ``timesince`` says "0 minutes"; then
    ``5 minutes ago``."""
    now = clock.now()
    if now - when < dt.timedelta(minutes=1):
        return "just now"
    return f"{timesince(when, now)} ago"


@register.simple_tag
def languages_read() -> str:
    """The languages the engine reads, in words: "English, German, … and Dutch"."""
    return READ_IN_WORDS


@register.filter
def language_name(code: str) -> str:
    """The English name of a language the engine reads ("de": "German")."""
    return READ_NAMES.get(code, code)
