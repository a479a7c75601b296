"""A case action that fails says so at the top of the page it shows again, links to the card
where the mistake is, and keeps what the person typed."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse

from centric.cases.models import Case, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from tests.personas import PersonasTestCase


class CaseActionMistakeTests(PersonasTestCase):
    case: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        detractor_rule(cls.org.pk)
        acme = Customer.objects.get(account=cls.account)
        responses_route(response_ids=[feedback(customer=acme, contact=cls.contact, score=2).pk])
        cls.case = Case.objects.get()

    def post(self, action: str, data: Mapping[str, object]) -> str:
        self.login(self.owner)
        answer = self.client.post(reverse(f"cases:{action}", args=[self.case.pk]), data)
        self.assertEqual(answer.status_code, 422)
        return answer.content.decode()

    def summary(self, page: str) -> str:
        """The error summary, which comes before the case's own heading."""
        self.assertIn('class="error-summary"', page)
        start = page.index('class="error-summary"')
        self.assertLess(start, page.index(f"#{self.case.pk} {self.case.title}"))
        return page[start : page.index("</div>", start)]

    def test_each_failed_action_says_what_did_not_happen_and_links_to_its_card(self) -> None:
        for action, data, said, card in (
            (
                "case_contact",
                {"channel": "pigeon", "outcome": "reached"},
                "The contact attempt was not recorded",
                "contact-h",
            ),
            (
                "case_cause",
                {"resolution": "Refunded."},
                "The root cause and resolution were not saved",
                "cause-h",
            ),
            ("case_state", {"state": "resolved"}, "The case was not moved", "state-h"),
            ("case_assign", {"owner": self.viewer.pk}, "The case was not handed over", "assign-h"),
            ("case_comment", {"text": ""}, "The comment was not added", "comment-h"),
        ):
            with self.subTest(action=action):
                summary = self.summary(self.post(action, data))
                self.assertIn(said, summary)
                self.assertIn(f'href="#{card}"', summary)

    def test_the_summary_names_the_field_and_the_reason(self) -> None:
        summary = self.summary(self.post("case_comment", {"text": ""}))
        self.assertIn("Comment: This field is required.", summary)
        summary = self.summary(self.post("case_state", {"state": "resolved"}))
        self.assertIn("Record the root cause and the resolution before resolving", summary)

    def test_the_page_title_says_there_is_an_error_and_the_summary_takes_the_focus(self) -> None:
        page = self.post("case_comment", {"text": ""})
        self.assertIn(f"<title>Error: Case #{self.case.pk}", page)
        self.assertRegex(self.summary(page), r'tabindex="-1"[^>]* autofocus')

    def test_a_failed_closing_message_keeps_what_was_written(self) -> None:
        cause = RootCause.objects.get(organisation=self.org, name="Billing error")
        Case.objects.filter(pk=self.case.pk).update(
            state=Case.State.RESOLVED, root_cause=cause, resolution="Refunded."
        )
        page = self.post(
            "case_close",
            {"subject": "", "body": "Dear Carla, my own words about the refund.", "resurvey": ""},
        )
        summary = self.summary(page)
        self.assertIn("The message was not sent and the case was not closed", summary)
        self.assertIn("Subject: This field is required.", summary)
        self.assertIn('href="#close-h"', summary)
        self.assertIn("Dear Carla, my own words about the refund.", page)
        self.assertEqual(Case.objects.get(pk=self.case.pk).state, Case.State.RESOLVED)

    def test_a_page_without_a_mistake_has_no_summary(self) -> None:
        self.login(self.owner)
        page = self.client.get(reverse("cases:case_detail", args=[self.case.pk]))
        self.assertNotContains(page, "error-summary")
        self.assertContains(page, f"<title>Case #{self.case.pk}")
