"""A respondent who sent their answers comes back by their link and changes them: nothing they
said before is lost. What the response said is kept in its history, with when it was given, the
change is stamped, and the apps above feedback are told what it said before and after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

from django.urls import reverse

from centric.feedback import services, signals
from centric.feedback.models import GivenAnswers, Response
from centric.feedback.tests.test_surveys import SurveyTestCase

SENT = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)


class ChangingSentAnswersTest(SurveyTestCase):
    def setUp(self) -> None:
        # page 1: the score; page 2: the detractor's "fix first" (required) or the promoter's
        # "best", and the topics
        self.survey = self.open_survey(self.make_survey())
        (self.invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=self.survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[self.invitation.token])
        with mock.patch("centric.core.clock.now", return_value=SENT):
            self.client.post(self.url, {"page": "1", "nps": "3"})
            self.client.post(self.url, {"page": "2", "fix_first": "The invoices are always late"})

    def send(self, data: dict[str, Any], at: datetime) -> None:
        with mock.patch("centric.core.clock.now", return_value=at):
            self.client.post(self.url, data)

    def test_a_changed_score_keeps_the_hidden_follow_up_and_what_was_sent_in_the_history(
        self,
    ) -> None:
        later = SENT + timedelta(days=2)
        self.send({"page": "1", "nps": "9"}, later)
        response = Response.objects.get()
        self.assertEqual(services.response_answers(response), {"nps": 9})  # as it reads now
        self.assertEqual(
            response.answer_history,
            [
                GivenAnswers(
                    given_at=SENT,
                    answers={"nps": 3, "fix_first": "The invoices are always late"},
                    score=3,
                    score_type="nps",
                    comment="The invoices are always late",
                )
            ],
        )
        self.assertEqual((response.submitted_at, response.edited_at), (SENT, later))
        self.assertEqual((response.score, response.comment), (9, ""))

    def test_each_change_is_kept_in_turn_with_when_its_answers_were_given(self) -> None:
        first_change, second_change = SENT + timedelta(hours=1), SENT + timedelta(days=1)
        self.send({"page": "1", "nps": "9"}, first_change)
        self.send({"page": "2", "best": "Your support team"}, second_change)
        response = Response.objects.get()
        history = response.answer_history
        self.assertEqual([given.given_at for given in history], [SENT, first_change])
        self.assertEqual(
            [given.answers for given in history],
            [{"nps": 3, "fix_first": "The invoices are always late"}, {"nps": 9}],
        )
        self.assertEqual(response.edited_at, second_change)
        self.assertEqual(
            services.response_answers(response), {"nps": 9, "best": "Your support team"}
        )

    def test_a_page_sent_again_as_it_was_changes_nothing(self) -> None:
        self.send({"page": "1", "nps": "3"}, SENT + timedelta(hours=1))
        self.send(
            {"page": "2", "fix_first": "The invoices are always late"}, SENT + timedelta(hours=2)
        )
        response = Response.objects.get()
        self.assertEqual((response.answer_history, response.edited_at), ([], None))

    def test_an_answer_cleared_on_the_way_back_is_kept_in_the_history(self) -> None:
        later = SENT + timedelta(hours=3)
        self.send({"page": "2", "back": "1", "fix_first": "", "topics": ["price"]}, later)
        response = Response.objects.get()
        self.assertEqual(services.response_answers(response), {"nps": 3, "topics": ["price"]})
        [given] = response.answer_history
        self.assertEqual(given.answers, {"nps": 3, "fix_first": "The invoices are always late"})
        self.assertEqual(response.edited_at, later)

    def test_the_apps_above_are_told_what_it_said_before_and_after_once_it_commits(self) -> None:
        told: list[dict[str, Any]] = []

        def listen(sender: object, **kwargs: Any) -> None:
            told.append(kwargs)

        signals.response_changed.connect(listen)
        self.addCleanup(signals.response_changed.disconnect, listen)
        later = SENT + timedelta(days=2)
        with self.captureOnCommitCallbacks() as pending:
            self.send({"page": "1", "nps": "9"}, later)
        self.assertEqual(told, [])
        for callback in pending:
            callback()
        response = Response.objects.get()
        [change] = told
        self.assertEqual(
            (change["organisation_id"], change["response_id"]), (self.org.pk, response.pk)
        )
        before, after = change["before"], change["after"]
        self.assertEqual((before.score, before.comment), (3, "The invoices are always late"))
        self.assertEqual((after.score, after.comment, after.given_at), (9, "", later))

    def test_a_page_sent_again_as_it_was_tells_nobody(self) -> None:
        told: list[object] = []

        def listen(sender: object, **kwargs: Any) -> None:
            told.append(kwargs)

        signals.response_changed.connect(listen)
        self.addCleanup(signals.response_changed.disconnect, listen)
        with self.captureOnCommitCallbacks(execute=True):
            self.send({"page": "1", "nps": "3"}, SENT + timedelta(hours=1))
        self.assertEqual(told, [])

    def test_a_respondent_changing_their_answers_again_and_again_keeps_the_first_and_latest(
        self,
    ) -> None:
        for number in range(services.EARLIER_ANSWERS_KEPT + 5):
            self.send({"page": "1", "nps": str(7 + number % 2)}, SENT + timedelta(hours=number))
        history = Response.objects.get().answer_history
        self.assertEqual(len(history), services.EARLIER_ANSWERS_KEPT)
        self.assertEqual(history[0].given_at, SENT)  # what they first sent
        self.assertEqual(
            history[-1].given_at, SENT + timedelta(hours=services.EARLIER_ANSWERS_KEPT + 3)
        )

    def test_the_page_says_when_it_changed_and_shows_what_it_said_before(self) -> None:
        self.send({"page": "1", "nps": "9"}, SENT + timedelta(days=2))
        self.client.force_login(self.cx_lead)
        page = self.client.get(
            reverse("feedback:response_detail", args=[Response.objects.get().pk])
        )
        text = " ".join(page.content.decode().split())
        self.assertIn("<dt>Changed</dt><dd>7 Dec 2026 09:30", text)
        self.assertIn('<h2 id="earlier-h">Earlier answers</h2>', text)
        self.assertIn("<h3>As sent 5 Dec 2026 09:30</h3>", text)
        self.assertIn("The invoices are always late", text)


class AnswersNotSentYetTest(SurveyTestCase):
    def test_answers_still_being_given_keep_no_history_and_hidden_follow_ups_go(self) -> None:
        survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        url = reverse("feedback:respond", args=[invitation.token])
        self.client.post(url, {"page": "1", "nps": "3"})
        self.client.post(url, {"page": "2", "back": "1", "fix_first": "Billing"})
        self.client.post(url, {"page": "1", "nps": "9"})
        response = Response.objects.get()
        self.assertIsNone(response.submitted_at)
        self.assertEqual(services.response_answers(response), {"nps": 9})
        self.assertEqual((response.answer_history, response.edited_at), ([], None))
