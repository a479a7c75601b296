"""The ingestion API places feedback in the journey as the survey form and the file import do,
and takes only languages that are languages; an item it refuses keeps the batch from being
stored, and is named by its index, field and reason."""

from __future__ import annotations

from centric.feedback.models import JourneyStage, Response, Touchpoint
from centric.feedback.tests.test_ingestion import IngestionTestCase


class JourneyTest(IngestionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.delivery = JourneyStage.objects.get(organisation=self.org, name="Delivery")
        self.use = JourneyStage.objects.get(organisation=self.org, name="Use")
        self.call = Touchpoint.objects.create(
            organisation=self.org, name="Support call", stage=self.use
        )

    def test_a_touchpoint_of_another_stage_is_refused_and_nothing_is_stored(self) -> None:
        answer = self.post(
            self.owner,
            [self.item(source_ref="fine"), self.item(stage="Delivery", touchpoint="support call")],
        )
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(
            answer.json()["errors"],
            [
                {
                    "index": 1,
                    "field": "touchpoint",
                    "reason": "“Support call” is a touchpoint of the Use stage, not of Delivery: "
                    "give that stage, or none",
                }
            ],
        )
        self.assertFalse(Response.objects.exists())

    def test_with_partial_the_items_in_their_touchpoints_stage_are_kept(self) -> None:
        answer = self.post(
            self.owner,
            [
                self.item(stage="Use", touchpoint="Support call"),
                self.item(stage="Delivery", touchpoint="Support call"),
            ],
            query="?partial=true",
        )
        self.assertEqual(answer.status_code, 201)
        self.assertEqual([error["index"] for error in answer.json()["errors"]], [1])
        (stored,) = Response.objects.all()
        self.assertEqual((stored.stage, stored.touchpoint), (self.use, self.call))

    def test_a_touchpoint_without_a_stage_is_in_the_touchpoints_stage(self) -> None:
        answer = self.post(self.owner, [self.item(touchpoint="Support call")])
        self.assertEqual(answer.status_code, 201, answer.content)
        stored = Response.objects.get()
        self.assertEqual((stored.stage, stored.touchpoint), (self.use, self.call))

    def test_a_touchpoint_in_no_stage_goes_with_any_stage(self) -> None:
        Touchpoint.objects.create(organisation=self.org, name="Website")
        answer = self.post(self.owner, [self.item(stage="Delivery", touchpoint="Website")])
        self.assertEqual(answer.status_code, 201, answer.content)
        stored = Response.objects.get()
        self.assertEqual((stored.stage, str(stored.touchpoint)), (self.delivery, "Website"))


class LanguageTest(IngestionTestCase):
    def test_a_code_that_names_no_language_is_refused(self) -> None:
        answer = self.post(self.owner, [self.item(), self.item(language="xx")])
        self.assertEqual(answer.status_code, 422)
        self.assertEqual(
            answer.json()["errors"],
            [
                {
                    "index": 1,
                    "field": "language",
                    "reason": "“xx” is not the code of a language: give one such as en or pt-BR",
                }
            ],
        )
        self.assertFalse(Response.objects.exists())

    def test_languages_with_a_region_or_of_three_letters_are_taken(self) -> None:
        items = [self.item(language=code) for code in ("pt-BR", "ZH-Hant", "ast", "sw")]
        answer = self.post(self.owner, items)
        self.assertEqual(answer.status_code, 201, answer.content)
        self.assertEqual(
            sorted(Response.objects.values_list("language", flat=True)),
            ["ast", "pt-BR", "sw", "zh-Hant"],
        )
