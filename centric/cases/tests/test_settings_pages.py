"""Case settings: business hours, SLA targets, the root-cause taxonomy and closing messages.
Admins change everything, CX leads read the policy (hours, SLA) and change the rest, members and
viewers are refused."""

from __future__ import annotations

from django.urls import reverse

from centric.cases.models import BusinessCalendar, ClosingTemplate, RootCause, SlaPolicy
from centric.core.models import AuditEvent
from centric.feedback.models import Survey
from tests.personas import PersonasTestCase

WEEK = {
    "time_zone": "Europe/Berlin",
    "holidays": "2026-12-25\n\n2026-12-24\n",
    **{f"open_{day}": "on" for day in range(5)},
    **{f"opens_{day}": "08:30" for day in range(7)},
    **{f"closes_{day}": "17:00" for day in range(7)},
}
TARGETS = {
    "urgent_first": "1",
    "urgent_resolution": "4",
    "high_first": "2",
    "high_resolution": "8",
    "normal_first": "4.5",
    "normal_resolution": "24",
    "low_first": "8",
    "low_resolution": "80",
}


class SettingsTestCase(PersonasTestCase):
    def cause(self, name: str = "Billing error") -> RootCause:
        return RootCause.objects.get(organisation=self.org, name=name)

    def pages(self) -> list[str]:
        return [
            reverse("cases:settings"),
            reverse("cases:settings_calendar"),
            reverse("cases:settings_sla"),
            reverse("cases:settings_root_causes"),
            reverse("cases:settings_root_cause_edit", args=[self.cause().pk]),
            reverse("cases:settings_closing_templates"),
            reverse("cases:settings_closing_template_edit", args=["de"]),
        ]


class SettingsAccessTest(SettingsTestCase):
    def test_admins_and_cx_leads_see_every_settings_page(self) -> None:
        for person in (self.admin, self.cx_lead):
            self.login(person)
            for url in self.pages():
                with self.subTest(person=person.email, url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_members_and_viewers_are_refused_everywhere(self) -> None:
        cause = self.cause()
        writes = [
            (reverse("cases:settings_calendar"), WEEK),
            (reverse("cases:settings_sla"), TARGETS),
            (reverse("cases:settings_root_causes"), {"name": "New"}),
            (reverse("cases:settings_root_cause_edit", args=[cause.pk]), {"name": "Renamed"}),
            (reverse("cases:settings_root_cause_active", args=[cause.pk]), {"active": "0"}),
            (
                reverse("cases:settings_closing_template_edit", args=["en"]),
                {"subject": "Hi", "body": "Hi {name}"},
            ),
        ]
        audit_before = AuditEvent.objects.count()
        for person in (self.owner, self.teammate, self.viewer):
            self.login(person)
            for url in self.pages():
                with self.subTest(person=person.email, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)
            for url, data in writes:
                with self.subTest(person=person.email, url=url):
                    self.assertEqual(self.client.post(url, data).status_code, 403)
        self.assertEqual(AuditEvent.objects.count(), audit_before)
        cause.refresh_from_db()
        self.assertEqual((cause.name, cause.active), ("Billing error", True))

    def test_the_settings_page_links_every_setting(self) -> None:
        self.login(self.admin)
        response = self.client.get(reverse("cases:settings"))
        for name in (
            "cases:rule_list",
            "cases:settings_calendar",
            "cases:settings_sla",
            "cases:settings_root_causes",
            "cases:settings_closing_templates",
            "cases:webhook_list",
        ):
            with self.subTest(name=name):
                self.assertContains(response, f'href="{reverse(name)}"')
        self.assertContains(response, "Urgent: first contact within 2 h, resolved within 8 h")
        self.login(self.cx_lead)
        response = self.client.get(reverse("cases:settings"))
        self.assertNotContains(response, reverse("cases:webhook_list"))

    def test_another_organisations_settings_stay_hidden(self) -> None:
        self.login(self.stranger)
        url = reverse("cases:settings_root_cause_edit", args=[self.cause().pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(url, {"name": "Mine now"}).status_code, 404)
        active = reverse("cases:settings_root_cause_active", args=[self.cause().pk])
        self.assertEqual(self.client.post(active, {"active": "0"}).status_code, 404)
        self.assertTrue(self.cause().active)


class CalendarTest(SettingsTestCase):
    def test_an_admin_sets_the_hours_closed_days_and_holidays(self) -> None:
        self.login(self.admin)
        data = {**WEEK, "opens_4": "09:00", "closes_4": "13:00"}
        response = self.client.post(reverse("cases:settings_calendar"), data)
        self.assertRedirects(response, reverse("cases:settings_calendar"))
        calendar = BusinessCalendar.objects.get(organisation=self.org)
        self.assertEqual(calendar.time_zone, "Europe/Berlin")
        self.assertEqual(calendar.hours["0"], ["08:30", "17:00"])
        self.assertEqual(calendar.hours["4"], ["09:00", "13:00"])
        self.assertNotIn("5", calendar.hours)
        self.assertEqual(calendar.holidays, ["2026-12-24", "2026-12-25"])
        event = AuditEvent.objects.get(object_type="business calendar")
        self.assertEqual(event.actor, self.admin)
        self.assertIn("hours", event.changes)
        page = self.client.get(reverse("cases:settings_calendar"))
        self.assertContains(page, "2026-12-24\n2026-12-25")

    def test_bad_hours_dates_and_zones_are_explained(self) -> None:
        self.login(self.admin)
        cases = [
            ({"opens_1": "18:00"}, "Tuesday: closing must come after opening."),
            ({"opens_2": ""}, "Wednesday: give the opening and closing times."),
            ({"holidays": "2026-12-25\n2026-02-30"}, "Line 2: “2026-02-30” is not a date"),
            ({"time_zone": "Mars/Olympus"}, "is not a known time zone"),
            ({f"open_{day}": "" for day in range(7)}, "Open on at least one day of the week."),
        ]
        for change, message in cases:
            with self.subTest(message=message):
                response = self.client.post(reverse("cases:settings_calendar"), {**WEEK, **change})
                self.assertContains(response, message)
        self.assertEqual(BusinessCalendar.objects.get(organisation=self.org).time_zone, "UTC")

    def test_cx_leads_read_the_hours_but_cannot_change_them(self) -> None:
        self.login(self.cx_lead)
        response = self.client.get(reverse("cases:settings_calendar"))
        self.assertContains(response, "Only an admin can change them.")
        self.assertContains(response, "disabled")
        self.assertNotContains(response, ">Save</button>")
        self.assertEqual(
            self.client.post(reverse("cases:settings_calendar"), WEEK).status_code, 403
        )


class SlaTest(SettingsTestCase):
    def test_an_admin_sets_the_targets_of_every_priority(self) -> None:
        self.login(self.admin)
        response = self.client.post(reverse("cases:settings_sla"), TARGETS)
        self.assertRedirects(response, reverse("cases:settings_sla"))
        policies = {
            p.priority: (str(p.first_contact_hours), str(p.resolution_hours))
            for p in SlaPolicy.objects.filter(organisation=self.org)
        }
        self.assertEqual(policies["normal"], ("4.50", "24.00"))
        self.assertEqual(policies["urgent"], ("1.00", "4.00"))
        self.assertTrue(AuditEvent.objects.filter(object_type="SLA policy").exists())

    def test_targets_must_be_positive_and_first_contact_comes_first(self) -> None:
        self.login(self.admin)
        response = self.client.post(
            reverse("cases:settings_sla"), {**TARGETS, "high_first": "0", "low_first": "90"}
        )
        self.assertContains(response, "Give more than 0 hours.")
        self.assertContains(response, "Low: resolution cannot be due before first contact.")
        policy = SlaPolicy.objects.get(organisation=self.org, priority="low")
        self.assertEqual(str(policy.first_contact_hours), "16.00")

    def test_cx_leads_read_the_targets_but_cannot_change_them(self) -> None:
        self.login(self.cx_lead)
        self.assertContains(self.client.get(reverse("cases:settings_sla")), 'value="16.00"')
        self.assertEqual(self.client.post(reverse("cases:settings_sla"), TARGETS).status_code, 403)


class RootCauseTest(SettingsTestCase):
    def test_a_cx_lead_adds_and_edits_root_causes(self) -> None:
        self.login(self.cx_lead)
        url = reverse("cases:settings_root_causes")
        parent = self.cause()
        response = self.client.post(
            url, {"name": "Duplicate charge", "description": "", "parent": parent.pk}
        )
        self.assertRedirects(response, url)
        child = self.cause("Duplicate charge")
        self.assertEqual(child.parent, parent)
        edit = reverse("cases:settings_root_cause_edit", args=[child.pk])
        self.client.post(edit, {"name": "Charged twice", "description": "Two invoices."})
        child.refresh_from_db()
        self.assertEqual((child.name, child.parent), ("Charged twice", None))
        self.assertEqual(AuditEvent.objects.filter(object_type="root cause").count(), 2)
        self.assertContains(self.client.get(url), "Charged twice")

    def test_names_are_unique(self) -> None:
        self.login(self.admin)
        response = self.client.post(reverse("cases:settings_root_causes"), {"name": "Other"})
        self.assertContains(response, "already exists")

    def test_a_category_cannot_sit_under_itself_or_its_own_sub_categories(self) -> None:
        top = self.cause()
        middle = RootCause.objects.create(organisation=self.org, name="Invoices", parent=top)
        RootCause.objects.create(organisation=self.org, name="Late invoices", parent=middle)
        self.login(self.admin)
        edit = reverse("cases:settings_root_cause_edit", args=[top.pk])
        for candidate in ("Billing error", "Invoices", "Late invoices"):
            parent = self.cause(candidate)
            with self.subTest(candidate=candidate):
                response = self.client.post(edit, {"name": "Billing error", "parent": parent.pk})
                self.assertContains(response, "Select a valid choice")
        top.refresh_from_db()
        self.assertIsNone(top.parent)

    def test_the_service_refuses_a_cycle_too(self) -> None:
        from django.core.exceptions import ValidationError

        from centric.cases.configuration import root_cause_save

        top = self.cause()
        child = RootCause.objects.create(organisation=self.org, name="Invoices", parent=top)
        with self.assertRaisesMessage(ValidationError, "cannot sit under itself"):
            root_cause_save(actor=self.admin, values={"parent": child}, cause=top)

    def test_a_root_cause_is_retired_and_offered_again(self) -> None:
        cause = self.cause()
        self.login(self.cx_lead)
        url = reverse("cases:settings_root_cause_active", args=[cause.pk])
        response = self.client.post(url, {"active": "0"}, follow=True)
        self.assertContains(response, "is retired")
        cause.refresh_from_db()
        self.assertFalse(cause.active)
        self.client.post(url, {"active": "1"})
        cause.refresh_from_db()
        self.assertTrue(cause.active)
        self.assertEqual(self.client.get(url).status_code, 405)


class ClosingTemplateTest(SettingsTestCase):
    def test_a_cx_lead_edits_a_message_and_chooses_the_resurvey(self) -> None:
        survey = Survey.objects.create(organisation=self.org, name="Pulse")
        self.login(self.cx_lead)
        url = reverse("cases:settings_closing_template_edit", args=["en"])
        data = {
            "subject": "About {case}",
            "body": "Dear {name},\n{resolution}\n{survey_link}\n{{braces}} stay\n{sender}",
            "resurvey": survey.pk,
        }
        self.assertRedirects(
            self.client.post(url, data), reverse("cases:settings_closing_templates")
        )
        template = ClosingTemplate.objects.get(organisation=self.org, language="en")
        self.assertEqual((template.subject, template.resurvey), ("About {case}", survey))
        self.assertTrue(AuditEvent.objects.filter(object_type="closing template").exists())
        self.assertContains(self.client.get(reverse("cases:settings_closing_templates")), "Pulse")

    def test_unknown_placeholders_and_lone_braces_are_explained(self) -> None:
        self.login(self.admin)
        url = reverse("cases:settings_closing_template_edit", args=["en"])
        response = self.client.post(url, {"subject": "Hi {customer}", "body": "Dear {name"})
        self.assertContains(
            response, "Unknown placeholder {customer}: use {name}, {family_name}, {case}"
        )
        self.assertContains(response, "does not pair up")
        response = self.client.post(url, {"subject": "Hi", "body": "{name!r} {sender:>9}"})
        self.assertContains(response, "Unknown placeholder {name!r}")
        self.assertContains(response, "Unknown placeholder {sender:&gt;9}")
        template = ClosingTemplate.objects.get(organisation=self.org, language="en")
        self.assertNotIn("customer", template.subject)

    def test_a_message_in_a_new_language_is_written(self) -> None:
        self.login(self.admin)
        url = reverse("cases:settings_closing_template_edit", args=["fr"])
        self.assertContains(self.client.get(url), "Closing message in French")
        self.client.post(url, {"subject": "Votre avis", "body": "Bonjour {name}"})
        template = ClosingTemplate.objects.get(organisation=self.org, language="fr")
        self.assertEqual(template.body, "Bonjour {name}")

    def test_unknown_languages_and_other_organisations_surveys_are_refused(self) -> None:
        self.login(self.admin)
        url = reverse("cases:settings_closing_template_edit", args=["xx"])
        self.assertEqual(self.client.get(url).status_code, 404)
        foreign = Survey.objects.create(organisation=self.other_org, name="Theirs")
        url = reverse("cases:settings_closing_template_edit", args=["en"])
        response = self.client.post(url, {"subject": "Hi", "body": "Hi", "resurvey": foreign.pk})
        self.assertContains(response, "Select a valid choice")
