"""The ingestion API: batches of feedback checked item by item, stored once per source_ref and
once per Idempotency-Key, with the same roles and scopes as the pages."""

import json
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.db.models import UniqueConstraint
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from centric.core.models import AuditEvent
from centric.customers.models import Contact, Customer
from centric.feedback.ingestion import _check, _store, feedback_ingest
from centric.feedback.models import (
    IdempotentRequest,
    JourneyStage,
    Response,
    Survey,
    Touchpoint,
)
from centric.feedback.services import survey_create_from_template
from centric.people.services import api_token_create
from tests.factories import AccountFactory, ContactFactory
from tests.personas import PersonasTestCase


class IngestionTestCase(PersonasTestCase):
    def setUp(self) -> None:
        self.tokens: dict[int, str] = {}

    def headers(self, user: Any, **extra: str) -> dict[str, str]:
        if user.pk not in self.tokens:
            self.tokens[user.pk] = api_token_create(user=user, name="test")[1]
        return {"Authorization": f"Bearer {self.tokens[user.pk]}", **extra}

    def post(self, user: Any, items: list[Any], query: str = "", key: str | None = None):
        extra = {"Idempotency-Key": key} if key is not None else {}
        return self.client.post(
            f"/api/feedback{query}",
            # as Python's json writes them by default: NaN and Infinity as such, and a lone
            # surrogate as \ud800
            json.dumps({"items": items}),
            content_type="application/json",
            headers=self.headers(user, **extra),
        )

    def get(self, user: Any, path: str, **params: Any):
        return self.client.get(f"/api{path}", params, headers=self.headers(user))

    def item(self, **values: Any) -> dict[str, Any]:
        return {
            "kind": "review",
            "score": 9,
            "score_type": "nps",
            "comment": "Quick delivery.",
            "contact_email": "carla@acme.example",
            **values,
        }


class IngestTest(IngestionTestCase):
    def test_a_member_stores_a_batch_for_a_customer_they_serve(self) -> None:
        customer = Customer.objects.get(account=self.account)
        items = [
            self.item(source_ref="r-1", responded_at="2025-03-01T09:30:00+01:00"),
            self.item(
                kind="ticket",
                score=None,
                score_type=None,
                comment="The invoice is wrong.",
                contact_email=None,
                customer_id=customer.pk,
                stage="delivery",
                language="DE",  # read as a file import reads it
            ),
            self.item(
                kind="survey",
                score=4,
                score_type="csat",
                contact_email=None,
                account_external_id=self.account.external_id,
                attributes={"plan": "pro"},
            ),
        ]
        response = self.post(self.owner, items)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual([created["index"] for created in body["created"]], [0, 1, 2])
        self.assertEqual(body["duplicates"], [])
        self.assertEqual(body["errors"], [])
        review, ticket, survey = (
            Response.objects.get(pk=created["id"]) for created in body["created"]
        )
        self.assertEqual(
            (review.score, review.score_type, review.contact), (9, "nps", self.contact)
        )
        self.assertEqual(review.customer, customer)
        self.assertEqual(review.channel, Response.Channel.API)
        self.assertEqual(str(review.responded_at), "2025-03-01 08:30:00+00:00")
        self.assertEqual((ticket.kind, ticket.score, ticket.language), ("ticket", None, "de"))
        self.assertEqual(
            ticket.stage, JourneyStage.objects.get(organisation=self.org, name="Delivery")
        )
        self.assertEqual(survey.attributes, {"plan": "pro"})
        self.assertEqual(survey.customer, customer)

    def test_every_batch_leaves_one_audit_record(self) -> None:
        self.post(self.teammate, [self.item(source_ref="a"), self.item(source_ref="b")])
        event = AuditEvent.objects.get(action=AuditEvent.Action.IMPORT)
        self.assertEqual(event.actor, self.teammate)
        self.assertEqual(event.changes["responses received through the API"], [None, 2])

    def test_each_invalid_item_is_named_by_index_field_and_reason_and_nothing_is_stored(
        self,
    ) -> None:
        future = (timezone.now() + timedelta(days=2)).isoformat()
        items = [
            self.item(),
            self.item(score=11),
            self.item(score_type="csat", score=0),
            self.item(responded_at=future),
            self.item(kind="tweet"),
            self.item(contact_email="nobody@example.com"),
            self.item(score=None, score_type=None, comment=""),
            self.item(stage="Nowhere", touchpoint="Fax"),
            self.item(responded_at="yesterday"),
            self.item(contact_email=None),
            self.item(colour="blue"),
            "not an object",
        ]
        response = self.post(self.owner, items)
        self.assertEqual(response.status_code, 422)
        body = response.json()
        self.assertIn("11 of 12 items are invalid", body["detail"])
        errors = {(error["index"], error["field"]): error["reason"] for error in body["errors"]}
        self.assertEqual(errors[1, "score"], "must be from 0 to 10 for nps (it is 11)")
        self.assertEqual(errors[2, "score"], "must be from 1 to 5 for csat (it is 0)")
        self.assertEqual(errors[3, "responded_at"], "is in the future")
        self.assertIn("must be one of survey, review, ticket, note", errors[4, "kind"])
        self.assertIn("matches no customer you can see", errors[5, "contact_email"])
        self.assertEqual(errors[6, "comment"], "is required when there is no score")
        self.assertEqual(errors[7, "stage"], "there is no stage “Nowhere”")
        self.assertEqual(errors[7, "touchpoint"], "there is no touchpoint “Fax”")
        self.assertIn("ISO 8601", errors[8, "responded_at"])
        self.assertIn("exactly one of", errors[9, "customer_id"])
        self.assertEqual(errors[10, "colour"], "is not a known field")
        self.assertEqual(errors[11, "item"], "must be a JSON object (it is text)")
        self.assertNotIn(0, {index for index, _ in errors})
        self.assertFalse(Response.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).exists())

    def test_every_error_of_an_item_is_reported_at_once_with_batched_look_ups(self) -> None:
        item = self.item(
            kind="tweet",
            language="English",
            contact_email="nobody@example.com",
            stage="Nowhere",
            touchpoint="Fax",
        )
        response = self.post(self.owner, [self.item(), item])
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            [(error["index"], error["field"]) for error in response.json()["errors"]],
            [(1, "kind"), (1, "language"), (1, "contact_email"), (1, "stage"), (1, "touchpoint")],
        )
        # the look-ups are one query each, however many items there are
        with CaptureQueriesContext(connection) as one:
            feedback_ingest(actor=self.owner, batch={"items": [item]})
        with CaptureQueriesContext(connection) as many:
            feedback_ingest(actor=self.owner, batch={"items": [item] * 20})
        self.assertEqual(len(many), len(one))

    def test_a_score_type_that_is_not_one_is_named_as_the_problem(self) -> None:
        items = [
            self.item(score=None, score_type="tweet"),
            self.item(score_type=["nps"]),
            self.item(score_type=None),
            self.item(score=None, score_type="csat"),
            self.item(score="9"),
            self.item(contact_email="carla@acme.example", account_external_id="A-1"),
            self.item(comment=7, score=None, score_type=None),
        ]
        response = self.post(self.owner, items)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            [
                (error["index"], error["field"], error["reason"])
                for error in response.json()["errors"]
            ],
            [
                (0, "score_type", "must be one of nps, csat, ces, rating"),
                (1, "score_type", "must be one of nps, csat, ces, rating"),
                (2, "score_type", "is required with a score: one of nps, csat, ces, rating"),
                (3, "score", "is required with score_type csat"),
                (4, "score", "must be a whole number (it is text)"),
                (
                    5,
                    "contact_email",
                    "give exactly one of customer_id, contact_email, account_external_id "
                    "(this item gives contact_email and account_external_id)",
                ),
                (6, "comment", "must be text (it is 7)"),
            ],
        )

    def test_text_with_a_nul_character_is_refused_where_it_is(self) -> None:
        # PostgreSQL stores no NUL character in text or JSON: refused by name, not a server error
        items = [
            self.item(comment="Fine\x00print"),
            self.item(source_ref="r-\x00"),
            self.item(attributes={"app": {"versions": ["4.2\x00"]}}),
            self.item(contact_email="carla@acme.example\x00"),
            self.item(**{"colour\x00": "blue"}),
            self.item(comment="Fine\x00print", kind="tweet"),
        ]
        response = self.post(self.owner, items, query="?partial=true", key="nul-1")
        self.assertEqual(response.status_code, 200)
        errors = {
            (error["index"], error["field"]): error["reason"] for error in response.json()["errors"]
        }
        nul = "must not contain a NUL character (\\u0000)"
        self.assertEqual(errors[0, "comment"], nul)
        self.assertEqual(errors[1, "source_ref"], nul)
        self.assertEqual(errors[2, "attributes"], nul)
        self.assertEqual(errors[3, "contact_email"], nul)
        self.assertEqual(errors[4, "colour\ufffd"], "is not a known field")
        self.assertEqual(errors[5, "comment"], nul)
        self.assertIn("must be one of", errors[5, "kind"])
        self.assertFalse(Response.objects.exists())
        # a backslash followed by u0000 is text like any other
        self.assertEqual(self.post(self.owner, [self.item(comment="C:\\u0000")]).status_code, 201)

    def test_a_malformed_batch_is_told_what_is_wrong_and_where(self) -> None:
        item = json.dumps(self.item())
        refusals = {
            "": "The body is empty (or null).",
            "null": "The body is empty (or null).",
            f"[{item}]": "The body is a list, not an object.",
            '"x"': "The body is text, not an object.",
            "{}": "The body has no `items`.",
            '{"item": []}': "The body has no `items`.",
            '{"items": null}': "`items` is null, not a list.",
            '{"items": "x"}': "`items` is text, not a list.",
            f'{{"items": {item}}}': "`items` is an object, not a list.",
            '{"items": []}': "`items` is an empty list.",
            f'{{"items": [{item}], "partial": true}}': "The body holds `partial` beside "
            "`items`: send ?partial=true in the address, and an Idempotency-Key as a header.",
        }
        for body, problem in refusals.items():
            with self.subTest(body=body):
                response = self.client.post(
                    "/api/feedback",
                    body,
                    content_type="application/json",
                    headers=self.headers(self.owner),
                )
                self.assertEqual(response.status_code, 422)
                self.assertEqual(
                    response.json(),
                    {
                        "detail": f"{problem} Send an object whose `items` is a list of 1 to "
                        "500 feedback items.",
                        "errors": [],
                    },
                )
        too_many = self.post(self.owner, [self.item()] * 501).json()
        self.assertEqual(
            too_many["detail"],
            "`items` holds 501 feedback items: send at most 500 in one request.",
        )
        self.assertFalse(Response.objects.exists())

    def test_an_item_that_is_not_an_object_is_refused_alone(self) -> None:
        response = self.post(self.owner, [1, self.item(score=42), [], self.item()])
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            response.json()["errors"],
            [
                {"index": 0, "field": "item", "reason": "must be a JSON object (it is 1)"},
                {"index": 1, "field": "score", "reason": "must be from 0 to 10 for nps (it is 42)"},
                {"index": 2, "field": "item", "reason": "must be a JSON object (it is a list)"},
            ],
        )

    def test_a_body_that_is_not_json_is_refused(self) -> None:
        response = self.client.post(
            "/api/feedback",
            "items=1",
            content_type="application/json",
            headers=self.headers(self.owner),
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"detail": "Cannot parse request body"})

    def test_partial_keeps_the_valid_items_and_reports_the_others(self) -> None:
        response = self.post(
            self.owner, [self.item(), self.item(score=42), self.item()], query="?partial=true"
        )
        self.assertEqual(response.status_code, 201)
        body = response.json()
        self.assertEqual([created["index"] for created in body["created"]], [0, 2])
        self.assertEqual(
            body["errors"],
            [{"index": 1, "field": "score", "reason": "must be from 0 to 10 for nps (it is 42)"}],
        )
        self.assertEqual(Response.objects.count(), 2)

    def test_an_item_whose_source_ref_is_stored_is_a_duplicate_not_an_error(self) -> None:
        self.post(self.owner, [self.item(source_ref="zendesk-1")])
        response = self.post(
            self.owner,
            [
                self.item(source_ref="zendesk-1"),
                self.item(source_ref="zendesk-2"),
                self.item(source_ref="zendesk-2"),
            ],
        )
        self.assertEqual(response.status_code, 201)
        body = response.json()
        self.assertEqual([created["index"] for created in body["created"]], [1])
        self.assertEqual(
            body["duplicates"],
            [{"index": 0, "source_ref": "zendesk-1"}, {"index": 2, "source_ref": "zendesk-2"}],
        )
        self.assertEqual(Response.objects.count(), 2)
        again = self.post(self.owner, [self.item(source_ref="zendesk-1")])
        self.assertEqual(again.status_code, 200)
        self.assertEqual(again.json()["created"], [])

    def test_nan_or_infinity_in_attributes_is_refused_by_index_and_field_not_called_a_duplicate(
        self,
    ) -> None:
        sibling = self.item(kind="note", score=None, score_type=None, comment="ok sibling")
        with_nan = self.item(source_ref="aud-nan-2", attributes={"v": float("nan")})

        response = self.post(self.owner, [sibling, with_nan], key="k")
        alone = self.post(self.owner, [self.item(attributes={"deep": [float("-inf")]})])

        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            response.json()["errors"],
            [
                {
                    "index": 1,
                    "field": "attributes",
                    "reason": "must not contain NaN or Infinity, which are not JSON numbers: "
                    "send null, or the value as text",
                }
            ],
        )
        self.assertEqual(alone.status_code, 422)
        self.assertEqual(alone.json()["errors"][0]["field"], "attributes")
        self.assertFalse(Response.objects.exists())
        self.assertFalse(IdempotentRequest.objects.exists())  # the key is not used up
        kept = self.post(self.owner, [sibling, with_nan], query="?partial=true").json()
        self.assertEqual(([c["index"] for c in kept["created"]], kept["duplicates"]), ([0], []))
        self.assertEqual([error["index"] for error in kept["errors"]], [1])

    def test_a_failure_to_store_that_is_no_duplicate_is_not_reported_as_one(self) -> None:
        valid, _ = _check(self.owner, [self.item(source_ref="r-1")])
        # a value no database keeps, as a NaN once slipped past the checks
        valid[0].values["attributes"] = {"v": float("nan")}
        with self.assertRaises(DatabaseError):
            _store(self.owner, valid)

    def test_values_the_database_cannot_hold_are_refused_by_field(self) -> None:
        items = [
            self.item(contact_email=None, customer_id=99999999999999999999),
            self.item(contact_email=None, customer_id=-1),
            self.item(responded_at="0001-01-01T00:00:00+05:00"),
            self.item(comment="half a pair \ud800"),
            self.item(attributes={"note": ["\udfff"]}),
            self.item(**{"colour\ud800": "blue"}),
        ]
        response = self.post(self.owner, items, key="surrogates")
        self.assertEqual(response.status_code, 422)
        errors = {
            (error["index"], error["field"]): error["reason"] for error in response.json()["errors"]
        }
        self.assertEqual(
            errors[0, "customer_id"], "“99999999999999999999” matches no customer you can see"
        )
        self.assertEqual(errors[1, "customer_id"], "“-1” matches no customer you can see")
        self.assertEqual(
            errors[2, "responded_at"], "must be a moment of the years 1 to 9999 in UTC"
        )
        surrogate = (
            "must not contain half of a UTF-16 surrogate pair on its own (\\ud800 to "
            "\\udfff), which is not text"
        )
        self.assertEqual(errors[3, "comment"], surrogate)
        self.assertEqual(errors[4, "attributes"], surrogate)
        self.assertEqual(errors[5, "colour\ufffd"], "is not a known field")
        self.assertFalse(Response.objects.exists())


class ContactEmailTest(IngestionTestCase):
    def keep_contacts_differing_only_in_case(self) -> None:
        """As contacts stored before an address was unique whatever its case could be: the
        constraint is dropped within the test's transaction, and comes back with it."""
        (constraint,) = (
            constraint.name
            for constraint in Contact._meta.constraints
            if isinstance(constraint, UniqueConstraint) and constraint.expressions
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(constraint)}")

    def stored_contact(self, email: str) -> Any:
        response = self.post(self.owner, [self.item(contact_email=email)])
        self.assertEqual(response.status_code, 201, response.content)
        return Response.objects.get(pk=response.json()["created"][0]["id"]).contact

    def test_an_address_finds_its_contact_whatever_its_case(self) -> None:
        self.assertEqual(self.stored_contact(" Carla@ACME.example "), self.contact)

    def test_of_contacts_differing_only_in_case_the_one_written_as_sent_is_taken(
        self,
    ) -> None:
        self.keep_contacts_differing_only_in_case()
        other = ContactFactory.create(account=self.account, email="Carla@Acme.example")
        self.assertEqual(self.stored_contact("carla@acme.example"), self.contact)
        self.assertEqual(self.stored_contact("Carla@Acme.example"), other)

    def test_an_address_that_could_be_either_of_them_is_refused_naming_both(self) -> None:
        self.keep_contacts_differing_only_in_case()
        ContactFactory.create(account=self.account, email="Carla@Acme.example")
        response = self.post(self.owner, [self.item(contact_email="CARLA@acme.example")])
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            response.json()["errors"],
            [
                {
                    "index": 0,
                    "field": "contact_email",
                    "reason": "“CARLA@acme.example” is the address of 2 contacts, written "
                    "differently (Carla@Acme.example, carla@acme.example): give it exactly as "
                    "one of them is written, or give customer_id",
                }
            ],
        )
        self.assertFalse(Response.objects.exists())


class IdempotencyTest(IngestionTestCase):
    def test_a_retry_with_the_same_key_and_body_gets_the_first_answer_and_writes_nothing(
        self,
    ) -> None:
        items = [self.item(), self.item(kind="note", score=None, score_type=None)]
        first = self.post(self.owner, items, key="batch-7")
        second = self.post(self.owner, items, key="batch-7")
        self.assertEqual(first.status_code, 201)
        self.assertEqual(second.status_code, 201)
        self.assertEqual(second.json(), first.json())
        self.assertEqual(Response.objects.count(), 2)
        self.assertEqual(AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).count(), 1)

    def test_the_same_key_with_another_body_is_refused(self) -> None:
        self.post(self.owner, [self.item()], key="batch-7")
        response = self.post(self.owner, [self.item(score=3)], key="batch-7")
        self.assertEqual(response.status_code, 422)
        self.assertIn("already used for a different request", response.json()["detail"])
        self.assertEqual(Response.objects.count(), 1)

    def test_the_same_items_with_partial_are_another_request(self) -> None:
        self.post(self.owner, [self.item()], key="batch-7")
        response = self.post(self.owner, [self.item()], query="?partial=true", key="batch-7")
        self.assertEqual(response.status_code, 422)

    def test_a_refused_batch_does_not_use_its_key_up(self) -> None:
        self.assertEqual(self.post(self.owner, [self.item(score=99)], key="k").status_code, 422)
        self.assertFalse(IdempotentRequest.objects.exists())
        self.assertEqual(self.post(self.owner, [self.item()], key="k").status_code, 201)

    def test_keys_belong_to_an_organisation(self) -> None:
        self.post(self.owner, [self.item()], key="shared")
        AccountFactory.create(organisation=self.other_org, name="Beta", external_id="B-1")
        response = self.post(
            self.stranger,
            [self.item(contact_email=None, account_external_id="B-1")],
            key="shared",
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(IdempotentRequest.objects.filter(key="shared").count(), 2)


class PermissionTest(IngestionTestCase):
    def test_viewers_may_not_send_feedback(self) -> None:
        response = self.post(self.viewer, [self.item()])
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Response.objects.exists())
        with self.assertRaises(PermissionDenied):
            feedback_ingest(actor=self.viewer, batch={"items": [self.item()]}, idempotency_key="k")

    def test_an_outsider_cannot_reach_a_customer_outside_their_scope(self) -> None:
        customer = Customer.objects.get(account=self.account)
        items = [
            self.item(),
            self.item(contact_email=None, customer_id=customer.pk),
            self.item(contact_email=None, account_external_id=self.account.external_id),
        ]
        response = self.post(self.outsider, items)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            [(error["index"], error["field"]) for error in response.json()["errors"]],
            [(0, "contact_email"), (1, "customer_id"), (2, "account_external_id")],
        )

    def test_a_stranger_cannot_reach_another_organisations_customers(self) -> None:
        response = self.post(self.stranger, [self.item()])
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Response.objects.exists())

    def test_an_outsider_may_send_feedback_from_the_internal_customer_they_serve(self) -> None:
        internal = Customer.objects.get(team=self.team)
        response = self.post(
            self.outsider, [self.item(contact_email=None, customer_id=internal.pk)]
        )
        self.assertEqual(response.status_code, 201)

    def test_anonymous_requests_are_refused(self) -> None:
        response = self.client.post(
            "/api/feedback", json.dumps({"items": [self.item()]}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.client.get("/api/feedback").status_code, 401)
        self.assertEqual(self.client.get("/api/surveys").status_code, 401)


class ReadTest(IngestionTestCase):
    review_id: int
    ticket_id: int
    survey: Survey

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        outcome = feedback_ingest(
            actor=cls.owner,
            batch={
                "items": [
                    {
                        "kind": "review",
                        "score": 2,
                        "score_type": "rating",
                        "comment": "Slow",
                        "contact_email": "carla@acme.example",
                        "responded_at": "2024-01-10T10:00:00Z",
                        "touchpoint": "",
                        "source_ref": "appstore-1",
                    },
                    {
                        "kind": "ticket",
                        "comment": "Broken",
                        "contact_email": "carla@acme.example",
                        "responded_at": "2025-01-10T10:00:00Z",
                    },
                ]
            },
        )
        cls.review_id, cls.ticket_id = (created["id"] for created in outcome.body["created"])
        cls.survey = survey_create_from_template(
            actor=cls.cx_lead, template="relationship-nps", values={"name": "Pulse"}
        )
        Touchpoint.objects.create(organisation=cls.org, name="Checkout")

    def ids(self, user: Any, **params: Any) -> list[int]:
        response = self.get(user, "/feedback", **params)
        self.assertEqual(response.status_code, 200)
        return [item["id"] for item in response.json()["items"]]

    def test_people_who_serve_the_customer_list_its_feedback_newest_first(self) -> None:
        for person in (self.owner, self.teammate, self.viewer, self.cx_lead):
            self.assertEqual(self.ids(person), [self.ticket_id, self.review_id])

    def test_the_list_filters_by_kind_score_type_and_date(self) -> None:
        self.assertEqual(self.ids(self.owner, kind="review"), [self.review_id])
        self.assertEqual(self.ids(self.owner, score_type="rating"), [self.review_id])
        self.assertEqual(self.ids(self.owner, since="2024-06-01T00:00:00Z"), [self.ticket_id])

    def test_an_empty_filter_is_no_filter_and_a_value_not_among_a_filters_is_refused_by_name(
        self,
    ) -> None:
        everything = [self.ticket_id, self.review_id]
        # the template the docs give, as a client fills in only what it needs
        self.assertEqual(self.ids(self.owner, kind="", score_type="", since=""), everything)
        for params, name in [
            ({"kind": "tweet"}, "kind"),
            ({"score_type": "stars"}, "score_type"),
            ({"since": "yesterday"}, "since"),
            ({"customer_id": "one"}, "customer_id"),
            ({"customer_id": "99999999999999999999"}, "customer_id"),
            ({"since": "0001-01-01T00:00:00+05:00"}, "since"),  # before year 1 in UTC
            ({"received_since": "0001-01-01T00:00:00+05:00"}, "received_since"),
        ]:
            with self.subTest(params=params):
                response = self.get(self.owner, "/feedback", **params)
                self.assertEqual(response.status_code, 422)
                self.assertEqual(response.json()["detail"][0]["loc"], ["query", name])

    def test_the_list_finds_feedback_by_source_ref_customer_and_contact_exactly(self) -> None:
        customer = Customer.objects.get(account=self.account)
        other = AccountFactory.create(organisation=self.org, owner=self.owner, team=self.team)
        elsewhere = Response.objects.create(
            organisation=self.org,
            customer=Customer.objects.get(account=other),
            kind="note",
            channel="api",
            comment="Elsewhere",
            source_ref="appstore-10",
        )
        self.assertEqual(self.ids(self.owner, source_ref="appstore-1"), [self.review_id])
        self.assertEqual(self.ids(self.owner, source_ref="appstore"), [])
        self.assertEqual(
            self.ids(self.owner, customer_id=customer.pk), [self.ticket_id, self.review_id]
        )
        self.assertEqual(self.ids(self.owner, customer_id=elsewhere.customer_id), [elsewhere.pk])
        self.assertEqual(
            self.ids(self.owner, contact_email="Carla@Acme.example"),
            [self.ticket_id, self.review_id],
        )
        self.assertEqual(self.ids(self.owner, contact_email="carla@acme"), [])
        # a filter keeps within what one may see
        self.assertEqual(self.ids(self.outsider, customer_id=customer.pk), [])

    def test_received_since_finds_what_came_in_lately_whenever_it_was_given(self) -> None:
        week_ago = timezone.now() - timedelta(days=7)
        Response.objects.update(created_at=week_ago, submitted_at=week_ago)  # came a week ago
        outcome = feedback_ingest(
            actor=self.owner,
            batch={"items": [self.item(responded_at="2025-03-01T09:30:00Z")]},
        )
        late = outcome.body["created"][0]["id"]
        today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)

        self.assertEqual(self.ids(self.owner, received_since=today.isoformat()), [late])
        self.assertNotIn(late, self.ids(self.owner, since=today.isoformat()))
        body = self.get(self.owner, f"/feedback/{late}").json()
        self.assertGreaterEqual(body["created_at"], today.isoformat())
        self.assertEqual(body["responded_at"], "2025-03-01T09:30:00Z")

    def test_a_survey_answer_is_listed_once_sent_and_found_again_when_sent_or_changed(
        self,
    ) -> None:
        week_ago = timezone.now() - timedelta(days=7)
        Response.objects.update(created_at=week_ago, submitted_at=week_ago)  # came a week ago
        begun = Response.objects.create(
            organisation=self.org,
            survey=self.survey,
            customer=Customer.objects.get(account=self.account),
            contact=self.contact,
            kind="survey",
            channel="email",
            score=3,
            score_type="nps",
        )
        Response.objects.filter(pk=begun.pk).update(created_at=week_ago)
        today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0).isoformat()
        self.assertNotIn(begun.pk, self.ids(self.owner))  # begun, not sent: not feedback yet

        sent = timezone.now()
        Response.objects.filter(pk=begun.pk).update(submitted_at=sent, responded_at=sent)
        self.assertEqual(self.ids(self.owner, received_since=today), [begun.pk])

        Response.objects.filter(pk=begun.pk).update(submitted_at=week_ago, responded_at=week_ago)
        self.assertEqual(self.ids(self.owner, received_since=today), [])
        Response.objects.filter(pk=begun.pk).update(edited_at=timezone.now())
        self.assertEqual(self.ids(self.owner, received_since=today), [begun.pk])
        body = self.get(self.owner, f"/feedback/{begun.pk}").json()
        self.assertIsNotNone(body["edited_at"])
        self.assertIsNotNone(body["submitted_at"])

    def test_outsiders_and_strangers_see_none_of_it(self) -> None:
        self.assertEqual(self.ids(self.outsider), [])
        self.assertEqual(self.ids(self.stranger), [])
        for person in (self.outsider, self.stranger):
            self.assertEqual(self.get(person, f"/feedback/{self.review_id}").status_code, 404)

    def test_one_piece_of_feedback_reads_as_sent(self) -> None:
        body = self.get(self.teammate, f"/feedback/{self.review_id}").json()
        self.assertEqual(
            (body["kind"], body["score"], body["score_type"], body["comment"]),
            ("review", 2, "rating", "Slow"),
        )
        self.assertEqual(body["channel"], "api")
        self.assertEqual(body["contact_id"], self.contact.pk)

    def test_every_member_of_the_organisation_reads_its_surveys(self) -> None:
        for person in (self.outsider, self.viewer, self.owner):
            listed = self.get(person, "/surveys").json()["items"]
            self.assertEqual([survey["name"] for survey in listed], ["Pulse"])
            detail = self.get(person, f"/surveys/{self.survey.pk}").json()
            self.assertEqual(detail["questions"][0]["key"], "nps")

    def test_a_relationship_survey_reads_with_its_waves_and_their_scores(self) -> None:
        detail = self.get(self.viewer, f"/surveys/{self.survey.pk}").json()
        self.assertEqual(detail["current_wave"], 1)
        (wave,) = detail["waves"]
        self.assertEqual((wave["number"], wave["invited"], wave["answered"]), (1, 0, 0))
        self.assertEqual(
            wave["score"],
            {"metric": "NPS", "value": None, "low": None, "high": None, "n": 0, "reliable": False},
        )
        self.assertIsNone(wave["change"])
        touchpoint = survey_create_from_template(
            actor=self.cx_lead, template="touchpoint-csat", values={"name": "After delivery"}
        )
        self.assertEqual(self.get(self.viewer, f"/surveys/{touchpoint.pk}").json()["waves"], [])

    def test_strangers_see_no_surveys(self) -> None:
        self.assertEqual(self.get(self.stranger, "/surveys").json()["items"], [])
        self.assertEqual(self.get(self.stranger, f"/surveys/{self.survey.pk}").status_code, 404)

    def test_the_batch_and_its_idempotency_key_are_in_the_openapi_schema(self) -> None:
        self.login(self.viewer)
        schema = self.client.get("/api/openapi.json").json()
        post = schema["paths"]["/api/feedback"]["post"]
        self.assertTrue(post["requestBody"]["required"])
        self.assertIn("FeedbackBatchIn", json.dumps(post["requestBody"]))
        key = next(p for p in post["parameters"] if p["name"] == "Idempotency-Key")
        self.assertIn({"type": "string", "maxLength": 200}, key["schema"]["anyOf"])
        self.assertEqual(set(post["responses"]), {"200", "201", "400", "401", "403", "422"})
        body = schema["components"]["schemas"]["FeedbackBatchIn"]
        self.assertEqual(body["required"], ["items"])
        self.assertNotIn("default", body["properties"]["items"])
        items = body["properties"]["items"]
        self.assertEqual((items["minItems"], items["maxItems"]), (1, 500))
        listed = schema["paths"]["/api/feedback"]["get"]
        self.assertLessEqual({"401", "422"}, set(listed["responses"]))
        self.assertLessEqual(
            {"since", "received_since", "source_ref", "customer_id", "contact_email"},
            {parameter["name"] for parameter in listed["parameters"]},
        )
        one = schema["paths"]["/api/feedback/{response_id}"]["get"]
        self.assertLessEqual({"401", "404", "422"}, set(one["responses"]))
        self.assertIn("/api/surveys/{survey_id}", schema["paths"])
