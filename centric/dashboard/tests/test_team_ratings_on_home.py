"""The home page's voice of the customer counts what its reader may see: of the ratings teams give
each other, only those of the reader's own team (all of them for admins and CX leads), each
latest comment saying which team it rates."""

from __future__ import annotations

from django.urls import reverse

from centric.feedback.tests.test_team_ratings_seen_by_their_team import TeamRatingsTestCase


class TeamRatingsOnHomeTest(TeamRatingsTestCase):
    def page(self) -> str:
        answer = self.client.get(reverse("home"))
        self.assertEqual(answer.status_code, 200)
        return " ".join(answer.content.decode().split())

    def test_the_rated_teams_head_counts_every_rating_of_their_team_and_no_other(self) -> None:
        self.login(self.finance_head)
        page = self.page()
        self.assertIn('<div class="stat-label">CSAT · n = 2</div>', page)
        self.assertIn("Sales, rating Finance · CSAT (1–5) 5 ·", page)
        self.assertIn("Customer Success, rating Finance · CSAT (1–5) 1 ·", page)
        self.assertNotIn("Tickets vanish.", page)

    def test_a_member_of_another_team_counts_their_own_teams_ratings(self) -> None:
        self.login(self.it_member)
        page = self.page()
        self.assertIn('<div class="stat-label">CSAT · n = 1</div>', page)
        self.assertIn("Customer Success, rating IT · CSAT (1–5) 2 ·", page)
        self.assertNotIn("Invoices go out late.", page)

    def test_the_team_that_gave_the_ratings_counts_none_of_them(self) -> None:
        self.login(self.owner)
        page = self.page()
        self.assertIn("CSAT: no responses yet", page)
        self.assertNotIn("Invoices go out late.", page)
