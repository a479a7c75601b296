"""Shared pieces of the JSON API: form-backed validation, so the API and the pages accept and
refuse exactly the same input; the types and base schema every endpoint's input is built from;
and the way every answer that goes wrong is given, always as JSON (``{"detail": ...}``).

What every endpoint gets from ``install_error_handlers``, without doing anything:

- a query string is read strictly: an empty value (``?kind=``) is no value, as if left out, and
  a name the endpoint does not declare is a 422 naming it, so a misspelt filter never quietly
  answers with everything;
- a 422 has one shape, ``{"detail": [{"loc": ["body", "owner_id"], "msg": …, "type": …}]}``,
  ``loc`` naming the field as the API spells it (``["body", "payload"]``: the body as a whole);
- an error nobody foresaw is logged as Django logs one, and answered with a JSON 500.

What an endpoint opts into: ``Id`` for every id it reads, ``Body`` as the base of its input
schemas, ``@paginate(Page)`` for its lists, ``READ_ERRORS``/``WRITE_ERRORS`` in its ``response``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Annotated, Any, NoReturn

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    BadRequest,
    PermissionDenied,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.db import models
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.datastructures import MultiValueDict
from django.utils.log import log_response
from django.views.decorators.csrf import csrf_exempt
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.schema import DjangoGetter
from pydantic import ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from centric.core.models import ID_MAX

Id = Annotated[int, Field(ge=1, le=ID_MAX)]

LIMIT_MAX = 500  # the most items one page of a list holds; more is a 422, as Stripe answers
OFFSET_MAX = 1_000_000_000
BODY = "payload"  # every endpoint names its body parameter so; an error's loc leaves it out


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    """A 422: what the request got wrong."""

    detail: str | list[dict[str, Any]] = Field(
        description='For each field its place (`loc`, e.g. `["body", "stage_id"]`, '
        '`["query", "limit"]`; `["body", "payload"]` is the body as a whole) and what is '
        "wrong with it (`msg`); or, for a request refused as a whole, a sentence."
    )


# What an endpoint may answer besides its success, for the OpenAPI schema.
READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: InvalidOut}
WRITE_ERRORS: dict[int, type[Schema]] = {**READ_ERRORS, 403: ErrorOut}


class Page(LimitOffsetPagination):
    """A list's page: ``limit`` items (50 unless asked, at most ``LIMIT_MAX``) from ``offset``."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=LIMIT_MAX,
            description=f"How many items (at most {LIMIT_MAX}).",
        )
        offset: int = Field(0, ge=0, le=OFFSET_MAX, description="How many items to skip.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=LIMIT_MAX, **kwargs)


class Body(Schema):
    """The base of every request body: a JSON object with only the fields the schema names (a
    misspelt field is a 422, not a change quietly skipped), whose text the database can keep."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # ninja's Schema validates the object it was given, then that object read through a
        # DjangoGetter (for attributes of models), which is no longer what was sent
        if not isinstance(data, dict | DjangoGetter):
            raise PydanticCustomError(
                "value_error",
                "The body must be a JSON object of fields, not {kind}.",
                {"kind": _json_kind(data)},
            )
        return data

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        if not _storable(value):
            # a lone UTF-16 surrogate ("\ud800"): valid JSON, but no UTF-8 for the database
            raise PydanticCustomError(
                "value_error", "The text holds a character that is not Unicode text."
            )
        return value


def Omittable(**kwargs: Any) -> Any:  # named like Field, whose place it takes
    """The default of a PATCH field that may be left out (and is then not changed) but not sent
    as null, for a value that cannot be empty: ``name: str = Omittable()``. Its type stays
    non-nullable, so ``null`` is a 422 and the schema does not offer it."""
    return Field(None, **kwargs)


def _json_kind(data: Any) -> str:
    if data is None:
        return "null"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "a string"
    if isinstance(data, bool):
        return "true or false"
    return "a number"


def _storable(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode()
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, list | tuple):
        return all(_storable(item) for item in value)
    if isinstance(value, dict):
        return all(_storable(key) and _storable(item) for key, item in value.items())
    return True


def api_names(schema: type[Schema]) -> dict[str, str]:
    """The API's name for each of a schema's fields that it spells differently from the form
    (``owner`` is sent as ``owner_id``): ``names`` for ``validate_with_form``."""
    return {
        name: field.alias
        for name, field in schema.model_fields.items()
        if field.alias and field.alias != name
    }


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
    names = {NON_FIELD_ERRORS: BODY, **(names or {})}
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
    """How every endpoint of ``api`` reads a query string and answers what goes wrong."""
    api.add_decorator(_empty_query_values_left_out, mode="view")
    api.add_decorator(_unknown_query_parameters_refused, mode="operation")

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request, {"detail": str(exc) or "Permission denied."}, status=403
        )

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):  # a model's full_clean: by field
            return api.create_response(
                request, {"detail": invalid_fields(exc.message_dict).errors}, status=422
            )
        return api.create_response(request, {"detail": " ".join(exc.messages)}, status=422)

    @api.exception_handler(ValidationError)
    def schema_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": [_plain(error) for error in exc.errors]}, status=422
        )

    @api.exception_handler(SuspiciousOperation)
    @api.exception_handler(BadRequest)
    def bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
        # as Django answers them for a page (too many fields sent, say): the client's fault
        return api.create_response(request, {"detail": "Bad request."}, status=400)

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # as Django's own handler does for a page: signal it, log it with the traceback
        got_request_exception.send(sender=None, request=request)
        response = api.create_response(
            request, {"detail": "Something went wrong on our side; it has been logged."}, status=500
        )
        log_response(
            "%s: %s",
            "Internal Server Error",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
        return response


def _plain(error: Mapping[str, Any]) -> dict[str, Any]:
    """A 422's entry as the API documents it: where (without the body's parameter name, so
    ``["body", "owner_id"]``), what and its kind; pydantic's extras left out."""
    loc = list(error["loc"])
    if loc[:2] == ["body", BODY] and len(loc) > 2:
        del loc[1]
    message = error["msg"]
    if error.get("type") == "extra_forbidden":
        message = "Unknown field: this request has no such field."
    return {"loc": loc, "msg": message, "type": error.get("type", "value_error")}


def _empty_query_values_left_out(run: Callable[..., Any]) -> Callable[..., Any]:
    """``?kind=&score_type=`` reads as no filter at all, on every endpoint alike (a value of
    spaces only too)."""

    @wraps(run)
    def reading(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        query = request.GET
        if any(not value.strip() for _, values in query.lists() for value in values):
            given = QueryDict(mutable=True)
            for name, values in query.lists():
                if kept := [value for value in values if value.strip()]:
                    given.setlist(name, kept)
            given._mutable = False
            request.GET = given  # type: ignore[assignment]
        return run(request, *args, **kwargs)

    return reading


def _unknown_query_parameters_refused(view: Callable[..., Any]) -> Callable[..., Any]:
    """A query parameter the endpoint does not declare is a 422 naming it, once the request is
    authenticated and its declared parameters are valid."""
    operation = getattr(view, "_ninja_operation", None)
    if operation is None:  # pragma: no cover (every operation's view has one)
        return view
    declared = {
        name
        for model in operation.models
        if model.__ninja_param_source__ == "query"
        for name in model.__ninja_flatten_map__
    }

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = [name for name in request.GET if name not in declared]
        if unknown:
            takes = ", ".join(sorted(declared)) or "none"
            raise ValidationError(
                [
                    {
                        "loc": ["query", name],
                        "msg": f"Unknown query parameter: this endpoint takes {takes}.",
                        "type": "value_error",
                    }
                    for name in unknown
                ]
            )
        return view(request, *args, **kwargs)

    return checked


@csrf_exempt
@login_not_required
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any address under /api/ that no endpoint has: a JSON 404, never the site's page."""
    detail = "There is no such endpoint; see /api/docs."
    without_slash = request.path.rstrip("/")
    if without_slash != request.path:
        try:
            endpoint = resolve(without_slash).func
        except Resolver404:
            endpoint = not_found
        if endpoint is not not_found:
            detail = f"There is no such endpoint: the API's addresses end without a slash ({without_slash})."
    return JsonResponse({"detail": detail}, status=404)
