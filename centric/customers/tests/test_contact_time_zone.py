"""A new contact starts in their organisation's time zone, not UTC, however they are added (the
page, the API, a file without a time zone); the contacts there are keep theirs."""

from __future__ import annotations

import json

from django.urls import reverse

from centric.core.models import Organisation
from centric.customers import imports
from centric.customers.models import Contact
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase


class ContactTimeZoneTest(PersonasTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Organisation.objects.filter(pk=cls.org.pk).update(time_zone="Europe/Berlin")

    def test_the_form_offers_the_organisations_time_zone(self) -> None:
        self.login(self.owner)
        form = self.client.get(reverse("customers:contact_create")).context["form"]
        self.assertEqual(form["time_zone"].value(), "Europe/Berlin")

    def test_editing_a_contact_shows_their_own(self) -> None:
        self.login(self.owner)
        response = self.client.get(reverse("customers:contact_edit", args=[self.contact.pk]))
        self.assertEqual(response.context["form"]["time_zone"].value(), "UTC")

    def test_the_api_gives_a_contact_added_without_one_the_organisations(self) -> None:
        _, secret = api_token_create(user=self.owner, name="test")
        response = self.client.post(
            "/api/contacts",
            json.dumps(
                {"account_id": self.account.pk, "first_name": "Dieter", "email": "d@acme.example"}
            ),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["time_zone"], "Europe/Berlin")

    def test_a_file_without_time_zones_gives_new_contacts_the_organisations(self) -> None:
        data = (
            "account,first_name,email\n"
            "Acme,Dieter,dieter@acme.example\n"
            "Acme,Carla,carla@acme.example\n"  # there already, in UTC
        )
        checked = imports.check(actor=self.owner, kind="contacts", data=data.encode())
        self.assertEqual(checked.errors, [])
        new, known = checked.valid
        self.assertEqual(new.values["time_zone"], "Europe/Berlin")
        self.assertNotIn("time_zone", known.values)

    def test_an_empty_time_zone_in_a_file_is_the_organisations_for_a_new_contact(self) -> None:
        data = "account,first_name,email,time_zone\nAcme,Dieter,dieter@acme.example,\n"
        checked = imports.check(actor=self.owner, kind="contacts", data=data.encode())
        self.assertEqual(checked.valid[0].values["time_zone"], "Europe/Berlin")

    def test_a_time_zone_given_is_kept(self) -> None:
        data = "account,first_name,email,time_zone\nAcme,Dieter,dieter@acme.example,Asia/Tokyo\n"
        checked = imports.check(actor=self.owner, kind="contacts", data=data.encode())
        self.assertEqual(checked.valid[0].values["time_zone"], "Asia/Tokyo")

    def test_a_contact_there_already_cannot_be_left_without_one(self) -> None:
        data = "account,first_name,email,time_zone\nAcme,Carla,carla@acme.example,\n"
        checked = imports.check(actor=self.owner, kind="contacts", data=data.encode())
        self.assertEqual(
            [(error.column, error.message) for error in checked.errors],
            [("time_zone", "This field is required.")],
        )
        self.assertEqual(Contact.objects.get(pk=self.contact.pk).time_zone, "UTC")
