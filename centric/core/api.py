"""Shared pieces of the JSON API: form-backed validation, so the API and the pages accept and
refuse exactly the same input, and the error responses every endpoint shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    """A 422: what the request got wrong."""

    detail: str | list[dict[str, Any]] = Field(
        description="A sentence, or for each field its place (`loc`, e.g. "
        '`["body", "stage_id"]`) and what is wrong with it (`msg`).'
    )


def validate_with_form(
    form_class: type[forms.ModelForm],  # type: ignore[type-arg]
    data: Mapping[str, Any],
    *,
    instance: models.Model | None = None,
    names: Mapping[str, str] | None = None,
    **form_kwargs: Any,
) -> dict[str, Any]:
    """Validate API input with the page's form, limited to the fields the request sends (so a
    PATCH changes only those). Returns cleaned values, or raises a 422 naming field and reason
    (by the API's name for it, through ``names``, as ``invalid_fields`` does)."""
    fields = [name for name in data if name in form_class.base_fields]
    bound_class = forms.modelform_factory(form_class._meta.model, form=form_class, fields=fields)
    form = bound_class(data=as_form_data(data), instance=instance, **form_kwargs)
    if not form.is_valid():
        raise invalid_fields(form.errors, names)
    return {name: form.cleaned_data[name] for name in fields}


def require_valid(form: forms.BaseForm, names: Mapping[str, str] | None = None) -> None:
    """Raise a 422 naming each field of a bound form that is not valid, and why (by the API's
    names for them, through ``names``). For forms validated whole: what the request leaves out
    is filled in by the caller from what is stored."""
    if not form.is_valid():
        raise invalid_fields(form.errors, names)


def invalid_fields(
    errors: Mapping[str, Iterable[Any]], names: Mapping[str, str] | None = None
) -> ValidationError:
    """A 422 naming each field and the reason, as a schema error does. ``names`` renames the
    fields a form or service knows to those the API takes (``owner`` → ``owner_id``)."""
    names = {"__all__": "payload", **(names or {})}
    return ValidationError(
        [
            {"loc": ["body", names.get(name, name)], "msg": str(message), "type": "value_error"}
            for name, messages in errors.items()
            for message in messages
        ]
    )


def refuse_query(parameter: str, message: str) -> NoReturn:
    """A 422 naming a query parameter and what is wrong with it, as a schema error does."""
    raise ValidationError([{"loc": ["query", parameter], "msg": message, "type": "value_error"}])


def as_form_data(data: Mapping[str, Any]) -> Any:
    """API values as a form's POST data: lists as repeated values, None as empty."""
    form_data: MultiValueDict[str, Any] = MultiValueDict()
    for name, value in data.items():
        if isinstance(value, list):
            form_data.setlist(name, [str(item) for item in value])
        else:
            form_data[name] = "" if value is None else str(value)
    return form_data


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request, {"detail": str(exc) or "Permission denied."}, status=403
        )

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)
