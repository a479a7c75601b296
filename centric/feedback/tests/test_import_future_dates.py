"""A row dated in the future is refused, as the ingestion API refuses it. Pure code, no
database."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from django.test import SimpleTestCase

from centric.feedback import ingestion
from centric.feedback.feedback_imports import reading, validation
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.feedback_imports.validation import BatchChecker, CheckedBatch, Lookups

# when the file was uploaded: what "now" is for its rows, as the moment an item arrives is for
# the API
IMPORTED_AT = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
MAPPING = Mapping(
    columns={"external_id": "id", "score": "score", "responded_at": "date"}, score_type="nps"
)


def check(*lines: str, time_zone: str = "UTC") -> CheckedBatch:
    data = ("id,score,date\n" + "".join(f"{line}\n" for line in lines)).encode()
    table = reading.open_table(io.BytesIO(data), file_format=reading.CSV)
    lookups = Lookups(
        contacts={},
        accounts={},
        customers=set(),
        segments={},
        stages={},
        touchpoints={},
        time_zone=time_zone,
    )
    checker = BatchChecker(MAPPING, table.columns, lookups, imported_at=IMPORTED_AT)
    return checker.check(next(table.batches(100)), report=100)


class FutureDateTest(SimpleTestCase):
    def test_a_date_in_the_future_names_its_line_column_and_reason(self) -> None:
        checked = check("A,9,2024-12-31", "B,8,2099-01-01")
        self.assertEqual(
            [(error.line, error.column, error.message) for error in checked.errors],
            [(3, "date", "“2099-01-01” is in the future.")],
        )
        self.assertEqual(checked.rows["source_ref"].to_list(), ["import:id:survey:A"])

    def test_a_clock_a_few_minutes_ahead_is_allowed_as_the_api_allows_it(self) -> None:
        checked = check("A,9,2025-03-04 09:34", "B,8,2025-03-04 09:36")
        self.assertEqual([error.line for error in checked.errors], [3])
        self.assertEqual(checked.rows["source_ref"].to_list(), ["import:id:survey:A"])

    def test_the_future_is_judged_in_the_dates_own_time_zone(self) -> None:
        # 10:00 in Berlin is 09:00 UTC, before the upload; 10:00 with no zone in UTC is after it
        self.assertEqual(check("A,9,2025-03-04 10:00", time_zone="Europe/Berlin").errors, [])
        self.assertEqual(len(check("A,9,2025-03-04 10:00").errors), 1)
        self.assertEqual(check("A,9,2025-03-04T10:00:00+01:00").errors, [])

    def test_the_allowance_for_clocks_that_run_ahead_is_the_ingestion_apis(self) -> None:
        self.assertEqual(validation.CLOCK_SKEW, ingestion.CLOCK_SKEW)
