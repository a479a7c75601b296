"""The people every permission test uses.

In Northwind: the *owner* owns the account Acme, which the Customer Success team serves; the
*teammate* is in Customer Success too; the *outsider* is in Finance, which serves Customer Success
(so Customer Success is Finance's internal customer) but has nothing to do with Acme. An *admin*,
a *CX lead* and a *viewer* (in Customer Success) complete the roles, and a *stranger* is an admin
of another organisation entirely.
"""

from __future__ import annotations

from django.test import TestCase

from centric.core.models import Organisation, Role
from centric.customers.models import Account, Contact, Segment
from centric.people.models import Team, User
from tests.factories import (
    PASSWORD,
    AccountFactory,
    ContactFactory,
    OrganisationFactory,
    SegmentFactory,
    TeamFactory,
    UserFactory,
)


class PersonasTestCase(TestCase):
    org: Organisation
    other_org: Organisation
    owner: User
    teammate: User
    outsider: User
    admin: User
    cx_lead: User
    viewer: User
    stranger: User
    team: Team
    finance: Team
    segment: Segment
    account: Account
    contact: Contact

    @classmethod
    def setUpTestData(cls) -> None:
        cls.org = OrganisationFactory.create(name="Northwind")
        cls.owner = UserFactory.create(
            organisation=cls.org, email="owner@northwind.example", first_name="Olivia"
        )
        cls.teammate = UserFactory.create(
            organisation=cls.org, email="teammate@northwind.example", first_name="Tom"
        )
        cls.outsider = UserFactory.create(
            organisation=cls.org, email="outsider@northwind.example", first_name="Otto"
        )
        cls.admin = UserFactory.create(
            organisation=cls.org, email="admin@northwind.example", role=Role.ADMIN
        )
        cls.cx_lead = UserFactory.create(
            organisation=cls.org, email="cx@northwind.example", role=Role.CX_LEAD
        )
        cls.viewer = UserFactory.create(
            organisation=cls.org, email="viewer@northwind.example", role=Role.VIEWER
        )
        cls.team = TeamFactory.create(
            organisation=cls.org,
            name="Customer Success",
            lead=cls.owner,
            members=[cls.owner, cls.teammate, cls.viewer],
        )
        cls.finance = TeamFactory.create(
            organisation=cls.org, name="Finance", members=[cls.outsider]
        )
        cls.finance.serves.add(cls.team)
        cls.segment = SegmentFactory.create(organisation=cls.org, name="Enterprise")
        cls.account = AccountFactory.create(
            organisation=cls.org, name="Acme", owner=cls.owner, team=cls.team, segment=cls.segment
        )
        cls.contact = ContactFactory.create(
            account=cls.account, first_name="Carla", email="carla@acme.example"
        )
        cls.other_org = OrganisationFactory.create(name="Elsewhere")
        cls.stranger = UserFactory.create(
            organisation=cls.other_org, email="stranger@elsewhere.example", role=Role.ADMIN
        )

    def login(self, user: object) -> None:
        self.client.force_login(user)  # type: ignore[arg-type]


__all__ = ["PASSWORD", "PersonasTestCase"]
