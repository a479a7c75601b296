from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from centric.core.api import not_found as api_not_found
from centric.core.views import audit_log, organisation_settings
from centric.dashboard.views import home
from centric.people.auth import InvitingPasswordResetForm, ThrottledAuthenticationForm
from centric.people.services import password_reset_expiry
from config.api import api


def _api_urls() -> list:  # type: ignore[type-arg]
    """The API authenticates each request itself (token or session) and answers 401 in JSON, so
    the pages' login redirect must not apply to it. Its root address, which django-ninja keeps
    only to know where the API is, answers as every address without an endpoint does."""
    patterns, _, _ = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False  # type: ignore[union-attr]
        if pattern.name == "api-root":  # type: ignore[union-attr]
            pattern.callback = api_not_found
    return patterns


urlpatterns = [
    # first: the respondents' pages take most requests, and each pattern tried before the
    # matching one costs every request (about 0.2 ms when these came last)
    path("", include("centric.feedback.urls")),
    path("", home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=ThrottledAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(
            form_class=InvitingPasswordResetForm,
            # plain text, which djhtml leaves unindented (Django's default name ends in .html)
            email_template_name="registration/password_reset_email.txt",
            # its link to SITE_URL, as an invitation's, not to whatever host the request named;
            # until when it works, said as the mail is made (the template calls the function)
            extra_email_context={"site_url": settings.SITE_URL, "expires": password_reset_expiry},
        ),
        name="password_reset",
    ),
    path("", include("django.contrib.auth.urls")),
    path("audit/", audit_log, name="audit_log"),
    path("settings/organisation/", organisation_settings, name="organisation_settings"),
    path("", include("centric.people.urls")),
    path("", include("centric.customers.urls")),
    path("", include("centric.insights.urls")),
    path("", include("centric.cases.urls")),
    path("api/", include((_api_urls(), "api"))),
    re_path(r"^api/", api_not_found),  # every other address under /api/: a JSON 404
    path(
        "robots.txt",
        login_not_required(
            TemplateView.as_view(template_name="robots.txt", content_type="text/plain")
        ),
    ),
]
