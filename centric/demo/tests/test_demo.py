from django.core.management import call_command
from django.db.models import Count
from django.test import TestCase

from centric.core.models import Organisation
from centric.customers.models import Account, Contact, Customer, Segment
from centric.demo.organisation import DEMO_EMAIL, DEMO_PASSWORD
from centric.people.models import BusinessUnit, Team, User


class DemoOrganisationTest(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process

    def test_it_is_the_size_the_brief_asks_for(self) -> None:
        self.assertEqual(BusinessUnit.objects.count(), 2)
        self.assertEqual(Team.objects.count(), 8)
        self.assertEqual(User.objects.count(), 40)
        self.assertEqual(Account.objects.count(), 120)
        self.assertEqual(Segment.objects.count(), 4)
        self.assertAlmostEqual(Contact.objects.count(), 300, delta=10)

    def test_contacts_span_languages_and_time_zones(self) -> None:
        self.assertGreaterEqual(Contact.objects.values("language").distinct().count(), 6)
        self.assertGreaterEqual(Contact.objects.values("time_zone").distinct().count(), 10)

    def test_teams_serve_one_another_and_every_customer_is_one_kind_or_the_other(self) -> None:
        self.assertGreater(Team.serves.through.objects.count(), 10)
        kinds = dict(Customer.objects.values_list("kind").annotate(count=Count("id")))
        self.assertEqual(kinds, {"external": 120, "internal": 8})

    def test_every_account_has_an_owner_in_the_team_that_serves_it(self) -> None:
        for account in Account.objects.select_related("owner", "team"):
            assert account.team is not None
            self.assertIn(account.owner, account.team.members.all())

    def test_a_year_of_feedback_comes_through_every_channel(self) -> None:
        from centric.feedback.models import Response

        self.assertGreater(Response.objects.count(), 800)
        kinds = set(Response.objects.values_list("kind", "score_type").distinct())
        self.assertLessEqual(
            {
                ("survey", "nps"),
                ("survey", "csat"),
                ("survey", "ces"),
                ("review", "rating"),
                ("ticket", ""),
            },
            kinds,
        )
        self.assertTrue(
            Response.objects.filter(person__isnull=False, customer__kind="internal").exists()
        )
        self.assertTrue(Response.objects.filter(language="de").exclude(comment="").exists())
        oldest = Response.objects.order_by("responded_at").first()
        assert oldest is not None
        assert oldest.responded_at is not None
        newest = Response.objects.latest("responded_at").responded_at
        assert newest is not None
        self.assertGreater((newest - oldest.responded_at).days, 300)

    def test_the_printed_login_works_and_loading_again_changes_nothing(self) -> None:
        self.assertTrue(self.client.login(username=DEMO_EMAIL, password=DEMO_PASSWORD))
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual(Organisation.objects.count(), 1)
        self.assertEqual(Account.objects.count(), 120)

    def test_the_home_page_shows_the_organisation_at_a_glance(self) -> None:
        self.client.login(username=DEMO_EMAIL, password=DEMO_PASSWORD)
        response = self.client.get("/")
        self.assertContains(response, "Northwind Components at a glance")
        self.assertContains(response, "Public sector")
