"""Writes to the organisation's taxonomy: themes added, changed and deleted by people, and the
themes that discovery proposes. Any change that alters the taxonomy starts a re-analysis once it
commits, so the Insights pages never mix readings of two taxonomies for long."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from centric.core import clock
from centric.core.audit import audited_create, audited_delete, audited_update
from centric.core.permissions import require_org_wide
from centric.insights.models import ThemeDefinition, ThemeProposal
from centric.insights.services.analysis import comments_in
from centric.insights.services.reanalysis import reanalysis_start
from centric.insights.taxonomy import default_theme_values, organisation_taxonomy
from centric.insights.text.language import ENGLISH, READ
from centric.people.models import User

if TYPE_CHECKING:
    from centric.insights.text import ProposedTheme

# Discovery reads the most recent comments of each language the engine reads, each in its own
# words: enough to find what people talk about now (a German "die" is no English topic).
DISCOVERY_SAMPLE = 5000
DISCOVERY_MINIMUM = 20


def themes_ensure(*, organisation_id: int) -> None:
    """The organisation's taxonomy, starting from the default one the first time."""
    if ThemeDefinition.objects.filter(organisation_id=organisation_id).exists():
        return
    values = default_theme_values()
    created = ThemeDefinition.objects.bulk_create(
        ThemeDefinition(
            organisation_id=organisation_id,
            **{name: item for name, item in value.items() if name != "parent"},
        )
        for value in values
    )
    by_name = {theme.name: theme for theme in created}
    children = []
    for value, theme in zip(values, created, strict=True):
        if value["parent"]:
            theme.parent = by_name[str(value["parent"])]
            children.append(theme)
    ThemeDefinition.objects.bulk_update(children, ["parent"])


@transaction.atomic
def theme_save(
    *, actor: User, values: Mapping[str, Any], theme: ThemeDefinition | None = None
) -> ThemeDefinition:
    require_org_wide(actor)
    organisation_id = actor.organisation_id
    before = organisation_taxonomy(organisation_id=organisation_id).version
    if theme is None:
        saved = audited_create(
            actor=actor, organisation_id=organisation_id, model=ThemeDefinition, values=values
        )
        reason = f"Theme “{saved.name}” added"
    else:
        saved = audited_update(actor=actor, instance=theme, values=values)
        reason = f"Theme “{saved.name}” changed"
    if organisation_taxonomy(organisation_id=organisation_id).version != before:
        reanalysis_start(organisation_id=organisation_id, reason=reason, actor=actor)
        _withdraw_covered(organisation_id)
    return saved


def _withdraw_covered(organisation_id: int) -> int:
    """Withdraw the open proposals that the taxonomy now covers (a theme made of another
    proposal, or given its words, finds their comments): discovery would not make them again.
    Returns how many."""
    from centric.insights.text import covering_theme

    proposals = list(
        ThemeProposal.objects.filter(
            organisation_id=organisation_id, status=ThemeProposal.Status.OPEN
        )
    )
    if not proposals:
        return 0
    taxonomy = organisation_taxonomy(organisation_id=organisation_id).taxonomy
    covered = [
        proposal.pk
        for proposal in proposals
        if covering_theme(
            taxonomy,
            proposal.key_terms,
            proposal.examples,
            proposal.language if proposal.language in READ else ENGLISH,
        )
    ]
    ThemeProposal.objects.filter(pk__in=covered).delete()
    return len(covered)


@transaction.atomic
def theme_delete(*, actor: User, theme: ThemeDefinition) -> None:
    require_org_wide(actor)
    children = list(theme.children.values_list("name", flat=True))
    if children:
        raise ValidationError(
            f"“{theme.name}” has sub-themes ({', '.join(children)}): "
            "give them another parent or delete them first."
        )
    name = theme.name
    audited_delete(actor=actor, instance=theme)
    reanalysis_start(
        organisation_id=actor.organisation_id, reason=f"Theme “{name}” deleted", actor=actor
    )


def theme_discovery_request(*, actor: User) -> None:
    """Look for new themes in the organisation's comments, in the background."""
    from centric.insights.tasks import discover_themes

    require_org_wide(actor)
    transaction.on_commit(partial(discover_themes.delay, actor.organisation_id))


def themes_discover(*, organisation_id: int, sample: int = DISCOVERY_SAMPLE) -> int:
    """Replace the open proposals with what discovery finds in the latest ``sample`` comments
    of each language the engine reads, leaving out names that are already themes or were
    decided before. Returns how many were proposed; a language with fewer than
    ``DISCOVERY_MINIMUM`` comments proposes nothing."""
    from centric.insights.text import ThemeDiscovery

    current = organisation_taxonomy(organisation_id=organisation_id)
    found: list[tuple[str, ProposedTheme]] = []
    read = False
    for language in READ:
        comments = list(
            comments_in(organisation_id, language)
            .order_by("-responded_at", "-pk")
            .values_list("comment", flat=True)[:sample]
        )
        if len(comments) < DISCOVERY_MINIMUM:
            continue
        read = True
        discovery = ThemeDiscovery(
            taxonomy=current.taxonomy, n_examples=12, seed=0, language=language
        )
        found += [(language, proposal) for proposal in discovery.fit(comments).proposals_]
    if not read:
        return 0
    known = {name.casefold() for name in current.taxonomy.names} | {
        name.casefold()
        for name in ThemeProposal.objects.filter(organisation_id=organisation_id)
        .exclude(status=ThemeProposal.Status.OPEN)
        .values_list("name", flat=True)
    }
    fresh = []
    for language, proposal in sorted(found, key=lambda pair: -pair[1].size):
        if proposal.name.casefold() not in known:
            known.add(proposal.name.casefold())  # the same name from two languages once
            fresh.append((language, proposal))
    with transaction.atomic():
        ThemeProposal.objects.filter(
            organisation_id=organisation_id, status=ThemeProposal.Status.OPEN
        ).delete()
        ThemeProposal.objects.bulk_create(
            ThemeProposal(
                organisation_id=organisation_id,
                name=proposal.name[:120],
                key_terms=list(proposal.key_terms),
                # the same comment is often given many times, or with a sentence more; three
                # that say different things say more
                examples=[example[:500] for example in proposal.distinct_examples(3)],
                size=proposal.size,
                language=language,
            )
            for language, proposal in fresh
        )
    return len(fresh)


@transaction.atomic
def proposal_accept(*, actor: User, proposal: ThemeProposal) -> ThemeDefinition:
    """The proposal becomes a theme (its key terms the seed words, its comments the examples)."""
    require_org_wide(actor)
    _require_open(proposal)
    if ThemeDefinition.objects.filter(
        organisation_id=actor.organisation_id, name__iexact=proposal.name
    ).exists():
        raise ValidationError(f"There is a theme called “{proposal.name}” already.")
    seeds = proposal_seed_words(proposal)
    others = [term for term in proposal.key_terms if term not in seeds]
    _decide(actor, proposal, ThemeProposal.Status.ACCEPTED)  # first: the theme covers it
    return theme_save(
        actor=actor,
        values={
            "name": proposal.name,
            "description": "Proposed by theme discovery."
            + (
                f" Other terms it found, to add as seed words if they fit: {', '.join(others)}."
                if others
                else ""
            ),
            "seed_words": seeds,
            "examples": list(proposal.examples),
        },
    )


@transaction.atomic
def proposal_merge(
    *, actor: User, proposal: ThemeProposal, theme: ThemeDefinition, terms: Sequence[str]
) -> ThemeDefinition:
    """The proposal joins a theme there is already: the chosen ``terms`` of its key terms
    become seed words of the theme, and its comments examples. This is how a topic found in
    another language's comments ("bilan carbone" beside "carbon footprint") or under another
    name joins the theme it belongs to."""
    require_org_wide(actor)
    _require_open(proposal)
    if theme.organisation_id != actor.organisation_id:
        raise PermissionDenied
    chosen = [term for term in proposal.key_terms if term in set(terms)]
    if not chosen:
        raise ValidationError(f"Choose at least one of its terms to add to “{theme.name}”.")
    known = {word.casefold() for word in theme.seed_words}
    seeds = [term for term in chosen if term.casefold() not in known]
    examples = list(dict.fromkeys([*theme.examples, *proposal.examples]))
    _decide(actor, proposal, ThemeProposal.Status.ACCEPTED)
    return theme_save(
        actor=actor,
        theme=theme,
        values={"seed_words": [*theme.seed_words, *seeds], "examples": examples},
    )


def proposal_seed_words(proposal: ThemeProposal) -> list[str]:
    """The key terms that carry the words of the proposal's name: "carbon data" for
    "sustainability / carbon", but not "data" or "keep", which would find every comment that
    keeps anyone informed of anything. A name is two words ("parking / places") or a phrase
    ("bilan carbone"), whose words count alike."""
    named = set(proposal.name.replace(" / ", " ").split())
    seeds = [term for term in proposal.key_terms if any(word in named for word in term.split())]
    return seeds or list(proposal.key_terms)


@transaction.atomic
def proposal_reject(*, actor: User, proposal: ThemeProposal) -> None:
    require_org_wide(actor)
    _require_open(proposal)
    _decide(actor, proposal, ThemeProposal.Status.REJECTED)


def _require_open(proposal: ThemeProposal) -> None:
    if proposal.status != ThemeProposal.Status.OPEN:
        raise ValidationError(f"“{proposal.name}” was {proposal.get_status_display().lower()}.")


def _decide(actor: User, proposal: ThemeProposal, status: str) -> None:
    audited_update(
        actor=actor,
        instance=proposal,
        values={"status": status, "decided_by": actor, "decided_at": clock.now()},
    )
