import datetime as dt

import polars as pl
import pytest

from centric.insights.report import ColumnError, Scale, guess_columns, typed_frame
from centric.insights.tests.report.samples import nps_rows


def frame_of(rows):
    return pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))


def reviews(n=60):
    return frame_of(
        [
            {
                "Clothing ID": str(800 + i),
                "Age": str(20 + i % 50),
                "Title": "Nice",
                "Review Text": "Lovely dress, the fabric is soft but it runs small.",
                "Rating": str(1 + i % 5),
                "Recommended IND": str(i % 2),
                "Department Name": ("Tops", "Dresses")[i % 2],
            }
            for i in range(n)
        ]
    )


def test_it_guesses_text_score_date_and_segment():
    columns = guess_columns(frame_of(nps_rows(100)))

    assert columns.text == "comment"
    assert columns.score == "likelihood_to_recommend"
    assert columns.scale == Scale("nps", 0, 10)
    assert columns.date == "submitted_at"
    assert columns.segment == "region"
    assert len(columns.notes) == 4
    assert columns.notes[0].startswith("text: 'comment'")


def test_it_guesses_the_columns_of_a_german_export():
    rows = [
        {
            "Kunden-Nr": str(1000 + i),
            "Weiterempfehlung": str(i % 11),
            "Kommentar": "Die Lieferung kam pünktlich, aber die Rechnung war falsch.",
            "Datum": f"{1 + i % 28:02d}.03.2026",
            "Sparte": ("Industrie", "Handel")[i % 2],
        }
        for i in range(60)
    ]
    columns = guess_columns(frame_of(rows))

    assert (columns.text, columns.score, columns.date, columns.segment) == (
        "Kommentar",
        "Weiterempfehlung",
        "Datum",
        "Sparte",
    )
    assert columns.scale == Scale("nps", 0, 10)


def test_it_reads_a_one_to_five_rating_as_stars_and_ignores_ids_ages_and_flags():
    columns = guess_columns(reviews())

    assert columns.text == "Review Text"
    assert columns.score == "Rating"
    assert columns.scale == Scale("stars", 1, 5)
    assert columns.segment == "Department Name"
    assert columns.date is None


def test_every_guess_can_be_overridden_or_turned_off():
    columns = guess_columns(
        frame_of(nps_rows(100)),
        text="region",
        score="likelihood_to_recommend",
        score_type="rating",
        date="none",
        segment="none",
    )

    assert columns.text == "region"
    assert columns.scale == Scale("rating", 0, 10)
    assert columns.date is None
    assert columns.segment is None
    assert "named with --text" in columns.notes[0]


def test_it_names_the_columns_there_are_when_one_is_missing():
    with pytest.raises(ColumnError, match=r"no column 'nps'.*'comment'"):
        guess_columns(frame_of(nps_rows(10)), score="nps")


def test_dates_codes_and_json_are_not_taken_for_comments():
    rows = [
        {"id": f"A-{i}", "date": f"2026-11-{1 + i % 28:02d}", "region": "North", "raw": '{"a": 1}'}
        for i in range(20)
    ]
    with pytest.raises(ColumnError, match="no column holds comments"):
        guess_columns(frame_of(rows))
    with pytest.raises(ColumnError, match="--text cannot be none"):
        guess_columns(frame_of(rows), text="none")
    rows[0]["note"] = "the only words in the file"
    assert guess_columns(frame_of(rows)).text == "note"


def test_a_named_scale_the_answers_barely_use_is_doubted_out_loud():
    doubted = guess_columns(reviews(), score="Rating", score_type="nps")
    assert "no answer is above 5 of 10, so the column may be on another scale" in doubted.notes[1]
    assert "warning" not in guess_columns(reviews(), score="Rating").notes[1]


def test_it_reports_no_score_when_no_column_is_on_a_survey_scale():
    rows = [{"note": f"comment number {i}", "amount": str(i * 100)} for i in range(20)]

    columns = guess_columns(frame_of(rows))

    assert columns.score is None
    assert columns.scale is None


def test_the_typed_frame_leaves_out_scores_off_the_scale():
    rows = nps_rows(5)
    rows[0]["likelihood_to_recommend"] = "11"
    rows[1]["likelihood_to_recommend"] = "n/a"
    rows[2]["likelihood_to_recommend"] = None  # type: ignore[assignment]
    frame = frame_of(rows)
    columns = guess_columns(frame, score="likelihood_to_recommend", score_type="nps")

    table = typed_frame(frame, columns)

    assert table["score"].to_list()[:3] == [None, None, None]
    assert table["score_given"].to_list()[:3] == [True, True, False]
    assert table["row"].to_list() == [1, 2, 3, 4, 5]
    assert table["date"][0] == dt.date(2024, 1, 1)


def test_it_reads_day_first_dates():
    rows = [
        {"comment": f"text {i}", "date": f"{d:02d}/03/2024"} for i, d in enumerate(range(1, 29))
    ]

    columns = guess_columns(frame_of(rows))

    assert columns.date == "date"
    assert columns.date_format == "%d/%m/%Y"


def scored(name, values, comment="Lovely fabric but it runs small."):
    return frame_of([{"review": comment, name: str(v)} for v in values])


def test_a_stars_column_with_a_few_stray_answers_stays_on_stars_and_counts_them():
    values = [1, 2, 3, 4, 5] * 15 + [0, 0, 6, -1]

    columns = guess_columns(scored("stars", values))

    assert columns.scale == Scale("stars", 1, 5)
    assert "4 answers off the 1–5 scale (−1, 0, 6) are left out" in columns.notes[1]


def test_a_column_named_nps_keeps_its_scale_when_a_few_answers_are_off_it():
    frame = scored("nps", [*range(11)] * 7 + [11, 11, 99])

    columns = guess_columns(frame)
    table = typed_frame(frame, columns)

    assert columns.score == "nps"
    assert columns.scale == Scale("nps", 0, 10)
    assert "3 answers off the 0–10 scale (11, 99) are left out" in columns.notes[1]
    assert table["score"].null_count() == 3


def test_a_rating_column_on_one_to_ten_is_a_one_to_ten_rating_not_nps():
    columns = guess_columns(scored("rating", [*range(1, 11)] * 6))

    assert columns.scale == Scale("rating", 1, 10)
    assert "not NPS" not in columns.notes[1]


def test_an_unnamed_column_is_judged_by_where_the_bulk_of_its_answers_lie():
    values = [1, 2, 3, 4, 5] * 12 + [0, 9]

    assert guess_columns(scored("score", values)).scale == Scale("stars", 1, 5)


def test_an_unnamed_zero_to_ten_column_is_read_as_nps_and_says_that_was_assumed():
    columns = guess_columns(scored("q1", [*range(11)] * 6))

    assert columns.scale == Scale("nps", 0, 10)
    assert "NPS assumed" in columns.notes[1]
    assert "--score-type" in columns.notes[1]


def test_an_unnamed_one_to_ten_column_is_a_rating_and_says_it_was_not_taken_for_nps():
    columns = guess_columns(scored("q1", [*range(1, 11)] * 6))

    assert columns.scale == Scale("rating", 1, 10)
    assert "not NPS" in columns.notes[1]
    assert "--score-type nps" in columns.notes[1]


def test_the_notes_write_the_date_format_as_a_person_would():
    rows = [
        {"comment": f"text {i}", "date": f"2024-03-{d:02d}"} for i, d in enumerate(range(1, 29))
    ]

    assert "(dates as year-month-day)" in guess_columns(frame_of(rows)).notes[2]


def test_month_first_dates_are_told_by_any_value_of_the_column_not_only_the_first_rows():
    # 2,100 dates that could be either way, then one that can only be month first
    rows = [
        {"comment": f"text {i}", "date": f"0{1 + i % 9}/0{1 + i % 7}/2024"} for i in range(2100)
    ]
    rows.append({"comment": "text", "date": "01/13/2024"})
    frame = frame_of(rows)

    columns = guess_columns(frame)

    assert columns.date_format == "%m/%d/%Y"
    assert "dates as month/day/year" in columns.notes[2]
    assert typed_frame(frame, columns)["date"][1] == dt.date(2024, 2, 2)
    assert typed_frame(frame, columns)["date"][-1] == dt.date(2024, 1, 13)


def test_dates_that_never_say_their_order_are_read_day_first_and_say_so():
    rows = [{"comment": f"text {i}", "date": f"0{1 + i % 9}/0{1 + i % 7}/2024"} for i in range(60)]

    columns = guess_columns(frame_of(rows))

    assert columns.date_format == "%d/%m/%Y"
    assert "no day or month above 12" in columns.notes[2]
    assert "--date-order month" in columns.notes[2]


def test_the_order_of_day_and_month_can_be_named():
    rows = [{"comment": f"text {i}", "date": f"0{1 + i % 9}/0{1 + i % 7}/2024"} for i in range(60)]

    columns = guess_columns(frame_of(rows), date_order="month")

    assert columns.date_format == "%m/%d/%Y"
    assert "named with --date-order" in columns.notes[2]


def several_surveys(n=120):
    """An export of several surveys, as Centric's own: a ``score`` and the ``score_type`` that
    names its scale on each row; two thirds NPS (0–10), a third CSAT (1–5), a few without (read
    as null, as the file reader reads an empty cell)."""
    rows = []
    for i, row in enumerate(nps_rows(n)):
        nps = row.pop("likelihood_to_recommend")
        kind = ("nps", "nps", "csat")[i % 3]
        score = nps if kind == "nps" else str(1 + int(nps) * 4 // 10)
        rows.append(
            {**row, "score": score if i % 10 else None, "score_type": kind if i % 10 else None}
        )
    return frame_of(rows)


def test_a_column_naming_each_rows_scale_makes_the_score_read_the_most_common_one():
    frame = several_surveys()
    columns = guess_columns(frame)

    assert (columns.score, columns.kind_column, columns.kind) == ("score", "score_type", "nps")
    assert columns.scale == Scale("nps", 0, 10)
    assert columns.segment == "region"  # the scale's column is no segment
    assert "the score figures leave out 36 csat (--score-type reports those)" in columns.notes[1]
    table = typed_frame(frame, columns)
    kinds = frame.get_column("score_type").to_list()
    for score, given, kind in zip(table["score"], table["score_given"], kinds, strict=True):
        assert (score is not None) == (kind == "nps")
        assert given == (kind == "nps")  # a CSAT row is no NPS answer off the scale
    assert columns.assumed == ""  # the file names the scale


def test_score_type_chooses_another_of_the_scales_the_file_names():
    columns = guess_columns(several_surveys(), score_type="csat")

    assert (columns.kind, columns.scale) == ("csat", Scale("csat", 1, 5))
    assert "named with --score-type" in columns.notes[1]
    with pytest.raises(ColumnError, match="no row has a ces score: 'score_type' names nps, csat"):
        guess_columns(several_surveys(), score_type="ces")


def test_when_the_customer_responded_is_the_date_rather_than_when_it_was_submitted():
    rows = [
        {
            "comment": "Late again, nobody told us.",
            "submitted_at (UTC)": f"2026-12-0{1 + i % 3} 10:00:00",  # imported in December
            "responded_at (UTC)": f"2026-0{1 + i % 9}-15 09:00:00",
        }
        for i in range(40)
    ]

    assert guess_columns(frame_of(rows)).date == "responded_at (UTC)"
