"""A spike alert is written for a CX lead, not a statistician: what happened against what is
usual, one way of writing dates, and how to stop these mails. A theme stored on two lines still
sends on one, and an alarm that cannot be told keeps none of the others from being told."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

from django.core import mail
from django.test import SimpleTestCase, override_settings

from centric.insights.models import SpikeAlert
from centric.insights.selectors import Shift, Spike
from centric.insights.services import alerts
from centric.insights.tests.test_alerts import INCIDENT, SpikeTestCase
from tests.smtp import LocalSmtpServer

LATE = "The delivery was late and the parcel arrived damaged."
WEEK = dt.date(2026, 11, 30)


class PlainlyTest(SimpleTestCase):
    def test_a_spike_says_how_many_against_how_many_are_usual(self) -> None:
        spike = Spike(week=WEEK, theme="billing", count=62, expected=8.9, sentence="p = 1.3e-27 …")
        self.assertEqual(
            alerts.plainly(spike),
            "62 comments mentioned billing in the week of 30 November 2026, where about 9 "
            "would be usual: far more than usual, and unlikely to be chance, even allowing for "
            "every theme being checked each week.",
        )

    def test_a_theme_new_to_its_weeks_was_hardly_ever_mentioned(self) -> None:
        spike = Spike(week=WEEK, theme="refunds", count=5, expected=0.0, sentence="")
        self.assertIn("where hardly any would be usual", alerts.plainly(spike))

    def test_a_shift_says_which_way_on_what_scale(self) -> None:
        shift = Shift(week=WEEK, theme="support", mean=-0.45, baseline=0.12, sentence="")
        self.assertEqual(
            alerts.plainly(shift),
            "What customers said about support turned more negative in the week of 30 November "
            "2026: −0.45 on average, against 0.12 in its previous weeks, on a scale from −1 "
            "(negative) to +1 (positive). A change this large is unlikely to be chance, even "
            "allowing for every theme being checked each week.",
        )


class AlertMailTest(SpikeTestCase):
    def test_the_mail_reads_plainly_with_one_date_style_and_how_to_stop_it(self) -> None:
        self.usual_weeks()
        self.give(INCIDENT, 0, 25)

        told = alerts.spikes_alert(now=self.now)

        self.assertGreaterEqual(told, 1)
        (message,) = [message for message in mail.outbox if "billing" in message.subject]
        body = str(message.body)
        for jargon in ("p =", "Benjamini", "correction", "checks)", "baseline"):
            self.assertNotIn(jargon, body)
        self.assertIn("25 comments mentioned billing in the week of", body)
        self.assertIn("unlikely to be chance", body)
        # dates as words, the same way in the subject and the body; ISO only inside links
        week = SpikeAlert.objects.get(theme="billing").week
        said = f"{week.day} {week:%B %Y}"
        self.assertTrue(message.subject.endswith(f"week of {said}"), message.subject)
        self.assertIn(f"in the week of {said}", body)
        outside_links = re.sub(r"https?://\S+", "", body)
        self.assertNotRegex(outside_links, r"\d{4}-\d{2}-\d{2}")
        self.assertIn("untick “Mail me\nof spikes” in your profile", body)
        self.assertIn("http://testserver/settings/profile/", body)

    def test_a_theme_stored_on_two_lines_is_told_on_one(self) -> None:
        spike = Spike(
            week=WEEK, theme="billing\nBcc: x@evil.example", count=12, expected=2, sentence="…"
        )
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            self.assertTrue(alerts._alert(self.org, spike))
        (received,) = smtp.messages
        self.assertEqual(
            " ".join(received["Subject"].split()),  # unfolded
            "Northwind: spike in mentions for billing Bcc: x@evil.example, week of 30 November "
            "2026",
        )
        self.assertIsNone(received["Bcc"])

    def test_an_alarm_that_cannot_be_told_keeps_none_of_the_others_from_being_told(
        self,
    ) -> None:
        self.usual_weeks()
        self.give(INCIDENT, 0, 25)
        self.give(LATE, 0, 25)
        alert = alerts._alert

        def failing_for_billing(organisation: object, alarm: Spike | Shift) -> bool:
            if alarm.theme == "billing":
                raise ValueError("something unforeseen")
            return alert(organisation, alarm)  # type: ignore[arg-type]

        with (
            mock.patch.object(alerts, "_alert", side_effect=failing_for_billing),
            self.assertLogs("centric.insights.services.alerts", "ERROR") as logged,
        ):
            told = alerts.spikes_alert(now=self.now)

        self.assertGreaterEqual(told, 1)
        self.assertIn("The billing alarm", "\n".join(logged.output))
        self.assertTrue(SpikeAlert.objects.filter(theme="delivery").exists())
        self.assertFalse(SpikeAlert.objects.filter(theme="billing").exists())
        self.assertTrue(any("delivery" in message.subject for message in mail.outbox))
