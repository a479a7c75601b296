"""The survey pages and their API say plainly what is wrong: an address that is no email
address, a question others follow up on, a fatigue window of centuries, the team a survey rates,
a wave the survey does not have; deleting a question is asked first; one is one."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse
from django.utils import timezone

from centric.feedback.models import Invitation, Response, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.people.services import api_token_create

FOLLOW_UPS = (
    "“We are sorry to hear that. What is the one thing we should fix first?”, “What would make "
    "you more likely to recommend us?” and “Great to hear! What do we do best?”"
)


class StaffTestCase(SurveyTestCase):
    def api(self, method: str, path: str, body: object) -> Any:
        _, secret = api_token_create(user=self.cx_lead, name="test")
        return getattr(self.client, method)(
            f"/api{path}",
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    def refusals(self, answer: Any) -> dict[tuple[str, ...], str]:
        self.assertEqual(answer.status_code, 422, answer.content)
        return {tuple(error["loc"]): error["msg"] for error in answer.json()["detail"]}


class InvitingTest(StaffTestCase):
    def test_what_is_not_an_email_address_is_called_so(self) -> None:
        survey = self.make_survey()
        self.login(self.cx_lead)
        refused = self.client.post(
            reverse("feedback:survey_invite", args=[survey.pk]),
            {"contacts": "not-an-email\nnobody@acme.example"},
        )
        self.assertContains(refused, "Contacts by email: Not an email address: not-an-email.")
        self.assertContains(
            refused, "Contacts by email: Not the address of a contact: nobody@acme.example."
        )
        self.assertNotContains(refused, "Not the address of a contact: not-an-email")
        self.assertFalse(Invitation.objects.exists())

    def test_the_api_names_the_field_when_the_rated_team_is_invited(self) -> None:
        survey = self.make_survey("internal-customer", name="Finance", subject_team=self.finance)
        answer = self.api(
            "post", f"/surveys/{survey.pk}/invitations", {"team_ids": [self.finance.pk]}
        )
        self.assertEqual(
            self.refusals(answer),
            {
                ("body", "team_ids"): "Finance is the team this survey rates, so it cannot rate "
                "itself; invite the teams it serves."
            },
        )

    def test_the_page_says_it_beside_the_teams(self) -> None:
        survey = self.make_survey("internal-customer", name="Finance", subject_team=self.finance)
        self.login(self.cx_lead)
        refused = self.client.post(
            reverse("feedback:survey_invite", args=[survey.pk]), {"teams": [self.finance.pk]}
        )
        self.assertEqual(
            refused.context["invite_form"].errors["teams"],
            [
                "Finance is the team this survey rates, so it cannot rate itself; invite the teams it serves."
            ],
        )


class QuestionDeletingTest(StaffTestCase):
    def setUp(self) -> None:
        self.survey = self.make_survey()
        self.nps = self.survey.questions.get(key="nps")
        self.best = self.survey.questions.get(key="best")

    def url(self, question: Any) -> str:
        return reverse("feedback:question_change", args=[self.survey.pk, question.pk])

    def test_deleting_a_question_is_asked_first(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, f'href="{self.url(self.best)}?action=delete"')
        self.assertNotContains(page, 'name="action" value="delete"')
        asked = self.client.get(self.url(self.best) + "?action=delete")
        self.assertContains(asked, "Delete the question “Great to hear! What do we do best?”?")
        self.assertContains(asked, '<input type="hidden" name="action" value="delete">')
        self.assertTrue(self.survey.questions.filter(key="best").exists())  # GET only asks
        done = self.client.post(self.url(self.best), {"action": "delete"}, follow=True)
        self.assertContains(done, "The question “Great to hear! What do we do best?” is deleted.")
        self.assertFalse(self.survey.questions.filter(key="best").exists())

    def test_a_question_others_follow_up_on_names_them(self) -> None:
        self.login(self.cx_lead)
        asked = self.client.get(self.url(self.nps) + "?action=delete")
        self.assertContains(asked, "cannot be deleted yet")
        self.assertNotContains(asked, "Delete the question")
        refused = self.client.post(self.url(self.nps), {"action": "delete"}, follow=True)
        self.assertContains(
            refused,
            "“How likely are you to recommend us to a friend or colleague?” cannot be deleted: "
            f"{FOLLOW_UPS} follow up on it. Change them to show always, or delete them, first.",
        )
        self.assertTrue(self.survey.questions.filter(key="nps").exists())

    def test_the_api_names_them_too(self) -> None:
        answer = self.api("delete", f"/surveys/{self.survey.pk}/questions/nps", None)
        self.assertEqual(answer.status_code, 422)
        self.assertIn(FOLLOW_UPS, answer.json()["detail"])

    def test_members_are_not_asked_and_an_open_surveys_questions_stay(self) -> None:
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url(self.best) + "?action=delete").status_code, 403)
        self.open_survey(self.survey)
        self.login(self.cx_lead)
        opened = self.client.get(self.url(self.best) + "?action=delete")
        self.assertRedirects(opened, self.survey.get_absolute_url())


class FatigueWindowTest(StaffTestCase):
    def test_a_window_longer_than_a_year_is_refused_in_the_form_and_the_api(self) -> None:
        survey = self.make_survey()
        self.login(self.cx_lead)
        values = {"name": survey.name, "languages": survey.languages}
        refused = self.client.post(
            reverse("feedback:survey_edit", args=[survey.pk]), {**values, "fatigue_days": 100000}
        )
        message = (
            "Choose at most 365 days (a year): a longer window would keep this survey from "
            "asking nearly anyone that another survey has asked."
        )
        self.assertEqual(refused.context["form"].errors["fatigue_days"], [message])
        self.assertContains(refused, 'max="365"')
        self.assertEqual(
            self.refusals(self.api("patch", f"/surveys/{survey.pk}", {"fatigue_days": 100000})),
            {("body", "fatigue_days"): message},
        )
        created = self.api(
            "post", "/surveys", {"template": "relationship-nps", "name": "X", "fatigue_days": 366}
        )
        self.assertEqual(self.refusals(created), {("body", "fatigue_days"): message})
        kept = self.api("patch", f"/surveys/{survey.pk}", {"fatigue_days": 365})
        self.assertEqual(kept.status_code, 200)
        self.assertEqual(Survey.objects.get(pk=survey.pk).fatigue_days, 365)


class WaveAskedTest(StaffTestCase):
    def test_a_wave_the_survey_does_not_have_is_said_on_its_page(self) -> None:
        survey = self.make_survey()
        Survey.objects.filter(pk=survey.pk).update(current_wave=2)
        self.login(self.viewer)
        page = self.client.get(survey.get_absolute_url() + "?wave=9")
        self.assertContains(page, "This survey has no wave “9”: it has waves 1 to 2.")
        self.assertNotContains(
            self.client.get(survey.get_absolute_url() + "?wave=2"), "This survey has no wave"
        )
        transactional = self.make_survey("touchpoint-csat", name="After delivery")
        page = self.client.get(transactional.get_absolute_url() + "?wave=1")
        self.assertContains(page, "This survey asks in no waves: only a relationship survey does.")

    def test_and_on_its_invitations_whose_download_refuses_it(self) -> None:
        survey = self.make_survey()
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:survey_invitations", args=[survey.pk]) + "?wave=3")
        self.assertContains(page, "This survey has no wave “3”: it has wave 1.")
        url = reverse("feedback:survey_invitations_csv", args=[survey.pk])
        self.assertEqual(self.client.get(url + "?wave=3").status_code, 400)
        self.assertEqual(self.client.get(url + "?wave=1").status_code, 200)


class PartialCountTest(StaffTestCase):
    def test_one_unfinished_answer_is_left_out_and_two_are(self) -> None:
        survey = self.make_survey()
        now = timezone.now()
        fields = {"organisation": self.org, "survey": survey, "channel": "link"}
        Response.objects.create(**fields, submitted_at=now, responded_at=now)
        Response.objects.create(**fields)
        self.login(self.cx_lead)
        self.assertContains(
            self.client.get(survey.get_absolute_url()),
            "(the 1 started but not finished is left out)",
        )
        Response.objects.create(**fields)
        self.assertContains(
            self.client.get(survey.get_absolute_url()),
            "(the 2 started but not finished are left out)",
        )
