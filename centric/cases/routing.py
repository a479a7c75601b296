"""Routing: the organisation's active rules read each new piece of feedback, and the first rule
that matches opens its case. Also the rule editor's preview ("this rule would have opened N cases
in the last 30 days") and the back-fill of a rule over history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from centric.cases.conditions import Facts, Predicate, compile_rule
from centric.cases.models import Case, Rule
from centric.cases.services import cases_comment_sync, cases_open
from centric.core import clock
from centric.customers.models import Customer, Tier
from centric.feedback.models import Answer, Response
from centric.insights.models import ResponseAnalysis, ThemeMention

BATCH = 1000
# Feedback older than this is history, not a problem to act on now: it opens no case.
MAX_AGE = dt.timedelta(days=14)
# the scores a rule may ask for by kind, whichever is a response's headline
SCORED = ("nps", "csat", "ces")
# what a comment says of a theme it complains of
COMPLAINED = frozenset({ResponseAnalysis.Label.NEGATIVE, ResponseAnalysis.Label.MIXED})
# The values of each choice field that the models fix, with their labels: the choices of the
# model field ``facts_of`` reads, so that a rule may ask for each of them and for no other.
FIELD_CHOICES: dict[str, dict[str, str]] = {
    "score_type": dict(Response.ScoreType.choices),
    "sentiment": dict(ResponseAnalysis.Label.choices),
    "tier": dict(Tier.choices),
    "customer_kind": dict(Customer.Kind.choices),
    "channel": dict(Response.Channel.choices),
    "kind": dict(Response.Kind.choices),
}


def facts_of(response: Response) -> Facts:
    """What the conditions can ask about one response (with its analysis, themes, scored
    answers and account loaded by ``with_facts``)."""
    analysis = getattr(response, "analysis", None)
    customer = response.customer
    account = customer.account if customer is not None else None
    # each kind's score: the headline when of that kind, else the first question's answer
    answered: dict[str, int | None] = {}
    for answer in response.answers.all():  # in question order
        answered.setdefault(answer.question.kind, answer.number)
    if response.score is not None and response.score_type:
        answered[response.score_type] = response.score
    mentions = list(response.theme_mentions.all())
    return Facts(
        score=response.score,
        score_type=response.score_type,
        nps=answered.get("nps"),
        csat=answered.get("csat"),
        ces=answered.get("ces"),
        sentiment=analysis.sentiment_label if analysis else "",
        sentiment_score=analysis.sentiment_score if analysis else None,
        themes=frozenset(m.theme.lower() for m in mentions),
        complaints=frozenset(m.theme.lower() for m in mentions if m.sentiment_label in COMPLAINED),
        care_signals=frozenset(
            str(signal.get("kind", "")).lower()
            for signal in (analysis.care_signals if analysis else [])
        ),
        urgent=bool(analysis and analysis.urgent),
        churn_risk=bool(analysis and analysis.churn_risk),
        praise=bool(analysis and analysis.praise),
        segment=(account.segment.name.lower() if account and account.segment else ""),
        tier=account.tier if account else "",
        stage=(
            response.stage.name.lower()
            if response.stage
            else (analysis.journey_stage.lower() if analysis else "")
        ),
        customer_kind=customer.kind if customer else "",
        channel=response.channel,
        kind=response.kind,
        text=response.comment.lower(),
    )


def with_facts(responses: QuerySet[Response]) -> QuerySet[Response]:
    """``responses`` with what ``facts_of`` reads, and what opening a case reads (its contact,
    the account's owner and team, an internal customer's team), in one query per batch rather
    than three per case."""
    return responses.select_related(
        "analysis",
        "stage",
        "contact",
        "customer__account__segment",
        "customer__account__owner",
        "customer__account__team",
        "customer__team",
    ).prefetch_related(
        Prefetch(
            "theme_mentions",
            # what a comment says of each theme too (``complaints``), or a query per mention
            queryset=ThemeMention.objects.only("response_id", "theme", "sentiment_label"),
        ),
        Prefetch(
            "answers",
            queryset=Answer.objects.filter(question__kind__in=SCORED, number__isnull=False)
            .select_related("question")
            .only("response_id", "number", "question__kind")
            .order_by("question__position"),
        ),
    )


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    matches: Predicate


def active_rules(organisation_id: int) -> list[CompiledRule]:
    rules = Rule.objects.filter(organisation_id=organisation_id, active=True).select_related(
        "team", "person"
    )
    return [
        CompiledRule(rule, compile_rule(rule.conditions_all, rule.conditions_any)) for rule in rules
    ]


def first_match(rules: Sequence[CompiledRule], facts: Facts) -> Rule | None:
    for compiled in rules:
        if compiled.matches(facts):
            return compiled.rule
    return None


def responses_route(*, response_ids: Iterable[int]) -> int:
    """Run each organisation's active rules over these responses and open a case for each that
    a rule matches and that has no case yet. Feedback given more than ``MAX_AGE`` ago (last
    year's import) opens nothing. Returns the number of cases opened; running it again opens
    none. Cases these responses opened before take their words as they are now."""
    response_ids = list(response_ids)
    cases_comment_sync(response_ids=response_ids)
    pending = (
        Response.objects.filter(pk__in=response_ids)
        .filter(Q(responded_at__isnull=True) | Q(responded_at__gte=clock.now() - MAX_AGE))
        .exclude(cases__isnull=False)
    )
    by_organisation: dict[int, list[int]] = {}
    for pk, organisation_id in pending.values_list("pk", "organisation_id"):
        by_organisation.setdefault(organisation_id, []).append(pk)
    opened = 0
    for organisation_id, ids in by_organisation.items():
        rules = active_rules(organisation_id)
        for batch in _batches(ids):
            matches = [(response, first_match(rules, facts_of(response))) for response in batch]
            opened += len(cases_open(matches=[(r, rule) for r, rule in matches if rule]))
    return opened


def _batches(responses: QuerySet[Response] | list[int]) -> Iterator[list[Response]]:
    ids = responses if isinstance(responses, list) else list(responses.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        yield list(
            with_facts(Response.objects.filter(pk__in=ids[start : start + BATCH])).order_by("pk")
        )


@dataclass(frozen=True)
class Preview:
    days: int
    evaluated: int
    matched: int
    examples: list[Response]


def rule_preview(*, rule: Rule, days: int = 30, examples: int = 5) -> Preview:
    """How many responses of the last ``days`` the rule (saved or not) matches, with the most
    recent examples. Reads only; opens nothing."""
    since = clock.now() - dt.timedelta(days=days)
    matches = compile_rule(rule.conditions_all, rule.conditions_any)
    recent = Response.objects.filter(organisation_id=rule.organisation_id, responded_at__gte=since)
    evaluated, found = 0, []
    for batch in _batches(recent):
        for response in batch:
            evaluated += 1
            if matches(facts_of(response)):
                found.append(response)
    found.sort(key=lambda r: (r.responded_at, r.pk), reverse=True)
    return Preview(days, evaluated, len(found), found[:examples])


def rule_backfill(*, rule: Rule, days: int) -> int:
    """Open the rule's cases for the last ``days`` of feedback that has no case yet (the rule
    alone decides; other rules' order does not apply to history)."""
    since = clock.now() - dt.timedelta(days=days)
    matches = compile_rule(rule.conditions_all, rule.conditions_any)
    opened = 0
    pending = Response.objects.filter(
        organisation_id=rule.organisation_id, responded_at__gte=since
    ).exclude(pk__in=Case.objects.filter(response__isnull=False).values("response_id"))
    for batch in _batches(pending):
        found = [(response, rule) for response in batch if matches(facts_of(response))]
        opened += len(cases_open(matches=found))
    return opened
