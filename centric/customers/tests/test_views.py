from django.urls import reverse

from centric.core.models import AuditEvent
from centric.customers.models import Account, Contact, Customer
from tests.factories import AccountFactory
from tests.personas import PersonasTestCase


class CustomerListTest(PersonasTestCase):
    def test_external_and_internal_customers_share_one_list(self) -> None:
        self.login(self.admin)
        response = self.client.get(reverse("customers:customer_list"))
        self.assertContains(response, "Acme")
        self.assertContains(response, "Customer Success")  # served by Finance

    def test_a_member_sees_the_internal_customers_their_team_serves(self) -> None:
        self.login(self.outsider)  # in Finance, which serves Customer Success
        response = self.client.get(reverse("customers:customer_list"))
        self.assertContains(response, "Customer Success")
        self.assertNotContains(response, "Acme")

    def test_the_kind_filter_narrows_the_list(self) -> None:
        self.login(self.admin)
        response = self.client.get(reverse("customers:customer_list"), {"kind": "internal"})
        self.assertNotContains(response, "Acme")

    def test_a_customer_link_leads_to_its_account_or_team(self) -> None:
        self.login(self.owner)
        customer = Customer.objects.get(account=self.account)
        self.assertRedirects(
            self.client.get(reverse("customers:customer_detail", args=[customer.pk])),
            reverse("customers:account_detail", args=[self.account.pk]),
        )

    def test_a_customer_outside_the_scope_is_not_found(self) -> None:
        self.login(self.outsider)
        customer = Customer.objects.get(account=self.account)
        self.assertEqual(
            self.client.get(reverse("customers:customer_detail", args=[customer.pk])).status_code,
            404,
        )


class AccountPagesTest(PersonasTestCase):
    def test_the_owner_and_the_teammate_see_the_account(self) -> None:
        for person in (self.owner, self.teammate, self.viewer, self.cx_lead):
            self.login(person)
            response = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))
            self.assertContains(response, "Acme")
            self.assertContains(response, "Carla")

    def test_an_outsider_and_a_stranger_get_not_found(self) -> None:
        for person in (self.outsider, self.stranger):
            self.login(person)
            response = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))
            self.assertEqual(response.status_code, 404)
            self.assertNotContains(self.client.get(reverse("customers:account_list")), "Acme")

    def test_filters_and_search_narrow_the_list(self) -> None:
        AccountFactory.create(
            organisation=self.org, name="Globex", team=self.team, lifecycle_stage="at_risk"
        )
        self.login(self.owner)
        url = reverse("customers:account_list")
        self.assertNotContains(self.client.get(url, {"q": "glob"}), "Acme")
        self.assertContains(self.client.get(url, {"stage": "at_risk"}), "Globex")
        self.assertNotContains(self.client.get(url, {"segment": self.segment.pk}), "Globex")

    def test_free_text_is_escaped(self) -> None:
        self.account.notes = "<script>alert('x')</script>"
        self.account.save()
        self.login(self.owner)
        response = self.client.get(reverse("customers:account_detail", args=[self.account.pk]))
        self.assertNotContains(response, "<script>alert")
        self.assertContains(response, "&lt;script&gt;")

    def test_a_member_creates_an_account_they_own(self) -> None:
        self.login(self.teammate)
        response = self.client.post(
            reverse("customers:account_create"),
            {
                "name": "Initech",
                "owner": self.teammate.pk,
                "lifecycle_stage": "onboarding",
                "tier": "core",
                "annual_value": "12000",
                "country": "de",
            },
        )
        account = Account.objects.get(name="Initech")
        self.assertRedirects(response, reverse("customers:account_detail", args=[account.pk]))
        self.assertEqual(account.country, "DE")
        self.assertEqual(account.customer.kind, "external")
        self.assertTrue(AuditEvent.objects.filter(object_type="account", action="create").exists())

    def test_a_member_cannot_create_an_account_they_would_not_see(self) -> None:
        self.login(self.teammate)
        response = self.client.post(
            reverse("customers:account_create"),
            {
                "name": "Initech",
                "owner": self.outsider.pk,
                "lifecycle_stage": "active",
                "tier": "core",
            },
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Account.objects.filter(name="Initech").exists())

    def test_a_viewer_cannot_create_or_edit(self) -> None:
        self.login(self.viewer)
        self.assertEqual(self.client.get(reverse("customers:account_create")).status_code, 403)
        self.assertEqual(
            self.client.get(reverse("customers:account_edit", args=[self.account.pk])).status_code,
            403,
        )

    def test_a_bad_value_is_reported_on_its_field_and_nothing_is_saved(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            reverse("customers:account_edit", args=[self.account.pk]),
            {
                "name": "Acme",
                "lifecycle_stage": "active",
                "tier": "core",
                "annual_value": "lots",
                "country": "Germany",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFormError(response.context["form"], "annual_value", "Enter a number.")
        self.assertIn("country", response.context["form"].errors)
        self.account.refresh_from_db()
        self.assertIsNone(self.account.annual_value)

    def test_the_teammate_edits_the_account_and_the_change_is_audited(self) -> None:
        self.login(self.teammate)
        self.client.post(
            reverse("customers:account_edit", args=[self.account.pk]),
            {
                "name": "Acme Corp",
                "lifecycle_stage": "at_risk",
                "tier": "key",
                "owner": self.owner.pk,
                "team": self.team.pk,
                "segment": self.segment.pk,
            },
        )
        event = AuditEvent.objects.get(object_type="account", action="update")
        self.assertEqual(event.changes["name"], ["Acme", "Acme Corp"])
        self.assertEqual(event.changes["lifecycle_stage"], ["Active", "At risk"])
        self.assertEqual(event.actor, self.teammate)

    def test_an_outsider_cannot_edit_it(self) -> None:
        self.login(self.outsider)
        response = self.client.post(
            reverse("customers:account_edit", args=[self.account.pk]), {"name": "Mine"}
        )
        self.assertEqual(response.status_code, 404)

    def test_deleting_asks_first_and_needs_a_cx_lead(self) -> None:
        url = reverse("customers:account_delete", args=[self.account.pk])
        self.login(self.owner)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.cx_lead)
        self.assertContains(self.client.get(url), "cannot be undone")
        self.assertTrue(Account.objects.filter(pk=self.account.pk).exists())
        self.assertRedirects(self.client.post(url), reverse("customers:account_list"))
        self.assertFalse(Account.objects.filter(pk=self.account.pk).exists())
        self.assertFalse(Contact.objects.filter(pk=self.contact.pk).exists())
        self.assertTrue(AuditEvent.objects.filter(object_type="account", action="delete").exists())


class ContactPagesTest(PersonasTestCase):
    def test_the_teammate_sees_the_contact_and_the_outsider_does_not(self) -> None:
        url = reverse("customers:contact_detail", args=[self.contact.pk])
        self.login(self.teammate)
        self.assertContains(self.client.get(url), "carla@acme.example")
        self.login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertNotContains(self.client.get(reverse("customers:contact_list")), "Carla")

    def test_contacts_filter_by_language(self) -> None:
        self.contact.language = "de"
        self.contact.save()
        self.login(self.owner)
        self.assertContains(
            self.client.get(reverse("customers:contact_list"), {"language": "de"}), "Carla"
        )
        self.assertNotContains(
            self.client.get(reverse("customers:contact_list"), {"language": "fr"}), "Carla"
        )

    def test_a_member_adds_a_contact_to_an_account_they_see(self) -> None:
        self.login(self.teammate)
        response = self.client.post(
            reverse("customers:contact_create"),
            {
                "account": self.account.pk,
                "first_name": "Dieter",
                "email": "dieter@acme.example",
                "influence": "decision_maker",
                "preferred_channel": "phone",
                "language": "de",
                "time_zone": "Europe/Berlin",
                "working_hours_start": "08:00",
                "working_hours_end": "16:30",
            },
        )
        contact = Contact.objects.get(email="dieter@acme.example")
        self.assertRedirects(response, reverse("customers:contact_detail", args=[contact.pk]))
        self.assertEqual(contact.time_zone, "Europe/Berlin")

    def test_a_contact_cannot_go_to_an_account_outside_the_scope(self) -> None:
        self.login(self.outsider)
        response = self.client.post(
            reverse("customers:contact_create"),
            {
                "account": self.account.pk,
                "first_name": "Eve",
                "email": "eve@acme.example",
                "influence": "user",
                "preferred_channel": "email",
                "language": "en",
                "time_zone": "UTC",
                "working_hours_start": "09:00",
                "working_hours_end": "17:00",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("account", response.context["form"].errors)
        self.assertFalse(Contact.objects.filter(email="eve@acme.example").exists())

    def test_working_hours_and_time_zones_are_validated(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            reverse("customers:contact_edit", args=[self.contact.pk]),
            {
                "account": self.account.pk,
                "first_name": "Carla",
                "email": "carla@acme.example",
                "influence": "user",
                "preferred_channel": "email",
                "language": "en",
                "time_zone": "Mars/Olympus",
                "working_hours_start": "17:00",
                "working_hours_end": "09:00",
            },
        )
        form = response.context["form"]
        self.assertIn("time_zone", form.errors)
        self.assertIn("working_hours_end", form.errors)

    def test_a_viewer_cannot_delete_a_contact(self) -> None:
        self.login(self.viewer)
        self.assertEqual(
            self.client.post(
                reverse("customers:contact_delete", args=[self.contact.pk])
            ).status_code,
            403,
        )
        self.assertTrue(Contact.objects.filter(pk=self.contact.pk).exists())

    def test_the_owner_deletes_a_contact(self) -> None:
        self.login(self.owner)
        self.client.post(reverse("customers:contact_delete", args=[self.contact.pk]))
        self.assertFalse(Contact.objects.filter(pk=self.contact.pk).exists())


class SegmentPagesTest(PersonasTestCase):
    def test_a_cx_lead_adds_a_segment(self) -> None:
        self.login(self.cx_lead)
        self.client.post(reverse("customers:segment_list"), {"name": "Public sector"})
        self.assertContains(self.client.get(reverse("customers:segment_list")), "Public sector")

    def test_a_cx_lead_renames_a_segment_and_a_member_cannot(self) -> None:
        url = reverse("customers:segment_edit", args=[self.segment.pk])
        self.login(self.owner)
        self.assertEqual(self.client.post(url, {"name": "Large"}).status_code, 403)
        self.login(self.cx_lead)
        self.assertRedirects(
            self.client.post(url, {"name": "Large"}), reverse("customers:segment_list")
        )
        self.segment.refresh_from_db()
        self.assertEqual(self.segment.name, "Large")
        self.login(self.stranger)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_member_cannot_add_a_segment(self) -> None:
        self.login(self.owner)
        self.assertEqual(
            self.client.post(reverse("customers:segment_list"), {"name": "X"}).status_code, 403
        )
