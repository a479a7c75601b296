"""What every endpoint of the API shares: every answer is JSON, a 422 has one shape and names the
field as the API spells it, a query string is read strictly, ids and pages are bounded, and a
body is an object of known fields."""

import json
from unittest import mock

from django.test import Client

from centric.customers.models import Account
from tests.api.test_api import ApiTestCase

TOO_LARGE = 99999999999999999999  # more than any id a database keeps


class EveryAnswerIsJsonTest(ApiTestCase):
    def test_an_address_no_endpoint_has_is_a_json_404(self) -> None:
        for path in ("/api/nothing", "/api/accounts/3/nothing", "/api/"):
            with self.subTest(path=path):
                answer = self.client.get(path, headers=self.as_(self.owner))
                self.assertEqual(answer.status_code, 404)
                self.assertEqual(answer["Content-Type"], "application/json")
                self.assertIn("no such endpoint", answer.json()["detail"])

    def test_a_trailing_slash_is_a_json_404_that_says_so(self) -> None:
        answer = self.client.get("/api/accounts/", headers=self.as_(self.owner))
        self.assertEqual(answer.status_code, 404)
        self.assertIn("end without a slash (/api/accounts)", answer.json()["detail"])

    def test_a_method_an_endpoint_does_not_take_is_a_json_405(self) -> None:
        answer = self.send("put", f"/accounts/{self.account.pk}", self.owner, {"name": "X"})
        self.assertEqual(answer.status_code, 405)
        self.assertEqual(answer["Allow"], "DELETE, GET, PATCH")
        self.assertEqual(
            answer.json(), {"detail": "This endpoint takes DELETE, GET, PATCH, not PUT."}
        )

    def test_an_error_nobody_foresaw_is_a_logged_json_500(self) -> None:
        client = Client(raise_request_exception=False)
        with (
            mock.patch(
                "centric.customers.selectors.account_list", side_effect=RuntimeError("boom")
            ),
            self.assertLogs("django.request", "ERROR") as logged,
        ):
            answer = client.get("/api/accounts", headers=self.as_(self.owner))
        self.assertEqual(answer.status_code, 500)
        self.assertEqual(
            answer.json(), {"detail": "Something went wrong on our side; it has been logged."}
        )
        self.assertIn("Internal Server Error: /api/accounts", logged.output[0])
        self.assertIn("RuntimeError: boom", logged.output[0])


class IdsAndPagesAreBoundedTest(ApiTestCase):
    def assert_refused(self, answer, loc: list[object]) -> None:
        self.assertEqual(answer.status_code, 422, answer.content)
        self.assertEqual([error["loc"] for error in answer.json()["detail"]], [loc])

    def test_an_id_no_database_holds_is_a_422_naming_the_parameter(self) -> None:
        for path, parameter in [
            ("/accounts", "segment_id"),
            ("/accounts", "owner_id"),
            ("/contacts", "account_id"),
            ("/people", "team_id"),
        ]:
            with self.subTest(parameter=parameter):
                answer = self.get(path, self.admin, **{parameter: TOO_LARGE})
                self.assert_refused(answer, ["query", parameter])
        self.assert_refused(self.get(f"/accounts/{TOO_LARGE}", self.admin), ["path", "account_id"])
        answer = self.send(
            "patch", f"/teams/{self.team.pk}", self.admin, {"member_ids": [TOO_LARGE]}
        )
        self.assert_refused(answer, ["body", "member_ids", 0])

    def test_offset_and_limit_are_bounded(self) -> None:
        self.assert_refused(
            self.get("/accounts", self.admin, offset=TOO_LARGE), ["query", "offset"]
        )
        self.assert_refused(self.get("/accounts", self.admin, limit=501), ["query", "limit"])
        self.assert_refused(self.get("/accounts", self.admin, limit=0), ["query", "limit"])
        self.assertEqual(self.get("/accounts", self.admin, limit=500).status_code, 200)
        self.assertEqual(
            self.get("/accounts", self.admin, offset=1_000_000_000).json(),
            {"items": [], "count": 1},
        )

    def test_every_list_is_a_page(self) -> None:
        for path in ("/segments", "/business-units", "/customers", "/people", "/teams"):
            with self.subTest(path=path):
                page = self.get(path, self.admin, limit=1).json()
                self.assertEqual(set(page), {"items", "count"})
                self.assertLessEqual(len(page["items"]), 1)


class QueryStringsAreReadStrictlyTest(ApiTestCase):
    def test_an_unknown_query_parameter_is_a_422_naming_it(self) -> None:
        answer = self.get("/accounts", self.owner, externalid="CRM-0", limit=1)
        self.assertEqual(answer.status_code, 422)
        (error,) = answer.json()["detail"]
        self.assertEqual(error["loc"], ["query", "externalid"])
        self.assertIn("external_id", error["msg"])  # what it does take
        self.assertEqual(self.get("/me", self.owner, verbose=1).status_code, 422)

    def test_an_unknown_query_parameter_is_checked_after_the_credentials(self) -> None:
        self.assertEqual(self.client.get("/api/accounts", {"bogus": 1}).status_code, 401)

    def test_an_empty_value_is_no_filter(self) -> None:
        everything = self.get("/accounts", self.admin).json()
        for parameter in ("tier", "lifecycle_stage", "segment_id", "owner_id", "limit", "q"):
            with self.subTest(parameter=parameter):
                self.assertEqual(
                    self.get("/accounts", self.admin, **{parameter: ""}).json(), everything
                )
        self.assertEqual(self.get("/customers", self.admin, kind=" ").json()["count"], 2)

    def test_a_filter_of_choices_refuses_a_value_not_among_them_naming_them(self) -> None:
        for path, parameter in [
            ("/accounts", "lifecycle_stage"),
            ("/accounts", "tier"),
            ("/customers", "kind"),
            ("/contacts", "influence"),
            ("/contacts", "preferred_channel"),
            ("/contacts", "language"),
            ("/people", "role"),
        ]:
            with self.subTest(parameter=parameter):
                answer = self.get(path, self.admin, **{parameter: "bogus"})
                self.assertEqual(answer.status_code, 422)
                (error,) = answer.json()["detail"]
                self.assertEqual(error["loc"], ["query", parameter])
        kinds = self.get("/customers", self.admin, kind="bogus").json()["detail"][0]["msg"]
        self.assertEqual(kinds, "Input should be 'external' or 'internal'")


class BodiesAreObjectsOfKnownFieldsTest(ApiTestCase):
    def patch_raw(self, path: str, body: str):
        return self.client.patch(
            f"/api{path}", body, content_type="application/json", headers=self.as_(self.admin)
        )

    def test_a_body_that_is_not_an_object_is_a_422(self) -> None:
        paths = [
            f"/accounts/{self.account.pk}",
            f"/contacts/{self.contact.pk}",
            "/me",
            "/organisation",
            f"/teams/{self.team.pk}",
            f"/people/{self.teammate.pk}",
        ]
        for body in ("[]", "null", '"Acme"', json.dumps(json.dumps({"name": "X"})), "3"):
            for path in paths:
                with self.subTest(body=body, path=path):
                    answer = self.patch_raw(path, body)
                    self.assertEqual(answer.status_code, 422, answer.content)
                    (error,) = answer.json()["detail"]
                    self.assertEqual(error["loc"], ["body", "payload"])
                    self.assertIn("The body must be a JSON object", error["msg"])

    def test_a_misspelt_field_is_a_422_naming_it_and_nothing_changes(self) -> None:
        answer = self.send("patch", f"/accounts/{self.account.pk}", self.admin, {"nmae": "X"})
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(
            answer.json()["detail"],
            [
                {
                    "loc": ["body", "nmae"],
                    "msg": "Unknown field: this request has no such field.",
                    "type": "extra_forbidden",
                }
            ],
        )
        # the form's name for a field is not the API's
        answer = self.send("patch", f"/accounts/{self.account.pk}", self.admin, {"owner": 1})
        self.assertEqual(answer.json()["detail"][0]["loc"], ["body", "owner"])

    def test_text_the_database_cannot_keep_is_a_422_naming_the_field(self) -> None:
        answer = self.client.post(
            "/api/accounts",
            '{"name": "Surrogate \\ud800 Ltd"}',
            content_type="application/json",
            headers=self.as_(self.admin),
        )
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(answer.json()["detail"][0]["loc"], ["body", "name"])
        self.assertFalse(Account.objects.filter(name__startswith="Surrogate").exists())

    def test_null_is_refused_where_a_field_cannot_be_empty(self) -> None:
        for path, field in [
            (f"/teams/{self.team.pk}", "member_ids"),
            (f"/people/{self.teammate.pk}", "team_ids"),
            (f"/accounts/{self.account.pk}", "name"),
            (f"/contacts/{self.contact.pk}", "account_id"),
        ]:
            with self.subTest(field=field):
                answer = self.send("patch", path, self.admin, {field: None})
                self.assertEqual(answer.status_code, 422)
                self.assertEqual(answer.json()["detail"][0]["loc"], ["body", field])
        cleared = self.send(
            "patch", f"/accounts/{self.account.pk}", self.admin, {"segment_id": None}
        )
        self.assertIsNone(cleared.json()["segment_id"])


class ErrorsNameTheApisFieldsTest(ApiTestCase):
    def test_a_form_error_names_the_field_as_the_api_spells_it(self) -> None:
        for path, body, field in [
            ("/accounts", {"name": "X", "owner_id": self.viewer.pk}, "owner_id"),
            ("/accounts", {"name": "X", "segment_id": 999_999}, "segment_id"),
            ("/accounts", {"name": "X", "team_id": 999_999}, "team_id"),
            ("/teams", {"name": "X", "lead_id": 999_999}, "lead_id"),
            ("/teams", {"name": "X", "member_ids": [999_999]}, "member_ids"),
            ("/teams", {"name": "X", "serves_team_ids": [999_999]}, "serves_team_ids"),
            (
                "/people",
                {"email": "x@northwind.example", "first_name": "X", "team_ids": [999_999]},
                "team_ids",
            ),
            ("/business-units", {"name": "X", "head_id": 999_999}, "head_id"),
        ]:
            with self.subTest(field=field):
                answer = self.send("post", path, self.admin, body)
                self.assertEqual(answer.status_code, 422, answer.content)
                (error,) = answer.json()["detail"]
                self.assertEqual((error["loc"], error["type"]), (["body", field], "value_error"))

    def test_a_change_that_breaks_a_rule_with_the_stored_fields_names_the_field(self) -> None:
        answer = self.send(
            "patch", f"/contacts/{self.contact.pk}", self.owner, {"working_hours_end": "08:00"}
        )
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(
            answer.json()["detail"],
            [
                {
                    "loc": ["body", "working_hours_end"],
                    "msg": "Working hours must end after they start.",
                    "type": "value_error",
                }
            ],
        )
        answer = self.send(
            "patch", f"/contacts/{self.contact.pk}", self.owner, {"working_hours_start": "18:00"}
        )
        self.assertEqual(answer.json()["detail"][0]["loc"], ["body", "working_hours_start"])

    def test_a_taken_crm_id_is_named_with_a_readable_reason(self) -> None:
        answer = self.send(
            "post",
            "/accounts",
            self.admin,
            {"name": "Dup", "external_id": self.account.external_id},
        )
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(
            answer.json()["detail"],
            [
                {
                    "loc": ["body", "external_id"],
                    "msg": "Another account already has this CRM id.",
                    "type": "value_error",
                }
            ],
        )

    def test_a_refusal_of_the_request_as_a_whole_has_the_same_shape(self) -> None:
        from centric.customers.models import ImportJob

        job = ImportJob.objects.create(
            organisation=self.org,
            created_by=self.owner,
            kind="accounts",
            file_name="a.csv",
            content=b"",
            status=ImportJob.Status.DONE,
        )
        answer = self.send("post", f"/imports/{job.pk}/apply", self.owner, {"mode": "keep_valid"})
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(
            answer.json()["detail"],
            [
                {
                    "loc": ["body", "payload"],
                    "msg": "This file has already been imported or cancelled.",
                    "type": "value_error",
                }
            ],
        )


class TheSchemaDeclaresTheErrorsTest(ApiTestCase):
    def test_writes_declare_401_403_404_and_422(self) -> None:
        self.login(self.viewer)
        paths = self.client.get("/api/openapi.json").json()["paths"]
        for path, method in [
            ("/api/accounts", "post"),
            ("/api/accounts/{account_id}", "patch"),
            ("/api/accounts/{account_id}", "delete"),
            ("/api/contacts", "post"),
            ("/api/contacts/{contact_id}", "patch"),
            ("/api/people/{person_id}", "patch"),
            ("/api/teams/{team_id}", "patch"),
            ("/api/segments", "post"),
            ("/api/imports/{job_id}/apply", "post"),
        ]:
            with self.subTest(path=path, method=method):
                declared = set(paths[path][method]["responses"])
                self.assertLessEqual({"401", "403", "404", "422"}, declared)
        self.assertIn("422", paths["/api/accounts"]["get"]["responses"])
