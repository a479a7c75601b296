"""The taxonomy editor, theme discovery's proposals, the sentiment learnt from scores and the
re-analysis progress. Everyone in the organisation reads the taxonomy; admins and CX leads change
it and the reading (the services check again)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from centric.core.permissions import require_org_wide, sees_whole_organisation
from centric.insights import services, theme_selectors
from centric.insights.forms import ThemeForm
from centric.insights.text.language import ENGLISH
from centric.people.auth import AuthedRequest
from centric.people.models import User

# characters of seed words the theme list shows of each theme before "+N more"
SEED_WORDS_ROOM = 100


@require_GET
def theme_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    can_edit = sees_whole_organisation(user)
    found_in = theme_selectors.theme_comment_counts(actor=user)
    context = {
        "rows": [
            (theme, *_seed_words_shown(theme.seed_words), found_in.get(theme.name, 0))
            for theme in theme_selectors.theme_list(actor=user)
        ],
        "can_edit": can_edit,
        "proposals": theme_selectors.proposal_list(actor=user).count() if can_edit else 0,
        **_progress(user),
    }
    return render(request, "insights/theme_list.html", context)


def theme_edit(request: AuthedRequest, theme_id: int | None = None) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    theme = theme_selectors.theme_access(actor=user, theme_id=theme_id) if theme_id else None
    form = ThemeForm(request.POST or None, instance=theme, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        saved = services.theme_save(actor=user, values=form.changed_values(), theme=theme)
        messages.success(request, f"Theme “{saved.name}” saved. Past comments are read again.")
        return redirect("insights:theme_list")
    title = f"Edit the theme {theme}" if theme else "New theme"
    return render(
        request, "form.html", {"form": form, "title": title, "back": reverse("insights:theme_list")}
    )


def theme_delete(request: AuthedRequest, theme_id: int) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    theme = theme_selectors.theme_access(actor=user, theme_id=theme_id)
    if request.method == "POST":
        try:
            services.theme_delete(actor=user, theme=theme)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Theme “{theme.name}” deleted.")
        return redirect("insights:theme_list")
    return render(request, "insights/theme_delete.html", {"theme": theme})


@require_GET
def proposal_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    proposals = list(theme_selectors.proposal_list(actor=user))
    for proposal in proposals:  # the terms ticked to join a theme, as accepting would seed it
        proposal.seeds = services.proposal_seed_words(proposal)  # type: ignore[attr-defined]
    context = {
        "proposals": proposals,
        # each names its language once one is not English
        "languages": any(proposal.language != ENGLISH for proposal in proposals),
        "themes": theme_selectors.theme_list(actor=user),
        # just asked to look: the empty list is no answer yet
        "looking": request.GET.get("looking") == "1",
    }
    return render(request, "insights/proposal_list.html", context)


@require_POST
def theme_discover(request: AuthedRequest) -> HttpResponse:
    services.theme_discovery_request(actor=request.user)
    messages.success(
        request, "Looking for new themes in your comments; the proposals appear here shortly."
    )
    return redirect(f"{reverse('insights:proposal_list')}?looking=1")


@require_POST
def proposal_decide(request: AuthedRequest, proposal_id: int) -> HttpResponse:
    user = request.user
    proposal = theme_selectors.proposal_access(actor=user, proposal_id=proposal_id)
    action = request.POST.get("action")
    try:
        if action == "accept":
            services.proposal_accept(actor=user, proposal=proposal)
            messages.success(request, f"“{proposal.name}” is a theme now.")
        elif action == "merge":
            chosen = request.POST.get("theme", "")
            if not chosen:
                raise ValidationError("Choose the theme it joins.")
            theme = theme_selectors.theme_access(actor=user, theme_id=_number(chosen))
            terms = request.POST.getlist("terms")
            services.proposal_merge(actor=user, proposal=proposal, theme=theme, terms=terms)
            messages.success(request, f"“{proposal.name}” joined “{theme.name}”.")
        else:
            services.proposal_reject(actor=user, proposal=proposal)
            messages.success(request, f"“{proposal.name}” will not be proposed again.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("insights:proposal_list")


@require_GET
def reanalysis(request: AuthedRequest) -> HttpResponse:
    """The latest re-analysis; htmx polls the fragment while it runs."""
    user = request.user
    # the page offers the re-reading at its head; the fragment, wherever it is polled, itself
    in_page = not request.htmx  # type: ignore[attr-defined]
    context = {**_progress(user), "can_edit": sees_whole_organisation(user), "in_page": in_page}
    template = "insights/reanalysis.html" if in_page else "insights/_reanalysis.html"
    return render(request, template, context)


@require_POST
def reanalysis_start(request: AuthedRequest) -> HttpResponse:
    services.reanalysis_request(actor=request.user)
    messages.success(request, "Every comment is being read again.")
    return redirect("insights:reanalysis")


@require_GET
def sentiment(request: AuthedRequest) -> HttpResponse:
    """The sentiment learnt from the organisation's scores; htmx polls it while it learns."""
    learning = theme_selectors.sentiment_learning(actor=request.user)
    template = "insights/_sentiment.html" if request.htmx else "insights/sentiment.html"  # type: ignore[attr-defined]
    return render(request, template, {"learning": learning})


@require_POST
def sentiment_learn(request: AuthedRequest) -> HttpResponse:
    try:
        services.calibration_request(actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Learning from your scored comments. Every comment is read again once it is done.",
        )
    return redirect("insights:sentiment")


@require_POST
def sentiment_stop(request: AuthedRequest) -> HttpResponse:
    if services.calibration_stop(actor=request.user):
        messages.success(request, "Comments are read with the built-in sentiment again.")
    return redirect("insights:sentiment")


def _seed_words_shown(words: list[str], room: int = SEED_WORDS_ROOM) -> tuple[list[str], list[str]]:
    """A theme's seed words as the list shows them: whole ones, as many as fit in about
    ``room`` characters (the first whatever its length), and the rest."""
    shown, used = 0, 0
    for word in words:
        used += len(word) + 2 * bool(shown)  # ", " between two
        if shown and used > room:
            break
        shown += 1
    return words[:shown], words[shown:]


def _progress(user: User) -> dict[str, object]:
    job = theme_selectors.reanalysis_latest(actor=user)
    # counting stale readings scans them all, so not every two seconds while a job runs
    stale = 0 if job is not None and job.in_progress else theme_selectors.stale_readings(actor=user)
    return {"job": job, "stale": stale}


def _number(value: str) -> int:
    """A posted id; one that is not a number finds nothing (404) rather than failing."""
    return int(value) if value.isdigit() else 0
