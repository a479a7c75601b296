"""The organisation's taxonomy as the text engine reads it, and the version that names it.

A reading is stored with ``ENGINE_VERSION``, a digest of the taxonomy it was read with and the
learnt sentiment in use (if any), so a reading made before a theme changed, or before the
organisation's sentiment was learnt, is recognisably stale (``version != taxonomy.version``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from centric.insights.models import SentimentCalibration, ThemeDefinition
from centric.insights.text import DEFAULT_TAXONOMY, Taxonomy, Theme

# Bump when the engine reads the same comment differently, so every reading becomes stale.
ENGINE_VERSION = "engine-17"


@dataclass(frozen=True)
class OrganisationTaxonomy:
    taxonomy: Taxonomy
    version: str
    # the ``SentimentCalibration`` the pipeline reads sentiment with, if one is in use
    calibration_id: int | None = None


def organisation_taxonomy(*, organisation_id: int) -> OrganisationTaxonomy:
    """The organisation's themes as a ``Taxonomy``, in the order they were created."""
    rows = ThemeDefinition.objects.filter(organisation_id=organisation_id).select_related("parent")
    themes = tuple(
        Theme(
            name=row.name,
            description=row.description,
            seed_words=tuple(row.seed_words),
            examples=tuple(row.examples),
            parent=row.parent.name if row.parent else None,
        )
        for row in rows.order_by("pk")
    )
    calibration_id = (
        SentimentCalibration.objects.filter(
            organisation_id=organisation_id, status=SentimentCalibration.Status.READY
        )
        .values_list("pk", flat=True)
        .first()
    )
    return OrganisationTaxonomy(
        taxonomy=Taxonomy(themes),
        version=taxonomy_version(themes, calibration_id),
        calibration_id=calibration_id,
    )


def taxonomy_version(themes: tuple[Theme, ...], calibration_id: int | None = None) -> str:
    """``ENGINE_VERSION``, a short digest of the themes and the learnt sentiment's id: equal
    themes read with the same sentiment, equal version."""
    data = sorted(
        [t.name, t.description, list(t.seed_words), list(t.examples), t.parent or ""]
        for t in themes
    )
    digest = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()
    learnt = f"+s{calibration_id}" if calibration_id is not None else ""
    return f"{ENGINE_VERSION}+{digest[:16]}{learnt}"


def default_theme_values() -> list[dict[str, object]]:
    """The default taxonomy as rows to create, parents named (each new organisation's start)."""
    return [
        {
            "name": theme.name,
            "description": theme.description,
            "seed_words": list(theme.seed_words),
            "examples": list(theme.examples),
            "parent": theme.parent,
        }
        for theme in DEFAULT_TAXONOMY.themes
    ]
