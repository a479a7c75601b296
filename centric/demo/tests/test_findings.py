"""What the owners of the demo's cases found: the root cause and resolution follow from what the
feedback says. Pure: no database."""

import random

from django.test import SimpleTestCase

from centric.cases.models import DEFAULT_ROOT_CAUSES
from centric.demo.feedback import REMARKS, comment_remarks
from centric.demo.findings import FINDINGS, PORTAL_FAULT, case_finding
from centric.feedback.models import Response, Touchpoint


def found(comment: str, touchpoint: str = "", tags: tuple[str, ...] = ()) -> tuple[str, str]:
    response = Response(
        comment=comment, touchpoint=Touchpoint(name=touchpoint) if touchpoint else None
    )
    return case_finding(rng=random.Random(1), response=response, tags=tags)


class CaseFindingTest(SimpleTestCase):
    def test_a_slow_portal_is_a_portal_fault_not_faulty_units(self) -> None:
        cause, resolution = found("The portal is slow and logs us out all the time.")
        self.assertEqual(cause, PORTAL_FAULT)
        self.assertIn(resolution, FINDINGS["portal"][1])
        self.assertNotIn("units", resolution)

    def test_missing_carbon_data_is_a_communication_gap_not_a_delivery_delay(self) -> None:
        cause, resolution = found(
            "Our sustainability report is late because the carbon footprint of your parts is "
            "still missing."
        )
        self.assertEqual(cause, "Communication gap")
        self.assertIn("carbon", resolution)

    def test_praise_alone_is_put_down_to_no_problem(self) -> None:
        cause, resolution = found("Support solved our problem on the first call.")
        self.assertEqual(cause, "Other")
        self.assertIn(resolution, FINDINGS["no complaint"][1])

    def test_a_mixed_comment_is_put_down_to_its_complaint(self) -> None:
        cause, _ = found(
            "Support solved our problem on the first call. Prices went up again without any "
            "explanation."
        )
        self.assertEqual(cause, "Expectation mismatch")

    def test_a_safety_issue_comes_before_the_other_complaints(self) -> None:
        cause, resolution = found(
            "We were charged twice for the same order. A cover came loose during operation, "
            "this is a safety issue."
        )
        self.assertEqual(cause, "Product defect")
        self.assertIn(resolution, FINDINGS["safety"][1])

    def test_a_case_a_billing_rule_opened_is_about_the_billing_complaint(self) -> None:
        comment = (
            "Two of the pumps failed within a month. "
            "The invoice never matches the quote, it takes hours to sort out."
        )
        self.assertEqual(found(comment)[0], "Product defect")
        self.assertEqual(found(comment, tags=("billing",))[0], "Billing error")

    def test_a_threat_not_to_renew_names_no_cause_of_its_own(self) -> None:
        cause, _ = found(
            "The delivery was two weeks late and nobody told us. If this does not improve we "
            "will not renew next year."
        )
        self.assertEqual(cause, "Delivery delay")

    def test_feedback_without_a_comment_is_about_its_touchpoint(self) -> None:
        self.assertEqual(found("", touchpoint="Delivery")[0], "Delivery delay")
        self.assertEqual(found("", touchpoint="Online portal")[0], PORTAL_FAULT)

    def test_the_same_feedback_is_found_the_same_way_with_the_same_seed(self) -> None:
        self.assertEqual(found(""), found(""))


class FindingsTableTest(SimpleTestCase):
    def test_every_problem_the_demo_writes_of_has_a_finding_in_the_taxonomy(self) -> None:
        causes = {name for name, _ in DEFAULT_ROOT_CAUSES} | {PORTAL_FAULT}
        wrong = {r.topic for r in REMARKS.values() if r.kind != "praise"} - {"renewal"}
        self.assertLessEqual(wrong, FINDINGS.keys())
        for topic, (cause, resolutions) in FINDINGS.items():
            with self.subTest(topic=topic):
                self.assertIn(cause, causes)
                self.assertTrue(resolutions)
                self.assertEqual(len(set(resolutions)), len(resolutions))

    def test_the_common_problems_are_put_right_in_more_than_one_way(self) -> None:
        for topic in ("delivery", "billing", "support", "quality", "price", "portal"):
            with self.subTest(topic=topic):
                self.assertGreaterEqual(len(FINDINGS[topic][1]), 3)

    def test_each_sentence_the_demo_writes_is_told_apart_from_every_other(self) -> None:
        sentences = list(REMARKS)
        for sentence in sentences:
            others = [other for other in sentences if other != sentence and sentence in other]
            self.assertEqual(others, [], sentence)

    def test_a_comment_s_remarks_come_in_its_order(self) -> None:
        remarks = comment_remarks(
            "Prices went up again without any explanation. Invoices are clear and match the "
            "order. Ada went out of their way to help us."
        )
        self.assertEqual(
            [(r.topic, r.kind) for r in remarks],
            [("price", "complaint"), ("billing", "praise"), ("people", "praise")],
        )
