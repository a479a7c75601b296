"""The people every permission test uses.

In Northwind: the *owner* owns the account Acme, which the Customer Success team serves; the
*teammate* is in Customer Success too; the *outsider* is in Finance, which serves Customer Success
(so Customer Success is Finance's internal customer) but has nothing to do with Acme. An *admin*,
a *CX lead* and a *viewer* (in Customer Success) complete the roles, and a *stranger* is an admin
of another organisation entirely.
"""

from __future__ import annotations

from django.test import TestCase

from centric.core.models import Role
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
    @classmethod
    def setUpTestData(cls) -> None:
        cls.org = OrganisationFactory(name="Northwind")
        cls.owner = UserFactory(
            organisation=cls.org, email="owner@northwind.example", first_name="Olivia"
        )
        cls.teammate = UserFactory(
            organisation=cls.org, email="teammate@northwind.example", first_name="Tom"
        )
        cls.outsider = UserFactory(
            organisation=cls.org, email="outsider@northwind.example", first_name="Otto"
        )
        cls.admin = UserFactory(
            organisation=cls.org, email="admin@northwind.example", role=Role.ADMIN
        )
        cls.cx_lead = UserFactory(
            organisation=cls.org, email="cx@northwind.example", role=Role.CX_LEAD
        )
        cls.viewer = UserFactory(
            organisation=cls.org, email="viewer@northwind.example", role=Role.VIEWER
        )
        cls.team = TeamFactory(
            organisation=cls.org,
            name="Customer Success",
            lead=cls.owner,
            members=[cls.owner, cls.teammate, cls.viewer],
        )
        cls.finance = TeamFactory(organisation=cls.org, name="Finance", members=[cls.outsider])
        cls.finance.serves.add(cls.team)
        cls.segment = SegmentFactory(organisation=cls.org, name="Enterprise")
        cls.account = AccountFactory(
            organisation=cls.org, name="Acme", owner=cls.owner, team=cls.team, segment=cls.segment
        )
        cls.contact = ContactFactory(
            account=cls.account, first_name="Carla", email="carla@acme.example"
        )
        cls.other_org = OrganisationFactory(name="Elsewhere")
        cls.stranger = UserFactory(
            organisation=cls.other_org, email="stranger@elsewhere.example", role=Role.ADMIN
        )

    def login(self, user: object) -> None:
        self.client.force_login(user)  # type: ignore[arg-type]


__all__ = ["PASSWORD", "PersonasTestCase"]
