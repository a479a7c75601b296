"""Reading, mapping and checking feedback files: pure code, no database."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import polars as pl
from django.test import SimpleTestCase
from openpyxl import Workbook

from centric.feedback.feedback_imports import reading
from centric.feedback.feedback_imports.mapping import PRESETS, Mapping, suggest
from centric.feedback.feedback_imports.validation import BatchChecker, CheckedBatch, Lookups

# when the import was uploaded: the date of every row of a file without a date column
IMPORTED_AT = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)


def table_of(data: bytes, file_name: str = "f.csv") -> reading.Table:
    stream = io.BytesIO(data)
    return reading.open_table(stream, file_format=reading.detect_format(file_name, data[:8]))


def rows_of(table: reading.Table, size: int = 3) -> list[tuple[Any, ...]]:
    """Every record as (line, problem, cells...), read in small batches."""
    return [
        (row[0], row[1], *row[len(reading.BATCH_COLUMNS) :])
        for batch in table.batches(size)
        for row in batch.iter_rows()
    ]


def records_of(data: bytes, file_name: str = "f.csv") -> list[tuple[Any, ...]]:
    return rows_of(table_of(data, file_name))


def lookups(**overrides: Any) -> Lookups:
    values: dict[str, Any] = {
        "contacts": {"carla@acme.example": (7, 70)},
        "accounts": {"crm-1": 70},
        "customers": {70},
        "segments": {"enterprise": "Enterprise"},
        "stages": {"use": 3},
        "touchpoints": {"onboarding call": (5, 3)},
        "time_zone": "UTC",
    }
    return Lookups(**(values | overrides))


class ReadingTest(SimpleTestCase):
    def test_it_reads_utf8_with_and_without_a_byte_order_mark(self) -> None:
        for data in ("score\nSchön\n".encode(), "\ufeffscore\nSchön\n".encode()):
            table = table_of(data)
            self.assertEqual(table.columns, ["score"])
            self.assertEqual(rows_of(table), [(2, None, "Schön")])

    def test_it_reads_utf16_and_says_so(self) -> None:
        table = table_of("score,comment\n9,Grüße\n".encode("utf-16"))
        self.assertEqual(table.encoding, "utf-16")
        self.assertEqual(rows_of(table), [(2, None, "9", "Grüße")])

    def test_it_falls_back_to_windows_1252_for_a_file_that_never_was_utf8(self) -> None:
        table = table_of("score,comment\n9,Très bien\n".encode("latin-1"))
        self.assertEqual(table.encoding, "cp1252")
        self.assertEqual(rows_of(table), [(2, None, "9", "Très bien")])

    def test_lines_are_where_a_record_starts_even_after_quoted_newlines(self) -> None:
        data = b'score,comment\n9,"one\r\ntwo\nthree"\n\n7,after\n,\n8,"x\ny"\n5,last\n'
        self.assertEqual(
            records_of(data),
            [
                (2, None, "9", "one\r\ntwo\nthree"),
                (6, None, "7", "after"),
                (8, None, "8", "x\ny"),
                (10, None, "5", "last"),
            ],
        )

    def test_a_row_with_the_wrong_number_of_fields_cannot_be_read(self) -> None:
        self.assertEqual(
            records_of(b"score,comment\n9\n7,ok,extra\n8,fine\n"),
            [
                # the fields it has are kept, for the download of the refused rows
                (2, "The row has 1 fields but the header has 2.", "9", ""),
                (3, "The row has 3 fields but the header has 2.", "7", "ok"),
                (4, None, "8", "fine"),
            ],
        )

    def test_a_quote_never_closed_stops_the_reading_at_the_line_where_it_opens(self) -> None:
        data = (
            b"id,date,score,comment\n"
            b"F-1,2026-11-01,9,ok\n"
            b'F-2,2026-11-01,9,"two\nlines"\n'
            b'F-4,2026-11-01,3,"unterminated quote\n'
            b"F-5,2026-11-01,8,after\n"
        )
        table = table_of(data)
        with self.assertRaises(reading.FileProblem) as raised:
            rows_of(table, size=10)
        self.assertEqual((raised.exception.line, raised.exception.column), (5, "comment"))
        self.assertIn("opens on line 5 and is never closed", raised.exception.message)

    def test_a_quote_never_closed_is_found_whichever_batch_it_is_in(self) -> None:
        data = b"score,comment\n" + b"9,ok\n" * 5 + b'7,"open\n8,after\n'
        for size in (1, 5, 6, 100):
            with self.subTest(size=size), self.assertRaises(reading.FileProblem) as raised:
                rows_of(table_of(data), size=size)
            self.assertEqual(raised.exception.line, 7)

    def test_a_quote_never_closed_in_the_last_line_without_a_line_break_is_found(self) -> None:
        with self.assertRaises(reading.FileProblem) as raised:
            records_of(b'score,comment\n9,ok\n7,"open')
        self.assertEqual((raised.exception.line, raised.exception.column), (3, "comment"))

    def test_a_quote_never_closed_in_the_header_is_reported(self) -> None:
        with self.assertRaises(reading.FileProblem) as raised:
            table_of(b'score,"comment\n9,ok\n')
        self.assertEqual(raised.exception.line, 1)

    def test_a_field_that_grows_past_the_size_limit_is_a_stray_quote(self) -> None:
        # a stray quote in a large file: the field grows until the limit, not to the file's end
        line = b"9,a comment long enough to fill the file quickly\n"
        data = b"score,comment\n9,ok\n" + b'7,"stray\n' + line * (reading.MAX_FIELD_CHARS // 40)
        with self.assertRaises(reading.FileProblem) as raised:
            records_of(data)
        self.assertEqual(raised.exception.line, 3)
        self.assertIn("more than 1 MB", raised.exception.message)

    def test_a_row_over_too_many_lines_is_a_stray_quote_closed_by_another(self) -> None:
        swallowed = b"9,ok\n" * reading.MAX_RECORD_LINES
        data = b'score,comment\n9,ok\n7,"stray\n' + swallowed + b'8,another" stray\n9,last\n'
        with self.assertRaises(reading.FileProblem) as raised:
            records_of(data)
        self.assertEqual(raised.exception.line, 3)
        self.assertIn("more than 1,000 lines", raised.exception.message)

    def test_a_row_with_too_many_fields_over_several_lines_hints_at_a_quote(self) -> None:
        found = records_of(b'score,comment\n7,"stray\n9,ok\n8,bad",x\n9,last\n')
        self.assertEqual(found[0][:2], (2, found[0][1]))
        self.assertIn("runs over 3 lines, so a quote may not be closed", found[0][1])
        self.assertEqual(found[1], (5, None, "9", "last"))

    def test_it_recognises_semicolons_as_the_delimiter(self) -> None:
        self.assertEqual(records_of(b"score;comment\n9;ok\n"), [(2, None, "9", "ok")])

    def test_json_lines_report_unreadable_lines_by_number(self) -> None:
        data = b'{"score": 9, "comment": "ok"}\n\nnot json\n[1]\n{"score": 3}\n'
        table = table_of(data, "f.jsonl")
        self.assertEqual(table.columns, ["score", "comment"])
        found = rows_of(table)
        self.assertEqual([row[0] for row in found], [1, 3, 4, 5])
        self.assertIn("not valid JSON", found[1][1])
        self.assertEqual(found[3], (5, None, "3", None))

    def test_json_values_become_the_text_a_csv_file_would_have(self) -> None:
        data = b'{"score": 9.0, "ok": true, "tags": ["a"], "comment": "Sch\\u00f6n"}\n'
        self.assertEqual(
            rows_of(table_of(data, "f.jsonl")), [(1, None, "9", "true", '["a"]', "Schön")]
        )

    def test_xlsx_rows_are_numbered_as_in_the_sheet(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.append(["Score", "Comment"])
        sheet.append([9, "good"])
        sheet.append([None, None])
        sheet.append([4, "meh"])
        buffer = io.BytesIO()
        book.save(buffer)
        table = table_of(buffer.getvalue(), "f.xlsx")
        self.assertEqual(table.columns, ["Score", "Comment"])
        self.assertEqual(rows_of(table), [(2, None, "9", "good"), (4, None, "4", "meh")])

    def test_xlsx_title_rows_above_the_header_are_skipped(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.append(["Customer feedback, Q1 2024"])
        sheet.merge_cells("A1:C1")
        sheet.append([])
        sheet.append(["Response ID", "Score", "Comment"])
        sheet.append(["R1", "9", "good"])
        sheet.append(["R2", 4, None])
        buffer = io.BytesIO()
        book.save(buffer)
        table = table_of(buffer.getvalue(), "f.xlsx")
        self.assertEqual(table.columns, ["Response ID", "Score", "Comment"])
        self.assertEqual(rows_of(table), [(4, None, "R1", "9", "good"), (5, None, "R2", "4", None)])

    def test_a_one_column_xlsx_keeps_its_first_row_as_the_header(self) -> None:
        book = Workbook()
        sheet = book.active
        for value in ("Comment", "good", "meh"):
            sheet.append([value])
        buffer = io.BytesIO()
        book.save(buffer)
        table = table_of(buffer.getvalue(), "f.xlsx")
        self.assertEqual(table.columns, ["Comment"])
        self.assertEqual(rows_of(table), [(2, None, "good"), (3, None, "meh")])

    def test_the_preview_shows_the_first_rows_as_text(self) -> None:
        table = table_of(b"score,comment\n9,good\n7\n")
        self.assertEqual(
            reading.preview(table),
            [["9", "good"], ["The row has 1 fields but the header has 2.", ""]],
        )

    def test_a_header_that_names_a_column_twice_is_refused(self) -> None:
        with self.assertRaises(reading.FileProblem):
            table_of(b"score,score\n1,2\n")


class MappingTest(SimpleTestCase):
    def test_presets_fill_the_mapping_for_a_help_desk_export(self) -> None:
        columns = [
            "Ticket ID",
            "Created at",
            "Requester email",
            "Satisfaction score",
            "Description",
            "Channel",
            "Priority",
        ]
        mapping = suggest(columns, "help-desk")
        self.assertEqual(mapping.columns["external_id"], "Ticket ID")
        self.assertEqual(mapping.columns["score"], "Satisfaction score")
        self.assertEqual(mapping.columns["contact_email"], "Requester email")
        self.assertEqual((mapping.score_type, mapping.kind), ("csat", "ticket"))
        self.assertEqual(mapping.attributes, ["Priority"])

    def test_every_preset_maps_the_date_column_of_its_export(self) -> None:
        exports = {
            "survey-tool": ["Response ID", "Submitted at", "Email", "Score", "Comment"],
            "help-desk": ["Ticket ID", "Created at", "Requester email", "Satisfaction score"],
            "app-store": ["Review ID", "Date", "Rating", "Title", "Review", "Territory"],
        }
        self.assertEqual(set(exports), set(PRESETS))
        for preset, columns in exports.items():
            with self.subTest(preset=preset):
                self.assertEqual(suggest(columns, preset).columns["responded_at"], columns[1])

    def test_a_saved_mapping_fits_a_file_whose_headers_differ_in_case(self) -> None:
        saved = Mapping(columns={"score": "NPS Score"}, score_type="nps")
        self.assertEqual(saved.fitted_to(["nps_score", "x"]).columns, {"score": "nps_score"})

    def test_the_date_order_is_proposed_from_the_first_rows(self) -> None:
        columns = ["Date", "Score"]
        american = [["12/31/2024", "9"], ["01/02/2025", "7"]]
        european = [["31/12/2024", "9"], ["01/02/2025", "7"]]
        undecided = [["01/02/2025", "9"], ["2025-01-03", "7"]]
        self.assertEqual(suggest(columns, preview=american).date_order, "month")
        self.assertEqual(suggest(columns, preview=european).date_order, "day")
        self.assertEqual(suggest(columns, preview=undecided).date_order, "day")

    def test_a_date_order_is_kept_with_a_saved_mapping_and_checked(self) -> None:
        saved = Mapping.from_dict(Mapping(columns={"score": "S"}, date_order="month").as_dict())
        self.assertEqual(saved.date_order, "month")
        self.assertEqual(Mapping.from_dict({"columns": {"score": "S"}}).date_order, "day")
        self.assertEqual(saved.fitted_to(["S"]).date_order, "month")
        self.assertIn(
            "“sideways” is not a date order.",
            Mapping(columns={"comment": "C"}, date_order="sideways").problems(["C"]),
        )

    def test_a_mapping_needs_a_score_or_a_comment(self) -> None:
        self.assertTrue(Mapping(columns={"contact_email": "Email"}).problems(["Email"]))


class CheckingTest(SimpleTestCase):
    header = "id,email,score,comment,date,stage,touchpoint\n"
    mapping = Mapping(
        columns={
            "external_id": "id",
            "contact_email": "email",
            "score": "score",
            "comment": "comment",
            "responded_at": "date",
            "stage": "stage",
            "touchpoint": "touchpoint",
        },
        score_type="nps",
    )

    def check(self, *lines: str, mapping: Mapping | None = None, **overrides: Any) -> CheckedBatch:
        """Check the CSV rows ``lines`` (after the header) as one batch, or several in turn."""
        table = table_of((self.header + "".join(f"{line}\n" for line in lines)).encode())
        checker = BatchChecker(
            mapping or self.mapping, table.columns, lookups(**overrides), imported_at=IMPORTED_AT
        )
        results = [checker.check(batch, report=100) for batch in table.batches(2)]
        return CheckedBatch(
            rows=pl.concat([result.rows for result in results]),
            invalid=sum(result.invalid for result in results),
            errors=[error for result in results for error in result.errors],
        )

    def test_a_good_row_becomes_response_fields(self) -> None:
        checked = self.check("A1, Carla@acme.example ,9,Great,2024-03-01,,Onboarding call")
        self.assertEqual(checked.errors, [])
        row = checked.rows.row(0, named=True)
        self.assertEqual(row["source_ref"], "import:id:survey:A1")
        self.assertEqual((row["customer_id"], row["contact_id"]), (70, 7))
        self.assertEqual((row["score"], row["score_type"]), (9, "nps"))
        self.assertEqual((row["touchpoint_id"], row["stage_id"]), (5, 3))
        self.assertEqual(row["responded_at"].isoformat(), "2024-03-01T00:00:00+00:00")

    def test_each_problem_names_the_line_column_and_reason(self) -> None:
        checked = self.check("A2,nobody@x.example,11,,yesterday,Nowhere,")
        self.assertEqual(
            [(error.line, error.column) for error in checked.errors],
            [(2, "score"), (2, "date"), (2, "email"), (2, "stage")],
        )
        self.assertEqual(checked.errors[0].message, "11 is out of range for NPS (0–10).")
        self.assertIn("“yesterday” is not a date", checked.errors[1].message)
        self.assertEqual(checked.errors[3].message, "There is no journey stage called “Nowhere”.")

    def test_a_score_that_is_not_a_number_is_the_wrong_type(self) -> None:
        checked = self.check(
            "A,,nine,,2024-01-01,,", "B,,7.5,,2024-01-01,,", "C,,7.0,,2024-01-01,,"
        )
        self.assertEqual(
            [error.message for error in checked.errors],
            ["“nine” is not a whole number.", "“7.5” is not a whole number."],
        )
        self.assertEqual(checked.rows["score"].to_list(), [7])

    def test_a_score_type_can_come_from_a_column(self) -> None:
        mapping = Mapping(columns={"score": "score", "score_type": "comment"})
        checked = self.check(",,4,CSAT,,,", ",,6,csat,,,", ",,6,mood,,,", mapping=mapping)
        self.assertEqual(checked.rows["score_type"].to_list(), ["csat"])
        self.assertEqual(
            [(error.column, error.message) for error in checked.errors],
            [
                ("score", "6 is out of range for CSAT (1–5)."),
                ("comment", "“mood” is not a score type."),
            ],
        )

    def test_a_row_without_score_or_comment_misses_a_required_field(self) -> None:
        checked = self.check("A,,,,,,")
        self.assertIn("required field is missing", checked.errors[0].message)

    def test_a_member_must_name_the_customer(self) -> None:
        checked = self.check("A,,9,,2024-01-01,,", customer_required=True)
        self.assertEqual(checked.errors[0].column, "email")
        self.assertIn("The customer is missing", checked.errors[0].message)

    def test_the_customer_is_found_by_account_or_number_too(self) -> None:
        mapping = Mapping(
            columns={"score": "score", "account_external_id": "email", "customer_id": "stage"},
            score_type="nps",
        )
        checked = self.check(
            ",CRM-1,9,,,,", ",,8,,,70,", ",crm-2,9,,,,", ",,9,,,71,", mapping=mapping
        )
        self.assertEqual(checked.rows["customer_id"].to_list(), [70, 70])
        self.assertEqual(
            [error.message for error in checked.errors],
            [
                "No account of yours has the CRM id crm-2.",
                "No customer of yours has the number 71.",
            ],
        )

    def test_a_repeated_row_is_reported_with_the_line_it_repeats(self) -> None:
        # the batches hold two rows, so the repeats are found within a batch and across them
        rows = ("A,,9", "B,,9", "A,,8", "B,,8", "B,,7")
        checked = self.check(*(f"{row},,2024-01-01,," for row in rows))
        self.assertEqual(
            [(error.line, error.message) for error in checked.errors],
            [
                (4, "This row repeats line 2 (same external id)."),
                (5, "This row repeats line 3 (same external id)."),
                (6, "This row repeats line 3 (same external id)."),
            ],
        )

    def test_rows_without_an_external_id_are_known_by_their_content(self) -> None:
        checked = self.check(
            ",,9,Same,2024-01-01,,", ",,9,Same,2024-01-01 00:00,,", ",,9,Other,2024-01-01,,"
        )
        self.assertEqual(checked.errors[0].message, "This row repeats line 2 (same content).")
        self.assertTrue(checked.rows["source_ref"].str.starts_with("import:row:").all())

    def test_the_content_digest_is_the_one_earlier_versions_stored(self) -> None:
        # changing it would import again every row imported before without an external id
        checked = self.check(
            ",carla@acme.example,9,Schön,2024-01-01 10:00,,", time_zone="Europe/Berlin"
        )
        self.assertEqual(
            checked.rows["source_ref"].to_list(),
            ["import:row:6f32e649f42d51540c9958b171e05fcbd4136365"],
        )

    def test_dates_are_read_in_many_forms_and_in_the_organisations_time_zone(self) -> None:
        dates = [
            "2024-03-01 14:05",
            "2024-03-01T14:05:00+02:00",
            "01.03.2024 14:05",
            "20240301T140500",
            "2024-03-31 02:30",  # skipped by the change to summer time: read as before it
        ]
        checked = self.check(
            *(f"{number},,9,,{date},," for number, date in enumerate(dates)),
            time_zone="Europe/Berlin",
        )
        self.assertEqual(
            [when.isoformat() for when in checked.rows["responded_at"].to_list()],
            [
                "2024-03-01T13:05:00+00:00",
                "2024-03-01T12:05:00+00:00",
                "2024-03-01T13:05:00+00:00",
                "2024-03-01T13:05:00+00:00",
                "2024-03-31T01:30:00+00:00",
            ],
        )

    def test_slashed_dates_are_read_in_the_mappings_date_order(self) -> None:
        lines = ("D1,,9,,03/04/2024,,", "D2,,9,,03/04/2024 14:05,,", "D3,,9,,03.04.2024,,")
        day_first = self.check(*lines)
        month_first = self.check(*lines, mapping=replace(self.mapping, date_order="month"))
        self.assertEqual(day_first.errors + month_first.errors, [])
        self.assertEqual(
            [when.strftime("%d %b") for when in day_first.rows["responded_at"].to_list()],
            ["03 Apr", "03 Apr", "03 Apr"],
        )
        # dots are only ever day first
        self.assertEqual(
            [when.strftime("%d %b") for when in month_first.rows["responded_at"].to_list()],
            ["04 Mar", "04 Mar", "03 Apr"],
        )

    def test_times_with_seconds_or_am_pm_are_read_with_a_slashed_date(self) -> None:
        checked = self.check(
            "T1,,9,,12/31/2024 2:05 PM,,",
            "T2,,9,,12/31/2024 02:05:09 pm,,",
            "T3,,9,,12/31/2024 14:05:09,,",
            mapping=replace(self.mapping, date_order="month"),
        )
        self.assertEqual(checked.errors, [])
        self.assertEqual(
            [when.isoformat() for when in checked.rows["responded_at"].to_list()],
            [
                "2024-12-31T14:05:00+00:00",
                "2024-12-31T14:05:09+00:00",
                "2024-12-31T14:05:09+00:00",
            ],
        )

    def test_a_date_that_reads_only_in_the_other_order_says_which_order_to_choose(self) -> None:
        day_first = self.check("W1,,9,,12/31/2024,,")
        self.assertEqual(
            [error.message for error in day_first.errors],
            [
                "“12/31/2024” is not a date: month 31 does not exist. If this file writes the "
                "month first, choose “Month first” as its date order. With “Day first” chosen, "
                "write 31/03/2024, 31/03/2024 14:05, 31.03.2024, 2024-03-31 or 2024-03-31 14:05."
            ],
        )
        month_first = self.check(
            "W2,,9,,31/12/2024,,", mapping=replace(self.mapping, date_order="month")
        )
        self.assertEqual(
            [error.message for error in month_first.errors],
            [
                "“31/12/2024” is not a date: month 31 does not exist. If this file writes the "
                "day first, choose “Day first” as its date order. With “Month first” chosen, "
                "write 03/31/2024, 03/31/2024 2:05 PM, 31.03.2024, 2024-03-31 or 2024-03-31 14:05."
            ],
        )

    def test_rows_without_an_external_id_are_known_by_the_date_as_the_order_reads_it(self) -> None:
        mapping = replace(self.mapping, date_order="month")
        self.assertNotEqual(
            self.check(",,9,Same,03/04/2024,,", mapping=mapping).rows["source_ref"].to_list(),
            self.check(",,9,Same,03/04/2024,,").rows["source_ref"].to_list(),
        )
        self.assertEqual(
            self.check(",,9,Same,03/04/2024,,", mapping=mapping).rows["source_ref"].to_list(),
            self.check(",,9,Same,2024-03-04,,").rows["source_ref"].to_list(),
        )

    def test_excel_serial_dates_are_read_as_dates(self) -> None:
        # a date column that lost its date format in Excel holds the days since 1899-12-30
        checked = self.check("S1,,9,,45352,,", "S2,,9,,45352.5,,", time_zone="Europe/Berlin")
        self.assertEqual(checked.errors, [])
        self.assertEqual(
            [when.isoformat() for when in checked.rows["responded_at"].to_list()],
            ["2024-02-29T23:00:00+00:00", "2024-03-01T11:00:00+00:00"],
        )

    def test_a_number_far_from_any_likely_date_is_not_a_date(self) -> None:
        checked = self.check("N1,,9,,2024,,", "N2,,9,,1709251200,,")
        self.assertEqual(
            [error.message[:9] for error in checked.errors], ["“2024” is", "“17092512"]
        )

    def test_rows_with_serial_dates_and_no_external_id_differ_by_their_dates(self) -> None:
        checked = self.check(",,9,Same,45352,,", ",,9,Same,45353,,", ",,9,Same,2024-03-01,,")
        self.assertEqual(
            [error.message for error in checked.errors], ["This row repeats line 2 (same content)."]
        )

    def test_a_row_with_an_empty_date_cell_names_its_line_column_and_reason(self) -> None:
        checked = self.check("A,,9,,2024-03-01,,", "B,,8,, ,,", "C,,,,,,")
        self.assertEqual(
            [(error.line, error.column, error.message) for error in checked.errors],
            [
                (3, "date", "The date is missing."),
                (4, "score", "A required field is missing: a score or a comment."),
                (4, "date", "The date is missing."),
            ],
        )
        self.assertEqual(checked.rows["source_ref"].to_list(), ["import:id:survey:A"])

    def test_without_a_date_column_every_row_is_dated_with_the_imports_time(self) -> None:
        undated = Mapping(columns={"external_id": "id", "score": "score"}, score_type="nps")
        checked = self.check("A,,9,,,,", "B,,8,,,,", "C,,7,,2020-01-01,,", mapping=undated)
        self.assertEqual(checked.errors, [])
        self.assertEqual(checked.rows["responded_at"].to_list(), [IMPORTED_AT] * 3)

    def test_rows_without_a_date_column_keep_the_content_digest_they_had(self) -> None:
        # the import's time is left out of it, so the same file imported again adds nothing
        undated = Mapping(columns={"score": "score", "comment": "comment"}, score_type="nps")
        refs = []
        for imported_at in (IMPORTED_AT, datetime(2026, 1, 1, tzinfo=UTC)):
            table = table_of((self.header + ",,9,Same,,,\n").encode())
            checker = BatchChecker(undated, table.columns, lookups(), imported_at=imported_at)
            refs += checker.check(next(table.batches(5)), report=5).rows["source_ref"].to_list()
        self.assertEqual(refs, ["import:row:8fc0fa6abced9c71de7495482f4a3c4173734e41"] * 2)

    def test_segment_channel_and_attribute_columns_are_kept_as_attributes(self) -> None:
        mapping = Mapping(
            columns={"score": "score", "segment": "stage", "channel": "touchpoint"},
            score_type="nps",
            attributes=["comment"],
        )
        checked = self.check(",,9,de,,ENTERPRISE,web", ",,9,,,Retail,", mapping=mapping)
        self.assertEqual(
            json.loads(checked.rows["attributes"][0]),
            {"segment": "Enterprise", "channel": "web", "comment": "de"},
        )
        self.assertEqual(checked.errors[0].message, "There is no segment called “Retail”.")

    def test_the_language_comes_from_its_column_else_the_contact_else_english(self) -> None:
        mapping = Mapping(
            columns={"score": "score", "contact_email": "email", "language": "stage"},
            score_type="nps",
        )
        checked = self.check(
            ",carla@acme.example,9,,,DE,",
            ",carla@acme.example,9,,,pt-BR,",
            ",carla@acme.example,9,,,,",
            ",,9,,,,",
            mapping=mapping,
            contact_languages={7: "fr"},
        )
        self.assertEqual(checked.errors, [])
        self.assertEqual(checked.rows["language"].to_list(), ["de", "pt-BR", "fr", "en"])

    def test_a_language_that_is_not_a_code_names_its_line_and_column(self) -> None:
        mapping = Mapping(columns={"score": "score", "language": "stage"}, score_type="nps")
        checked = self.check("A,,9,,,English,", "B,,9,,,en_US,", "C,,9,,,es,", mapping=mapping)
        self.assertEqual(
            [(error.line, error.column, error.message) for error in checked.errors],
            [
                (2, "stage", "“English” is not a language code such as en, de or pt-BR."),
                (3, "stage", "“en_US” is not a language code such as en, de or pt-BR."),
            ],
        )
        self.assertEqual(checked.rows["language"].to_list(), ["es"])

    def test_a_language_column_keeps_the_content_digest_of_a_language_attribute(self) -> None:
        # files imported when the language could only be kept as an attribute are recognised
        row = ",,9,Same,2024-01-01,de,"
        as_attribute = Mapping(columns={"score": "score"}, score_type="nps", attributes=["stage"])
        as_language = Mapping(columns={"score": "score", "language": "stage"}, score_type="nps")
        self.assertEqual(
            self.check(row, mapping=as_attribute).rows["source_ref"].to_list(),
            self.check(row, mapping=as_language).rows["source_ref"].to_list(),
        )

    def test_bytes_that_are_not_utf8_are_reported_on_their_row(self) -> None:
        header = self.header.encode()
        table = table_of(
            header
            + b"B,,9,\xc3\xa9t\xc3\xa9,45352,,\nA,,9,Gr\xfc\xdfe,45352,,\nC,,9,a\x00b,45352,,\n"
        )
        self.assertEqual(table.encoding, "utf-8")
        checker = BatchChecker(self.mapping, table.columns, lookups(), imported_at=IMPORTED_AT)
        checked = checker.check(next(table.batches(10)), report=10)
        self.assertEqual(checked.rows["comment"].to_list(), ["été"])
        self.assertEqual([error.column for error in checked.errors], ["comment", "comment"])
        self.assertIn("bad encoding", checked.errors[0].message)
        self.assertIn("NUL character", checked.errors[1].message)

    def test_only_the_asked_number_of_invalid_rows_is_described(self) -> None:
        table = table_of((self.header + "A,,nine,,2024-01-01,,\n" * 5).encode())
        checker = BatchChecker(self.mapping, table.columns, lookups(), imported_at=IMPORTED_AT)
        checked = checker.check(next(table.batches(10)), report=2)
        self.assertEqual((checked.invalid, len(checked.errors)), (5, 2))
