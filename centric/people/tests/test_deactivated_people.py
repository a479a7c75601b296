"""A deactivated person can no longer sign in but is still who they were: the owner of their
accounts, a lead or member of their teams. They are found by id, with ``is_active`` false, and
what refers to them can be sent back unchanged."""

from django.urls import reverse

from centric.core.models import AuditEvent
from tests.api.test_api import ApiTestCase


class DeactivatedPeopleApiTest(ApiTestCase):
    def setUp(self) -> None:
        self.owner.is_active = False  # owns Acme, leads Customer Success
        self.owner.save()

    def test_a_deactivated_person_is_found_by_id_and_says_so(self) -> None:
        account = self.get(f"/accounts/{self.account.pk}", self.teammate).json()
        person = self.get(f"/people/{account['owner_id']}", self.teammate)
        self.assertEqual(person.status_code, 200)
        self.assertEqual(
            (person.json()["email"], person.json()["is_active"]), ("owner@northwind.example", False)
        )
        self.assertTrue(self.get(f"/people/{self.teammate.pk}", self.teammate).json()["is_active"])

    def test_lists_hold_those_who_can_sign_in_unless_asked_for_the_deactivated(self) -> None:
        active = {item["email"] for item in self.get("/people", self.admin).json()["items"]}
        self.assertNotIn("owner@northwind.example", active)
        self.assertIn("teammate@northwind.example", active)
        gone = self.get("/people", self.admin, is_active="false").json()["items"]
        self.assertEqual([item["email"] for item in gone], ["owner@northwind.example"])

    def test_scope_still_applies(self) -> None:
        self.assertEqual(self.get(f"/people/{self.owner.pk}", self.stranger).status_code, 404)

    def test_an_account_sent_back_as_read_keeps_its_deactivated_owner(self) -> None:
        read = self.get(f"/accounts/{self.account.pk}", self.admin).json()
        sent = {
            name: read[name]
            for name in (
                "name",
                "external_id",
                "segment_id",
                "lifecycle_stage",
                "tier",
                "owner_id",
                "team_id",
                "country",
                "website",
                "notes",
            )
        }
        answer = self.send("patch", f"/accounts/{self.account.pk}", self.admin, sent)
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["owner_id"], self.owner.pk)

    def test_a_change_to_a_deactivated_owner_is_refused(self) -> None:
        self.account.owner = self.admin
        self.account.save()
        answer = self.send(
            "patch", f"/accounts/{self.account.pk}", self.admin, {"owner_id": self.owner.pk}
        )
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(answer.json()["detail"][0]["loc"], ["body", "owner_id"])

    def test_a_team_sent_back_as_read_keeps_its_deactivated_lead_and_member(self) -> None:
        read = self.get(f"/teams/{self.team.pk}", self.admin).json()
        self.assertIn(self.owner.pk, read["member_ids"])
        sent = {
            name: read[name]
            for name in (
                "name",
                "description",
                "business_unit_id",
                "lead_id",
                "member_ids",
                "serves_team_ids",
            )
        }
        answer = self.send("patch", f"/teams/{self.team.pk}", self.admin, sent)
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["lead_id"], self.owner.pk)
        refused = self.send(
            "patch", f"/teams/{self.finance.pk}", self.admin, {"member_ids": [self.owner.pk]}
        )
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["detail"][0]["loc"], ["body", "member_ids"])


class DeactivatingThroughTheApiTest(ApiTestCase):
    def test_an_admin_deactivates_and_reactivates_a_person_and_both_are_audited(self) -> None:
        answer = self.send("patch", f"/people/{self.teammate.pk}", self.admin, {"is_active": False})
        self.assertEqual((answer.status_code, answer.json()["is_active"]), (200, False))
        self.teammate.refresh_from_db()
        self.assertFalse(self.teammate.is_active)
        answer = self.send("patch", f"/people/{self.teammate.pk}", self.admin, {"is_active": True})
        self.assertTrue(answer.json()["is_active"])
        changes = [
            event.changes["is_active"]
            for event in AuditEvent.objects.filter(object_type="person", action="update").order_by(
                "at"
            )
        ]
        self.assertEqual(changes, [[True, False], [False, True]])

    def test_no_one_deactivates_themselves(self) -> None:
        answer = self.send("patch", f"/people/{self.admin.pk}", self.admin, {"is_active": False})
        self.assertEqual(answer.status_code, 403)
        self.assertEqual(answer.json()["detail"], "You cannot deactivate yourself.")
        self.admin.refresh_from_db()
        self.assertTrue(self.admin.is_active)

    def test_only_admins_deactivate(self) -> None:
        answer = self.send(
            "patch", f"/people/{self.teammate.pk}", self.cx_lead, {"is_active": False}
        )
        self.assertEqual(answer.status_code, 403)
        self.teammate.refresh_from_db()
        self.assertTrue(self.teammate.is_active)


class DeactivatedPeoplePagesTest(ApiTestCase):
    def test_a_deactivated_persons_page_says_so_and_offers_to_reactivate(self) -> None:
        self.teammate.is_active = False
        self.teammate.save()
        self.login(self.admin)
        page = self.client.get(reverse("people:person_detail", args=[self.teammate.pk]))
        self.assertContains(page, "Deactivated: can no longer sign in.")
        self.assertContains(page, reverse("people:person_reactivate", args=[self.teammate.pk]))
        self.client.post(reverse("people:person_reactivate", args=[self.teammate.pk]))
        self.teammate.refresh_from_db()
        self.assertTrue(self.teammate.is_active)

    def test_only_an_admin_reactivates(self) -> None:
        self.teammate.is_active = False
        self.teammate.save()
        self.login(self.cx_lead)
        answer = self.client.post(reverse("people:person_reactivate", args=[self.teammate.pk]))
        self.assertEqual(answer.status_code, 403)
        self.teammate.refresh_from_db()
        self.assertFalse(self.teammate.is_active)
