"""Case settings: the business calendar the SLA clocks run on, the SLA targets per priority, the
root-cause taxonomy and the closing messages, linked from one page.

Admins and CX leads see them. The calendar and the SLA targets are the organisation's policy, so
only admins change them (like the organisation's own settings); the root-cause taxonomy and the
closing messages are the CX lead's daily tools (like the theme taxonomy), so CX leads change them
too. Members and viewers are refused."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from centric.cases import configuration
from centric.cases.forms import CalendarForm, ClosingTemplateForm, RootCauseForm, SlaForm
from centric.cases.models import ClosingTemplate
from centric.core.permissions import is_admin, require_admin, require_org_wide
from centric.people.auth import AuthedRequest
from centric.people.models import LANGUAGES


def _read_only(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        field.disabled = True


@require_GET
def case_settings(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    context = {
        "calendar": configuration.calendar_get(actor=user),
        "policies": configuration.sla_policies(actor=user).values(),
        "root_causes": configuration.root_cause_list(actor=user).filter(active=True).count(),
        "templates": configuration.closing_templates(actor=user).values(),
        "rules": configuration.rule_list(actor=user).filter(active=True).count(),
        "can_admin": is_admin(user),
    }
    return render(request, "cases/settings_index.html", context)


def calendar_edit(request: AuthedRequest) -> HttpResponse:
    user = request.user
    calendar = configuration.calendar_get(actor=user)
    form = CalendarForm(request.POST or None, calendar=calendar)
    if request.method == "POST":
        require_admin(user)
        if form.is_valid():
            try:
                configuration.calendar_save(actor=user, values=form.values())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Business hours saved. New SLA clocks follow them.")
                return redirect("cases:settings_calendar")
    if not is_admin(user):
        _read_only(form)
    return render(
        request, "cases/settings_calendar.html", {"form": form, "can_edit": is_admin(user)}
    )


def sla_edit(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = SlaForm(request.POST or None, policies=configuration.sla_policies(actor=user))
    if request.method == "POST":
        require_admin(user)
        if form.is_valid():
            try:
                configuration.sla_policies_save(actor=user, targets=form.targets())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "SLA targets saved. New cases get them.")
                return redirect("cases:settings_sla")
    if not is_admin(user):
        _read_only(form)
    return render(request, "cases/settings_sla.html", {"form": form, "can_edit": is_admin(user)})


def root_cause_list(request: AuthedRequest) -> HttpResponse:
    """The taxonomy, with a form to add a category."""
    user = request.user
    causes = configuration.root_cause_list(actor=user)
    form = RootCauseForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            cause = configuration.root_cause_save(actor=user, values=form.changed_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Root cause “{cause}” added.")
            return redirect("cases:settings_root_causes")
    return render(request, "cases/settings_root_causes.html", {"causes": causes, "form": form})


def root_cause_edit(request: AuthedRequest, root_cause_id: int) -> HttpResponse:
    user = request.user
    cause = configuration.root_cause_access(actor=user, root_cause_id=root_cause_id)
    form = RootCauseForm(request.POST or None, instance=cause, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            configuration.root_cause_save(actor=user, values=form.changed_values(), cause=cause)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Root cause “{cause}” saved.")
            return redirect("cases:settings_root_causes")
    context = {
        "form": form,
        "title": f"Edit the root cause {cause}",
        "back": reverse("cases:settings_root_causes"),
    }
    return render(request, "form.html", context)


@require_POST
def root_cause_active(request: AuthedRequest, root_cause_id: int) -> HttpResponse:
    """Retire a root cause (cases keep it, it is no longer offered) or bring it back."""
    user = request.user
    cause = configuration.root_cause_access(actor=user, root_cause_id=root_cause_id)
    active = request.POST.get("active") == "1"
    configuration.root_cause_set_active(actor=user, cause=cause, active=active)
    state = "is offered again" if active else "is retired; cases that have it keep it"
    messages.success(request, f"Root cause “{cause}” {state}.")
    return redirect("cases:settings_root_causes")


@require_GET
def closing_template_list(request: AuthedRequest) -> HttpResponse:
    templates = configuration.closing_templates(actor=request.user)
    languages = [(code, name, templates.get(code)) for code, name in LANGUAGES]
    return render(request, "cases/settings_closing_templates.html", {"languages": languages})


def closing_template_edit(request: AuthedRequest, language: str) -> HttpResponse:
    user = request.user
    names = dict(LANGUAGES)
    if language not in names:
        raise Http404("No such language")
    template = configuration.closing_templates(actor=user).get(language)
    form = ClosingTemplateForm(
        request.POST or None,
        instance=template or ClosingTemplate(language=language),
        organisation_id=user.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            configuration.closing_template_save(
                actor=user, language=language, values=form.changed_values(), template=template
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Closing message in {names[language]} saved.")
            return redirect("cases:settings_closing_templates")
    context = {
        "form": form,
        "title": f"Closing message in {names[language]}",
        "back": reverse("cases:settings_closing_templates"),
    }
    return render(request, "form.html", context)
