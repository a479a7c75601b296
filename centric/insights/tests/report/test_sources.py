import json

import pytest
from openpyxl import Workbook

from centric.insights.report import SourceError, read_source, read_table
from centric.insights.tests.report.samples import csv_text, nps_rows

ROWS = [
    {"comment": "Café was great, naïve déjà vu", "score": "9"},
    {"comment": "Too slow", "score": "3"},
]


def test_it_reads_utf8_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(ROWS).encode("utf-8"))

    frame = read_table(path)

    assert frame.columns == ["comment", "score"]
    assert frame["comment"][0] == "Café was great, naïve déjà vu"


def test_it_reads_utf16(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(ROWS).encode("utf-16"))

    frame = read_table(path)

    assert frame.columns == ["comment", "score"]
    assert frame["comment"][0] == "Café was great, naïve déjà vu"


def test_it_reads_latin1(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(ROWS).encode("latin-1"))

    assert read_table(path)["comment"][0] == "Café was great, naïve déjà vu"


def test_it_keeps_newlines_inside_a_quoted_comment(tmp_path):
    rows = [{"comment": "First line.\nSecond line, with a comma.", "score": "7"}, *ROWS]
    path = tmp_path / "export.csv"
    path.write_text(csv_text(rows), encoding="utf-8")

    frame = read_table(path)

    assert frame.height == 3
    assert frame["comment"][0] == "First line.\nSecond line, with a comma."


def test_it_reads_semicolon_separated_files(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(csv_text(nps_rows(20), delimiter=";"), encoding="utf-8")

    frame = read_table(path)

    assert "likelihood_to_recommend" in frame.columns
    assert frame.height == 20


def test_it_reads_the_first_sheet_of_a_workbook(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["comment", "rating", "when"])
    sheet.append(["Lovely fit", 5, None])
    sheet.append(["Seams came apart", 1.0, None])
    path = tmp_path / "export.xlsx"
    workbook.save(path)

    frame = read_table(path)

    assert frame.columns == ["comment", "rating", "when"]
    assert frame["rating"].to_list() == ["5", "1"]
    assert frame["when"].null_count() == 2


def test_it_reads_json_lines_with_differing_keys(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [{"text": "Fine", "nps": 8}, {"text": "Bad", "nps": 2, "plan": "pro"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n", encoding="utf-8")

    frame = read_table(path)

    assert frame.columns == ["text", "nps", "plan"]
    assert frame["plan"].to_list() == [None, "pro"]


def test_it_reads_nested_json_objects_as_dotted_columns(tmp_path):
    path = tmp_path / "export.jsonl"
    line = {"feedback": {"text": "Late again.", "meta": {"lang": "en"}}, "tags": ["a", "b"]}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")

    frame = read_table(path)

    assert frame.columns == ["feedback.text", "feedback.meta.lang", "tags"]
    assert frame.row(0) == ("Late again.", "en", '["a", "b"]')


def test_it_names_the_line_that_is_not_json(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text('{"text": "ok"}\nnot json\n', encoding="utf-8")

    with pytest.raises(SourceError, match="line 2"):
        read_table(path)


def test_it_refuses_a_format_it_cannot_read(tmp_path):
    path = tmp_path / "export.pdf"
    path.write_bytes(b"%PDF")

    with pytest.raises(SourceError, match=r"\.csv, \.xlsx or \.jsonl"):
        read_table(path)


def test_it_finds_the_header_below_the_title_rows_of_a_sheet(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Q3 customer survey"])
    sheet.append(["Exported 1 Oct by Operations", None, None])
    sheet.append([])
    sheet.append(["comment", "rating", "region"])
    sheet.append(["Lovely fit", 5, "North"])
    sheet.append(["Seams came apart", 1, "South"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)

    source = read_source(path)

    assert source.frame.columns == ["comment", "rating", "region"]
    assert source.frame["rating"].to_list() == ["5", "1"]
    assert source.header_row == 4
    assert source.note == "header: row 4 (the 2 rows above it read as a title and are left out)"


def test_it_finds_the_header_below_the_title_rows_of_a_csv(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "Q3 customer survey\nExported 1 Oct;;\n\n" + csv_text(nps_rows(20), delimiter=";"),
        encoding="utf-8",
    )

    source = read_source(path)

    assert "likelihood_to_recommend" in source.frame.columns
    assert source.frame.height == 20
    assert source.header_row == 4


def test_a_header_on_the_first_row_needs_no_note(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")

    source = read_source(path)

    assert (source.header_row, source.note) == (1, None)
    assert source.frame.columns == ["comment", "score"]


def test_the_header_row_can_be_named(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Survey", "Q3", "2025"])
    sheet.append(["comment", "rating", "region"])
    sheet.append(["Lovely fit", 5, "North"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)

    source = read_source(path, header_row=2)

    assert source.frame.columns == ["comment", "rating", "region"]
    assert source.frame.height == 1
    assert source.note == "header: row 2 (named with --header-row)"


def test_it_refuses_a_header_row_beyond_the_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")

    with pytest.raises(SourceError, match="row 9"):
        read_source(path, header_row=9)


def test_a_header_row_beyond_the_file_says_how_many_rows_the_file_has(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")

    with pytest.raises(SourceError, match=r"no header on row 99: the file has only 3 rows\."):
        read_source(path, header_row=99)


def test_a_header_can_be_named_further_down_than_the_rows_searched_for_one(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Notes\n" * 39 + csv_text(nps_rows(5)), encoding="utf-8")

    source = read_source(path, header_row=40)

    assert "likelihood_to_recommend" in source.frame.columns
    assert source.frame.height == 5


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_file_with_a_header_and_no_rows_says_so(tmp_path, suffix):
    path = tmp_path / f"export.{suffix}"
    if suffix == "csv":
        path.write_text("comment,score,date\n", encoding="utf-8")
    else:
        workbook = Workbook()
        workbook.active.append(["comment", "score", "date"])
        workbook.save(path)

    with pytest.raises(SourceError, match="the file has a header but no rows"):
        read_source(path)


def test_html_entities_in_the_file_are_read_as_the_characters_they_stand_for(tmp_path):
    rows = [
        {"comment": "It doesn&#39;t fit &amp; the &lt;b&gt;seams&lt;/b&gt; split", "score": "2"},
        {"comment": "AT&T and R&D, &c. stay as written", "score": "8"},
    ]
    path = tmp_path / "export.csv"
    path.write_text(csv_text(rows), encoding="utf-8")

    frame = read_table(path)

    assert frame["comment"].to_list() == [
        "It doesn't fit & the <b>seams</b> split",
        "AT&T and R&D, &c. stay as written",
    ]
