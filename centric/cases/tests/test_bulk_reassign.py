"""Handing several cases over at once from the inbox: it goes back only to a page of this site,
and a ticked case that is no longer the person's to hand over is named in plain words, with
none of the cases handed over."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.urls import reverse

from centric.cases.models import Case
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from tests.factories import AccountFactory
from tests.personas import PersonasTestCase


class BulkReassignTests(PersonasTestCase):
    mine: Case
    finances: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        detractor_rule(cls.org.pk)
        acme = Customer.objects.get(account=cls.account)
        responses_route(response_ids=[feedback(customer=acme, score=1).pk])
        cls.mine = Case.objects.get()
        globex = AccountFactory.create(
            organisation=cls.org, name="Globex", owner=cls.outsider, team=cls.finance
        )
        responses_route(
            response_ids=[feedback(customer=Customer.objects.get(account=globex), score=2).pk]
        )
        cls.finances = Case.objects.exclude(pk=cls.mine.pk).get()

    def reassign(self, cases: list[Case], **data: str) -> Any:
        self.login(self.owner)
        return self.client.post(
            reverse("cases:bulk_reassign"),
            {"cases": [case.pk for case in cases], "owner": self.teammate.pk, **data},
        )

    def said(self, answer: Any) -> list[str]:
        return [str(message) for message in get_messages(answer.wsgi_request)]

    def test_it_goes_back_to_the_inbox_page_it_came_from(self) -> None:
        answer = self.reassign([self.mine], next="/cases/?inbox=team&page=2")
        self.assertRedirects(answer, "/cases/?inbox=team&page=2", fetch_redirect_response=False)
        self.assertEqual(Case.objects.get(pk=self.mine.pk).owner, self.teammate)

    def test_it_never_goes_back_to_another_site(self) -> None:
        inbox = reverse("cases:inbox")
        for elsewhere in (
            "https://evil.example/x",
            "//evil.example/x",
            "http://testserver@evil.example/",
            "javascript:alert(1)",
            "inbox",
        ):
            with self.subTest(next=elsewhere):
                self.assertRedirects(
                    self.reassign([self.mine], next=elsewhere), inbox, fetch_redirect_response=False
                )
                self.assertRedirects(
                    self.reassign([], next=elsewhere), inbox, fetch_redirect_response=False
                )

    def test_a_case_no_longer_yours_is_named_plainly_and_none_is_handed_over(self) -> None:
        answer = self.reassign([self.mine, self.finances], next="/cases/")
        self.assertRedirects(answer, "/cases/", fetch_redirect_response=False)
        (message,) = self.said(answer)
        self.assertIn("One of the cases you ticked is no longer yours to hand over", message)
        self.assertIn("None was handed over", message)
        self.assertNotIn("valid choice", message)
        self.assertNotIn(str(self.finances.pk), message)  # not even its number is revealed
        self.assertEqual(Case.objects.get(pk=self.mine.pk).owner, self.owner)
        self.assertEqual(Case.objects.get(pk=self.finances.pk).owner, self.outsider)

    def test_a_case_that_is_gone_is_named_plainly_too(self) -> None:
        gone = self.finances.pk
        Case.objects.filter(pk=gone).delete()
        self.login(self.owner)
        answer = self.client.post(
            reverse("cases:bulk_reassign"),
            {"cases": [self.mine.pk, gone], "owner": self.teammate.pk},
        )
        (message,) = self.said(answer)
        self.assertIn("no longer yours to hand over", message)
        self.assertEqual(Case.objects.get(pk=self.mine.pk).owner, self.owner)

    def test_ticking_nothing_still_says_so(self) -> None:
        self.assertEqual(self.said(self.reassign([])), ["Tick the cases to hand over."])
