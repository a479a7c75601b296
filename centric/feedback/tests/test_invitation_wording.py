"""What an invitation and its reminder say to the customer: never the survey's internal name (a
survey with no title reads with the organisation's name alone), the last day on the invitee's
own clock, a reminder that says it is one and how long the survey takes, each language's own
punctuation, and no unsubscribe button on a staff member's test copy."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from email.header import decode_header, make_header
from unittest import mock
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from centric.core.models import Organisation
from centric.feedback import editing, services, wording
from centric.feedback.models import Invitation, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from tests.smtp import LocalSmtpServer, message_part

INTERNAL_NAME = "Relationship NPS 2026"


def html_of(message: mail.EmailMessage) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    return str(message.alternatives[0][0])


class InvitationWordingTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey(name=INTERNAL_NAME))
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )

    def invite_in(self, language: str) -> mail.EmailMessage:
        Invitation.objects.filter(pk=self.invitation.pk).update(language=language, sent_at=None)
        mail.outbox.clear()
        self.assertEqual(services.invitations_send(survey_id=self.survey.pk), 1)
        return mail.outbox[0]

    def remind_in(self, language: str) -> mail.EmailMessage:
        message = self.invite_in(language)
        mail.outbox.clear()
        Invitation.objects.filter(pk=self.invitation.pk).update(reminded_at=None)
        later = timezone.now() + timedelta(days=4)
        with mock.patch("centric.core.clock.now", return_value=later):
            self.assertEqual(services.reminders_send(survey_id=self.survey.pk), 1)
        self.assertNotEqual(message.body, mail.outbox[0].body)
        return mail.outbox[0]

    def test_a_survey_without_a_title_reads_with_the_organisations_name_alone_in_every_language(
        self,
    ) -> None:
        expected = {
            "en": "Northwind – we would value your view",
            "de": "Northwind – Ihre Meinung zählt",
            "fr": "Northwind – votre avis compte pour nous",
            "es": "Northwind – nos interesa su opinión",
            "it": "Northwind – ci farebbe piacere conoscere la Sua opinione",
            "nl": "Northwind – wij horen graag uw mening",
            "pt": "Northwind – a sua opinião é importante para nós",
            "pl": "Northwind – prosimy o opinię",
            "sv": "Northwind – vi vill gärna höra vad du tycker",
            "ja": "Northwind – ご意見をお聞かせください",
        }
        for language, subject in expected.items():
            with self.subTest(language):
                message = self.invite_in(language)
                self.assertEqual(message.subject, subject)
                self.assertNotIn(INTERNAL_NAME, message.body + html_of(message))
        # nor on the page the invitation leads to, which is headed by the organisation's name
        page = self.client.get(reverse("feedback:respond", args=[self.invitation.token]))
        self.assertContains(page, "<h1>Northwind</h1>", html=True)
        self.assertNotContains(page, INTERNAL_NAME)

    def test_a_title_goes_between_the_organisation_and_the_request_with_each_languages_colon(
        self,
    ) -> None:
        Survey.objects.filter(pk=self.survey.pk).update(
            title={"en": "Your year with us", "fr": "Votre année avec nous", "ja": "年間調査"}
        )
        self.assertEqual(
            self.invite_in("en").subject, "Northwind: Your year with us – we would value your view"
        )
        self.assertEqual(
            self.invite_in("fr").subject,
            "Northwind\u00a0: Votre année avec nous – votre avis compte pour nous",
        )
        self.assertEqual(
            self.invite_in("ja").subject, "Northwind：年間調査 – ご意見をお聞かせください"
        )

    def test_a_reminders_subject_keeps_one_style_of_colon(self) -> None:
        Survey.objects.filter(pk=self.survey.pk).update(
            title={"en": "Your year with us", "fr": "Votre année avec nous"}
        )
        self.assertEqual(
            self.remind_in("fr").subject,
            "Rappel\u00a0: Northwind\u00a0: Votre année avec nous – votre avis compte pour nous",
        )
        self.assertEqual(
            self.remind_in("en").subject,
            "Reminder: Northwind: Your year with us – we would value your view",
        )
        # no Japanese title: the default language's
        self.assertEqual(
            self.remind_in("ja").subject,
            "【リマインド】Northwind：Your year with us – ご意見をお聞かせください",
        )

    def test_the_line_to_stop_receiving_surveys_is_punctuated_as_each_language_writes(
        self,
    ) -> None:
        unsubscribe = "http://testserver" + reverse(
            "feedback:unsubscribe", args=[self.invitation.token]
        )
        expected = {
            "en": f"Stop receiving surveys: {unsubscribe}",
            "fr": f"Ne plus recevoir d'enquêtes\u00a0: {unsubscribe}",
            "ja": f"アンケートの受信を停止する：{unsubscribe}",
        }
        for language, line in expected.items():
            with self.subTest(language):
                self.assertIn(f"\n{line}\n", self.invite_in(language).body)

    def test_a_reminder_opens_by_saying_it_is_one_how_long_it_takes_and_until_when(self) -> None:
        Organisation.objects.filter(pk=self.org.pk).update(time_zone="Europe/Berlin")
        self.contact.time_zone = "Europe/Berlin"
        self.contact.save()
        last_day = timezone.localdate() + timedelta(days=20)
        closes = dt.datetime.combine(
            last_day + timedelta(days=1), dt.time(), tzinfo=ZoneInfo("Europe/Berlin")
        )
        Survey.objects.filter(pk=self.survey.pk).update(closes_at=closes)
        day = wording.day_in_words(last_day, "en")

        invitation = self.invite_in("en")
        reminder = self.remind_in("en")

        # the score, one of the follow-ups to it and the topics: about two minutes
        opening = (
            f"Hello Carla,\n\nYou have not answered yet: it takes about 2 minutes. You can answer "
            f"until the end of {day}.\n\n"
        )
        self.assertTrue(reminder.body.startswith(opening), reminder.body)
        self.assertNotIn("You have not answered yet", invitation.body)
        self.assertIn("You have not answered yet: it takes about 2 minutes.", html_of(reminder))
        self.assertNotIn("You have not answered yet", html_of(invitation))
        german = self.remind_in("de").body
        self.assertIn(
            "Sie haben noch nicht geantwortet: Es dauert etwa 2 Minuten. Sie können bis zum "
            f"{last_day.day}.{last_day.month}.{last_day.year} antworten.",
            german,
        )

    def test_a_reminder_says_its_first_line_in_every_language(self) -> None:
        for language in wording.SURVEY_LANGUAGES:
            with self.subTest(language):
                words = wording.mail_words(language)
                said = words["not_answered"].format(minutes=wording.minutes(2, language))
                self.assertIn(said, self.remind_in(language).body)

    def test_a_survey_without_a_last_day_gives_none_in_its_reminder(self) -> None:
        reminder = self.remind_in("en")
        self.assertIn("You have not answered yet: it takes about 2 minutes.\n", reminder.body)
        self.assertNotIn("You can answer until", reminder.body)

    def test_a_comment_takes_longer_than_a_choice(self) -> None:
        survey = self.make_survey("internal-customer", subject_team=self.finance)
        # a satisfaction score, six ratings and a comment: 7 × 15 s + 60 s, under three minutes
        self.assertEqual(services._minutes_to_answer(list(survey.questions.all())), 3)
        editing.question_save(
            actor=self.cx_lead,
            survey=survey,
            values={"kind": "text", "text": {"en": "Anything else?"}, "page": 3},
        )
        self.assertEqual(services._minutes_to_answer(list(survey.questions.all())), 4)


class LastDayOnTheInviteesClockTest(SurveyTestCase):
    """The survey closes at the end of its last day where the organisation is (here UTC): on 15
    December 2026, at 2026-12-16T00:00Z, which is 19:00 on the 15th in New York."""

    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        Survey.objects.filter(pk=self.survey.pk).update(
            closes_at=dt.datetime(2026, 12, 16, tzinfo=dt.UTC)
        )
        self.now = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)

    def invited_in(self, zone: str, language: str = "en") -> str:
        self.contact.time_zone = zone
        self.contact.language = language
        self.contact.save()
        Invitation.objects.all().delete()
        mail.outbox.clear()
        with mock.patch("centric.core.clock.now", return_value=self.now):
            services.invitations_create(
                actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
            )
            self.assertEqual(services.invitations_send(survey_id=self.survey.pk), 1)
        return str(mail.outbox[0].body)

    def test_an_invitee_where_the_organisation_is_reads_the_end_of_the_day(self) -> None:
        self.assertIn(
            "You can change your answers while the survey is open: until the end of 15 "
            "December 2026.",
            self.invited_in("UTC"),
        )

    def test_an_invitee_in_new_york_reads_the_time_it_closes_there(self) -> None:
        body = self.invited_in("America/New_York")
        self.assertIn(
            "You can change your answers while the survey is open: until 19:00 on 15 December "
            "2026 (America/New_York time).",
            body,
        )
        self.assertNotIn("until the end of 15 December", body)

    def test_an_invitee_in_tokyo_reads_the_next_morning(self) -> None:
        self.assertIn(
            "jusqu'au 16 décembre 2026 à 9\u00a0h\u00a000 (fuseau horaire Asia/Tokyo)",
            self.invited_in("Asia/Tokyo", "fr"),
        )

    def test_a_test_invitation_reads_the_last_day_on_the_senders_clock(self) -> None:
        self.cx_lead.time_zone = "America/New_York"
        self.cx_lead.save()
        self.survey.refresh_from_db()
        with mock.patch("centric.core.clock.now", return_value=self.now):
            services.invitation_test_send(actor=self.cx_lead, survey=self.survey, language="en")
        self.assertIn(
            "until 19:00 on 15 December 2026 (America/New_York time)", mail.outbox[0].body
        )


class TestInvitationHeadersTest(SurveyTestCase):
    def test_a_test_invitation_offers_mail_programs_no_unsubscribe_button(self) -> None:
        survey = self.make_survey()
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            services.invitation_test_send(actor=self.cx_lead, survey=survey, language="en")
        (received,) = smtp.messages
        self.assertEqual(
            str(make_header(decode_header(received["Subject"]))),
            "[Test] Northwind – we would value your view",
        )
        self.assertIsNone(received["List-Unsubscribe"])
        self.assertIsNone(received["List-Unsubscribe-Post"])
        self.assertIn("Hello", message_part(received, "text/plain"))

    def test_a_real_invitation_still_offers_it(self) -> None:
        survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            services.invitations_send(survey_id=survey.pk)
        (received,) = smtp.messages
        unsubscribe = reverse("feedback:unsubscribe", args=[invitation.token])
        self.assertEqual(
            " ".join(received["List-Unsubscribe"].split()), f"<http://testserver{unsubscribe}>"
        )
        self.assertEqual(received["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")


class UntitledSurveyWarningTest(SurveyTestCase):
    def test_the_settings_say_respondents_see_no_title_until_one_is_given(self) -> None:
        survey = self.make_survey(name=INTERNAL_NAME, languages=["en", "de"])
        self.login(self.cx_lead)
        url = reverse("feedback:survey_edit", args=[survey.pk])
        page = self.client.get(url)
        self.assertContains(page, "No title yet: respondents in English see only “Northwind”.")
        self.assertContains(page, "No title yet: respondents in German see only “Northwind”.")
        self.assertContains(page, "respondents never see it")  # of the survey's name
        Survey.objects.filter(pk=survey.pk).update(title={"en": "Your year with us"})
        page = self.client.get(url)
        self.assertNotContains(page, "No title yet: respondents in English")
        # German reads the English title meanwhile
        self.assertNotContains(page, "No title yet: respondents in German")
        self.assertContains(page, "Left empty, they read the English title")
