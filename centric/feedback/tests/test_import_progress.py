"""The progress bar of an import in progress fills as far as the words next to it say."""

from __future__ import annotations

from typing import Any

from django.test import SimpleTestCase

from centric.feedback.feedback_imports import selectors
from centric.feedback.models import FeedbackImport


def progress(**values: Any) -> tuple[str, int]:
    job = FeedbackImport(size=1000, total_rows=120_000, **values)
    found = selectors.feedback_import_progress(job)
    return found.done, found.percent


class ImportProgressTest(SimpleTestCase):
    def test_storing_every_row_fills_the_bar_by_the_rows_it_counts(self) -> None:
        self.assertEqual(
            progress(
                status="importing", mode="all_or_nothing", bytes_read=1000, processed_rows=20_000
            ),
            ("20,000 of 120,000 rows done", 16),
        )

    def test_checking_every_row_again_fills_the_bar_by_the_share_of_the_file_read(self) -> None:
        self.assertEqual(
            progress(status="importing", mode="all_or_nothing", bytes_read=500),
            ("50% of the file read", 50),
        )

    def test_the_bar_starts_again_for_the_storing_step(self) -> None:
        self.assertEqual(
            progress(status="importing", mode="all_or_nothing", bytes_read=1000),
            ("0 of 120,000 rows done", 0),
        )

    def test_storing_the_valid_rows_and_checking_agree_with_their_words(self) -> None:
        self.assertEqual(
            progress(status="importing", mode="keep_valid", processed_rows=60_000),
            ("60,000 of 120,000 rows done", 50),
        )
        self.assertEqual(progress(status="checking", bytes_read=333), ("33% of the file read", 33))
