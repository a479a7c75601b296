"""Frozen-clock tests: an SLA breach escalates exactly once per level, however often the
periodic task runs, and the chain climbs from the team lead to the CX leads."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core import mail

from centric.cases import services
from centric.cases.escalation import breaches_escalate
from centric.cases.models import Case, CaseEvent, Escalation, Notification, Priority
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from tests.personas import PersonasTestCase

MONDAY_9AM = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def at(moment: dt.datetime) -> mock._patch:  # type: ignore[type-arg]
    return mock.patch("centric.core.clock.now", return_value=moment)


class EscalationTests(PersonasTestCase):
    case: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # urgent: 2 business hours to first contact, 8 to resolution
        detractor_rule(cls.org.pk, priority=Priority.URGENT)
        acme = Customer.objects.get(account=cls.account)
        with at(MONDAY_9AM):
            responses_route(response_ids=[feedback(customer=acme).pk])

    def setUp(self) -> None:
        self.case = Case.objects.get()
        mail.outbox.clear()
        Notification.objects.all().delete()

    def escalate(self, moment: dt.datetime, times: int = 1) -> int:
        # the mails leave once each step commits
        with at(moment), self.captureOnCommitCallbacks(execute=True):
            return sum(breaches_escalate() for _ in range(times))

    def test_nothing_before_the_deadline(self) -> None:
        self.assertEqual(self.case.first_contact_due, MONDAY_9AM + dt.timedelta(hours=2))
        self.assertEqual(self.escalate(MONDAY_9AM + dt.timedelta(hours=1, minutes=59)), 0)
        self.assertEqual(mail.outbox, [])

    def test_a_breach_notifies_the_team_lead_exactly_once(self) -> None:
        taken = self.escalate(MONDAY_9AM + dt.timedelta(hours=2, minutes=1), times=5)
        self.assertEqual(taken, 1)
        escalation = Escalation.objects.get()
        self.assertEqual(
            (escalation.clock, escalation.level, escalation.recipient),
            ("first_contact", 1, self.owner),
        )
        self.assertEqual([m.to for m in mail.outbox], [[self.owner.email]])
        self.assertEqual(Notification.objects.get().recipient, self.owner)
        self.assertEqual(self.case.events.filter(kind=CaseEvent.Kind.ESCALATED).count(), 1)

    def test_a_lasting_breach_climbs_to_the_cx_leads_once(self) -> None:
        self.escalate(MONDAY_9AM + dt.timedelta(hours=2, minutes=1))
        # four more business hours: 15:01 the same day
        self.assertEqual(self.escalate(MONDAY_9AM + dt.timedelta(hours=5, minutes=59)), 0)
        self.assertEqual(self.escalate(MONDAY_9AM + dt.timedelta(hours=6, minutes=1), times=3), 1)
        second = Escalation.objects.get(level=2)
        self.assertEqual(second.recipient, self.cx_lead)
        self.assertEqual([m.to for m in mail.outbox], [[self.owner.email], [self.cx_lead.email]])

    def test_the_resolution_clock_escalates_separately_and_outside_hours_nothing_accrues(
        self,
    ) -> None:
        # due 17:00 Monday; the weekend after does not count, so at Tuesday 9:00 the breach is
        # zero business hours old: level 1 only
        services.case_contact_attempt(
            actor=self.owner, case=self.case, channel="phone", outcome="reached"
        )
        tuesday_9am = MONDAY_9AM + dt.timedelta(days=1)
        self.assertEqual(self.escalate(tuesday_9am, times=2), 1)
        self.assertEqual(
            list(Escalation.objects.values_list("clock", "level")), [("resolution", 1)]
        )
        self.assertEqual(self.escalate(tuesday_9am + dt.timedelta(hours=4), times=2), 1)

    def test_a_contacted_or_resolved_case_does_not_escalate(self) -> None:
        services.case_contact_attempt(
            actor=self.owner, case=self.case, channel="email", outcome="left_message"
        )
        self.assertEqual(self.escalate(MONDAY_9AM + dt.timedelta(hours=3)), 0)
        Case.objects.filter(pk=self.case.pk).update(state=Case.State.RESOLVED)
        self.assertEqual(self.escalate(MONDAY_9AM + dt.timedelta(days=3)), 0)

    def test_a_restarted_worker_that_lost_its_memory_still_notifies_once(self) -> None:
        moment = MONDAY_9AM + dt.timedelta(hours=2, minutes=30)
        self.escalate(moment)
        sent = len(mail.outbox)
        # a second, independent run over the same state (as a restarted worker would make)
        with at(moment), self.captureOnCommitCallbacks(execute=True):
            from centric.cases.tasks import escalate_breaches

            escalate_breaches.delay()
        self.assertEqual(len(mail.outbox), sent)
