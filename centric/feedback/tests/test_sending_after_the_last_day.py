"""A survey past its last day sends nothing more: no reminder, by hand or by itself, and no
invitation; its page, its send action and the API say why."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends import locmem
from django.urls import reverse
from django.utils import timezone

from centric.core.models import Organisation
from centric.feedback import services, wording
from centric.feedback.models import Invitation, Survey
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.people.services import api_token_create
from tests.factories import ContactFactory

BERLIN = ZoneInfo("Europe/Berlin")
BUTTON = ">Send one reminder…</a>"


def at(moment: dt.datetime) -> mock._patch[mock.MagicMock]:
    return mock.patch("centric.core.clock.now", return_value=moment)


class SendingAfterTheLastDayTest(SurveyTestCase):
    """Carla was emailed today; the survey's last day ends tomorrow, before her reminder is due
    (three days on), so by then there is nobody to remind."""

    def setUp(self) -> None:
        Organisation.objects.filter(pk=self.org.pk).update(time_zone="Europe/Berlin")
        self.survey = self.open_survey(self.make_survey(remind_automatically=True))
        services.invitations_create(actor=self.cx_lead, survey=self.survey, contacts=[self.contact])
        services.invitations_send(survey_id=self.survey.pk)
        tomorrow = timezone.localdate(timezone=BERLIN) + dt.timedelta(days=1)
        self.end = dt.datetime.combine(tomorrow + dt.timedelta(days=1), dt.time(), tzinfo=BERLIN)
        Survey.objects.filter(pk=self.survey.pk).update(closes_at=self.end)
        self.survey.refresh_from_db()
        self.closed = (
            f"The survey closed on {wording.day_in_words(tomorrow, 'en')}, its last day: "
            "no reminder is sent after it."
        )
        self.after = timezone.now() + dt.timedelta(days=4)  # the reminder would be due
        mail.outbox.clear()
        self.login(self.cx_lead)

    def api(self, body: dict[str, Any]) -> Any:
        _, secret = api_token_create(user=self.cx_lead, name="test")
        return self.client.post(
            f"/api/surveys/{self.survey.pk}/send",
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )

    def test_the_scheduled_reminder_skips_a_survey_past_its_last_day(self) -> None:
        with at(self.after):
            self.assertEqual(services.reminders_send_due(), 0)
        self.assertEqual(mail.outbox, [])
        self.assertIsNone(Invitation.objects.get().reminded_at)

    def test_the_service_refuses_a_reminder_by_hand_and_says_why(self) -> None:
        with (
            at(self.after),
            self.captureOnCommitCallbacks(execute=True) as queued,
            self.assertRaisesMessage(ValidationError, self.closed),
        ):
            services.survey_send(actor=self.cx_lead, survey=self.survey, what="reminders")
        self.assertEqual((queued, mail.outbox), ([], []))

    def test_the_page_offers_a_later_last_day_not_closing_what_has_closed(self) -> None:
        with at(self.after):
            page = self.client.get(self.survey.get_absolute_url())
        self.assertNotContains(page, "Close the survey")
        self.assertNotContains(page, ">Open the survey<")
        self.assertContains(page, "Choose a later last day to open it again")

    def test_the_page_offers_no_reminder_but_says_why(self) -> None:
        with at(self.after):
            page = self.client.get(self.survey.get_absolute_url())
        self.assertNotContains(page, BUTTON)
        self.assertNotContains(page, "nobody is waiting for a reminder")
        self.assertContains(page, self.closed)

    def test_the_send_action_refuses_a_reminder_and_says_why(self) -> None:
        url = reverse("feedback:survey_send", args=[self.survey.pk])
        with at(self.after), self.captureOnCommitCallbacks(execute=True) as queued:
            answer = self.client.post(url, {"what": "reminders"}, follow=True)
        self.assertContains(answer, self.closed)
        self.assertNotContains(answer, "Nobody needs a reminder")
        self.assertEqual((queued, mail.outbox), ([], []))

    def test_the_api_refuses_a_reminder_and_says_why(self) -> None:
        with at(self.after), self.captureOnCommitCallbacks(execute=True) as queued:
            refused = self.api({"what": "reminders"})
        self.assertEqual(refused.status_code, 422, refused.content)
        self.assertIn(self.closed, refused.json()["detail"])
        self.assertEqual((queued, mail.outbox), ([], []))

    def test_no_invitation_is_sent_after_the_last_day_and_the_refusal_says_why(self) -> None:
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        closed = self.closed.replace("no reminder", "no invitation")
        with at(self.after):
            (made,), _ = services.invitations_create(
                actor=self.cx_lead, survey=self.survey, contacts=[dan]
            )
            self.assertEqual(services.invitations_send_waiting(), 0)
            with self.assertRaisesMessage(ValidationError, closed):
                services.survey_send(actor=self.cx_lead, survey=self.survey)
            url = reverse("feedback:survey_send", args=[self.survey.pk])
            answer = self.client.post(url, {"what": "invitations"}, follow=True)
            self.assertContains(answer, closed)
            refused = self.api({"what": "invitations"})
            self.assertEqual(refused.status_code, 422, refused.content)
            self.assertIn(closed, refused.json()["detail"])
        made.refresh_from_db()
        self.assertIsNone(made.sent_at)
        self.assertEqual(mail.outbox, [])

    def test_inviting_after_the_last_day_says_nobody_is_emailed(self) -> None:
        ContactFactory.create(account=self.account, email="dan@acme.example")
        url = reverse("feedback:survey_invite", args=[self.survey.pk])
        with at(self.after), self.captureOnCommitCallbacks(execute=True):
            answer = self.client.post(url, {"accounts": [self.account.pk]}, follow=True)
        self.assertContains(answer, "1 invited.")
        self.assertContains(answer, self.closed.replace("no reminder", "no invitation"))
        self.assertContains(answer, "Its last day has passed: invitations made now are emailed")
        self.assertEqual(mail.outbox, [])

    def test_inviting_through_the_api_after_the_last_day_says_why_nobody_is_emailed(
        self,
    ) -> None:
        ContactFactory.create(account=self.account, email="dan@acme.example")
        _, secret = api_token_create(user=self.cx_lead, name="test")
        with at(self.after), self.captureOnCommitCallbacks(execute=True):
            answer = self.client.post(
                f"/api/surveys/{self.survey.pk}/invitations",
                json.dumps({"account_ids": [self.account.pk]}),
                content_type="application/json",
                headers={"Authorization": f"Bearer {secret}"},
            )
            survey = self.client.get(
                f"/api/surveys/{self.survey.pk}", headers={"Authorization": f"Bearer {secret}"}
            )
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(
            (answer.json()["invited"], answer.json()["emailing"], answer.json()["not_sending"]),
            (1, 0, self.closed.replace("no reminder", "no invitation")),
        )
        self.assertEqual(mail.outbox, [])
        # the wave says from when the next may start: a week after Carla's invitation
        (wave,) = survey.json()["waves"]
        self.assertEqual(
            dt.datetime.fromisoformat(wave["next_wave_from"]),
            dt.datetime.fromisoformat(wave["last_sent"]) + dt.timedelta(weeks=1),
        )

    def test_the_links_take_no_answer_after_the_last_day(self) -> None:
        link = reverse("feedback:respond", args=[Invitation.objects.get().token])
        with at(self.end):
            self.assertEqual(self.client.get(link).status_code, 410)
            self.assertEqual(self.client.post(link, {"page": "1", "nps": "9"}).status_code, 410)

    def test_a_closed_survey_is_refused_too_and_an_open_one_still_sends(self) -> None:
        Survey.objects.filter(pk=self.survey.pk).update(closes_at=None)
        self.survey.refresh_from_db()
        with at(self.after):
            self.assertEqual(
                services.survey_send(actor=self.cx_lead, survey=self.survey, what="reminders"), 1
            )
        services.survey_set_status(actor=self.cx_lead, survey=self.survey, status="closed")
        with self.assertRaisesMessage(ValidationError, "The survey is closed"):
            services.survey_send(actor=self.cx_lead, survey=self.survey, what="reminders")


class ReminderRunOutlastingTheLastDayTest(SurveyTestCase):
    def test_a_run_that_outlasts_the_last_day_stops_at_its_end(self) -> None:
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        survey = self.open_survey(self.make_survey())
        services.invitations_create(actor=self.cx_lead, survey=survey, contacts=[self.contact, dan])
        services.invitations_send(survey_id=survey.pk)
        end = timezone.now() + dt.timedelta(days=4)
        Survey.objects.filter(pk=survey.pk).update(closes_at=end)
        mail.outbox.clear()
        now = [end - dt.timedelta(minutes=1)]
        send_messages = locmem.EmailBackend.send_messages

        def sending_takes_a_while(backend: locmem.EmailBackend, messages: Any) -> int:
            sent = send_messages(backend, messages)
            now[0] = end  # the first reminder left a minute before the survey closed
            return sent

        with (
            mock.patch("centric.core.clock.now", side_effect=lambda: now[0]),
            mock.patch.object(locmem.EmailBackend, "send_messages", sending_takes_a_while),
        ):
            self.assertEqual(services.reminders_send(survey_id=survey.pk), 1)
        self.assertEqual(len(mail.outbox), 1)
        reminded = Invitation.objects.filter(reminded_at__isnull=False)
        self.assertEqual(list(reminded.values_list("email", flat=True)), mail.outbox[0].to)
