"""The JSON API: the same roles, scopes and validation as the pages, with tokens or the session."""

import json
from typing import Any

from django.test import Client

from centric.core.models import AuditEvent
from centric.customers.models import Account, Contact
from centric.people.models import Team
from centric.people.services import api_token_create, api_token_revoke
from tests.personas import PersonasTestCase


class ApiTestCase(PersonasTestCase):
    def as_(self, user: object) -> dict[str, str]:
        _, secret = api_token_create(user=user, name="test")  # type: ignore[arg-type]
        return {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, user: object, **params: Any):
        return self.client.get(f"/api{path}", params, headers=self.as_(user))

    def send(self, method: str, path: str, user: object, body: object):
        call = getattr(self.client, method)
        return call(
            f"/api{path}", json.dumps(body), content_type="application/json", headers=self.as_(user)
        )


class AuthenticationTest(ApiTestCase):
    def test_a_request_without_credentials_is_refused_with_401(self) -> None:
        response = self.client.get("/api/me")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Unauthorized"})

    def test_a_write_without_credentials_or_with_a_bad_token_is_401_not_a_csrf_refusal(
        self,
    ) -> None:
        client = Client(enforce_csrf_checks=True)  # as a script calls it: no cookie, no form
        body = json.dumps({"name": "X"})
        for headers in ({}, {"Authorization": "Bearer cen_guess"}):
            response = client.post(
                "/api/accounts", body, content_type="application/json", headers=headers
            )
            self.assertEqual(
                (response.status_code, response.json()), (401, {"detail": "Unauthorized"})
            )
        self.assertFalse(Account.objects.filter(name="X").exists())

    def test_a_token_identifies_its_person(self) -> None:
        self.assertEqual(self.get("/me", self.owner).json()["email"], "owner@northwind.example")

    def test_a_revoked_or_unknown_token_is_refused(self) -> None:
        token, secret = api_token_create(user=self.owner, name="old")
        api_token_revoke(user=self.owner, token=token)
        self.assertEqual(
            self.client.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code,
            401,
        )
        self.assertEqual(
            self.client.get("/api/me", headers={"Authorization": "Bearer cen_guess"}).status_code,
            401,
        )

    def test_a_deactivated_persons_token_stops_working(self) -> None:
        headers = self.as_(self.teammate)
        self.teammate.is_active = False
        self.teammate.save()
        self.assertEqual(self.client.get("/api/me", headers=headers).status_code, 401)

    def test_the_browser_session_works_and_writes_need_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.owner)
        self.assertEqual(client.get("/api/me").status_code, 200)
        response = client.post(
            "/api/accounts", json.dumps({"name": "X"}), content_type="application/json"
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Account.objects.filter(name="X").exists())

    def test_the_docs_and_schema_are_served_to_signed_in_people(self) -> None:
        self.assertEqual(self.client.get("/api/docs").status_code, 302)
        self.login(self.viewer)
        self.assertContains(self.client.get("/api/docs"), "swagger")
        schema = self.client.get("/api/openapi.json").json()
        self.assertIn("/api/accounts", schema["paths"])
        self.assertIn("/api/imports/{job_id}/apply", schema["paths"])

    def test_a_client_generator_gets_the_schema_with_its_token(self) -> None:
        headers = self.as_(self.viewer)
        schema = Client().get("/api/openapi.json", headers=headers)
        self.assertEqual(schema.status_code, 200)
        self.assertIn("/api/accounts", schema.json()["paths"])
        guessed = Client().get("/api/openapi.json", headers={"Authorization": "Bearer cen_guess"})
        self.assertEqual(guessed.status_code, 302)  # to the sign-in page, as without a token


class AccountApiTest(ApiTestCase):
    def test_lists_are_scoped_like_the_pages(self) -> None:
        names = [item["name"] for item in self.get("/accounts", self.teammate).json()["items"]]
        self.assertEqual(names, ["Acme"])
        self.assertEqual(self.get("/accounts", self.outsider).json()["items"], [])
        self.assertEqual(self.get("/accounts", self.stranger).json()["count"], 0)

    def test_an_account_outside_the_scope_is_404(self) -> None:
        self.assertEqual(self.get(f"/accounts/{self.account.pk}", self.teammate).status_code, 200)
        self.assertEqual(self.get(f"/accounts/{self.account.pk}", self.outsider).status_code, 404)
        self.assertEqual(self.get(f"/accounts/{self.account.pk}", self.stranger).status_code, 404)

    def test_creating_an_account_validates_and_audits(self) -> None:
        response = self.send(
            "post",
            "/accounts",
            self.owner,
            {
                "name": "Globex",
                "owner_id": self.owner.pk,
                "segment_id": self.segment.pk,
                "annual_value": "5000",
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        account = Account.objects.get(pk=body["id"])
        self.assertEqual(body["customer_id"], account.customer.pk)
        self.assertTrue(
            AuditEvent.objects.filter(
                object_type="account", action="create", actor=self.owner
            ).exists()
        )

    def test_validation_errors_name_the_field_and_the_reason(self) -> None:
        response = self.send(
            "post",
            "/accounts",
            self.owner,
            {"name": "", "country": "Germany", "segment_id": 999999, "owner_id": self.owner.pk},
        )
        self.assertEqual(response.status_code, 422)
        fields = {error["loc"][-1] for error in response.json()["detail"]}
        self.assertEqual(fields, {"name", "country", "segment_id"})  # as the API names them
        self.assertFalse(Account.objects.exclude(pk=self.account.pk).exists())

    def test_a_schema_error_is_422_too(self) -> None:
        response = self.send("post", "/accounts", self.owner, {"name": "X", "tier": "platinum"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"][-1], "tier")

    def test_patch_changes_only_the_fields_sent(self) -> None:
        response = self.send(
            "patch", f"/accounts/{self.account.pk}", self.teammate, {"lifecycle_stage": "at_risk"}
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.account.refresh_from_db()
        self.assertEqual(
            (self.account.lifecycle_stage, self.account.name, self.account.owner),
            ("at_risk", "Acme", self.owner),
        )

    def test_a_viewer_cannot_write_and_an_outsider_cannot_find(self) -> None:
        self.assertEqual(
            self.send(
                "patch", f"/accounts/{self.account.pk}", self.viewer, {"name": "V"}
            ).status_code,
            403,
        )
        self.assertEqual(
            self.send(
                "patch", f"/accounts/{self.account.pk}", self.outsider, {"name": "O"}
            ).status_code,
            404,
        )
        self.assertEqual(
            self.send("post", "/accounts", self.viewer, {"name": "V"}).status_code, 403
        )
        self.account.refresh_from_db()
        self.assertEqual(self.account.name, "Acme")

    def test_only_org_wide_roles_delete(self) -> None:
        self.assertEqual(
            self.client.delete(
                f"/api/accounts/{self.account.pk}", headers=self.as_(self.owner)
            ).status_code,
            403,
        )
        self.assertEqual(
            self.client.delete(
                f"/api/accounts/{self.account.pk}", headers=self.as_(self.cx_lead)
            ).status_code,
            204,
        )
        self.assertFalse(Account.objects.filter(pk=self.account.pk).exists())


class ContactApiTest(ApiTestCase):
    def test_contacts_are_listed_created_and_updated_within_scope(self) -> None:
        self.assertEqual(self.get("/contacts", self.owner).json()["count"], 1)
        self.assertEqual(self.get("/contacts", self.outsider).json()["count"], 0)
        response = self.send(
            "post",
            "/contacts",
            self.teammate,
            {
                "account_id": self.account.pk,
                "first_name": "Dieter",
                "email": "dieter@acme.example",
                "language": "de",
                "time_zone": "Europe/Berlin",
                "working_hours_start": "08:00",
            },
        )
        self.assertEqual(response.status_code, 201, response.content)
        contact_id = response.json()["id"]
        response = self.send(
            "patch", f"/contacts/{contact_id}", self.teammate, {"preferred_channel": "phone"}
        )
        self.assertEqual(response.json()["preferred_channel"], "phone")

    def test_a_contact_cannot_be_added_to_an_account_outside_the_scope(self) -> None:
        response = self.send(
            "post",
            "/contacts",
            self.outsider,
            {"account_id": self.account.pk, "first_name": "Eve", "email": "eve@acme.example"},
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"], ["body", "account_id"])
        self.assertFalse(Contact.objects.filter(email="eve@acme.example").exists())

    def test_an_unknown_time_zone_is_refused(self) -> None:
        response = self.send(
            "patch", f"/contacts/{self.contact.pk}", self.owner, {"time_zone": "Mars/Olympus"}
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"][-1], "time_zone")

    def test_deleting_a_contact_is_scoped(self) -> None:
        self.assertEqual(
            self.client.delete(
                f"/api/contacts/{self.contact.pk}", headers=self.as_(self.outsider)
            ).status_code,
            404,
        )
        self.assertEqual(
            self.client.delete(
                f"/api/contacts/{self.contact.pk}", headers=self.as_(self.viewer)
            ).status_code,
            403,
        )
        self.assertEqual(
            self.client.delete(
                f"/api/contacts/{self.contact.pk}", headers=self.as_(self.owner)
            ).status_code,
            204,
        )


class CustomerApiTest(ApiTestCase):
    def test_one_list_holds_both_kinds_of_customer(self) -> None:
        items = self.get("/customers", self.admin).json()["items"]
        kinds = {(item["kind"], item["name"]) for item in items}
        self.assertEqual(kinds, {("external", "Acme"), ("internal", "Customer Success")})
        internal = next(item for item in items if item["kind"] == "internal")
        self.assertEqual(internal["team_id"], self.team.pk)
        self.assertEqual(self.get(f"/customers/{internal['id']}", self.outsider).status_code, 200)
        external = next(item for item in items if item["kind"] == "external")
        self.assertEqual(self.get(f"/customers/{external['id']}", self.outsider).status_code, 404)


class TeamAndPeopleApiTest(ApiTestCase):
    def test_teams_are_scoped_and_show_whom_they_serve(self) -> None:
        names = {item["name"] for item in self.get("/teams", self.outsider).json()["items"]}
        self.assertEqual(names, {"Finance", "Customer Success"})
        finance = self.get(f"/teams/{self.finance.pk}", self.outsider).json()
        self.assertEqual(finance["serves_team_ids"], [self.team.pk])
        legal = Team.objects.create(organisation=self.org, name="Legal")
        self.assertEqual(self.get(f"/teams/{legal.pk}", self.outsider).status_code, 404)

    def test_creating_teams_needs_an_org_wide_role(self) -> None:
        self.assertEqual(
            self.send("post", "/teams", self.owner, {"name": "Legal"}).status_code, 403
        )
        response = self.send(
            "post", "/teams", self.cx_lead, {"name": "Legal", "serves_team_ids": [self.team.pk]}
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["serves_team_ids"], [self.team.pk])

    def test_a_team_lead_updates_their_team(self) -> None:
        response = self.send(
            "patch", f"/teams/{self.team.pk}", self.owner, {"description": "Keeps customers"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.send(
                "patch", f"/teams/{self.team.pk}", self.teammate, {"description": "x"}
            ).status_code,
            403,
        )

    def test_people_are_scoped_and_only_admins_add_them(self) -> None:
        emails = {item["email"] for item in self.get("/people", self.teammate).json()["items"]}
        self.assertNotIn("admin@northwind.example", emails)
        self.assertIn("owner@northwind.example", emails)
        self.assertEqual(self.get(f"/people/{self.admin.pk}", self.teammate).status_code, 404)
        body = {"email": "new@northwind.example", "first_name": "New", "team_ids": [self.team.pk]}
        self.assertEqual(self.send("post", "/people", self.cx_lead, body).status_code, 403)
        response = self.send("post", "/people", self.admin, body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["team_ids"], [self.team.pk])

    def test_an_admin_changes_a_role_through_the_api(self) -> None:
        response = self.send("patch", f"/people/{self.teammate.pk}", self.admin, {"role": "viewer"})
        self.assertEqual(response.json()["role"], "viewer")
        self.assertEqual(
            self.send(
                "patch", f"/people/{self.teammate.pk}", self.owner, {"role": "admin"}
            ).status_code,
            403,
        )

    def test_business_units_are_listed_and_created_by_admins(self) -> None:
        self.assertEqual(
            self.send("post", "/business-units", self.cx_lead, {"name": "Ops"}).status_code, 403
        )
        self.assertEqual(
            self.send("post", "/business-units", self.admin, {"name": "Ops"}).status_code, 201
        )
        self.assertEqual(
            [unit["name"] for unit in self.get("/business-units", self.viewer).json()["items"]],
            ["Ops"],
        )


class SegmentAndImportApiTest(ApiTestCase):
    def test_segments_are_created_by_org_wide_roles(self) -> None:
        self.assertEqual(
            self.send("post", "/segments", self.owner, {"name": "SMB"}).status_code, 403
        )
        self.assertEqual(
            self.send("post", "/segments", self.cx_lead, {"name": "SMB"}).status_code, 201
        )
        duplicate = self.send("post", "/segments", self.cx_lead, {"name": "SMB"})
        self.assertEqual(duplicate.status_code, 422)

    def test_an_import_is_checked_then_applied(self) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = b"name,team\nGlobex,Customer Success\nBad,No such team\n"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/api/imports",
                {"kind": "accounts", "file": SimpleUploadedFile("a.csv", data)},
                headers=self.as_(self.owner),
            )
        self.assertEqual(response.status_code, 202, response.content)
        job = self.get(f"/imports/{response.json()['id']}", self.owner).json()
        self.assertEqual((job["status"], job["valid_rows"]), ("checked", 1))
        self.assertEqual(
            job["errors"],
            [{"line": 3, "column": "team", "message": "There is no team called “No such team”."}],
        )
        refused = self.send(
            "post", f"/imports/{job['id']}/apply", self.owner, {"mode": "all_or_nothing"}
        )
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(self.get(f"/imports/{job['id']}", self.teammate).status_code, 404)
        with self.captureOnCommitCallbacks(execute=True):
            self.send("post", f"/imports/{job['id']}/apply", self.owner, {"mode": "keep_valid"})
        self.assertEqual(self.get(f"/imports/{job['id']}", self.owner).json()["created_count"], 1)
        self.assertTrue(Account.objects.filter(name="Globex").exists())


class ProfileAndOrganisationApiTest(ApiTestCase):
    def test_people_change_their_own_profile_but_not_their_role(self) -> None:
        response = self.send("patch", "/me", self.viewer, {"time_zone": "Asia/Tokyo"})
        self.assertEqual(response.json()["time_zone"], "Asia/Tokyo")
        refused = self.send("patch", "/me", self.viewer, {"role": "admin"})
        self.assertEqual(refused.json()["detail"][0]["loc"], ["body", "role"])  # not a field here
        self.viewer.refresh_from_db()
        self.assertEqual(self.viewer.role, "viewer")
        self.assertEqual(
            self.send("patch", "/me", self.viewer, {"time_zone": "Nowhere/Land"}).status_code, 422
        )

    def test_everyone_reads_the_organisation_and_only_admins_change_it(self) -> None:
        self.assertEqual(self.get("/organisation", self.viewer).json()["name"], "Northwind")
        self.assertEqual(
            self.send("patch", "/organisation", self.cx_lead, {"name": "X"}).status_code, 403
        )
        self.assertEqual(
            self.send("patch", "/organisation", self.admin, {"name": "Northwind Ltd"}).json()[
                "name"
            ],
            "Northwind Ltd",
        )
        self.assertEqual(self.get("/organisation", self.stranger).json()["name"], "Elsewhere")

    def test_the_organisation_names_the_currency_of_its_accounts_values(self) -> None:
        self.assertEqual(self.get("/organisation", self.viewer).json()["currency"], "EUR")
        changed = self.send("patch", "/organisation", self.admin, {"currency": "GBP"})
        self.assertEqual((changed.json()["currency"], changed.json()["name"]), ("GBP", "Northwind"))
        refused = self.send("patch", "/organisation", self.admin, {"currency": "XYZ"})
        self.assertEqual(refused.status_code, 422)
        self.assertIn("currency", str(refused.json()))
        self.assertEqual(self.get("/organisation", self.viewer).json()["currency"], "GBP")
