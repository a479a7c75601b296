"""0003 makes a contact's email address unique in any capitals; contacts stored twice under one
address in different capitals stop it, listed, with nothing changed."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

from tests.factories import AccountFactory

BEFORE = [("customers", "0002_initial")]
AFTER = [("customers", "0003_contact_email_unique_in_any_case")]


class ContactEmailMigrationTest(TransactionTestCase):
    def tearDown(self) -> None:
        # the tests after this one need the tables as the latest migrations leave them (which
        # the contacts a test left would stop)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM customers_contact")
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    def contacts_before(self, *emails: str) -> list[int]:
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        account = AccountFactory.create()
        Contact = old.get_model("customers", "Contact")
        return [
            Contact.objects.create(
                organisation_id=account.organisation_id,
                account_id=account.pk,
                first_name="A",
                email=email,
            ).pk
            for email in emails
        ]

    def migrate(self) -> None:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)

    def test_contacts_differing_in_capitals_only_stop_it_listed_and_unchanged(self) -> None:
        first, second, _ = self.contacts_before(
            "a.brown1@redwood.example", "A.Brown1@redwood.example", "c.d@redwood.example"
        )

        with self.assertRaises(Exception) as refused:
            self.migrate()

        message = str(refused.exception)
        self.assertIn(f"contact {first} <a.brown1@redwood.example>", message)
        self.assertIn(f"contact {second} <A.Brown1@redwood.example>", message)
        self.assertNotIn("c.d@", message)
        self.assertIn("Nothing was changed", message)
        with connection.cursor() as cursor:
            cursor.execute("SELECT email FROM customers_contact ORDER BY id")
            self.assertEqual(
                [row[0] for row in cursor.fetchall()],
                ["a.brown1@redwood.example", "A.Brown1@redwood.example", "c.d@redwood.example"],
            )

    def test_distinct_addresses_migrate(self) -> None:
        self.contacts_before("a.brown1@redwood.example", "a.brown2@redwood.example")
        self.migrate()
        executor = MigrationExecutor(connection)
        self.assertIn(AFTER[0], executor.loader.applied_migrations)
