"""The download of an import's refused rows: each row as the file has it, after its line and why it
was refused, for people to fix in a spreadsheet and import again; seen by whoever may see the
import, and nobody else."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from typing import Any
from unittest import mock

import polars as pl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase
from django.urls import reverse
from openpyxl import Workbook

from centric.core.models import AuditEvent
from centric.feedback.feedback_imports import refused, services
from centric.feedback.feedback_imports.mapping import Mapping
from centric.feedback.feedback_imports.problems import problems_name
from centric.feedback.models import FeedbackImport, Response
from centric.feedback.tests.test_import_reading import table_of
from centric.people.models import User
from tests.personas import PersonasTestCase

HEADER = ["Line in the file", "Why it was refused"]
# two good rows, and three refused: one out of range, one whose comment is a formula and whose
# customer is unknown, and one that spans two lines before an unknown customer's row
EXPORT = (
    b"Response ID,Submitted at,Email,Score,Comment\n"
    b"R1,2024-03-01,carla@acme.example,9,Great\n"
    b"R2,2024-03-02,carla@acme.example,12,Too high\n"
    b'R3,2024-03-03,carla@acme.example,7,"Two\nlines"\n'
    b'R4,2024-03-04,nobody@nowhere.example,3,"=HYPERLINK(""http://evil.example"")"\n'
    b"R5,2024-03-05,carla@acme.example,8,Fine\n"
)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


class RefusedRowsTest(SimpleTestCase):
    """Pure code: the refused rows found in a file read again."""

    columns = ["Email", "Score", "Comment"]
    data = (
        b'Email,Score,Comment\na@x.example,11,"Two\nlines"\nb@x.example,5,Fine\nc@x.example,x,Bad\n'
    )

    def rows(self, errors: list[dict[str, Any]], data: bytes | None = None) -> list[list[Any]]:
        table = table_of(data or self.data)
        return list(refused.refused_rows(table.columns, errors, table.batches(1)))

    def test_each_refused_row_comes_as_the_file_has_it_after_its_line_and_reasons(self) -> None:
        errors = [
            {"line": 2, "column": "Score", "message": "11 is out of range for NPS (0–10)."},
            {"line": 2, "column": "", "message": "The customer is missing."},
            {"line": 5, "column": "Score", "message": "“x” is not a whole number."},
        ]
        self.assertEqual(
            self.rows(errors),
            [
                [*HEADER, "Email", "Score", "Comment"],
                [2, "Score: 11 is out of range for NPS (0–10). The customer is missing.",
                 "a@x.example", "11", "Two\nlines"],
                [5, "Score: “x” is not a whole number.", "c@x.example", "x", "Bad"],
            ],
        )  # fmt: skip

    def test_the_file_is_read_only_as_far_as_the_last_refused_row(self) -> None:
        table = table_of(self.data)

        def batches() -> Iterator[pl.DataFrame]:
            yield from itertools.islice(table.batches(1), 1)  # the row on line 2
            raise AssertionError("read past the last refused row")

        errors = [{"line": 2, "column": "", "message": "The customer is missing."}]
        rows = list(refused.refused_rows(table.columns, errors, batches()))
        self.assertEqual(rows[1][:3], [2, "The customer is missing.", "a@x.example"])

    def test_a_problem_of_the_whole_file_is_no_row(self) -> None:
        errors = [{"line": 0, "column": "", "message": "The file has no column “Date”."}]
        self.assertEqual(self.rows(errors), [[*HEADER, "Email", "Score", "Comment"]])
        self.assertEqual(refused.refused_lines(errors), [])

    def test_a_row_the_file_cannot_give_back_has_its_line_and_reasons_alone(self) -> None:
        data = b'Email,Score,Comment\na@x.example,11,Fine\nb@x.example,5,"never closed\n'
        errors = [
            {"line": 3, "column": "Comment", "message": "A quoted field opens on line 3 and …"},
            {"line": 2, "column": "Score", "message": "11 is out of range for NPS (0–10)."},
        ]
        self.assertEqual(
            self.rows(errors, data)[1:],
            [
                [2, "Score: 11 is out of range for NPS (0–10).", "a@x.example", "11", "Fine"],
                [3, "Comment: A quoted field opens on line 3 and …", "", "", ""],
            ],
        )

    def test_a_row_of_too_many_or_too_few_fields_comes_back_whole(self) -> None:
        # an unquoted comma splits a comment; a row stops short
        data = b"Email,Score,Comment\na@x.example,3,Slow, and late\nb@x.example,5\n"
        problems = [
            {"line": 2, "column": "", "message": "The row has 4 fields but the header has 3."},
            {"line": 3, "column": "", "message": "The row has 2 fields but the header has 3."},
        ]
        self.assertEqual(
            self.rows(problems, data)[1:],
            [
                [2, "The row has 4 fields but the header has 3.",
                 "a@x.example", "3", "Slow", " and late"],
                [3, "The row has 2 fields but the header has 3.", "b@x.example", "5", ""],
            ],
        )  # fmt: skip

    def test_a_file_downloaded_from_here_before_loses_its_old_line_and_reasons(self) -> None:
        data = (
            b"Line in the file,Why it was refused,Email,Score\n"
            b"7,Score: 11 is out of range,a@x.example,12\n"
        )
        errors = [{"line": 2, "column": "Score", "message": "12 is out of range."}]
        self.assertEqual(
            self.rows(errors, data),
            [[*HEADER, "Email", "Score"], [2, "Score: 12 is out of range.", "a@x.example", "12"]],
        )


class RefusedRowsDownloadTest(PersonasTestCase):
    def checked(self, content: bytes = EXPORT, name: str = "last-year.csv") -> FeedbackImport:
        job = services.feedback_import_start(
            actor=self.cx_lead, upload=SimpleUploadedFile(name, content), preset="survey-tool"
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(
                actor=self.cx_lead, job=job, mapping=Mapping.from_dict(job.mapping)
            )
        job.refresh_from_db()
        return job

    def download(self, job: FeedbackImport, person: User | None = None) -> Any:
        self.login(person or self.cx_lead)
        return self.client.get(reverse("feedback:import_refused_csv", args=[job.pk]))

    def test_the_uploader_downloads_the_refused_rows_to_fix_and_import_again(self) -> None:
        job = self.checked()
        response = self.download(job)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="last-year-refused-rows.csv"'
        )
        self.assertEqual(
            csv_rows(b"".join(response.streaming_content)),
            [
                [*HEADER, "Response ID", "Submitted at", "Email", "Score", "Comment"],
                ["3", "Score: 12 is out of range for NPS (0–10).",
                 "R2", "2024-03-02", "carla@acme.example", "12", "Too high"],
                ["6", "Email: No contact of yours has the email nobody@nowhere.example.",
                 "R4", "2024-03-04", "nobody@nowhere.example", "3",
                 "'=HYPERLINK(\"http://evil.example\")"],
            ],
        )  # fmt: skip

    def test_every_refused_row_downloads_however_many_the_report_lists(self) -> None:
        header = b"Response ID,Submitted at,Email,Score,Comment\n"
        bad = b"".join(b"R%d,2024-03-01,carla@acme.example,11,Row %d\n" % (i, i) for i in range(12))
        with mock.patch.object(services, "MAX_ERRORS_KEPT", 5):
            job = self.checked(header + bad + b"R99,2024-03-01,carla@acme.example,9,Fine\n")
        # the import row keeps the first five for its page and its API; the log keeps them all
        self.assertEqual((job.error_count, len(job.errors), job.valid_rows), (12, 5, 1))

        downloaded = csv_rows(b"".join(self.download(job).streaming_content))[1:]
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))

        self.assertEqual([row[0] for row in downloaded], [str(line) for line in range(2, 14)])
        self.assertEqual(downloaded[-1][-1], "Row 11")
        self.assertContains(page, "Showing the first 5 problems of 12 rows with problems.")
        self.assertContains(page, "Download the 12 rows with problems")

    def test_checking_again_replaces_the_problems_kept(self) -> None:
        job = self.checked()
        fixed = Mapping.from_dict({**job.mapping, "score_type": "rating"})
        with self.captureOnCommitCallbacks(execute=True):
            services.feedback_import_map(actor=self.cx_lead, job=job, mapping=fixed)
        job.refresh_from_db()
        downloaded = csv_rows(b"".join(self.download(job).streaming_content))[1:]
        # read as ratings (1-5), 9 and 7 are out of range too
        self.assertEqual(len(downloaded), job.error_count)
        self.assertIn("out of range for a rating", downloaded[0][1])

    def test_the_download_is_refused_exactly_where_the_import_is(self) -> None:
        job = self.checked()
        detail = reverse("feedback:import_detail", args=[job.pk])
        download = reverse("feedback:import_refused_csv", args=[job.pk])
        expected = {self.cx_lead: 200}  # the uploader alone; another organisation's never
        for person in (self.cx_lead, self.admin, self.owner, self.teammate, self.outsider,
                       self.viewer, self.stranger):  # fmt: skip
            self.login(person)
            with self.subTest(person=person.email):
                self.assertEqual(self.client.get(detail).status_code, expected.get(person, 404))
                self.assertEqual(self.client.get(download).status_code, expected.get(person, 404))
        self.client.logout()
        self.assertRedirects(
            self.client.get(download), f"{reverse('login')}?next={download}", target_status_code=200
        )

    def test_the_download_only_reads(self) -> None:
        job = self.checked()
        before = FeedbackImport.objects.filter(pk=job.pk).values().get()
        audited = AuditEvent.objects.count()
        self.assertEqual(len(csv_rows(b"".join(self.download(job).streaming_content))), 3)
        self.assertEqual(FeedbackImport.objects.filter(pk=job.pk).values().get(), before)
        self.assertEqual(AuditEvent.objects.count(), audited)
        self.assertFalse(Response.objects.exists())
        url = reverse("feedback:import_refused_csv", args=[job.pk])
        self.assertEqual(self.client.post(url).status_code, 405)

    def test_an_excel_files_refused_rows_come_as_csv(self) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Email", "Score", "Comment"])
        sheet.append(["carla@acme.example", 9, "Fine"])
        sheet.append(["carla@acme.example", 11, "+cmd|' /C calc'!A0"])
        data = io.BytesIO()
        book.save(data)
        job = self.checked(data.getvalue(), "scores.xlsx")
        self.assertEqual(
            csv_rows(b"".join(self.download(job).streaming_content))[1:],
            [["3", "Score: 11 is out of range for NPS (0–10).", "carla@acme.example", "11",
              "'+cmd|' /C calc'!A0"]],
        )  # fmt: skip

    def test_once_the_file_is_gone_the_problems_are_still_given(self) -> None:
        job = self.checked()
        job.file.delete(save=False)
        self.assertEqual(
            [row[:2] for row in csv_rows(b"".join(self.download(job).streaming_content))[1:]],
            [
                ["3", "Score: 12 is out of range for NPS (0–10)."],
                ["6", "Email: No contact of yours has the email nobody@nowhere.example."],
            ],
        )

    def test_the_report_offers_the_download_when_rows_were_refused(self) -> None:
        job = self.checked()
        url = reverse("feedback:import_refused_csv", args=[job.pk])
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, f'<a href="{url}">Download the 2 rows with problems</a>')
        self.assertContains(page, f'<a class="stat-label" href="{url}">Download them (CSV)</a>')
        clean = self.checked(b"Email,Score\ncarla@acme.example,9\n")
        page = self.client.get(reverse("feedback:import_detail", args=[clean.pk]))
        self.assertNotContains(page, "Download")

    def test_an_import_checked_before_every_problem_was_logged_gives_its_first_rows(
        self,
    ) -> None:
        job = self.checked()
        job.file.storage.delete(problems_name(job))
        FeedbackImport.objects.filter(pk=job.pk).update(error_count=1500)
        self.login(self.cx_lead)
        page = self.client.get(reverse("feedback:import_detail", args=[job.pk]))
        self.assertContains(page, "Download the first 2 rows with problems</a>")
