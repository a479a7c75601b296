"""New feedback is analysed in the background, moments after it is stored; a new organisation
starts with the default taxonomy, which it can then edit.

The analysis tasks leave through a ``Batcher``: feedback stored within a tenth of a second shares
one task, and no request waits for the broker (see ``centric.core.batching``). In eager mode
(the tests) the analysis runs as the transaction commits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from centric.core.batching import Batcher
from centric.core.models import Organisation
from centric.insights.services import BATCH_SIZE, themes_ensure
from centric.insights.tasks import analyse_responses


def analyse_received_feedback(
    sender: object, *, organisation_id: int, response_ids: Sequence[int], **kwargs: Any
) -> None:
    ids = list(response_ids)
    if analyse_responses.app.conf.task_always_eager:
        transaction.on_commit(lambda: analyse_responses.delay(ids))
    else:
        transaction.on_commit(lambda: analysis_batcher.add(ids))


analysis_batcher = Batcher(analyse_responses.delay, name="analysis-batcher", size=BATCH_SIZE)


def themes_for_new_organisation(
    sender: type[Organisation], instance: Organisation, created: bool, **kwargs: Any
) -> None:
    if created and not kwargs.get("raw"):
        themes_ensure(organisation_id=instance.pk)
