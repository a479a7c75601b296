"""The SLA as people meet it: the owner hears of their own breach, the inbox keeps overdue cases
apart from those about to breach, and the clocks name the deadline the business hours lead to."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core import mail
from django.template import Context, Template
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from centric.cases import selectors
from centric.cases.escalation import breaches_escalate
from centric.cases.models import Case, Escalation, Priority, Rule
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from tests.personas import PersonasTestCase

MONDAY_9AM = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
FRIDAY_4PM = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)


def at(moment: dt.datetime) -> mock._patch:  # type: ignore[type-arg]
    return mock.patch("centric.core.clock.now", return_value=moment)


class OwnerHearsOfTheBreachTests(PersonasTestCase):
    acme: Customer

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)

    def breach(self, owner_is: str) -> list[list[str]]:
        """Open an urgent case for ``owner_is`` (the team's lead is the owner persona) and let
        its first-contact clock (2 business hours) run out, then four more hours."""
        person = getattr(self, owner_is)
        detractor_rule(
            self.org.pk,
            priority=Priority.URGENT,
            owner_strategy=Rule.OwnerStrategy.PERSON,
            person=person,
        )
        with at(MONDAY_9AM):
            responses_route(response_ids=[feedback(customer=self.acme).pk])
        mail.outbox.clear()
        # the mails leave once each step commits
        with (
            at(MONDAY_9AM + dt.timedelta(hours=2, minutes=1)),
            self.captureOnCommitCallbacks(execute=True),
        ):
            for _ in range(3):  # the periodic task runs again and again
                breaches_escalate()
        with (
            at(MONDAY_9AM + dt.timedelta(hours=6, minutes=1)),
            self.captureOnCommitCallbacks(execute=True),
        ):
            breaches_escalate()
        return [message.to for message in mail.outbox]

    def test_the_owner_hears_of_the_breach_with_the_team_lead(self) -> None:
        self.assertEqual(
            self.breach("teammate"),
            [[self.owner.email], [self.teammate.email], [self.cx_lead.email]],
        )
        first = Escalation.objects.get(level=1)
        self.assertEqual(first.recipient, self.owner, "escalated to the lead")

    def test_an_owner_who_leads_the_team_hears_once(self) -> None:
        self.assertEqual(self.breach("owner"), [[self.owner.email], [self.cx_lead.email]])


class InboxDeadlineTests(PersonasTestCase):
    overdue: Case
    soon: Case
    later: Case
    contacted: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        acme = Customer.objects.get(account=cls.account)
        hour = dt.timedelta(hours=1)

        def case(first_due: dt.timedelta, resolution_due: dt.timedelta, **values: object) -> Case:
            return Case.objects.create(
                organisation=cls.org,
                title="Acme",
                customer=acme,
                owner=cls.owner,
                team=cls.team,
                opened_at=MONDAY_9AM - 10 * hour,
                first_contact_due=MONDAY_9AM + first_due,
                resolution_due=MONDAY_9AM + resolution_due,
                **values,
            )

        cls.overdue = case(-hour, 30 * hour)
        cls.soon = case(2 * hour, 30 * hour)
        cls.later = case(8 * hour, 40 * hour)
        # its first contact was made in time, and its resolution is due within the hour
        cls.contacted = case(-hour, hour / 2, first_contacted_at=MONDAY_9AM - 2 * hour)

    def inbox(self, name: str) -> list[Case]:
        filters = selectors.InboxFilters(inbox=name)
        with at(MONDAY_9AM):
            return list(selectors.inbox(actor=self.owner, filters=filters))

    def test_overdue_cases_have_their_own_inbox_apart_from_those_breaching_soon(self) -> None:
        self.assertEqual(self.inbox("overdue"), [self.overdue])
        self.assertEqual(self.inbox("soon"), [self.contacted, self.soon])
        with at(MONDAY_9AM):
            counts = selectors.inbox_counts(actor=self.owner)
        self.assertEqual((counts["overdue"], counts["soon"], counts["all"]), (1, 2, 4))

    def test_the_inbox_page_has_an_overdue_tab(self) -> None:
        self.login(self.owner)
        with at(MONDAY_9AM):
            page = self.client.get(reverse("cases:inbox"), {"inbox": "overdue"})
        self.assertContains(page, '<a href="?inbox=overdue" aria-current="page">Overdue')
        self.assertEqual(list(page.context["page"].object_list), [self.overdue])


class SlaClockTests(SimpleTestCase):
    def clock(self, due: dt.datetime, done: dt.datetime | None = None) -> str:
        template = Template("{% load cases %}{% sla_clock due done %}")
        with at(FRIDAY_4PM):
            return template.render(Context({"due": due, "done": done}))

    def test_a_running_clock_names_the_deadline_not_a_wall_clock_countdown(self) -> None:
        # two business hours on Friday at 16:00 run to Monday 10:00: 66 hours on the wall clock
        monday_10am = FRIDAY_4PM + dt.timedelta(hours=66)
        shown = self.clock(monday_10am)
        self.assertIn(">Due Mon 30 Nov 10:00</span>", shown)
        self.assertIn('title="Due Mon 30 Nov 2026 10:00 (UTC)"', shown)
        self.assertNotIn("soon", shown)

    def test_near_deadlines_say_today_or_tomorrow_and_the_soon_ones_stand_out(self) -> None:
        self.assertIn('class="sla soon"', self.clock(FRIDAY_4PM + dt.timedelta(minutes=45)))
        self.assertIn(">Due today 16:45<", self.clock(FRIDAY_4PM + dt.timedelta(minutes=45)))
        self.assertIn(">Due tomorrow 09:00<", self.clock(FRIDAY_4PM + dt.timedelta(hours=17)))

    def test_an_overdue_clock_says_since_when_and_a_stopped_one_whether_it_was_met(self) -> None:
        due = FRIDAY_4PM - dt.timedelta(hours=7)
        self.assertIn(">Overdue since today 09:00<", self.clock(due))
        self.assertIn(">Met<", self.clock(due, done=due - dt.timedelta(minutes=1)))
        self.assertIn(">Missed<", self.clock(due, done=due + dt.timedelta(days=3)))

    def test_the_deadline_is_read_in_the_readers_time_zone(self) -> None:
        with timezone.override("Europe/Berlin"):
            shown = self.clock(FRIDAY_4PM + dt.timedelta(hours=66))
        self.assertIn(">Due Mon 30 Nov 11:00<", shown)
        self.assertIn("(Europe/Berlin)", shown)
