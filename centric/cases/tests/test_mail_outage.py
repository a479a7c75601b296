"""A case is worked whether or not mail goes: handing over, escalating, opening and closing
the loop succeed while the mail server is down, the people told still find it in the app, and
an email to the customer that never left says so on the case. Mail goes through Django's real
SMTP backend, to a port on loopback where nothing listens, or to a real server there."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from centric.cases import services
from centric.cases.escalation import breaches_escalate
from centric.cases.models import Case, CaseEvent, Escalation, Notification, RootCause
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.core import clock
from centric.customers.models import Customer
from tests.personas import PersonasTestCase
from tests.smtp import LocalSmtpServer

State = Case.State


def _closed_port() -> int:
    """A port on loopback where no mail server listens: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


MAIL_DOWN: dict[str, Any] = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": _closed_port(),
    "EMAIL_USE_TLS": False,
    "EMAIL_TIMEOUT": 2,
}


class MailOutageTests(PersonasTestCase):
    acme: Customer
    case: Case
    url: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        detractor_rule(cls.org.pk)
        responses_route(response_ids=[feedback(customer=cls.acme, contact=cls.contact).pk])
        cls.case = Case.objects.get()
        cls.url = reverse("cases:case_detail", args=[cls.case.pk])

    def resolve(self) -> None:
        services.case_record_cause(
            actor=self.owner,
            case=self.case,
            root_cause=RootCause.objects.get(organisation=self.org, name="Billing error"),
            resolution="We refunded the second charge.",
        )
        services.case_transition(actor=self.owner, case=self.case, state=State.RESOLVED)

    @override_settings(**MAIL_DOWN)
    def test_a_case_is_handed_over_while_the_mail_server_is_down(self) -> None:
        self.login(self.owner)
        with self.assertLogs("centric.cases"), self.captureOnCommitCallbacks(execute=True):
            answer = self.client.post(
                reverse("cases:case_assign", args=[self.case.pk]), {"owner": self.teammate.pk}
            )
        self.assertRedirects(answer, self.url)
        self.assertEqual(Case.objects.get(pk=self.case.pk).owner, self.teammate)
        self.assertTrue(self.case.events.filter(kind=CaseEvent.Kind.ASSIGNED).exists())
        told = Notification.objects.get(recipient=self.teammate)
        self.assertIn("handed you a case", told.message)

    @override_settings(**MAIL_DOWN)
    def test_a_new_case_is_opened_and_a_breach_escalated_while_the_mail_server_is_down(
        self,
    ) -> None:
        with self.assertLogs("centric.cases"), self.captureOnCommitCallbacks(execute=True):
            opened = responses_route(
                response_ids=[feedback(customer=self.acme, contact=self.contact, score=1).pk]
            )
        self.assertEqual(opened, 1)
        late = Case.objects.exclude(pk=self.case.pk).get()
        Case.objects.filter(pk=late.pk).update(
            first_contact_due=clock.now() - dt.timedelta(days=3),
            resolution_due=clock.now() + dt.timedelta(days=3),
        )
        with self.assertLogs("centric.cases"), self.captureOnCommitCallbacks(execute=True):
            self.assertGreaterEqual(breaches_escalate(), 1)
        self.assertTrue(Escalation.objects.filter(case=late, notified_at__isnull=False).exists())
        self.assertTrue(
            Notification.objects.filter(case=late, message__startswith="SLA breached").exists()
        )

    @override_settings(**MAIL_DOWN)
    def test_a_closing_message_that_cannot_be_sent_is_told_on_the_case(self) -> None:
        self.resolve()
        self.login(self.admin)  # closing for the owner, who is told
        with self.assertLogs("centric.cases"), self.captureOnCommitCallbacks(execute=True):
            answer = self.client.post(
                reverse("cases:case_close", args=[self.case.pk]),
                {"subject": "What we did", "body": "Dear Carla, we refunded you.", "resurvey": ""},
            )
        self.assertRedirects(answer, self.url)
        self.assertEqual(Case.objects.get(pk=self.case.pk).state, State.CLOSED)
        failed = self.case.events.get(kind=CaseEvent.Kind.MAIL_FAILED)
        self.assertEqual(
            failed.data,
            {"to": "carla@acme.example", "subject": "What we did", "error": "Connection refused"},
        )
        self.assertIn("could not be sent (Connection refused)", failed.text)
        page = self.client.get(self.url)
        self.assertContains(page, "Email not sent")
        self.assertContains(page, "The email to carla@acme.example could not be sent")
        told = Notification.objects.filter(recipient=self.owner, case=self.case).latest("pk")
        self.assertEqual(
            told.message, "The email to carla@acme.example could not be sent: Acme: NPS 3"
        )

    @override_settings(**MAIL_DOWN)
    def test_a_re_survey_that_cannot_be_sent_is_told_on_the_case_too(self) -> None:
        self.resolve()
        with self.assertLogs("centric.cases"), self.captureOnCommitCallbacks(execute=True):
            services.case_close_loop_on_channel(
                actor=self.owner, case=self.case, channel="phone", note="Called Carla."
            )
        self.case.refresh_from_db()
        self.assertEqual(self.case.state, State.CLOSED)
        self.assertIsNotNone(self.case.resurvey)
        self.assertTrue(self.case.events.filter(kind=CaseEvent.Kind.MAIL_FAILED).exists())

    def test_with_the_mail_server_up_the_mail_leaves_once_the_change_is_saved(self) -> None:
        self.resolve()
        with LocalSmtpServer() as smtp, override_settings(**smtp.settings()):
            with self.captureOnCommitCallbacks(execute=True) as queued:
                services.case_assign(actor=self.owner, case=self.case, owner=self.teammate)
                self.assertEqual(smtp.messages, [])  # not before the hand-over is saved
            self.assertEqual(len(queued), 1)
            (handed,) = smtp.messages
            self.assertEqual(handed["To"], self.teammate.email)
            self.assertIn(f"/cases/{self.case.pk}/", handed.get_payload())
            with self.captureOnCommitCallbacks(execute=True):
                services.case_close_loop(
                    actor=self.teammate,
                    case=self.case,
                    subject="What we did",
                    body="Dear Carla, we refunded you.",
                    resurvey=False,
                )
            self.assertEqual(smtp.messages[-1]["To"], "carla@acme.example")
        self.assertFalse(self.case.events.filter(kind=CaseEvent.Kind.MAIL_FAILED).exists())
        self.assertEqual(mail.outbox, [])  # all went through the real server
