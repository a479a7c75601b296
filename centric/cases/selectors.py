"""Reads: which cases a person may see and act on, and the inboxes.

Admins and CX leads see every case. Members and viewers see the cases they own or watch, the
cases of their teams, and the cases of customers they may see (accounts they own or their teams
serve). Viewers see but never act."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from centric.cases.models import Case, CaseEvent, RootCause
from centric.core import clock
from centric.core.periods import in_working_hours
from centric.core.permissions import can_write, sees_whole_organisation
from centric.customers.models import Contact, Customer, Influence
from centric.customers.selectors import accounts_visible_to
from centric.feedback.answers import display, localised
from centric.feedback.models import Answer, Question, Response
from centric.feedback.scales import SCORE_RANGES
from centric.feedback.selectors import responses_visible_to
from centric.insights.models import ResponseAnalysis, ThemeMention
from centric.people.models import Team, User
from centric.people.selectors import team_ids_of, working

HISTORY = 30  # the customer's most recent feedback shown on the case page
OPEN_STATES = (Case.State.NEW, Case.State.CONTACTED, Case.State.IN_PROGRESS)
# "Breaching soon": a running SLA clock, not yet overdue, runs out within this much wall-clock
# time.
SOON = dt.timedelta(hours=4)
INBOXES = {
    "mine": "Mine",
    "team": "My teams",
    "overdue": "Overdue",
    "soon": "Breaching soon",
    "unassigned": "Unassigned",
    "all": "All open",
    "closed": "Resolved and closed",
}


def can_own_case(person: User) -> bool:
    """Whether a case may be handed to ``person``: active, in a role that works cases (viewers
    only look)."""
    return person.is_active and can_write(person)


def case_owners(people: QuerySet[User]) -> QuerySet[User]:
    """Those of ``people`` a case may be handed to, as ``can_own_case`` says."""
    return working(people)


def cases_visible_to(actor: User) -> QuerySet[Case]:
    cases = Case.objects.filter(organisation_id=actor.organisation_id)
    if sees_whole_organisation(actor):
        return cases
    # subqueries by id rather than joins, so PostgreSQL tests each case without reading others
    customers = Customer.objects.filter(account__in=accounts_visible_to(actor)).values("pk")
    watching = Case.watchers.through.objects.filter(user_id=actor.pk).values("case_id")
    return cases.filter(
        Q(owner=actor)
        | Q(team_id__in=team_ids_of(actor))
        | Q(customer_id__in=customers)
        | Q(pk__in=watching)
    )


def case_access(*, actor: User, case_id: int) -> Case:
    """The case if the actor may see it; 404 otherwise, so its existence is not revealed."""
    try:
        return (
            cases_visible_to(actor)
            .select_related(
                "customer__account__segment",
                "customer__account__owner",
                "customer__team",
                "contact",
                "response__analysis",
                "response__stage",
                "response__survey__subject_team",
                "response__person",
                "owner",
                "team__lead",
                "rule",
                "root_cause",
                "resurvey__response",
            )
            .get(pk=case_id)
        )
    except Case.DoesNotExist:
        raise Http404("No such case") from None


def case_actionable(*, actor: User, case: Case) -> bool:
    """Whether the actor may work the case: org-wide roles, its owner, and members of its team
    or of the team serving its customer. Viewers never."""
    if not can_write(actor) or case.organisation_id != actor.organisation_id:
        return False
    if sees_whole_organisation(actor) or case.owner_id == actor.pk:
        return True
    return cases_visible_to(actor).filter(pk=case.pk).exists()


@dataclass(frozen=True)
class InboxFilters:
    inbox: str = "mine"
    search: str = ""
    priority: str = ""
    state: str = ""
    team_id: int | None = None
    owner_id: int | None = None


def inbox(*, actor: User, filters: InboxFilters) -> QuerySet[Case]:
    """One inbox, filtered, soonest deadline first (most recent first for finished cases)."""
    # the customer's name comes from its account or its team: both joined, or one query a row
    cases = cases_visible_to(actor).select_related(
        "customer__account", "customer__team", "owner", "team", "rule"
    )
    now = clock.now()
    if filters.inbox == "closed":
        cases = cases.exclude(state__in=OPEN_STATES).order_by("-opened_at", "-pk")
    else:
        cases = cases.filter(state__in=OPEN_STATES).order_by("resolution_due", "pk")
    if filters.inbox == "mine":
        cases = cases.filter(owner=actor)
    elif filters.inbox == "team":
        cases = cases.filter(team_id__in=team_ids_of(actor))
    elif filters.inbox == "unassigned":
        cases = cases.filter(owner__isnull=True)
    elif filters.inbox == "overdue":
        cases = cases.filter(_overdue(now))
    elif filters.inbox == "soon":
        cases = cases.filter(_breaching_soon(now))
    if filters.search:
        term = filters.search
        # the cases' own columns and a subquery, no join: the open inbox is read in deadline
        # order and stops at the end of the page
        named = Customer.objects.filter(
            organisation_id=actor.organisation_id, account__name__icontains=term
        ).values("pk")
        cases = cases.filter(
            Q(title__icontains=term) | Q(comment__icontains=term) | Q(customer_id__in=named)
        )
    if filters.priority:
        cases = cases.filter(priority=filters.priority)
    if filters.state:
        cases = cases.filter(state=filters.state)
    if filters.team_id:
        cases = cases.filter(team_id=filters.team_id)
    if filters.owner_id:
        cases = cases.filter(owner_id=filters.owner_id)
    return cases


def _overdue(now: dt.datetime) -> Q:
    """An SLA clock still running has run out (as escalation counts a breach)."""
    return Q(first_contacted_at__isnull=True, first_contact_due__lte=now) | Q(
        resolution_due__lte=now
    )


def _breaching_soon(now: dt.datetime) -> Q:
    """Not overdue yet, but a running SLA clock runs out within ``SOON``."""
    return ~_overdue(now) & (
        Q(first_contacted_at__isnull=True, first_contact_due__lte=now + SOON)
        | Q(resolution_due__lte=now + SOON)
    )


def inbox_counts(*, actor: User) -> dict[str, int]:
    """How many open cases wait in each inbox, and ``mine_overdue``: how many of the actor's
    own are overdue (one query)."""
    now, teams = clock.now(), team_ids_of(actor)
    open_cases = cases_visible_to(actor).filter(state__in=OPEN_STATES)
    counts = open_cases.aggregate(
        mine=Count("pk", filter=Q(owner=actor)),
        team=Count("pk", filter=Q(team_id__in=teams)),
        overdue=Count("pk", filter=_overdue(now)),
        mine_overdue=Count("pk", filter=Q(owner=actor) & _overdue(now)),
        soon=Count("pk", filter=_breaching_soon(now)),
        unassigned=Count("pk", filter=Q(owner__isnull=True)),
        all=Count("pk"),
    )
    return {name: value or 0 for name, value in counts.items()}


@dataclass(frozen=True)
class LocalTime:
    """The customer's clock: respond on their schedule (seed 004)."""

    now: dt.datetime
    time_zone: str
    opens: dt.time
    closes: dt.time

    @property
    def working(self) -> bool:
        return in_working_hours(self.now, self.time_zone, self.opens, self.closes)


def rated_team(response: Response) -> Team | None:
    """The team a piece of feedback rates: the team its survey asks about (an internal-customer
    survey's ``subject_team``), else None."""
    survey = response.survey if response.survey_id is not None else None
    return survey.subject_team if survey is not None else None


@dataclass(frozen=True)
class CaseAnswer:
    """One of the feedback's answers besides its comment, as staff read it: the rating of one
    of the six behaviours in an internal customer's say on a team, say."""

    key: str
    question: str  # its wording, in the survey's language
    kind: str
    answer: str  # a score as it is, a choice by its options' labels
    score: int | None
    low: int | None  # a score's scale, from ``low`` to ``high``
    high: int | None


@dataclass(frozen=True)
class CaseFeedback:
    """What the case page shows of the feedback that opened the case ("What they said"): the
    feedback, what its words were read to say, the journey stage it speaks of, the team it
    rates, and its answers when there is more to them than the headline score."""

    response: Response
    analysis: ResponseAnalysis | None
    themes: list[ThemeMention]
    stage: str  # the feedback's own stage, else the one its words were read to speak of
    rated_team: Team | None = None
    answers: list[CaseAnswer] = field(default_factory=list)


def case_feedback(*, case: Case) -> CaseFeedback | None:
    """The feedback that opened ``case`` as its page shows it, None for a case without one.
    Whoever may see the case reads it here, its owner included, even where the feedback itself
    is out of their sight: the case is worked from it."""
    response = case.response
    if response is None:
        return None
    analysis: ResponseAnalysis | None = getattr(response, "analysis", None)
    themes = list(ThemeMention.objects.filter(response_id=response.pk))
    stage = (response.stage.name if response.stage else "") or (
        analysis.journey_stage if analysis else ""
    )
    return CaseFeedback(
        response, analysis, themes, stage, rated_team(response), _answers_read(response)
    )


def _answers_read(response: Response) -> list[CaseAnswer]:
    """The answers besides the free text (which is the comment), in the survey's order and
    language; none when they would say no more than the headline score."""
    survey = response.survey if response.survey_id is not None else None
    if survey is None:
        return []
    answers = (
        Answer.objects.filter(response_id=response.pk)
        .exclude(question__kind=Question.Kind.TEXT)
        .select_related("question")
        .order_by("question__position")
    )
    read = []
    for answer in answers:
        question = answer.question
        wording = localised(question.text, survey.default_language)
        low, high = SCORE_RANGES.get(question.kind, (None, None))
        read.append(
            CaseAnswer(
                key=question.key,
                question=wording or question.key,
                kind=question.kind,
                answer=display(question, answer.value, survey.default_language),
                score=answer.number,
                low=question.scale_min if question.scale_min is not None else low,
                high=question.scale_max if question.scale_max is not None else high,
            )
        )
    return read if len(read) > (1 if response.score is not None else 0) else []


@dataclass(frozen=True)
class CaseView:
    """Everything the case page shows about the customer before anyone replies (empathize)."""

    case: Case
    events: list[CaseEvent]
    feedback: CaseFeedback | None
    # the customer's feedback, newest first; for feedback rating a team, their feedback on
    # that team only (``about``), as are the past root causes: how they rate another team is
    # another story
    history: list[Response]
    other_cases: list[Case]
    contacts: list[Contact]
    members: list[User]
    past_causes: list[dict[str, Any]]
    local_time: LocalTime | None

    @property
    def themes(self) -> list[ThemeMention]:
        return self.feedback.themes if self.feedback else []

    @property
    def about(self) -> Team | None:
        return self.feedback.rated_team if self.feedback else None


def case_view(*, actor: User, case: Case) -> CaseView:
    customer = case.customer
    feedback = case_feedback(case=case)
    about = feedback.rated_team if feedback else None
    history: list[Response] = []
    other_cases: list[Case] = []
    contacts: list[Contact] = []
    members: list[User] = []
    past_causes: list[dict[str, Any]] = []
    if customer is not None:
        # what the reader may see of it: a team's ratings of another team are that team's
        said = responses_visible_to(actor).filter(customer=customer)
        if about is not None:
            said = said.filter(survey__subject_team=about)
        history = list(
            said.exclude(submitted_at__isnull=True, responded_at__isnull=True)
            .select_related("analysis", "survey__subject_team")
            .order_by("-responded_at", "-pk")[:HISTORY]
        )
        other_cases = list(
            cases_visible_to(actor)
            .filter(customer=customer, state__in=OPEN_STATES)
            .exclude(pk=case.pk)
            .select_related("owner")
        )
        if customer.account_id is not None:
            rank = {value: i for i, value in enumerate(Influence.values)}
            contacts = sorted(
                Contact.objects.filter(account_id=customer.account_id),
                key=lambda contact: (rank.get(contact.influence, 99), contact.first_name),
            )
        elif customer.team_id is not None:
            members = list(customer.team.members.filter(is_active=True))  # type: ignore[union-attr]
        solved = Case.objects.filter(customer=customer, root_cause__isnull=False)
        if about is not None:
            solved = solved.filter(response__survey__subject_team=about)
        past_causes = list(
            solved.exclude(pk=case.pk)
            .values("root_cause__name")
            .annotate(count=Count("pk"), latest=Max("opened_at"))
            .order_by("-latest")
        )
    events = list(case.events.select_related("actor"))
    return CaseView(
        case,
        events,
        feedback,
        history,
        other_cases,
        contacts,
        members,
        past_causes,
        _local(case),
    )


def _local(case: Case) -> LocalTime | None:
    contact = case.contact
    if contact is not None:
        zone, opens, closes = (
            contact.time_zone,
            contact.working_hours_start,
            contact.working_hours_end,
        )
    elif case.response is not None and case.response.person is not None:
        zone, opens, closes = case.response.person.time_zone, dt.time(9), dt.time(17)
    else:
        return None
    return LocalTime(clock.now().astimezone(ZoneInfo(zone)), zone, opens, closes)


def root_causes(*, actor: User) -> QuerySet[RootCause]:
    """The organisation's root-cause taxonomy, those offered first. Everyone in the
    organisation reads it: a case's root cause is named on its page, and whoever works a case
    chooses from the offered ones (the retired stay on the cases that have them)."""
    return RootCause.objects.filter(organisation_id=actor.organisation_id).order_by(
        "-active", "name", "pk"
    )
