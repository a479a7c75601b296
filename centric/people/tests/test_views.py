from django.core import mail
from django.urls import reverse

from centric.core.models import AuditEvent, Role
from centric.people.models import ApiToken, BusinessUnit, Team, User
from tests.personas import PersonasTestCase


class TeamPagesTest(PersonasTestCase):
    def test_a_member_sees_their_team_and_the_teams_it_serves(self) -> None:
        self.login(self.outsider)
        response = self.client.get(reverse("people:team_list"))
        self.assertContains(response, "Finance")
        self.assertContains(response, "Customer Success")  # Finance serves it: an internal customer

    def test_a_member_does_not_see_unrelated_teams(self) -> None:
        other = Team.objects.create(organisation=self.org, name="Legal")
        self.login(self.teammate)
        self.assertNotContains(self.client.get(reverse("people:team_list")), "Legal")
        self.assertEqual(
            self.client.get(reverse("people:team_detail", args=[other.pk])).status_code, 404
        )

    def test_the_team_page_shows_whom_it_serves_and_who_serves_it(self) -> None:
        self.login(self.teammate)
        response = self.client.get(reverse("people:team_detail", args=[self.team.pk]))
        self.assertContains(response, "Served by")
        self.assertContains(response, "Finance")

    def test_another_organisations_team_is_not_found(self) -> None:
        self.login(self.stranger)
        self.assertEqual(
            self.client.get(reverse("people:team_detail", args=[self.team.pk])).status_code, 404
        )

    def test_the_list_renders_only_the_table_for_htmx(self) -> None:
        self.login(self.admin)
        response = self.client.get(
            reverse("people:team_list"),
            {"q": "fin"},
            HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET="results",
        )
        self.assertNotContains(response, "<html")
        self.assertContains(response, "Finance")
        self.assertNotContains(response, "Customer Success")

    def test_a_cx_lead_creates_a_team_and_it_becomes_a_customer(self) -> None:
        self.login(self.cx_lead)
        response = self.client.post(
            reverse("people:team_create"), {"name": "Legal", "serves": [self.team.pk]}
        )
        team = Team.objects.get(name="Legal")
        self.assertRedirects(response, reverse("people:team_detail", args=[team.pk]))
        self.assertEqual(list(team.serves.all()), [self.team])
        self.assertEqual(team.customer.kind, "internal")
        self.assertTrue(AuditEvent.objects.filter(action="create", object_type="team").exists())

    def test_a_member_cannot_create_a_team(self) -> None:
        self.login(self.teammate)
        self.assertEqual(self.client.get(reverse("people:team_create")).status_code, 403)
        self.assertEqual(
            self.client.post(reverse("people:team_create"), {"name": "X"}).status_code, 403
        )
        self.assertFalse(Team.objects.filter(name="X").exists())

    def test_team_names_are_unique_in_an_organisation(self) -> None:
        self.login(self.admin)
        response = self.client.post(reverse("people:team_create"), {"name": "Finance"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "already exists")

    def test_the_lead_edits_their_team_and_the_change_is_audited(self) -> None:
        self.login(self.owner)
        response = self.client.post(
            reverse("people:team_edit", args=[self.team.pk]),
            {
                "name": "Customer Success",
                "description": "We keep customers",
                "lead": self.owner.pk,
                "members": [self.owner.pk, self.teammate.pk],
            },
        )
        self.assertRedirects(response, reverse("people:team_detail", args=[self.team.pk]))
        event = AuditEvent.objects.get(action="update", object_type="team")
        self.assertEqual(event.actor, self.owner)
        self.assertEqual(event.changes["description"], ["", "We keep customers"])
        self.assertEqual(len(event.changes["members"][0]), 3)
        self.assertEqual(len(event.changes["members"][1]), 2)

    def test_a_teammate_cannot_edit_the_team(self) -> None:
        self.login(self.teammate)
        self.assertEqual(
            self.client.get(reverse("people:team_edit", args=[self.team.pk])).status_code, 403
        )

    def test_an_outsider_cannot_edit_a_team_they_cannot_see(self) -> None:
        other = Team.objects.create(organisation=self.org, name="Legal")
        self.login(self.outsider)
        self.assertEqual(
            self.client.get(reverse("people:team_edit", args=[other.pk])).status_code, 404
        )

    def test_a_team_cannot_serve_itself(self) -> None:
        self.login(self.admin)
        response = self.client.post(
            reverse("people:team_edit", args=[self.team.pk]),
            {"name": "Customer Success", "serves": [self.team.pk]},
        )
        self.assertEqual(response.status_code, 200)  # the form refuses the choice
        self.assertFalse(self.team.serves.exists())


class BusinessUnitPagesTest(PersonasTestCase):
    def test_an_admin_creates_and_edits_a_business_unit(self) -> None:
        self.login(self.admin)
        self.client.post(reverse("people:business_unit_create"), {"name": "Operations"})
        created = BusinessUnit.objects.get(name="Operations")
        self.client.post(reverse("people:business_unit_edit", args=[created.pk]), {"name": "Ops"})
        created.refresh_from_db()
        self.assertEqual(created.name, "Ops")
        self.assertContains(self.client.get(reverse("people:business_unit_list")), "Ops")

    def test_a_cx_lead_cannot_create_a_business_unit(self) -> None:
        self.login(self.cx_lead)
        self.assertEqual(
            self.client.post(reverse("people:business_unit_create"), {"name": "X"}).status_code, 403
        )


class PersonPagesTest(PersonasTestCase):
    def test_a_member_sees_the_people_of_their_teams_only(self) -> None:
        self.login(self.teammate)
        response = self.client.get(reverse("people:person_list"))
        self.assertContains(response, self.owner.email)
        self.assertNotContains(response, self.admin.email)
        self.assertEqual(
            self.client.get(reverse("people:person_detail", args=[self.admin.pk])).status_code, 404
        )

    def test_an_admin_sees_everyone_in_the_organisation_but_no_one_else(self) -> None:
        self.login(self.admin)
        response = self.client.get(reverse("people:person_list"))
        self.assertContains(response, self.outsider.email)
        self.assertNotContains(response, self.stranger.email)
        self.assertEqual(
            self.client.get(reverse("people:person_detail", args=[self.stranger.pk])).status_code,
            404,
        )

    def test_an_admin_adds_a_person_who_is_invited_by_email(self) -> None:
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("people:person_create"),
                {
                    "first_name": "Nina",
                    "email": "nina@northwind.example",
                    "role": Role.MEMBER,
                    "language": "de",
                    "time_zone": "Europe/Berlin",
                    "teams": [self.team.pk],
                },
            )
        person = User.objects.get(email="nina@northwind.example")
        self.assertRedirects(response, reverse("people:person_detail", args=[person.pk]))
        self.assertEqual(person.organisation, self.org)
        self.assertFalse(person.has_usable_password())
        self.assertEqual(list(person.teams.all()), [self.team])
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("/reset/", mail.outbox[0].body)

    def test_a_cx_lead_cannot_add_people(self) -> None:
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(reverse("people:person_create")).status_code, 403)

    def test_an_admin_changes_a_role_and_it_is_audited(self) -> None:
        self.login(self.admin)
        self.client.post(
            reverse("people:person_edit", args=[self.teammate.pk]),
            {
                "first_name": "Tom",
                "email": self.teammate.email,
                "role": Role.CX_LEAD,
                "language": "en",
                "time_zone": "UTC",
                "teams": [self.team.pk],
            },
        )
        self.teammate.refresh_from_db()
        self.assertEqual(self.teammate.role, Role.CX_LEAD)
        event = AuditEvent.objects.get(object_type="person", action="update")
        self.assertEqual(event.changes["role"], ["Member", "CX lead"])

    def test_a_member_cannot_edit_people(self) -> None:
        self.login(self.owner)
        self.assertEqual(
            self.client.get(reverse("people:person_edit", args=[self.teammate.pk])).status_code, 403
        )

    def test_deactivating_takes_a_post_and_an_admin(self) -> None:
        self.login(self.admin)
        url = reverse("people:person_deactivate", args=[self.teammate.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.post(url)
        self.teammate.refresh_from_db()
        self.assertFalse(self.teammate.is_active)

    def test_a_member_cannot_deactivate_anyone(self) -> None:
        self.login(self.owner)
        self.assertEqual(
            self.client.post(
                reverse("people:person_deactivate", args=[self.teammate.pk])
            ).status_code,
            403,
        )


class ApiTokenPagesTest(PersonasTestCase):
    def test_a_new_token_is_shown_once_and_stored_hashed(self) -> None:
        self.login(self.owner)
        response = self.client.post(reverse("people:api_tokens"), {"name": "CRM sync"})
        token = ApiToken.objects.get(user=self.owner)
        secret = response.context["created_secret"]
        self.assertTrue(secret.startswith("cen_"))
        self.assertContains(response, secret)
        self.assertNotEqual(token.digest, secret)
        self.assertEqual(token.digest, ApiToken.digest_of(secret))
        self.assertNotContains(self.client.get(reverse("people:api_tokens")), secret)

    def test_people_revoke_their_own_tokens_only(self) -> None:
        from centric.people.services import api_token_create

        token, _ = api_token_create(user=self.owner, name="mine")
        self.login(self.teammate)
        self.assertEqual(
            self.client.post(reverse("people:api_token_revoke", args=[token.pk])).status_code, 404
        )
        self.login(self.owner)
        self.client.post(reverse("people:api_token_revoke", args=[token.pk]))
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked_at)


class ProfileAndOrganisationTest(PersonasTestCase):
    def test_everyone_edits_their_own_profile(self) -> None:
        self.login(self.viewer)
        response = self.client.post(
            reverse("people:profile"),
            {
                "first_name": "Vera",
                "last_name": "V",
                "job_title": "Analyst",
                "language": "de",
                "time_zone": "Europe/Berlin",
            },
        )
        self.assertRedirects(response, reverse("people:profile"))
        self.viewer.refresh_from_db()
        self.assertEqual((self.viewer.first_name, self.viewer.time_zone), ("Vera", "Europe/Berlin"))

    def test_a_profile_cannot_change_email_or_role(self) -> None:
        self.login(self.viewer)
        self.client.post(
            reverse("people:profile"),
            {
                "first_name": "V",
                "language": "en",
                "time_zone": "UTC",
                "role": "admin",
                "email": "x@y.example",
            },
        )
        self.viewer.refresh_from_db()
        self.assertEqual(
            (self.viewer.role, self.viewer.email), (Role.VIEWER, "viewer@northwind.example")
        )

    def test_an_admin_renames_the_organisation_and_it_is_audited(self) -> None:
        self.login(self.admin)
        response = self.client.post(
            reverse("organisation_settings"),
            {"name": "Northwind Ltd", "time_zone": "Europe/London", "currency": "GBP"},
        )
        self.assertRedirects(response, reverse("organisation_settings"))
        self.org.refresh_from_db()
        self.assertEqual((self.org.name, self.org.currency), ("Northwind Ltd", "GBP"))
        # the accounts' values are given in it
        self.account.annual_value = 120_000
        self.account.save()
        detail = self.client.get(self.account.get_absolute_url())
        self.assertContains(detail, "<dd>GBP 120,000</dd>", html=True)
        self.assertContains(self.client.get(reverse("home")), "GBP 120,000")
        self.assertEqual(
            AuditEvent.objects.get(object_type="organisation").changes["name"],
            ["Northwind", "Northwind Ltd"],
        )

    def test_only_admins_change_the_organisation(self) -> None:
        self.login(self.cx_lead)
        self.assertEqual(self.client.get(reverse("organisation_settings")).status_code, 403)
        self.assertEqual(
            self.client.post(
                reverse("organisation_settings"), {"name": "X", "time_zone": "UTC"}
            ).status_code,
            403,
        )
