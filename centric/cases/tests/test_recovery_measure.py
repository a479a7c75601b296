"""The recovery rate on the measures page counts a recovery exactly as the case page does: each
score as a share of its own scale, so a CSAT 5 followed by an NPS 8 is no recovery."""

from __future__ import annotations

import datetime as dt
from typing import Any

from centric.cases.measures import case_measures, score_on_unit_scale
from centric.cases.models import Case, _on_unit_scale
from centric.core import clock
from centric.customers.models import Customer
from centric.feedback.models import Invitation, Response, Survey
from centric.feedback.scales import SCORE_RANGES
from centric.feedback.services import survey_create_from_template
from tests.personas import PersonasTestCase


class RecoveryMeasureTests(PersonasTestCase):
    acme: Customer
    survey: Survey

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.acme = Customer.objects.get(account=cls.account)
        cls.survey = survey_create_from_template(
            actor=cls.admin, template="relationship-nps", values={"name": "After your case"}
        )

    def answer(
        self, score: int | None, score_type: str, *, answered: bool = True, **values: Any
    ) -> Response:
        return Response.objects.create(
            organisation=self.org,
            customer=self.acme,
            channel="email",
            score=score,
            score_type=score_type,
            submitted_at=clock.now() if answered else None,
            **values,
        )

    def case_for(self, response: Response, **values: object) -> Case:
        opened = clock.now() - dt.timedelta(days=2)
        return Case.objects.create(
            organisation=self.org,
            title="Acme",
            customer=self.acme,
            response=response,
            owner=self.owner,
            team=self.team,
            state=Case.State.CLOSED,
            opened_at=opened,
            first_contact_due=opened,
            resolution_due=opened,
            **values,
        )

    def closed_case(
        self, before: tuple[int, str], after: tuple[int, str], *, answered: bool = True
    ) -> Case:
        """A closed case opened by a score ``before`` whose re-survey came back ``after``."""
        invitation = Invitation.objects.create(
            organisation=self.org,
            survey=self.survey,
            customer=self.acme,
            contact=self.contact,
            email=f"again{Invitation.objects.count()}@acme.example",
            follow_up=True,
        )
        self.answer(*after, answered=answered, survey=self.survey, invitation=invitation)
        return self.case_for(self.answer(*before), resurvey=invitation)

    def test_recovery_compares_scores_on_one_scale_as_the_case_page_does(self) -> None:
        cases = [
            self.closed_case((5, "csat"), (8, "nps")),  # 100% then 80%: worse, not better
            self.closed_case((2, "csat"), (8, "nps")),  # 25% then 80%: recovered
            self.closed_case((3, "nps"), (9, "nps")),  # recovered
            self.closed_case((5, "nps"), (3, "csat")),  # 50% then 50%: no better
            self.closed_case((2, "ces"), (3, "rating")),  # a sixth then a half: recovered
            self.closed_case((2, "nps"), (9, "")),  # no scale: not counted
            self.closed_case((2, "nps"), (9, "nps"), answered=False),  # not answered yet
        ]
        on_the_case_page = [
            Case.objects.select_related("response", "resurvey__response").get(pk=case.pk).recovered
            for case in cases
        ]
        self.assertEqual(on_the_case_page, [False, True, True, False, True, None, None])
        recovered = case_measures(actor=self.cx_lead).total.recovered
        self.assertEqual((recovered.hits, recovered.n), (3, 5))

    def test_every_score_of_every_scale_is_the_same_share_in_the_database(self) -> None:
        scores = [
            (s, kind) for kind, (low, high) in SCORE_RANGES.items() for s in range(low, high + 1)
        ]
        for score, kind in [*scores, (None, "nps"), (4, "")]:
            self.case_for(self.answer(score, kind))
        shares = Case.objects.annotate(share=score_on_unit_scale("response")).values_list(
            "response__score", "response__score_type", "share"
        )
        self.assertEqual(len(shares), len(scores) + 2)
        for score, kind, share in shares:
            with self.subTest(score=score, kind=kind):
                expected = None if score is None else _on_unit_scale(score, kind)
                self.assertEqual(share, expected)
