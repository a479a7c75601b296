"""What a survey's page does at one click asks first, on a page of its own that works without
JavaScript: emailing the reminder (to everyone due one), closing the survey, and opening it when
that emails the invitations made meanwhile. Opening the question changes nothing; only the form
it holds does."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from centric.feedback import services
from centric.feedback.models import Invitation, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from tests.factories import ContactFactory


def days_later(days: int) -> mock._patch[mock.MagicMock]:
    return mock.patch("centric.core.clock.now", return_value=timezone.now() + timedelta(days=days))


class ReminderConfirmationTest(SurveyTestCase):
    """Carla and Dan were emailed their invitation four days ago and have not answered."""

    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey())
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact, dan]
        )
        services.invitations_send(survey_id=self.survey.pk)
        mail.outbox.clear()
        self.send = reverse("feedback:survey_send", args=[self.survey.pk])
        self.asked = f"{self.send}?what=reminders"
        self.login(self.cx_lead)

    def test_the_survey_page_leads_to_the_question_not_to_the_sending(self) -> None:
        with days_later(4):
            page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, f'<a class="btn secondary" href="{self.asked}">')
        self.assertNotContains(page, 'name="what" value="reminders"')

    def test_the_question_names_how_many_are_emailed_and_sends_nothing(self) -> None:
        with days_later(4), self.captureOnCommitCallbacks(execute=True) as queued:
            page = self.client.get(self.asked)
        self.assertContains(page, "Email a reminder to 2 people?")
        self.assertContains(page, "at least 3 days ago and has not answered")
        self.assertContains(page, '<input type="hidden" name="what" value="reminders">')
        self.assertContains(page, '<button class="btn" type="submit">Email 2 reminders</button>')
        self.assertEqual((queued, mail.outbox), ([], []))
        self.assertFalse(Invitation.objects.filter(reminded_at__isnull=False).exists())

    def test_the_form_it_holds_sends_the_reminders(self) -> None:
        with days_later(4), self.captureOnCommitCallbacks(execute=True):
            sent = self.client.post(self.send, {"what": "reminders"}, follow=True)
        self.assertContains(sent, "Sending a reminder to 2 people in the background.")
        self.assertEqual(Invitation.objects.filter(reminded_at__isnull=False).count(), 2)

    def test_with_nobody_due_the_question_says_so_and_offers_no_button(self) -> None:
        page = self.client.get(self.asked)
        self.assertContains(page, "Nobody needs a reminder")
        self.assertNotContains(page, 'name="what"')

    def test_a_closed_survey_says_why_it_sends_nothing(self) -> None:
        services.survey_set_status(actor=self.cx_lead, survey=self.survey, status="closed")
        with days_later(4):
            page = self.client.get(self.asked)
        self.assertContains(page, "The survey is closed: open it again to send")
        self.assertNotContains(page, 'name="what"')

    def test_only_those_who_send_reminders_are_asked(self) -> None:
        self.login(self.owner)
        with days_later(4):
            self.assertEqual(self.client.get(self.asked).status_code, 403)


class InvitationsConfirmationTest(SurveyTestCase):
    def test_the_invitations_not_yet_emailed_are_counted_before_they_go(self) -> None:
        survey = self.open_survey(self.make_survey())
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact])
        self.login(self.cx_lead)
        with self.captureOnCommitCallbacks(execute=True) as queued:
            page = self.client.get(reverse("feedback:survey_send", args=[survey.pk]))
        self.assertContains(page, "Email the invitation to 1 person?")
        self.assertContains(page, "This person was invited to “Q4 relationship”")
        self.assertContains(page, "Email 1 invitation</button>")
        self.assertEqual((queued, mail.outbox), ([], []))


class ClosingConfirmationTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.open_survey(self.make_survey(open_link=True))
        services.invitations_create(actor=self.cx_lead, survey=self.survey, contacts=[self.contact])
        services.invitations_send(survey_id=self.survey.pk)
        self.url = reverse("feedback:survey_status", args=[self.survey.pk])
        self.login(self.cx_lead)

    def status(self) -> str:
        self.survey.refresh_from_db()
        return self.survey.status

    def test_the_survey_page_leads_to_the_question(self) -> None:
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(
            page, f'<a class="btn secondary" href="{self.url}?status=closed">Close the survey…</a>'
        )
        self.assertNotContains(page, 'name="status" value="closed"')

    def test_the_question_says_what_closing_does_and_closes_nothing(self) -> None:
        page = self.client.get(self.url, {"status": "closed"})
        self.assertContains(page, "Close the survey “Q4 relationship”?")
        self.assertContains(
            page,
            "It takes no more answers: its invitation links and its open link say it is closed, "
            "to the 1 emailed who have not answered yet. No invitation or reminder is emailed "
            "while it is closed.",
        )
        self.assertContains(page, '<input type="hidden" name="status" value="closed">')
        self.assertEqual(self.status(), Survey.Status.OPEN)

    def test_the_form_it_holds_closes_the_survey(self) -> None:
        closed = self.client.post(self.url, {"status": "closed"}, follow=True)
        self.assertContains(closed, "The survey is now closed.")
        self.assertEqual(self.status(), Survey.Status.CLOSED)

    def test_a_change_the_page_does_not_offer_leads_back_to_the_survey(self) -> None:
        for asked in ({"status": "open"}, {"status": "draft"}, {}):
            with self.subTest(asked=asked):
                answer = self.client.get(self.url, asked)
                self.assertRedirects(answer, self.survey.get_absolute_url())
        self.assertEqual(self.status(), Survey.Status.OPEN)

    def test_only_those_who_close_surveys_are_asked(self) -> None:
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url, {"status": "closed"}).status_code, 403)


class OpeningConfirmationTest(SurveyTestCase):
    def setUp(self) -> None:
        self.survey = self.make_survey()
        self.url = reverse("feedback:survey_status", args=[self.survey.pk])
        self.login(self.cx_lead)

    def test_a_draft_nobody_is_invited_to_opens_at_once(self) -> None:
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, '<button class="btn" type="submit">Open the survey</button>')
        self.assertNotContains(page, "?status=open")

    def test_opening_a_draft_that_emails_its_invitations_asks_first_naming_how_many(self) -> None:
        services.invitations_create(actor=self.cx_lead, survey=self.survey, contacts=[self.contact])
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(
            page, f'<a class="btn" href="{self.url}?status=open">Open the survey…</a>'
        )
        self.assertNotContains(page, 'name="status" value="open"')

        with self.captureOnCommitCallbacks(execute=True) as queued:
            asked = self.client.get(self.url, {"status": "open"})
        self.assertContains(
            asked,
            "<strong>1 person</strong> invited while it was a draft is emailed their invitation "
            "at once",
        )
        self.assertContains(asked, "Its questions are then fixed")
        self.assertContains(asked, "Open it and email 1 invitation</button>")
        self.assertEqual((queued, mail.outbox), ([], []))
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.status, Survey.Status.DRAFT)

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, {"status": "open"})
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.status, Survey.Status.OPEN)
        self.assertEqual([message.to for message in mail.outbox], [[self.contact.email]])


class InviteButtonTest(SurveyTestCase):
    """Inviting emails at once while the survey is open, with no page between: its button and
    the words above it say so; a draft's invitations wait for the survey to open."""

    def test_an_open_survey_says_its_invitations_are_emailed_at_once(self) -> None:
        survey = self.open_survey(self.make_survey())
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "The survey is open: invitations are emailed at once.")
        self.assertContains(page, '<button class="btn" type="submit">Invite and email them now')

    def test_a_draft_says_they_wait_for_it_to_open(self) -> None:
        survey = self.make_survey()
        self.login(self.cx_lead)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, "Invitations are emailed when the survey opens.")
        self.assertContains(page, '<button class="btn" type="submit">Invite</button>')
        self.assertNotContains(page, "Invite and email them now")
