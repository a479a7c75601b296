"""One JSON object per input row, so the engine's reading can be checked from outside."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from centric.insights.text import Analysis


def write_jsonl(path: Path, readings: Sequence[Analysis]) -> None:
    """``{"row": 1, "sentiment": ..., "sentences": ..., "themes": ..., ...}`` per line.

    ``row`` counts data rows from 1 (the header is not a row); a row without a comment
    gets the engine's reading of an empty text (neutral, no themes).
    """
    with path.open("w", encoding="utf-8") as out:
        for row, reading in enumerate(readings, start=1):
            out.write(json.dumps({"row": row} | reading.to_dict(), ensure_ascii=False))
            out.write("\n")
