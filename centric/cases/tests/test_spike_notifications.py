"""A spike Insights tells of joins the notifications of the CX leads it told, linking to the
comments behind it, whether they take the mail or not."""

from django.urls import reverse
from django.utils.html import escape

from centric.cases.models import Notification
from centric.insights import services
from centric.insights.tests.test_alerts import INCIDENT, SpikeTestCase
from centric.people.models import User


class SpikeNotificationTest(SpikeTestCase):
    def test_the_cx_leads_find_it_among_their_notifications_mailed_or_not(self) -> None:
        User.objects.filter(pk=self.cx_lead.pk).update(spike_alerts=False)
        self.usual_weeks()
        self.give(INCIDENT, 0, 25)

        with self.captureOnCommitCallbacks(execute=True):
            services.spikes_alert(now=self.now)
        with self.captureOnCommitCallbacks(execute=True):
            services.spikes_alert(now=self.now)  # told once

        (note,) = Notification.objects.filter(message__contains="for billing")
        self.assertEqual(note.recipient, self.cx_lead)
        self.assertIsNone(note.case)
        self.assertTrue(note.message.startswith("Spike in mentions for billing, week of "))
        self.assertIn("billing: 25 mentions", note.message)
        self.assertTrue(note.link.startswith("/insights/comments/?theme=billing&week="))
        self.assertFalse(Notification.objects.exclude(recipient=self.cx_lead).exists())
        self.client.force_login(self.cx_lead)
        page = self.client.get(reverse("cases:notifications"))
        self.assertContains(page, escape(note.message))
        opened = self.client.post(reverse("cases:notification_open", args=[note.pk]))
        self.assertRedirects(opened, note.link, fetch_redirect_response=False)
        self.client.force_login(self.owner)  # not theirs
        self.assertNotContains(self.client.get(reverse("cases:notifications")), "for billing")
