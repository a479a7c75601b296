"""The rules that turn feedback into cases: the list in the order the rules are tried, the editor
with its preview ("this rule would have opened N cases in the last 30 days"), and back-filling a
rule over history. Everyone in the organisation reads the list; admins and CX leads change rules
(the services check again)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from centric.cases import conditions, configuration, routing
from centric.cases.forms import GROUPS, BackfillForm, RuleEditor
from centric.core.permissions import require_org_wide, sees_whole_organisation
from centric.people.auth import AuthedRequest

PREVIEW_DAYS = 30
ADD_ROW = {f"add_{group}": group for group in GROUPS}  # the "Add a condition" buttons


def described(stored: list[Mapping[str, Any]]) -> list[str]:
    """Each condition in words, its values by their labels; one written outside the editor may
    not be readable."""
    words = []
    for condition in stored:
        try:
            canonical = conditions.validate(condition)
            words.append(conditions.describe(canonical, routing.FIELD_CHOICES))
        except (conditions.ConditionError, KeyError):
            words.append(f"Unreadable condition: {condition}")
    return words


@require_GET
def rule_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    rules = [
        {
            "rule": rule,
            "all": described(rule.conditions_all),
            "any": described(rule.conditions_any),
        }
        for rule in configuration.rule_list(actor=user)
    ]
    context = {"rules": rules, "can_edit": sees_whole_organisation(user)}
    return render(request, "cases/rule_list.html", context)


def rule_edit(request: AuthedRequest, rule_id: int | None = None) -> HttpResponse:
    """Create or change a rule. Besides saving, the form's buttons add a condition row and
    preview the rule as written, and choosing a row's field shows the values it takes; none of
    these saves anything."""
    user = request.user
    require_org_wide(user)
    rule = configuration.rule_access(actor=user, rule_id=rule_id) if rule_id else None
    editor = RuleEditor(request.POST or None, organisation_id=user.organisation_id, rule=rule)
    preview, not_saved = None, False
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action in ADD_ROW:
            editor = editor.reopened(add=ADD_ROW[action])
        elif action == "refresh":
            editor = editor.reopened()
        elif action == "preview":
            if editor.conditions_valid():
                preview = routing.rule_preview(rule=editor.unsaved_rule(), days=PREVIEW_DAYS)
                editor = editor.reopened()
            else:
                editor = editor.reopened(keep_condition_errors=True)
        elif editor.is_valid():
            try:
                saved = configuration.rule_save(actor=user, values=editor.values(), rule=rule)
            except ValidationError as error:
                editor.form.add_error(None, error)
                not_saved = True
            else:
                messages.success(request, f"Rule “{saved}” saved.")
                return redirect("cases:rule_list")
        else:
            not_saved = True
    context = {
        "rule": rule,
        "editor": editor,
        "preview": preview,
        "not_saved": not_saved,
        "suggestions": [
            {"name": name, "label": conditions.FIELDS[name].label, "values": values}
            for name, values in configuration.condition_suggestions(
                organisation_id=user.organisation_id
            ).items()
            # the fields whose values are fixed offer them to tick instead
            if values and name not in routing.FIELD_CHOICES
        ],
        "ticked_fields": " ".join(routing.FIELD_CHOICES),
        "backfill_form": BackfillForm() if rule else None,
        "title": f"Edit the rule {rule}" if rule else "New rule",
    }
    return render(request, "cases/rule_edit.html", context)


def rule_delete(request: AuthedRequest, rule_id: int) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    rule = configuration.rule_access(actor=user, rule_id=rule_id)
    if request.method == "POST":
        configuration.rule_delete(actor=user, rule=rule)
        messages.success(request, f"Rule “{rule}” deleted. The cases it opened stay as they are.")
        return redirect("cases:rule_list")
    return render(
        request, "cases/rule_delete.html", {"rule": rule, "case_count": rule.cases.count()}
    )


@require_POST
def rule_change(request: AuthedRequest, rule_id: int) -> HttpResponse:
    """Activate or deactivate a rule, or move it up or down the order."""
    user = request.user
    rule = configuration.rule_access(actor=user, rule_id=rule_id)
    action = request.POST.get("action", "")
    if action in {"activate", "deactivate"}:
        configuration.rule_set_active(actor=user, rule=rule, active=action == "activate")
        state = "runs on new feedback" if rule.active else "is paused"
        messages.success(request, f"Rule “{rule}” {state}.")
    elif action in {"up", "down"}:
        configuration.rule_move(actor=user, rule=rule, up=action == "up")
    return redirect("cases:rule_list")


@require_POST
def rule_backfill(request: AuthedRequest, rule_id: int) -> HttpResponse:
    """Open the rule's cases for past feedback, in the background."""
    user = request.user
    rule = configuration.rule_access(actor=user, rule_id=rule_id)
    form = BackfillForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form["days"].errors))
        return redirect(rule)
    days = form.cleaned_data["days"]
    try:
        configuration.rule_backfill_request(actor=user, rule=rule, days=days)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Opening cases for the last {days} days of feedback that “{rule}” matches. "
            "They appear in the inbox in a moment; feedback that already has a case is left "
            "alone.",
        )
    return redirect(rule)
