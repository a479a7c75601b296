"""Finding one account by its CRM id and one contact by their email address through the API, and
lists whose pages keep their order: a lookup answers with what was asked for, or nothing."""

from centric.customers import selectors
from centric.customers.models import Account, Contact, Segment
from centric.people.selectors import business_unit_list, person_list, team_list
from tests.api.test_api import ApiTestCase
from tests.factories import AccountFactory, ContactFactory


class ExactLookupTest(ApiTestCase):
    def test_an_account_is_found_by_its_exact_crm_id(self) -> None:
        AccountFactory.create(organisation=self.org, name="Aardvark", team=self.team)
        page = self.get("/accounts", self.admin, external_id=self.account.external_id).json()
        self.assertEqual([item["id"] for item in page["items"]], [self.account.pk])
        self.assertEqual(self.get("/accounts", self.admin, external_id="CRM").json()["count"], 0)

    def test_a_crm_id_outside_the_scope_finds_nothing(self) -> None:
        self.assertEqual(
            self.get("/accounts", self.outsider, external_id=self.account.external_id).json(),
            {"items": [], "count": 0},
        )

    def test_a_contact_is_found_by_their_email_address_in_any_capitals(self) -> None:
        ContactFactory.create(account=self.account, email="carla.b@acme.example")
        page = self.get("/contacts", self.owner, email="Carla@ACME.example").json()
        self.assertEqual([item["id"] for item in page["items"]], [self.contact.pk])
        self.assertEqual(self.get("/contacts", self.owner, email="carla").json()["count"], 0)


class StablePagesTest(ApiTestCase):
    def test_namesakes_keep_their_order_from_page_to_page(self) -> None:
        twins = [
            ContactFactory.create(account=self.account, first_name="Ada", last_name="Evans")
            for _ in range(3)
        ]
        for _ in range(3):
            AccountFactory.create(organisation=self.org, name="Acme", team=self.team)
        pages = [
            self.get("/contacts", self.owner, q="Evans", limit=1, offset=offset).json()["items"]
            for offset in range(3)
        ]
        self.assertEqual([page[0]["id"] for page in pages], [twin.pk for twin in twins])
        accounts = self.get("/accounts", self.admin, q="Acme").json()["items"]
        self.assertEqual(
            [item["id"] for item in accounts],
            sorted(Account.objects.filter(name="Acme").values_list("pk", flat=True)),
        )

    def test_every_list_ends_its_order_with_the_id(self) -> None:
        # what keeps namesakes apart on PostgreSQL; SQLite happens to keep them in id order
        for found in (
            selectors.account_list(actor=self.admin),
            selectors.contact_list(actor=self.admin),
            selectors.customer_list(actor=self.admin),
            selectors.segment_list(actor=self.admin),
            person_list(actor=self.admin),
            team_list(actor=self.admin),
            business_unit_list(actor=self.admin),
        ):
            with self.subTest(model=found.model.__name__):
                self.assertEqual(found.query.order_by[-1], "id")

    def test_segments_are_a_page_in_name_order(self) -> None:
        Segment.objects.create(organisation=self.org, name="Mid-market")
        page = self.get("/segments", self.viewer, limit=1, offset=1).json()
        self.assertEqual(page["count"], 2)
        self.assertEqual([item["name"] for item in page["items"]], ["Mid-market"])


class ContactEmailInAnyCapitalsTest(ApiTestCase):
    """carla@acme.example is the persona's contact; another address in other capitals is her."""

    def test_the_api_refuses_a_second_contact_with_the_address_in_other_capitals(self) -> None:
        answer = self.send(
            "post",
            "/contacts",
            self.owner,
            {"account_id": self.account.pk, "first_name": "C", "email": "Carla@Acme.example"},
        )
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(
            answer.json()["detail"],
            [
                {
                    "loc": ["body", "email"],
                    "msg": "Another contact already has this email address (in capitals or not).",
                    "type": "value_error",
                }
            ],
        )

    def test_the_api_refuses_changing_an_address_to_another_contacts_in_other_capitals(
        self,
    ) -> None:
        other = ContactFactory.create(account=self.account, email="dieter@acme.example")
        answer = self.send(
            "patch", f"/contacts/{other.pk}", self.owner, {"email": "CARLA@acme.example"}
        )
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(answer.json()["detail"][0]["loc"], ["body", "email"])
        other.refresh_from_db()
        self.assertEqual(other.email, "dieter@acme.example")

    def test_a_contact_may_change_the_capitals_of_their_own_address(self) -> None:
        answer = self.send(
            "patch", f"/contacts/{self.contact.pk}", self.owner, {"email": "Carla@Acme.example"}
        )
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["email"], "Carla@Acme.example")

    def test_the_page_refuses_it_on_the_email_field(self) -> None:
        from django.urls import reverse

        self.login(self.owner)
        page = self.client.post(
            reverse("customers:contact_create"),
            {
                "account": self.account.pk,
                "first_name": "C",
                "email": "CARLA@ACME.EXAMPLE",
                "influence": "user",
                "preferred_channel": "email",
                "language": "en",
                "time_zone": "UTC",
                "working_hours_start": "09:00",
                "working_hours_end": "17:00",
            },
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn(
            "Another contact already has this email address",
            str(page.context["form"].errors["email"]),
        )
        self.assertEqual(Contact.objects.filter(email__iexact="carla@acme.example").count(), 1)

    def test_an_import_updates_the_contact_whose_address_it_names_in_other_capitals(self) -> None:
        from centric.customers import imports, services

        data = "email,first_name,account\nCARLA@acme.example,Carla Maria,Acme\n"
        checked = imports.check(actor=self.owner, kind="contacts", data=data.encode())
        self.assertEqual(checked.errors, [])
        self.assertEqual([row.instance for row in checked.valid], [self.contact])
        for row in checked.valid:
            services._import_row(self.owner, "contacts", row)
        self.assertEqual(
            list(
                Contact.objects.filter(email__iexact="carla@acme.example").values_list(
                    "first_name", flat=True
                )
            ),
            ["Carla Maria"],
        )

    def test_an_import_refuses_a_second_row_with_the_address_in_other_capitals(self) -> None:
        from centric.customers import imports

        data = (
            "email,first_name,account\n"
            "dieter@acme.example,Dieter,Acme\n"
            "Dieter@ACME.example,Dieter,Acme\n"
        )
        checked = imports.check(actor=self.owner, kind="contacts", data=data.encode())
        self.assertEqual(
            [error.as_dict() for error in checked.errors],
            [
                {
                    "line": 3,
                    "column": "email",
                    "message": "This row repeats line 2 (same email address).",
                }
            ],
        )

    def test_the_database_refuses_it_too(self) -> None:
        from django.db import IntegrityError, transaction

        with self.assertRaises(IntegrityError), transaction.atomic():
            Contact.objects.create(
                organisation=self.org,
                account=self.account,
                first_name="C",
                email="CARLA@acme.example",
            )


class PageFiltersTest(ApiTestCase):
    def test_a_filter_id_no_database_holds_is_no_filter_on_the_pages(self) -> None:
        from django.urls import reverse

        self.login(self.admin)
        for name, parameter in [
            ("customers:account_list", "segment"),
            ("customers:contact_list", "account"),
            ("people:person_list", "team"),
            ("people:team_list", "business_unit"),
        ]:
            with self.subTest(name=name):
                page = self.client.get(reverse(name), {parameter: "99999999999999999999"})
                self.assertEqual(page.status_code, 200)
