"""How an organisation sets up its closed loop: the rules that open cases, and the case settings
(business calendar, SLA per priority, root-cause taxonomy, closing messages).

Admins and CX leads write rules, the root-cause taxonomy and the closing messages; the calendar
and the SLA targets are the organisation's policy and only admins change them. Every write is
audited; the reads are scoped to the actor's organisation."""

from __future__ import annotations

import string
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.http import Http404

from centric.cases.conditions import FIELDS
from centric.cases.models import (
    BusinessCalendar,
    ClosingTemplate,
    Priority,
    RootCause,
    Rule,
    SlaPolicy,
)
from centric.cases.tasks import backfill_rule
from centric.core.audit import audit_record, audited_create, audited_delete, audited_update
from centric.core.background import enqueue_after_commit
from centric.core.models import AuditEvent
from centric.core.permissions import require_admin, require_org_wide
from centric.customers.models import Segment
from centric.feedback.models import JourneyStage
from centric.insights.models import ResponseAnalysis, ThemeDefinition, ThemeMention
from centric.people.models import User

PLACEHOLDERS = ("name", "family_name", "case", "resolution", "survey_link", "sender")
# Enough history for a back-fill to matter, short enough that a case still makes sense.
BACKFILL_MAX_DAYS = 365
SUGGESTIONS_LIMIT = 100

# --- rules: reads -----------------------------------------------------------------------------


def rule_list(*, actor: User) -> QuerySet[Rule]:
    """The organisation's rules in the order they are tried, with the cases each opened."""
    return (
        Rule.objects.filter(organisation_id=actor.organisation_id)
        .select_related("team", "person")
        .annotate(case_count=Count("cases"))
        .order_by("position", "name")
    )


def rule_access(*, actor: User, rule_id: int) -> Rule:
    """The rule if it is the actor's organisation's; 404 otherwise."""
    rule = (
        Rule.objects.filter(organisation_id=actor.organisation_id, pk=rule_id)
        .select_related("team", "person")
        .first()
    )
    if rule is None:
        raise Http404("No such rule")
    return rule


def condition_suggestions(*, organisation_id: int) -> dict[str, list[str]]:
    """Values the condition editor offers for each field that takes words: the organisation's
    own segments, journey stages and themes, and the care signals' kinds. (The fields whose
    values the models fix, ``routing.FIELD_CHOICES``, offer those to tick instead.)"""
    organisation = {"organisation_id": organisation_id}
    # ordered by the value itself, so that DISTINCT is over the value alone
    seen_themes = (
        ThemeMention.objects.filter(**organisation)
        .order_by("theme")
        .values_list("theme", flat=True)
    )
    seen_stages = (
        ResponseAnalysis.objects.filter(**organisation)
        .exclude(journey_stage="")
        .order_by("journey_stage")
        .values_list("journey_stage", flat=True)
    )
    suggestions = {name: list(spec.choices) for name, spec in FIELDS.items() if spec.choices}
    suggestions["segment"] = list(
        Segment.objects.filter(**organisation).values_list("name", flat=True)
    )
    suggestions["stage"] = _unique(
        [
            *JourneyStage.objects.filter(**organisation).values_list("name", flat=True),
            *seen_stages.distinct()[:SUGGESTIONS_LIMIT],
        ]
    )
    suggestions["themes"] = _unique(
        [
            *ThemeDefinition.objects.filter(**organisation).values_list("name", flat=True),
            *seen_themes.distinct()[:SUGGESTIONS_LIMIT],
        ]
    )
    suggestions["complaints"] = suggestions["themes"]
    return suggestions


def _unique(values: list[str]) -> list[str]:
    # the same theme may be defined and seen, spelled in different case
    kept: dict[str, str] = {}
    for value in values:
        kept.setdefault(value.strip().lower(), value.strip())
    return sorted(kept.values(), key=str.lower)


# --- rules: writes ----------------------------------------------------------------------------


@transaction.atomic
def rule_save(*, actor: User, values: Mapping[str, Any], rule: Rule | None = None) -> Rule:
    """Create a rule (tried after the existing ones) or change one."""
    require_org_wide(actor)
    if rule is not None:
        return audited_update(actor=actor, instance=rule, values=values)
    last = Rule.objects.filter(organisation_id=actor.organisation_id).aggregate(
        last=Max("position")
    )["last"]
    return audited_create(
        actor=actor,
        organisation_id=actor.organisation_id,
        model=Rule,
        values={**values, "position": (last or 0) + 1},
    )


def rule_delete(*, actor: User, rule: Rule) -> None:
    """Delete a rule; the cases it opened stay, without a rule."""
    require_org_wide(actor)
    audited_delete(actor=actor, instance=rule)


def rule_set_active(*, actor: User, rule: Rule, active: bool) -> Rule:
    require_org_wide(actor)
    return audited_update(actor=actor, instance=rule, values={"active": active})


@transaction.atomic
def rule_move(*, actor: User, rule: Rule, up: bool) -> None:
    """Swap the rule with the one tried before (``up``) or after it. Positions are numbered
    afresh, so rules that shared a position get a definite order."""
    require_org_wide(actor)
    rules = list(
        Rule.objects.select_for_update()
        .filter(organisation_id=rule.organisation_id)
        .order_by("position", "name")
    )
    index = next(i for i, other in enumerate(rules) if other.pk == rule.pk)
    neighbour = index - 1 if up else index + 1
    if not 0 <= neighbour < len(rules):
        return
    before = rules[index].position
    rules[index], rules[neighbour] = rules[neighbour], rules[index]
    for position, each in enumerate(rules, start=1):
        each.position = position
    Rule.objects.bulk_update(rules, ["position"])
    audit_record(
        organisation=rule.organisation_id,
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        instance=rule,
        changes={"position": [before, neighbour + 1]},
    )


def rule_backfill_request(*, actor: User, rule: Rule, days: int) -> None:
    """Open the rule's cases for the last ``days`` of feedback, in the background once this
    transaction commits. Feedback that already has a case is left alone, so asking twice
    opens nothing twice."""
    require_org_wide(actor)
    if not rule.active:
        raise ValidationError("Activate the rule before opening cases with it.")
    if not 1 <= days <= BACKFILL_MAX_DAYS:
        raise ValidationError(f"Choose between 1 and {BACKFILL_MAX_DAYS} days.")
    audit_record(
        organisation=rule.organisation_id,
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        instance=rule,
        changes={"back-filled days": [None, days]},
    )
    rule_id = rule.pk
    enqueue_after_commit(backfill_rule, rule_id, days)


# --- case settings: reads ---------------------------------------------------------------------


def calendar_get(*, actor: User) -> BusinessCalendar | None:
    require_org_wide(actor)
    return BusinessCalendar.objects.filter(organisation_id=actor.organisation_id).first()


def sla_policies(*, actor: User) -> dict[str, SlaPolicy]:
    require_org_wide(actor)
    policies = SlaPolicy.objects.filter(organisation_id=actor.organisation_id)
    return {policy.priority: policy for policy in policies}


def root_cause_list(*, actor: User) -> QuerySet[RootCause]:
    require_org_wide(actor)
    return (
        RootCause.objects.filter(organisation_id=actor.organisation_id)
        .select_related("parent")
        .annotate(case_count=Count("cases"))
        .order_by("-active", "name")
    )


def root_cause_access(*, actor: User, root_cause_id: int) -> RootCause:
    require_org_wide(actor)
    cause = RootCause.objects.filter(
        organisation_id=actor.organisation_id, pk=root_cause_id
    ).first()
    if cause is None:
        raise Http404("No such root cause")
    return cause


def closing_templates(*, actor: User) -> dict[str, ClosingTemplate]:
    require_org_wide(actor)
    templates = ClosingTemplate.objects.filter(organisation_id=actor.organisation_id)
    return {template.language: template for template in templates.select_related("resurvey")}


# --- case settings: writes --------------------------------------------------------------------


@transaction.atomic
def calendar_save(*, actor: User, values: Mapping[str, Any]) -> BusinessCalendar:
    """Set the business calendar: ``time_zone``, ``hours`` ({"0": ["09:00", "17:00"], ...},
    Monday is "0") and ``holidays`` (ISO dates). New SLA clocks use it from now on."""
    require_admin(actor)
    stored = BusinessCalendar.objects.filter(organisation_id=actor.organisation_id).first()
    candidate = BusinessCalendar(organisation_id=actor.organisation_id, **values)
    try:
        candidate.to_sla()
    except ValueError as error:
        raise ValidationError(f"These business hours cannot be used: {error}.") from None
    if stored is None:
        return audited_create(
            actor=actor,
            organisation_id=actor.organisation_id,
            model=BusinessCalendar,
            values=values,
        )
    return audited_update(actor=actor, instance=stored, values=values)


@transaction.atomic
def sla_policies_save(*, actor: User, targets: Mapping[str, tuple[Decimal, Decimal]]) -> None:
    """Set the business hours to first contact and to resolution of each priority."""
    require_admin(actor)
    stored = {
        policy.priority: policy
        for policy in SlaPolicy.objects.filter(organisation_id=actor.organisation_id)
    }
    for priority, (first, resolution) in targets.items():
        label = Priority(priority).label
        if first <= 0 or resolution <= 0:
            raise ValidationError(f"{label}: give more than 0 hours.")
        if first > resolution:
            raise ValidationError(f"{label}: first contact cannot be due after the resolution.")
        values = {"first_contact_hours": first, "resolution_hours": resolution}
        if priority in stored:
            audited_update(actor=actor, instance=stored[priority], values=values)
        else:
            audited_create(
                actor=actor,
                organisation_id=actor.organisation_id,
                model=SlaPolicy,
                values={"priority": priority, **values},
            )


def root_cause_parent_check(cause: RootCause | None, parent: RootCause | None) -> None:
    """A category may not sit under itself or under one of its own sub-categories."""
    seen: set[int] = set()
    while parent is not None and parent.pk not in seen:
        if cause is not None and parent.pk == cause.pk:
            raise ValidationError(
                {"parent": "A category cannot sit under itself or one of its sub-categories."}
            )
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def root_cause_save(
    *, actor: User, values: Mapping[str, Any], cause: RootCause | None = None
) -> RootCause:
    require_org_wide(actor)
    parent = values.get("parent")
    if parent is not None and parent.organisation_id != actor.organisation_id:
        raise ValidationError({"parent": "Choose one of your organisation's categories."})
    root_cause_parent_check(cause, parent)
    if cause is None:
        return audited_create(
            actor=actor, organisation_id=actor.organisation_id, model=RootCause, values=values
        )
    return audited_update(actor=actor, instance=cause, values=values)


def root_cause_set_active(*, actor: User, cause: RootCause, active: bool) -> RootCause:
    """Retire a category (cases keep it; it is no longer offered) or bring it back."""
    require_org_wide(actor)
    return audited_update(actor=actor, instance=cause, values={"active": active})


def placeholder_problems(text: str) -> list[str]:
    """What is wrong with the placeholders of a closing message: unknown names, or braces that
    do not pair ("{{" and "}}" write a brace)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return ["A “{” or “}” does not pair up; write “{{” or “}}” for a brace itself."]
    problems = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            written = "{" + name + (f"!{conversion}" if conversion else "")
            written += (f":{spec}" if spec else "") + "}"
            known = ", ".join("{" + known + "}" for known in PLACEHOLDERS)
            problems.append(f"Unknown placeholder {written}: use {known}.")
    return problems


@transaction.atomic
def closing_template_save(
    *,
    actor: User,
    language: str,
    values: Mapping[str, Any],
    template: ClosingTemplate | None = None,
) -> ClosingTemplate:
    require_org_wide(actor)
    problems = {
        name: placeholder_problems(str(values.get(name, ""))) for name in ("subject", "body")
    }
    if any(problems.values()):
        raise ValidationError({name: found for name, found in problems.items() if found})
    survey = values.get("resurvey")
    if survey is not None and survey.organisation_id != actor.organisation_id:
        raise ValidationError({"resurvey": "Choose one of your organisation's surveys."})
    if template is None:
        return audited_create(
            actor=actor,
            organisation_id=actor.organisation_id,
            model=ClosingTemplate,
            values={**values, "language": language},
        )
    return audited_update(actor=actor, instance=template, values=values)
