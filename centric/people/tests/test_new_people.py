"""A new person starts in their organisation's time zone, not UTC (added on the page, through
the API or by ``createsuperuser``), and ``createsuperuser`` asks for the first admin's name,
which their invitations go out under."""

from __future__ import annotations

import json
import os
from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command
from django.urls import reverse

from centric.core.models import Organisation, Role
from centric.people.models import User
from centric.people.services import api_token_create
from tests.personas import PersonasTestCase


class TimeZoneTest(PersonasTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Organisation.objects.filter(pk=cls.org.pk).update(time_zone="Europe/Berlin")

    def test_the_form_offers_the_organisations_time_zone(self) -> None:
        self.login(self.admin)
        form = self.client.get(reverse("people:person_create")).context["form"]
        self.assertEqual(form["time_zone"].value(), "Europe/Berlin")

    def test_the_form_keeps_the_time_zone_chosen(self) -> None:
        self.login(self.admin)
        self.client.post(
            reverse("people:person_create"),
            {"first_name": "Ana", "email": "ana@northwind.example", "role": Role.MEMBER}
            | {"language": "pt", "time_zone": "America/Sao_Paulo"},
        )
        self.assertEqual(
            User.objects.get(email="ana@northwind.example").time_zone, "America/Sao_Paulo"
        )

    def test_the_api_gives_a_person_added_without_one_the_organisations(self) -> None:
        _, secret = api_token_create(user=self.admin, name="test")
        response = self.client.post(
            "/api/people",
            json.dumps({"email": "nina@northwind.example", "first_name": "Nina"}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["time_zone"], "Europe/Berlin")

    def test_a_change_to_someone_leaves_their_time_zone_and_needs_one(self) -> None:
        _, secret = api_token_create(user=self.admin, name="test")
        response = self.client.patch(
            f"/api/people/{self.teammate.pk}",
            json.dumps({"time_zone": ""}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
        self.assertEqual(response.status_code, 422)
        self.teammate.refresh_from_db()
        self.assertEqual(self.teammate.time_zone, "UTC")

    def test_a_second_admin_made_by_createsuperuser_gets_the_organisations(self) -> None:
        superuser(email="second@northwind.example", first_name="Sam", last_name="Second")
        second = User.objects.get(email="second@northwind.example")
        self.assertEqual((second.organisation, second.time_zone), (self.org, "Europe/Berlin"))


def superuser(**names: str) -> None:
    """``createsuperuser --noinput``, as a script runs it, with the DJANGO_SUPERUSER_*
    variables it reads."""
    env = {f"DJANGO_SUPERUSER_{name.upper()}": value for name, value in names.items()}
    with mock.patch.dict(os.environ, {**env, "DJANGO_SUPERUSER_PASSWORD": "a long secret 2026"}):
        call_command("createsuperuser", interactive=False, stdout=StringIO())


class CreateSuperuserTest(PersonasTestCase):
    def test_the_first_admin_is_made_with_their_name(self) -> None:
        superuser(email="it-admin@acme.example", first_name="Ines", last_name="Tan")
        admin = User.objects.get(email="it-admin@acme.example")
        self.assertEqual((str(admin), admin.role), ("Ines Tan", Role.ADMIN))
        self.assertTrue(admin.check_password("a long secret 2026"))

    def test_without_input_it_needs_a_first_name(self) -> None:
        with self.assertRaisesMessage(CommandError, "You must use --first_name with --noinput"):
            superuser(email="it-admin@acme.example")
        self.assertFalse(User.objects.filter(email="it-admin@acme.example").exists())

    def test_a_last_name_may_be_left_empty(self) -> None:
        superuser(email="it-admin@acme.example", first_name="Ines", last_name="")
        self.assertEqual(str(User.objects.get(email="it-admin@acme.example")), "Ines")

    def test_asked_at_a_terminal_it_asks_for_the_name(self) -> None:
        """The terminal is played by answering its prompts: a test has none of its own."""
        answers = {
            "Email address: ": "it-admin@acme.example",
            "First name: ": "Ines",
            "Last name: ": "Tan",
        }
        asked: list[str] = []

        def answer(prompt: str) -> str:
            asked.append(prompt)
            return answers[prompt]

        terminal = mock.Mock(isatty=lambda: True)
        with (
            mock.patch("builtins.input", answer),
            mock.patch("getpass.getpass", return_value="a long secret 2026"),
        ):
            call_command("createsuperuser", stdin=terminal, stdout=StringIO())
        self.assertEqual(asked, list(answers))
        self.assertEqual(str(User.objects.get(email="it-admin@acme.example")), "Ines Tan")
