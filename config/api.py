"""The JSON API: interactive docs at /api/docs, the schema at /api/openapi.json."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from centric.cases.api import router as cases_router
from centric.core.api import install_error_handlers
from centric.customers.api import router as customers_router
from centric.feedback.api import router as feedback_router
from centric.feedback.import_api import router as feedback_import_router
from centric.feedback.survey_api import router as survey_router
from centric.insights.api import router as insights_router
from centric.people.api import router as people_router
from centric.people.auth import SessionAuth, TokenAuth


def _signed_in_or_token(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The docs and the schema for a signed-in person, or for a client generator that sends
    its API token (it would otherwise get the sign-in page's HTML for the schema)."""
    signed_in = login_required(view)

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if TokenAuth()(request) is not None:
            return view(request, *args, **kwargs)
        return signed_in(request, *args, **kwargs)

    return checked


api = NinjaAPI(
    title="Centric API",
    version="1",
    description=(
        "Everything the pages do, as JSON. Authenticate with a personal API token "
        "(`Authorization: Bearer cen_…`, created under Settings → API tokens) or the browser session. "
        "Each endpoint applies the same roles and scopes as the pages: objects outside your scope are 404."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs_decorator=_signed_in_or_token,
)
install_error_handlers(api)
api.add_router("/", people_router)
api.add_router("/", customers_router)
api.add_router("/", feedback_router)
api.add_router("/", survey_router)
api.add_router("/", feedback_import_router)
api.add_router("/", insights_router)
api.add_router("/", cases_router)
