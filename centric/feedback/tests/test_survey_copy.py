"""A survey copied as a new draft, to ask again: its questions and settings, none of its
invitations, answers or waves."""

from django.urls import reverse

from centric.core.models import AuditEvent
from centric.customers.models import Customer
from centric.feedback import services
from centric.feedback.models import Response, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase


class SurveyCopyTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey(name="Relationship 2026"))
        services.invitations_create(actor=self.cx_lead, survey=self.survey, contacts=[self.contact])
        Response.objects.create(
            organisation=self.org,
            survey=self.survey,
            customer=Customer.objects.get(account=self.account),
            channel="link",
            score=9,
            score_type="nps",
        )
        Survey.objects.filter(pk=self.survey.pk).update(current_wave=3, fatigue_days=45)
        self.survey.refresh_from_db()

    def questions(self, survey: Survey) -> list[tuple[object, ...]]:
        return list(
            survey.questions.order_by("page", "position").values_list(
                "key", "kind", "page", "position", "required", "text", "options", "show_if"
            )
        )

    def test_a_cx_lead_copies_a_survey_into_a_new_draft(self) -> None:
        self.login(self.cx_lead)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, "Copy as a new draft")

        answer = self.client.post(reverse("feedback:survey_copy", args=[self.survey.pk]))

        copy = Survey.objects.exclude(pk=self.survey.pk).get()
        self.assertRedirects(answer, copy.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(copy.name, "Relationship 2026 (copy)")
        self.assertEqual((copy.status, copy.current_wave), (Survey.Status.DRAFT, 1))
        self.assertEqual(
            (copy.kind, copy.template, copy.fatigue_days), ("relationship", "relationship-nps", 45)
        )
        self.assertEqual((copy.languages, copy.intro), (self.survey.languages, self.survey.intro))
        self.assertNotEqual(copy.public_key, self.survey.public_key)
        self.assertEqual(self.questions(copy), self.questions(self.survey))
        self.assertFalse(copy.invitations.exists())
        self.assertFalse(Response.objects.filter(survey=copy).exists())
        self.assertEqual(copy.created_by, self.cx_lead)
        self.assertTrue(
            AuditEvent.objects.filter(
                action=AuditEvent.Action.CREATE, object_id=str(copy.pk)
            ).exists()
        )
        shown = self.client.get(copy.get_absolute_url())
        self.assertContains(shown, "is a draft with the questions of")
        self.assertContains(shown, "Add a question")  # a draft's questions can change again

    def test_a_name_can_be_given_and_is_checked(self) -> None:
        url = reverse("feedback:survey_copy", args=[self.survey.pk])
        self.login(self.cx_lead)
        self.client.post(url, {"name": "  Relationship 2027 "})
        self.assertTrue(Survey.objects.filter(name="Relationship 2027").exists())
        too_long = self.client.post(url, {"name": "x" * 200}, follow=True)
        self.assertContains(too_long, "at most 160 characters")
        self.assertEqual(Survey.objects.count(), 2)

    def test_only_those_who_build_surveys_copy_them(self) -> None:
        url = reverse("feedback:survey_copy", args=[self.survey.pk])
        self.login(self.owner)  # a member
        self.assertNotContains(self.client.get(self.survey.get_absolute_url()), "Copy as a new")
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(url).status_code, 405)  # GET changes nothing
        theirs = Survey.objects.create(organisation=self.other_org, name="Theirs")
        elsewhere = reverse("feedback:survey_copy", args=[theirs.pk])
        self.assertEqual(self.client.post(elsewhere).status_code, 404)
        self.assertEqual(Survey.objects.count(), 2)
