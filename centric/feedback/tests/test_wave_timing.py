"""When the next wave of a relationship survey is offered: a week after the current wave's last
invitation was emailed (time for its reminder and for answering it), or once everyone in it has
answered; sooner only when confirmed, saying how many have not answered. The service holds to the
same rule as the page."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import dateformat, timezone

from centric.core.models import Organisation
from centric.feedback import selectors, services, wording
from centric.feedback.models import Invitation, Survey
from centric.feedback.tests.test_waves import WaveTestCase
from tests.factories import ContactFactory

BERLIN = ZoneInfo("Europe/Berlin")


def later(days: float) -> mock._patch[mock.MagicMock]:
    return mock.patch(
        "centric.core.clock.now", return_value=timezone.now() + dt.timedelta(days=days)
    )


class WaveTimingTest(WaveTestCase):
    def setUp(self) -> None:
        super().setUp()
        Organisation.objects.filter(pk=self.org.pk).update(time_zone="Europe/Berlin")
        self.start_url = reverse("feedback:survey_wave_start", args=[self.survey.pk])
        self.button = '<button class="btn secondary" type="submit">Start wave 2</button>'
        self.login(self.cx_lead)

    def emailed(self) -> Invitation:
        """Carla, invited to wave 1 and emailed now."""
        self.invite()
        services.invitations_send(survey_id=self.survey.pk)
        return Invitation.objects.get(email=self.contact.email, wave=1)

    def page(self) -> str:
        return self.client.get(self.survey.get_absolute_url()).content.decode()

    def wave(self) -> int:
        self.survey.refresh_from_db()
        return self.survey.current_wave

    def test_the_next_wave_is_not_offered_right_after_the_wave_was_emailed(self) -> None:
        invitation = self.emailed()
        assert invitation.sent_at is not None
        offered = timezone.make_naive(invitation.sent_at + dt.timedelta(weeks=1), BERLIN)

        page = self.page()

        self.assertNotIn(self.button, page)
        self.assertIn(
            f"Wave 2 can start from {dateformat.format(offered, 'j M, H:i')} (Europe/Berlin "
            "time), a week after wave 1's last invitation was emailed, or as soon as everyone in "
            "wave 1 has answered: a week gives time for one reminder, due 3 days after the "
            "invitation, and for answering it. A button here starts it then; nothing starts by "
            "itself. To start it sooner, knowing who has not answered:</p>",
            page,
        )
        # sooner only when confirmed, knowing who has not answered: no "button appears later"
        # above the one that is here now
        self.assertIn("Start wave 2 now", page)
        self.assertNotIn("appears here", page)
        self.assertIn(
            "1 of the 1 invited to wave 1 has not answered yet. They can still answer by their "
            "link, but nobody in wave 1 is reminded once wave 2 starts.",
            page,
        )

    def test_the_next_wave_is_offered_a_week_after_the_last_invitation(self) -> None:
        self.emailed()
        dan = ContactFactory.create(account=self.account, email="dan@acme.example")
        with later(5):  # dan joins wave 1 later: he too is given his week
            self.invite(dan)
            services.invitations_send(survey_id=self.survey.pk)
        with later(8):
            self.assertNotIn(self.button, self.page())
            with self.assertRaisesMessage(ValidationError, "a week after wave 1's last"):
                self.start_wave(early=False)
        with later(12.1):
            page = self.page()
            self.assertIn(self.button, page)
            self.assertNotIn("Start wave 2 now", page)
            self.assertEqual(self.start_wave(early=False).current_wave, 2)

    def test_the_service_refuses_a_wave_started_too_soon_and_says_when(self) -> None:
        invitation = self.emailed()
        assert invitation.sent_at is not None
        offered = timezone.localtime(invitation.sent_at + dt.timedelta(weeks=1), BERLIN)
        day = wording.day_in_words(offered.date(), "en")

        with self.assertRaisesMessage(
            ValidationError,
            f"Wave 2 can start from {day}, {offered:%H:%M}, a week after wave 1's last "
            "invitation was emailed, so that its invitees have had their reminder and time to "
            "answer it (1 of its 1 has not answered yet).",
        ):
            self.start_wave(early=False)

        self.assertEqual(self.wave(), 1)
        refused = self.client.post(self.start_url, follow=True)
        self.assertContains(refused, f"Wave 2 can start from {day}")
        self.assertEqual(self.wave(), 1)

    def test_a_wave_started_sooner_when_confirmed_leaves_the_last_answerable(self) -> None:
        invitation = self.emailed()

        started = self.client.post(self.start_url, {"early": "1"}, follow=True)

        self.assertContains(started, "Wave 2 started")
        self.assertEqual(self.wave(), 2)
        link = reverse("feedback:respond", args=[invitation.token])
        self.assertEqual(self.client.get(link).status_code, 200)
        answered = self.client.post(link, {"page": "1", "nps": "9"})
        self.assertEqual(answered.status_code, 302)
        # a confirmation is a form's: a plain link starts nothing
        self.assertEqual(self.client.get(self.start_url, {"early": "1"}).status_code, 405)
        self.assertEqual(self.wave(), 2)

    def test_a_wave_everyone_answered_may_be_followed_at_once(self) -> None:
        self.answer(self.emailed())
        self.assertIn(self.button, self.page())
        self.assertEqual(self.start_wave(early=False).current_wave, 2)

    def test_a_wave_nobody_was_emailed_in_waits_for_its_emails(self) -> None:
        self.invite()  # not emailed yet: held back by the fatigue window, say

        page = self.page()

        self.assertNotIn(self.button, page)
        self.assertIn(
            "Wave 2 can start a week after wave 1's last invitation is emailed (none has been "
            "yet), or as soon as everyone in wave 1 has answered",
            page,
        )
        self.assertIn("and 1 not emailed yet never is.", page)
        with self.assertRaisesMessage(ValidationError, "Nobody in wave 1 has been emailed yet"):
            self.start_wave(early=False)
        self.assertEqual(
            services.survey_wave_start(actor=self.cx_lead, survey=self.survey, early=True).pk,
            self.survey.pk,
        )
        self.assertEqual(self.wave(), 2)

    def test_a_survey_past_its_last_day_starts_no_wave(self) -> None:
        self.emailed()
        end = timezone.now() + dt.timedelta(days=9)
        Survey.objects.filter(pk=self.survey.pk).update(closes_at=end)
        self.survey.refresh_from_db()
        with later(10):
            page = self.page()
            self.assertNotIn("Start wave 2", page)
            with self.assertRaisesMessage(ValidationError, "This survey closed on"):
                services.survey_wave_start(actor=self.cx_lead, survey=self.survey, early=True)
        self.assertEqual(self.wave(), 1)

    def test_the_current_wave_is_counted_alone(self) -> None:
        self.emailed()
        with later(8):
            self.start_wave(early=False)
        wave = selectors.survey_current_wave(self.survey)
        self.assertEqual((wave.number, wave.invited, wave.last_sent), (2, 0, None))
        self.assertFalse(wave.has_run(timezone.now() + dt.timedelta(days=365)))
