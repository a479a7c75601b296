"""A survey can email each invitation within its invitee's working hours, on their clock
(seed 004: respond on the customer's schedule): outside them the invitation waits for the
hourly task to find the invitee at work."""

import datetime as dt
from typing import Any
from unittest import mock

from django.core import mail
from django.urls import reverse

from centric.feedback import services
from centric.feedback.models import Invitation, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from tests.factories import ContactFactory

# a Monday, 02:30 in London: 11:30 in Tokyo, 21:30 on Sunday in New York
MONDAY = dt.datetime(2027, 3, 1, 2, 30, tzinfo=dt.UTC)


def at(moment: dt.datetime) -> Any:
    return mock.patch("centric.core.clock.now", return_value=moment)


class WorkingHoursTest(SurveyTestCase):
    def setUp(self) -> None:
        self.tokyo = ContactFactory.create(
            account=self.account, email="aiko@acme.example", time_zone="Asia/Tokyo"
        )
        self.new_york = ContactFactory.create(
            account=self.account,
            email="nate@acme.example",
            time_zone="America/New_York",
            working_hours_start=dt.time(8),
            working_hours_end=dt.time(16),
        )

    def survey(self, *, remind_automatically: bool = False) -> Survey:
        survey = self.open_survey(
            self.make_survey(send_in_working_hours=True, remind_automatically=remind_automatically)
        )
        services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.tokyo, self.new_york]
        )
        return survey

    def sent_to(self) -> list[str]:
        return [address for message in mail.outbox for address in message.to]

    def test_an_invitation_leaves_in_the_invitee_s_working_hours_and_waits_outside_them(
        self,
    ) -> None:
        with at(MONDAY):
            survey = self.survey()
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 1)
        self.assertEqual(self.sent_to(), ["aiko@acme.example"])
        waiting = Invitation.objects.get(email="nate@acme.example")
        self.assertIsNone(waiting.sent_at)
        # Monday 07:30 in New York: not yet; 08:30: the hourly task finds Nate at work
        with at(MONDAY + dt.timedelta(hours=10)):
            self.assertEqual(services.invitations_send_waiting(), 0)
        with at(MONDAY + dt.timedelta(hours=11)):
            self.assertEqual(services.invitations_send_waiting(), 1)
            self.assertEqual(services.invitations_send_waiting(), 0)  # once
        self.assertEqual(self.sent_to(), ["aiko@acme.example", "nate@acme.example"])

    def test_a_weekend_is_outside_working_hours(self) -> None:
        saturday_noon_tokyo = dt.datetime(2027, 3, 6, 3, 0, tzinfo=dt.UTC)
        with at(saturday_noon_tokyo):
            survey = self.survey()
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 0)
        self.assertEqual(mail.outbox, [])

    def test_a_colleague_is_emailed_from_nine_to_five_on_their_clock(self) -> None:
        self.owner.time_zone = "Asia/Tokyo"
        self.owner.save()
        self.outsider.time_zone = "America/New_York"
        self.outsider.save()
        with at(MONDAY):
            survey = self.open_survey(
                self.make_survey(
                    "internal-customer", subject_team=self.finance, send_in_working_hours=True
                )
            )
            services.invitations_create(
                actor=self.cx_lead, survey=survey, people=[self.owner, self.teammate]
            )
            services.invitations_send(survey_id=survey.pk)
        # Tokyo 11:30 is in; the teammate's UTC 02:30 is not
        self.assertEqual(self.sent_to(), ["owner@northwind.example"])

    def test_a_survey_that_does_not_ask_emails_at_once(self) -> None:
        with at(MONDAY):
            survey = self.survey()
            Survey.objects.filter(pk=survey.pk).update(send_in_working_hours=False)
            self.assertEqual(services.invitations_send(survey_id=survey.pk), 2)

    def test_the_reminder_that_goes_by_itself_waits_too_and_one_sent_by_hand_does_not(
        self,
    ) -> None:
        # invited on a Monday afternoon in both places
        with at(MONDAY + dt.timedelta(hours=14)):  # 16:30 UTC: 11:30 New York, 01:30 Tokyo
            survey = self.survey(remind_automatically=True)
            services.invitations_send(survey_id=survey.pk)
        with at(MONDAY + dt.timedelta(days=1, hours=0)):  # Tuesday 11:30 Tokyo
            services.invitations_send_waiting()
        self.assertEqual(Invitation.objects.filter(sent_at__isnull=False).count(), 2)
        mail.outbox.clear()
        # Friday 02:30 UTC: Tokyo at work, New York asleep
        friday = MONDAY + dt.timedelta(days=4)
        with at(friday):
            self.assertEqual(services.reminders_send_due(), 1)
        self.assertEqual(self.sent_to(), ["aiko@acme.example"])
        with at(friday):
            self.assertEqual(services.reminders_send(survey_id=survey.pk), 1)  # by hand: at once
        self.assertEqual(self.sent_to(), ["aiko@acme.example", "nate@acme.example"])

    def test_the_setting_is_made_and_changed_on_the_pages_and_through_the_api(self) -> None:
        self.login(self.cx_lead)
        self.client.post(
            reverse("feedback:survey_create"),
            {
                "template": "ces",
                "name": "Support",
                "default_language": "en",
                "languages": ["en"],
                "fatigue_days": 30,
                "send_in_working_hours": "on",
            },
        )
        survey = Survey.objects.get(name="Support")
        self.assertTrue(survey.send_in_working_hours)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "Each invitation leaves within its invitee's working hours")
        self.client.post(
            reverse("feedback:survey_edit", args=[survey.pk]),
            {"name": "Support", "fatigue_days": 30, "languages": ["en"]},
        )
        survey.refresh_from_db()
        self.assertFalse(survey.send_in_working_hours)
        copy = services.survey_copy(actor=self.cx_lead, survey=self.survey())
        self.assertTrue(copy.send_in_working_hours)
