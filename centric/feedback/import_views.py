"""Pages for importing feedback from files: upload, preview and mapping, the report with its
progress bar and the download of its refused rows, and the list of past imports. Each view parses
input, calls one service or selector, and renders the result."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from centric.core.htmx import render_page
from centric.core.periods import CHOSEN
from centric.core.permissions import can_write, require_write
from centric.feedback.exports import csv_lines
from centric.feedback.feedback_imports import reading, selectors, services
from centric.feedback.feedback_imports.forms import ColumnMappingForm, FeedbackUploadForm
from centric.feedback.feedback_imports.mapping import PRESETS, Mapping
from centric.feedback.models import FeedbackImport, Response
from centric.people.auth import AuthedRequest

ERRORS_SHOWN = 500


def import_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    saved_mappings = selectors.saved_mappings_of(actor=user).select_related("created_by")
    context = {
        "imports": selectors.feedback_imports_of(actor=user)[:50],
        "can_import": can_write(user),
        "saved_mappings": [
            (saved, selectors.saved_mapping_may_change(actor=user, saved=saved))
            for saved in saved_mappings
        ],
    }
    return render(request, "feedback/imports/import_list.html", context)


def import_upload(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_write(user)
    form = FeedbackUploadForm(
        request.POST or None, request.FILES or None, organisation_id=user.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.feedback_import_start(
                actor=user,
                upload=form.cleaned_data["file"],
                preset=form.cleaned_data["preset"],
                saved_mapping=form.cleaned_data["saved_mapping"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if job.status == FeedbackImport.Status.FAILED:
                return redirect("feedback:import_detail", import_id=job.pk)
            return redirect("feedback:import_mapping", import_id=job.pk)
    # each preset with the names its kind and score type go by everywhere else
    presets = [
        (preset, Response.Kind(preset.kind).label, Response.ScoreType(preset.score_type).label)
        for preset in PRESETS.values()
    ]
    return render(
        request, "feedback/imports/import_upload.html", {"form": form, "presets": presets}
    )


def import_mapping(request: AuthedRequest, import_id: int) -> HttpResponse:
    job = selectors.feedback_import_access(actor=request.user, import_id=import_id)
    if job.status not in {FeedbackImport.Status.MAPPING, FeedbackImport.Status.CHECKED}:
        return redirect("feedback:import_detail", import_id=job.pk)
    form = ColumnMappingForm(
        request.POST or None, columns=job.columns, mapping=Mapping.from_dict(job.mapping)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_import_map(
                actor=request.user,
                job=job,
                mapping=form.mapping(),
                save_as=form.cleaned_data["save_as"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("feedback:import_detail", import_id=job.pk)
    context = {
        "job": job,
        "form": form,
        "preset": PRESETS.get(job.preset),
        "encoding": reading.encoding_label(job.encoding),
        "imported_at": selectors.feedback_import_time(job),
    }
    return render(request, "feedback/imports/import_mapping.html", context)


def import_detail(request: AuthedRequest, import_id: int) -> HttpResponse:
    job = selectors.feedback_import_access(actor=request.user, import_id=import_id)
    imported_days = selectors.feedback_import_days(job)
    context = {
        "job": job,
        "errors": job.errors[:ERRORS_SHOWN],
        "modes": FeedbackImport.Mode,
        "encoding": reading.encoding_label(job.encoding),
        "progress": selectors.feedback_import_progress(job) if job.in_progress else None,
        # the valid rows not stored before: what importing would add
        "new_rows": max(job.valid_rows - job.existing_count, 0),
        "undated_rows_date": selectors.feedback_import_undated_rows_date(job),
        "refused_rows": selectors.feedback_import_refused_count(job),
        "imported_days": imported_days,
        "insights_query": _insights_query(imported_days),
        "removable": not selectors.feedback_import_removal_refusal(job) and can_write(request.user),
    }
    return render_page(
        request, "feedback/imports/import_detail.html", "feedback/imports/_report.html", context
    )


def _insights_query(days: tuple[date, date] | None) -> str:
    """The Insights pages' filters for the days of the feedback imported; empty for none."""
    if days is None:
        return ""
    return urlencode({"days": CHOSEN, "from": days[0].isoformat(), "to": days[1].isoformat()})


@require_GET
def import_refused_csv(request: AuthedRequest, import_id: int) -> StreamingHttpResponse:
    job = selectors.feedback_import_access(actor=request.user, import_id=import_id)
    name = slugify(job.file_name.rsplit(".", 1)[0]) or f"import-{job.pk}"
    return StreamingHttpResponse(
        csv_lines(selectors.feedback_import_refused_rows(job)),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}-refused-rows.csv"'},
    )


@require_POST
def import_apply(request: AuthedRequest, import_id: int) -> HttpResponse:
    job = selectors.feedback_import_access(actor=request.user, import_id=import_id)
    try:
        services.feedback_import_apply(
            actor=request.user, job=job, mode=request.POST.get("mode", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("feedback:import_detail", import_id=job.pk)


def import_remove(request: AuthedRequest, import_id: int) -> HttpResponse:
    """Asks first (GET), with what removing would do; takes the import back on POST."""
    job = selectors.feedback_import_access(actor=request.user, import_id=import_id)
    if request.method == "POST":
        try:
            services.feedback_import_remove(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("feedback:import_detail", import_id=job.pk)
    require_write(request.user)
    context = {
        "job": job,
        "refusal": selectors.feedback_import_removal_refusal(job),
        "removal": selectors.feedback_import_removal(job),
    }
    return render(request, "feedback/imports/import_remove.html", context)


@require_POST
def import_cancel(request: AuthedRequest, import_id: int) -> HttpResponse:
    job = selectors.feedback_import_access(actor=request.user, import_id=import_id)
    services.feedback_import_cancel(actor=request.user, job=job)
    messages.info(request, "Nothing was imported.")
    return redirect("feedback:import_list")


def saved_mapping_delete(request: AuthedRequest, mapping_id: int) -> HttpResponse:
    """Asks first (GET), deletes on POST."""
    user = request.user
    saved = selectors.saved_mapping_access(actor=user, mapping_id=mapping_id)
    if not selectors.saved_mapping_may_change(actor=user, saved=saved):
        raise PermissionDenied(
            "Only whoever saved this mapping, an admin or a CX lead can delete it."
        )
    if request.method == "POST":
        services.saved_mapping_delete(actor=user, saved=saved)
        messages.success(request, f"The saved mapping “{saved.name}” was deleted.")
        return redirect("feedback:import_list")
    return render(request, "feedback/imports/saved_mapping_delete.html", {"saved": saved})
