"""The feedback pages as a screen reader meets them: what a respondent wrote is marked with their
language on the staff's pages, a respondent sent back with answers to check hears so first (in
their language), and an import's progress is announced once it ends rather than at every poll."""

from __future__ import annotations

from django.urls import reverse

from centric.customers.models import Contact
from centric.feedback import services
from centric.feedback.models import FeedbackImport, Response
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.feedback.wording import UI

HTMX = {"HX-Request": "true", "HX-Target": "results"}


class RespondentLanguageTest(SurveyTestCase):
    def setUp(self) -> None:
        Contact.objects.filter(pk=self.contact.pk).update(language="de")
        self.contact.refresh_from_db()
        self.survey = self.open_survey(self.make_survey("touchpoint-csat", name="After delivery"))
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[invitation.token])

    def test_a_written_answer_is_marked_with_the_respondents_language(self) -> None:
        self.client.post(self.url, {"page": "1", "csat": "4", "why": "Schnelle Lieferung"})
        response = Response.objects.get()
        self.assertEqual(response.language, "de")
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:response_detail", args=[response.pk]))
        # the questions and the chosen score in the survey's language, what was written in theirs
        self.assertContains(page, '<tr lang="en"><th scope="row"', count=2)
        self.assertContains(page, 'lang="de">Schnelle Lieferung</td>')
        self.assertNotContains(page, 'lang="de">4</td>')
        survey = self.client.get(reverse("feedback:survey_detail", args=[self.survey.pk]))
        self.assertContains(survey, '<span lang="de">Schnelle Lieferung</span>')

    def test_a_page_sent_back_says_what_to_check_first_in_the_respondents_language(self) -> None:
        refused = self.client.post(self.url, {"page": "1", "csat": "9"})
        html = refused.content.decode()
        self.assertEqual(refused.status_code, 422)
        self.assertIn(f"<title>{UI['de']['errors']} – ", html)
        summary = html.split('<div class="error-summary"')[1].split("</div>")[0]
        self.assertIn('tabindex="-1" autofocus', summary)
        self.assertIn(f'<h2 id="error-summary-h">{UI["de"]["errors"]}</h2>', summary)
        # each leads to its question, which takes the focus: its legend and its error are read
        self.assertIn('<a href="#question-csat">', summary)
        self.assertIn('id="question-csat" tabindex="-1" aria-describedby="csat-error"', html)
        self.assertNotIn('role="alert"', html)
        self.assertNotIn("error-summary", self.client.get(self.url).content.decode())


class ImportStatusTest(SurveyTestCase):
    def test_the_import_is_said_once_it_is_checked_not_at_every_poll(self) -> None:
        job = FeedbackImport.objects.create(
            organisation=self.org,
            created_by=self.cx_lead,
            file="feedback-imports/reviews.csv",
            file_name="reviews.csv",
            file_format="csv",
            status="checking",
        )
        self.login(self.cx_lead)
        url = reverse("feedback:import_detail", args=[job.pk])
        page = self.client.get(url).content.decode()
        self.assertNotIn("aria-live", page)
        # the live region is outside the report the polls replace
        status = page.split('<p id="import-status" class="visually-hidden" role="status">')[1]
        self.assertIn("Checking…", status.split("</p>")[0])
        self.assertIn('<div id="results">', status)
        self.assertNotIn("import-status", self.client.get(url, headers=HTMX).content.decode())
        FeedbackImport.objects.filter(pk=job.pk).update(
            status="checked", total_rows=3, valid_rows=2, error_count=1
        )
        checked = self.client.get(url, headers=HTMX)
        self.assertContains(
            checked,
            '<p id="import-status" hx-swap-oob="innerHTML">Checked: 2 valid rows, 1 with problems.</p>',
            html=True,
        )
