"""The home page starts with the cases waiting for the person who opens it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from centric.cases.models import Case
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.core import clock
from centric.customers.models import Customer
from tests.personas import PersonasTestCase


class CasesWaitingTests(PersonasTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        acme = Customer.objects.get(account=cls.account)
        detractor_rule(cls.org.pk)
        responses = [feedback(customer=acme, contact=cls.contact, score=n) for n in (1, 2, 3)]
        responses_route(response_ids=[r.pk for r in responses])
        first, second, third = Case.objects.order_by("pk")
        past = clock.now() - dt.timedelta(days=2)
        Case.objects.filter(pk=first.pk).update(owner=cls.owner, resolution_due=past)
        Case.objects.filter(pk=second.pk).update(owner=cls.owner)
        Case.objects.filter(pk=third.pk).update(owner=None)

    def page(self) -> str:
        answer = self.client.get(reverse("home"))
        self.assertEqual(answer.status_code, 200)
        return " ".join(answer.content.decode().split())

    def test_a_case_owner_sees_their_cases_and_how_many_are_overdue(self) -> None:
        self.login(self.owner)
        page = self.page()
        inbox = reverse("cases:inbox")
        self.assertIn(
            f'href="{inbox}?inbox=mine" style="text-decoration:none;color:inherit">'
            '<div class="stat">2</div><div class="stat-label">open cases are yours · 1 overdue',
            page,
        )
        self.assertIn(
            '<div class="stat">1</div><div class="stat-label">with no owner yet</div>', page
        )
        self.assertIn(
            '<div class="stat">1</div><div class="stat-label">overdue, of the cases you see', page
        )

    def test_a_viewer_follows_their_teams_cases_and_is_offered_no_unassigned(self) -> None:
        self.login(self.viewer)
        page = self.page()
        self.assertIn("open cases of your teams", page)
        self.assertNotIn("open case is yours", page)
        self.assertNotIn("with no owner yet", page)

    def test_someone_with_no_cases_is_told_none_wait(self) -> None:
        self.login(self.outsider)
        page = self.page()
        self.assertIn(
            '<div class="stat">0</div><div class="stat-label">open cases are yours</div>', page
        )
