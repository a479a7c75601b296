"""A new organisation's Accounts, Contacts and Customers pages say there are none yet and what
to do next, with the links the person's role may use; a filter that finds nothing says that
nothing matches."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from centric.core.models import Role
from centric.people.models import User
from tests.factories import OrganisationFactory, UserFactory

NEW = reverse("customers:account_create")
IMPORT = reverse("customers:import_start")


class EmptyOrganisationTest(TestCase):
    admin: User
    member: User
    viewer: User

    @classmethod
    def setUpTestData(cls) -> None:
        organisation = OrganisationFactory.create(name="Acme")
        cls.admin = UserFactory.create(organisation=organisation, role=Role.ADMIN)
        cls.member = UserFactory.create(organisation=organisation, role=Role.MEMBER)
        cls.viewer = UserFactory.create(organisation=organisation, role=Role.VIEWER)

    def empty_row(self, page: str, **query: str) -> str:
        """The text of the list's one row, which says why it is empty."""
        response = self.client.get(reverse(page), query)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        start = content.index('class="empty"')
        return content[start : content.index("</td>", start)]

    def test_an_admin_is_told_to_add_or_import_accounts(self) -> None:
        self.client.force_login(self.admin)
        row = self.empty_row("customers:account_list")
        self.assertIn("No accounts yet.", row)
        self.assertIn(f'href="{NEW}"', row)
        self.assertIn(f'href="{IMPORT}"', row)
        row = self.empty_row("customers:contact_list")
        self.assertIn("No contacts yet.", row)
        self.assertIn(f'href="{IMPORT}"', row)

    def test_a_member_is_told_which_accounts_are_theirs_and_how_to_add_one(self) -> None:
        self.client.force_login(self.member)
        row = self.empty_row("customers:account_list")
        self.assertIn("No accounts of yours yet", row)
        self.assertIn(f'href="{NEW}"', row)

    def test_a_viewer_is_offered_nothing_they_may_not_do(self) -> None:
        self.client.force_login(self.viewer)
        for page in ("customers:account_list", "customers:contact_list"):
            row = self.empty_row(page)
            self.assertIn("yet", row)
            self.assertNotIn(IMPORT, row)
        row = self.empty_row("customers:customer_list")
        self.assertIn("No customers of yours yet.", row)
        self.assertNotIn(NEW, row)

    def test_the_customers_page_says_what_customers_are_and_where_to_add_them(self) -> None:
        self.client.force_login(self.admin)
        row = self.empty_row("customers:customer_list")
        self.assertIn("No customers yet.", row)
        self.assertIn(f'href="{NEW}"', row)
        self.assertIn(f'href="{reverse("people:team_list")}"', row)

    def test_a_filter_that_finds_nothing_says_nothing_matches(self) -> None:
        self.client.force_login(self.admin)
        for page, query, text in (
            ("customers:account_list", {"q": "globex"}, "No accounts match."),
            ("customers:account_list", {"tier": "key"}, "No accounts match."),
            ("customers:contact_list", {"language": "de"}, "No contacts match."),
            ("customers:customer_list", {"kind": "external"}, "No customers match."),
        ):
            row = self.empty_row(page, **query)
            self.assertIn(text, row)
            self.assertNotIn("yet", row)
