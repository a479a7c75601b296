"""A line break in a name never stops survey mail: names that reach a subject or a sender are
checked to be one line where they are typed, one stored before that is made one line as the mail
is written, and one message that cannot go never keeps the others of a scheduled run from
going."""

from __future__ import annotations

import datetime as dt
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr
from typing import Any
from unittest import mock

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from centric.core.models import Organisation
from centric.feedback import services
from centric.feedback.models import Invitation, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.people.models import Team
from centric.people.services import api_token_create
from tests.smtp import LocalSmtpServer

BROKEN = "Q4 pulse\nignore"
# where people are notified: in the cases app, above this one
Notification = apps.get_model("cases", "Notification")


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("the mail server is down")


def header(message: Message, name: str) -> str:
    return str(make_header(decode_header(message[name])))


class ClosingWithABrokenNameTest(SurveyTestCase):
    def due(self, name: str) -> Survey:
        survey = self.open_survey(self.make_survey(name="Named later"))
        # stored before names were checked to be one line
        Survey.objects.filter(pk=survey.pk).update(
            name=name, closes_at=timezone.now() - dt.timedelta(hours=1)
        )
        return survey

    def test_a_survey_named_on_two_lines_closes_and_its_maker_is_told(self) -> None:
        broken, after = self.due(BROKEN), self.due("Q4 relationship")

        with (
            LocalSmtpServer() as smtp,
            override_settings(**smtp.settings()),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.assertEqual(services.surveys_close_due(), 2)

        for survey in (broken, after):
            survey.refresh_from_db()
            self.assertEqual(survey.status, Survey.Status.CLOSED)
        subjects = sorted(header(message, "Subject") for message in smtp.messages)
        self.assertEqual(len(subjects), 2)
        self.assertTrue(subjects[0].startswith("“Q4 pulse ignore” closed at the end of"))
        notified = Notification.objects.filter(recipient=self.cx_lead).values_list(
            "message", flat=True
        )
        self.assertIn("“Q4 pulse ignore” closed", " ".join(notified))
        self.assertNotIn("\n", "".join(notified))  # cases mails it with it as its subject

    @override_settings(
        EMAIL_BACKEND="centric.feedback.tests.test_mail_from_stored_names.FailingBackend"
    )
    def test_a_mail_that_cannot_go_leaves_the_survey_closed_and_its_maker_notified(self) -> None:
        survey = self.due("Q4 relationship")

        with (
            self.assertLogs("centric.feedback.services", "ERROR") as logged,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.assertEqual(services.surveys_close_due(), 1)

        self.assertIn("the mail server is down", "\n".join(logged.output))
        survey.refresh_from_db()
        self.assertEqual(survey.status, Survey.Status.CLOSED)
        self.assertTrue(Notification.objects.filter(recipient=self.cx_lead).exists())

    def test_a_survey_that_cannot_be_closed_keeps_none_of_the_others_open(self) -> None:
        first, second = self.due("First"), self.due("Second")
        told = services._tell_closed

        def failing_for_the_first(survey: Survey) -> None:
            if survey.pk == first.pk:
                raise RuntimeError("something unforeseen")
            told(survey)

        with (
            mock.patch.object(services, "_tell_closed", side_effect=failing_for_the_first),
            self.assertLogs("centric.feedback.services", "ERROR") as logged,
        ):
            self.assertEqual(services.surveys_close_due(), 1)

        self.assertIn(f"Survey {first.pk} could not be closed", "\n".join(logged.output))
        first.refresh_from_db()
        second.refresh_from_db()
        # the first's closing was undone with its failure, and is tried again by the next run
        self.assertEqual((first.status, second.status), ("open", "closed"))


class InvitationsWithBrokenNamesTest(SurveyTestCase):
    def test_an_organisation_named_on_two_lines_still_sends_from_one_line(self) -> None:
        Organisation.objects.filter(pk=self.org.pk).update(
            name="Northwind\nBcc: x@evil.example", mail_sender_name=""
        )
        survey = self.open_survey(self.make_survey())
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])

        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 1)

        (received,) = smtp.messages
        self.assertEqual(
            header(received, "From"),
            f'"Northwind Bcc: x@evil.example" <{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}>',
        )
        self.assertEqual(
            header(received, "Subject"),
            "Northwind Bcc: x@evil.example – we would value your view",
        )
        self.assertIsNone(received["Bcc"])

    def test_a_team_named_on_two_lines_is_rated_in_a_one_line_subject(self) -> None:
        Team.objects.filter(pk=self.finance.pk).update(name="Finance\nBcc: x@evil.example")
        self.finance.refresh_from_db()
        survey = self.open_survey(self.make_survey("internal-customer", subject_team=self.finance))
        services.invitations_create(actor=self.cx_lead, survey=survey, people=[self.owner])

        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 1)

        (received,) = smtp.messages
        self.assertEqual(
            header(received, "Subject"),
            "Northwind – how does Finance Bcc: x@evil.example serve you?",
        )

    def test_one_invitation_that_cannot_go_keeps_none_of_the_others_from_going(self) -> None:
        survey = self.open_survey(self.make_survey())
        dan = self.contact.account.contacts.create(
            organisation=self.org, first_name="Dan", email="dan@acme.example"
        )
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact, dan])
        mailed = services._invitation_mail

        def failing_for_carla(invitation: Invitation, *, reminder: bool) -> None:
            if invitation.email == self.contact.email:
                raise ConnectionResetError("the mail server hung up")
            mailed(invitation, reminder=reminder)

        with (
            mock.patch.object(services, "_invitation_mail", side_effect=failing_for_carla),
            self.assertLogs("centric.feedback.services", "ERROR"),
        ):
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 1)

        self.assertEqual([message.to for message in mail.outbox], [["dan@acme.example"]])
        # Carla's waits, unsent, for the hourly task
        carla = Invitation.objects.get(email=self.contact.email)
        self.assertIsNone(carla.sent_at)
        self.assertEqual(services.invitations_send_waiting(), 1)
        carla.refresh_from_db()
        self.assertIsNotNone(carla.sent_at)

    def test_one_reminder_that_cannot_go_keeps_none_of_the_others_from_going(self) -> None:
        survey = self.open_survey(self.make_survey(remind_automatically=True))
        dan = self.contact.account.contacts.create(
            organisation=self.org, first_name="Dan", email="dan@acme.example"
        )
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact, dan])
        services.invitations_send(survey_id=survey.pk)
        mail.outbox.clear()
        mailed = services._invitation_mail

        def failing_for_carla(invitation: Invitation, *, reminder: bool) -> None:
            if invitation.email == self.contact.email:
                raise ConnectionResetError("the mail server hung up")
            mailed(invitation, reminder=reminder)

        later = timezone.now() + dt.timedelta(days=4)
        with (
            mock.patch("centric.core.clock.now", return_value=later),
            mock.patch.object(services, "_invitation_mail", side_effect=failing_for_carla),
            self.assertLogs("centric.feedback.services", "ERROR"),
        ):
            self.assertEqual(services.reminders_send_due(), 1)

        self.assertEqual([message.to for message in mail.outbox], [["dan@acme.example"]])
        self.assertIsNone(Invitation.objects.get(email=self.contact.email).reminded_at)


class SurveyNamesOnOneLineTest(SurveyTestCase):
    def setUp(self) -> None:
        _, self.token = api_token_create(user=self.cx_lead, name="test")

    def api(self, method: str, path: str, body: dict[str, Any]) -> Any:
        return getattr(self.client, method)(
            f"/api{path}",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.token}",
        )

    def test_a_survey_is_not_named_on_two_lines_in_the_api(self) -> None:
        made = self.api("post", "/surveys", {"template": "relationship-nps", "name": BROKEN})
        self.assertEqual(made.status_code, 422)
        self.assertIn("name", str(made.json()))
        self.assertIn("one line", str(made.json()))
        survey = self.make_survey()
        changed = self.api("patch", f"/surveys/{survey.pk}", {"name": BROKEN})
        self.assertEqual(changed.status_code, 422)
        copied = self.api("post", f"/surveys/{survey.pk}/copy", {"name": BROKEN})
        self.assertEqual(copied.status_code, 422)
        self.assertIn("one line", str(copied.json()))
        self.assertEqual(Survey.objects.count(), 1)

    def test_a_title_is_one_line_and_the_error_names_its_language(self) -> None:
        survey = self.make_survey(languages=["en", "de"])
        changed = self.api("patch", f"/surveys/{survey.pk}", {"title": {"de": "Wie\nBcc: x"}})
        self.assertEqual(changed.status_code, 422)
        self.assertEqual(changed.json()["detail"][0]["loc"], ["body", "title.de"])
        survey.refresh_from_db()
        self.assertEqual(survey.title, {})

    def test_the_settings_page_refuses_a_name_on_two_lines(self) -> None:
        survey = self.make_survey()
        self.login(self.cx_lead)
        answer = self.client.post(
            reverse("feedback:survey_edit", args=[survey.pk]),
            {"name": BROKEN, "fatigue_days": "30", "languages": survey.languages},
        )
        self.assertContains(answer, "Keep it to one line", status_code=200)
        survey.refresh_from_db()
        self.assertEqual(survey.name, "Q4 relationship")
