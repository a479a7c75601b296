"""Frozen-clock tests: an SLA breach escalates exactly once per level, however often the
periodic task runs, and the chain climbs from the team lead to the CX leads."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core import mail

from centric.cases import services
from centric.cases.escalation import breaches_escalate
from centric.cases.models import Case, CaseEvent, Escalation, Notification, Priority, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from tests.personas import PersonasTestCase

MONDAY_9AM = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def at(moment: dt.datetime) -> mock._patch:  # type: ignore[type-arg]
    return mock.patch("centric.core.clock.now", return_value=moment)


class EscalationTestCase(PersonasTestCase):
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


class EscalationTests(EscalationTestCase):
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


class LateAndReopenedTests(EscalationTestCase):
    """A breach noticed late climbs one step per run, each after its own wait; a reopened case
    is measured against a fresh resolution clock, not one that ran out while it was resolved."""

    def resolve(self, moment: dt.datetime) -> None:
        with at(moment):
            services.case_contact_attempt(
                actor=self.owner, case=self.case, channel="phone", outcome="reached"
            )
            services.case_record_cause(
                actor=self.owner,
                case=self.case,
                root_cause=RootCause.objects.get(organisation=self.org, name="Billing error"),
                resolution="We refunded the second charge.",
            )
            services.case_transition(actor=self.owner, case=self.case, state=Case.State.RESOLVED)

    def reopen(self, moment: dt.datetime) -> None:
        with at(moment):
            services.case_transition(actor=self.owner, case=self.case, state=Case.State.IN_PROGRESS)
        self.case.refresh_from_db()

    def test_a_breach_noticed_late_tells_the_team_lead_first_and_the_cx_leads_if_it_lasts(
        self,
    ) -> None:
        # the scheduler was down since Monday: by Thursday 9:00 both clocks ran out long ago
        thursday_9am = MONDAY_9AM + dt.timedelta(days=3)
        self.assertEqual(self.escalate(thursday_9am, times=3), 2)  # level 1 of each clock
        self.assertEqual(
            sorted(Escalation.objects.values_list("clock", "level")),
            [("first_contact", 1), ("resolution", 1)],
        )
        self.assertEqual([m.to for m in mail.outbox], [[self.owner.email]] * 2)
        # the CX leads only once the breach has lasted four business hours after that
        self.assertEqual(self.escalate(thursday_9am + dt.timedelta(hours=3, minutes=59)), 0)
        self.assertEqual(self.escalate(thursday_9am + dt.timedelta(hours=4), times=2), 2)
        self.assertEqual(
            [m.to for m in mail.outbox[2:]], [[self.cx_lead.email], [self.cx_lead.email]]
        )

    def test_a_case_reopened_after_it_was_resolved_in_time_is_not_escalated(self) -> None:
        self.resolve(MONDAY_9AM + dt.timedelta(hours=1))  # well before its deadlines
        thursday_9am = MONDAY_9AM + dt.timedelta(days=3)
        self.reopen(thursday_9am)
        # urgent: 8 business hours from the reopening, in the organisation's business hours
        self.assertEqual(self.case.resolution_due, thursday_9am + dt.timedelta(hours=8))
        self.assertEqual(self.escalate(thursday_9am + dt.timedelta(minutes=1), times=3), 0)
        self.assertEqual(mail.outbox, [])
        self.assertEqual(self.escalate(thursday_9am + dt.timedelta(hours=8, minutes=1)), 1)
        self.assertEqual(
            list(Escalation.objects.values_list("clock", "level", "due")),
            [("resolution", 1, self.case.resolution_due)],
        )

    def test_a_fresh_deadline_climbs_the_chain_again_after_an_old_one_did(self) -> None:
        # first contact made in time; the resolution deadline (17:00) runs out and climbs
        with at(MONDAY_9AM + dt.timedelta(hours=1)):
            services.case_contact_attempt(
                actor=self.owner, case=self.case, channel="phone", outcome="reached"
            )
        self.escalate(MONDAY_9AM + dt.timedelta(hours=8, minutes=1))
        self.escalate(MONDAY_9AM + dt.timedelta(days=1, hours=4, minutes=1))
        self.assertEqual(Escalation.objects.count(), 2)
        self.resolve(MONDAY_9AM + dt.timedelta(days=1, hours=5))
        self.reopen(MONDAY_9AM + dt.timedelta(days=2))  # Wednesday 9:00: due 17:00
        self.assertEqual(self.escalate(MONDAY_9AM + dt.timedelta(days=2, minutes=1)), 0)
        self.assertEqual(self.escalate(MONDAY_9AM + dt.timedelta(days=2, hours=8)), 1)
        self.assertEqual(Escalation.objects.filter(due=self.case.resolution_due).get().level, 1)
