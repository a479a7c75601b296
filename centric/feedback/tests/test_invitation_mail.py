"""When invitations are emailed: the fatigue window holds at the moment the mail leaves, not only
when someone is invited."""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centric.core.models import Organisation
from centric.feedback import selectors, services
from centric.feedback.models import Invitation, Survey
from tests.factories import ContactFactory
from tests.personas import PersonasTestCase


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
