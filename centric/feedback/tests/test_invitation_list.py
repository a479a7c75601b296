"""Whom a survey invited and what became of each invitation: the page admins and CX leads
follow a survey by, and its API twin."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback import services
from centric.feedback.models import OptOut, Response
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.people.services import api_token_create
from tests.factories import ContactFactory


class InvitationListTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        people = {
            name: ContactFactory.create(
                account=self.account,
                first_name=name.title(),
                email=f"{name}@acme.example",
                language="ja" if name == "silent" else "en",
            )
            for name in ("answered", "started", "gone", "silent")
        }
        created, _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=people.values()
        )
        self.invitations = {invitation.email.split("@")[0]: invitation for invitation in created}
        services.invitations_send(survey_id=self.survey.pk)
        customer = Customer.objects.get(account=self.account)
        for name, submitted in (("answered", timezone.now()), ("started", None)):
            Response.objects.create(
                organisation=self.org,
                survey=self.survey,
                customer=customer,
                invitation=self.invitations[name],
                channel="email",
                submitted_at=submitted,
            )
        OptOut.objects.create(organisation=self.org, email="gone@acme.example")
        services.invitations_create(actor=self.cx_lead, survey=self.survey, contacts=[self.contact])
        self.url = reverse("feedback:survey_invitations", args=[self.survey.pk])

    def test_each_invitation_says_what_became_of_it(self) -> None:
        self.login(self.cx_lead)
        detail = self.client.get(self.survey.get_absolute_url())
        self.assertContains(detail, f'href="{self.url}"')

        page = self.client.get(self.url)

        self.assertContains(page, "5 in all")
        for email in ("answered@", "started@", "gone@", "silent@", "carla@"):
            self.assertContains(page, email)
        self.assertContains(page, '<span class="badge done">Answered</span>', count=1)
        self.assertContains(page, '<span class="badge renewal">Started</span>', count=1)
        self.assertContains(page, '<span class="badge churned">Unsubscribed</span>', count=1)
        self.assertContains(page, "No answer yet", count=1)
        self.assertContains(page, '<span class="muted">Not emailed yet</span>', count=1)
        self.assertContains(page, '<td data-label="Language">Japanese</td>', count=1)

    def test_the_list_keeps_to_what_became_of_them(self) -> None:
        self.login(self.cx_lead)
        expected = {
            "answered": ["answered"],
            "started": ["started"],
            "opted_out": ["gone"],
            "emailed": ["silent"],
            "waiting": ["carla"],
        }
        for state, names in expected.items():
            with self.subTest(state=state):
                page = self.client.get(self.url, {"state": state})
                self.assertContains(page, f"{len(names)} in all")
                for name in names:
                    self.assertContains(page, f"{name}@acme.example")
        # an unknown state is every invitation, not an error page
        self.assertContains(self.client.get(self.url, {"state": "nonsense"}), "5 in all")

    def test_the_invitations_download_as_csv_as_filtered_and_defused(self) -> None:
        self.contact.first_name = "=HYPERLINK(1)"
        self.contact.save()
        self.login(self.cx_lead)
        page = self.client.get(self.url, {"state": "waiting"})
        csv_url = reverse("feedback:survey_invitations_csv", args=[self.survey.pk])
        self.assertContains(page, f'href="{csv_url}?state=waiting"')

        every = self.client.get(csv_url)
        lines = b"".join(every.streaming_content).decode("utf-8-sig").splitlines()  # type: ignore[attr-defined]

        self.assertEqual(every["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(lines[0].split(",")[0], "Name")
        self.assertEqual(len(lines), 6)
        self.assertIn("'=HYPERLINK(1)", lines[1])  # a formula is text to a spreadsheet
        self.assertTrue(lines[1].endswith("Not emailed yet"))
        answered = self.client.get(csv_url, {"state": "answered"})
        rows = b"".join(answered.streaming_content).decode("utf-8-sig").splitlines()  # type: ignore[attr-defined]
        self.assertEqual(len(rows), 2)
        self.assertIn("answered@acme.example", rows[1])
        self.login(self.owner)
        self.assertEqual(self.client.get(csv_url).status_code, 403)

    def test_the_api_filters_the_same_way(self) -> None:
        _, secret = api_token_create(user=self.cx_lead, name="test")
        answer = self.client.get(
            f"/api/surveys/{self.survey.pk}/invitations",
            {"state": "started"},
            headers={"Authorization": f"Bearer {secret}"},
        )
        [item] = answer.json()["items"]
        self.assertEqual(
            (item["email"], item["started"], item["answered"], item["opted_out"], item["state"]),
            ("started@acme.example", True, False, False, "started"),
        )
        refused = self.client.get(
            f"/api/surveys/{self.survey.pk}/invitations",
            {"state": "nonsense"},
            headers={"Authorization": f"Bearer {secret}"},
        )
        self.assertEqual(refused.status_code, 422)

    def test_only_those_who_send_invitations_see_them(self) -> None:
        for person in (self.owner, self.viewer):
            with self.subTest(person=person.email):
                self.login(person)
                self.assertEqual(self.client.get(self.url).status_code, 403)
                page = self.client.get(self.survey.get_absolute_url())
                self.assertNotContains(page, f'href="{self.url}"')
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.login(self.cx_lead)
        self.assertEqual(self.client.post(self.url).status_code, 405)
