"""The mail to the people who work cases tells them what is asked and by when: the customer, the
priority, the deadlines on the reader's clock, what the customer said and what to do, in plain
words. Several cases opened for one person at once come as one mail; a name with a line break
in it, or a message that cannot be made, never stops the others. Mail goes through Django's real
SMTP backend to a server on loopback."""

from __future__ import annotations

import datetime as dt
from email.header import decode_header, make_header
from email.message import Message
from unittest import mock

from django.test import override_settings

from centric.cases import services
from centric.cases.escalation import breaches_escalate
from centric.cases.models import Case, CaseEvent, Notification, Priority, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from centric.people.models import User
from tests.factories import AccountFactory
from tests.personas import PersonasTestCase
from tests.smtp import LocalSmtpServer, message_part

MONDAY_9AM = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
SAID = "The invoice was wrong again and nobody called me back."


def at(moment: dt.datetime) -> mock._patch:  # type: ignore[type-arg]
    return mock.patch("centric.core.clock.now", return_value=moment)


def text(message: Message) -> str:
    return message_part(message, "text/plain")


def subject(message: Message) -> str:
    """The subject as its reader sees it, decoded from its encoded words."""
    return str(make_header(decode_header(message["Subject"])))


class OwnerMailTestCase(PersonasTestCase):
    acme: Customer

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        # urgent: 2 business hours to first contact, 8 to resolution (9 to 5, UTC)
        detractor_rule(cls.org.pk, priority=Priority.URGENT)
        User.objects.filter(pk__in=[cls.owner.pk, cls.teammate.pk, cls.cx_lead.pk]).update(
            time_zone="Europe/Berlin"
        )

    def setUp(self) -> None:
        self.smtp = LocalSmtpServer().__enter__()
        self.addCleanup(self.smtp.__exit__, None, None, None)
        mail_settings = override_settings(**self.smtp.settings())
        mail_settings.enable()
        self.addCleanup(mail_settings.disable)

    def route(self, *customers: Customer, moment: dt.datetime = MONDAY_9AM) -> list[Case]:
        """Feedback of each customer, routed together, as a batch is; the mails leave as the
        cases are saved."""
        with at(moment), self.captureOnCommitCallbacks(execute=True):
            ids = [
                feedback(customer=customer, contact=self.contact, comment=SAID).pk
                for customer in customers
            ]
            responses_route(response_ids=ids)
        return list(Case.objects.filter(response_id__in=ids).order_by("pk"))

    def mails_to(self, user: User) -> list[Message]:
        return [message for message in self.smtp.messages if message["To"] == user.email]


class CaseMailTests(OwnerMailTestCase):
    def test_a_new_case_s_mail_says_what_is_asked_and_by_when_on_the_owner_s_clock(
        self,
    ) -> None:
        (case,) = self.route(self.acme)
        (message,) = self.mails_to(self.owner)
        self.assertEqual(subject(message), "New case for you: Acme: NPS 3")
        body = text(message)
        for line in (
            "Customer: Acme — Carla",
            "Priority: Urgent",
            f"Owner: {self.owner}",
            # 11:00 and 17:00 UTC are 12:00 and 18:00 in Berlin
            "First contact: due Mon 23 Nov 2026, 12:00",
            "Resolution: due Mon 23 Nov 2026, 18:00",
            "(Times in Europe/Berlin.)",
            f"What they said: “{SAID}”",
            "What to do: Reach the customer by Mon 23 Nov 2026, 12:00: call or write, and "
            "record the attempt on the case.",
            f"Open the case: http://testserver/cases/{case.pk}/",
        ):
            self.assertIn(line, body)

    def test_the_person_handed_a_case_is_told_what_to_do_next(self) -> None:
        (case,) = self.route(self.acme)
        with at(MONDAY_9AM + dt.timedelta(hours=1)):
            services.case_contact_attempt(
                actor=self.owner, case=case, channel="phone", outcome="reached"
            )
            with self.captureOnCommitCallbacks(execute=True):
                services.case_assign(actor=self.owner, case=case, owner=self.teammate)
        (message,) = self.mails_to(self.teammate)
        self.assertEqual(subject(message), f"{self.owner} handed you a case: Acme: NPS 3")
        body = text(message)
        self.assertIn("First contact: made Mon 23 Nov 2026, 11:00", body)
        self.assertIn(
            "What to do: Put it right by Mon 23 Nov 2026, 18:00: record the root cause and what "
            "was done, resolve the case, then close the loop with the customer.",
            body,
        )

    def test_a_breach_is_told_in_plain_words_and_the_cx_leads_are_asked_to_see_to_it(
        self,
    ) -> None:
        (case,) = self.route(self.acme)
        self.smtp.messages.clear()  # the new case's mail
        for moment in (
            MONDAY_9AM + dt.timedelta(hours=2, minutes=1),
            MONDAY_9AM.replace(hour=15, minute=1),
        ):
            with at(moment), self.captureOnCommitCallbacks(execute=True):
                breaches_escalate()
        (lead_told,) = self.mails_to(self.owner)
        self.assertEqual(
            subject(lead_told), "SLA breached – first-contact deadline passed: Acme: NPS 3"
        )
        self.assertIn(
            "What to do: Reach the customer now: the first-contact deadline (Mon 23 Nov 2026, "
            "12:00) has passed.",
            text(lead_told),
        )
        (cx_told,) = self.mails_to(self.cx_lead)
        self.assertEqual(
            subject(cx_told),
            "SLA breached – still no first contact 4 working hours after the first alert: "
            "Acme: NPS 3",
        )
        body = text(cx_told)
        self.assertIn("First contact: was due Mon 23 Nov 2026, 12:00, and that has passed", body)
        self.assertIn(f"What to do: It is {self.owner}’s case. See that it moves", body)
        for jargon in ("level", "(resolution)", "(first contact)"):
            self.assertNotIn(jargon, f"{cx_told['Subject']}\n{body}")
        self.assertEqual(case.events.filter(kind=CaseEvent.Kind.ESCALATED).count(), 2)

    def test_several_cases_opened_for_one_person_at_once_come_in_one_mail(self) -> None:
        other = Customer.objects.get(
            account=AccountFactory.create(
                organisation=self.org, name="Globex", owner=self.teammate, team=self.team
            )
        )
        cases = self.route(self.acme, self.acme, other, self.acme)
        self.assertEqual(Notification.objects.filter(recipient=self.owner).count(), 3)
        (digest,) = self.mails_to(self.owner)
        self.assertEqual(subject(digest), "3 new cases for you")
        body = text(digest)
        for case in cases:
            if case.owner == self.owner:
                self.assertIn(f"http://testserver/cases/{case.pk}/", body)
        self.assertEqual(body.count("1. Acme: NPS 3"), 1)
        self.assertIn("3. Acme: NPS 3", body)
        self.assertIn(
            "Urgent priority. First contact due Mon 23 Nov 2026, 12:00; resolution due Mon 23 "
            "Nov 2026, 18:00.",
            body,
        )
        self.assertIn("Times are in Europe/Berlin.", body)
        # one case for the teammate: the mail of one case
        (single,) = self.mails_to(self.teammate)
        self.assertEqual(subject(single), "New case for you: Globex: NPS 3")


class UnsendableMailTests(OwnerMailTestCase):
    def test_a_name_with_a_line_break_makes_a_one_line_subject(self) -> None:
        self.account.name = "Evil\nCorp"
        self.account.save()
        (case,) = self.route(self.acme)
        self.assertEqual(case.title, "Evil Corp: NPS 3")
        (message,) = self.mails_to(self.owner)
        self.assertEqual(subject(message), "New case for you: Evil Corp: NPS 3")

    def test_one_message_that_cannot_be_made_does_not_stop_the_others(self) -> None:
        case = self.route(self.acme)[0]
        self.smtp.messages.clear()
        # a title and an address stored before names were kept on one line
        Case.objects.filter(pk=case.pk).update(title="Evil\nCorp: NPS 2")
        User.objects.filter(pk=self.teammate.pk).update(
            email="teammate@northwind.example\nBcc: all@elsewhere.example"
        )
        self.teammate.refresh_from_db()
        told = services.notify_many(
            [
                (self.owner, case, "New case for you: Evil\nCorp: NPS 2", True),
                (self.teammate, case, "A case for you", True),
                (self.cx_lead, None, "A survey closed", True),
            ]
        )
        with self.assertLogs("centric.cases", "ERROR") as logged:
            unsent, reason = services.notifications_mail(
                notification_ids=[note.pk for note in told]
            )
        self.assertEqual((unsent, reason), ([], ""))  # the bad one is never tried again
        self.assertIn(f"Notification mail [{told[1].pk}] not sent", logged.output[0])
        self.assertEqual(
            [(m["To"], subject(m)) for m in self.smtp.messages],
            [
                (self.owner.email, "New case for you: Evil Corp: NPS 2"),
                (self.cx_lead.email, "A survey closed"),
            ],
        )

    def test_a_customer_mail_that_cannot_be_made_is_told_on_the_case_at_once(self) -> None:
        (case,) = self.route(self.acme)
        with at(MONDAY_9AM + dt.timedelta(hours=1)):
            services.case_record_cause(
                actor=self.owner,
                case=case,
                root_cause=RootCause.objects.get(organisation=self.org, name="Billing error"),
                resolution="We refunded the second charge.",
            )
            services.case_transition(actor=self.owner, case=case, state=Case.State.RESOLVED)
        type(self.contact).objects.filter(pk=self.contact.pk).update(
            email="carla@acme.example\nBcc: all@elsewhere.example"
        )
        case.refresh_from_db()
        with (
            self.assertLogs("centric.cases.tasks", "ERROR"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            services.case_close_loop(
                actor=self.owner, case=case, subject="What we did", body="Done.", resurvey=False
            )
        failed = case.events.get(kind=CaseEvent.Kind.MAIL_FAILED)
        self.assertIn("could not be sent (the message could not be made", failed.text)
        self.assertEqual(Case.objects.get(pk=case.pk).state, Case.State.CLOSED)
        self.assertFalse([m for m in self.smtp.messages if "carla" in m["To"]])
