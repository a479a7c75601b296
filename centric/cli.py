"""The ``centric`` command. ``centric analyze FILE`` turns a feedback export into a report.

Runs with no server and no settings: it imports the pure insights layer only, never Django.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from centric.insights.report import (
    DATE_ORDERS,
    SCORE_TYPES,
    ColumnError,
    SourceError,
    analyze_texts,
    build_report,
    guess_columns,
    read_source,
    render_html,
    typed_frame,
    write_jsonl,
)
from centric.insights.report.calibration import CalibrationError, calibrate
from centric.insights.text import TextAnalyzer

ENGINES = ("light", "embeddings", "fine-tuned")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except OSError as error:  # "[Errno 2] No such file or directory: 'x.csv'" says it twice
        where = f"{error.filename}: " if error.filename else ""
        print(f"centric {args.command}: error: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except (SourceError, ColumnError, CalibrationError, ImportError) as error:
        print(f"centric {args.command}: error: {error}", file=sys.stderr)
        return 1


def analyze(args: argparse.Namespace) -> int:
    started = time.monotonic()
    path: Path = args.file
    source = read_source(path, header_row=args.header_row)
    frame = source.frame
    if args.limit is not None:
        frame = frame.head(args.limit)
    columns = guess_columns(
        frame,
        text=args.text,
        score=args.score,
        score_type=args.score_type,
        date=args.date,
        date_order=args.date_order,
        segment=args.segment,
    )
    if source.note:
        columns = dataclasses.replace(columns, notes=(source.note, *columns.notes))
    print(f"Read {frame.height:,} rows from {path.name}. Columns:", file=sys.stderr)
    for note in columns.notes:
        print(f"  {note}", file=sys.stderr)
    table = typed_frame(frame, columns)
    calibration = None
    if args.calibrate:
        print(f"Learning from the scored comments ({args.engine} engine)...", file=sys.stderr)
        calibration = calibrate(table, columns.scale, engine=args.engine)
        print(f"  {calibration}", file=sys.stderr)
    analyzer = TextAnalyzer(calibration=calibration.model if calibration else None)
    readings = analyze_texts(table.get_column("text").to_list(), analyzer, stream=sys.stderr)
    report = build_report(
        table,
        readings,
        columns,
        source=path.name,
        calibration=str(calibration) if calibration else None,
    )
    out: Path = args.out or Path(f"{path.stem}-report.html")
    out.write_text(render_html(report), encoding="utf-8")
    print(f"Wrote {out}", file=sys.stderr)
    if args.json:
        write_jsonl(args.json, readings)
        print(f"Wrote {args.json} ({len(readings):,} rows)", file=sys.stderr)
    print(f"Done in {time.monotonic() - started:.1f} s.", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="centric", description="Centric on the command line.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    command = commands.add_parser(
        "analyze",
        help="turn a CSV, XLSX or JSON Lines export of feedback into an HTML report",
        description="Read every comment and score in FILE and write one self-contained HTML "
        "report. Columns are guessed and printed; name any of them with a flag, or turn an "
        "optional one off with 'none'.",
    )
    command.add_argument("file", type=Path, metavar="FILE", help=".csv, .xlsx or .jsonl")
    command.add_argument(
        "-o",
        "--out",
        type=Path,
        metavar="REPORT.html",
        help="default: FILE's name + -report.html",
    )
    command.add_argument(
        "--json", type=Path, metavar="OUT.jsonl", help="also write one JSON reading per row"
    )
    command.add_argument("--text", metavar="COLUMN", help="the column of comments")
    command.add_argument("--score", metavar="COLUMN", help="the column of scores, or none")
    command.add_argument("--score-type", choices=SCORE_TYPES, help="what the score measures")
    command.add_argument("--date", metavar="COLUMN", help="the column of dates, or none")
    command.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help="whether dates such as 03/04/2024 give the day or the month first (default: "
        "read from the dates, day first when none says)",
    )
    command.add_argument("--segment", metavar="COLUMN", help="the column to compare by, or none")
    command.add_argument(
        "--header-row",
        type=_positive,
        metavar="N",
        help="the row of a CSV or sheet that names the columns (default: found below any title)",
    )
    command.add_argument("--limit", type=_positive, metavar="N", help="read only the first N rows")
    command.add_argument(
        "--calibrate",
        action="store_true",
        help="learn from the file's own scores how its customers write, and read every comment "
        "that way (needs a score column and 20 high and 20 low scores with comments)",
    )
    command.add_argument(
        "--engine",
        choices=ENGINES,
        default="light",
        help="what --calibrate learns with: light (default), embeddings or fine-tuned (both "
        "need the embeddings extra; fine-tuning takes minutes per thousand comments)",
    )
    command.set_defaults(handler=analyze)
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number
