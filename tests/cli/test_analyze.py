"""``centric analyze`` end to end, as a person runs it: a new process, no settings, no server."""

import html
import json
import os
import subprocess
import sys

from centric.insights.tests.report.samples import csv_text, nps_rows


def run(*args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(  # noqa: S603 - this interpreter, arguments from the test
        [sys.executable, "-m", "centric", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_writes_the_report_and_one_json_line_per_row(tmp_path):
    source = tmp_path / "survey.csv"
    source.write_bytes(b"\xef\xbb\xbf" + csv_text(nps_rows(120)).encode("utf-8"))

    result = run("analyze", "survey.csv", "--json", "readings.jsonl", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "score: 'likelihood_to_recommend' as nps 0–10" in result.stderr
    assert "segment: 'region'" in result.stderr
    page = (tmp_path / "survey-report.html").read_text(encoding="utf-8")
    assert "Net Promoter Score" in page
    assert "https://" not in page
    lines = (tmp_path / "readings.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 120
    assert json.loads(lines[0])["row"] == 1


def test_flags_override_the_guesses_and_limit_the_rows(tmp_path):
    (tmp_path / "survey.csv").write_text(csv_text(nps_rows(120)), encoding="utf-8")

    result = run(
        "analyze", "survey.csv", "--out", "r.html", "--segment", "none", "--limit", "50",
        cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "Read 50 rows" in result.stderr
    assert "segment: none (left out with --segment none)" in result.stderr
    assert "by region" not in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_it_explains_a_missing_column_without_a_traceback(tmp_path):
    (tmp_path / "survey.csv").write_text(csv_text(nps_rows(10)), encoding="utf-8")

    result = run("analyze", "survey.csv", "--score", "nps", cwd=tmp_path)

    assert result.returncode == 1
    assert "error: no column 'nps'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_named_once_and_plainly(tmp_path, capsys):
    from centric.cli import main

    assert main(["analyze", str(tmp_path / "missing.csv"), "-o", "r.html"]) == 1
    assert capsys.readouterr().err == (
        f"centric analyze: error: {tmp_path / 'missing.csv'}: No such file or directory\n"
    )


def test_it_never_imports_django(tmp_path):
    code = "import sys, centric.cli; print('django' in sys.modules)"
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed snippet
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )

    assert result.stdout.strip() == "False"


STARS = ("--score", "rating", "--score-type", "stars")


def route_rows(scored: int) -> list[dict[str, str]]:
    """Comments whose meaning only this file knows: the blue route is the good one."""
    rows = [
        {"rating": stars, "comment": f"Came by the {route} route, as usual."}
        for route, stars in (("blue", "5"), ("grey", "1"))
        for _ in range(scored)
    ]
    return [*rows, {"rating": "", "comment": "The grey route again."}]


def test_calibrate_reads_every_comment_the_way_the_files_scores_do(tmp_path):
    (tmp_path / "routes.csv").write_text(csv_text(route_rows(25)), encoding="utf-8")

    plain = run("analyze", "routes.csv", *STARS, "--json", "plain.jsonl", cwd=tmp_path)
    learnt = run(
        "analyze", "routes.csv", *STARS, "--calibrate", "--json", "learnt.jsonl", cwd=tmp_path
    )

    assert plain.returncode == learnt.returncode == 0, learnt.stderr
    unscored = -1
    before = json.loads((tmp_path / "plain.jsonl").read_text().splitlines()[unscored])
    after = json.loads((tmp_path / "learnt.jsonl").read_text().splitlines()[unscored])
    assert before["sentiment"]["label"] == "neutral"
    assert after["sentiment"]["label"] == "negative"
    note = "Sentiment learnt from this file's 50 scored comments (25 high scores read as positive"
    assert note in learnt.stderr
    report = html.unescape((tmp_path / "routes-report.html").read_text(encoding="utf-8"))
    assert note in report
    assert "the table by score is no longer an independent check" in report


def test_calibrate_says_what_the_file_lacks(tmp_path):
    (tmp_path / "few.csv").write_text(csv_text(route_rows(5)), encoding="utf-8")
    (tmp_path / "unscored.csv").write_text("comment\nfine\nawful\n", encoding="utf-8")

    few = run("analyze", "few.csv", *STARS, "--calibrate", cwd=tmp_path)
    unscored = run("analyze", "unscored.csv", "--calibrate", cwd=tmp_path)

    assert few.returncode == unscored.returncode == 1
    assert (
        "needs at least 20 comments with a high score and 20 with a low one; this file has 5 and 5"
        in few.stderr
    )
    assert "no score column was found (name one with --score)" in unscored.stderr
    assert "Traceback" not in few.stderr + unscored.stderr


def test_it_reads_a_sheet_whose_header_is_below_a_title_and_says_so(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Customer survey, Q3"])
    sheet.append([])
    rows = nps_rows(60)
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    workbook.save(tmp_path / "survey.xlsx")

    result = run("analyze", "survey.xlsx", "-o", "r.html", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Read 60 rows" in result.stderr
    assert "header: row 3 (the row above it reads as a title and is left out)" in result.stderr
    assert "score: 'likelihood_to_recommend' as nps 0–10" in result.stderr
    page = html.unescape((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert "header: row 3" in page


def test_the_order_of_day_and_month_can_be_named(tmp_path):
    rows = [
        {"comment": f"Lovely fit number {i}", "date": f"0{1 + i % 9}/0{1 + i % 7}/2024"}
        for i in range(40)
    ]
    (tmp_path / "survey.csv").write_text(csv_text(rows), encoding="utf-8")

    guessed = run("analyze", "survey.csv", cwd=tmp_path)
    named = run("analyze", "survey.csv", "--date-order", "month", cwd=tmp_path)

    assert guessed.returncode == 0, guessed.stderr
    assert "--date-order month reads them month first" in guessed.stderr
    assert named.returncode == 0, named.stderr
    assert "dates as month/day/year; order named with --date-order" in named.stderr


def test_a_file_with_a_header_and_no_rows_is_refused(tmp_path):
    (tmp_path / "survey.csv").write_text("comment,score,date\n", encoding="utf-8")

    for extra in ((), ("--text", "comment")):
        result = run("analyze", "survey.csv", *extra, cwd=tmp_path)
        assert result.returncode == 1
        assert "error: the file has a header but no rows." in result.stderr
