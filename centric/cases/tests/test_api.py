"""Cases in the JSON API: the same inboxes, scopes and rules as the pages, with a token or the
browser session."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client

from centric.cases.models import Case, CaseEvent, RootCause, WebhookDelivery, WebhookEndpoint
from centric.core import clock
from centric.core.models import AuditEvent
from centric.customers.models import Customer
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase


class CaseApiTestCase(PersonasTestCase):
    def setUp(self) -> None:
        self.acme_case = self.open_case(title="Acme: NPS 3")

    def open_case(self, **values: Any) -> Case:
        now = clock.now()
        values = {
            "customer": Customer.objects.get(account=self.account),
            "owner": self.owner,
            "team": self.team,
            **values,
        }
        return Case.objects.create(
            organisation=values.pop("organisation", self.org),
            opened_at=now,
            first_contact_due=now + dt.timedelta(hours=8),
            resolution_due=values.pop("resolution_due", now + dt.timedelta(hours=40)),
            **values,
        )

    def as_(self, user: object) -> dict[str, str]:
        _, secret = api_token_create(user=user, name="test")  # type: ignore[arg-type]
        return {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, user: object, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, headers=self.as_(user))

    def post(self, path: str, user: object, body: object) -> Any:
        return self.client.post(
            f"/api{path}", json.dumps(body), content_type="application/json", headers=self.as_(user)
        )

    def case_url(self, action: str = "") -> str:
        return f"/cases/{self.acme_case.pk}{action}"

    def assert_field_error(self, response: Any, field: str, message: str) -> None:
        self.assertEqual(response.status_code, 422, response.content)
        [error] = response.json()["detail"]
        self.assertEqual(error["loc"], ["body", field])
        self.assertIn(message, error["msg"])


class CaseListApiTest(CaseApiTestCase):
    def test_lists_are_scoped_like_the_inbox(self) -> None:
        for person in (self.owner, self.teammate, self.viewer, self.cx_lead, self.admin):
            with self.subTest(person=person.email):
                body = self.get("/cases", person).json()
                self.assertEqual(body["count"], 1)
                self.assertEqual(body["items"][0]["id"], self.acme_case.pk)
        self.assertEqual(self.get("/cases", self.outsider).json(), {"items": [], "count": 0})
        self.open_case(organisation=self.other_org, customer=None, owner=None, team=None)
        self.assertEqual(self.get("/cases", self.stranger).json()["count"], 1)
        self.assertEqual(self.get("/cases", self.admin).json()["count"], 1)

    def test_the_inboxes_and_filters_narrow_the_list(self) -> None:
        urgent = self.open_case(title="Urgent", owner=None, priority="urgent")
        closed = self.open_case(title="Done", state=Case.State.CLOSED)

        def ids(**params: Any) -> list[int]:
            return [
                item["id"] for item in self.get("/cases", self.teammate, **params).json()["items"]
            ]

        self.assertCountEqual(ids(), [self.acme_case.pk, urgent.pk])
        self.assertEqual(ids(inbox="unassigned"), [urgent.pk])
        self.assertEqual(ids(inbox="closed"), [closed.pk])
        self.assertEqual(ids(inbox="mine"), [])
        late = self.open_case(title="Late", resolution_due=clock.now() - dt.timedelta(hours=1))
        self.assertEqual(ids(inbox="overdue"), [late.pk])
        late.delete()
        self.assertEqual(ids(priority="urgent"), [urgent.pk])
        self.assertEqual(ids(owner_id=self.owner.pk), [self.acme_case.pk])
        self.assertCountEqual(ids(team_id=self.team.pk), [self.acme_case.pk, urgent.pk])
        self.assertEqual(ids(team_id=self.finance.pk), [])
        self.assertEqual(ids(state="new", q="urgent"), [urgent.pk])

    def test_the_list_is_paginated(self) -> None:
        self.open_case(title="Second")
        body = self.get("/cases", self.owner, inbox="mine", limit=1, offset=1).json()
        self.assertEqual((body["count"], len(body["items"])), (2, 1))

    def test_an_unknown_inbox_or_state_is_422(self) -> None:
        self.assertEqual(self.get("/cases", self.owner, inbox="everything").status_code, 422)
        self.assertEqual(self.get("/cases", self.owner, state="lost").status_code, 422)


class CaseReadApiTest(CaseApiTestCase):
    def test_a_case_comes_with_its_timeline(self) -> None:
        CaseEvent.objects.create(
            organisation=self.org,
            case=self.acme_case,
            actor=self.owner,
            kind=CaseEvent.Kind.COMMENT,
            text="Called Carla.",
            at=clock.now(),
        )
        response = self.get(self.case_url(), self.viewer)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(
            (body["title"], body["state"], body["owner_id"], body["team_id"]),
            ("Acme: NPS 3", "new", self.owner.pk, self.team.pk),
        )
        self.assertEqual(
            [(e["kind"], e["text"], e["actor_id"]) for e in body["events"]],
            [("comment", "Called Carla.", self.owner.pk)],
        )

    def test_a_case_out_of_sight_is_404(self) -> None:
        for person in (self.outsider, self.stranger):
            with self.subTest(person=person.email):
                self.assertEqual(self.get(self.case_url(), person).status_code, 404)
        self.assertEqual(self.get("/cases/999999", self.admin).status_code, 404)


class CaseWriteApiTest(CaseApiTestCase):
    def test_a_teammate_hands_the_case_over(self) -> None:
        response = self.post(
            self.case_url("/assign"), self.teammate, {"owner_id": self.teammate.pk}
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["owner_id"], self.teammate.pk)
        self.acme_case.refresh_from_db()
        self.assertEqual(self.acme_case.owner, self.teammate)
        self.assertTrue(self.acme_case.events.filter(kind="assigned", actor=self.teammate).exists())
        self.assertTrue(
            AuditEvent.objects.filter(
                object_type="case", action="update", actor=self.teammate
            ).exists()
        )

    def test_an_owner_must_be_an_active_person_of_the_organisation_and_not_a_viewer(self) -> None:
        for owner_id, message in (
            (self.stranger.pk, "Choose an active person of your organisation."),
            (999999, "Choose an active person of your organisation."),
            (self.viewer.pk, "A viewer cannot own a case."),
        ):
            with self.subTest(owner_id=owner_id):
                response = self.post(self.case_url("/assign"), self.owner, {"owner_id": owner_id})
                self.assert_field_error(response, "owner_id", message)
        self.acme_case.refresh_from_db()
        self.assertEqual(self.acme_case.owner, self.owner)

    def test_the_owner_moves_the_case_through_its_states(self) -> None:
        response = self.post(
            self.case_url("/transition"), self.owner, {"state": "in_progress", "note": "On it."}
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["state"], "in_progress")
        event = self.acme_case.events.get(kind="state")
        self.assertEqual((event.text, event.data["to"]), ("On it.", "in_progress"))

    def test_a_transition_the_case_cannot_make_is_422_naming_the_state(self) -> None:
        response = self.post(self.case_url("/transition"), self.owner, {"state": "closed"})
        self.assert_field_error(response, "state", "cannot move to closed")
        response = self.post(self.case_url("/transition"), self.owner, {"state": "resolved"})
        self.assert_field_error(response, "state", "Record the root cause")
        self.acme_case.root_cause = RootCause.objects.filter(organisation=self.org).first()
        self.acme_case.resolution = "Refunded."
        self.acme_case.save()
        response = self.post(self.case_url("/transition"), self.owner, {"state": "resolved"})
        self.assertEqual(response.json()["state"], "resolved")
        self.assertEqual(
            self.post(self.case_url("/transition"), self.owner, {"state": "lost"}).status_code, 422
        )

    def test_a_comment_lands_on_the_timeline(self) -> None:
        response = self.post(
            self.case_url("/comments"), self.teammate, {"text": "  Called Carla. "}
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["kind"], body["text"]), ("comment", "Called Carla."))
        self.assertTrue(self.acme_case.events.filter(pk=body["id"]).exists())
        self.assert_field_error(
            self.post(self.case_url("/comments"), self.teammate, {"text": "  "}),
            "text",
            "Write something",
        )

    def test_a_contact_attempt_that_reaches_the_customer_stops_the_first_contact_clock(
        self,
    ) -> None:
        response = self.post(
            self.case_url("/contact-attempts"),
            self.owner,
            {"channel": "phone", "outcome": "reached", "note": "Apologised."},
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["data"], {"channel": "phone", "outcome": "reached"})
        self.acme_case.refresh_from_db()
        self.assertEqual(self.acme_case.state, Case.State.CONTACTED)
        self.assertIsNotNone(self.acme_case.first_contacted_at)
        response = self.post(
            self.case_url("/contact-attempts"), self.owner, {"channel": "fax", "outcome": "reached"}
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"][-1], "channel")

    def test_a_viewer_cannot_act_and_an_outsider_or_stranger_cannot_find_the_case(self) -> None:
        actions = [
            ("/assign", {"owner_id": self.teammate.pk}),
            ("/transition", {"state": "in_progress"}),
            ("/comments", {"text": "Hello"}),
            ("/contact-attempts", {"channel": "email", "outcome": "reached"}),
        ]
        for action, body in actions:
            with self.subTest(action=action):
                self.assertEqual(
                    self.post(self.case_url(action), self.viewer, body).status_code, 403
                )
                self.assertEqual(
                    self.post(self.case_url(action), self.outsider, body).status_code, 404
                )
                self.assertEqual(
                    self.post(self.case_url(action), self.stranger, body).status_code, 404
                )
        self.acme_case.refresh_from_db()
        self.assertEqual((self.acme_case.owner, self.acme_case.state), (self.owner, "new"))
        self.assertFalse(self.acme_case.events.exists())

    def test_a_change_through_the_api_is_announced_to_the_webhooks(self) -> None:
        WebhookEndpoint.objects.create(organisation=self.org, url="https://crm.example/hooks")
        self.post(self.case_url("/assign"), self.owner, {"owner_id": self.teammate.pk})
        self.assertEqual(
            list(WebhookDelivery.objects.values_list("event", flat=True)), ["case.assigned"]
        )


class CaseApiAuthenticationTest(CaseApiTestCase):
    def test_a_request_without_credentials_is_401(self) -> None:
        self.assertEqual(self.client.get("/api/cases").status_code, 401)
        response = self.client.post(
            f"/api{self.case_url('/comments')}", {"text": "x"}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 401)

    def test_the_browser_session_works_and_writes_need_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.owner)
        self.assertEqual(client.get("/api/cases").json()["count"], 1)
        url, body = f"/api{self.case_url('/comments')}", json.dumps({"text": "From the page"})
        refused = client.post(url, body, content_type="application/json")
        self.assertEqual(refused.status_code, 403)
        self.assertFalse(self.acme_case.events.exists())
        client.get("/")  # any page hands out the CSRF cookie
        token = client.cookies["csrftoken"].value
        accepted = client.post(
            url, body, content_type="application/json", headers={"X-CSRFToken": token}
        )
        self.assertEqual(accepted.status_code, 201, accepted.content)

    def test_the_schema_documents_every_case_endpoint(self) -> None:
        self.login(self.viewer)
        paths = self.client.get("/api/openapi.json").json()["paths"]
        for path, method in (
            ("/api/cases", "get"),
            ("/api/cases/{case_id}", "get"),
            ("/api/cases/{case_id}/assign", "post"),
            ("/api/cases/{case_id}/transition", "post"),
            ("/api/cases/{case_id}/comments", "post"),
            ("/api/cases/{case_id}/contact-attempts", "post"),
        ):
            with self.subTest(path=path):
                operation = paths[path][method]
                self.assertTrue(operation["summary"])
                self.assertEqual(operation["tags"], ["cases"])
        self.assertIn("403", paths["/api/cases/{case_id}/assign"]["post"]["responses"])
