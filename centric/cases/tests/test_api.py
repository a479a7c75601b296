"""Cases in the JSON API: the same inboxes, scopes and rules as the pages, with a token or the
browser session."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client

from centric.cases.models import Case, CaseEvent, RootCause, WebhookDelivery, WebhookEndpoint
from centric.cases.tests.helpers import feedback
from centric.core import clock
from centric.core.models import AuditEvent
from centric.customers.models import Customer
from centric.people.models import Team
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

    def test_an_id_larger_than_the_database_takes_is_422_naming_it(self) -> None:
        for name in ("owner_id", "team_id"):
            with self.subTest(name=name):
                response = self.get("/cases", self.owner, **{name: "99999999999999999999"})
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(response.json()["detail"][0]["loc"], ["query", name])
        response = self.get("/cases/99999999999999999999", self.owner)
        self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(response.json()["detail"][0]["loc"], ["path", "case_id"])
        response = self.post(self.case_url("/assign"), self.owner, {"owner_id": 10**20})
        self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(response.json()["detail"][0]["loc"][-1], "owner_id")


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

    def test_the_schema_declares_what_each_case_endpoint_answers(self) -> None:
        self.login(self.viewer)
        paths = self.client.get("/api/openapi.json").json()["paths"]
        case_writes = [
            ("/api/cases/{case_id}/assign", "post", "200"),
            ("/api/cases/{case_id}/transition", "post", "200"),
            ("/api/cases/{case_id}/cause", "post", "200"),
            ("/api/cases/{case_id}/comments", "post", "201"),
            ("/api/cases/{case_id}/contact-attempts", "post", "201"),
            ("/api/cases/{case_id}/close-loop", "post", "200"),
        ]
        expected = {
            **{
                (path, method): {ok, "401", "403", "404", "422"} for path, method, ok in case_writes
            },
            ("/api/cases", "post"): {"201", "401", "403", "422"},
            ("/api/cases", "get"): {"200", "401", "422"},
            ("/api/cases/{case_id}", "get"): {"200", "401", "404", "422"},
            ("/api/cases/{case_id}/watch", "post"): {"200", "401", "404", "422"},
            ("/api/cases/{case_id}/watch", "delete"): {"200", "401", "404", "422"},
            ("/api/cases/root-causes", "get"): {"200", "401", "422"},
            ("/api/cases/rules", "get"): {"200", "401", "422"},
            ("/api/cases/rules/{rule_id}", "get"): {"200", "401", "404", "422"},
        }
        for (path, method), codes in expected.items():
            with self.subTest(path=path, method=method):
                operation = paths[path][method]
                self.assertEqual(set(operation["responses"]), codes)
                self.assertEqual(operation["tags"], ["cases"])
        for path in ("/api/cases", "/api/cases/{case_id}/comments"):
            with self.subTest(path=path):
                parameters = paths[path]["post"]["parameters"]
                self.assertIn("Idempotency-Key", [parameter["name"] for parameter in parameters])


class CaseOpenApiTest(CaseApiTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.feedback = feedback(customer=Customer.objects.get(account=self.account))
        self.body = {"response_id": self.feedback.pk, "owner_id": self.owner.pk}

    def test_feedback_that_is_unknown_or_out_of_sight_is_422_naming_response_id(self) -> None:
        ops = Team.objects.create(organisation=self.other_org, name="Ops")
        elsewhere = feedback(customer=Customer.objects.get(team=ops))  # an internal customer
        for response_id in (999_999, elsewhere.pk):
            with self.subTest(response_id=response_id):
                response = self.post(
                    "/cases", self.owner, {**self.body, "response_id": response_id}
                )
                self.assert_field_error(response, "response_id", "no feedback you may see")
        self.assertEqual(list(Case.objects.all()), [self.acme_case])

    def test_an_unknown_owner_is_422_naming_owner_id(self) -> None:
        response = self.post("/cases", self.owner, {**self.body, "owner_id": 999_999})
        self.assert_field_error(response, "owner_id", "Choose an active person")


class CaseIdempotencyApiTest(CaseApiTestCase):
    def post_once(self, path: str, user: object, body: object, key: str) -> Any:
        return self.client.post(
            f"/api{path}",
            json.dumps(body),
            content_type="application/json",
            headers={**self.as_(user), "Idempotency-Key": key},
        )

    def test_a_retried_comment_with_the_same_key_is_added_once(self) -> None:
        first = self.post_once(self.case_url("/comments"), self.owner, {"text": "Called."}, "k1")
        retry = self.post_once(self.case_url("/comments"), self.owner, {"text": "Called."}, "k1")
        self.assertEqual(first.status_code, 201, first.content)
        self.assertEqual((retry.status_code, retry.json()), (201, first.json()))
        self.assertEqual(self.acme_case.events.filter(kind="comment").count(), 1)
        other = self.post_once(self.case_url("/comments"), self.owner, {"text": "Called."}, "k2")
        self.assertEqual(other.status_code, 201)
        self.assertEqual(self.acme_case.events.filter(kind="comment").count(), 2)

    def test_a_retried_opening_with_the_same_key_opens_one_case(self) -> None:
        response = feedback(customer=Customer.objects.get(account=self.account))
        body = {"response_id": response.pk, "owner_id": self.owner.pk}
        first = self.post_once("/cases", self.owner, body, "open-1")
        retry = self.post_once("/cases", self.owner, body, "open-1")
        self.assertEqual(first.status_code, 201, first.content)
        self.assertEqual((retry.status_code, retry.json()), (201, first.json()))
        self.assertEqual(Case.objects.filter(response=response).count(), 1)

    def test_the_key_with_another_request_or_another_person_is_refused(self) -> None:
        self.post_once(self.case_url("/comments"), self.owner, {"text": "Called."}, "k1")
        for path, user, body in (
            (self.case_url("/comments"), self.owner, {"text": "Something else."}),
            (self.case_url("/comments"), self.teammate, {"text": "Called."}),
            ("/cases", self.owner, {"response_id": 1, "owner_id": self.owner.pk}),
        ):
            with self.subTest(path=path, user=user.email):
                refused = self.post_once(path, user, body, "k1")
                self.assertEqual(refused.status_code, 422, refused.content)
                [error] = refused.json()["detail"]
                self.assertEqual(error["loc"], ["header", "Idempotency-Key"])
                self.assertIn("already used for a different request", error["msg"])
        self.assertEqual(self.acme_case.events.filter(kind="comment").count(), 1)

    def test_a_refused_request_leaves_its_key_unused(self) -> None:
        refused = self.post_once(self.case_url("/comments"), self.owner, {"text": " "}, "k1")
        self.assertEqual(refused.status_code, 422)
        forbidden = self.post_once(self.case_url("/comments"), self.viewer, {"text": "Hi"}, "k1")
        self.assertEqual(forbidden.status_code, 403)
        accepted = self.post_once(self.case_url("/comments"), self.owner, {"text": "Hi"}, "k1")
        self.assertEqual(accepted.status_code, 201, accepted.content)

    def test_an_empty_or_overlong_key_is_422(self) -> None:
        for key in (" ", "k" * 201):
            with self.subTest(length=len(key)):
                refused = self.post_once(
                    self.case_url("/comments"), self.owner, {"text": "Hi"}, key
                )
                self.assertEqual(refused.status_code, 422)
                self.assertEqual(refused.json()["detail"][0]["loc"], ["header", "Idempotency-Key"])
        self.assertFalse(self.acme_case.events.exists())
