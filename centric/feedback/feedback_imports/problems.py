"""Every problem a check finds, kept beside the import's file: the import row keeps the first
``MAX_ERRORS_KEPT`` for its page and its API, and this log keeps them all, so that the rows with
problems download whole however many there are. A gzip file of JSON lines, one problem a line
(``RowError.as_dict``), in the storage that holds the file; each check writes it anew."""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Iterable
from typing import IO, Any

from django.core.files import File

from centric.feedback.feedback_imports.validation import RowError
from centric.feedback.models import FeedbackImport


def problems_name(job: FeedbackImport) -> str:
    return f"{job.file.name}.problems.jsonl.gz"


class ProblemLog:
    """The problems of one pass over a file, written as they are found to a temporary file,
    and stored by ``save`` in place of those of the pass before."""

    def __init__(self) -> None:
        # open for the whole pass, closed by ``save`` (or when dropped, deleted all the same)
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._lines = gzip.GzipFile(fileobj=self._file, mode="wb")

    def write(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            self._lines.write(json.dumps(error.as_dict()).encode() + b"\n")

    def save(self, job: FeedbackImport) -> None:
        self._lines.close()
        self._file.seek(0)
        storage, name = job.file.storage, problems_name(job)
        storage.delete(name)  # else the storage would keep both, under another name
        storage.save(name, File(self._file))
        self._file.close()


def all_problems(job: FeedbackImport) -> list[dict[str, Any]]:
    """Every problem the last check of ``job`` found; those the row keeps where no log is (an
    import checked before logs were kept, or a file that could not be read at all)."""
    kept: list[dict[str, Any]] = list(job.errors)
    if not job.file:
        return kept
    storage, name = job.file.storage, problems_name(job)
    try:
        with storage.open(name, "rb") as stored, gzip.open(stored, "rt") as lines:
            return [json.loads(line) for line in lines]
    except FileNotFoundError:
        return kept
