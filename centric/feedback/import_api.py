"""The JSON API for importing feedback files (CSV, XLSX, JSON Lines): upload, map the columns,
check, import or cancel, as the import pages do, with the same forms, services and selectors."""

# No `from __future__ import annotations` here: django-ninja reads the parameters' types at
# import time.
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.params import FormEx, P
from ninja.responses import Status
from pydantic import field_validator

from centric.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    Body,
    ErrorOut,
    Id,
    InvalidOut,
    Page,
    invalid_fields,
)
from centric.core.models import ImportMode
from centric.core.permissions import require_write
from centric.feedback.feedback_imports import reading, selectors, services
from centric.feedback.feedback_imports.forms import ColumnMappingForm, FeedbackUploadForm
from centric.feedback.feedback_imports.mapping import PRESETS, TARGETS, Mapping
from centric.feedback.models import FeedbackImport, SavedMapping
from centric.people.models import User

router = Router(tags=["feedback imports"])

REFUSED = WRITE_ERRORS
# what a list may answer instead: nothing in it is missing
LISTED = {401: ErrorOut, 422: InvalidOut}
# the statuses in which the mapping may still be set, as on the mapping page
MAPPABLE = {FeedbackImport.Status.MAPPING, FeedbackImport.Status.CHECKED}
TARGETS_DOCUMENTED = ", ".join(f"`{target}` ({label})" for target, label in TARGETS.items())
PRESETS_DOCUMENTED = ", ".join(f"`{slug}` ({preset.label})" for slug, preset in PRESETS.items())


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


class MappingOut(Schema):
    columns: dict[str, str] = Field(
        description=f"The column (by its header) that feeds each field: {TARGETS_DOCUMENTED}."
    )
    score_type: str = Field(description="nps, csat, ces or rating, when no column gives it.")
    kind: str = Field(description="survey, review, ticket or note, when no column gives it.")
    attributes: list[str] = Field(description="The columns kept as custom attributes.")
    date_order: str = Field(description="`day` or `month`: which comes first in 03/04/2024.")


class MappingIn(Body):
    columns: dict[str, str] = Field(
        description=f"The column (by its header) that feeds each field: {TARGETS_DOCUMENTED}. "
        "Leave a field out for none; a score column, a comment column or both are needed."
    )
    score_type: str = Field("", description="nps, csat, ces or rating, when no column gives it.")
    kind: str = Field("survey", description="survey, review, ticket or note, when no column says.")
    attributes: list[str] = Field(
        default_factory=list, description="Columns to keep as custom attributes."
    )
    date_order: str = Field("day", description="`day` or `month`: which comes first in 03/04/2024.")
    save_as: str = Field(
        "",
        description="A name to save this mapping under for the next file of this shape. A name "
        "in use replaces that mapping, if you saved it or are an admin or a CX lead.",
    )

    @field_validator("columns")
    @classmethod
    def _names_known_fields(cls, columns: dict[str, str]) -> dict[str, str]:
        unknown = [target for target in columns if target not in TARGETS]
        if unknown:
            raise ValueError(
                f"No column can feed {', '.join(unknown)}; the fields are: {', '.join(TARGETS)}."
            )
        return columns


class RowErrorOut(Schema):
    line: int = Field(
        description="The line in the file where the row starts; 0 for the whole file."
    )
    column: str = Field(description="The column at fault; empty for the row as a whole.")
    message: str


class ProgressOut(Schema):
    phase: str = Field(description="What the import is doing, in words.")
    done: str = Field(description="How far it is with that, in words.")
    percent: int


class FeedbackImportOut(Schema):
    id: int
    file_name: str
    file_format: FeedbackImport.Format
    status: FeedbackImport.Status
    mode: ImportMode | None = Field(description="The mode chosen when applying.")
    total_rows: int = Field(description="The rows in the file, once checked.")
    valid_rows: int
    error_count: int = Field(
        description="The rows with problems (and a file that stops being readable)."
    )
    existing_count: int = Field(description="Valid rows imported before, which are skipped.")
    created_count: int = Field(description="The responses the import stored.")
    removed_count: int = Field(
        description="The responses removed since, when the import was taken back "
        "(`POST /feedback-imports/{import_id}/remove`)."
    )
    kept_count: int = Field(
        description="When taken back, the responses it stored that stay, as a case was opened "
        "on them."
    )
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_mode(job: FeedbackImport) -> str | None:
        return job.mode or None


class FeedbackImportDetailOut(FeedbackImportOut):
    size: int = Field(description="In bytes.")
    encoding: str = Field(description="How the text was read: UTF-8, UTF-16, Windows-1252…")
    preset: str
    columns: list[str] = Field(description="The file's columns, by their headers.")
    preview: list[list[str]] = Field(description="The first rows, one cell per column.")
    mapping: MappingOut = Field(description="Proposed on upload; as set once mapped.")
    new_rows: int = Field(description="The valid rows not imported before: what importing adds.")
    undated_rows_date: datetime | None = Field(
        description="With no date column, the date every row is given (the upload's)."
    )
    progress: ProgressOut | None = Field(description="While checking or importing.")
    errors: list[RowErrorOut] = Field(
        description=f"The first {services.MAX_ERRORS_KEPT:,} problems found; `error_count` "
        "counts every row with one, and the report's download of the rows with problems "
        "(`/feedback-imports/{id}/refused-rows.csv`, signed in) holds them all."
    )
    warnings: list[str]

    @staticmethod
    def resolve_encoding(job: FeedbackImport) -> str:
        return reading.encoding_label(job.encoding)

    @staticmethod
    def resolve_mapping(job: FeedbackImport) -> dict[str, Any]:
        return Mapping.from_dict(job.mapping).as_dict()

    @staticmethod
    def resolve_new_rows(job: FeedbackImport) -> int:
        return max(job.valid_rows - job.existing_count, 0)

    @staticmethod
    def resolve_undated_rows_date(job: FeedbackImport) -> datetime | None:
        return selectors.feedback_import_undated_rows_date(job)

    @staticmethod
    def resolve_progress(job: FeedbackImport) -> selectors.Progress | None:
        return selectors.feedback_import_progress(job) if job.in_progress else None


class ApplyIn(Body):
    mode: ImportMode  # FeedbackImport.Mode, by the name mypy accepts as a type


class SavedMappingOut(Schema):
    id: int
    name: str
    mapping: MappingOut
    created_by_id: int | None = Field(description="Who saved it; empty once they are deleted.")
    may_change: bool = Field(description="Whether you may replace or delete it.")

    @staticmethod
    def resolve_mapping(saved: SavedMapping) -> dict[str, Any]:
        return Mapping.from_dict(saved.mapping).as_dict()

    @staticmethod
    def resolve_may_change(saved: SavedMapping, context: dict[str, Any]) -> bool:
        return selectors.saved_mapping_may_change(actor=_actor(context["request"]), saved=saved)


@router.get(
    "/feedback-imports",
    response={200: list[FeedbackImportOut], **LISTED},
    summary="The feedback files you imported, newest first",
)
@paginate(Page)
def list_feedback_imports(request: HttpRequest) -> QuerySet[FeedbackImport]:
    return selectors.feedback_imports_of(actor=_actor(request))


@router.post(
    "/feedback-imports",
    response={202: FeedbackImportDetailOut, **LISTED, 403: ErrorOut},
    summary="Upload a feedback file: its columns, first rows and a proposed mapping",
    description=(
        "A CSV (UTF-8, UTF-16, Windows-1252 or Latin-1), Excel (.xlsx) or JSON Lines file with "
        f"a header row, up to {services.MAX_FILE_BYTES // 1024**3} GB. Nothing is checked or "
        "imported yet: confirm the mapping (`PUT …/mapping`) first. The mapping is proposed from "
        "the column names, a `preset` for the shape of the file "
        f"({PRESETS_DOCUMENTED}) or a `saved_mapping_id`.\n\n"
        "A missing, empty or too large file, an unknown preset or saved mapping get 422 naming "
        "the field. A file that cannot be read is kept as a `failed` import (as on the pages) "
        "whose `errors` say where and why. A viewer gets 403."
    ),
)
def upload_feedback_file(
    request: HttpRequest,
    file: File[UploadedFile],
    preset: FormEx[str, P(description="The shape of the file, to propose its mapping.")] = "",
    saved_mapping_id: FormEx[
        Id | None, P(description="A saved mapping to propose, fitted to the file's columns.")
    ] = None,
) -> Status[FeedbackImport]:
    actor = _actor(request)
    require_write(actor)
    form = FeedbackUploadForm(
        {"preset": preset, "saved_mapping": saved_mapping_id or ""},
        {"file": file},
        organisation_id=actor.organisation_id,
    )
    names = {"saved_mapping": "saved_mapping_id"}
    if not form.is_valid():
        raise invalid_fields(form.errors, names)
    try:
        job = services.feedback_import_start(
            actor=actor,
            upload=form.cleaned_data["file"],
            preset=form.cleaned_data["preset"],
            saved_mapping=form.cleaned_data["saved_mapping"],
        )
    except ValidationError as error:
        raise invalid_fields({"file": error.messages}) from None
    return Status(202, job)


@router.get(
    "/feedback-imports/{import_id}",
    response={200: FeedbackImportDetailOut, **READ_ERRORS},
    summary="A feedback import: its mapping, counts, problems and progress",
    description=(
        "Each problem names the row's line, the column and the reason. While the file is "
        "checked or imported, `progress` says how far it is; ask again until `status` is "
        "`checked`, `done` or `failed`."
    ),
)
def get_feedback_import(request: HttpRequest, import_id: Id) -> FeedbackImport:
    return selectors.feedback_import_access(actor=_actor(request), import_id=import_id)


@router.put(
    "/feedback-imports/{import_id}/mapping",
    response={202: FeedbackImportDetailOut, **REFUSED},
    summary="Set which column feeds which field, and check every row",
    description=(
        "Send the whole mapping (the import's proposed `mapping` is a good start); the file is "
        "then checked in the background, writing nothing: the import's `errors` name each bad "
        "row. Optionally `save_as` a name to reuse it. Refused (422) once the file is being "
        "imported or was; a column the file does not have gets 422 naming the field "
        "(`columns.score`). Only the person who uploaded the file may map it."
    ),
)
def map_feedback_import(
    request: HttpRequest, import_id: Id, payload: MappingIn
) -> Status[FeedbackImport]:
    actor = _actor(request)
    job = selectors.feedback_import_access(actor=actor, import_id=import_id)
    require_write(actor)
    if job.status not in MAPPABLE:
        raise ValidationError(
            f"This import's mapping can no longer change: its status is “{job.status}”."
        )
    form = ColumnMappingForm(
        _mapping_form_data(payload), columns=job.columns, mapping=Mapping.from_dict(job.mapping)
    )
    if not form.is_valid():
        raise invalid_fields(
            form.errors, {f"column_{target}": f"columns.{target}" for target in TARGETS}
        )
    try:
        services.feedback_import_map(
            actor=actor, job=job, mapping=form.mapping(), save_as=form.cleaned_data["save_as"]
        )
    except ValidationError as error:
        raise invalid_fields({"__all__": error.messages}) from None
    return Status(202, job)


@router.post(
    "/feedback-imports/{import_id}/apply",
    response={202: FeedbackImportDetailOut, **REFUSED},
    summary="Import a checked file: only the valid rows, or every row or none",
    description=(
        "`keep_valid` stores the valid rows and skips the others; `all_or_nothing` is refused "
        "(422) when any row has a problem, and stores nothing if a row became invalid since the "
        "check. Rows imported before are skipped, so a file imported twice is stored once. The "
        "import runs in the background: follow it with `GET /feedback-imports/{import_id}`."
    ),
)
def apply_feedback_import(
    request: HttpRequest, import_id: Id, payload: ApplyIn
) -> Status[FeedbackImport]:
    actor = _actor(request)
    job = selectors.feedback_import_access(actor=actor, import_id=import_id)
    return Status(202, services.feedback_import_apply(actor=actor, job=job, mode=payload.mode))


@router.post(
    "/feedback-imports/{import_id}/remove",
    response={202: FeedbackImportDetailOut, **REFUSED},
    summary="Take an import back: remove the responses it stored",
    description=(
        "Removes, in the background, the responses the import stored, with their answers and "
        "analyses; a response a case was opened on stays, with its case. The status is "
        "`removing`, then `removed`, with `removed_count`: follow it with "
        "`GET /feedback-imports/{import_id}`. Refused (422, with the reason) for an import that "
        "stored nothing, one removed already, or one made before responses recorded their "
        "import. The file stays, so it can be imported again."
    ),
)
def remove_feedback_import(request: HttpRequest, import_id: Id) -> Status[FeedbackImport]:
    actor = _actor(request)
    job = selectors.feedback_import_access(actor=actor, import_id=import_id)
    return Status(202, services.feedback_import_remove(actor=actor, job=job))


@router.post(
    "/feedback-imports/{import_id}/cancel",
    response={200: FeedbackImportDetailOut, **REFUSED},
    summary="Import nothing from a file waiting for its mapping or checked",
    description="An import already running or finished is left as it is: see its `status`.",
)
def cancel_feedback_import(request: HttpRequest, import_id: Id) -> FeedbackImport:
    actor = _actor(request)
    job = selectors.feedback_import_access(actor=actor, import_id=import_id)
    return services.feedback_import_cancel(actor=actor, job=job)


@router.get(
    "/feedback-mappings",
    response={200: list[SavedMappingOut], **LISTED},
    summary="The column mappings saved in your organisation, by name",
    description="Pass one's id as `saved_mapping_id` when uploading a file of the same shape.",
)
@paginate(Page)
def list_saved_mappings(request: HttpRequest) -> QuerySet[SavedMapping]:
    return selectors.saved_mappings_of(actor=_actor(request))


@router.delete(
    "/feedback-mappings/{mapping_id}",
    response={204: None, **REFUSED},
    summary="Delete a saved mapping",
    description="Only whoever saved it, an admin or a CX lead may; anyone else gets 403.",
)
def delete_saved_mapping(request: HttpRequest, mapping_id: Id) -> Status[None]:
    actor = _actor(request)
    saved = selectors.saved_mapping_access(actor=actor, mapping_id=mapping_id)
    services.saved_mapping_delete(actor=actor, saved=saved)
    return Status(204, None)


def _mapping_form_data(payload: MappingIn) -> MultiValueDict[str, str]:
    """The mapping as the mapping page posts it, for its form to check."""
    return MultiValueDict(
        {
            **{f"column_{target}": [column] for target, column in payload.columns.items()},
            "score_type": [payload.score_type],
            "kind": [payload.kind],
            "date_order": [payload.date_order],
            "attributes": payload.attributes,
            "save_as": [payload.save_as],
        }
    )
