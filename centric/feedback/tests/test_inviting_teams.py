"""Inviting teams to rate a team: each person answers for the team they were invited with (the
first of those chosen, as the form lists them, when they are in two), and the form offers the
teams the rated team serves first, ticked, and never the rated team itself."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.urls import reverse

from centric.feedback import services
from centric.feedback.forms import InviteForm
from centric.feedback.models import Invitation, Survey
from centric.people.models import Team, User
from tests.api.test_api import ApiTestCase
from tests.factories import TeamFactory, UserFactory


class InvitingTeamsTestCase(ApiTestCase):
    """Harry is in Zulu Guild and People & Culture, Fleur in Zulu Guild and Account Management;
    Finance serves Customer Success and Zulu Guild."""

    harry: User
    fleur: User
    zulu: Team
    people_and_culture: Team
    account_management: Team

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.harry = UserFactory.create(
            organisation=cls.org, email="harry@northwind.example", first_name="Harry"
        )
        cls.fleur = UserFactory.create(
            organisation=cls.org, email="fleur@northwind.example", first_name="Fleur"
        )
        team = {"organisation": cls.org}
        cls.zulu = TeamFactory.create(**team, name="Zulu Guild", members=[cls.harry, cls.fleur])
        cls.people_and_culture = TeamFactory.create(
            **team, name="People & Culture", members=[cls.harry]
        )
        cls.account_management = TeamFactory.create(
            **team, name="Account Management", members=[cls.fleur]
        )
        cls.finance.serves.add(cls.zulu)

    def rating(self, team: Team) -> Survey:
        return services.survey_create_from_template(
            actor=self.cx_lead,
            template="internal-customer",
            values={"name": f"How {team} serves us", "subject_team": team},
        )

    def invited_for(self, survey: Survey) -> dict[str, str]:
        return {
            invitation.email: str(invitation.customer.team)
            for invitation in Invitation.objects.filter(survey=survey)
        }


class InvitedForTheTeamChosenTest(InvitingTeamsTestCase):
    def test_someone_in_two_teams_answers_for_the_team_they_were_invited_with(self) -> None:
        survey = self.rating(self.finance)
        self.login(self.admin)
        self.client.post(
            reverse("feedback:survey_invite", args=[survey.pk]), {"teams": [self.zulu.pk]}
        )
        self.assertEqual(
            self.invited_for(survey),
            {"harry@northwind.example": "Zulu Guild", "fleur@northwind.example": "Zulu Guild"},
        )
        listed = self.client.get(reverse("feedback:survey_invitations", args=[survey.pk]))
        self.assertNotContains(listed, "People &amp; Culture")
        self.assertNotContains(listed, "Account Management")

    def test_the_api_carries_the_team_chosen_too(self) -> None:
        survey = self.rating(self.finance)
        answer = self.send(
            "post",
            f"/surveys/{survey.pk}/invitations",
            self.cx_lead,
            {"team_ids": [self.zulu.pk]},
        )
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(
            self.invited_for(survey),
            {"harry@northwind.example": "Zulu Guild", "fleur@northwind.example": "Zulu Guild"},
        )

    def test_someone_in_two_teams_chosen_is_invited_once_for_the_first_the_form_lists(
        self,
    ) -> None:
        # Finance serves Zulu Guild, listed first, before People & Culture
        finance = self.rating(self.finance)
        both = [self.people_and_culture.pk, self.zulu.pk]
        self.send("post", f"/surveys/{finance.pk}/invitations", self.cx_lead, {"team_ids": both})
        self.assertEqual(
            self.invited_for(finance),
            {"harry@northwind.example": "Zulu Guild", "fleur@northwind.example": "Zulu Guild"},
        )
        # IT serves neither: by name, so People & Culture first, whichever order they came in
        it = self.rating(TeamFactory.create(organisation=self.org, name="IT"))
        self.login(self.admin)
        self.client.post(
            reverse("feedback:survey_invite", args=[it.pk]), {"teams": list(reversed(both))}
        )
        self.assertEqual(
            self.invited_for(it),
            {
                "harry@northwind.example": "People & Culture",
                "fleur@northwind.example": "Zulu Guild",
            },
        )
        self.assertEqual(Invitation.objects.filter(survey=it).count(), 2)

    def test_a_person_given_alone_in_several_teams_is_refused_naming_them(self) -> None:
        survey = self.rating(self.finance)
        with self.assertRaisesMessage(
            ValidationError,
            "is in People & Culture and Zulu Guild: invite them through the team they answer for.",
        ):
            services.invitations_create(actor=self.cx_lead, survey=survey, people=[self.harry])
        self.assertFalse(Invitation.objects.exists())
        created, _ = services.invitations_create(
            actor=self.cx_lead, survey=survey, people=[self.teammate]
        )
        self.assertEqual(created[0].customer.team, self.team)

    def test_inactive_members_and_the_rated_teams_own_are_not_invited(self) -> None:
        survey = self.rating(self.zulu)
        self.fleur.is_active = False
        self.fleur.save()
        created, skipped = services.invitations_create(
            actor=self.cx_lead, survey=survey, teams=[self.people_and_culture, self.team]
        )
        self.assertEqual(
            sorted(invitation.email for invitation in created),
            ["owner@northwind.example", "teammate@northwind.example", "viewer@northwind.example"],
        )
        self.assertEqual([(item.email, item.reason) for item in skipped], [
            ("harry@northwind.example", services.IN_RATED_TEAM)
        ])  # fmt: skip


class InviteFormTest(InvitingTeamsTestCase):
    def teams_offered(self, survey: Survey) -> str:
        self.login(self.admin)
        page = self.client.get(survey.get_absolute_url())
        html = page.content.decode()
        start = html.index('id="id_teams"')
        return " ".join(html[start : html.index("</fieldset>\n</div>", start)].split())

    def test_the_teams_the_rated_team_serves_come_first_ticked_and_it_is_not_offered(
        self,
    ) -> None:
        offered = self.teams_offered(self.rating(self.finance))
        groups = re.findall(r"<legend[^>]*>([^<]*)</legend>", offered)
        self.assertEqual(groups, ["Teams Finance serves", "Other teams"])
        served, others = offered.split("Other teams")
        names = re.findall(r'value="(\d+)"[^>]*>\s*([^<·]+)·', offered)
        self.assertEqual(
            [name.strip() for _, name in names],
            ["Customer Success", "Zulu Guild", "Account Management", "People &amp; Culture"],
        )
        self.assertNotIn("Finance ·", offered)
        for team in (self.team, self.zulu):
            self.assertRegex(served, rf'value="{team.pk}"[^>]*checked')
        for team in (self.account_management, self.people_and_culture):
            self.assertNotRegex(others, rf'value="{team.pk}"[^>]*checked')

    def test_the_form_says_whom_someone_in_two_teams_answers_for(self) -> None:
        form = InviteForm(organisation_id=self.org.pk, survey=self.rating(self.finance))
        self.assertIn(
            "The teams Finance serves come first, ticked to start with; tick any others as you "
            "wish. Someone in two of the teams chosen is invited once, for the first of them "
            "in this list.",
            str(form["teams"].help_text),
        )

    def test_a_rated_team_serving_none_is_left_out_of_a_list_by_name(self) -> None:
        survey = self.rating(self.people_and_culture)
        form = InviteForm(organisation_id=self.org.pk, survey=survey)
        self.assertEqual(
            [str(choice.choice_label).split(" · ")[0] for choice in form["teams"]],
            ["Account Management", "Customer Success", "Finance", "Zulu Guild"],
        )
        self.assertIn("People & Culture serves no team yet", str(form["teams"].help_text))
        self.assertIsNone(form["teams"].initial)

    def test_inviting_the_rated_team_is_refused_by_the_fields_name_never_none(self) -> None:
        survey = self.rating(self.finance)
        self.login(self.admin)
        refused = self.client.post(
            reverse("feedback:survey_invite", args=[survey.pk]),
            {"teams": [self.finance.pk]},
            follow=True,
        )
        self.assertContains(
            refused,
            "Teams: Finance is the team this survey rates, so it cannot rate itself; invite the "
            "teams it serves.",
        )
        self.assertNotContains(refused, "None:")
        self.assertFalse(Invitation.objects.exists())
