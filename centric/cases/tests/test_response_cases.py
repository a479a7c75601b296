"""A response's page names the case opened from it, if the reader may see that case; where no
rule opened one, a person who may write opens one by hand."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from centric.cases.models import Case, CaseEvent, Notification
from centric.cases.tests.test_api import CaseApiTestCase
from centric.customers.models import Customer
from centric.feedback.models import Response


class ResponseCaseTest(CaseApiTestCase):
    def respond(self) -> Response:
        return Response.objects.create(
            organisation=self.org,
            customer=Customer.objects.get(account=self.account),
            channel=Response.Channel.API,
            score=2,
            score_type="nps",
            comment="Late again.",
            responded_at=timezone.now(),
        )

    def page(self, response: Response) -> str:
        url = reverse("feedback:response_detail", args=[response.pk])
        return self.client.get(url).content.decode()

    def test_a_responses_page_links_its_case_for_those_who_may_see_the_case(self) -> None:
        seen, hidden, bare = self.respond(), self.respond(), self.respond()
        case = self.open_case(title="Acme: NPS 2", response=seen)
        # a case of Finance's about an Acme response: Customer Success does not see it
        self.open_case(
            title="Finance checks the invoice",
            response=hidden,
            customer=None,
            owner=self.outsider,
            team=self.finance,
        )

        self.login(self.owner)
        page = self.page(seen)
        self.assertIn("The case opened from it", page)
        self.assertIn(f'<a href="{case.get_absolute_url()}">Acme: NPS 2</a>', page)
        self.assertNotIn("Finance checks the invoice", self.page(hidden))
        self.assertNotIn("opened from it", self.page(bare))

        self.login(self.cx_lead)  # sees every case
        self.assertIn("Finance checks the invoice", self.page(hidden))

    def test_a_member_opens_a_case_by_hand_for_feedback_no_rule_took(self) -> None:
        response = self.respond()
        self.login(self.owner)
        self.assertIn("Open the case", self.page(response))

        opened = self.client.post(
            reverse("cases:case_open", args=[response.pk]),
            {"owner": self.teammate.pk, "priority": "high", "note": "<b>Call them today.</b>"},
        )

        case = Case.objects.get(response=response)
        self.assertRedirects(opened, case.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((case.owner, case.team, case.priority), (self.teammate, self.team, "high"))
        self.assertEqual(case.comment, "Late again.")
        self.assertIsNone(case.rule)
        self.assertGreater(case.resolution_due, case.first_contact_due)
        event = case.events.get(kind=CaseEvent.Kind.OPENED)
        self.assertEqual((event.actor, event.text), (self.owner, "<b>Call them today.</b>"))
        self.assertTrue(Notification.objects.filter(recipient=self.teammate, case=case).exists())
        detail = self.client.get(case.get_absolute_url())
        self.assertContains(detail, "&lt;b&gt;Call them today.&lt;/b&gt;")
        # it has its case now: no second one, and the page names it
        page = self.page(response)
        self.assertNotIn("Open the case", page)
        self.assertIn("The case opened from it", page)
        again = self.client.post(
            reverse("cases:case_open", args=[response.pk]),
            {"owner": self.owner.pk, "priority": "normal"},
        )
        self.assertContains(again, "This feedback has a case already.", status_code=422)
        self.assertEqual(Case.objects.filter(response=response).count(), 1)

    def test_viewers_outsiders_and_bad_choices_open_nothing(self) -> None:
        response = self.respond()
        self.login(self.viewer)
        self.assertNotIn("Open the case", self.page(response))
        refused = self.client.post(
            reverse("cases:case_open", args=[response.pk]),
            {"owner": self.viewer.pk, "priority": "normal"},
        )
        self.assertEqual(refused.status_code, 403)
        self.login(self.outsider)  # serves none of Acme: the response is not theirs to see
        hidden = self.client.post(
            reverse("cases:case_open", args=[response.pk]),
            {"owner": self.outsider.pk, "priority": "normal"},
        )
        self.assertEqual(hidden.status_code, 404)
        self.login(self.owner)
        for data, said in [
            ({"owner": self.viewer.pk, "priority": "normal"}, "Select a valid choice."),
            ({"owner": self.owner.pk, "priority": "whenever"}, "Select a valid choice."),
            ({"owner": self.stranger.pk, "priority": "normal"}, "Select a valid choice."),
        ]:
            with self.subTest(data=data):
                found = self.client.post(reverse("cases:case_open", args=[response.pk]), data)
                self.assertContains(found, said, status_code=422)
        self.assertEqual(
            self.client.get(reverse("cases:case_open", args=[response.pk])).status_code, 405
        )
        self.assertFalse(Case.objects.filter(response=response).exists())

    def test_a_case_not_opened_says_why_at_the_top_and_keeps_what_was_typed(self) -> None:
        response = self.respond()
        self.login(self.owner)
        failed = self.client.post(
            reverse("cases:case_open", args=[response.pk]),
            {"owner": self.viewer.pk, "priority": "high", "note": "Call them today."},
        )
        self.assertContains(failed, "<title>Error: Open a case · Centric</title>", status_code=422)
        self.assertContains(
            failed, '<h2 id="error-summary-h">The case was not opened</h2>', status_code=422
        )
        self.assertContains(failed, "Owner: Select a valid choice.", status_code=422)
        self.assertContains(failed, "Call them today.</textarea>", status_code=422)
        self.assertContains(failed, '<option value="high" selected>', status_code=422)
        self.assertFalse(Case.objects.filter(response=response).exists())

    def test_the_api_opens_a_case_by_hand_once(self) -> None:
        response = self.respond()
        body = {"response_id": response.pk, "owner_id": self.owner.pk, "priority": "urgent"}

        opened = self.post("/cases", self.owner, body)
        again = self.post("/cases", self.owner, body)

        self.assertEqual(opened.status_code, 201, opened.content)
        self.assertEqual((opened.json()["priority"], opened.json()["state"]), ("urgent", "new"))
        self.assertEqual(again.status_code, 422)
        self.assertEqual(again.json()["detail"][0]["loc"], ["body", "response_id"])
        # feedback out of sight is unknown to them: a 422 naming the field, as for an unknown id
        for user, status in [(self.viewer, 403), (self.outsider, 422), (self.stranger, 422)]:
            with self.subTest(user=user.email):
                other = self.respond()
                refused = self.post("/cases", user, {**body, "response_id": other.pk})
                self.assertEqual(refused.status_code, status)
                if status == 422:
                    self.assertEqual(refused.json()["detail"][0]["loc"], ["body", "response_id"])
        nobody = self.post("/cases", self.owner, {**body, "owner_id": self.stranger.pk})
        self.assertEqual(nobody.json()["detail"][0]["loc"], ["body", "owner_id"])
