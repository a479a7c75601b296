"""Background work queued once the change that asks for it commits. The change never depends on
the task queue: should the broker be out of reach, that is logged, the change stands, and the
after-commit steps queued behind this one still run."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from django.db import transaction
from kombu.exceptions import KombuError

logger = logging.getLogger(__name__)


class _Task(Protocol):
    name: str

    def delay(self, *args: Any, **kwargs: Any) -> object: ...


def enqueue_after_commit(task: _Task, *args: Any, **kwargs: Any) -> None:
    """Queue ``task`` with these arguments once the transaction commits (at once outside one).
    A broker that cannot be reached, or refuses the message, is logged and nothing more: what
    was saved stays saved, and the request that saved it does not fail. Anything else raised
    (an eager task's own error, in tests) is raised as it would be without the queue."""

    def enqueue() -> None:
        try:
            task.delay(*args, **kwargs)
        except (KombuError, OSError):  # kombu's connection errors, and the socket's own
            logger.exception("Could not queue %s: the task queue is out of reach", task.name)

    # named after its task: Django names a failed after-commit function in its log
    enqueue.__qualname__ = enqueue.__name__ = f"enqueue {task.name}"
    transaction.on_commit(enqueue)
