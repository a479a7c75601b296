"""A case is worked whether or not the task queue is up: with the broker out of reach, handing a
case over saves it, the request does not fail, and every step queued after the commit is still
tried (each failure logged), as Django runs them after a real commit. Celery publishes to a real
AMQP address on loopback where nothing listens."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import skipIf

from django.conf import settings

from centric.cases import services
from centric.cases.models import Case, CaseEvent, Notification, WebhookDelivery, WebhookEndpoint
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import detractor_rule, feedback
from centric.customers.models import Customer
from config.celery import app as celery_app
from tests.personas import PersonasTestCase


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def broker_out_of_reach() -> Iterator[None]:
    """Tasks are published (not run in-process) to an AMQP broker on a loopback port where
    nothing listens: publishing fails as it does when RabbitMQ is down."""
    conf = celery_app.conf
    saved = {"task_always_eager": conf.task_always_eager, "broker_url": conf.broker_url}
    conf.update(
        task_always_eager=False, broker_url=f"amqp://guest:guest@127.0.0.1:{_closed_port()}//"
    )
    forget_pools = celery_app._after_fork  # type: ignore[attr-defined]  # as a forked worker does
    forget_pools()  # the connection pools made for the broker before
    try:
        yield
    finally:
        conf.update(saved)
        forget_pools()


@skipIf(
    settings.PRODUCTION,
    "the production suite's own worker and broker pools do not take the unreachable address",
)
class QueueOutageTests(PersonasTestCase):
    case: Case

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        detractor_rule(cls.org.pk)
        acme = Customer.objects.get(account=cls.account)
        responses_route(response_ids=[feedback(customer=acme, contact=cls.contact).pk])
        cls.case = Case.objects.get()

    def test_a_hand_over_stands_and_every_later_step_is_tried_while_the_queue_is_down(
        self,
    ) -> None:
        WebhookEndpoint.objects.create(organisation=self.org, url="https://hooks.example/c")
        with (
            broker_out_of_reach(),
            self.assertLogs("centric.core.background") as logged,
            self.captureOnCommitCallbacks(execute=True) as queued,
        ):
            services.case_assign(actor=self.owner, case=self.case, owner=self.teammate)
        # the mail of the notification, then the webhook's delivery: both tried, both logged
        self.assertEqual(len(queued), 2)
        self.assertEqual(
            [record.getMessage() for record in logged.records],
            [
                "Could not queue centric.cases.tasks.mail_notifications: the task queue is out "
                "of reach",
                "Could not queue centric.cases.tasks.deliver_webhook: the task queue is out of "
                "reach",
            ],
        )
        self.assertEqual(Case.objects.get(pk=self.case.pk).owner, self.teammate)
        self.assertTrue(self.case.events.filter(kind=CaseEvent.Kind.ASSIGNED).exists())
        self.assertTrue(Notification.objects.filter(recipient=self.teammate).exists())
        # the delivery waits, pending, to be retried from its page
        self.assertEqual(WebhookDelivery.objects.get().status, WebhookDelivery.Status.PENDING)

    def test_the_case_page_hands_over_without_an_error_while_the_queue_is_down(self) -> None:
        self.login(self.owner)
        with (
            broker_out_of_reach(),
            self.assertLogs("centric.core.background"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            answer = self.client.post(f"/cases/{self.case.pk}/assign/", {"owner": self.teammate.pk})
        self.assertRedirects(answer, self.case.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(Case.objects.get(pk=self.case.pk).owner, self.teammate)
