"""Reads: which customers, accounts and contacts a person may see.

Admins and CX leads see the whole organisation. Members and viewers see the accounts they own or
that a team of theirs serves, those accounts' contacts, and the internal customers (teams) that
their teams serve."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from centric.core.permissions import sees_whole_organisation
from centric.customers.models import Account, Contact, Customer, LifecycleStage, Segment
from centric.people.models import LANGUAGES, Team, User
from centric.people.selectors import people_visible_to, team_ids_of, teams_visible_to


def accounts_visible_to(actor: User) -> QuerySet[Account]:
    accounts = Account.objects.filter(organisation_id=actor.organisation_id)
    if sees_whole_organisation(actor):
        return accounts
    return accounts.filter(Q(owner=actor) | Q(team_id__in=team_ids_of(actor)))


def account_list(
    *,
    actor: User,
    search: str = "",
    external_id: str = "",
    segment_id: int | None = None,
    lifecycle_stage: str = "",
    tier: str = "",
    team_id: int | None = None,
    owner_id: int | None = None,
) -> QuerySet[Account]:
    accounts = accounts_visible_to(actor).select_related("segment", "owner", "team")
    if search:
        accounts = accounts.filter(Q(name__icontains=search) | Q(external_id__iexact=search))
    if external_id:
        accounts = accounts.filter(external_id=external_id)
    if segment_id is not None:
        accounts = accounts.filter(segment_id=segment_id)
    if lifecycle_stage:
        accounts = accounts.filter(lifecycle_stage=lifecycle_stage)
    if tier:
        accounts = accounts.filter(tier=tier)
    if team_id is not None:
        accounts = accounts.filter(team_id=team_id)
    if owner_id is not None:
        accounts = accounts.filter(owner_id=owner_id)
    # the id last: two accounts of one name keep their order from one page to the next
    return accounts.annotate(contact_count=Count("contacts")).order_by("name", "id")


ACCOUNT_PLACEMENT_REFUSED = (
    "An account you create or change must be yours or served by one of your teams."
)


def account_placement_allowed(*, actor: User, owner: User | None, team: Team | None) -> bool:
    """Members may only place an account where they will still see it: owned by them or served
    by one of their teams."""
    if sees_whole_organisation(actor):
        return True
    return (owner is not None and owner.pk == actor.pk) or (
        team is not None and team.pk in team_ids_of(actor)
    )


def account_access(*, actor: User, account_id: int) -> Account:
    """The account if the actor may see it; 404 otherwise, so its existence is not revealed."""
    try:
        return (
            accounts_visible_to(actor).select_related("segment", "owner", "team").get(pk=account_id)
        )
    except Account.DoesNotExist:
        raise Http404("No such account") from None


def contacts_visible_to(actor: User) -> QuerySet[Contact]:
    return Contact.objects.filter(account__in=accounts_visible_to(actor))


def contact_list(
    *,
    actor: User,
    search: str = "",
    email: str = "",
    account_id: int | None = None,
    language: str = "",
    influence: str = "",
    preferred_channel: str = "",
) -> QuerySet[Contact]:
    contacts = contacts_visible_to(actor).select_related("account")
    if search:
        contacts = contacts.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
            | Q(job_title__icontains=search)
        )
    if email:
        contacts = contacts.filter(email__iexact=email)
    if account_id is not None:
        contacts = contacts.filter(account_id=account_id)
    if language:
        contacts = contacts.filter(language=language)
    if influence:
        contacts = contacts.filter(influence=influence)
    if preferred_channel:
        contacts = contacts.filter(preferred_channel=preferred_channel)
    return contacts.order_by("first_name", "last_name", "id")


def contact_access(*, actor: User, contact_id: int) -> Contact:
    try:
        return contacts_visible_to(actor).select_related("account").get(pk=contact_id)
    except Contact.DoesNotExist:
        raise Http404("No such contact") from None


def internal_customer_teams_visible_to(actor: User) -> QuerySet[Team]:
    """Teams that are internal customers: served by at least one team (one of the actor's teams,
    unless the actor sees the whole organisation)."""
    teams = Team.objects.filter(organisation_id=actor.organisation_id)
    if sees_whole_organisation(actor):
        return teams.filter(served_by__isnull=False).distinct()
    return teams.filter(served_by__in=team_ids_of(actor)).distinct()


def customers_visible_to(actor: User) -> QuerySet[Customer]:
    return Customer.objects.filter(organisation_id=actor.organisation_id).filter(
        Q(account__in=accounts_visible_to(actor))
        | Q(team__in=internal_customer_teams_visible_to(actor))
    )


def customer_list(*, actor: User, search: str = "", kind: str = "") -> QuerySet[Customer]:
    customers = customers_visible_to(actor).select_related(
        "account__segment", "account__owner", "account__team", "team__business_unit", "team__lead"
    )
    if search:
        customers = customers.filter(
            Q(account__name__icontains=search) | Q(team__name__icontains=search)
        )
    if kind:
        customers = customers.filter(kind=kind)
    return customers.order_by("kind", "account__name", "team__name", "id")


def customer_access(*, actor: User, customer_id: int) -> Customer:
    try:
        return customers_visible_to(actor).select_related("account", "team").get(pk=customer_id)
    except Customer.DoesNotExist:
        raise Http404("No such customer") from None


def segment_list(*, actor: User) -> QuerySet[Segment]:
    return (
        Segment.objects.filter(organisation_id=actor.organisation_id)
        .annotate(account_count=Count("accounts"))
        .order_by("name", "id")
    )


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it counts, how many, and the filter value it links to."""

    label: str
    count: int
    key: str = ""


@dataclass(frozen=True)
class Overview:
    """The organisation at a glance, within what the actor may see."""

    account_count: int
    contact_count: int
    annual_value: Decimal
    team_count: int
    people_count: int
    internal_link_count: int
    by_segment: list[Bar]
    by_stage: list[Bar]
    by_language: list[Bar]
    at_risk: list[Account]

    @property
    def largest_segment(self) -> int:
        return max((bar.count for bar in self.by_segment), default=0)


def _bars(rows: QuerySet[Any, Any], field: str, labels: dict[Any, str]) -> list[Bar]:
    return [
        Bar(
            label=labels.get(row[field], row[field] or "None"),
            count=row["count"],
            key=str(row[field] or ""),
        )
        for row in rows.values(field).annotate(count=Count("id")).order_by("-count", field)
    ]


def organisation_overview(*, actor: User) -> Overview:
    accounts = accounts_visible_to(actor)
    contacts = contacts_visible_to(actor)
    segment_names = dict(
        Segment.objects.filter(organisation_id=actor.organisation_id).values_list("id", "name")
    )
    teams = teams_visible_to(actor)
    return Overview(
        account_count=accounts.count(),
        contact_count=contacts.count(),
        annual_value=accounts.aggregate(total=Sum("annual_value"))["total"] or Decimal(0),
        team_count=teams.count(),
        people_count=people_visible_to(actor).count(),
        internal_link_count=Team.serves.through.objects.filter(from_team__in=teams).count(),
        by_segment=_bars(accounts, "segment_id", segment_names),
        by_stage=_bars(accounts, "lifecycle_stage", dict(LifecycleStage.choices)),
        by_language=_bars(contacts, "language", dict(LANGUAGES)),
        at_risk=list(
            accounts.filter(lifecycle_stage__in=[LifecycleStage.AT_RISK, LifecycleStage.RENEWAL])
            .select_related("owner")
            .order_by("-annual_value")[:8]
        ),
    )
