"""A customer who changes the answers a case was opened on: the case's timeline says what they
changed, and keeps the complaint the new answers no longer hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

from django.urls import reverse

from centric.cases.models import Case, CaseEvent
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule
from centric.feedback import services
from centric.feedback.models import Response
from centric.feedback.tests.test_surveys import SurveyTestCase
from centric.insights.services import responses_analyse

SENT = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)


class ChangedAnswersOnTheCaseTest(SurveyTestCase):
    def setUp(self) -> None:
        survey = self.open_survey(self.make_survey())
        (invitation,), _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, contacts=[self.contact]
        )
        self.url = reverse("feedback:respond", args=[invitation.token])
        self.send({"page": "1", "nps": "3"}, SENT)
        self.send({"page": "2", "fix_first": "The invoices are always late"}, SENT)
        response = Response.objects.get()
        detractor_rule(self.org.pk)
        responses_analyse(response_ids=[response.pk])
        responses_route(response_ids=[response.pk])
        self.case = Case.objects.get(response=response)

    def send(self, data: dict[str, Any], at: datetime) -> None:
        with mock.patch("centric.core.clock.now", return_value=at):
            self.client.post(self.url, data)

    def changed(self, data: dict[str, Any], at: datetime) -> list[CaseEvent]:
        with self.captureOnCommitCallbacks(execute=True):
            self.send(data, at)
        return list(self.case.events.filter(kind=CaseEvent.Kind.ANSWERS))

    def test_the_timeline_says_the_score_changed_and_keeps_the_complaint(self) -> None:
        later = SENT + timedelta(days=2)
        [event] = self.changed({"page": "1", "nps": "9"}, later)
        self.assertEqual(event.at, later)
        self.assertIsNone(event.actor)
        self.assertEqual(
            event.text,
            "NPS (0–10) 3 → 9\nTheir earlier comment: “The invoices are always late”",
        )
        self.assertEqual(event.data["score"], [3, 9])

        self.client.force_login(self.cx_lead)
        page = self.client.get(reverse("cases:case_detail", args=[self.case.pk]))
        self.assertContains(page, "Customer changed their answers")
        self.assertContains(page, "NPS (0–10) 3 → 9")
        self.assertContains(page, "Their earlier comment: “The invoices are always late”")

    def test_a_page_sent_again_unchanged_adds_nothing_to_the_timeline(self) -> None:
        self.assertEqual(self.changed({"page": "1", "nps": "3"}, SENT + timedelta(hours=1)), [])

    def test_a_changed_comment_alone_is_said_in_full(self) -> None:
        [event] = self.changed(
            {"page": "2", "fix_first": "Invoices late, and the portal too"}, SENT + timedelta(1)
        )
        self.assertEqual(
            event.text,
            "Their earlier comment: “The invoices are always late”\n"
            "Their comment now: “Invoices late, and the portal too”",
        )
