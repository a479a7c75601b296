"""Sentiment learnt from the organisation's own scored comments, and read with by the pipeline.

A person asks for it (``calibration_request``); a worker learns it (``calibration_learn``): for
each language the engine reads with enough scored comments in it, a ``CalibratedSentiment``
fitted on the comments whose score says plainly what the customer meant (promoters against
detractors, the top two answers of a rating against the bottom two; the answers in between
teach nothing), checked first on a fifth of them held back (the copies of one comment all on
one side), against the built-in reading of that language. The languages whose check it passes
are put in use; the readings' version names it, so every past comment is read again with it,
and new comments are read with it as they arrive. Stopping it does the same with the built-in
reading.
"""

from __future__ import annotations

import logging
import operator
import pickle
import uuid
from functools import lru_cache, partial, reduce
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from centric.core import clock
from centric.core.permissions import require_org_wide
from centric.feedback.models import Response
from centric.feedback.scales import SCORE_RANGES
from centric.insights.models import SentimentCalibration
from centric.insights.services.analysis import comments_in, with_comments
from centric.insights.services.reanalysis import reanalysis_start
from centric.insights.text import SentimentAnalyzer
from centric.insights.text.language import ENGLISH, READ, READ_NAMES
from centric.insights.text.reader import reader
from centric.insights.text.teaching import Counts, learnable, score_sides, too_few
from centric.people.models import User

if TYPE_CHECKING:  # scikit-learn loads only in the processes that learn or read with it
    from centric.insights.text import CalibratedSentiment

logger = logging.getLogger(__name__)

# the most recent comments of each side it learns from: enough, and a bounded time to learn
MAX_EACH = 25_000
HELD_OUT = 0.2
# what it learnt is put in use only if, on the comments held back, it agrees with their scores
# at least this well (macro-F1; 0.5 is a coin's toss) and no less than the built-in reading
MIN_F1 = 0.7
# For each kind of score, the lowest that reads as praise and the highest that reads as complaint.
SCORE_SIDES = {kind: score_sides(kind, *SCORE_RANGES[kind]) for kind in Response.ScoreType}

Status = SentimentCalibration.Status


def side_of(side: str) -> Q:
    """The scored comments that teach ``side``: "positive" or "negative"."""
    return reduce(
        operator.or_,
        (
            Q(
                score_type=kind,
                **({"score__gte": high} if side == "positive" else {"score__lte": low}),
            )
            for kind, (high, low) in SCORE_SIDES.items()
        ),
    )


def _teaching(organisation_id: int, language: str) -> QuerySet[Response]:
    """The comments it may learn ``language`` from: those read in it."""
    return comments_in(organisation_id, language)


def scored_counts(*, organisation_id: int) -> Counts:
    """For each language the engine reads, in its order, how many comments in it could teach
    praise and how many complaint (none: a language with neither is left out). A comment not
    read yet counts as English, as ``comments_in`` takes it."""
    rows = (
        with_comments(organisation_id)
        .values(read_in=Coalesce("analysis__language", Value(ENGLISH)))
        .annotate(
            positive=Count("pk", filter=side_of("positive")),
            negative=Count("pk", filter=side_of("negative")),
        )
        .order_by()
    )
    found = {row["read_in"]: (row["positive"], row["negative"]) for row in rows}
    return {language: found[language] for language in READ if any(found.get(language, ()))}


def calibration_request(*, actor: User) -> SentimentCalibration:
    """Start learning the organisation's sentiment from its scored comments, in the background."""
    from centric.insights.tasks import learn_sentiment

    require_org_wide(actor)
    organisation_id = actor.organisation_id
    counts = scored_counts(organisation_id=organisation_id)
    languages = learnable(counts)
    if not languages:
        raise ValidationError(f"{_too_few(counts)}.")
    positive = sum(counts[language][0] for language in languages)
    negative = sum(counts[language][1] for language in languages)
    learning = SentimentCalibration.objects.filter(
        organisation_id=organisation_id, status=Status.LEARNING
    )
    if learning.exists():
        raise ValidationError("Centric is already learning from your scored comments.")
    calibration = SentimentCalibration.objects.create(
        organisation_id=organisation_id, started_by=actor, positive=positive, negative=negative
    )
    transaction.on_commit(partial(learn_sentiment.delay, calibration.pk))
    return calibration


def calibration_learn(*, calibration_id: int) -> bool:
    """Learn the sentiment of ``calibration_id`` and put it in use (retiring the one before it),
    then read every comment again with it. Returns whether it was put in use; a calibration
    stopped while it learnt, or learnt already, is left as it is."""
    calibration = SentimentCalibration.objects.filter(
        pk=calibration_id, status=Status.LEARNING
    ).first()
    if calibration is None:
        return False
    try:
        learnt = _learn(calibration)
    except Exception as error:  # recorded, so that the page stops waiting and says why
        logger.exception("Sentiment calibration %s failed", calibration_id)
        reason = str(error) if isinstance(error, ValueError) else "An unexpected error stopped it."
        SentimentCalibration.objects.filter(pk=calibration_id, status=Status.LEARNING).update(
            status=Status.FAILED,
            error=reason[:300],
            finished_at=clock.now(),
            learnt_f1=calibration.learnt_f1,
            default_f1=calibration.default_f1,
            held_out=calibration.held_out,
            positive=calibration.positive,
            negative=calibration.negative,
            languages=calibration.languages,
        )
        return False
    with transaction.atomic():
        still_learning = SentimentCalibration.objects.select_for_update().filter(
            pk=calibration_id, status=Status.LEARNING
        )
        if still_learning.first() is None:
            return False  # stopped while it learnt
        now = clock.now()
        SentimentCalibration.objects.filter(
            organisation_id=calibration.organisation_id, status=Status.READY
        ).update(status=Status.RETIRED, model=None, finished_at=now, updated_at=now)
        calibration.status = Status.READY
        calibration.model = pickle.dumps(learnt, protocol=pickle.HIGHEST_PROTOCOL)
        calibration.finished_at = now
        calibration.save()
        reanalysis_start(
            organisation_id=calibration.organisation_id,
            reason=f"Sentiment learnt from {calibration.positive + calibration.negative:,} "
            "scored comments",
            actor=calibration.started_by,
        )
    return True


@transaction.atomic
def calibration_stop(*, actor: User) -> bool:
    """Read with the built-in sentiment again. Returns whether a learnt one was in use (every
    comment is then read again) or being learnt."""
    require_org_wide(actor)
    now = clock.now()
    stopped = SentimentCalibration.objects.filter(
        organisation_id=actor.organisation_id, status__in=[Status.READY, Status.LEARNING]
    )
    was_ready = stopped.filter(status=Status.READY).exists()
    changed = stopped.update(status=Status.RETIRED, model=None, finished_at=now, updated_at=now)
    if was_ready:
        reanalysis_start(
            organisation_id=actor.organisation_id,
            reason="Back to the built-in sentiment",
            actor=actor,
        )
    return bool(changed)


def _too_few(counts: Counts) -> str:
    return too_few(counts, needs="Learning", has="there are")


def calibration_model(calibration_id: int) -> dict[str, CalibratedSentiment] | None:
    """The learnt sentiment of ``calibration_id``, by language, if it is in use, loaded once
    per process."""
    token = (
        SentimentCalibration.objects.filter(pk=calibration_id, status=Status.READY)
        .values_list("token", flat=True)
        .first()
    )
    return None if token is None else _loaded(calibration_id, token)


@lru_cache(maxsize=8)
def _loaded(calibration_id: int, token: uuid.UUID) -> dict[str, CalibratedSentiment] | None:
    data = (
        SentimentCalibration.objects.filter(pk=calibration_id, token=token)
        .values_list("model", flat=True)
        .first()
    )
    if data is None:
        return None
    # only this application writes these bytes (``calibration_learn``); nobody can upload them
    learnt = pickle.loads(bytes(data))  # noqa: S301
    # one learnt before it learnt each language is an English one
    return learnt if isinstance(learnt, dict) else {learnt.language: learnt}


def _learn(calibration: SentimentCalibration) -> dict[str, CalibratedSentiment]:
    """Check, then fit, the learnt reading of each language with scored comments enough, on
    the organisation's most recent ones; records on ``calibration`` what each learnt from and
    how its check went. The languages whose check it fails stay with the built-in reading;
    when every one fails, so does the whole."""
    from sklearn.metrics import f1_score

    counts = scored_counts(organisation_id=calibration.organisation_id)
    languages = learnable(counts)
    if not languages:
        raise ValueError(f"{_too_few(counts)} now.")
    learnt: dict[str, CalibratedSentiment] = {}
    # the held-back comments' (score's side, learnt, built-in) labels, of each language
    checked: dict[str, list[tuple[str, str, str]]] = {}
    calibration.languages = []
    for language in languages:
        texts, sides = _scored(calibration.organisation_id, language)
        result, checked[language] = _check(language, texts, sides)
        calibration.languages.append(result)
        if result["in_use"]:
            learnt[language] = _model(language).fit(texts, sides)
    calibration.positive = sum(part["positive"] for part in calibration.languages)
    calibration.negative = sum(part["negative"] for part in calibration.languages)
    # the figures of the languages put in use (of every one checked, when none is)
    pooled = [row for language in learnt or checked for row in checked[language]]
    if pooled:
        truth, ours, built_in = zip(*pooled, strict=True)
        calibration.held_out = len(truth)
        calibration.learnt_f1 = round(float(f1_score(truth, ours, average="macro")), 4)
        calibration.default_f1 = round(float(f1_score(truth, built_in, average="macro")), 4)
    if not learnt:
        parts = calibration.languages
        if len(parts) == 1:
            raise ValueError(parts[0]["reason"])
        raise ValueError(
            " ".join(f"{READ_NAMES[part['language']]}: {part['reason']}" for part in parts)
        )
    return learnt


def _scored(organisation_id: int, language: str) -> tuple[list[str], list[str]]:
    """The most recent scored comments in ``language`` of each side, and their sides."""
    comments = _teaching(organisation_id, language).order_by("-pk")
    texts: list[str] = []
    sides: list[str] = []
    for side in ("positive", "negative"):
        for text in comments.filter(side_of(side)).values_list("comment", flat=True)[:MAX_EACH]:
            texts.append(text)
            sides.append(side)
    return texts, sides


def _model(language: str) -> CalibratedSentiment:
    from centric.insights.text import CalibratedSentiment

    return CalibratedSentiment(language=language)


def _check(
    language: str, texts: list[str], sides: list[str]
) -> tuple[dict[str, object], list[tuple[str, str, str]]]:
    """How the reading learnt from four fifths of ``texts`` agrees with the scores of the fifth
    held back, beside the built-in reading's, and whether that is good enough to use; with the
    held-back comments' (side, learnt, built-in) labels."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedGroupKFold

    positive = sides.count("positive")
    result: dict[str, object] = {
        "language": language,
        "positive": positive,
        "negative": len(sides) - positive,
        "held_out": 0,
        "learnt_f1": None,
        "default_f1": None,
        "in_use": False,
        "reason": "",
    }
    # Copies of one comment (a form letter, a template reply) are held back together or not at
    # all: a copy on both sides would test memory, not reading.
    copies = [" ".join(text.lower().split()) for text in texts]
    splitter = StratifiedGroupKFold(n_splits=round(1 / HELD_OUT), shuffle=True, random_state=0)
    fit, check = next(splitter.split(texts, sides, copies))
    fit_sides, check_sides = [sides[i] for i in fit], [sides[i] for i in check]
    if len(set(fit_sides)) < 2 or len(set(check_sides)) < 2:
        result["reason"] = (
            "Too few different comments on one side to learn and check: copies of one comment "
            "count once."
        )
        return result, []
    check_texts = [texts[i] for i in check]
    ours = _model(language).fit([texts[i] for i in fit], fit_sides).predict(check_texts)
    built_in = SentimentAnalyzer() if language == ENGLISH else reader(language)
    default = [
        "positive" if built_in.analyze(text).score >= 0 else "negative" for text in check_texts
    ]
    learnt_f1 = round(float(f1_score(check_sides, ours, average="macro")), 4)
    default_f1 = round(float(f1_score(check_sides, default, average="macro")), 4)
    result.update(held_out=len(check), learnt_f1=learnt_f1, default_f1=default_f1)
    if learnt_f1 < max(MIN_F1, default_f1):
        result["reason"] = (
            "Not put in use: on the comments held back, what it learnt agreed with "
            f"their scores with a macro-F1 of {learnt_f1:.2f} and the built-in reading with "
            f"{default_f1:.2f}; it needs at least {MIN_F1:.2f} and no less than the built-in "
            "reading."
        )
    else:
        result["in_use"] = True
    return result, list(zip(check_sides, ours, default, strict=True))
