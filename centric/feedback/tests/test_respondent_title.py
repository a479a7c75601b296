"""Respondents read the survey's title, written for them in each of its languages, never the name
staff know it by; a survey without a title in their language shows its title in its default
language, and one without any shows the organisation's name alone."""

from __future__ import annotations

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from centric.feedback import services
from centric.feedback.models import Survey
from centric.feedback.tests.test_surveys import SurveyTestCase

INTERNAL_NAME = "Audit relationship-nps"


class RespondentTitleTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(
            self.make_survey(
                name=INTERNAL_NAME,
                open_link=True,
                title={"en": "How are we doing?", "de": "Wie zufrieden sind Sie mit uns?"},
            )
        )
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.invitation.language = "de"
        self.invitation.save(update_fields=["language"])
        self.link = reverse("feedback:respond", args=[self.invitation.token])

    def test_the_survey_page_is_headed_by_the_title_in_the_respondents_language(self) -> None:
        page = self.client.get(self.link)
        self.assertContains(page, "<h1>Wie zufrieden sind Sie mit uns?</h1>", html=True)
        self.assertContains(page, "<title>Wie zufrieden sind Sie mit uns?</title>", html=True)
        self.assertNotContains(page, INTERNAL_NAME)
        english = self.client.get(self.link, {"lang": "en"})
        self.assertContains(english, "<h1>How are we doing?</h1>", html=True)

    def test_a_language_without_a_title_reads_the_default_languages(self) -> None:
        page = self.client.get(self.link, {"lang": "fr"})
        self.assertContains(page, "<h1>How are we doing?</h1>", html=True)
        self.assertNotContains(page, INTERNAL_NAME)

    def test_a_survey_without_a_title_shows_the_organisations_name_not_its_own(self) -> None:
        Survey.objects.filter(pk=self.survey.pk).update(title={})
        page = self.client.get(self.link)
        self.assertContains(page, "<h1>Northwind</h1>", html=True)
        self.assertNotContains(page, INTERNAL_NAME)

    def test_the_other_respondent_pages_read_the_title_too(self) -> None:
        pages = {
            "thanks": reverse("feedback:thanks", args=[self.invitation.token]),
            "unsubscribe": reverse("feedback:unsubscribe", args=[self.invitation.token]),
            "open link": reverse("feedback:respond_open", args=[self.survey.public_key]),
            "open link thanks": reverse("feedback:thanks_open", args=[self.survey.public_key]),
        }
        for name, url in pages.items():
            with self.subTest(name):
                page = self.client.get(url, {"lang": "de"})
                self.assertContains(
                    page, "<title>Wie zufrieden sind Sie mit uns?</title>", html=True
                )
                self.assertNotContains(page, INTERNAL_NAME)

    def test_a_closed_survey_says_so_under_its_title(self) -> None:
        services.survey_set_status(actor=self.cx_lead, survey=self.survey, status="closed")
        page = self.client.get(self.link)
        self.assertContains(
            page, "<h1>Wie zufrieden sind Sie mit uns?</h1>", html=True, status_code=410
        )
        self.assertNotContains(page, INTERNAL_NAME, status_code=410)

    def test_the_invitation_is_titled_in_the_invitees_language(self) -> None:
        self.assertEqual(services.invitations_send(survey_id=self.survey.pk), 1)
        [message] = mail.outbox
        self.assertEqual(
            message.subject, "Northwind: Wie zufrieden sind Sie mit uns? – Ihre Meinung zählt"
        )
        assert isinstance(message, EmailMultiAlternatives)
        html = str(message.alternatives[0][0])
        self.assertIn("<title>Northwind: Wie zufrieden sind Sie mit uns?", html)
        self.assertNotIn(INTERNAL_NAME, html + str(message.body))


class TitleSettingTest(SurveyTestCase):
    def test_a_cx_lead_writes_the_title_in_each_language_beside_the_introduction(self) -> None:
        survey = self.make_survey(name=INTERNAL_NAME, languages=["en", "de"])
        self.login(self.cx_lead)
        url = reverse("feedback:survey_edit", args=[survey.pk])
        form = self.client.get(url)
        self.assertContains(form, "Title respondents read (German)")
        saved = self.client.post(
            url,
            {
                "name": INTERNAL_NAME,
                "fatigue_days": "30",
                "languages": ["en", "de"],
                "title_en": "How are we doing?",
                "title_de": "  ",
            },
        )
        self.assertRedirects(saved, survey.get_absolute_url())
        survey.refresh_from_db()
        self.assertEqual(survey.title, {"en": "How are we doing?"})
        self.assertEqual(survey.name, INTERNAL_NAME)  # staff still know it by its name

    def test_a_copy_keeps_the_title(self) -> None:
        survey = self.make_survey(name=INTERNAL_NAME, title={"en": "How are we doing?"})
        copy = services.survey_copy(actor=self.cx_lead, survey=survey)
        self.assertEqual(copy.title, {"en": "How are we doing?"})
