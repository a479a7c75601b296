"""Webhooks in production mode: a real Celery worker posts case events through RabbitMQ to a
receiver on loopback, on PostgreSQL, where row locks keep a delivery from going out twice."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import threading

import pytest
from django.db import connection

from centric.cases import services, webhooks
from centric.cases.models import Case, WebhookDelivery, WebhookEndpoint
from centric.cases.tasks import deliver_webhook
from centric.cases.tests.receiver import Receiver
from centric.core import clock
from centric.core.models import Organisation, Role
from tests.factories import UserFactory
from tests.production.test_production_mode import wait_for

DELIVERED = WebhookDelivery.Status.DELIVERED


def open_case(organisation: Organisation) -> Case:
    now = clock.now()
    return Case.objects.create(
        organisation=organisation,
        title="Acme: NPS 2",
        opened_at=now,
        first_contact_due=now + dt.timedelta(hours=8),
        resolution_due=now + dt.timedelta(hours=40),
    )


def test_a_worker_delivers_a_signed_case_event_once(worker: subprocess.Popen[str]) -> None:
    admin = UserFactory.create(role=Role.ADMIN)
    case = open_case(admin.organisation)
    with Receiver() as receiver:
        endpoint = WebhookEndpoint.objects.create(organisation=admin.organisation, url=receiver.url)
        services.case_comment(actor=admin, case=case, text="Called the customer.")
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        wait_for(lambda: WebhookDelivery.objects.get(pk=delivery.pk).status == DELIVERED)
        deliver_webhook.delay(delivery.pk)  # a copy of the task, as a broker may redeliver
        # the worker takes tasks in order, so once this ping is delivered the copy has run
        ping = webhooks.endpoint_ping(actor=admin, endpoint=endpoint)
        wait_for(lambda: WebhookDelivery.objects.get(pk=ping.pk).status == DELIVERED)
    first, second = receiver.requests
    assert (first.headers["Centric-Event"], second.headers["Centric-Event"]) == (
        "case.commented",
        "ping",
    )
    assert webhooks.verify(endpoint.secret, first.headers["Centric-Signature"], first.body)
    assert json.loads(first.body)["case"]["id"] == case.pk
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code) == (1, 200)


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_post_a_delivery_once() -> None:
    admin = UserFactory.create(role=Role.ADMIN)
    with Receiver(delay=1.0) as receiver:
        endpoint = WebhookEndpoint.objects.create(organisation=admin.organisation, url=receiver.url)
        # queued without a task: the two threads below are the workers
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event=webhooks.PING,
            event_id="evt_race",
            payload={"event": webhooks.PING},
            created_at=clock.now(),
        )
        results: list[bool | None] = []

        def work() -> None:
            try:
                results.append(webhooks.deliver(delivery.pk))
            finally:
                connection.close()

        threads = [threading.Thread(target=work) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert sorted(map(str, results)) == ["None", "True"]
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 1
