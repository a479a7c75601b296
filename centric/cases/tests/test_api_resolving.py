"""Resolving a case through the API, as on its page: recording the root cause and the resolution,
reading the root causes and the rules a case's ids point at, and following a case."""

from __future__ import annotations

from typing import Any

from centric.cases.models import CaseEvent, RootCause, Rule
from centric.cases.tests.test_api import CaseApiTestCase


class CauseApiTest(CaseApiTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.billing = RootCause.objects.get(organisation=self.org, name="Billing error")

    def record(self, user: object, **body: object) -> Any:
        values = {"root_cause_id": self.billing.pk, "resolution": "Refunded the charge.", **body}
        return self.post(self.case_url("/cause"), user, values)

    def test_the_owner_records_the_cause_and_then_resolves_the_case(self) -> None:
        response = self.record(self.owner, resolution="  Refunded the charge. ")
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(
            (body["root_cause_id"], body["resolution"]), (self.billing.pk, "Refunded the charge.")
        )
        event = self.acme_case.events.get(kind=CaseEvent.Kind.ROOT_CAUSE)
        self.assertEqual(
            (event.actor, event.data, event.text),
            (
                self.owner,
                {"root_cause": "Billing error", "root_cause_id": self.billing.pk},
                "Refunded the charge.",
            ),
        )
        resolved = self.post(self.case_url("/transition"), self.owner, {"state": "resolved"})
        self.assertEqual(resolved.status_code, 200, resolved.content)
        self.assertEqual(resolved.json()["state"], "resolved")

    def test_a_teammate_may_record_it_too(self) -> None:
        self.assertEqual(self.record(self.teammate).status_code, 200)

    def test_only_an_offered_root_cause_of_the_organisation_and_a_resolution_are_taken(
        self,
    ) -> None:
        retired = RootCause.objects.create(organisation=self.org, name="Old", active=False)
        theirs = RootCause.objects.create(organisation=self.other_org, name="Theirs")
        for body, field in (
            ({"root_cause_id": retired.pk}, "root_cause_id"),
            ({"root_cause_id": theirs.pk}, "root_cause_id"),
            ({"root_cause_id": 999_999}, "root_cause_id"),
            ({"resolution": "   "}, "resolution"),
        ):
            with self.subTest(body=body):
                response = self.record(self.owner, **body)
                self.assertEqual(response.status_code, 422, response.content)
                [error] = response.json()["detail"]
                self.assertEqual(error["loc"], ["body", field])
        self.acme_case.refresh_from_db()
        self.assertEqual((self.acme_case.root_cause, self.acme_case.resolution), (None, ""))

    def test_a_misspelt_field_is_refused_rather_than_left_out(self) -> None:
        response = self.post(
            self.case_url("/cause"), self.owner, {"root_cause": self.billing.pk, "resolution": "x"}
        )
        self.assertEqual(response.status_code, 422, response.content)
        self.assertIn(["body", "root_cause"], [error["loc"] for error in response.json()["detail"]])
        self.acme_case.refresh_from_db()
        self.assertIsNone(self.acme_case.root_cause)

    def test_a_viewer_may_not_and_an_outsider_or_stranger_cannot_find_the_case(self) -> None:
        for user, status in ((self.viewer, 403), (self.outsider, 404), (self.stranger, 404)):
            with self.subTest(user=user.email):
                self.assertEqual(self.record(user).status_code, status)
        self.assertFalse(self.acme_case.events.exists())


class RootCauseApiTest(CaseApiTestCase):
    def test_everyone_in_the_organisation_reads_its_root_causes_those_offered_first(self) -> None:
        retired = RootCause.objects.create(organisation=self.org, name="Aardvarks", active=False)
        RootCause.objects.create(organisation=self.other_org, name="Theirs")
        names = list(
            RootCause.objects.filter(organisation=self.org, active=True)
            .order_by("name")
            .values_list("name", flat=True)
        )
        for user in (self.viewer, self.outsider, self.owner, self.admin):
            with self.subTest(user=user.email):
                body = self.get("/cases/root-causes", user).json()
                self.assertEqual([item["name"] for item in body["items"]], [*names, retired.name])
                self.assertFalse(body["items"][-1]["active"])
        offered = self.get("/cases/root-causes", self.owner, active="true").json()
        self.assertEqual([item["name"] for item in offered["items"]], names)
        theirs = self.get("/cases/root-causes", self.stranger).json()["items"]
        self.assertIn("Theirs", [item["name"] for item in theirs])
        ours = set(RootCause.objects.filter(organisation=self.org).values_list("pk", flat=True))
        self.assertFalse(ours & {item["id"] for item in theirs})

    def test_a_cases_root_cause_id_is_one_of_them(self) -> None:
        self.acme_case.root_cause = RootCause.objects.get(organisation=self.org, name="Other")
        self.acme_case.save()
        cause_id = self.get(self.case_url(), self.viewer).json()["root_cause_id"]
        ids = [item["id"] for item in self.get("/cases/root-causes", self.viewer).json()["items"]]
        self.assertIn(cause_id, ids)


class RuleApiTest(CaseApiTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.rule = Rule.objects.create(
            organisation=self.org,
            name="Detractors",
            conditions_all=[{"field": "score", "op": "lte", "value": 6}],
            owner_strategy=Rule.OwnerStrategy.ROUND_ROBIN,
            team=self.team,
            priority="high",
            tags=["nps"],
        )
        self.acme_case.rule = self.rule
        self.acme_case.save()
        self.theirs = Rule.objects.create(organisation=self.other_org, name="Theirs")

    def test_everyone_in_the_organisation_reads_the_rules_as_on_the_rules_page(self) -> None:
        for user in (self.viewer, self.outsider, self.owner, self.cx_lead):
            with self.subTest(user=user.email):
                [rule] = self.get("/cases/rules", user).json()["items"]
                self.assertEqual(
                    rule,
                    {
                        "id": self.rule.pk,
                        "name": "Detractors",
                        "active": True,
                        "position": 0,
                        "conditions_all": [{"field": "score", "op": "lte", "value": 6}],
                        "conditions_any": [],
                        "owner_strategy": "round_robin",
                        "team_id": self.team.pk,
                        "person_id": None,
                        "priority": "high",
                        "tags": ["nps"],
                        "case_count": 1,
                    },
                )
                one = self.get(f"/cases/rules/{self.rule.pk}", user)
                self.assertEqual(one.status_code, 200)
                self.assertEqual(one.json(), rule)

    def test_a_cases_rule_id_is_one_of_them_and_another_organisations_rules_are_404(
        self,
    ) -> None:
        rule_id = self.get(self.case_url(), self.owner).json()["rule_id"]
        self.assertEqual(self.get(f"/cases/rules/{rule_id}", self.owner).status_code, 200)
        self.assertEqual(self.get(f"/cases/rules/{self.theirs.pk}", self.owner).status_code, 404)
        self.assertEqual(self.get(f"/cases/rules/{self.rule.pk}", self.stranger).status_code, 404)
        [theirs] = self.get("/cases/rules", self.stranger).json()["items"]
        self.assertEqual(theirs["id"], self.theirs.pk)

    def test_the_api_reads_rules_and_changes_none(self) -> None:
        created = self.post("/cases/rules", self.admin, {"name": "New"})
        self.assertEqual(created.status_code, 405)
        self.assertEqual(Rule.objects.filter(organisation=self.org).count(), 1)


class WatchApiTest(CaseApiTestCase):
    def watch(self, user: object, method: str = "post") -> Any:
        call = getattr(self.client, method)
        return call(f"/api{self.case_url('/watch')}", headers=self.as_(user))

    def test_anyone_who_sees_the_case_may_follow_it_and_stop(self) -> None:
        for user in (self.viewer, self.teammate, self.admin):
            with self.subTest(user=user.email):
                followed = self.watch(user)
                self.assertEqual(followed.status_code, 200, followed.content)
                self.assertTrue(followed.json()["watching"])
                self.assertIn(user.pk, followed.json()["watcher_ids"])
                self.assertIn(user, self.acme_case.watchers.all())
                again = self.watch(user)
                self.assertEqual(again.json()["watcher_ids"].count(user.pk), 1)
                stopped = self.watch(user, "delete")
                self.assertEqual(stopped.status_code, 200)
                self.assertEqual(stopped.json()["watching"], False)
                self.assertNotIn(user, self.acme_case.watchers.all())

    def test_a_follower_hears_of_a_change_of_state(self) -> None:
        self.watch(self.viewer)
        self.post(self.case_url("/transition"), self.owner, {"state": "in_progress"})
        self.assertTrue(self.viewer.notifications.filter(case=self.acme_case).exists())

    def test_an_outsider_or_stranger_cannot_find_the_case_to_follow(self) -> None:
        for user in (self.outsider, self.stranger):
            for method in ("post", "delete"):
                with self.subTest(user=user.email, method=method):
                    self.assertEqual(self.watch(user, method).status_code, 404)
        self.assertFalse(self.acme_case.watchers.exists())
