"""A batcher sends the ids handed to it together, from a thread of its own, and never loses a
batch to another's failure."""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import Connection

from django.test import SimpleTestCase

from centric.core.batching import Batcher


class Recorder:
    """The task a batcher would publish: keeps each batch, or fails the first ``failures``."""

    def __init__(self, failures: int = 0) -> None:
        self.batches: list[list[int]] = []
        self.failures = failures
        self.arrived = threading.Event()

    def __call__(self, ids: list[int]) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("the broker is restarting")
        self.batches.append(ids)
        self.arrived.set()


class BatcherTest(SimpleTestCase):
    def test_ids_handed_over_together_leave_as_one_batch_from_another_thread(self) -> None:
        sent = Recorder()
        batcher = Batcher(sent, name="test", window=0.2)
        for ids in ([1], [2, 3], [4]):
            batcher.add(ids)
        self.assertEqual(sent.batches, [])  # nobody waited for the send
        self.assertTrue(sent.arrived.wait(timeout=10))
        self.assertEqual(sent.batches, [[1, 2, 3, 4]])

    def test_a_batch_is_at_most_size_ids(self) -> None:
        sent = Recorder()
        batcher = Batcher(sent, name="test", window=60, size=2)
        batcher.add([1, 2, 3, 4, 5])
        self.assertEqual(batcher.flush(), 5)
        self.assertEqual(sent.batches, [[1, 2], [3, 4], [5]])
        self.assertEqual(batcher.flush(), 0)

    def test_a_batch_that_cannot_be_sent_is_logged_and_the_next_one_still_goes(self) -> None:
        sent = Recorder(failures=1)
        batcher = Batcher(sent, name="test", window=60, size=2)
        batcher.add([1, 2, 3])
        with self.assertLogs("centric.core.batching", "ERROR") as logs:
            self.assertEqual(batcher.flush(), 1)
        self.assertIn("test: 2 ids not sent; the sweep will find them", logs.output[0])
        self.assertEqual(sent.batches, [[3]])

    def test_a_forked_process_starts_with_nothing_waiting_and_a_thread_of_its_own(self) -> None:
        sent = Recorder()
        batcher = Batcher(sent, name="test", window=60)
        batcher.add([1])  # the parent's thread is running and an id is waiting
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            batcher.add([2])
            os._exit(0 if batcher.flush() == 1 and sent.batches == [[2]] else 1)
        _, status = os.waitpid(child, 0)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0)
        self.assertEqual(batcher.flush(), 1)
        self.assertEqual(sent.batches, [[1]])

    def test_ids_still_waiting_are_sent_when_a_server_worker_process_ends(self) -> None:
        # granian's workers are multiprocessing children, which end without running atexit
        context = multiprocessing.get_context("fork")
        received, sending = context.Pipe(duplex=False)
        worker = context.Process(target=_serve_one_submission, args=(sending,))
        worker.start()
        worker.join(timeout=30)
        self.assertEqual(worker.exitcode, 0)
        self.assertTrue(received.poll(timeout=5))
        self.assertEqual(received.recv(), [7])


def _serve_one_submission(sending: Connection) -> None:
    """A server's worker: its batcher takes an id, and the worker ends before the window."""
    Batcher(sending.send, name="test", window=60).add([7])
