"""A spike Insights tells of joins the notifications of the CX leads it told, linking to the
comments behind it, whether they take the mail or not; so does a survey that closed by itself,
for whoever made it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from centric.cases.models import Notification
from centric.feedback import services as feedback_services
from centric.feedback.models import Survey
from centric.insights import services
from centric.insights.tests.test_alerts import INCIDENT, SpikeTestCase
from centric.people.models import User
from tests.personas import PersonasTestCase


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
        self.assertTrue(note.message.startswith("Spike in mentions for billing: "))
        self.assertIn("25 comments mentioned billing in the week of ", note.message)
        self.assertTrue(note.link.startswith("/insights/comments/?theme=billing&week="))
        self.assertFalse(Notification.objects.exclude(recipient=self.cx_lead).exists())
        self.client.force_login(self.cx_lead)
        page = self.client.get(reverse("cases:notifications"))
        self.assertContains(page, escape(note.message))
        opened = self.client.post(reverse("cases:notification_open", args=[note.pk]))
        self.assertRedirects(opened, note.link, fetch_redirect_response=False)
        self.client.force_login(self.owner)  # not theirs
        self.assertNotContains(self.client.get(reverse("cases:notifications")), "for billing")


class SurveyClosedNotificationTest(PersonasTestCase):
    def test_whoever_made_a_survey_finds_its_closing_among_their_notifications(self) -> None:
        survey = feedback_services.survey_create_from_template(
            actor=self.cx_lead, template="ces", values={"name": "Support effort"}
        )
        feedback_services.survey_set_status(actor=self.cx_lead, survey=survey, status="open")
        end = timezone.now() + timedelta(hours=1)
        Survey.objects.filter(pk=survey.pk).update(closes_at=end)

        with self.captureOnCommitCallbacks(execute=True):
            feedback_services.surveys_close_due(now=end)

        (note,) = Notification.objects.all()
        self.assertEqual(
            (note.recipient, note.case, note.link), (self.cx_lead, None, survey.get_absolute_url())
        )
        self.assertTrue(note.message.startswith("“Support effort” closed at the end of "))
        self.client.force_login(self.cx_lead)
        opened = self.client.post(reverse("cases:notification_open", args=[note.pk]))
        self.assertRedirects(opened, survey.get_absolute_url(), fetch_redirect_response=False)

    def test_a_survey_made_by_no_one_tells_no_one(self) -> None:
        survey = feedback_services.survey_create_from_template(
            actor=self.cx_lead, template="ces", values={"name": "Support effort"}
        )
        feedback_services.survey_set_status(actor=self.cx_lead, survey=survey, status="open")
        end = timezone.now() + timedelta(hours=1)
        Survey.objects.filter(pk=survey.pk).update(closes_at=end, created_by=None)
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(feedback_services.surveys_close_due(now=end), 1)
        self.assertFalse(Notification.objects.exists())
