"""Reading files that are not UTF-8: Excel on Windows writes Windows-1252. Pure code, no
database."""

from __future__ import annotations

import io
from typing import Any

from django.test import SimpleTestCase

from centric.feedback.feedback_imports import reading
from centric.feedback.tests.test_import_reading import rows_of as reading_rows_of

WINDOWS_TEXT = "“Great” – 5 €"


def table_of(data: bytes) -> reading.Table:
    return reading.open_table(io.BytesIO(data), file_format=reading.CSV)


def rows_of(table: reading.Table) -> list[tuple[Any, ...]]:
    """Every record as (line, problem, cells...)."""
    return reading_rows_of(table, size=10)


class WindowsEncodingTest(SimpleTestCase):
    def test_a_file_excel_wrote_on_windows_is_read_as_windows_1252(self) -> None:
        table = table_of(f"score,comment\n9,{WINDOWS_TEXT}\n".encode("cp1252"))
        self.assertEqual(table.encoding, "cp1252")
        self.assertEqual(rows_of(table), [(2, None, "9", WINDOWS_TEXT)])
        self.assertEqual(reading.encoding_label(table.encoding), "Windows-1252")

    def test_windows_1252_is_found_after_the_first_megabyte_too(self) -> None:
        filler = b"9,plain\n" * (reading.CHUNK // 8 + 10)
        table = table_of(b"score,comment\n" + filler + WINDOWS_TEXT.encode("cp1252") + b",x\n")
        self.assertEqual(table.encoding, "cp1252")

    def test_a_latin1_file_reads_the_same_as_windows_1252(self) -> None:
        table = table_of("score,comment\n9,Très bien\n".encode("latin-1"))
        self.assertEqual(rows_of(table), [(2, None, "9", "Très bien")])

    def test_a_file_with_a_byte_windows_1252_leaves_undefined_is_read_as_latin1(self) -> None:
        data = "score,comment\n9,Très bien\n".encode("latin-1") + b"8,a\x81b\n"
        table = table_of(data)
        self.assertEqual(table.encoding, "latin-1")
        self.assertEqual(reading.encoding_label(table.encoding), "Latin-1")
        rows = rows_of(table)
        self.assertEqual(rows[0], (2, None, "9", "Très bien"))

    def test_control_characters_are_reported_on_their_row_not_stored(self) -> None:
        # what a byte 0x80–0x9F becomes in Latin-1: invisible, and never meant as text
        data = "score,comment\n9,Très bien\n".encode("latin-1") + b"8,a\x81b\n"
        rows = rows_of(table_of(data))
        self.assertEqual(rows[1][:2], (3, rows[1][1]))
        self.assertIn("control character U+0081", rows[1][1])
        self.assertEqual(rows[1][2:], ("", ""))

    def test_utf8_text_is_still_read_as_utf8(self) -> None:
        table = table_of(f"score,comment\n9,{WINDOWS_TEXT}\n".encode())
        self.assertEqual(
            (table.encoding, rows_of(table)), ("utf-8", [(2, None, "9", WINDOWS_TEXT)])
        )
