"""Ids for a background task, sent together a moment after they are handed over.

Publishing a Celery task costs the publishing process about 2 ms of CPU, most of it in Celery's
and kombu's code between the call and the socket: a fifth of all that a survey submission costs.
The request also waits on the broker, so while RabbitMQ restarts the respondent gets an error for
an answer already stored. A ``Batcher`` takes the ids at once and sends them from a thread of
its own, ``window`` seconds later, as tasks of at most ``size`` ids: submissions that arrive
together share one task, and none waits for the broker or fails with it.

A batch that cannot be sent is logged and dropped, and so are ids still waiting when a process is
killed: whatever a batcher feeds must also be found by a periodic sweep (the analysis of new
feedback has ``analyse_missed_feedback``).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from multiprocessing import util

logger = logging.getLogger(__name__)


class Batcher:
    def __init__(
        self,
        send: Callable[[list[int]], object],
        *,
        name: str,
        window: float = 0.1,
        size: int = 1000,
    ) -> None:
        self.send = send
        self.name = name
        self.window = window
        self.size = size
        self._start()
        os.register_at_fork(after_in_child=self._start)
        # sent as the process ends: at exit, and as a server's worker process ends, which
        # multiprocessing does without running atexit's functions
        util.Finalize(self, self.flush, exitpriority=0)

    def _start(self) -> None:
        self._pending: list[int] = []
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, ids: Iterable[int]) -> None:
        """Send ``ids`` with the others that arrive in the next ``window`` seconds."""
        with self._wake:
            self._pending.extend(ids)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()
            self._wake.notify()

    def flush(self) -> int:
        """Send what is waiting, here and now. Returns the number of ids sent."""
        with self._wake:
            ids, self._pending = self._pending, []
        sent = 0
        for start in range(0, len(ids), self.size):
            batch = ids[start : start + self.size]
            try:
                self.send(batch)
            except Exception:
                logger.exception(
                    "%s: %d ids not sent; the sweep will find them", self.name, len(batch)
                )
            else:
                sent += len(batch)
        return sent

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: bool(self._pending))
            time.sleep(self.window)  # the ids arriving meanwhile go in the same task
            self.flush()
