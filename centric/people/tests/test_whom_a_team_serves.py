"""Which teams a team serves decides who sees whose people and customers, so only admins and CX
leads change it; a team's lead changes the rest of their team, on the page and through the API."""

from django.urls import reverse

from centric.people.models import Team
from tests.api.test_api import ApiTestCase


class WhomATeamServesTest(ApiTestCase):
    """The owner leads Customer Success, which serves no team; Finance serves it."""

    def test_a_lead_cannot_widen_their_teams_view_through_the_api(self) -> None:
        answer = self.send(
            "patch", f"/teams/{self.team.pk}", self.owner, {"serves_team_ids": [self.finance.pk]}
        )
        self.assertEqual(answer.status_code, 403)
        self.assertIn("Only an admin or a CX lead", answer.json()["detail"])
        self.assertFalse(self.team.serves.exists())
        people = {item["email"] for item in self.get("/people", self.owner).json()["items"]}
        self.assertNotIn("outsider@northwind.example", people)

    def test_a_lead_still_changes_the_rest_and_may_send_whom_it_serves_unchanged(self) -> None:
        answer = self.send(
            "patch",
            f"/teams/{self.team.pk}",
            self.owner,
            {"description": "Keeps customers", "serves_team_ids": []},
        )
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["description"], "Keeps customers")

    def test_an_admin_and_a_cx_lead_change_whom_a_team_serves(self) -> None:
        for user in (self.admin, self.cx_lead):
            with self.subTest(user=user.email):
                self.team.serves.clear()
                answer = self.send(
                    "patch",
                    f"/teams/{self.team.pk}",
                    user,
                    {"serves_team_ids": [self.finance.pk]},
                )
                self.assertEqual(answer.status_code, 200, answer.content)
                self.assertEqual(list(self.team.serves.all()), [self.finance])

    def test_on_the_page_a_lead_sees_whom_it_serves_but_cannot_change_it(self) -> None:
        legal = Team.objects.create(organisation=self.org, name="Legal")
        self.login(self.owner)
        url = reverse("people:team_edit", args=[self.team.pk])
        form = self.client.get(url).context["form"]
        self.assertTrue(form.fields["serves"].disabled)
        answer = self.client.post(
            url,
            {
                "name": "Customer Success",
                "lead": self.owner.pk,
                "members": [self.owner.pk, self.teammate.pk],
                "description": "Keeps customers",
                "serves": [legal.pk, self.finance.pk],
            },
        )
        self.assertRedirects(answer, reverse("people:team_detail", args=[self.team.pk]))
        self.team.refresh_from_db()
        self.assertEqual(self.team.description, "Keeps customers")
        self.assertFalse(self.team.serves.exists())

    def test_on_the_page_a_cx_lead_changes_it(self) -> None:
        self.login(self.cx_lead)
        url = reverse("people:team_edit", args=[self.team.pk])
        self.assertFalse(self.client.get(url).context["form"].fields["serves"].disabled)
        self.client.post(
            url, {"name": "Customer Success", "lead": self.owner.pk, "serves": [self.finance.pk]}
        )
        self.assertEqual(list(self.team.serves.all()), [self.finance])

    def test_a_lead_keeps_what_their_team_serves_when_saving_the_page(self) -> None:
        self.team.serves.add(self.finance)
        self.login(self.owner)
        self.client.post(
            reverse("people:team_edit", args=[self.team.pk]),
            {"name": "Customer Success", "lead": self.owner.pk, "members": [self.owner.pk]},
        )
        self.assertEqual(list(self.team.serves.all()), [self.finance])
