"""A response's page as staff read it: its language by name, an import's fields and custom
attributes by name, the way back to where it belongs, the import it came from, and why its
comment is not read yet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from centric.feedback import services
from centric.feedback.models import FeedbackImport, Response
from centric.feedback.tests.test_surveys import SurveyTestCase


class ResponsePageTest(SurveyTestCase):
    def imported(self, **values: Any) -> Response:
        fields: dict[str, Any] = {
            "organisation": self.org,
            "customer": self.account.customer,
            "kind": "review",
            "channel": Response.Channel.IMPORT,
            "score": 2,
            "score_type": "rating",
            "comment": "Late again",
            "responded_at": timezone.now() - dt.timedelta(days=30),
        }
        return Response.objects.create(**{**fields, **values})

    def page(self, response: Response) -> str:
        answer = self.client.get(reverse("feedback:response_detail", args=[response.pk]))
        self.assertEqual(answer.status_code, 200)
        return " ".join(answer.content.decode().split())

    def test_the_language_is_named_not_coded(self) -> None:
        self.login(self.cx_lead)
        page = self.page(self.imported(language="ja"))
        self.assertIn("<dt>Language</dt><dd>Japanese</dd>", page)
        self.assertIn(
            "<dt>Language</dt><dd>pt-BR</dd>", self.page(self.imported(language="pt-BR"))
        )  # one the product has no name for keeps its code

    def test_an_imports_fields_and_custom_attributes_are_named(self) -> None:
        self.login(self.cx_lead)
        attributes = {"segment": "Mid-market", "channel": "Trustpilot", "app_version": "4.2"}
        page = self.page(self.imported(attributes={**attributes, "store": "Leeds"}))
        self.assertIn("<dt>Segment</dt><dd>Mid-market</dd>", page)
        self.assertIn("<dt>Channel (as the source names it)</dt><dd>Trustpilot</dd>", page)
        self.assertIn("<dt>Custom attributes</dt><dd>App version: 4.2<br>Store: Leeds</dd>", page)
        self.assertNotIn("<dt>segment</dt>", page)

    def test_a_day_imported_without_a_time_is_given_as_the_day(self) -> None:
        self.login(self.cx_lead)
        midnight = dt.datetime(2026, 11, 21, tzinfo=timezone.get_current_timezone())
        page = self.page(self.imported(responded_at=midnight))
        self.assertIn("<dt>Given</dt><dd>21 Nov 2026</dd>", page)

    def test_a_survey_answer_leads_back_to_its_survey(self) -> None:
        survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        self.client.post(
            reverse("feedback:respond", args=[invitation.token]), {"page": "1", "nps": "9"}
        )
        self.login(self.owner)
        page = self.page(Response.objects.get(survey=survey))
        self.assertIn(
            f'<a href="{reverse("feedback:survey_list")}">Surveys</a> · '
            f'<a href="{survey.get_absolute_url()}">Q4 relationship</a>',
            page,
        )

    def test_feedback_from_no_survey_leads_back_to_the_comment_explorer(self) -> None:
        self.login(self.owner)
        page = self.page(self.imported())
        self.assertIn(f'<a href="{reverse("insights:comments")}">Comment explorer</a>', page)

    def test_an_imported_response_names_its_file_and_links_it_for_its_uploader(self) -> None:
        job = FeedbackImport.objects.create(
            organisation=self.org,
            created_by=self.cx_lead,
            file="feedback-imports/reviews.csv",
            file_name="reviews-2026.csv",
            file_format="csv",
            status=FeedbackImport.Status.DONE,
        )
        response = self.imported(feedback_import=job)
        self.login(self.cx_lead)
        self.assertIn(
            f'<dt>Imported from</dt><dd><a href="{job.get_absolute_url()}">reviews-2026.csv</a>',
            self.page(response),
        )
        self.login(self.owner)  # who cannot open another's import
        page = self.page(response)
        self.assertIn("<dt>Imported from</dt><dd>reviews-2026.csv <span", page)
        self.assertNotIn(job.get_absolute_url(), page)

    def test_times_are_in_the_readers_own_time_zone(self) -> None:
        given = dt.datetime(2026, 6, 22, 13, 20, tzinfo=dt.UTC)
        response = self.imported(responded_at=given)
        self.cx_lead.time_zone = "Europe/Berlin"
        self.cx_lead.save(update_fields=["time_zone"])
        self.login(self.cx_lead)
        self.assertIn("<dt>Given</dt><dd>22 Jun 2026 15:20</dd>", self.page(response))

        self.login(self.admin)  # the default: UTC
        self.assertIn("<dt>Given</dt><dd>22 Jun 2026 13:20</dd>", self.page(response))

    def test_a_time_zone_no_longer_known_falls_back_to_utc(self) -> None:
        response = self.imported(responded_at=dt.datetime(2026, 6, 22, 13, 20, tzinfo=dt.UTC))
        type(self.cx_lead).objects.filter(pk=self.cx_lead.pk).update(time_zone="Mars/Olympus")
        self.login(self.cx_lead)
        self.assertIn("<dt>Given</dt><dd>22 Jun 2026 13:20</dd>", self.page(response))


class UnsentCommentTest(SurveyTestCase):
    def test_a_comment_not_sent_yet_is_said_to_wait_for_its_sending(self) -> None:
        survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        url = reverse("feedback:respond", args=[invitation.token])
        self.client.post(url, {"page": "1", "nps": "3"})
        self.client.post(url, {"page": "2", "fix_first": "The invoices", "back": "1"})
        partial = Response.objects.get(survey=survey)
        self.assertIsNone(partial.submitted_at)
        self.assertEqual(partial.comment, "The invoices")
        self.login(self.owner)
        page = self.client.get(reverse("feedback:response_detail", args=[partial.pk]))
        self.assertContains(page, "Not read yet: the respondent has not sent their answers")
        self.assertNotContains(page, "within seconds of its arrival")
