"""Spikes told as they happen: a theme's week far above its own previous weeks is mailed to the CX
leads once, with the way to its comments; older spikes and other organisations' are not."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils import timezone

from centric.core.roles import Role
from centric.customers.models import Customer
from centric.feedback.models import Response
from centric.insights import services
from centric.insights.models import SpikeAlert
from centric.people.models import User
from tests.personas import PersonasTestCase

USUAL = "Support was friendly and quick."
INCIDENT = "We were charged twice and the invoice is wrong."


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("the mail server is down")


class SpikeTestCase(PersonasTestCase):
    def setUp(self) -> None:
        self.now = timezone.now()
        self.acme = Customer.objects.get(account=self.account)

    def give(self, comment: str, weeks_ago: int, count: int) -> None:
        when = self.now - dt.timedelta(weeks=weeks_ago, hours=1)
        responses = Response.objects.bulk_create(
            Response(
                organisation=self.org,
                customer=self.acme,
                channel="api",
                comment=comment,
                responded_at=when,
            )
            for _ in range(count)
        )
        services.responses_analyse(response_ids=[response.pk for response in responses])

    def usual_weeks(self, *, until: int = 1) -> None:
        """Ten usual weeks up to ``until`` weeks ago: support praised, billing now and then."""
        for weeks_ago in range(until, until + 10):
            self.give(USUAL, weeks_ago, 6)
            self.give(INCIDENT, weeks_ago, weeks_ago % 2)


class SpikeAlertTest(SpikeTestCase):
    def test_a_spike_of_this_week_is_mailed_to_the_cx_leads_once(self) -> None:
        self.usual_weeks()
        self.give(INCIDENT, 0, 25)

        told = services.spikes_alert(now=self.now)
        again = services.spikes_alert(now=self.now)

        self.assertGreaterEqual(told, 1)
        self.assertEqual(again, 0)
        billing = [message for message in mail.outbox if "for billing" in message.subject]
        self.assertEqual(len(billing), 1)  # one lead, one mail; not again
        message = billing[0]
        self.assertEqual(message.to, [self.cx_lead.email])
        self.assertIn(": spike in mentions for billing, week of", message.subject)
        self.assertIn("Spike in mentions for billing", message.body)
        self.assertIn("25 comments mentioned billing in the week of", message.body)
        # the week of the incident, in the organisation's time zone
        given = timezone.localdate(self.now - dt.timedelta(hours=1), ZoneInfo(self.org.time_zone))
        monday = given - dt.timedelta(days=given.weekday())
        self.assertIn(f"/insights/comments/?theme=billing&week={monday}", message.body)
        alert = SpikeAlert.objects.get(organisation=self.org, theme="billing", kind="volume")
        self.assertEqual((alert.week, alert.recipients), (monday, 1))
        self.assertFalse(SpikeAlert.objects.filter(organisation=self.other_org).exists())

    def test_a_spike_weeks_ago_is_history_not_news(self) -> None:
        self.usual_weeks(until=0)
        self.give(INCIDENT, 4, 25)

        self.assertEqual(services.spikes_alert(now=self.now), 0)
        self.assertEqual(mail.outbox, [])

    def test_without_cx_leads_the_admins_hear_of_it(self) -> None:
        User.objects.filter(organisation=self.org, role=Role.CX_LEAD).update(role=Role.MEMBER)
        self.usual_weeks()
        self.give(INCIDENT, 0, 25)

        services.spikes_alert(now=self.now)

        self.assertEqual(
            {address for message in mail.outbox for address in message.to}, {self.admin.email}
        )

    def test_a_cx_lead_who_asked_not_to_be_mailed_is_not(self) -> None:
        self.client.force_login(self.cx_lead)
        changed = self.client.patch(
            "/api/me", {"spike_alerts": False}, content_type="application/json"
        )
        self.assertEqual(changed.json()["spike_alerts"], False)
        self.usual_weeks()
        self.give(INCIDENT, 0, 25)

        services.spikes_alert(now=self.now)

        self.assertEqual(mail.outbox, [])  # nor the admins: there is a CX lead
        self.assertEqual(SpikeAlert.objects.get(theme="billing", kind="volume").recipients, 0)

    def test_a_mail_that_cannot_be_sent_leaves_the_spike_to_tell_again(self) -> None:
        self.usual_weeks()
        self.give(INCIDENT, 0, 25)

        with (
            override_settings(EMAIL_BACKEND="centric.insights.tests.test_alerts.FailingBackend"),
            self.assertLogs("centric.insights.services.alerts", "ERROR") as logged,
        ):
            self.assertEqual(services.spikes_alert(now=self.now), 0)  # logged, not raised

        self.assertIn("the mail server is down", "\n".join(logged.output))
        self.assertFalse(SpikeAlert.objects.exists())
        self.assertGreaterEqual(services.spikes_alert(now=self.now), 1)  # the next run tells it
        self.assertTrue(SpikeAlert.objects.filter(theme="billing").exists())
