"""The rule pages: the list everyone reads, the editor admins and CX leads use, its preview over
real feedback, and back-filling a rule over history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from unittest import mock

from django.urls import reverse

from centric.cases.models import Case, Rule
from centric.core.models import AuditEvent
from centric.customers.models import Customer
from centric.feedback.models import JourneyStage, Response
from centric.insights.models import ResponseAnalysis, ThemeMention
from tests.personas import PersonasTestCase

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
Row = tuple[str, str, str]


def rule_data(
    name: str = "Unhappy about billing",
    all_rows: Iterable[Row] = (),
    any_rows: Iterable[Row] = (),
    **fields: str,
) -> dict[str, str]:
    """The editor's form as a browser posts it."""
    data = {
        "name": name,
        "description": "",
        "active": "on",
        "priority": "high",
        "owner_strategy": "customer_owner",
        "team": "",
        "person": "",
        "notify_owner": "on",
        "first_contact_hours": "",
        "resolution_hours": "",
        "tags": "Billing, detractor",
        "action": "save",
    }
    for prefix, rows in (("all", list(all_rows)), ("any", list(any_rows))):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "20",
            }
        )
        for index, (field, op, value) in enumerate(rows):
            data.update(
                {
                    f"{prefix}-{index}-field": field,
                    f"{prefix}-{index}-op": op,
                    f"{prefix}-{index}-value": value,
                }
            )
    data.update(fields)
    return data


DETRACTORS: list[Row] = [("score", "lte", "6")]
ABOUT_BILLING: list[Row] = [("themes", "includes", "Billing"), ("text", "contains", "cancel")]


class RulePagesTestCase(PersonasTestCase):
    def setUp(self) -> None:
        clock = mock.patch("centric.core.clock.now", return_value=NOW)
        clock.start()
        self.addCleanup(clock.stop)

    def feedback(
        self,
        comment: str,
        *,
        score: int | None,
        days_ago: float = 1,
        themes: Iterable[str] = (),
        sentiment: str = "negative",
    ) -> Response:
        """A piece of Acme's feedback as the workers leave it: analysed, with its themes."""
        response = Response.objects.create(
            organisation=self.org,
            channel=Response.Channel.API,
            kind=Response.Kind.REVIEW,
            customer=Customer.objects.get(account=self.account),
            contact=self.contact,
            score=score,
            score_type="nps" if score is not None else "",
            comment=comment,
            responded_at=NOW - dt.timedelta(days=days_ago),
            submitted_at=NOW - dt.timedelta(days=days_ago),
        )
        ResponseAnalysis.objects.create(
            organisation=self.org,
            response=response,
            sentiment_label=sentiment,
            sentiment_score=-0.6 if sentiment == "negative" else 0.6,
            engine_version="test",
            analysed_at=NOW,
        )
        for theme in themes:
            ThemeMention.objects.create(
                organisation=self.org,
                response=response,
                theme=theme,
                confidence=0.9,
                sentiment_label=sentiment,
                sentiment_score=-0.5,
            )
        return response

    def rule(self, name: str = "Detractors", **values: Any) -> Rule:
        defaults: dict[str, Any] = {"conditions_all": [{"field": "score", "op": "lte", "value": 6}]}
        return Rule.objects.create(organisation=self.org, name=name, **{**defaults, **values})

    def changes(self) -> tuple[int, int, int]:
        return Rule.objects.count(), Case.objects.count(), AuditEvent.objects.count()


class RuleListTest(RulePagesTestCase):
    def test_everyone_in_the_organisation_reads_the_rules_in_words(self) -> None:
        rule = self.rule(conditions_any=[{"field": "churn_risk", "op": "is_true", "value": None}])
        for person in (self.admin, self.cx_lead, self.owner, self.viewer):
            self.login(person)
            response = self.client.get(reverse("cases:rule_list"))
            with self.subTest(person=person.email):
                self.assertContains(response, rule.name)
                self.assertContains(response, "All of: Score is at most 6")
                self.assertContains(response, "and any of: Churn-risk flag is set")
                self.assertContains(response, "the customer’s owner")

    def test_only_admins_and_cx_leads_are_offered_changes(self) -> None:
        self.rule()
        self.login(self.owner)
        response = self.client.get(reverse("cases:rule_list"))
        self.assertNotContains(response, reverse("cases:rule_create"))
        self.assertNotContains(response, "Pause")
        self.login(self.cx_lead)
        response = self.client.get(reverse("cases:rule_list"))
        self.assertContains(response, reverse("cases:rule_create"))
        self.assertContains(response, "Pause")

    def test_it_counts_the_cases_each_rule_opened(self) -> None:
        rule = self.rule()
        self.feedback("Too slow", score=2)
        from centric.cases.routing import rule_backfill

        rule_backfill(rule=rule, days=30)
        self.login(self.viewer)
        response = self.client.get(reverse("cases:rule_list"))
        self.assertContains(response, '<td class="num">1</td>', html=True)

    def test_another_organisations_rules_stay_hidden(self) -> None:
        rule = self.rule(name="Northwind only")
        self.login(self.stranger)
        self.assertNotContains(self.client.get(reverse("cases:rule_list")), "Northwind only")
        for name in ("cases:rule_edit", "cases:rule_delete"):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name, args=[rule.pk])).status_code, 404)
        for name in ("cases:rule_change", "cases:rule_backfill"):
            with self.subTest(name=name):
                url = reverse(name, args=[rule.pk])
                response = self.client.post(url, {"action": "deactivate", "days": "30"})
                self.assertEqual(response.status_code, 404)
        rule.refresh_from_db()
        self.assertTrue(rule.active)


class RuleEditorPermissionTest(RulePagesTestCase):
    def test_members_and_viewers_cannot_write_rules(self) -> None:
        rule = self.rule()
        for person in (self.owner, self.teammate, self.viewer):
            self.login(person)
            before = self.changes()
            requests = [
                ("get", reverse("cases:rule_create"), {}),
                ("post", reverse("cases:rule_create"), rule_data(all_rows=DETRACTORS)),
                ("get", reverse("cases:rule_edit", args=[rule.pk]), {}),
                (
                    "post",
                    reverse("cases:rule_edit", args=[rule.pk]),
                    rule_data(all_rows=DETRACTORS),
                ),
                ("get", reverse("cases:rule_delete", args=[rule.pk]), {}),
                ("post", reverse("cases:rule_delete", args=[rule.pk]), {}),
                ("post", reverse("cases:rule_change", args=[rule.pk]), {"action": "deactivate"}),
                ("post", reverse("cases:rule_change", args=[rule.pk]), {"action": "down"}),
                ("post", reverse("cases:rule_backfill", args=[rule.pk]), {"days": "30"}),
            ]
            for method, url, data in requests:
                with self.subTest(person=person.email, method=method, url=url):
                    response = getattr(self.client, method)(url, data)
                    self.assertEqual(response.status_code, 403)
            self.assertEqual(self.changes(), before)
        rule.refresh_from_db()
        self.assertEqual((rule.name, rule.active), ("Detractors", True))

    def test_admins_and_cx_leads_open_the_editor(self) -> None:
        rule = self.rule()
        for person in (self.admin, self.cx_lead):
            self.login(person)
            with self.subTest(person=person.email):
                self.assertContains(self.client.get(reverse("cases:rule_create")), "New rule")
                response = self.client.get(reverse("cases:rule_edit", args=[rule.pk]))
                self.assertContains(response, "Edit the rule Detractors")
                self.assertContains(response, 'value="6"')


class RuleSavingTest(RulePagesTestCase):
    def test_a_cx_lead_writes_a_rule_with_conditions_in_both_lists(self) -> None:
        self.rule(name="Earlier", position=4)
        self.login(self.cx_lead)
        data = rule_data(all_rows=DETRACTORS, any_rows=ABOUT_BILLING, first_contact_hours="2")
        response = self.client.post(reverse("cases:rule_create"), data)
        self.assertRedirects(response, reverse("cases:rule_list"))
        rule = Rule.objects.get(name="Unhappy about billing")
        self.assertEqual(rule.conditions_all, [{"field": "score", "op": "lte", "value": 6}])
        self.assertEqual(
            rule.conditions_any,
            [
                {"field": "themes", "op": "includes", "value": ["billing"]},
                {"field": "text", "op": "contains", "value": ["cancel"]},
            ],
        )
        self.assertEqual(
            (rule.priority, rule.tags, rule.position), ("high", ["billing", "detractor"], 5)
        )
        self.assertEqual(str(rule.first_contact_hours), "2.00")
        event = AuditEvent.objects.get(object_type="rule", action=AuditEvent.Action.CREATE)
        self.assertEqual(event.actor, self.cx_lead)

    def test_each_bad_row_is_reported_at_its_row_and_nothing_is_saved(self) -> None:
        self.login(self.admin)
        rows: list[Row] = [
            ("score", "lte", "six"),
            ("segment", "lte", "enterprise"),
            ("tier", "in", " , "),
            ("", "in", "billing"),
        ]
        response = self.client.post(reverse("cases:rule_create"), rule_data(all_rows=rows))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Score: &#x27;six&#x27; is not a number")
        self.assertContains(response, "Segment cannot be compared with “is at most”")
        self.assertContains(response, "Account tier: give at least one value")
        self.assertContains(response, "Choose the field this condition looks at.")
        self.assertEqual(response.content.decode().count('class="row-errors"'), 4)
        self.assertContains(response, "The rule was not saved")
        self.assertFalse(Rule.objects.exists())

    def test_a_rule_needs_a_condition(self) -> None:
        self.login(self.admin)
        response = self.client.post(reverse("cases:rule_create"), rule_data())
        self.assertContains(response, "Add at least one condition")
        self.assertFalse(Rule.objects.exists())

    def test_the_owner_strategy_needs_what_it_names(self) -> None:
        self.login(self.admin)
        for strategy, message in (
            ("round_robin", "Round robin needs the team"),
            ("person", "Choose the person"),
        ):
            data = rule_data(all_rows=DETRACTORS, owner_strategy=strategy)
            with self.subTest(strategy=strategy):
                self.assertContains(self.client.post(reverse("cases:rule_create"), data), message)
        data = rule_data(all_rows=DETRACTORS, first_contact_hours="10", resolution_hours="4")
        response = self.client.post(reverse("cases:rule_create"), data)
        self.assertContains(response, "Resolution cannot be due before first contact.")
        self.assertFalse(Rule.objects.exists())

    def test_round_robin_in_a_team_is_saved_with_the_team(self) -> None:
        self.login(self.admin)
        data = rule_data(all_rows=DETRACTORS, owner_strategy="round_robin", team=str(self.team.pk))
        self.client.post(reverse("cases:rule_create"), data)
        self.assertEqual(Rule.objects.get().team, self.team)

    def test_blank_and_removed_rows_are_left_out(self) -> None:
        self.login(self.admin)
        rows: list[Row] = [("", "", ""), ("score", "lte", "6"), ("urgent", "is_true", "")]
        data = {**rule_data(all_rows=rows), "all-2-DELETE": "on"}
        self.assertEqual(self.client.post(reverse("cases:rule_create"), data).status_code, 302)
        self.assertEqual(Rule.objects.get().conditions_all, [DETRACTOR_CONDITION])

    def test_an_edited_rule_keeps_its_place_and_the_change_is_audited(self) -> None:
        rule = self.rule(position=3)
        self.login(self.admin)
        data = rule_data(name="Detractors", all_rows=[("score", "lte", "4")])
        self.client.post(reverse("cases:rule_edit", args=[rule.pk]), data)
        rule.refresh_from_db()
        self.assertEqual((rule.conditions_all[0]["value"], rule.position), (4, 3))
        event = AuditEvent.objects.get(object_type="rule", action=AuditEvent.Action.UPDATE)
        self.assertIn("conditions_all", event.changes)

    def test_two_rules_cannot_share_a_name(self) -> None:
        self.rule(name="Detractors")
        self.login(self.admin)
        data = rule_data(name="Detractors", all_rows=DETRACTORS)
        self.assertContains(self.client.post(reverse("cases:rule_create"), data), "already exists")

    def test_adding_a_condition_shows_one_more_blank_row_and_saves_nothing(self) -> None:
        self.login(self.admin)
        data = rule_data(name="", all_rows=DETRACTORS, action="add_all")
        response = self.client.post(reverse("cases:rule_create"), data)
        self.assertContains(response, 'name="all-TOTAL_FORMS" value="2"')
        self.assertContains(response, 'name="any-TOTAL_FORMS" value="1"')
        self.assertNotContains(response, "This field is required")
        self.assertFalse(Rule.objects.exists())


DETRACTOR_CONDITION = {"field": "score", "op": "lte", "value": 6}


class RulePreviewTest(RulePagesTestCase):
    def test_the_preview_counts_what_the_rule_would_have_opened_in_the_last_30_days(self) -> None:
        for days_ago in (1, 5, 29):
            self.feedback(
                f"Billing was wrong ({days_ago})", score=3, days_ago=days_ago, themes=["billing"]
            )
        self.feedback("Billing was wrong long ago", score=2, days_ago=31, themes=["billing"])
        self.feedback("Billing is fine now", score=9, themes=["billing"], sentiment="positive")
        self.feedback("Slow delivery", score=4, themes=["delivery"])
        self.login(self.cx_lead)
        before = self.changes()
        data = rule_data(
            name="",
            all_rows=DETRACTORS,
            any_rows=[("themes", "includes", "billing")],
            action="preview",
        )
        response = self.client.post(reverse("cases:rule_create"), data)
        self.assertContains(
            response,
            "This rule would have opened 3 cases in the last 30 days</strong> (of 5 responses)",
        )
        self.assertContains(response, "Billing was wrong (1)")
        self.assertContains(response, "Billing was wrong (29)")
        self.assertNotContains(response, "long ago")
        self.assertNotContains(response, "Slow delivery")
        self.assertNotContains(response, "This field is required")  # the name can wait
        self.assertEqual(self.changes(), before)

    def test_the_preview_shows_at_most_five_examples_newest_first(self) -> None:
        for day in range(1, 8):
            self.feedback(f"Complaint from day {day}", score=1, days_ago=day)
        self.login(self.admin)
        data = rule_data(all_rows=DETRACTORS, action="preview")
        text = self.client.post(reverse("cases:rule_create"), data).content.decode()
        self.assertIn("would have opened 7 cases", text)
        shown = [day for day in range(1, 8) if f"Complaint from day {day}<" in text]
        self.assertEqual(shown, [1, 2, 3, 4, 5])
        self.assertLess(text.index("day 1<"), text.index("day 5<"))

    def test_the_preview_escapes_what_customers_wrote(self) -> None:
        self.feedback("<script>alert('x')</script> you overcharged me", score=0)
        self.login(self.admin)
        data = rule_data(all_rows=DETRACTORS, action="preview")
        response = self.client.post(reverse("cases:rule_create"), data)
        self.assertNotContains(response, "<script>alert")
        self.assertContains(response, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")

    def test_previewing_an_edited_rule_changes_nothing(self) -> None:
        rule = self.rule()
        self.feedback("Awful", score=1)
        self.feedback("Meh", score=5)
        self.login(self.admin)
        before = self.changes()
        data = rule_data(name="Renamed", all_rows=[("score", "lte", "2")], action="preview")
        response = self.client.post(reverse("cases:rule_edit", args=[rule.pk]), data)
        self.assertContains(response, "would have opened 1 case in the last 30 days")
        self.assertContains(response, 'value="Renamed"')  # the form keeps what was typed
        rule.refresh_from_db()
        self.assertEqual((rule.name, rule.conditions_all), ("Detractors", [DETRACTOR_CONDITION]))
        self.assertEqual(self.changes(), before)

    def test_a_preview_of_bad_conditions_shows_their_errors(self) -> None:
        self.login(self.admin)
        data = rule_data(all_rows=[("score", "lte", "low")], action="preview")
        response = self.client.post(reverse("cases:rule_create"), data)
        self.assertContains(response, "is not a number")
        self.assertNotContains(response, "would have opened")

    def test_members_cannot_preview(self) -> None:
        self.login(self.owner)
        data = rule_data(all_rows=DETRACTORS, action="preview")
        self.assertEqual(self.client.post(reverse("cases:rule_create"), data).status_code, 403)

    def test_the_editor_offers_the_organisations_own_values(self) -> None:
        JourneyStage.objects.get_or_create(organisation=self.org, name="Onboarding")
        response = self.feedback("Invoices", score=3, themes=["Invoice accuracy"])
        ResponseAnalysis.objects.filter(response=response).update(journey_stage="renewal")
        self.login(self.admin)
        text = self.client.get(reverse("cases:rule_create")).content.decode()
        for value in (
            "Enterprise",
            "Onboarding",
            "renewal",
            "Invoice accuracy",
            "wish",
        ):
            with self.subTest(value=value):
                self.assertIn(f'<option value="{value}">', text)
        # the fields whose values are fixed offer them to tick instead (``RuleChoicesTest``)
        self.assertNotIn('id="values-tier"', text)


class RuleChoicesTest(RulePagesTestCase):
    """A choice field's values are codes in the stored rule and labels on the pages."""

    def test_the_list_reads_each_value_by_its_label(self) -> None:
        self.rule(
            conditions_all=[{"field": "tier", "op": "in", "value": ["key", "strategic"]}],
            conditions_any=[
                {"field": "tier", "op": "not_in", "value": ["long_tail"]},
                {"field": "kind", "op": "in", "value": ["ticket"]},
            ],
        )
        self.login(self.viewer)
        response = self.client.get(reverse("cases:rule_list"))
        self.assertContains(response, "All of: Account tier is one of Strategic or Key")
        self.assertContains(
            response, "and any of: Account tier is not Long tail; Feedback kind is Support ticket"
        )
        self.assertNotContains(response, "long_tail")

    def test_the_editor_offers_a_choice_fields_values_to_tick_by_their_labels(self) -> None:
        rule = self.rule(conditions_all=[{"field": "tier", "op": "in", "value": ["long_tail"]}])
        self.login(self.admin)
        response = self.client.get(reverse("cases:rule_edit", args=[rule.pk]))
        self.assertContains(
            response,
            '<input type="checkbox" name="all-0-value" value="long_tail" id="id_all-0-value_3" '
            "checked>",
            html=True,
        )
        self.assertContains(response, "Long tail")
        self.assertContains(response, 'role="group" aria-label="Must-hold condition 1: value"')
        self.assertNotContains(response, 'type="text" name="all-0-value"')

    def test_the_ticked_values_are_saved_as_codes(self) -> None:
        self.login(self.cx_lead)
        data = {**rule_data(all_rows=[("tier", "in", "")]), "all-0-value": ["strategic", "key"]}
        response = self.client.post(reverse("cases:rule_create"), data, follow=True)
        self.assertEqual(
            Rule.objects.get().conditions_all,
            [{"field": "tier", "op": "in", "value": ["key", "strategic"]}],
        )
        self.assertContains(response, "Account tier is one of Strategic or Key")

    def test_a_value_the_field_does_not_take_is_refused_with_the_values_it_takes(self) -> None:
        self.login(self.admin)
        rows: list[Row] = [("tier", "in", "key, gold")]
        response = self.client.post(reverse("cases:rule_create"), rule_data(all_rows=rows))
        self.assertContains(
            response,
            "Account tier: unknown value &#x27;gold&#x27;; use strategic, key, core, long_tail",
        )
        self.assertContains(response, 'value="key" id="id_all-0-value_1"')
        self.assertFalse(Rule.objects.exists())

    def test_choosing_a_field_shows_its_values_and_saves_nothing(self) -> None:
        self.login(self.admin)
        data = rule_data(all_rows=[("channel", "", "")], action="refresh")
        response = self.client.post(reverse("cases:rule_create"), data)
        self.assertContains(response, 'value="import" id="id_all-0-value_2"')
        self.assertContains(response, "Email invitation")
        self.assertNotContains(response, "This field is required")
        self.assertNotContains(response, 'class="row-errors"')
        self.assertFalse(Rule.objects.exists())


class RuleChangesTest(RulePagesTestCase):
    def test_a_rule_is_paused_and_activated_again(self) -> None:
        rule = self.rule()
        self.login(self.cx_lead)
        url = reverse("cases:rule_change", args=[rule.pk])
        self.client.post(url, {"action": "deactivate"})
        rule.refresh_from_db()
        self.assertFalse(rule.active)
        self.client.post(url, {"action": "activate"})
        rule.refresh_from_db()
        self.assertTrue(rule.active)
        self.assertEqual(AuditEvent.objects.filter(object_type="rule").count(), 2)

    def test_rules_move_up_and_down_the_order(self) -> None:
        first, second, third = (self.rule(name=name, position=0) for name in "ABC")
        self.login(self.admin)
        self.client.post(reverse("cases:rule_change", args=[third.pk]), {"action": "up"})
        order = list(Rule.objects.order_by("position").values_list("name", flat=True))
        self.assertEqual(order, ["A", "C", "B"])
        self.client.post(reverse("cases:rule_change", args=[first.pk]), {"action": "up"})
        self.client.post(reverse("cases:rule_change", args=[first.pk]), {"action": "down"})
        order = list(Rule.objects.order_by("position").values_list("name", flat=True))
        self.assertEqual(order, ["C", "A", "B"])
        self.assertEqual(second.pk, Rule.objects.get(name="B").pk)

    def test_deleting_a_rule_keeps_the_cases_it_opened(self) -> None:
        rule = self.rule()
        self.feedback("Bad", score=1)
        from centric.cases.routing import rule_backfill

        rule_backfill(rule=rule, days=30)
        self.login(self.admin)
        self.assertContains(
            self.client.get(reverse("cases:rule_delete", args=[rule.pk])), "The 1 case it opened"
        )
        response = self.client.post(reverse("cases:rule_delete", args=[rule.pk]))
        self.assertRedirects(response, reverse("cases:rule_list"))
        self.assertFalse(Rule.objects.exists())
        self.assertIsNone(Case.objects.get().rule)
        self.assertTrue(AuditEvent.objects.filter(object_type="rule", action="delete").exists())

    def test_get_changes_nothing(self) -> None:
        rule = self.rule()
        self.login(self.admin)
        for name in ("cases:rule_change", "cases:rule_backfill"):
            with self.subTest(name=name):
                url = reverse(name, args=[rule.pk])
                self.assertEqual(self.client.get(url).status_code, 405)


class BackfillTest(RulePagesTestCase):
    def test_a_backfill_opens_the_rules_cases_once(self) -> None:
        rule = self.rule(tags=["backfilled"])
        matching = [
            self.feedback(f"Bad {n}", score=n, days_ago=days) for n, days in enumerate((1, 15, 35))
        ]
        self.feedback("Great", score=10)
        self.login(self.cx_lead)
        url = reverse("cases:rule_backfill", args=[rule.pk])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"days": "25"})
        self.assertRedirects(response, rule.get_absolute_url())
        cases = Case.objects.order_by("response_id")
        self.assertEqual([case.response for case in cases], matching[:2])
        self.assertEqual({(case.rule, case.owner) for case in cases}, {(rule, self.owner)})
        self.assertEqual(cases[0].tags, ["backfilled"])

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"days": "25"}, follow=True)
        self.assertContains(response, "Opening cases for the last 25 days")
        self.assertEqual(Case.objects.count(), 2)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"days": "40"})
        self.assertEqual(Case.objects.count(), 3)
        requests = AuditEvent.objects.filter(
            object_type="rule", changes__has_key="back-filled days"
        )
        self.assertEqual(requests.count(), 3)

    def test_a_paused_rule_or_a_bad_number_of_days_opens_nothing(self) -> None:
        rule = self.rule()
        self.feedback("Bad", score=1)
        self.login(self.admin)
        url = reverse("cases:rule_backfill", args=[rule.pk])
        for days in ("0", "400", "many"):
            with self.subTest(days=days), self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(url, {"days": days}, follow=True)
                self.assertContains(response, 'class="error"')
        Rule.objects.filter(pk=rule.pk).update(active=False)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"days": "30"}, follow=True)
        self.assertContains(response, "Activate the rule before opening cases with it.")
        self.assertFalse(Case.objects.exists())


class InternalCustomerTest(RulePagesTestCase):
    def test_an_internal_customers_complaint_opens_a_case_for_the_team_that_serves_it(
        self,
    ) -> None:
        self.login(self.cx_lead)
        rows: list[Row] = [("customer_kind", "in", "internal"), ("score", "lte", "6")]
        self.client.post(reverse("cases:rule_create"), rule_data(all_rows=rows))
        rule = Rule.objects.get()
        complaint = self.feedback("Finance takes weeks to approve a refund", score=3)
        complaint.customer = Customer.objects.get(
            team=self.team
        )  # Customer Success, served by Finance
        complaint.save()
        self.feedback("Acme is unhappy too, but is external", score=2)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("cases:rule_backfill", args=[rule.pk]), {"days": "30"})
        case = Case.objects.get()
        self.assertEqual((case.response, case.team), (complaint, self.finance))
        self.assertEqual(case.owner, self.outsider)  # Finance has no lead: its member takes it
