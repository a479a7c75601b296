"""``centric analyze``: a feedback export in, one self-contained HTML report out.

Pure Python like the engines it uses (imports no Django), so it runs with nothing but the
install::

    frame = read_table(Path("reviews.csv"))
    columns = guess_columns(frame)
    table = typed_frame(frame, columns)
    readings = analyze_texts(table["text"].to_list(), TextAnalyzer())
    html = render_html(build_report(table, readings, columns, source="reviews.csv"))
"""

from centric.insights.report.build import Report, build_report
from centric.insights.report.columns import (
    DATE_ORDERS,
    SCORE_TYPES,
    ColumnError,
    Columns,
    DateOrder,
    Scale,
    ScoreType,
    guess_columns,
    typed_frame,
)
from centric.insights.report.export import write_jsonl
from centric.insights.report.progress import ProgressBar, analyze_texts
from centric.insights.report.render import render_html
from centric.insights.report.sources import Source, SourceError, read_source, read_table

__all__ = [
    "DATE_ORDERS",
    "SCORE_TYPES",
    "ColumnError",
    "Columns",
    "DateOrder",
    "ProgressBar",
    "Report",
    "Scale",
    "ScoreType",
    "Source",
    "SourceError",
    "analyze_texts",
    "build_report",
    "guess_columns",
    "read_source",
    "read_table",
    "render_html",
    "typed_frame",
    "write_jsonl",
]
