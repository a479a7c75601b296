"""An account's page (and an internal customer's team page) lists the customer's open cases."""

from __future__ import annotations

from django.urls import reverse

from centric.cases.models import Case
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from tests.personas import PersonasTestCase


class CustomerCasesTests(PersonasTestCase):
    acme: Customer
    open_case: Case
    closed_case: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        detractor_rule(cls.org.pk)
        first = feedback(customer=cls.acme, contact=cls.contact, score=2)
        second = feedback(customer=cls.acme, contact=cls.contact, score=4)
        responses_route(response_ids=[first.pk, second.pk])
        cls.open_case, cls.closed_case = Case.objects.order_by("pk")
        cls.closed_case.state = Case.State.CLOSED
        cls.closed_case.save(update_fields=["state"])

    def page(self) -> str:
        answer = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))
        self.assertEqual(answer.status_code, 200)
        return " ".join(answer.content.decode().split())

    def test_the_account_page_lists_its_open_cases_and_counts_the_finished(self) -> None:
        self.login(self.owner)
        page = self.page()
        self.assertIn("Their cases", page)
        url = reverse("cases:case_detail", args=[self.open_case.pk])
        self.assertIn(f'<a href="{url}">#{self.open_case.pk} {self.open_case.title}</a>', page)
        closed = reverse("cases:case_detail", args=[self.closed_case.pk])
        self.assertNotIn(f'href="{closed}"', page)
        self.assertIn("1 resolved or closed in the last 12 months.", page)

    def test_an_account_without_open_cases_says_so(self) -> None:
        Case.objects.update(state=Case.State.RESOLVED)
        self.login(self.owner)
        page = self.page()
        self.assertIn("No open case that you may see.", page)
        self.assertIn("2 resolved or closed in the last 12 months.", page)

    def test_a_teams_page_lists_the_cases_of_its_internal_customer(self) -> None:
        team_customer = Customer.objects.get(team=self.team)
        response = feedback(customer=team_customer, person=self.teammate, score=1)
        responses_route(response_ids=[response.pk])
        case = Case.objects.get(customer=team_customer)
        self.login(self.cx_lead)
        answer = self.client.get(reverse("people:team_detail", args=[self.team.pk]))
        self.assertContains(answer, f"{self.team.name} as a customer: their cases")
        self.assertContains(answer, f'href="{reverse("cases:case_detail", args=[case.pk])}"')
