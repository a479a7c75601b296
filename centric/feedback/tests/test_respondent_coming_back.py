"""A respondent who sent their answers and opens their link again is told, in their language,
that the answers were received, when, and until when they may change them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from centric.core.periods import end_of_day
from centric.feedback import services, wording
from centric.feedback.models import Survey
from centric.feedback.tests.test_surveys import SurveyTestCase

SENT = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)


class ComingBackTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[self.invitation.token])

    def send(self, at: datetime = SENT, **answers: str) -> None:
        with mock.patch("centric.core.clock.now", return_value=at):
            self.client.post(self.url, {"page": "1", "nps": "9"})
            self.client.post(self.url, {"page": "2", **answers})

    def test_the_first_page_says_when_the_answers_were_received(self) -> None:
        self.send(best="Support")
        page = self.client.get(self.url)
        self.assertContains(
            page,
            '<ul class="messages"><li class="success">You answered on 5 December 2026. You can '
            "change your answers until the survey closes.</li></ul>",
            html=True,
        )
        self.assertContains(page, 'value="9" checked')  # the answers, to change them
        # above the questions
        html = page.content.decode()
        self.assertLess(html.index("You answered on"), html.index("How likely"))

    def test_it_is_said_in_the_respondents_language(self) -> None:
        self.invitation.language = "de"
        self.invitation.save(update_fields=["language"])
        self.send(best="Support")
        self.assertContains(
            self.client.get(self.url),
            "Sie haben am 5.12.2026 geantwortet. Sie können Ihre Antworten ändern, solange die "
            "Umfrage offen ist.",
        )
        self.assertContains(
            self.client.get(self.url, {"lang": "es"}), "Respondió el 5 de diciembre de 2026."
        )

    def test_japanese_sentences_follow_one_another_without_a_space(self) -> None:
        self.send(best="Support")
        self.assertContains(
            self.client.get(self.url, {"lang": "ja"}),
            "2026年12月5日にご回答いただきました。アンケートの受付期間中は回答を変更できます。",
        )

    def test_the_day_is_the_organisations_day(self) -> None:
        self.org.time_zone = "Asia/Tokyo"
        self.org.save(update_fields=["time_zone"])
        self.send(at=datetime(2026, 12, 5, 20, 0, tzinfo=UTC), best="Support")  # 6 Dec in Tokyo
        self.assertContains(self.client.get(self.url), "You answered on 6 December 2026.")

    def test_a_survey_with_a_last_day_says_until_when_instead_of_asking_to_answer_by_it(
        self,
    ) -> None:
        last_day = timezone.localdate() + timedelta(days=30)
        Survey.objects.filter(pk=self.survey.pk).update(closes_at=end_of_day(last_day, UTC))
        self.assertContains(self.client.get(self.url), "Please answer by the end of")
        self.send(best="Support")
        page = self.client.get(self.url)
        day = wording.day_in_words(last_day, "en")
        self.assertContains(page, f"You can change your answers until the end of {day}.")
        self.assertNotContains(page, "Please answer by")

    def test_a_changed_answer_says_when_it_was_last_changed(self) -> None:
        self.send(best="Support")
        with mock.patch("centric.core.clock.now", return_value=SENT + timedelta(days=2)):
            self.client.post(self.url, {"page": "1", "nps": "10"})
        self.assertContains(
            self.client.get(self.url),
            "You answered on 5 December 2026. You last changed your answers on 7 December 2026.",
        )

    def test_every_page_says_it_and_so_does_a_page_sent_back_with_a_mistake(self) -> None:
        self.send(best="Support")
        self.assertContains(self.client.get(self.url, {"page": "2"}), "You answered on")
        refused = self.client.post(self.url, {"page": "1", "nps": "11"})
        self.assertContains(refused, "You answered on", status_code=422)

    def test_answers_not_sent_yet_are_not_said_to_be_received(self) -> None:
        self.assertNotContains(self.client.get(self.url), "You answered")
        self.client.post(self.url, {"page": "1", "nps": "3"})  # page 2 still to answer
        self.assertNotContains(self.client.get(self.url), "You answered")
        self.assertNotContains(self.client.get(self.url, {"page": "2"}), "You answered")
