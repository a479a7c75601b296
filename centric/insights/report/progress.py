"""Read many comments with a text progress bar on a terminal."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TextIO

from centric.insights.text import Analysis, TextAnalyzer

CHUNK = 500
# Below this many comments the work takes about a second: a bar would only flicker.
LARGE = 2000


class ProgressBar:
    """``[#####-----]  52%  12,000/23,486  3.1 s``, redrawn in place on a terminal.

    Off a terminal (a log, a pipe) it writes one line per quarter instead of redrawing.
    """

    def __init__(self, total: int, stream: TextIO, *, label: str = "Reading", width: int = 30):
        self.total = max(total, 1)
        self.stream = stream
        self.label = label
        self.width = width
        self.started = time.monotonic()
        self.interactive = stream.isatty()
        self._quarter = -1

    def update(self, done: int) -> None:
        fraction = min(done / self.total, 1.0)
        if not self.interactive:
            quarter = int(fraction * 4)
            if quarter == self._quarter:
                return
            self._quarter = quarter
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        line = (
            f"{self.label} [{bar}] {fraction:4.0%}  {done:,}/{self.total:,}  "
            f"{time.monotonic() - self.started:.1f} s"
        )
        self.stream.write(f"\r{line}" if self.interactive else f"{line}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()


def analyze_texts(
    texts: Sequence[str], analyzer: TextAnalyzer, *, stream: TextIO | None = None
) -> list[Analysis]:
    """``analyzer.analyze_many(texts)``, in chunks, with a bar on ``stream`` for large inputs."""
    bar = ProgressBar(len(texts), stream) if stream is not None and len(texts) >= LARGE else None
    readings: list[Analysis] = []
    for start in range(0, len(texts), CHUNK):
        readings.extend(analyzer.analyze_many(texts[start : start + CHUNK]))
        if bar is not None:
            bar.update(len(readings))
    if bar is not None:
        bar.close()
    return readings
