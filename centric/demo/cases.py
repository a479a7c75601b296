"""The demo organisation's closed loop: a few sensible rules, and the cases they would have
opened over the last six months of its feedback, in every state — new ones waiting, some
breaching their SLA, contacted and in progress, resolved with a root cause, closed with the
customer, some re-surveyed and recovered — so the inbox, the case page, the measures and the
recurring root causes look like a team that has worked this way for a while.

The rules are saved through the rule service and matched by the routing code, and each case is
placed and timed by the case services' own strategy, SLA and calendar. The cases themselves are
written in bulk with timestamps in the past: the services stamp every change with the present,
and a history has to have happened earlier (one write per table also keeps ``make demo`` fast).
What each owner found and did follows from what the feedback said (``findings``).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from centric.cases import sla
from centric.cases.configuration import root_cause_save, rule_save
from centric.cases.models import (
    Case,
    CaseEvent,
    ClosingTemplate,
    Notification,
    Priority,
    RootCause,
    Rule,
)
from centric.cases.routing import active_rules, facts_of, first_match, with_facts
from centric.cases.services import calendar_of, case_title, placement_for, sla_hours
from centric.core import clock
from centric.demo.findings import PORTAL_FAULT, case_finding
from centric.feedback.models import Answer, Invitation, Question, Response, Survey
from centric.people.models import Team, User

State = Case.State
HISTORY = dt.timedelta(days=180)
RULES: list[dict[str, Any]] = [
    {
        "name": "Urgent or churn risk",
        "description": "Anything the text engine flags as urgent or as a risk of losing the customer.",
        "conditions_any": [
            {"field": "urgent", "op": "is_true", "value": None},
            {"field": "churn_risk", "op": "is_true", "value": None},
        ],
        "priority": "urgent",
        "tags": ["escalate"],
    },
    {
        "name": "Billing complaints",
        "description": "Unhappy about an invoice or a charge: Finance owns it.",
        # what it says of billing, not of the whole comment: one may praise the invoices and
        # complain of something else
        "conditions_all": [],
        "conditions_any": [
            {"field": "complaints", "op": "includes", "value": ["billing", "refunds"]},
        ],
        "owner_strategy": "person",
        "team": "Finance",
        "priority": "high",
        "tags": ["billing"],
    },
    {
        "name": "Internal customers' complaints",
        "description": "A team we serve is unhappy: the team that serves it answers.",
        "conditions_all": [
            {"field": "customer_kind", "op": "in", "value": ["internal"]},
            {"field": "score", "op": "lte", "value": 3},
        ],
        "priority": "normal",
    },
    {
        "name": "Detractors",
        "description": "NPS of 6 or less: the account owner calls back.",
        "conditions_all": [
            {"field": "nps", "op": "lte", "value": 6},
        ],
        "priority": "normal",
    },
    {
        "name": "Poor delivery experience",
        "description": "CSAT of 2 or less after a delivery: Support takes turns.",
        "conditions_all": [
            {"field": "csat", "op": "lte", "value": 2},
            {"field": "stage", "op": "in", "value": ["delivery"]},
        ],
        "owner_strategy": "round_robin",
        "team": "Support",
        "priority": "high",
    },
]
STATES = [State.NEW, State.CONTACTED, State.IN_PROGRESS, State.RESOLVED, State.CLOSED]
# How far the owners have got with a case, by its age in days: recent ones are open, old ones done.
STATE_WEIGHTS = [
    (1, [100, 0, 0, 0, 0]),
    (4, [40, 40, 20, 0, 0]),
    (14, [15, 25, 35, 15, 10]),
    (45, [5, 10, 25, 25, 35]),
    (90, [0, 0, 8, 20, 72]),
    (100_000, [0, 0, 2, 10, 88]),
]


def demo_cases_load(*, admin: User, seed: int = 2026) -> int:
    """The rules, then a case for each recent piece of feedback they match. Returns the number
    of cases."""
    rng = random.Random(seed)
    org = admin.organisation_id
    now = clock.now()
    teams = {team.name: team for team in Team.objects.filter(organisation_id=org)}
    _rules_save(admin, teams)
    _root_causes_fit(admin)
    _closing_resurvey(org)
    rules = active_rules(org)
    calendar = calendar_of(org)
    causes = {cause.name: cause for cause in RootCause.objects.filter(organisation_id=org)}
    recent = (
        with_facts(Response.objects.filter(organisation_id=org, responded_at__gte=now - HISTORY))
        .select_related("survey", "touchpoint")
        .order_by("responded_at", "pk")
    )
    cases: list[Case] = []
    timelines: list[list[tuple[str, dt.datetime, dict[str, Any], str]]] = []
    resurveys: list[tuple[int, Response, dt.datetime, bool]] = []
    asked: set[tuple[int, str]] = set()
    for response in recent:
        rule = first_match(rules, facts_of(response))
        if rule is None or response.responded_at is None:
            continue
        case, timeline, resurvey = _history(rng, rule, response, now, calendar, causes, admin)
        if resurvey is not None and response.contact is not None and response.survey_id:
            key = (response.survey_id, response.contact.email)
            if key not in asked:  # one re-survey per address and survey
                asked.add(key)
                resurveys.append((len(cases), response, *resurvey))
        cases.append(case)
        timelines.append(timeline)
    _forgotten_ensure(cases, timelines, now)
    waiting = [case for case in cases if case.state == State.NEW]
    if waiting and all(case.owner_id for case in waiting):  # the queue shows, whatever the hour
        waiting[-1].owner = None
    Case.objects.bulk_create(cases)
    CaseEvent.objects.bulk_create(
        CaseEvent(
            organisation_id=org,
            case=case,
            actor=case.owner if kind != CaseEvent.Kind.OPENED else None,
            kind=kind,
            data=data,
            text=text,
            at=at,
        )
        for case, timeline in zip(cases, timelines, strict=True)
        for kind, at, data, text in timeline
    )
    _resurveys_answer(rng, cases, resurveys)
    Notification.objects.bulk_create(
        Notification(
            organisation_id=org,
            recipient=case.owner,
            case=case,
            message=f"New case for you: {case.title}",
        )
        for case in cases
        if case.owner is not None and case.state == State.NEW
    )
    _followed_by(admin, cases)
    return len(cases)


def _followed_by(admin: User, cases: list[Case]) -> None:
    """The chief customer officer follows the urgent cases being worked on, and has been told
    of where each stands, as following a case tells its watchers of each change of state."""
    followed = [
        case
        for case in cases
        if case.priority == Priority.URGENT and case.state in (State.CONTACTED, State.IN_PROGRESS)
    ][-3:]
    for case in followed:
        case.watchers.add(admin)
    Notification.objects.bulk_create(
        Notification(
            organisation_id=admin.organisation_id,
            recipient=admin,
            case=case,
            message=f"{case.title}: now {State(case.state).label.lower()}",
        )
        for case in followed
    )


def _rules_save(admin: User, teams: dict[str, Team]) -> None:
    for spec in RULES:
        values = {
            "conditions_all": [],
            "conditions_any": [],
            "owner_strategy": Rule.OwnerStrategy.CUSTOMER_OWNER,
            "notify_owner": True,
            **spec,
        }
        team = teams.get(str(values.pop("team", "")))
        values["team"] = team
        if values["owner_strategy"] == Rule.OwnerStrategy.PERSON and team is not None:
            values["person"] = team.lead
        rule_save(actor=admin, values=values)


def _root_causes_fit(admin: User) -> None:
    """Faults in the customer portal get a category of their own, under product defects."""
    defect = RootCause.objects.get(organisation_id=admin.organisation_id, name="Product defect")
    root_cause_save(
        actor=admin,
        values={
            "name": PORTAL_FAULT,
            "description": "The customer portal was slow, logged people out or hid what they "
            "looked for.",
            "parent": defect,
        },
    )


def _closing_resurvey(organisation_id: int) -> None:
    """Closing messages invite the customer to answer the relationship survey again."""
    survey = Survey.objects.filter(organisation_id=organisation_id, name__startswith="Relationship")
    ClosingTemplate.objects.filter(organisation_id=organisation_id).update(resurvey=survey.first())


def _forgotten_ensure(
    cases: list[Case],
    timelines: list[list[tuple[str, dt.datetime, dict[str, Any], str]]],
    now: dt.datetime,
) -> None:
    """Whatever the hour the demo loads at, one case nobody has contacted has run out of time,
    so the breaching inbox and escalation have something to show: if chance left none, the
    newest case still being worked whose first-contact deadline has passed becomes it."""
    if any(c.state == State.NEW and c.first_contact_due < now for c in cases):
        return
    for index in reversed(range(len(cases))):
        case = cases[index]
        if case.state in (State.CONTACTED, State.IN_PROGRESS) and case.first_contact_due < now:
            case.state, case.first_contacted_at = State.NEW, None
            timelines[index] = timelines[index][:1]  # opened, and nothing since
            return


def _history(
    rng: random.Random,
    rule: Rule,
    response: Response,
    now: dt.datetime,
    calendar: sla.Calendar,
    causes: dict[str, RootCause],
    taker: User,
) -> tuple[
    Case, list[tuple[str, dt.datetime, dict[str, Any], str]], tuple[dt.datetime, bool] | None
]:
    """One case as its owner would have worked it since the feedback came in: older cases are
    finished, recent ones still open, and a few have let a clock run out. A case the rule gives
    nobody waits in the queue until ``taker`` (a CX lead) takes it; one on anonymous feedback (the
    open link's) has nobody to contact, so it is worked and closed without a word to anyone."""
    assert response.responded_at is not None
    organisation_id = taker.organisation_id
    opened = response.responded_at + dt.timedelta(minutes=rng.randint(1, 20))
    placement = placement_for(rule=rule, response=response)
    first, resolution = sla_hours(
        organisation_id=organisation_id, priority=rule.priority, rule=rule
    )
    first_due = sla.add_business_time(calendar, opened, dt.timedelta(hours=float(first)))
    resolution_due = sla.add_business_time(calendar, opened, dt.timedelta(hours=float(resolution)))
    age = now - opened
    # most owners answer within the first-contact SLA; some do not
    late = rng.random() < 0.2
    contact_after = dt.timedelta(
        hours=float(first) * (rng.uniform(1.2, 3) if late else rng.uniform(0.1, 0.9))
    )
    contacted = sla.add_business_time(calendar, opened, contact_after)
    worked = sla.add_business_time(calendar, contacted, dt.timedelta(hours=rng.uniform(2, 30)))
    closed = worked + dt.timedelta(hours=rng.uniform(1, 48))
    state = rng.choices(STATES, next(w for days, w in STATE_WEIGHTS if age < dt.timedelta(days)))[0]
    if contacted >= now:  # the owner has not got to it yet
        state = State.NEW
    cause_name, remedy = case_finding(rng=rng, response=response, tags=rule.tags)
    cause = causes.get(cause_name)
    timeline: list[tuple[str, dt.datetime, dict[str, Any], str]] = [
        (CaseEvent.Kind.OPENED, opened, {"rule": rule.name, "rule_id": rule.pk}, "")
    ]
    case = Case(
        organisation_id=organisation_id,
        title=case_title(response)[:200],
        comment=response.comment,
        customer=response.customer,
        contact=response.contact,
        response=response,
        rule=rule,
        # now and then a new case waits in its team's queue for someone to take it
        owner=None if state == State.NEW and rng.random() < 0.25 else placement.owner,
        team=placement.team,
        state=state,
        priority=rule.priority,
        tags=list(rule.tags),
        opened_at=opened,
        first_contact_due=first_due,
        resolution_due=resolution_due,
    )
    resurvey = None
    anonymous = response.contact_id is None and response.person_id is None
    if state != State.NEW and contacted < now and case.owner is None:
        case.owner = taker  # nobody's by the rule: a CX lead took it from the queue
        timeline.append((CaseEvent.Kind.ASSIGNED, contacted, _taken(taker), ""))
    if state != State.NEW and contacted < now and anonymous:
        timeline.append((CaseEvent.Kind.STATE, contacted, {"from": "new", "to": "in_progress"}, ""))
    elif state != State.NEW and contacted < now:
        case.first_contacted_at = contacted
        channel = rng.choice(["phone", "phone", "email", "meeting"])
        timeline += [
            (CaseEvent.Kind.CONTACT, contacted, {"channel": channel, "outcome": "reached"}, ""),
            (CaseEvent.Kind.STATE, contacted, {"from": "new", "to": "contacted"}, ""),
        ]
        if state in (State.IN_PROGRESS, State.RESOLVED, State.CLOSED):
            timeline.append(
                (CaseEvent.Kind.STATE, contacted, {"from": "contacted", "to": "in_progress"}, "")
            )
    if state in (State.RESOLVED, State.CLOSED) and worked < now and cause is not None:
        case.root_cause, case.resolution, case.resolved_at = cause, remedy, worked
        timeline += [
            (
                CaseEvent.Kind.ROOT_CAUSE,
                worked,
                {"root_cause": cause.name, "root_cause_id": cause.pk},
                case.resolution,
            ),
            (CaseEvent.Kind.STATE, worked, {"from": "in_progress", "to": "resolved"}, ""),
        ]
        if rng.random() < 0.06:  # the fix did not hold: reopened once, then resolved again
            case.reopen_count = 1
        if state == State.CLOSED and closed < now:
            case.closed_at = closed
            if not anonymous:
                message = (
                    CaseEvent.Kind.MESSAGE,
                    closed,
                    {"resurvey": True},
                    "Closing message sent.",
                )
                timeline.append(message)
            timeline.append(
                (CaseEvent.Kind.STATE, closed, {"from": "resolved", "to": "closed"}, "")
            )
            if response.score is not None and not anonymous and rng.random() < 0.6:
                answered = closed + dt.timedelta(days=rng.uniform(1, 6))
                resurvey = (answered, answered < now and rng.random() < 0.85)
        else:
            case.state = State.RESOLVED
    elif state in (State.RESOLVED, State.CLOSED):
        case.state = State.IN_PROGRESS
    return case, timeline, resurvey


def _taken(person: User) -> dict[str, Any]:
    """The data of the event of a case taken from the queue by ``person``."""
    return {"from": "", "from_id": None, "to": str(person), "to_id": person.pk}


def _resurveys_answer(
    rng: random.Random, cases: list[Case], resurveys: list[tuple[int, Response, dt.datetime, bool]]
) -> None:
    """Re-survey invitations for some closed cases, most answered; most answers score higher."""
    invitations = []
    for index, response, _, _ in resurveys:
        assert response.survey_id is not None
        assert response.customer_id is not None
        assert response.contact is not None
        invitations.append(
            Invitation(
                organisation_id=response.organisation_id,
                survey_id=response.survey_id,
                customer_id=response.customer_id,
                contact=response.contact,
                email=response.contact.email,
                language=response.language,
                sent_at=cases[index].closed_at,
                follow_up=True,  # as a case's closing sends it, beside the first invitation
            )
        )
    Invitation.objects.bulk_create(invitations)
    answers = []
    for invitation, (index, response, answered_at, answered) in zip(
        invitations, resurveys, strict=True
    ):
        cases[index].resurvey = invitation
        if not answered or response.score is None:
            continue
        bottom, top = (0, 10) if response.score_type == "nps" else (1, 5)
        score = (
            rng.randint(min(response.score + 1, top), top)
            if rng.random() < 0.7
            else rng.randint(max(response.score - 1, bottom), response.score)
        )
        answers.append(
            Response(
                organisation_id=response.organisation_id,
                survey_id=response.survey_id,
                invitation=invitation,
                customer_id=response.customer_id,
                contact=response.contact,
                channel=Response.Channel.EMAIL,
                language=response.language,
                submitted_at=answered_at,
                responded_at=answered_at,
                score=score,
                score_type=response.score_type,
            )
        )
    Response.objects.bulk_create(answers)
    # each answer's score as the answer to its survey's question of that kind, as a respondent's
    # page stores it, so the survey and the response show what was answered
    questions: dict[tuple[int | None, str], Question] = {
        (question.survey_id, question.kind): question
        for question in Question.objects.filter(
            survey_id__in={answer.survey_id for answer in answers}
        ).order_by("-position")  # the first of a kind wins
    }
    Answer.objects.bulk_create(
        Answer(
            response=answer,
            question=questions[answer.survey_id, answer.score_type],
            number=answer.score,
        )
        for answer in answers
        if (answer.survey_id, answer.score_type) in questions
    )
    Case.objects.bulk_update([cases[index] for index, *_ in resurveys], ["resurvey"])
