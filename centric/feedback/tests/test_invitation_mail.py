"""When invitations are emailed and what they say: the fatigue window holds at the moment the mail
leaves, not only when someone is invited."""

from datetime import timedelta
from email.header import decode_header, make_header
from typing import Any
from unittest import mock

from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from centric.core.models import Organisation
from centric.feedback import selectors, services
from centric.feedback.models import Invitation, Survey
from tests.factories import ContactFactory
from tests.personas import PersonasTestCase
from tests.smtp import LocalSmtpServer, message_part


class InvitationMailTest(PersonasTestCase):
    def make_survey(self, name: str, **values: object) -> Survey:
        return services.survey_create_from_template(
            actor=self.cx_lead, template="relationship-nps", values={"name": name, **values}
        )

    def open(self, survey: Survey) -> None:
        services.survey_set_status(actor=self.cx_lead, survey=survey, status="open")

    def test_a_contact_asked_by_another_survey_since_the_invitation_is_not_mailed_in_the_window(
        self,
    ) -> None:
        draft = self.make_survey("Relationship, opens later")
        (waiting,), _ = services.invitations_create(
            actor=self.cx_lead,
            survey=draft,
            contacts=[self.contact],
        )
        other = self.make_survey("Post-delivery")
        self.open(other)
        services.invitations_create(
            actor=self.cx_lead,
            survey=other,
            contacts=[self.contact],
        )
        self.assertEqual(services.invitations_send(survey_id=other.pk), 1)

        self.open(draft)
        self.assertEqual(services.invitations_send(survey_id=draft.pk), 0)
        self.assertEqual([message.to for message in mail.outbox], [["carla@acme.example"]])
        waiting.refresh_from_db()
        self.assertIsNone(waiting.sent_at)
        self.assertEqual(list(selectors.invitations_held_back(draft)), [waiting])

        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=31)):
            self.assertEqual(list(selectors.invitations_held_back(draft)), [])
            self.assertEqual(services.invitations_send(survey_id=draft.pk), 1)
        self.assertEqual(len(mail.outbox), 2)

    def test_a_reminder_is_not_held_back_by_the_fatigue_window(self) -> None:
        survey = self.make_survey("Relationship")
        self.open(survey)
        services.invitations_create(
            actor=self.cx_lead,
            survey=survey,
            contacts=[self.contact],
        )
        services.invitations_send(survey_id=survey.pk)
        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=4)):
            self.assertEqual(services.reminders_send(survey_id=survey.pk), 1)

    def test_mailing_invitations_does_not_read_the_organisation_once_per_mail(self) -> None:
        survey = self.make_survey("Relationship", fatigue_days=0)
        self.open(survey)
        colleagues = [
            ContactFactory.create(account=self.account, email=f"colleague{n}@acme.example")
            for n in range(3)
        ]
        services.invitations_create(
            actor=self.cx_lead,
            survey=survey,
            contacts=[self.contact, *colleagues],
        )
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 4)
        organisation_reads = [
            query["sql"]
            for query in queries.captured_queries
            if f'FROM "{Organisation._meta.db_table}"' in query["sql"]
        ]
        self.assertEqual(organisation_reads, [])
        self.assertTrue(all("Northwind" in message.subject for message in mail.outbox))
        self.assertEqual(Invitation.objects.filter(sent_at__isnull=False).count(), 4)

    def held_back(self) -> tuple[Survey, Invitation]:
        """An open survey whose invitation to Carla waits: another survey asked her meanwhile."""
        draft = self.make_survey("Relationship, opens later")
        (waiting,), _ = services.invitations_create(
            actor=self.cx_lead, survey=draft, contacts=[self.contact]
        )
        other = self.make_survey("Post-delivery")
        self.open(other)
        services.invitations_create(actor=self.cx_lead, survey=other, contacts=[self.contact])
        services.invitations_send(survey_id=other.pk)
        self.open(draft)
        return draft, waiting

    def test_the_survey_page_and_the_send_button_say_who_waits_for_the_window(self) -> None:
        survey, _ = self.held_back()
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "1 waiting for the fatigue window")
        sent = self.client.post(f"/surveys/{survey.pk}/send/", {"what": "invitations"}, follow=True)
        self.assertContains(
            sent,
            "Every invitation has been emailed already. 1 person asked by another survey in "
            "the last 30 days will be emailed once that window has passed.",
        )

    def test_waiting_invitations_are_emailed_by_the_hourly_task_once_the_window_passed(
        self,
    ) -> None:
        _, waiting = self.held_back()
        mail.outbox.clear()
        self.assertEqual(services.invitations_send_waiting(), 0)
        later = timezone.now() + timedelta(days=31)
        with mock.patch("centric.core.clock.now", return_value=later):
            self.assertEqual(services.invitations_send_waiting(), 1)
            self.assertEqual(services.invitations_send_waiting(), 0)  # once
        self.assertEqual([message.to for message in mail.outbox], [["carla@acme.example"]])
        waiting.refresh_from_db()
        self.assertIsNotNone(waiting.sent_at)

    def test_the_hourly_task_leaves_closed_surveys_alone(self) -> None:
        survey, _ = self.held_back()
        services.survey_set_status(actor=self.cx_lead, survey=survey, status="closed")
        mail.outbox.clear()
        with mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=31)):
            self.assertEqual(services.invitations_send_waiting(), 0)
        self.assertEqual(mail.outbox, [])

    def test_sending_for_a_survey_deleted_since_the_task_was_queued_sends_nothing(self) -> None:
        survey = self.make_survey("Gone")
        survey_id = survey.pk
        survey.delete()
        self.assertEqual(services.invitations_send(survey_id=survey_id), 0)

    def test_an_internal_customer_invitation_names_the_team_being_rated(self) -> None:
        self.teammate.language = "de"
        self.teammate.save()
        survey = services.survey_create_from_template(
            actor=self.cx_lead,
            template="internal-customer",
            values={"name": "Internal service", "subject_team": self.finance},
        )
        self.open(survey)
        services.invitations_create(
            actor=self.cx_lead, survey=survey, people=[self.owner, self.teammate]
        )
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 2)
        received = {
            message["To"]: (
                str(make_header(decode_header(message["Subject"]))),
                message_part(message, "text/plain"),
            )
            for message in smtp.messages
        }
        subject, body = received["owner@northwind.example"]
        self.assertEqual(subject, "Northwind – how does Finance serve you?")
        self.assertIn("The team you are rating: Finance\n\nYou are this team's customer.", body)
        subject, body = received["teammate@northwind.example"]
        self.assertEqual(subject, "Northwind – wie gut dient Ihnen das Team Finance?")
        self.assertIn("Das Team, das Sie bewerten: Finance\n\nSie sind Kunde dieses Teams.", body)
        (german,) = [
            message for message in smtp.messages if message["To"] == "teammate@northwind.example"
        ]
        self.assertIn(
            "Das Team, das Sie bewerten: <strong>Finance</strong>",
            message_part(german, "text/html"),
        )

    def test_an_external_invitation_names_no_team(self) -> None:
        survey = self.make_survey("Relationship")
        self.open(survey)
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        services.invitations_send(survey_id=survey.pk)
        self.assertEqual(mail.outbox[0].subject, "Northwind – we would value your view")
        self.assertNotIn("rating", mail.outbox[0].body)

    def opened_from_the_page(self, *, also_new: int) -> Any:
        """Opens a draft whose invitations to Carla and Dan wait for the fatigue window (another
        survey asked them meanwhile), with ``also_new`` more invitees nobody asked."""
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        others = [
            ContactFactory.create(account=self.account, email=f"new{n}@acme.example")
            for n in range(also_new)
        ]
        draft = self.make_survey("Relationship, opens later")
        services.invitations_create(
            actor=self.cx_lead, survey=draft, contacts=[self.contact, dan, *others]
        )
        other = self.make_survey("Post-delivery")
        self.open(other)
        services.invitations_create(actor=self.cx_lead, survey=other, contacts=[self.contact, dan])
        services.invitations_send(survey_id=other.pk)
        self.login(self.cx_lead)
        return self.client.post(
            reverse("feedback:survey_status", args=[draft.pk]), {"status": "open"}, follow=True
        )

    def test_opening_a_survey_whose_invitations_all_wait_says_none_is_emailed_now(self) -> None:
        opened = self.opened_from_the_page(also_new=0)
        self.assertContains(
            opened,
            "No invitation is emailed now: 2 people asked by another survey in the last 30 "
            "days will be emailed once that window has passed.",
        )
        self.assertNotContains(opened, "Emailing")
        self.assertContains(opened, "0 emailed · 2 waiting for the fatigue window")

    def test_opening_a_survey_counts_only_the_invitations_emailed_now(self) -> None:
        opened = self.opened_from_the_page(also_new=1)
        self.assertContains(
            opened,
            "Emailing 1 person their invitation in the background. 2 people asked by another "
            "survey in the last 30 days will be emailed once that window has passed.",
        )
