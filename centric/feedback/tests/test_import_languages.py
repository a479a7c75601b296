"""A file's language column takes only the languages the ingestion API knows: a code of the
right shape that names no language ("xx") is a problem of its row, not English in disguise."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase

from centric.feedback.feedback_imports import reading, selectors, services
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.feedback_imports.validation import BatchChecker, CheckedBatch, Lookups
from centric.feedback.models import FeedbackImport, Response
from tests.personas import PersonasTestCase

LANGUAGES = ("de", "xx", "pt-BR", "EN", "Xx-AT", "ast", "English", "")
FILE = b"Response ID,Email,Score,Language\n" + b"".join(
    f"R{number},carla@acme.example,9,{language}\n".encode()
    for number, language in enumerate(LANGUAGES, start=1)
)
NOT_A_LANGUAGE = "“{}” is not the code of a language: give one such as en, de or pt-BR."


def checked(languages: tuple[str, ...]) -> CheckedBatch:
    """A batch with a row for each of ``languages``, checked."""
    batch = pl.DataFrame(
        {
            "line": list(range(2, len(languages) + 2)),
            "problem": [None] * len(languages),
            "problem_column": [None] * len(languages),
            "overflow": [None] * len(languages),
            reading.cell_name(0): ["9"] * len(languages),
            reading.cell_name(1): list(languages),
        },
        schema_overrides={"problem": pl.String, "problem_column": pl.String, "overflow": pl.String},
    )
    checker = BatchChecker(
        mapping=Mapping(columns={"score": "Score", "language": "Lang"}, score_type="nps"),
        columns=["Score", "Lang"],
        lookups=Lookups(
            contacts={},
            accounts={},
            customers=set(),
            segments={},
            stages={},
            touchpoints={},
            time_zone="UTC",
        ),
        imported_at=datetime(2025, 3, 4, tzinfo=UTC),
    )
    return checker.check(batch, report=len(batch))


class LanguageCheckTest(SimpleTestCase):
    def test_a_code_that_names_no_language_is_refused_with_its_line_column_and_reason(
        self,
    ) -> None:
        batch = checked(LANGUAGES)
        self.assertEqual(
            [error.as_dict() for error in batch.errors],
            [
                {"line": 3, "column": "Lang", "message": NOT_A_LANGUAGE.format("xx")},
                {"line": 6, "column": "Lang", "message": NOT_A_LANGUAGE.format("Xx-AT")},
                {
                    "line": 8,
                    "column": "Lang",
                    "message": "“English” is not a language code such as en, de or pt-BR.",
                },
            ],
        )
        self.assertEqual(batch.invalid, 3)
        self.assertEqual(batch.rows["language"].to_list(), ["de", "pt-BR", "en", "ast", "en"])


class LanguageImportTest(PersonasTestCase):
    def checked_job(self, content: bytes = FILE) -> FeedbackImport:
        job = services.feedback_import_start(
            actor=self.admin, upload=SimpleUploadedFile("export.csv", content), preset="survey-tool"
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(
                actor=self.admin, job=job, mapping=Mapping.from_dict(job.mapping)
            )
        job.refresh_from_db()
        return job

    def test_the_check_lists_and_counts_each_unknown_language(self) -> None:
        job = self.checked_job()
        self.assertEqual(job.status, FeedbackImport.Status.CHECKED)
        self.assertEqual((job.total_rows, job.valid_rows, job.error_count), (8, 5, 3))
        self.assertEqual(
            job.errors[:2],
            [
                {"line": 3, "column": "Language", "message": NOT_A_LANGUAGE.format("xx")},
                {"line": 6, "column": "Language", "message": NOT_A_LANGUAGE.format("Xx-AT")},
            ],
        )
        self.assertEqual(selectors.feedback_import_refused_count(job), 3)

    def test_the_good_rows_are_kept_in_their_languages(self) -> None:
        job = self.checked_job()
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_apply(actor=self.admin, job=job, mode="keep_valid")
        job.refresh_from_db()
        self.assertEqual((job.status, job.created_count), (FeedbackImport.Status.DONE, 5))
        self.assertEqual(
            sorted(Response.objects.values_list("source_ref", "language")),
            [
                ("import:id:survey:R1", "de"),
                ("import:id:survey:R3", "pt-BR"),
                ("import:id:survey:R4", "en"),
                ("import:id:survey:R6", "ast"),
                # no language: the contact's
                ("import:id:survey:R8", self.contact.language),
            ],
        )

    def test_every_row_or_none_imports_nothing(self) -> None:
        job = self.checked_job(b"Response ID,Score,Language\nR1,9,de\nR2,7,xx\n")
        self.assertEqual((job.valid_rows, job.error_count), (1, 1))
        with self.assertRaisesMessage(ValidationError, "Some rows are invalid"):
            services.feedback_import_apply(actor=self.admin, job=job, mode="all_or_nothing")
        self.assertFalse(Response.objects.exists())
