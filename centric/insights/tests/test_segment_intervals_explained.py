"""A segment's difference from the rest is shown with its own, uncorrected interval, while its
verdict is corrected for the number of segments compared: the page says so, and explains an
interval that leaves out 0 beside "No clear difference" where it shows one. The differences of
one table are written with the same decimals."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from centric.customers.models import Customer
from centric.feedback.models import Response
from tests.factories import AccountFactory, SegmentFactory
from tests.personas import PersonasTestCase

# NPS answers of three segments, 40 each. Against the rest: Lower is clearly lower, even after
# the Holm correction; Middle's difference could well be chance; Higher's uncorrected interval
# (+0.4 to +57.1) leaves out 0, but corrected for the three segments compared it is no clear
# difference (p 0.047, 0.094 corrected).
# fmt: off
LOWER = [2, 2, 0, 8, 2, 8, 3, 6, 1, 6, 6, 2, 0, 4, 1, 2, 1, 2, 4, 2, 6, 5, 9, 1, 3, 0, 5, 2, 7, 3,
         1, 5, 8, 7, 1, 5, 7, 0, 5, 8]
MIDDLE = [7, 9, 6, 7, 8, 8, 4, 7, 2, 8, 7, 6, 3, 9, 4, 2, 4, 2, 5, 4, 3, 2, 0, 9, 0, 6, 9, 2, 1, 9,
          0, 2, 1, 6, 9, 10, 5, 8, 4, 1]
HIGHER = [7, 8, 9, 7, 5, 2, 9, 9, 3, 5, 7, 8, 9, 5, 10, 5, 9, 5, 9, 5, 5, 4, 4, 4, 2, 1, 9, 8, 3, 5,
          10, 3, 4, 6, 4, 7, 2, 7, 5, 8]
# fmt: on


class SegmentIntervalsTest(PersonasTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        now = timezone.now()
        for name, scores in (("Lower", LOWER), ("Middle", MIDDLE), ("Higher", HIGHER)):
            segment = SegmentFactory.create(organisation=cls.org, name=name)
            account = AccountFactory.create(
                organisation=cls.org, name=f"{name} Ltd", segment=segment
            )
            customer = Customer.objects.get(account=account)
            Response.objects.bulk_create(
                Response(
                    organisation=cls.org,
                    customer=customer,
                    channel=Response.Channel.API,
                    score=score,
                    score_type="nps",
                    responded_at=now - dt.timedelta(days=1 + i % 20),
                )
                for i, score in enumerate(scores)
            )

    def rows(self) -> dict[str, str]:
        """Each segment's row of the NPS table, by the segment's name; and the table's head."""
        self.login(self.cx_lead)
        page = self.client.get(reverse("insights:overview"), {"days": 365}).content.decode()
        section = page.split('id="segments-h"')[1].split("</section>")[0]
        table = section.split("NPS by segment")[1].split("</table>")[0]
        found = {"head": table.split("</thead>")[0]}
        for name in ("Lower", "Middle", "Higher"):
            found[name] = table.split(f">{name}</a>")[1].split("</tr>")[0]
        return found

    def test_the_intervals_are_said_to_be_uncorrected(self) -> None:
        self.assertIn("Difference from the rest (95% CI, uncorrected)", self.rows()["head"])

    def test_an_interval_leaving_out_zero_beside_no_clear_difference_is_explained(self) -> None:
        rows = self.rows()
        higher = rows["Higher"]
        self.assertIn("+28.8 points (0.4 to 57.1)", higher)
        self.assertIn("No clear difference", higher)
        self.assertIn(
            "Its uncorrected interval leaves out 0, but after correcting for the 3 segments "
            "compared (Holm) the difference may be chance.",
            higher,
        )
        # an interval that reaches over 0 needs no word; a clear difference is called so
        self.assertIn("No clear difference", rows["Middle"])
        self.assertNotIn("leaves out 0", rows["Middle"])
        self.assertIn("Lower than the rest", rows["Lower"])
        self.assertNotIn("leaves out 0", rows["Lower"])

    def test_the_differences_of_one_table_share_their_decimals(self) -> None:
        # Higher's interval needs a decimal, lest it read "(0 to 57)": so do the others
        rows = self.rows()
        self.assertIn("+10.0 points (−17.8 to 37.8)", rows["Middle"])
        self.assertIn("−38.8 points (−62.1 to −15.4)", rows["Lower"])
