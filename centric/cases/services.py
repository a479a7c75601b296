"""Writes for the closed loop: opening a case, handing it over, moving it through its states,
recording contact and root cause, and closing the loop with the customer. Every change lands on
the case's timeline and in the audit log, and is announced to the organisation's webhooks."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import smtplib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Subquery
from django.urls import reverse

from centric.cases import owner_mail, sla, webhooks
from centric.cases.models import (
    DEFAULT_ROOT_CAUSES,
    DEFAULT_SLA_HOURS,
    BusinessCalendar,
    Case,
    CaseEvent,
    ClosingTemplate,
    Notification,
    Priority,
    RootCause,
    Rule,
    SlaPolicy,
)
from centric.cases.selectors import can_own_case, case_actionable, case_owners, rated_team
from centric.core import clock
from centric.core.audit import audit_event, audit_record
from centric.core.background import enqueue_after_commit
from centric.core.mail import one_line
from centric.core.models import AuditEvent, Organisation
from centric.core.permissions import require_write
from centric.core.roles import Role
from centric.customers.models import Customer
from centric.feedback.models import Invitation, OptOut, Response, Survey
from centric.feedback.services import survey_from_template
from centric.feedback.wording import greeting, mail_words
from centric.insights.text.language import ENGLISH, guess_language
from centric.people.models import LANGUAGES, Team, User

logger = logging.getLogger(__name__)
State = Case.State
# Where each state may go next; reopening a resolved or closed case puts it back in progress.
TRANSITIONS: dict[str, frozenset[str]] = {
    State.NEW: frozenset({State.CONTACTED, State.IN_PROGRESS, State.RESOLVED}),
    State.CONTACTED: frozenset({State.IN_PROGRESS, State.RESOLVED}),
    State.IN_PROGRESS: frozenset({State.CONTACTED, State.RESOLVED}),
    State.RESOLVED: frozenset({State.CLOSED, State.IN_PROGRESS}),
    State.CLOSED: frozenset({State.IN_PROGRESS}),
}
DEFAULT_HOURS = {str(day): ["09:00", "17:00"] for day in range(5)}
CLOSING_TEMPLATES = {
    "en": (
        "Your feedback: what we did about it",
        "Dear {name},\n\nThank you for telling us what went wrong. We looked into it, and this is "
        "what we have done:\n\n{resolution}\n\n{survey_link}\nKind regards,\n{sender}",
    ),
    "de": (
        "Ihr Feedback: was wir unternommen haben",
        "Guten Tag {name},\n\ndanke, dass Sie uns gesagt haben, was schiefgelaufen ist. Wir sind "
        "dem nachgegangen und haben Folgendes getan:\n\n{resolution}\n\n{survey_link}\n"
        "Mit freundlichen Grüßen\n{sender}",
    ),
    "fr": (
        "Votre avis\u00a0: ce que nous avons fait",
        "Bonjour {name},\n\nMerci de nous avoir fait part de ce qui n'allait pas. Nous avons "
        "examiné la question, et voici ce que nous avons fait\u00a0:\n\n{resolution}\n\n"
        "{survey_link}\nBien cordialement,\n{sender}",
    ),
    "es": (
        "Su opinión: lo que hemos hecho al respecto",
        "Hola, {name}:\n\nGracias por hacernos saber qué ha fallado. Lo hemos revisado y esto es "
        "lo que hemos hecho:\n\n{resolution}\n\n{survey_link}\nUn cordial saludo,\n{sender}",
    ),
    "it": (
        "Il Suo feedback: ecco cosa abbiamo fatto",
        "Buongiorno {name},\n\nLa ringraziamo per averci segnalato che cosa non ha funzionato. "
        "Abbiamo esaminato la questione ed ecco che cosa abbiamo fatto:\n\n{resolution}\n\n"
        "{survey_link}\nCordiali saluti,\n{sender}",
    ),
    "nl": (
        "Uw feedback: wat we ermee hebben gedaan",
        "Beste {name},\n\nHartelijk dank dat u ons hebt laten weten wat er misging. We hebben het "
        "uitgezocht en dit is wat we hebben gedaan:\n\n{resolution}\n\n{survey_link}\n"
        "Met vriendelijke groet,\n{sender}",
    ),
    "pt": (
        "A sua opinião: o que fizemos a esse respeito",
        "Olá, {name}:\n\nAgradecemos que nos tenha dado a conhecer o que correu mal. Analisámos a "
        "situação e foi isto que fizemos:\n\n{resolution}\n\n{survey_link}\n"
        "Com os melhores cumprimentos,\n{sender}",
    ),
    "pl": (
        "Państwa opinia: co zrobiliśmy w tej sprawie",
        "Dzień dobry, {name}!\n\nDziękujemy za informację o tym, co poszło nie tak. Przyjrzeliśmy "
        "się sprawie i podjęliśmy następujące działania:\n\n{resolution}\n\n{survey_link}\n"
        "Z poważaniem\n{sender}",
    ),
    "sv": (
        "Dina synpunkter: det här har vi gjort",
        "Hej {name}!\n\nTack för att du berättade för oss vad som gick fel. Vi har undersökt "
        "saken och har gjort följande:\n\n{resolution}\n\n{survey_link}\n"
        "Vänliga hälsningar\n{sender}",
    ),
    "ja": (
        "お寄せいただいたご意見への対応について",
        "{family_name}様\n\nこのたびは、至らなかった点をお知らせいただき、誠にありがとうございました。"
        "内容を確認のうえ、以下のとおり対応いたしました。\n\n{resolution}\n\n{survey_link}\n"
        "今後ともよろしくお願いいたします。\n{sender}",
    ),
}
SURVEY_LINK_LINE = {
    "en": "Would you tell us how we did now? {link}\n",
    "de": "Wie zufrieden sind Sie jetzt mit uns? Sagen Sie es uns gern: {link}\n",
    "fr": "Pourriez-vous nous dire ce que vous en pensez à présent\u202f? {link}\n",
    "es": "¿Le importaría decirnos qué opina ahora? {link}\n",
    "it": "Vorrebbe dirci che cosa ne pensa ora? {link}\n",
    "nl": "Wilt u ons laten weten hoe u het nu ervaart? {link}\n",
    "pt": "Poderia dizer-nos o que pensa agora? {link}\n",
    "pl": "Czy zechcieliby Państwo ocenić teraz nasze działania? {link}\n",
    "sv": "Vill du berätta för oss vad du tycker nu? {link}\n",
    "ja": "よろしければ、今回の対応について改めてご意見をお聞かせください。{link}\n",
}
# The subject of the short mail that asks for the re-survey alone, after a loop closed by phone,
# chat or in a meeting: it asks how we did, and reports nothing done (the closing messages'
# subjects do).
RESURVEY_SUBJECTS = {
    "en": "How did we do?",
    "de": "Wie zufrieden sind Sie mit uns?",
    "fr": "Qu'avez-vous pensé de notre réponse\u202f?",
    "es": "¿Qué le ha parecido nuestra respuesta?",
    "it": "Come valuta la nostra risposta?",
    "nl": "Hoe tevreden bent u over onze aanpak?",
    "pt": "O que achou da nossa resposta?",
    "pl": "Jak oceniają Państwo naszą pomoc?",
    "sv": "Hur tycker du att vi skötte det?",
    "ja": "今回の対応についてご意見をお聞かせください",
}


# --- the organisation's settings ------------------------------------------------------------


def defaults_ensure(*, organisation_id: int, time_zone: str = "UTC") -> None:
    """A new organisation's calendar (weekdays 9 to 5), SLA per priority, root causes and
    closing messages, each left alone if it exists."""
    BusinessCalendar.objects.get_or_create(
        organisation_id=organisation_id, defaults={"time_zone": time_zone, "hours": DEFAULT_HOURS}
    )
    for priority, (first, resolution) in DEFAULT_SLA_HOURS.items():
        SlaPolicy.objects.get_or_create(
            organisation_id=organisation_id,
            priority=priority,
            defaults={"first_contact_hours": first, "resolution_hours": resolution},
        )
    for name, description in DEFAULT_ROOT_CAUSES:
        RootCause.objects.get_or_create(
            organisation_id=organisation_id, name=name, defaults={"description": description}
        )
    for language, (subject, body) in CLOSING_TEMPLATES.items():
        ClosingTemplate.objects.get_or_create(
            organisation_id=organisation_id,
            language=language,
            defaults={"subject": subject, "body": body},
        )


def calendar_of(organisation_id: int) -> sla.Calendar:
    stored = BusinessCalendar.objects.filter(organisation_id=organisation_id).first()
    if stored is None:
        return sla.Calendar("UTC", {int(day): (dt.time(9), dt.time(17)) for day in DEFAULT_HOURS})
    return stored.to_sla()


def sla_hours(*, organisation_id: int, priority: str, rule: Rule | None) -> tuple[Decimal, Decimal]:
    """Business hours to first contact and to resolution: the rule's own, else the priority's."""
    policies = _policies(organisation_id)
    return _targets(policies, priority, rule)


def _policies(organisation_id: int) -> dict[str, tuple[Decimal, Decimal]]:
    stored = {
        policy.priority: (policy.first_contact_hours, policy.resolution_hours)
        for policy in SlaPolicy.objects.filter(organisation_id=organisation_id)
    }
    defaults = {str(p): (Decimal(a), Decimal(b)) for p, (a, b) in DEFAULT_SLA_HOURS.items()}
    return {**defaults, **stored}


def _targets(
    policies: Mapping[str, tuple[Decimal, Decimal]], priority: str, rule: Rule | None
) -> tuple[Decimal, Decimal]:
    first, resolution = policies[priority]
    if rule is not None:
        first = rule.first_contact_hours or first
        resolution = rule.resolution_hours or resolution
    return first, resolution


# --- opening --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where a new case goes: its owner (None leaves it in the team's unassigned queue)."""

    owner: User | None
    team: Team | None


class _Placer:
    """Picks the owners of a batch of new cases by each rule's strategy. Only people who may
    work a case are picked (``can_own_case``): a viewer named by the strategy counts as nobody
    named. Round robin takes the team's members who may own cases in turn: the rules' cursors
    are read under row locks, held until the batch commits so that concurrent workers never
    give the same turn twice, and moved once, by the turns taken. ``lock`` takes the locks of a
    whole batch at once, in one order, so that two batches never wait for each other's rules in
    a circle; ``load`` reads what the batch's feedback says of the teams that look after it in
    a few queries for the whole batch, not a few for each case."""

    def __init__(self) -> None:
        self.members: dict[int, list[User]] = {}
        self.serving: dict[int, Team | None] = {}
        self.cursors: dict[int, int] = {}
        self.taken: Counter[int] = Counter()

    def lock(self, rule_ids: Iterable[int]) -> None:
        locked = Rule.objects.select_for_update().filter(pk__in=sorted(set(rule_ids)))
        self.cursors.update(locked.order_by("pk").values_list("pk", "round_robin_cursor"))

    def load(self, responses: Sequence[Response]) -> None:
        """Attach to each response its survey with the team it rates (and that team's lead),
        and read which team serves each internal customer among them: two or three queries
        for the batch."""
        surveys = Survey.objects.select_related("subject_team__lead").in_bulk(
            {response.survey_id for response in responses if response.survey_id is not None}
        )
        for response in responses:
            if response.survey_id in surveys:
                response.survey = surveys[response.survey_id]
        internal = {
            response.customer.team_id
            for response in responses
            if rated_team(response) is None
            and response.customer is not None
            and response.customer.team_id is not None
        } - self.serving.keys()
        self._serving_load(internal)

    def _serving_load(self, team_ids: set[int]) -> None:
        if not team_ids:
            return
        serving: dict[int, list[int]] = {team_id: [] for team_id in team_ids}
        links = Team.serves.through.objects.filter(to_team_id__in=team_ids)
        for served, by in links.values_list("to_team_id", "from_team_id"):
            serving[served].append(by)
        only = {served: by[0] for served, by in serving.items() if len(by) == 1}
        teams = Team.objects.select_related("lead").in_bulk(set(only.values()))
        for served in team_ids:
            self.serving[served] = teams.get(only[served]) if served in only else None

    def serving_team(self, customer: Customer | None) -> Team | None:
        """The team that looks after a customer: the account's team, or for an internal
        customer (a team) the one team that serves it. When several serve it and nothing says
        which this is about, none: the case waits for the CX leads to hand it on rather than
        going to whichever team comes first by name."""
        if customer is None:
            return None
        if customer.kind == Customer.Kind.EXTERNAL:
            return customer.account.team if customer.account else None
        if customer.team_id is None:
            return None
        self._serving_load({customer.team_id} - self.serving.keys())
        return self.serving[customer.team_id]

    def looking_after(self, response: Response) -> Team | None:
        """The team that looks after a piece of feedback: for an answer to a survey that rates
        a team (an internal customer's say on a team that serves it), the team rated, whoever
        the respondent's team is and whoever serves it; else the customer's team
        (``serving_team``)."""
        return rated_team(response) or self.serving_team(response.customer)

    def place(self, rule: Rule, response: Response) -> Placement:
        customer = response.customer
        team = self.looking_after(response)
        if rule.owner_strategy == Rule.OwnerStrategy.PERSON and rule.person is not None:
            person = rule.person if can_own_case(rule.person) else None
            return Placement(person, rule.team or team)
        if rule.owner_strategy == Rule.OwnerStrategy.CUSTOMER_OWNER:
            owner: User | None = None
            if (
                rated_team(response) is None
                and customer is not None
                and customer.kind == Customer.Kind.EXTERNAL
            ):
                owner = customer.account.owner if customer.account else None
            elif team is not None:  # the team rated, or the one serving an internal customer
                owner = team.lead
            if owner is not None and can_own_case(owner):
                return Placement(owner, team or rule.team)
        team = rule.team or team
        if team is None:
            return Placement(None, None)
        if team.pk not in self.members:
            self.members[team.pk] = list(case_owners(team.members.all()).order_by("pk"))
        members = self.members[team.pk]
        if not members:
            return Placement(None, team)
        if rule.pk not in self.cursors:
            self.cursors[rule.pk] = (
                Rule.objects.select_for_update()
                .values_list("round_robin_cursor", flat=True)
                .get(pk=rule.pk)
            )
        turn = self.cursors[rule.pk] + self.taken[rule.pk]
        self.taken[rule.pk] += 1
        return Placement(members[turn % len(members)], team)

    def save(self) -> None:
        for rule_id, turns in self.taken.items():
            Rule.objects.filter(pk=rule_id).update(
                round_robin_cursor=F("round_robin_cursor") + turns
            )


def placement_for(*, rule: Rule, response: Response) -> Placement:
    """The owner the rule's strategy picks for a case about one piece of feedback (taking a
    round-robin turn)."""
    placer = _Placer()
    with transaction.atomic():
        placer.load([response])
        placement = placer.place(rule, response)
        placer.save()
    return placement


def case_title(response: Response) -> str:
    """Who said what, in short: "Acme: NPS 3"; for feedback rating a team, who rated which
    team: "Marketing on Finance: CSAT 3". On one line, whatever the names hold: it is the
    subject of mail about the case."""
    who = str(response.customer) if response.customer_id else "A customer"
    rated = rated_team(response)
    if rated is not None:
        who = f"{who} on {rated.name}"
    if response.score is not None and response.score_type:
        return one_line(
            f"{who}: {response.get_score_type_display().split(' ')[0]} {response.score}"
        )
    return one_line(f"{who}: {response.get_kind_display().lower()}")


def case_open_for_response(*, response: Response, rule: Rule) -> Case | None:
    """Open the rule's case for a piece of feedback, unless that feedback already has one.
    Safe to call again for the same response: it opens nothing the second time."""
    opened = cases_open(matches=[(response, rule)])
    return opened[0] if opened else None


def cases_open(*, matches: Sequence[tuple[Response, Rule]]) -> list[Case]:
    """Open one case per (feedback, rule) of one organisation, skipping feedback that has a
    case already, and return the cases opened. A batch is written at once (the cases, their
    timeline, the audit log, notifications and webhook deliveries); if another worker opened
    one of them meanwhile, the batch is opened one case at a time instead, skipping that one."""
    try:
        with transaction.atomic():
            return _open(matches)
    except IntegrityError:
        if len(matches) == 1:
            return []
        return [case for match in matches for case in cases_open(matches=[match])]


def cases_comment_sync(*, response_ids: Sequence[int]) -> int:
    """A respondent may change their answers until the survey closes: the cases their feedback
    opened take its words as they are now. Returns how many cases changed."""
    changed = Response.objects.filter(pk=OuterRef("response_id")).exclude(
        comment=OuterRef("comment")
    )
    return (
        Case.objects.filter(response_id__in=response_ids)
        .filter(Exists(changed))
        .update(
            comment=Subquery(
                Response.objects.filter(pk=OuterRef("response_id")).values("comment")[:1]
            )
        )
    )


def _case_for(response: Response, **values: Any) -> Case:
    """A case (not yet saved) about ``response``: its words, customer and contact are the
    response's; ``values`` are the rest."""
    return Case(
        organisation_id=response.organisation_id,
        title=case_title(response)[:200],
        comment=response.comment,
        customer=response.customer,
        contact=response.contact,
        response=response,
        **values,
    )


def _open(matches: Sequence[tuple[Response, Rule]]) -> list[Case]:
    taken = set(
        Case.objects.filter(response_id__in=[response.pk for response, _ in matches]).values_list(
            "response_id", flat=True
        )
    )
    matches = [(response, rule) for response, rule in matches if response.pk not in taken]
    if not matches:
        return []
    organisation_id = matches[0][1].organisation_id
    now, calendar, policies = clock.now(), calendar_of(organisation_id), _policies(organisation_id)

    @functools.cache
    def due(hours: Decimal) -> dt.datetime:  # the same for every case opened now
        return sla.add_business_time(calendar, now, _hours(hours))

    placer = _Placer()
    placer.lock(rule.pk for _, rule in matches)
    placer.load([response for response, _ in matches])
    cases = []
    for response, rule in matches:
        placement = placer.place(rule, response)
        first, resolution = _targets(policies, rule.priority, rule)
        cases.append(
            _case_for(
                response,
                rule=rule,
                owner=placement.owner,
                team=placement.team,
                priority=rule.priority,
                tags=list(rule.tags),
                opened_at=now,
                first_contact_due=due(first),
                resolution_due=due(resolution),
            )
        )
    placer.save()
    Case.objects.bulk_create(cases)
    CaseEvent.objects.bulk_create(
        CaseEvent(
            organisation_id=organisation_id,
            case=case,
            kind=CaseEvent.Kind.OPENED,
            data={"rule": rule.name, "rule_id": rule.pk},
            at=now,
        )
        for case, (_, rule) in zip(cases, matches, strict=True)
    )
    AuditEvent.objects.bulk_create(
        audit_event(
            organisation=organisation_id,
            actor=None,
            action=AuditEvent.Action.CREATE,
            instance=case,
            changes={"rule": [None, rule.name], "owner": [None, str(case.owner or "")]},
        )
        for case, (_, rule) in zip(cases, matches, strict=True)
    )
    notify_many(
        [
            (case.owner, case, f"New case for you: {case.title}", rule.notify_owner)
            for case, (_, rule) in zip(cases, matches, strict=True)
            if case.owner is not None
        ],
        new_cases=True,
    )
    webhooks.publish_many(cases=cases, event="case.opened")
    return cases


def _hours(hours: Decimal) -> dt.timedelta:
    return dt.timedelta(hours=float(hours))


def case_open_by_person(
    *, actor: User, response: Response, owner: User, priority: str, note: str = ""
) -> Case:
    """A person opens a case for a piece of feedback no rule opened one for, and hands it to
    ``owner`` (themselves, often): the team that looks after the feedback holds it, as for a
    case a rule opens (the team it rates, else the customer's; the owner's first team when no
    team looks after it), with the SLA of its priority."""
    require_write(actor)
    if response.organisation_id != actor.organisation_id:
        raise PermissionDenied("This feedback belongs to another organisation.")
    if owner.organisation_id != actor.organisation_id or not owner.is_active:
        raise ValidationError({"owner": "Choose an active person of your organisation."})
    if owner.role == Role.VIEWER:
        raise ValidationError({"owner": "A viewer cannot own a case."})
    if priority not in Priority.values:
        raise ValidationError({"priority": "Choose urgent, high, normal or low."})
    now, calendar = clock.now(), calendar_of(actor.organisation_id)
    first, resolution = _targets(_policies(actor.organisation_id), priority, None)
    team = _Placer().looking_after(response) or owner.teams.order_by("name").first()
    try:
        with transaction.atomic():
            case = _case_for(
                response,
                owner=owner,
                team=team,
                priority=priority,
                opened_at=now,
                first_contact_due=sla.add_business_time(calendar, now, _hours(first)),
                resolution_due=sla.add_business_time(calendar, now, _hours(resolution)),
            )
            case.save()
            opened_by = {"by": str(actor), "by_id": actor.pk}
            _event(case, actor, CaseEvent.Kind.OPENED, opened_by, text=note.strip())
            audit_record(
                organisation=case.organisation_id,
                actor=actor,
                action=AuditEvent.Action.CREATE,
                instance=case,
                changes={"response": [None, response.pk], "owner": [None, str(owner)]},
            )
            if owner.pk != actor.pk:
                notify(owner, case, f"{actor} opened a case for you: {case.title}", email=True)
            webhooks.publish(case=case, event="case.opened")
    except IntegrityError:  # one piece of feedback opens one case, and it has one
        raise ValidationError({"response": "This feedback has a case already."}) from None
    return case


# --- working a case -------------------------------------------------------------------------


def _event(
    case: Case, actor: User | None, kind: str, data: Mapping[str, Any] | None = None, text: str = ""
) -> CaseEvent:
    return CaseEvent.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        actor=actor,
        kind=kind,
        data=dict(data or {}),
        text=text,
        at=clock.now(),
    )


def _audit(actor: User, case: Case, changes: Mapping[str, list[Any]]) -> None:
    audit_record(
        organisation=case.organisation_id,
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        instance=case,
        changes=changes,
    )


def _check(actor: User, case: Case) -> None:
    require_write(actor)
    if not case_actionable(actor=actor, case=case):
        raise PermissionDenied("This case belongs to a team you are not in.")


@transaction.atomic
def case_assign(*, actor: User, case: Case, owner: User) -> Case:
    """Hand the case to one person: ownership moves, it is never shared."""
    _check(actor, case)
    if owner.organisation_id != case.organisation_id or not owner.is_active:
        raise ValidationError({"owner": "Choose an active person of your organisation."})
    if owner.role == "viewer":
        raise ValidationError({"owner": "A viewer cannot own a case."})
    if case.owner_id == owner.pk:
        return case
    before, before_id = str(case.owner or ""), case.owner_id
    case.owner = owner
    case.save(update_fields=["owner", "updated_at"])
    # names for people to read, ids for programs: two people may share a name
    moved = {"from": before, "from_id": before_id, "to": str(owner), "to_id": owner.pk}
    _event(case, actor, CaseEvent.Kind.ASSIGNED, moved)
    _audit(actor, case, {"owner": [before, str(owner)]})
    if owner.pk != actor.pk:
        notify(owner, case, f"{actor} handed you a case: {case.title}", email=True)
    webhooks.publish(case=case, event="case.assigned")
    return case


@transaction.atomic
def case_transition(*, actor: User, case: Case, state: str, note: str = "") -> Case:
    """Move the case to ``state``. Resolving needs a root cause and a resolution; reopening a
    resolved or closed case counts as a reopen."""
    _check(actor, case)
    if state not in TRANSITIONS[case.state]:
        raise ValidationError(
            {
                "state": f"A {case.get_state_display().lower()} case cannot move to {State(state).label.lower()}."
            }
        )
    if state == State.RESOLVED and (case.root_cause_id is None or not case.resolution.strip()):
        raise ValidationError(
            {"state": "Record the root cause and the resolution before resolving the case."}
        )
    now, before = clock.now(), case.state
    reopened = before in (State.RESOLVED, State.CLOSED)
    changes: dict[str, list[Any]] = {"state": [State(before).label, State(state).label]}
    case.state = state
    if state == State.RESOLVED:
        case.resolved_at = now
    elif state == State.CLOSED:
        case.closed_at = now
    elif reopened:
        case.resolved_at = case.closed_at = None
        case.reopen_count += 1
        # the old deadline was met or missed when the case was resolved: worked anew, it has a
        # fresh resolution clock from now, by its SLA, rather than one that ran out long ago
        old_due, case.resolution_due = case.resolution_due, _resolution_due(case, now)
        changes["resolution due"] = [old_due.isoformat(), case.resolution_due.isoformat()]
    case.save()
    data = {"from": before, "to": state, "reopened": reopened}
    _event(case, actor, CaseEvent.Kind.STATE, data, text=note)
    _audit(actor, case, changes)
    for watcher in case.watchers.exclude(pk=actor.pk):
        notify(watcher, case, f"{case.title}: now {State(state).label.lower()}", email=False)
    webhooks.publish(case=case, event="case.reopened" if reopened else f"case.{state}")
    return case


def _resolution_due(case: Case, start: dt.datetime) -> dt.datetime:
    """The case's resolution deadline counted from ``start``: its rule's target, else its
    priority's, in the organisation's business hours."""
    rule = Rule.objects.filter(pk=case.rule_id).first() if case.rule_id else None
    _, hours = sla_hours(organisation_id=case.organisation_id, priority=case.priority, rule=rule)
    return sla.add_business_time(calendar_of(case.organisation_id), start, _hours(hours))


def case_watch(*, actor: User, case: Case, watching: bool) -> None:
    """Follow a case one can see (or stop): watchers hear of every change of state, in the app.
    Following changes nothing about the case, so viewers may follow too."""
    if case.organisation_id != actor.organisation_id:
        raise PermissionDenied("This case is not in your organisation.")
    if watching:
        case.watchers.add(actor)
    else:
        case.watchers.remove(actor)


@transaction.atomic
def case_comment(*, actor: User, case: Case, text: str) -> CaseEvent:
    _check(actor, case)
    if not text.strip():
        raise ValidationError({"text": "Write something to add a comment."})
    event = _event(case, actor, CaseEvent.Kind.COMMENT, text=text.strip())
    webhooks.publish(case=case, event="case.commented")
    return event


@transaction.atomic
def case_contact_attempt(
    *, actor: User, case: Case, channel: str, outcome: str, note: str = ""
) -> CaseEvent:
    """Record an attempt to reach the customer. The first one that reaches them (or leaves a
    message) stops the first-contact clock and moves a new case to contacted."""
    _check(actor, case)
    if channel not in CaseEvent.Channel.values:
        raise ValidationError({"channel": "Choose how you tried to reach the customer."})
    if outcome not in CaseEvent.Outcome.values:
        raise ValidationError({"outcome": "Choose what came of it."})
    event = _event(
        case, actor, CaseEvent.Kind.CONTACT, {"channel": channel, "outcome": outcome}, text=note
    )
    if outcome in CaseEvent.CONTACT_MADE and case.first_contacted_at is None:
        case.first_contacted_at = event.at
        changes: dict[str, list[Any]] = {"first contact": [None, event.at.isoformat()]}
        if case.state == State.NEW:
            case.state = State.CONTACTED
            changes["state"] = [State.NEW.label, State.CONTACTED.label]
        case.save()
        _audit(actor, case, changes)
    webhooks.publish(case=case, event="case.contacted")
    return event


@transaction.atomic
def case_record_cause(*, actor: User, case: Case, root_cause: RootCause, resolution: str) -> Case:
    _check(actor, case)
    if root_cause.organisation_id != case.organisation_id:
        raise ValidationError({"root_cause": "Choose one of your organisation's root causes."})
    before = {"root cause": str(case.root_cause or ""), "resolution": case.resolution}
    case.root_cause, case.resolution = root_cause, resolution.strip()
    case.save(update_fields=["root_cause", "resolution", "updated_at"])
    after = {"root cause": str(root_cause), "resolution": case.resolution}
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        cause = {"root_cause": str(root_cause), "root_cause_id": root_cause.pk}
        _event(case, actor, CaseEvent.Kind.ROOT_CAUSE, cause, case.resolution)
        _audit(actor, case, changes)
    return case


# --- closing the loop -----------------------------------------------------------------------


LANGUAGE_NAMES = dict(LANGUAGES)
_LATIN = re.compile("[A-Za-z]")


@dataclass(frozen=True)
class ClosingMessage:
    to: str
    language: str
    subject: str
    body: str
    # the language the case's resolution is written in, as the text engine tells it ("" when
    # it cannot): the draft pastes the resolution in word for word
    resolution_language: str = ""

    @property
    def language_warning(self) -> str:
        """What to tell the owner when the resolution is in another language than the message
        ("" when it is not, or when that cannot be told)."""
        if self.resolution_language in ("", self.language):
            return ""
        written, message = (
            LANGUAGE_NAMES.get(code, code) for code in (self.resolution_language, self.language)
        )
        return (
            f"The resolution is written in {written}; the message is in {message}: rewrite "
            f"that part in {message} before sending."
        )


def _resolution_language(resolution: str) -> str:
    """The language ``resolution`` is written in, or "" when that cannot be told: the engine
    reads a text it cannot tell as English, and a text without a Latin letter (Japanese written
    in kanji alone, say) is not."""
    if not resolution.strip():
        return ""
    language = guess_language(resolution)
    if language == ENGLISH and not _LATIN.search(resolution):
        return ""
    return language


def closing_recipient(case: Case) -> tuple[str, str, str, str]:
    """Email, first name, family name and language of the person to close the loop with (""
    when unknown)."""
    if case.contact is not None:
        contact = case.contact
        return contact.email, contact.first_name, contact.last_name, contact.language
    response = case.response
    if response is not None and response.person is not None:
        person = response.person
        return person.email, person.first_name or str(person), person.last_name, person.language
    return "", "", "", "en"


def closing_draft(*, case: Case, sender: User) -> ClosingMessage | None:
    """The closing message in the customer's language, filled in from the organisation's
    template, for the owner to read and edit before it leaves. None when there is nobody to
    write to."""
    email, name, family_name, language = closing_recipient(case)
    if not email:
        return None
    templates = {
        t.language: t for t in ClosingTemplate.objects.filter(organisation_id=case.organisation_id)
    }
    template = templates.get(language) or templates.get("en")
    if template is None:
        return None
    fill = {
        "name": name,
        "family_name": family_name or name,  # a Japanese letter names the family
        "case": case.title,
        "resolution": case.resolution,
        "sender": sender.get_full_name() or sender.email,
        # kept, so the re-survey's line goes where the template puts it, not after the signature
        "survey_link": "{survey_link}",
    }
    return ClosingMessage(
        to=email,
        language=template.language,
        subject=template.subject.format_map(_Blank(fill)),
        body=template.body.format_map(_Blank(fill)),
        resolution_language=_resolution_language(case.resolution),
    )


class _Blank(dict[str, str]):
    """Unknown placeholders in an edited template stay as they are instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@transaction.atomic
def case_close_loop(*, actor: User, case: Case, subject: str, body: str, resurvey: bool) -> Case:
    """Send the closing message to the customer, optionally with a link to answer the
    re-survey, and close the case. The message leaves once the case is closed, from the
    background (``case_mail_send``): a mail server that is down or refuses it never undoes the
    closing, and a message that cannot go is told on the case's timeline and to its owner
    (``case_mail_failed``). A re-survey is refused (naming ``resurvey``) for an address that
    asked to receive no more surveys."""
    _check(actor, case)
    if case.state != State.RESOLVED:
        raise ValidationError({"state": "Resolve the case before closing the loop."})
    email, _, _, language = closing_recipient(case)
    if not email:
        raise ValidationError(
            {"to": "This customer left no address to write to; close the case instead."}
        )
    if not subject.strip() or not body.strip():
        raise ValidationError({"body": "Write a subject and a message."})
    if resurvey:
        refusal = resurvey_refusal(case)
        if refusal:
            raise ValidationError({"resurvey": refusal})
        invitation = _resurvey_invitation(case, email, language)
        line = _survey_line(invitation, language)
        body = (
            body.replace("{survey_link}", line) if "{survey_link}" in body else f"{body}\n\n{line}"
        )
        case.resurvey = invitation
    body = body.replace("{survey_link}\n", "").replace("{survey_link}", "")
    _mail_customer(case, email, subject, body, sender=actor)
    _event(case, actor, CaseEvent.Kind.MESSAGE, {"to": email, "resurvey": resurvey}, text=body)
    case.save(update_fields=["resurvey", "updated_at"])
    return case_transition(actor=actor, case=case, state=State.CLOSED)


@transaction.atomic
def case_close_loop_on_channel(
    *, actor: User, case: Case, channel: str, note: str, resurvey: bool | None = None
) -> Case:
    """Record that the loop was closed with the customer by phone, chat or in a meeting, with
    what was said and how they took it, and close the case. ``resurvey`` emails them the short
    re-survey afterwards, in their language, so that recovery is measured as after a closing
    message; None sends it when it can go (``resurvey_refusal``), and True when it cannot is
    refused, naming ``resurvey``. As with the closing message, the mail leaves once the case is
    closed, and a failure to send it is told on the case."""
    _check(actor, case)
    if case.state != State.RESOLVED:
        raise ValidationError({"state": "Resolve the case before closing the loop."})
    if channel not in CaseEvent.LOOP_CLOSED_CHANNELS:
        raise ValidationError(
            {"channel": "Choose phone, chat or meeting; by email, send the closing message."}
        )
    if not note.strip():
        raise ValidationError({"note": "Write what you told the customer and how they took it."})
    email, _, _, language = closing_recipient(case)
    refusal = resurvey_refusal(case)
    if resurvey is None:
        resurvey = not refusal
    elif resurvey and refusal:
        raise ValidationError({"resurvey": refusal})
    data: dict[str, Any] = {"channel": channel, "resurvey": resurvey}
    if resurvey:
        invitation = _resurvey_invitation(case, email, language)
        _resurvey_mail(case, invitation, sender=actor)
        case.resurvey, data["to"] = invitation, email
    _event(case, actor, CaseEvent.Kind.LOOP_CLOSED, data, text=note.strip())
    case.save(update_fields=["resurvey", "updated_at"])
    return case_transition(actor=actor, case=case, state=State.CLOSED)


def resurvey_refusal(case: Case) -> str:
    """Why the customer of ``case`` may not be sent a re-survey, in a sentence ("" when they
    may): there is no customer to ask, no address, or the address asked to receive no more
    surveys (unsubscribed from a survey mail: the organisation's ``OptOut``)."""
    if case.customer_id is None:
        return "This case has no customer to ask again."
    email = closing_recipient(case)[0]
    if not email:
        return "This customer left no address to send the re-survey to."
    if address_opted_out(organisation_id=case.organisation_id, email=email):
        return f"{email} asked to receive no more surveys: no re-survey may go to them."
    return ""


def address_opted_out(*, organisation_id: int, email: str) -> bool:
    """Whether ``email`` asked the organisation to receive no more surveys (in any letter
    case: an address is stored as it was invited)."""
    return OptOut.objects.filter(organisation_id=organisation_id, email__iexact=email).exists()


def resurvey_address(case: Case) -> str:
    """Where a re-survey of the case would go: the customer's email ("" when none may go:
    ``resurvey_refusal`` says why)."""
    return "" if resurvey_refusal(case) else closing_recipient(case)[0]


def customer_reply_to(*, organisation: Organisation, sender: User | None) -> list[str]:
    """Where the customer's reply to a closing message or re-survey goes: the organisation's
    reply-to address when it sets one, else the person who sent it (it bears their name), else
    nowhere but the sending address."""
    if organisation.customer_mail_reply_to():
        return organisation.customer_mail_reply_to()
    if sender is None or not sender.is_active or not sender.email:
        return []
    return [formataddr((one_line(sender.get_full_name()), sender.email))]


def _survey_line(invitation: Invitation, language: str) -> str:
    """The closing message's line that invites the customer to the re-survey, with its link."""
    link = settings.SITE_URL + reverse("feedback:respond", args=[invitation.token])
    return SURVEY_LINK_LINE.get(language, SURVEY_LINK_LINE["en"]).format(link=link)


def _resurvey_mail(case: Case, invitation: Invitation, *, sender: User) -> None:
    """The short mail that follows a loop closed by a word, in the language the closing message
    would have been written in: a subject of its own that asks how we did, a greeting, the line
    inviting to the re-survey, the sender, and — as in every survey mail — the way to receive
    no more surveys, in a line and in the headers mail programs offer as a button."""
    email, name, family_name, _ = closing_recipient(case)
    draft = closing_draft(case=case, sender=sender)
    language = draft.language if draft else ENGLISH
    words = mail_words(language)
    unsubscribe = settings.SITE_URL + reverse("feedback:unsubscribe", args=[invitation.token])
    body = (
        f"{greeting(language, name, family_name)}\n\n{_survey_line(invitation, language)}\n"
        f"{words['thanks']}\n{sender.get_full_name() or sender.email}\n\n"
        f"{words['stop']}: {unsubscribe}\n"
    )
    subject = RESURVEY_SUBJECTS.get(language, RESURVEY_SUBJECTS[ENGLISH])
    _mail_customer(case, email, subject, body, sender=sender, unsubscribe=unsubscribe)


def _mail_customer(
    case: Case, email: str, subject: str, body: str, *, sender: User, unsubscribe: str = ""
) -> None:
    """Email the customer of ``case`` once the change that writes to them commits, from the
    background (``tasks.mail_customer``). ``unsubscribe``: the link that stops survey mail,
    for a mail that asks for a survey."""
    from centric.cases.tasks import mail_customer

    args = (case.pk, email, one_line(subject), body, sender.pk)
    if unsubscribe:
        enqueue_after_commit(mail_customer, *args, unsubscribe=unsubscribe)
    else:
        enqueue_after_commit(mail_customer, *args)


def case_mail_send(
    *,
    case_id: int,
    to: str,
    subject: str,
    body: str,
    sender_id: int | None = None,
    unsubscribe: str = "",
) -> None:
    """Send one email to the customer of a case, from the organisation, as its mail to
    customers goes; replies go to the organisation's reply-to address, else to whoever sent it
    (``customer_reply_to``). With ``unsubscribe``, the mail asks for a survey: it carries the
    one-click unsubscribe headers (RFC 8058) as survey invitations do. The mail server's
    refusal, or its silence, is raised (an ``OSError``); a message that cannot be made (a
    header with a line break) raises a ``ValueError``. A case removed meanwhile sends
    nothing."""
    case = Case.objects.filter(pk=case_id).select_related("organisation").first()
    if case is None:
        return
    organisation = case.organisation
    sender = User.objects.filter(pk=sender_id).first() if sender_id else None
    headers = (
        {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        if unsubscribe
        else None
    )
    EmailMessage(
        subject=one_line(subject),
        body=body,
        from_email=organisation.customer_mail_from(),
        to=[to],
        reply_to=customer_reply_to(organisation=organisation, sender=sender),
        headers=headers,
    ).send()


@transaction.atomic
def case_mail_failed(*, case_id: int, to: str, subject: str, reason: str, sender_id: int) -> None:
    """An email to the customer could not be sent, however often it was tried: the case's
    timeline says so, and its owner (or, with none, whoever sent it) is told in the app, so
    that the customer is reached another way rather than thought to have heard from us."""
    case = Case.objects.filter(pk=case_id).select_related("owner").first()
    if case is None:  # removed meanwhile: nobody is waiting for it
        return
    text = (
        f"The email to {to} could not be sent ({reason}): the customer has not heard from us. "
        "Reach them another way, or reopen the case and close it again once mail works."
    )
    data = {"to": to, "subject": subject, "error": reason}
    _event(case, None, CaseEvent.Kind.MAIL_FAILED, data, text=text)
    told = case.owner or User.objects.filter(pk=sender_id, is_active=True).first()
    if told is not None:
        notify(told, case, f"The email to {to} could not be sent: {case.title}", email=False)


def mail_failure(error: Exception) -> str:
    """What went wrong with an email, in a few words for its sender."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "the mail server refused the address"
    if isinstance(error, smtplib.SMTPResponseException):
        answer = error.smtp_error
        if isinstance(answer, bytes):
            answer = answer.decode(errors="replace")
        return f"the mail server answered {error.smtp_code} {answer}".strip()
    if isinstance(error, OSError):
        return error.strerror or str(error) or type(error).__name__
    return f"the message could not be made: {error}"


RESURVEY_NAME = "After your case"


def resurvey_survey(organisation_id: int) -> Survey:
    """The survey a closing message invites the customer to answer: the one the organisation
    chose on its closing messages, else its own short "After your case" survey, created (open)
    the first time a loop is closed with a re-survey."""
    chosen = (
        ClosingTemplate.objects.filter(organisation_id=organisation_id, resurvey__isnull=False)
        .select_related("resurvey")
        .first()
    )
    if chosen is not None and chosen.resurvey is not None:
        return chosen.resurvey
    existing = Survey.objects.filter(
        organisation_id=organisation_id, name=RESURVEY_NAME, template="relationship-nps"
    ).first()
    if existing is not None:
        return existing
    return survey_from_template(
        actor=None,
        organisation_id=organisation_id,
        template="relationship-nps",
        values={"name": RESURVEY_NAME, "status": Survey.Status.OPEN, "fatigue_days": 0},
    )


def _resurvey_invitation(case: Case, email: str, language: str) -> Invitation:
    if case.customer_id is None:
        raise ValidationError({"resurvey": "This case has no customer to ask again."})
    survey = resurvey_survey(case.organisation_id)
    return Invitation.objects.create(
        organisation_id=case.organisation_id,
        survey=survey,
        customer_id=case.customer_id,
        contact=case.contact,
        person=case.response.person if case.response else None,
        # as survey invitations store it, so that unsubscribing from it opts the address out
        # of every survey
        email=email.lower(),
        language=language if language in survey.languages else survey.default_language,
        sent_at=clock.now(),
        follow_up=True,
        wave=survey.current_wave,  # made while that wave runs, though in no wave's sample
    )


# --- notifications --------------------------------------------------------------------------


def notify(recipient: User, case: Case | None, message: str, *, email: bool) -> Notification:
    """Tell one person, in the app and (when ``email``) by mail."""
    return notify_many([(recipient, case, message, email)])[0]


def notify_many(
    notes: Sequence[tuple[User, Case | None, str, bool]], *, new_cases: bool = False
) -> list[Notification]:
    """Tell several people at once: one insert for the app. The mails leave from the background
    once the change they tell of commits (``notifications_mail``), so that a mail server that is
    down or slow never fails or holds up the change: the notification in the app stands either
    way. Each note is (recipient, case, message, whether to email); a message is kept on one
    line. ``new_cases``: the notes tell people of cases opened for them, and several for one
    person go as one mail that lists them."""
    from centric.cases.tasks import mail_notifications

    stored = Notification.objects.bulk_create(
        Notification(
            organisation_id=recipient.organisation_id,
            recipient=recipient,
            case=case,
            message=one_line(text)[: Notification._meta.get_field("message").max_length],
        )
        for recipient, case, text, _ in notes
    )
    mailed = [
        notification.pk
        for notification, (recipient, _, _, email) in zip(stored, notes, strict=True)
        if email and recipient.email
    ]
    if mailed and new_cases:
        enqueue_after_commit(mail_notifications, mailed, new_cases=True)
    elif mailed:
        enqueue_after_commit(mail_notifications, mailed)
    return stored


def notifications_mail(
    *, notification_ids: Sequence[int], new_cases: bool = False
) -> tuple[list[int], str]:
    """Email these notifications to their recipients, through one connection: each about a
    case says what is asked and by when (``owner_mail``); with ``new_cases``, one person's
    several go as one mail listing them. Returns those that could not be sent, to try again,
    and what went wrong ("" when every one went). A message that cannot be made (a bad
    header) is logged and not tried again; it never stops the others."""
    notifications = list(
        Notification.objects.filter(pk__in=notification_ids)
        .exclude(recipient__email="")
        .select_related(
            "recipient",
            "case__customer__account",
            "case__customer__team",
            "case__contact",
            "case__owner",
        )
        .order_by("pk")
    )
    if not notifications:
        return [], ""
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:  # the mail server is out of reach: none can go now
        return [notification.pk for notification in notifications], mail_failure(error)
    unsent: list[int] = []
    reason = ""
    now = clock.now()
    try:
        for group in _mail_groups(notifications, new_cases=new_cases):
            ids = [notification.pk for notification in group]
            try:
                _notification_message(group, now, connection).send()
            except OSError as error:  # this one refused, or the server went away meanwhile
                unsent += ids
                reason = mail_failure(error)
            except Exception:  # this message itself is bad: it will never go, the others may
                logger.exception("Notification mail %s not sent, and not tried again", ids)
    finally:
        connection.close()
    return unsent, reason


def _mail_groups(
    notifications: Sequence[Notification], *, new_cases: bool
) -> list[list[Notification]]:
    """The mails to send, each a list of the notifications it tells of: one each, or with
    ``new_cases`` one per recipient of several cases."""
    if not new_cases:
        return [[notification] for notification in notifications]
    groups: dict[int, list[Notification]] = {}
    for notification in notifications:
        key = notification.recipient_id if notification.case is not None else -notification.pk
        groups.setdefault(key, []).append(notification)
    return list(groups.values())


def _notification_message(
    group: Sequence[Notification], now: dt.datetime, connection: BaseEmailBackend
) -> EmailMessage:
    """The mail that tells one person of ``group``: a notification about a case with the case
    in short (``owner_mail``), several new cases listed, or any other notification's words and
    link."""
    first = group[0]
    recipient, case = first.recipient, first.case
    if len(group) > 1:
        cases = [notification.case for notification in group if notification.case is not None]
        mail = owner_mail.new_cases_mail(cases=cases, recipient=recipient, now=now)
    elif case is not None:
        mail = owner_mail.case_mail(message=first.message, case=case, recipient=recipient, now=now)
    else:
        subject = one_line(first.message)[:150]
        mail = owner_mail.Mail(subject, f"{first.message}\n\n{settings.SITE_URL}{first.link}\n")
    return EmailMessage(
        subject=mail.subject, body=mail.body, to=[recipient.email], connection=connection
    )


def notification_open(*, actor: User, notification: Notification) -> str:
    """Mark one of the actor's notifications read; returns where it points: its case, or the
    page it links to."""
    if notification.recipient_id != actor.pk:
        raise PermissionDenied("This notification is someone else's.")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    if notification.case_id is not None:
        return reverse("cases:case_detail", args=[notification.case_id])
    return notification.link


def notifications_read(*, actor: User) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=clock.now()
    )
