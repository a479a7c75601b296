"""Only people who may work a case are ever given one: the rules skip viewers as they skip
people who left, and every list of owners offers the same people."""

from __future__ import annotations

from django.urls import reverse

from centric.cases.models import Case, Rule
from centric.cases.routing import responses_route
from centric.cases.tests.helpers import DETRACTORS, detractor_rule, feedback
from centric.core.roles import Role
from centric.customers.forms import AccountForm
from centric.customers.models import Account, Customer
from centric.people.models import Team, User
from tests.factories import TeamFactory, UserFactory
from tests.personas import PersonasTestCase


class CaseOwnerTests(PersonasTestCase):
    acme: Customer
    success: Customer

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        cls.success = Customer.objects.get(team=cls.team)

    def open_case(self, customer: Customer, person: User | None = None) -> Case:
        responses_route(response_ids=[feedback(customer=customer, person=person).pk])
        return Case.objects.latest("pk")

    def test_a_viewer_who_owns_the_account_gets_no_case_and_the_team_takes_it(self) -> None:
        Account.objects.filter(pk=self.account.pk).update(owner=self.viewer)
        detractor_rule(self.org.pk)
        owners = {self.open_case(self.acme).owner for _ in range(3)}
        self.assertEqual(owners, {self.owner, self.teammate})
        self.assertEqual(set(Case.objects.values_list("team", flat=True)), {self.team.pk})

    def test_a_viewer_leading_the_serving_team_gets_no_internal_customers_case(self) -> None:
        Team.objects.filter(pk=self.finance.pk).update(lead=self.viewer)
        detractor_rule(
            self.org.pk,
            conditions_all=[
                {"field": "customer_kind", "op": "in", "value": ["internal"]},
                *DETRACTORS,
            ],
        )
        case = self.open_case(self.success, person=self.teammate)
        self.assertEqual((case.team, case.owner), (self.finance, self.outsider))

    def test_a_team_of_viewers_keeps_its_cases_in_its_queue(self) -> None:
        onlookers = TeamFactory.create(organisation=self.org, members=[self.viewer])
        detractor_rule(self.org.pk, owner_strategy=Rule.OwnerStrategy.ROUND_ROBIN, team=onlookers)
        case = self.open_case(self.acme)
        self.assertEqual((case.team, case.owner), (onlookers, None))

    def test_a_rules_named_person_made_a_viewer_later_gets_nothing(self) -> None:
        helper = UserFactory.create(organisation=self.org, email="helper@northwind.example")
        detractor_rule(self.org.pk, owner_strategy=Rule.OwnerStrategy.PERSON, person=helper)
        User.objects.filter(pk=helper.pk).update(role=Role.VIEWER)
        self.assertIsNone(self.open_case(self.acme).owner)

    def test_the_inbox_offers_as_owners_only_people_who_may_work_cases(self) -> None:
        UserFactory.create(organisation=self.org, email="left@northwind.example", is_active=False)
        self.login(self.cx_lead)
        page = self.client.get(reverse("cases:inbox"), {"inbox": "all"})
        offered = set(page.context["owners"])
        self.assertEqual(
            offered, {self.owner, self.teammate, self.outsider, self.admin, self.cx_lead}
        )

    def test_an_account_is_owned_by_someone_who_may_work_its_cases(self) -> None:
        def form(owner: User) -> AccountForm:
            data = {"name": "Globex", "lifecycle_stage": "onboarding", "tier": "core"}
            return AccountForm({**data, "owner": owner.pk}, organisation_id=self.org.pk)

        self.assertTrue(form(self.teammate).is_valid(), form(self.teammate).errors)
        refused = form(self.viewer)
        self.assertFalse(refused.is_valid())
        self.assertEqual(
            refused.errors["owner"], ["Choose an active person who may work cases, not a viewer."]
        )
        self.assertNotIn(self.viewer, refused.fields["owner"].queryset)  # type: ignore[attr-defined]
