"""Outgoing webhooks, delivered to a real HTTP receiver on loopback: signed and timestamped,
retried with backoff, logged, never delivered twice; and the admins' settings pages."""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path
from typing import Any

from celery.exceptions import Retry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from centric.cases import services, webhooks
from centric.cases.models import Case, WebhookDelivery, WebhookEndpoint
from centric.cases.tasks import deliver_webhook
from centric.cases.tests.receiver import Receiver
from centric.core import clock
from centric.core.models import AuditEvent
from centric.customers.models import Customer
from tests.personas import PersonasTestCase

Status = WebhookDelivery.Status


class WebhookTestCase(PersonasTestCase):
    def setUp(self) -> None:
        self.receiver = Receiver()
        self.addCleanup(self.receiver.close)

    def endpoint(self, **values: object) -> WebhookEndpoint:
        values.setdefault("url", self.receiver.url)
        return WebhookEndpoint.objects.create(organisation=self.org, **values)

    def case(self) -> Case:
        now = clock.now()
        return Case.objects.create(
            organisation=self.org,
            title="Acme: NPS 3",
            customer=Customer.objects.get(account=self.account),
            owner=self.owner,
            team=self.team,
            opened_at=now,
            first_contact_due=now + dt.timedelta(hours=8),
            resolution_due=now + dt.timedelta(hours=40),
        )

    def delivery(self, endpoint: WebhookEndpoint, event: str = "case.commented") -> WebhookDelivery:
        """A queued delivery of a real case event, not yet sent."""
        webhooks.publish(case=self.case(), event=event)
        return WebhookDelivery.objects.get(endpoint=endpoint, event=event)


class DeliveryTest(WebhookTestCase):
    def test_a_case_event_reaches_the_receiver_signed_and_labelled(self) -> None:
        endpoint = self.endpoint()
        case = self.case()
        with self.captureOnCommitCallbacks(execute=True):
            services.case_comment(actor=self.owner, case=case, text="Called Carla.")
        [request] = self.receiver.requests
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        self.assertEqual((request.method, request.path), ("POST", "/hooks/centric"))
        self.assertEqual(request.headers["Content-Type"], "application/json")
        self.assertEqual(request.headers["Centric-Event"], "case.commented")
        self.assertEqual(request.headers["Centric-Delivery"], delivery.event_id)
        self.assertTrue(
            webhooks.verify(endpoint.secret, request.headers["Centric-Signature"], request.body)
        )
        body = json.loads(request.body)
        self.assertEqual((body["id"], body["event"]), (delivery.event_id, "case.commented"))
        self.assertEqual(body["case"]["id"], case.pk)
        self.assertEqual(body["case"]["owner"], "owner@northwind.example")
        self.assertEqual(
            (delivery.status, delivery.attempts, delivery.last_status_code),
            (Status.DELIVERED, 1, 200),
        )
        self.assertIsNotNone(delivery.delivered_at)

    def test_a_signature_is_refused_when_stale_tampered_or_under_another_secret(self) -> None:
        endpoint = self.endpoint()
        webhooks.deliver(self.delivery(endpoint).pk)
        [request] = self.receiver.requests
        header = request.headers["Centric-Signature"]
        sent_at = int(header.split(",")[0].removeprefix("t="))
        tolerance = webhooks.TOLERANCE_SECONDS
        self.assertTrue(webhooks.verify(endpoint.secret, header, request.body, now=sent_at + 299))
        self.assertFalse(
            webhooks.verify(endpoint.secret, header, request.body, now=sent_at + tolerance + 1)
        )
        self.assertFalse(webhooks.verify(endpoint.secret, header, request.body + b" "))
        self.assertFalse(webhooks.verify("whsec_other", header, request.body))
        # a replay with a fresh timestamp but the old signature does not verify either
        replayed = f"t={sent_at + 600},{header.split(',')[1]}"
        self.assertFalse(
            webhooks.verify(endpoint.secret, replayed, request.body, now=sent_at + 600)
        )
        for garbage in ("", "t=abc,v1=00", "v1=00", "nonsense"):
            self.assertFalse(webhooks.verify(endpoint.secret, garbage, request.body))

    def test_the_receiver_code_in_the_api_docs_verifies_a_real_delivery(self) -> None:
        endpoint = self.endpoint()
        webhooks.deliver(self.delivery(endpoint).pk)
        [request] = self.receiver.requests
        docs = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text()
        snippet = docs.split("## Webhooks", 1)[1].split("```python", 1)[1].split("```", 1)[0]
        namespace: dict[str, Any] = {}
        exec(snippet, namespace)  # noqa: S102 - our own documentation
        header = request.headers["Centric-Signature"]
        self.assertTrue(namespace["verify"](endpoint.secret, header, request.body))
        self.assertFalse(namespace["verify"](endpoint.secret, header, request.body + b"x"))

    def test_a_failing_receiver_is_tried_again_until_it_answers(self) -> None:
        self.receiver.statuses = [500, 503, 200]
        delivery = self.delivery(self.endpoint())
        self.assertIs(webhooks.deliver(delivery.pk), False)
        delivery.refresh_from_db()
        self.assertEqual(
            (delivery.status, delivery.attempts, delivery.last_status_code, delivery.last_error),
            (Status.PENDING, 1, 500, "HTTP 500"),
        )
        self.assertIs(webhooks.deliver(delivery.pk), False)
        self.assertIs(webhooks.deliver(delivery.pk), True)
        delivery.refresh_from_db()
        self.assertEqual(
            (delivery.status, delivery.attempts, delivery.last_status_code, delivery.last_error),
            (Status.DELIVERED, 3, 200, ""),
        )
        self.assertEqual(len(self.receiver.requests), 3)
        # every attempt is the same event, under the same id
        self.assertEqual(len({r.headers["Centric-Delivery"] for r in self.receiver.requests}), 1)

    def test_the_task_retries_with_exponential_backoff(self) -> None:
        self.assertEqual(
            [webhooks.backoff(n) for n in range(1, 10)],
            [30, 60, 120, 240, 480, 960, 1920, 3600, 3600],
        )
        self.receiver.statuses = [500]
        delivery = self.delivery(self.endpoint())
        for retries, countdown in ((0, 30), (2, 120), (6, 1920)):
            with self.assertRaises(Retry) as caught:
                deliver_webhook.apply(args=(delivery.pk,), retries=retries)
            self.assertEqual(caught.exception.when, countdown)

    def test_a_failed_attempt_schedules_the_next_one_through_the_task(self) -> None:
        self.receiver.statuses = [500]
        endpoint = self.endpoint()
        # eager tasks propagate, so the retry the task schedules surfaces here
        with self.assertRaises(Retry) as caught, self.captureOnCommitCallbacks(execute=True):
            services.case_comment(actor=self.owner, case=self.case(), text="Called Carla.")
        self.assertEqual(caught.exception.when, webhooks.backoff(1))
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        self.assertEqual((delivery.status, delivery.attempts), (Status.PENDING, 1))

    def test_the_last_failed_attempt_marks_the_delivery_failed_and_stops(self) -> None:
        self.receiver.statuses = [500]
        delivery = self.delivery(self.endpoint())
        for _ in range(webhooks.MAX_ATTEMPTS - 1):
            self.assertIs(webhooks.deliver(delivery.pk), False)
        result = deliver_webhook.apply(args=(delivery.pk,), retries=webhooks.MAX_ATTEMPTS - 1)
        self.assertIsNone(result.get())
        delivery.refresh_from_db()
        self.assertEqual(
            (delivery.status, delivery.attempts, delivery.last_status_code),
            (Status.FAILED, webhooks.MAX_ATTEMPTS, 500),
        )
        self.assertIsNone(webhooks.deliver(delivery.pk))
        self.assertEqual(len(self.receiver.requests), webhooks.MAX_ATTEMPTS)

    def test_a_delivered_event_is_not_delivered_again(self) -> None:
        delivery = self.delivery(self.endpoint())
        self.assertIs(webhooks.deliver(delivery.pk), True)
        self.assertIsNone(webhooks.deliver(delivery.pk))
        deliver_webhook.delay(delivery.pk)
        self.assertEqual(len(self.receiver.requests), 1)
        delivery.refresh_from_db()
        self.assertEqual((delivery.status, delivery.attempts), (Status.DELIVERED, 1))

    def test_a_redirect_is_a_failed_attempt_and_is_not_followed(self) -> None:
        self.receiver.statuses = [302]
        delivery = self.delivery(self.endpoint())
        self.assertIs(webhooks.deliver(delivery.pk), False)
        delivery.refresh_from_db()
        self.assertEqual(delivery.last_status_code, 302)
        self.assertIn("redirects are not followed", delivery.last_error)
        self.assertEqual([r.method for r in self.receiver.requests], ["POST"])

    def test_an_unreachable_receiver_is_logged_and_tried_again(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        delivery = self.delivery(self.endpoint(url=f"http://127.0.0.1:{port}/"))
        self.assertIs(webhooks.deliver(delivery.pk), False)
        delivery.refresh_from_db()
        self.assertEqual((delivery.status, delivery.last_status_code), (Status.PENDING, None))
        self.assertIn("refused", delivery.last_error.lower())

    def test_events_go_to_active_endpoints_that_subscribe_to_them(self) -> None:
        every = self.endpoint()
        closing = self.endpoint(events=["case.closed"])
        self.endpoint(active=False)
        WebhookEndpoint.objects.create(organisation=self.other_org, url=self.receiver.url)
        self.assertEqual(webhooks.publish(case=self.case(), event="case.commented"), 1)
        self.assertEqual(
            list(WebhookDelivery.objects.values_list("endpoint", flat=True)), [every.pk]
        )
        self.assertEqual(webhooks.publish(case=self.case(), event="case.closed"), 2)
        self.assertTrue(WebhookDelivery.objects.filter(endpoint=closing).exists())

    def test_an_endpoint_switched_off_meanwhile_receives_nothing_more(self) -> None:
        endpoint = self.endpoint()
        delivery = self.delivery(endpoint)
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
        self.assertIsNone(webhooks.deliver(delivery.pk))
        delivery.refresh_from_db()
        self.assertEqual((delivery.status, delivery.attempts), (Status.FAILED, 0))
        self.assertEqual(self.receiver.requests, [])

    def test_a_failed_delivery_can_be_started_over_once(self) -> None:
        endpoint = self.endpoint()
        delivery = self.delivery(endpoint)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=Status.FAILED, attempts=webhooks.MAX_ATTEMPTS
        )
        delivery.refresh_from_db()
        with self.captureOnCommitCallbacks(execute=True):
            webhooks.delivery_retry(actor=self.admin, delivery=delivery)
        delivery.refresh_from_db()
        self.assertEqual((delivery.status, delivery.attempts), (Status.DELIVERED, 1))
        with self.assertRaises(ValidationError):
            webhooks.delivery_retry(actor=self.admin, delivery=delivery)
        with self.assertRaises(PermissionDenied):
            webhooks.delivery_retry(actor=self.cx_lead, delivery=delivery)


class WebhookPagesTest(WebhookTestCase):
    def test_admins_see_the_endpoints_of_their_organisation(self) -> None:
        self.endpoint(description="Our CRM")
        WebhookEndpoint.objects.create(
            organisation=self.other_org, url="https://elsewhere.example/hook"
        )
        self.login(self.admin)
        response = self.client.get(reverse("cases:webhook_list"))
        self.assertContains(response, "Our CRM")
        self.assertNotContains(response, "elsewhere.example")

    def test_no_one_but_an_admin_may_open_the_pages_or_press_the_buttons(self) -> None:
        endpoint = self.endpoint()
        delivery = self.delivery(endpoint)
        pages = [
            reverse("cases:webhook_list"),
            reverse("cases:webhook_create"),
            reverse("cases:webhook_detail", args=[endpoint.pk]),
            reverse("cases:webhook_edit", args=[endpoint.pk]),
            reverse("cases:webhook_delete", args=[endpoint.pk]),
        ]
        buttons = [
            reverse("cases:webhook_test", args=[endpoint.pk]),
            reverse("cases:webhook_retry", args=[endpoint.pk, delivery.pk]),
            reverse("cases:webhook_delete", args=[endpoint.pk]),
        ]
        for person in (self.cx_lead, self.owner, self.viewer):
            self.login(person)
            for url in pages:
                with self.subTest(person=person.email, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)
            for url in buttons:
                with self.subTest(person=person.email, url=url):
                    self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.stranger)
        for url in pages[2:] + buttons:
            with self.subTest(person="stranger", url=url):
                self.assertEqual(self.client.post(url).status_code, 404)
        self.assertEqual(WebhookEndpoint.objects.count(), 1)
        self.assertEqual(WebhookDelivery.objects.count(), 1)

    def test_an_admin_adds_an_endpoint_and_sees_its_secret(self) -> None:
        self.login(self.admin)
        response = self.client.post(
            reverse("cases:webhook_create"),
            {
                "url": "https://crm.example/hooks",
                "description": "CRM",
                "events": ["case.opened", "case.closed"],
                "active": "on",
            },
        )
        endpoint = WebhookEndpoint.objects.get()
        self.assertRedirects(response, reverse("cases:webhook_detail", args=[endpoint.pk]))
        self.assertEqual(
            (endpoint.organisation, endpoint.events, endpoint.active),
            (self.org, ["case.opened", "case.closed"], True),
        )
        self.assertTrue(endpoint.secret.startswith("whsec_"))
        self.assertContains(self.client.get(response["Location"]), endpoint.secret)
        audit = AuditEvent.objects.get(object_type="webhook endpoint", action="create")
        self.assertEqual(audit.actor, self.admin)
        self.assertNotIn(endpoint.secret, json.dumps(audit.changes))

    def test_an_address_must_be_https(self) -> None:
        self.login(self.admin)
        for url in ("http://crm.example/hooks", "ftp://crm.example/", "not a url"):
            with self.subTest(url=url):
                response = self.client.post(reverse("cases:webhook_create"), {"url": url})
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["form"].errors["url"])
        self.assertFalse(WebhookEndpoint.objects.exists())

    def test_plain_http_is_allowed_only_on_this_machine_outside_production(self) -> None:
        self.login(self.admin)
        url = "http://127.0.0.1:9000/hooks"
        with override_settings(PRODUCTION=True, DEBUG=False):
            self.client.post(reverse("cases:webhook_create"), {"url": url})
        self.assertFalse(WebhookEndpoint.objects.exists())
        with override_settings(PRODUCTION=False):
            self.client.post(reverse("cases:webhook_create"), {"url": url})
        self.assertEqual(WebhookEndpoint.objects.get().url, url)

    def test_an_admin_edits_and_deletes_an_endpoint(self) -> None:
        endpoint = self.endpoint(url="https://crm.example/hooks")
        self.login(self.admin)
        response = self.client.post(
            reverse("cases:webhook_edit", args=[endpoint.pk]),
            {"url": "https://crm.example/v2", "events": ["case.closed"]},
        )
        self.assertRedirects(response, reverse("cases:webhook_detail", args=[endpoint.pk]))
        endpoint.refresh_from_db()
        self.assertEqual(
            (endpoint.url, endpoint.events, endpoint.active),
            ("https://crm.example/v2", ["case.closed"], False),
        )
        delete = reverse("cases:webhook_delete", args=[endpoint.pk])
        self.assertContains(self.client.get(delete), "Delete the webhook endpoint")
        self.assertRedirects(self.client.post(delete), reverse("cases:webhook_list"))
        self.assertFalse(WebhookEndpoint.objects.exists())
        self.assertTrue(
            AuditEvent.objects.filter(object_type="webhook endpoint", action="delete").exists()
        )

    def test_the_test_button_sends_a_signed_ping(self) -> None:
        endpoint = self.endpoint(events=["case.closed"])
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("cases:webhook_test", args=[endpoint.pk]))
        self.assertRedirects(response, reverse("cases:webhook_detail", args=[endpoint.pk]))
        [request] = self.receiver.requests
        self.assertEqual(request.headers["Centric-Event"], "ping")
        self.assertTrue(
            webhooks.verify(endpoint.secret, request.headers["Centric-Signature"], request.body)
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "ping")
        self.assertContains(page, "Delivered")

    def test_the_delivery_log_shows_each_attempt_and_retries_a_failed_one(self) -> None:
        endpoint = self.endpoint(description="<script>alert(1)</script>")
        self.receiver.statuses = [500]
        delivery = self.delivery(endpoint)
        for _ in range(webhooks.MAX_ATTEMPTS):
            webhooks.deliver(delivery.pk)
        self.login(self.admin)
        detail = reverse("cases:webhook_detail", args=[endpoint.pk])
        page = self.client.get(detail)
        self.assertContains(page, "case.commented")
        self.assertContains(page, "HTTP 500")
        self.assertContains(page, "Failed")
        self.assertContains(page, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotContains(page, "<script>alert(1)</script>")
        self.receiver.statuses = [200]
        retry = reverse("cases:webhook_retry", args=[endpoint.pk, delivery.pk])
        with self.captureOnCommitCallbacks(execute=True):
            self.assertRedirects(self.client.post(retry), detail)
        delivery.refresh_from_db()
        self.assertEqual(delivery.status, Status.DELIVERED)
        # a delivered event cannot be retried; the page says so and nothing is sent
        page = self.client.post(retry, follow=True)
        self.assertContains(page, "Only a failed delivery can be retried.")
        self.assertEqual(len(self.receiver.requests), webhooks.MAX_ATTEMPTS + 1)
