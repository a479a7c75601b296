"""Whoever is asked to rate a team is told, in the invitation and on the survey's first page and
in their own language, that their answers go with their name to the team rated and to those who
run the surveys; the open link, whose answers carry no name, says nothing of the kind."""

from __future__ import annotations

from string import Formatter

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from centric.feedback import services, wording
from centric.feedback.models import Survey
from centric.feedback.tests.test_surveys import SurveyTestCase


@pytest.mark.parametrize("language", wording.SURVEY_LANGUAGES)
def test_every_language_tells_respondents_their_name_goes_with_their_answers(
    language: str,
) -> None:
    said = wording.NAMED_ANSWERS[language]
    assert {name for _, name, _, _ in Formatter().parse(said) if name} == {"team"}
    assert "Finance" in wording.named_answers(language, "Finance")
    assert said != wording.NAMED_ANSWERS["en"] or language == "en"


class NamedAnswersTest(SurveyTestCase):
    def rating_finance(self, **values: object) -> Survey:
        return self.open_survey(
            self.make_survey(
                "internal-customer",
                name="How Finance serves us",
                subject_team=self.finance,
                languages=list(wording.SURVEY_LANGUAGES),
                **values,
            )
        )

    def test_the_invitation_says_whom_the_answers_go_to_with_the_name(self) -> None:
        survey = self.rating_finance()
        self.teammate.language = "de"
        self.teammate.save()
        services.invitations_create(actor=self.cx_lead, survey=survey, teams=[self.team])
        services.invitations_send(survey_id=survey.pk)
        by_address = {message.to[0]: message for message in mail.outbox}
        for address, language in (("owner@northwind.example", "en"), ("teammate@northwind.example", "de")):  # fmt: skip
            message = by_address[address]
            told = wording.named_answers(language, "Finance")
            self.assertIn(told, message.body)
            html, _ = message.alternatives[0]  # type: ignore[attr-defined]
            self.assertIn(escape(told), str(html))
        self.assertIn(
            "Your answers are not anonymous: they go with your name to Finance, so that the team "
            "can follow up with you, and to the people who run these surveys.",
            by_address["owner@northwind.example"].body,
        )

    def test_the_invitation_says_it_in_every_language(self) -> None:
        survey = self.rating_finance()
        for language in wording.SURVEY_LANGUAGES:
            services.invitation_test_send(actor=self.cx_lead, survey=survey, language=language)
        for language, message in zip(wording.SURVEY_LANGUAGES, mail.outbox, strict=True):
            with self.subTest(language):
                self.assertIn(wording.named_answers(language, "Finance"), message.body)

    def test_a_customer_survey_says_nothing_of_names(self) -> None:
        survey = self.open_survey(self.make_survey())
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        services.invitations_send(survey_id=survey.pk)
        self.assertNotIn("not anonymous", mail.outbox[0].body)

    def test_the_first_page_says_it_in_the_language_read_and_later_pages_do_not(self) -> None:
        survey = self.rating_finance()
        created, _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, teams=[self.team]
        )
        url = reverse("feedback:respond", args=[created[0].token])
        for language in wording.SURVEY_LANGUAGES:
            with self.subTest(language):
                page = self.client.get(url, {"lang": language})
                self.assertContains(
                    page,
                    f'<p class="named-answers">{escape(wording.named_answers(language, "Finance"))}</p>',
                    html=True,
                )
        self.client.post(url, {"page": "1", "csat": "4"})
        second = self.client.get(url, {"page": "2"})
        self.assertContains(second, "They listen to what we need")
        self.assertNotContains(second, "not anonymous")

    def test_the_preview_shows_it_and_the_anonymous_open_link_does_not(self) -> None:
        survey = self.rating_finance(open_link=True)
        told = escape(wording.named_answers("en", "Finance"))
        self.login(self.cx_lead)
        self.assertContains(
            self.client.get(reverse("feedback:survey_preview", args=[survey.pk])), told
        )
        self.client.logout()
        open_link = self.client.get(reverse("feedback:respond_open", args=[survey.public_key]))
        self.assertContains(open_link, "The team you are rating:")
        self.assertNotContains(open_link, "not anonymous")
