"""A new organisation's Teams page says there are no teams yet and what to do, where a search
that finds nothing says that nothing matches."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from centric.core.models import Role
from centric.people.models import User
from tests.factories import OrganisationFactory, UserFactory


class EmptyTeamsTest(TestCase):
    admin: User
    cx_lead: User
    member: User

    @classmethod
    def setUpTestData(cls) -> None:
        organisation = OrganisationFactory.create(name="Acme")
        cls.admin = UserFactory.create(organisation=organisation, role=Role.ADMIN)
        cls.cx_lead = UserFactory.create(organisation=organisation, role=Role.CX_LEAD)
        cls.member = UserFactory.create(organisation=organisation, role=Role.MEMBER)

    def test_admins_and_cx_leads_are_told_to_create_the_first_team(self) -> None:
        for person in (self.admin, self.cx_lead):
            self.client.force_login(person)
            response = self.client.get(reverse("people:team_list"))
            self.assertContains(response, "No teams yet.")
            self.assertContains(response, f'href="{reverse("people:team_create")}"', count=2)
            self.assertNotContains(response, "match")

    def test_a_member_is_told_who_can_add_them_to_a_team(self) -> None:
        self.client.force_login(self.member)
        response = self.client.get(reverse("people:team_list"))
        self.assertContains(response, "You are in no team yet: an admin or a CX lead")
        self.assertNotContains(response, reverse("people:team_create"))

    def test_a_search_that_finds_nothing_says_nothing_matches(self) -> None:
        self.client.force_login(self.admin)
        for query in ({"q": "legal"}, {"business_unit": "1"}):
            response = self.client.get(reverse("people:team_list"), query)
            self.assertContains(response, "No teams match.")
            self.assertNotContains(response, "No teams yet")
