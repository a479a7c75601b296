"""Reading, mapping and checking feedback files: pure code, no database."""

from __future__ import annotations

import io
from datetime import UTC
from typing import Any

from django.test import SimpleTestCase
from openpyxl import Workbook

from centric.feedback.feedback_imports import reading
from centric.feedback.feedback_imports.mapping import Mapping, suggest
from centric.feedback.feedback_imports.validation import Lookups, RowChecker


def table_of(data: bytes, file_name: str = "f.csv") -> reading.Table:
    stream = io.BytesIO(data)
    return reading.open_table(stream, file_format=reading.detect_format(file_name, data[:8]))


def records_of(data: bytes, file_name: str = "f.csv") -> list[tuple[int, Any]]:
    return list(table_of(data, file_name).records)


def lookups(**overrides: Any) -> Lookups:
    values: dict[str, Any] = {
        "contacts": {"carla@acme.example": (7, 70)},
        "accounts": {"crm-1": 70},
        "customers": {70},
        "segments": {"enterprise": "Enterprise"},
        "stages": {"use": 3},
        "touchpoints": {"onboarding call": (5, 3)},
        "time_zone": UTC,
    }
    return Lookups(**(values | overrides))


class ReadingTest(SimpleTestCase):
    def test_it_reads_utf8_with_and_without_a_byte_order_mark(self) -> None:
        for data in ("score\nSchön\n".encode(), "\ufeffscore\nSchön\n".encode()):
            table = table_of(data)
            self.assertEqual(table.columns, ["score"])
            self.assertEqual(list(table.records), [(2, ["Schön"])])

    def test_it_reads_utf16_and_says_so(self) -> None:
        table = table_of("score,comment\n9,Grüße\n".encode("utf-16"))
        self.assertEqual(table.encoding, "utf-16")
        self.assertEqual(list(table.records), [(2, ["9", "Grüße"])])

    def test_it_falls_back_to_latin1_for_a_file_that_never_was_utf8(self) -> None:
        table = table_of("score,comment\n9,Très bien\n".encode("latin-1"))
        self.assertEqual(table.encoding, "latin-1")
        self.assertEqual(list(table.records), [(2, ["9", "Très bien"])])

    def test_lines_are_where_a_record_starts_even_after_quoted_newlines(self) -> None:
        data = b'score,comment\n9,"one\ntwo\nthree"\n\n7,after\n'
        self.assertEqual(records_of(data), [(2, ["9", "one\ntwo\nthree"]), (6, ["7", "after"])])

    def test_it_recognises_semicolons_as_the_delimiter(self) -> None:
        self.assertEqual(records_of(b"score;comment\n9;ok\n"), [(2, ["9", "ok"])])

    def test_json_lines_report_unreadable_lines_by_number(self) -> None:
        data = b'{"score": 9, "comment": "ok"}\n\nnot json\n[1]\n{"score": 3}\n'
        table = table_of(data, "f.jsonl")
        self.assertEqual(table.columns, ["score", "comment"])
        found = list(table.records)
        self.assertEqual([line for line, _ in found], [1, 3, 4, 5])
        self.assertIsInstance(found[1][1], reading.Unreadable)
        self.assertEqual(found[3][1], {"score": 3})

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
        self.assertEqual(list(table.records), [(2, [9, "good"]), (4, [4, "meh"])])

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

    def test_a_saved_mapping_fits_a_file_whose_headers_differ_in_case(self) -> None:
        saved = Mapping(columns={"score": "NPS Score"}, score_type="nps")
        self.assertEqual(saved.fitted_to(["nps_score", "x"]).columns, {"score": "nps_score"})

    def test_a_mapping_needs_a_score_or_a_comment(self) -> None:
        self.assertTrue(Mapping(columns={"contact_email": "Email"}).problems(["Email"]))


class CheckingTest(SimpleTestCase):
    columns = ["id", "email", "score", "comment", "date", "stage", "touchpoint"]

    def checker(self, **lookup_overrides: Any) -> RowChecker:
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
        return RowChecker(mapping, self.columns, "csv", lookups(**lookup_overrides), True)

    def test_a_good_row_becomes_response_fields(self) -> None:
        row, errors = self.checker().check(
            2, ["A1", "Carla@acme.example", "9", "Great", "2024-03-01", "", "Onboarding call"]
        )
        self.assertEqual(errors, [])
        assert row is not None
        self.assertEqual(row.source_ref, "import:id:A1")
        self.assertEqual(row.values["customer_id"], 70)
        self.assertEqual((row.values["score"], row.values["score_type"]), (9, "nps"))
        self.assertEqual((row.values["touchpoint_id"], row.values["stage_id"]), (5, 3))
        self.assertEqual(row.values["responded_at"].isoformat(), "2024-03-01T00:00:00+00:00")

    def test_each_problem_names_the_line_column_and_reason(self) -> None:
        _, errors = self.checker().check(
            5, ["A2", "nobody@x.example", "11", "", "yesterday", "Nowhere", ""]
        )
        self.assertEqual(
            [(error.line, error.column) for error in errors],
            [(5, "score"), (5, "date"), (5, "email"), (5, "stage")],
        )
        self.assertIn("out of range for NPS (0–10)", errors[0].message)

    def test_a_score_that_is_not_a_number_is_the_wrong_type(self) -> None:
        _, errors = self.checker().check(2, ["A", "", "nine", "", "", "", ""])
        self.assertEqual(errors[0].message, "“nine” is not a whole number.")

    def test_a_row_without_score_or_comment_misses_a_required_field(self) -> None:
        _, errors = self.checker().check(2, ["A", "", "", "", "", "", ""])
        self.assertIn("required field is missing", errors[0].message)

    def test_a_member_must_name_the_customer(self) -> None:
        _, errors = self.checker(customer_required=True).check(2, ["A", "", "9", "", "", "", ""])
        self.assertEqual(errors[0].column, "email")

    def test_a_repeated_row_is_reported_with_the_line_it_repeats(self) -> None:
        checker = self.checker()
        checker.check(2, ["A", "", "9", "", "", "", ""])
        _, errors = checker.check(3, ["A", "", "8", "", "", "", ""])
        self.assertEqual(errors[0].message, "This row repeats line 2 (same external id).")

    def test_rows_without_an_external_id_are_known_by_their_content(self) -> None:
        first, _ = self.checker().check(2, ["", "", "9", "Same", "2024-01-01", "", ""])
        again, _ = self.checker().check(40, ["", "", "9", "Same", "2024-01-01", "", ""])
        assert first is not None
        assert again is not None
        self.assertEqual(first.source_ref, again.source_ref)

    def test_bytes_that_are_not_utf8_are_reported_on_their_row(self) -> None:
        header = b"id,email,score,comment,date,stage,touchpoint\n"
        table = table_of(header + b"B,,9,\xc3\xa9t\xc3\xa9,,,\nA,,9,Gr\xfc\xdfe,,,\n")
        self.assertEqual(table.encoding, "utf-8")
        checker = self.checker()
        results = [checker.check(line, record) for line, record in table.records]
        self.assertEqual(results[0][1], [])
        self.assertEqual(results[1][1][0].column, "comment")
        self.assertIn("bad encoding", results[1][1][0].message)
