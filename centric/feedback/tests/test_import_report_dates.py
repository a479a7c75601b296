"""The report's date problems: each says what cannot be in the date, and asks for the forms the
date order chosen on the mapping page reads. Pure code, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import polars as pl
from django.test import SimpleTestCase

from centric.feedback.feedback_imports.dates import date_forms, dates_read
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.feedback_imports.validation import BatchChecker
from centric.feedback.tests.test_import_reading import IMPORTED_AT, lookups, table_of

DAY_FIRST_FORMS = "31/03/2024, 31/03/2024 14:05, 31.03.2024, 2024-03-31 or 2024-03-31 14:05"
MONTH_FIRST_FORMS = "03/31/2024, 03/31/2024 2:05 PM, 31.03.2024, 2024-03-31 or 2024-03-31 14:05"


class DateProblemTest(SimpleTestCase):
    mapping = Mapping(columns={"score": "Score", "responded_at": "Date"}, score_type="nps")

    def problems(self, *dates: str, order: str = "day") -> list[str]:
        rows = "".join(f"{score},{date}\n" for score, date in enumerate(dates))  # none repeats
        table = table_of(f"Score,Date\n{rows}".encode())
        mapping = replace(self.mapping, date_order=order)
        checker = BatchChecker(mapping, table.columns, lookups(), imported_at=IMPORTED_AT)
        return [
            error.message
            for batch in table.batches(100)
            for error in checker.check(batch, report=100).errors
        ]

    def test_a_month_that_does_not_exist_is_named_with_the_forms_day_first_reads(self) -> None:
        self.assertEqual(
            self.problems("21/13/2026"),
            [f"“21/13/2026” is not a date: month 13 does not exist. With “Day first” chosen, "
             f"write {DAY_FIRST_FORMS}."],
        )  # fmt: skip

    def test_month_first_asks_for_the_forms_month_first_reads(self) -> None:
        self.assertEqual(
            self.problems("21/13/2026", "yesterday", order="month"),
            [
                f"“21/13/2026” is not a date: month 21 does not exist. With “Month first” "
                f"chosen, write {MONTH_FIRST_FORMS}.",
                f"“yesterday” is not a date. With “Month first” chosen, write {MONTH_FIRST_FORMS}.",
            ],
        )

    def test_a_day_its_month_does_not_have_is_named(self) -> None:
        problems = self.problems("31/04/2024", "29.02.2026", "32/01/2024", "2024-13-01")
        self.assertEqual(
            [problem.split(". With")[0] for problem in problems],
            [
                "“31/04/2024” is not a date: April has 30 days",
                "“29.02.2026” is not a date: February 2026 has 28 days",
                "“32/01/2024” is not a date: day 32 does not exist",
                "“2024-13-01” is not a date: month 13 does not exist",
            ],
        )

    def test_a_leap_day_is_a_date(self) -> None:
        self.assertEqual(self.problems("29/02/2024", "29.02.2024", "2024-02-29"), [])

    def test_every_form_a_problem_asks_for_reads_as_the_same_date_in_its_order(self) -> None:
        for order, forms in (("day", DAY_FIRST_FORMS), ("month", MONTH_FIRST_FORMS)):
            with self.subTest(order=order):
                self.assertEqual(date_forms(order), forms)
                examples = forms.replace(" or ", ", ").split(", ")
                read = dates_read(pl.Series(examples), time_zone="UTC", order=order)
                self.assertEqual(
                    {moment.date() for moment in read.to_list()},
                    {datetime(2024, 3, 31).date()},  # noqa: DTZ001 - a date, compared as one
                )
