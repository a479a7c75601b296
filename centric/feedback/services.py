"""Writes for surveys, invitations and responses."""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import ngettext

from centric.core import clock
from centric.core.audit import audited_create, audited_update
from centric.core.mail import one_line
from centric.core.periods import in_working_hours
from centric.core.permissions import require_org_wide
from centric.core.validators import validate_one_line
from centric.customers.models import Contact, Customer
from centric.customers.services import customer_ensure_for_team
from centric.feedback import answers as answer_rules
from centric.feedback import selectors, wording
from centric.feedback.catalog import LANGUAGES, TEMPLATES, THANK_YOU
from centric.feedback.models import (
    DEFAULT_STAGES,
    Answer,
    GivenAnswers,
    Invitation,
    JourneyStage,
    OptOut,
    Question,
    Response,
    Survey,
    Touchpoint,
)
from centric.feedback.signals import (
    feedback_received_send,
    response_changed_send,
    survey_closed_told_send,
)
from centric.people.models import Team, User

logger = logging.getLogger(__name__)


def journey_stages_ensure(*, organisation_id: int) -> list[JourneyStage]:
    """The organisation's journey, starting from the seed's seven stages the first time."""
    if not JourneyStage.objects.filter(organisation_id=organisation_id).exists():
        JourneyStage.objects.bulk_create(
            JourneyStage(organisation_id=organisation_id, name=name, position=index)
            for index, name in enumerate(DEFAULT_STAGES)
        )
    return list(JourneyStage.objects.filter(organisation_id=organisation_id))


def journey_stage_save(
    *, actor: User, values: Mapping[str, Any], stage: JourneyStage | None = None
) -> JourneyStage:
    require_org_wide(actor)
    if stage is None:
        return audited_create(
            actor=actor, organisation_id=actor.organisation_id, model=JourneyStage, values=values
        )
    return audited_update(actor=actor, instance=stage, values=values)


def touchpoint_save(
    *, actor: User, values: Mapping[str, Any], touchpoint: Touchpoint | None = None
) -> Touchpoint:
    require_org_wide(actor)
    if touchpoint is None:
        return audited_create(
            actor=actor, organisation_id=actor.organisation_id, model=Touchpoint, values=values
        )
    return audited_update(actor=actor, instance=touchpoint, values=values)


@transaction.atomic
def survey_create_from_template(*, actor: User, template: str, values: Mapping[str, Any]) -> Survey:
    """A new draft survey with the template's questions, in the languages it was written in."""
    require_org_wide(actor)
    return survey_from_template(
        actor=actor, organisation_id=actor.organisation_id, template=template, values=values
    )


# what a copy of a survey keeps: how it asks, not whom it asked or what they answered
COPIED = (
    "kind", "template", "stage", "touchpoint", "subject_team", "languages", "default_language",
    "title", "intro", "thank_you", "open_link", "one_answer_per_browser", "fatigue_days",
    "remind_automatically", "send_in_working_hours",
)  # fmt: skip


@transaction.atomic
def survey_copy(*, actor: User, survey: Survey, name: str = "") -> Survey:
    """A new draft with ``survey``'s questions and settings, for asking again (next year's
    relationship survey, say): no invitations, answers or waves, an open link of its own, and
    its questions editable again until it opens. Named ``name``, else "… (copy)"."""
    require_org_wide(actor)
    try:
        validate_one_line(name)
    except ValidationError:
        raise ValidationError(
            {"name": "Keep the copy's name to one line, without control characters."}
        ) from None
    name = (
        name.strip()
        or f"{one_line(survey.name)} (copy)"[: Survey._meta.get_field("name").max_length]
    )
    copy = audited_create(
        actor=actor,
        organisation_id=survey.organisation_id,
        model=Survey,
        values={
            **{field: getattr(survey, field) for field in COPIED},
            "name": name,
            "created_by": actor,
        },
    )
    asked = ("key", "position", "page", "kind", "required", "text", "options", "scale_min",
             "scale_max", "show_if")  # fmt: skip
    Question.objects.bulk_create(
        Question(survey=copy, **{field: getattr(question, field) for field in asked})
        for question in survey.questions.order_by("page", "position")
    )
    return copy


@transaction.atomic
def survey_from_template(
    *, actor: User | None, organisation_id: int, template: str, values: Mapping[str, Any]
) -> Survey:
    """``survey_create_from_template`` for callers that checked permission themselves, or for
    the system (``actor`` None), such as the re-survey that closes a case's loop."""
    spec = TEMPLATES.get(template)
    if spec is None:
        raise ValidationError(f"There is no survey template “{template}”.")
    if spec.internal and not values.get("subject_team"):
        raise ValidationError("An internal-customer survey needs the team whose service is rated.")
    if not spec.internal and values.get("subject_team"):
        raise ValidationError("Only an internal-customer survey rates a team.")
    survey = audited_create(
        actor=actor,
        organisation_id=organisation_id,
        model=Survey,
        values={
            "kind": spec.kind,
            "template": spec.slug,
            "languages": list(LANGUAGES),
            "intro": spec.intro,
            "thank_you": THANK_YOU,
            "created_by": actor,
            **values,
        },
    )
    Question.objects.bulk_create(
        Question(
            survey=survey,
            key=question.key,
            position=position,
            page=question.page,
            kind=question.kind,
            required=question.required,
            text=question.text,
            options=question.options,
            scale_min=question.scale[0] if question.scale else None,
            scale_max=question.scale[1] if question.scale else None,
            show_if=question.show_if,
        )
        for position, question in enumerate(spec.questions)
    )
    return survey


def survey_set_status(*, actor: User, survey: Survey, status: str) -> Survey:
    """Open, close or return a survey to draft. Opening it emails the invitations made while it
    was not open, once the change commits."""
    require_org_wide(actor)
    if status not in Survey.Status.values:
        raise ValidationError(f"Unknown status “{status}”.")
    opening = status == Survey.Status.OPEN and survey.status != Survey.Status.OPEN
    if opening and survey.past_last_day:
        raise ValidationError(
            "This survey's last day has passed: choose a later one in its settings, or none, "
            "before opening it."
        )
    survey = audited_update(actor=actor, instance=survey, values={"status": status})
    if opening:
        invitations_queue(survey=survey)
    return survey


def surveys_close_due(*, now: datetime | None = None) -> int:
    """Close the open surveys whose last day has passed (they took no answers since); audited,
    as done by no one. Returns how many were closed. A survey that cannot be closed, or whose
    maker cannot be mailed, is logged and keeps none of the others open."""
    closed = 0
    due = Survey.objects.filter(
        status=Survey.Status.OPEN, closes_at__lte=now or clock.now()
    ).select_related("organisation", "created_by")
    for survey in due:
        try:
            with transaction.atomic():
                audited_update(actor=None, instance=survey, values={"status": Survey.Status.CLOSED})
                _tell_closed(survey)
        except Exception:
            logger.exception("Survey %s could not be closed on its last day", survey.pk)
            continue
        closed += 1
    return closed


def _tell_closed(survey: Survey) -> None:
    """Tell whoever made a survey that it closed on its last day, and how many answered: among
    their notifications and by mail. A mail that does not go is logged: the survey closes all
    the same, and the notification stands."""
    maker = survey.created_by
    if maker is None or not maker.is_active or not maker.email:
        return
    invited = survey.invitations.filter(follow_up=False).count()
    answered = survey.responses.filter(submitted_at__isnull=False).count()
    share = f" ({answered / invited:.0%} of the {invited:,} invited)" if invited else ""
    day = wording.day_in_words(survey.last_day, "en") if survey.last_day else "its last day"
    # one line: it is the mail's subject here, and the notification's mail's too
    message = f"“{one_line(survey.name)}” closed at the end of {day}: {answered:,} answered{share}."
    link = survey.get_absolute_url()
    survey_closed_told_send(user_ids=[maker.pk], message=message, link=link)
    try:
        EmailMessage(
            subject=message[:150],
            body=f"{message}\n\n{settings.SITE_URL}{link}\n",
            to=[maker.email],
        ).send()
    except Exception:
        logger.exception("The maker of survey %s could not be told it closed", survey.pk)


@transaction.atomic
def survey_wave_start(*, actor: User, survey: Survey, early: bool = False) -> Survey:
    """Start the survey's next wave: invitations made from now on go into it, so the same
    accounts can be asked again (next quarter, say) and the waves compared. The fatigue window
    and opt-outs hold as before. Only an open relationship survey before its last day runs in
    waves — a transactional one asks once after each touchpoint — and only once its current
    wave has invitations: an empty wave compares with nothing. The current wave is first given
    its time (``selectors.Wave.has_run``: its reminder, and time to answer it), unless ``early``
    says the caller has confirmed starting sooner: its invitees can still answer, but are no
    longer reminded. The survey is locked, so a second click finds the new wave empty and
    starts no third. Audited."""
    require_org_wide(actor)
    if survey.organisation_id != actor.organisation_id:
        raise PermissionDenied("This survey belongs to another organisation.")
    survey = Survey.objects.select_for_update().select_related("organisation").get(pk=survey.pk)
    if survey.kind != Survey.Kind.RELATIONSHIP:
        raise ValidationError(
            "Only a relationship survey runs in waves: a transactional survey asks once after "
            "each touchpoint, so it invites each address once."
        )
    if survey.status == Survey.Status.DRAFT:
        raise ValidationError(
            f"Open the survey first: wave {survey.current_wave} has not been sent yet."
        )
    if survey.last_day is not None and survey.past_last_day:
        raise ValidationError(
            f"This survey closed on {wording.day_in_words(survey.last_day, 'en')}, its last "
            "day: choose a later one in its settings to start a new wave."
        )
    if survey.status == Survey.Status.CLOSED:
        raise ValidationError("This survey is closed: open it again to start a new wave.")
    wave = selectors.survey_current_wave(survey)
    if not wave.invited:
        raise ValidationError(
            f"Nobody has been invited in wave {wave.number} yet: invite people to it before "
            "starting the next."
        )
    if not early and not wave.has_run(clock.now()):
        raise ValidationError(_wave_still_running(survey, wave))
    return audited_update(actor=actor, instance=survey, values={"current_wave": wave.number + 1})


def _wave_still_running(survey: Survey, wave: selectors.Wave) -> str:
    """Why the next wave does not start yet: when it may, and how many have not answered."""
    following = wave.number + 1
    starts = wave.next_wave_from
    if starts is None:
        when = (
            f"Nobody in wave {wave.number} has been emailed yet: wave {following} can start a "
            "week after they are"
        )
    else:
        local = timezone.localtime(starts, ZoneInfo(survey.organisation.time_zone))
        day = wording.day_in_words(local.date(), "en")
        when = (
            f"Wave {following} can start from {day}, {local:%H:%M}, a week after wave "
            f"{wave.number}'s last invitation was emailed"
        )
    waiting = wave.invited - wave.answered
    have = "has" if waiting == 1 else "have"
    return (
        f"{when}, so that its invitees have had their reminder and time to answer it "
        f"({waiting} of its {wave.invited} {have} not answered yet)."
    )


def survey_update(*, actor: User, survey: Survey, values: Mapping[str, Any]) -> Survey:
    """Change a survey's settings (``SurveySettingsForm``); audited."""
    require_org_wide(actor)
    if survey.organisation_id != actor.organisation_id:
        raise PermissionDenied("This survey belongs to another organisation.")
    return audited_update(actor=actor, instance=survey, values=values)


def survey_send(*, actor: User, survey: Survey, what: str = "invitations") -> int:
    """Email, in the background once the caller's transaction commits, the survey's
    ``invitations`` not sent yet that may go now (not held back by the fatigue window), or its
    one reminder (``reminders``) to those due one. Refused, saying why, while the survey sends
    nothing: a draft, closed, or past its last day (``selectors.survey_not_sending``). Returns
    how many are emailed; with none, nothing is queued."""
    from centric.feedback.tasks import send_invitations, send_reminders

    require_org_wide(actor)
    if survey.organisation_id != actor.organisation_id:
        raise PermissionDenied("This survey belongs to another organisation.")
    if what not in ("invitations", "reminders"):
        raise ValidationError(f"Send “invitations” or “reminders”, not “{what}”.")
    reminders = what == "reminders"
    refused = selectors.survey_not_sending(survey, what="reminder" if reminders else "invitation")
    if refused:
        raise ValidationError(refused)
    if reminders:
        task, count = send_reminders, selectors.invitations_due_reminder(survey.pk).count()
    else:
        task, count = send_invitations, selectors.invitations_ready(survey).count()
    if count:
        survey_id = survey.pk
        transaction.on_commit(lambda: task.delay(survey_id))
    return count


def invitations_queue(*, survey: Survey) -> None:
    """Email the survey's unsent invitations in the background, once the caller's transaction
    commits (the task sends only while the survey is open)."""
    from centric.feedback.tasks import send_invitations

    survey_id = survey.pk
    transaction.on_commit(lambda: send_invitations.delay(survey_id))


@dataclass(frozen=True)
class Skipped:
    """Someone not invited, and why, said of them alone (“was asked …”); ``reason_plural`` says
    it of several where the words differ (“were asked …”)."""

    email: str
    reason: str
    reason_plural: str = ""

    def reason_of(self, count: int) -> str:
        """The reason, said of ``count`` people skipped for it."""
        return ngettext(self.reason, self.reason_plural or self.reason, count)


ALREADY_INVITED = "already invited to this survey"
IN_RATED_TEAM = "is in the team being rated, which cannot rate itself"
IN_RATED_TEAM_PLURAL = "are in the team being rated, which cannot rate itself"


def _already_invited(survey: Survey, emails: set[str]) -> set[str]:
    """The addresses invited in the survey's current wave (earlier waves may be asked again)."""
    return set(
        Invitation.objects.filter(
            survey=survey, wave=survey.current_wave, email__in=emails, follow_up=False
        ).values_list("email", flat=True)
    )


def _already_invited_reason(survey: Survey) -> str:
    if survey.current_wave == 1:
        return ALREADY_INVITED
    return f"already invited in wave {survey.current_wave}"


def _asked_recently(survey: Survey, email: str, earlier_wave: set[str]) -> Skipped:
    """Someone asked within the fatigue window, by another survey or an earlier wave of this
    one (which the person starting a new wave would otherwise not guess)."""
    where = "an earlier wave of this survey" if email in earlier_wave else "another survey"
    within = f"asked in {where} within {survey.fatigue_days} days"
    return Skipped(email, f"was {within}", f"were {within}")


@transaction.atomic
def invitations_create(
    *,
    actor: User,
    survey: Survey,
    contacts: Iterable[Contact] = (),
    people: Iterable[User] = (),
    teams: Sequence[Team] = (),
) -> tuple[list[Invitation], list[Skipped]]:
    """Invite contacts (external) or colleagues (internal customers) into the survey's current
    wave, skipping anyone already invited in it, who opted out, or who was asked within the
    survey's fatigue window; a team rated by the survey does not rate itself.

    A colleague answers for a team, whose internal customer the response is: the active members
    of ``teams`` each for the first of those teams they are in, in the order given (someone in
    two of them is invited once); each of ``people`` for the one team they are in (someone in
    several is refused: invite them through ``teams``, which says which)."""
    require_org_wide(actor)
    contacts = list(contacts)
    if contacts and survey.subject_team_id is not None:
        raise ValidationError(
            "This survey asks a team's internal customers about it: invite teams, not the "
            "contacts of customer accounts."
        )
    candidates: list[tuple[str, Customer, Contact | None, User | None, str]] = []
    skipped: list[Skipped] = []
    for contact in contacts:
        customer = Customer.objects.get(account_id=contact.account_id)
        candidates.append((contact.email.lower(), customer, contact, None, contact.language))
    rated = (
        set(User.objects.filter(teams=survey.subject_team_id).values_list("pk", flat=True))
        if survey.subject_team_id
        else set()
    )
    customers: dict[int, Customer] = {}  # of each team, made once
    for person, team in [*_members_of(teams), *_in_their_team(survey, people, rated)]:
        if person.pk in rated:
            skipped.append(Skipped(person.email.lower(), IN_RATED_TEAM, IN_RATED_TEAM_PLURAL))
            continue
        if team.pk not in customers:
            customers[team.pk] = customer_ensure_for_team(team=team)
        candidates.append((person.email.lower(), customers[team.pk], None, person, person.language))
    emails = {email for email, *_ in candidates}
    opted_out = set(
        OptOut.objects.filter(organisation_id=survey.organisation_id, email__in=emails).values_list(
            "email", flat=True
        )
    )
    invited = _already_invited(survey, emails)
    since = clock.now() - timedelta(days=survey.fatigue_days)
    recent = selectors.emails_asked_since(
        organisation_id=survey.organisation_id, emails=emails, since=since
    )
    earlier_wave = (
        selectors.emails_asked_since(
            organisation_id=survey.organisation_id, emails=recent, since=since, survey=survey
        )
        if recent and survey.current_wave > 1
        else set()
    )
    already_invited = _already_invited_reason(survey)
    created: list[Invitation] = []
    for email, customer, invited_contact, invited_person, language in candidates:
        if email in invited:
            skipped.append(Skipped(email, already_invited))
        elif email in opted_out:
            skipped.append(Skipped(email, "asked not to receive surveys"))
        elif email in recent:
            skipped.append(_asked_recently(survey, email, earlier_wave))
        else:
            try:
                # a savepoint: an invitation made meanwhile by someone else loses only this one
                with transaction.atomic():
                    invitation = Invitation.objects.create(
                        organisation_id=survey.organisation_id,
                        survey=survey,
                        wave=survey.current_wave,
                        customer=customer,
                        contact=invited_contact,
                        person=invited_person,
                        email=email,
                        language=language
                        if language in survey.languages
                        else survey.default_language,
                    )
            except IntegrityError:
                skipped.append(Skipped(email, already_invited))
            else:
                created.append(invitation)
            invited.add(email)
    return created, skipped


def _members_of(teams: Sequence[Team]) -> list[tuple[User, Team]]:
    """The active members of ``teams``, each once, with the first of those teams they are in."""
    order = {team.pk: index for index, team in enumerate(teams)}
    memberships = Team.members.through.objects.filter(
        team_id__in=order, user__is_active=True
    ).select_related("user")
    firsts: dict[int, tuple[User, Team]] = {}
    for membership in sorted(memberships, key=lambda found: (order[found.team_id], found.pk)):
        firsts.setdefault(membership.user_id, (membership.user, teams[order[membership.team_id]]))
    return list(firsts.values())


def _in_their_team(
    survey: Survey, people: Iterable[User], rated: set[int]
) -> list[tuple[User, Team]]:
    """Each person with the one team they are in; refused, naming them, for someone in none
    (there is no internal customer to ask) or in several (which one they answer for is not
    said). Someone in the team ``rated`` is not invited, so whichever of theirs is given."""
    people = list(people)
    theirs: dict[int, list[Team]] = {person.pk: [] for person in people}
    memberships = Team.members.through.objects.filter(
        user_id__in=theirs, team__organisation_id=survey.organisation_id
    ).select_related("team")
    for membership in memberships.order_by("team__name", "team_id"):
        theirs[membership.user_id].append(membership.team)
    found = []
    for person in people:
        teams = theirs[person.pk]
        if not teams:
            raise ValidationError(
                f"{person} is in no team, so there is no internal customer to ask."
            )
        if len(teams) > 1 and person.pk not in rated:
            raise ValidationError(
                f"{person} is in {get_text_list([str(team) for team in teams], 'and')}: invite "
                "them through the team they answer for."
            )
        found.append((person, teams[0]))
    return found


def _invitation_message(
    survey: Survey,
    *,
    language: str,
    name: tuple[str, str],
    zone: str,
    to: str,
    link: str,
    unsubscribe: str,
    reminder: bool = False,
    test: bool = False,
) -> EmailMultiAlternatives:
    """An invitation to ``survey`` in ``language`` for the invitee whose first and family
    ``name`` are given, in plain text and in HTML; the HTML part asks the survey's opening score
    question in the mail itself. The last day to answer is said on the invitee's clock
    (``zone``). A ``reminder`` opens by saying they have not answered, how long it takes, and
    until when. ``test``: a copy for staff, so marked in its subject, and without the mail
    programs' unsubscribe button (``unsubscribe`` is then no invitee's)."""
    words = wording.mail_words(language)
    questions = selectors.survey_questions(survey)
    until = (
        wording.until(timezone.localtime(survey.closes_at, ZoneInfo(zone)), language, zone)
        if survey.closes_at
        else ""
    )
    # what goes into the subject is one line, whatever was stored
    organisation = one_line(survey.organisation.name)
    team = one_line(survey.subject_team.name) if survey.subject_team else ""
    subject = wording.mail_subject(
        language,
        organisation=organisation,
        title=one_line(survey.own_title_in(language)),
        about=words["about_team"].format(team=team) if team else words["about"],
        reminder=reminder,
    )
    if test:
        subject = f"[Test] {subject}"
    context = {
        "greeting": wording.greeting(language, *name),
        "not_answered": wording.sentences(
            language,
            words["not_answered"].format(
                minutes=wording.minutes(_minutes_to_answer(questions), language)
            ),
            *([words["answer_until"].format(until=until)] if until else []),
        )
        if reminder
        else "",
        "yours": words["yours_until"].format(until=until) if until else words["yours"],
        "survey": survey,
        "link": link,
        "subject": subject,
        "intro": survey.intro.get(language) or survey.intro.get(survey.default_language, ""),
        "unsubscribe": unsubscribe,
        "stop_line": words["stop_line"].format(link=unsubscribe),
        "language": language,
        "words": words,
        "organisation": organisation,
        "team": survey.subject_team,  # an internal-customer survey's, named so surveys differ
        # whoever rates a team is told their answers are not anonymous
        "named_answers": wording.named_answers(language, team) if team else "",
        "opening": answer_rules.opening_links(questions, language, survey.default_language, link),
    }
    headers = (
        {}
        if test
        else {
            # the mail programs' own unsubscribe button, one click (RFC 8058), which large
            # mailbox providers require of bulk mail
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("feedback/email/invitation.txt", context),
        from_email=survey.organisation.customer_mail_from(),
        to=[to],
        reply_to=survey.organisation.customer_mail_reply_to(),
        headers=headers,
    )
    html = render_to_string("feedback/email/invitation.html", context)
    message.attach_alternative(html, "text/html")
    return message


# About how long each kind of question takes to answer, in seconds: a comment takes a while.
SECONDS_TO_ANSWER: dict[str, int] = {Question.Kind.TEXT: 60}
SECONDS_TO_CHOOSE = 15


def _minutes_to_answer(questions: Sequence[Question]) -> int:
    """About how many minutes a survey of ``questions`` takes, at least one: the reminder says
    so to those who have not answered. Of the follow-ups to one answer (a detractor's, a
    promoter's), one is counted: they are asked one or another."""

    def seconds(question: Question) -> int:
        return SECONDS_TO_ANSWER.get(question.kind, SECONDS_TO_CHOOSE)

    asked = sum(seconds(question) for question in questions if not question.show_if)
    follow_ups: dict[str, int] = {}
    for question in questions:
        if question.show_if:
            of = str(question.show_if.get("question", ""))
            follow_ups[of] = max(follow_ups.get(of, 0), seconds(question))
    return max(1, math.ceil((asked + sum(follow_ups.values())) / 60))


def _invitation_mail(invitation: Invitation, *, reminder: bool) -> None:
    recipient = invitation.contact or invitation.person
    _invitation_message(
        invitation.survey,
        language=invitation.language,
        name=(recipient.first_name, recipient.last_name) if recipient else ("", ""),
        zone=recipient.time_zone if recipient else invitation.survey.organisation.time_zone,
        to=invitation.email,
        link=settings.SITE_URL + reverse("feedback:respond", args=[invitation.token]),
        unsubscribe=settings.SITE_URL + reverse("feedback:unsubscribe", args=[invitation.token]),
        reminder=reminder,
    ).send()


def invitation_test_send(*, actor: User, survey: Survey, language: str) -> None:
    """Email ``actor`` the survey's invitation in ``language`` as its invitees get it, its
    links leading to the survey's preview (which stores nothing), so they can see it before
    anyone else does; its last day on the actor's clock. No invitation is made, and the mail
    offers mail programs no unsubscribe button: there is nothing to unsubscribe from."""
    require_org_wide(actor)
    if language not in survey.languages:
        raise ValidationError(f"This survey is not offered in “{language}”.")
    preview = settings.SITE_URL + reverse("feedback:survey_preview", args=[survey.pk])
    _invitation_message(
        survey,
        language=language,
        name=(actor.first_name, actor.last_name),
        zone=actor.time_zone,
        to=actor.email,
        link=f"{preview}?lang={language}",
        unsubscribe=settings.SITE_URL + survey.get_absolute_url(),
        test=True,
    ).send()


def invitations_send(*, survey_id: int) -> int:
    """Email every invitation of an open survey that has not been sent and is not held back by
    the fatigue window."""
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:  # deleted since the task was queued
        return 0
    return _mail_once(selectors.invitations_ready(survey), stamp="sent_at", reminder=False)


def invitations_send_waiting() -> int:
    """Email the invitations still waiting in every open survey: those the fatigue window held
    back, once it has passed, and those a failed send left. Run every hour by the scheduler.
    Returns the number emailed."""
    return sum(
        invitations_send(survey_id=survey_id)
        for survey_id in selectors.surveys_with_unsent_invitations().values_list("pk", flat=True)
    )


def reminders_send(
    *, survey_id: int, after: timedelta = selectors.REMINDER_AFTER, within_hours: bool = False
) -> int:
    """One reminder, to those who were invited at least ``after`` ago and have not answered:
    at once when sent by hand; ``within_hours``, only to those in their working hours now (if
    the survey asks for that), as the scheduled reminder goes, the others in a later hour."""
    due = selectors.invitations_due_reminder(survey_id, after=after)
    return _mail_once(due, stamp="reminded_at", reminder=True, within_hours=within_hours)


def reminders_send_due() -> int:
    """Scheduled: the one reminder of every open survey that sends it by itself, to those due
    one; none of a survey past its last day, which the scheduled task may not have marked
    closed yet. Returns the number emailed."""
    surveys = Survey.objects.filter(status=Survey.Status.OPEN, remind_automatically=True).exclude(
        closes_at__lte=clock.now()
    )
    return sum(
        reminders_send(survey_id=pk, within_hours=True)
        for pk in surveys.values_list("pk", flat=True)
    )


def _in_invitees_working_hours(invitation: Invitation) -> bool:
    """Whether it is now a weekday within the invitee's working hours on their clock: a
    contact's own hours, a colleague's nine to five (an address with neither: any time)."""
    if not invitation.survey.send_in_working_hours:
        return True
    now = clock.now()
    if invitation.contact is not None:
        contact = invitation.contact
        return in_working_hours(
            now, contact.time_zone, contact.working_hours_start, contact.working_hours_end
        )
    if invitation.person is not None:
        return in_working_hours(now, invitation.person.time_zone, time(9), time(17))
    return True


def _mail_once(
    invitations: QuerySet[Invitation], *, stamp: str, reminder: bool, within_hours: bool = True
) -> int:
    """Mail each invitation whose ``stamp`` is still empty, skipping addresses that opted out,
    first invitations to addresses another survey asked within the fatigue window since they
    were made (``selectors.invitations_held_back``: they wait for the window to pass), and,
    ``within_hours``, invitees outside their working hours when the survey asks to respect them
    (they wait for the hourly task to find them in them). A mail that cannot be sent is logged
    and stays unstamped, for a later run; the others go all the same."""
    count = 0
    for invitation_id, organisation_id, email in invitations.values_list(
        "id", "organisation_id", "email"
    ):
        try:
            mailed = _mail_one(
                invitation_id,
                organisation_id,
                email,
                stamp=stamp,
                reminder=reminder,
                within_hours=within_hours,
            )
        except Exception:
            logger.exception("Invitation %s could not be mailed", invitation_id)
            continue
        count += mailed
    return count


def _mail_one(
    invitation_id: int,
    organisation_id: int,
    email: str,
    *,
    stamp: str,
    reminder: bool,
    within_hours: bool,
) -> bool:
    """Mail one invitation for ``_mail_once``, unless it is to be skipped; whether it went. The
    stamp is set in the same transaction as the mail leaves, with every invitation to the
    address locked, so a retried or concurrent task — of this survey or another — never mails
    anyone twice."""
    with transaction.atomic():
        # in the order of their ids, so two tasks locking the same address wait, not deadlock
        list(
            Invitation.objects.select_for_update()
            .filter(organisation_id=organisation_id, email=email)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        invitation = (
            Invitation.objects.select_related(
                "survey__organisation", "survey__subject_team", "contact", "person"
            )
            .filter(pk=invitation_id, **{f"{stamp}__isnull": True})
            .first()
        )
        if (
            invitation is None
            # read again under the lock: a long run may outlast the survey's last day
            or not invitation.survey.takes_answers
            or (within_hours and not _in_invitees_working_hours(invitation))
            or OptOut.objects.filter(
                organisation_id=invitation.organisation_id, email=invitation.email
            ).exists()
            or (not reminder and selectors.invitation_held_back(invitation))
        ):
            return False
        setattr(invitation, stamp, clock.now())
        invitation.save(update_fields=[stamp])
        _invitation_mail(invitation, reminder=reminder)
        return True


def opt_out(*, invitation: Invitation) -> None:
    # two clicks at once: the address is opted out either way
    with contextlib.suppress(IntegrityError):
        OptOut.objects.get_or_create(
            organisation_id=invitation.organisation_id, email=invitation.email
        )


def response_for_invitation(*, invitation: Invitation) -> Response:
    """The invitation's one response: the one an earlier visit started (a second visit edits it),
    or a new one, stored with its first valid page."""
    response = selectors.invitation_response(invitation)
    if response is not None:
        return response
    survey = invitation.survey
    return Response(
        organisation_id=invitation.organisation_id,
        survey=survey,
        invitation=invitation,
        customer_id=invitation.customer_id,
        contact_id=invitation.contact_id,
        person_id=invitation.person_id,
        channel=Response.Channel.EMAIL,
        language=invitation.language,
        stage_id=survey.stage_id,
        touchpoint_id=survey.touchpoint_id,
    )


def response_for_open_link(*, survey: Survey, attempt: str, language: str) -> Response:
    """The response of one attempt at the open link's form: the one a page sent earlier in the
    attempt stored (sending a page again, say by a double click, edits it), or a new anonymous
    response, stored with its first valid page."""
    existing = selectors.open_link_response(survey, attempt)
    if existing is not None:
        return existing
    return Response(
        organisation_id=survey.organisation_id,
        survey=survey,
        attempt=attempt,
        channel=Response.Channel.LINK,
        language=language,
        stage_id=survey.stage_id,
        touchpoint_id=survey.touchpoint_id,
    )


def response_answers(response: Response) -> dict[str, Any]:
    if response._state.adding:  # not stored yet
        return {}
    return {
        answer.question.key: answer.value for answer in response.answers.select_related("question")
    }


# How many of a response's earlier answers are kept: the first sent, and the latest changes.
EARLIER_ANSWERS_KEPT = 50


def response_save_page(
    *,
    response: Response,
    page: int,
    data: Mapping[str, list[str]],
    language: str = "",
    questions: list[Question] | None = None,
) -> tuple[int | None, dict[str, str]]:
    """Validate and keep the answers to one page, given in ``language`` (kept on the response;
    the messages are in it too). Returns the next page (None when the survey is finished, which
    submits the response) and the errors, if any; nothing is kept when there are errors, and the
    page returned is the one to answer again: an earlier page whose required questions are not
    answered is answered before any later one. A new response is stored with its first valid
    page, in the same transaction as its answers. A response already sent keeps what it said
    before the change in its history (``Response.answer_history``), follow-ups no longer shown
    included. ``questions`` saves a query when the caller has them already."""
    survey = _open_survey_of(response)
    language = language or response.language
    questions = questions if questions is not None else selectors.survey_questions(survey)
    given = response_answers(response)
    answered = answer_rules.answer_page(questions, page, given, data, language)
    if answered.errors:
        return answered.following, answered.errors
    following, answers = answered.following, answered.answers
    shown, values, hidden = answered.shown, answered.values, answered.hidden
    sent = _as_sent(response, given)
    response.page = following or page
    response.language = language
    read_before = _what_is_read(response)
    if following is None:
        response.submitted_at = response.submitted_at or clock.now()
        response.responded_at = response.submitted_at
    response_summarise(response=response, questions=questions, answers=answers)
    change = _change_recorded(response, sent, answers)
    is_new = response._state.adding
    # sent, or a response sent before whose score or comment changed though pages follow (the
    # respondent may leave before sending them again)
    announce = following is None or (
        response.submitted_at is not None and _what_is_read(response) != read_before
    )
    try:
        with transaction.atomic():
            response.save()
            if not is_new:
                # replace this page's answers, and drop the hidden follow-ups' answers (a sent
                # response has them in its history)
                Answer.objects.filter(response=response, question__in=[*shown, *hidden]).delete()
            Answer.objects.bulk_create(_answers(response, shown, values))
            if announce:
                feedback_received_send(
                    organisation_id=response.organisation_id, response_ids=[response.pk]
                )
            if change is not None:
                response_changed_send(response, *change)
    except IntegrityError:
        existing = _response_stored_meanwhile(response) if is_new else None
        if existing is None:
            raise
        # the same page sent twice at once (a double click): the other request stored the
        # response first, so this one edits it
        return response_save_page(
            response=existing, page=page, data=data, language=language, questions=questions
        )
    return following, {}


def response_save_page_going_back(
    *,
    response: Response,
    page: int,
    data: Mapping[str, list[str]],
    language: str,
    questions: list[Question],
) -> int:
    """Keep what the respondent gave on ``page`` as they go back to the page before: its valid
    answers, with nothing required (see ``answers.answers_to_keep``); the response is not
    submitted. Returns the page to show: the one before, or ``page`` on the first. Only a stored
    response keeps anything, and only on a page it has reached, so the first page answered
    forward stays the first stored. A response already sent keeps what it said before in its
    history, as ``response_save_page`` does."""
    _open_survey_of(response)
    answers = response_answers(response)
    previous = answer_rules.previous_page(questions, page, answers)
    if previous is None or response._state.adding or page > response.page:
        return previous or page
    sent = _as_sent(response, answers)
    shown = answer_rules.visible_on_page(questions, page, answers)
    values, cleared = answer_rules.answers_to_keep(shown, data)
    replaced = [question for question in shown if question.key in values or question in cleared]
    for question in cleared:
        answers.pop(question.key, None)
    answers.update(values)
    response.language = language or response.language
    read_before = _what_is_read(response)
    response_summarise(response=response, questions=questions, answers=answers)
    change = _change_recorded(response, sent, answers)
    with transaction.atomic():
        response.save()
        Answer.objects.filter(response=response, question__in=replaced).delete()
        Answer.objects.bulk_create(_answers(response, replaced, values))
        if response.submitted_at is not None and _what_is_read(response) != read_before:
            # a response sent before, whose score or comment the respondent changed: read it again
            feedback_received_send(
                organisation_id=response.organisation_id, response_ids=[response.pk]
            )
        if change is not None:
            response_changed_send(response, *change)
    return previous


def _as_sent(response: Response, answers: Mapping[str, Any]) -> GivenAnswers | None:
    """What a sent response says, with its ``answers``, before the respondent changes it; None
    before it is sent, while its answers are still being given (they keep no history)."""
    given_at = response.edited_at or response.submitted_at
    if given_at is None:
        return None
    return GivenAnswers(
        given_at=given_at,
        answers=dict(answers),
        score=response.score,
        score_type=response.score_type,
        comment=response.comment,
    )


def _change_recorded(
    response: Response, sent: GivenAnswers | None, answers: Mapping[str, Any]
) -> tuple[GivenAnswers, GivenAnswers] | None:
    """Add what the response said when ``sent`` to its history, and stamp the change, when its
    ``answers`` (summarised on it, not yet saved) differ. Returns what it said before and says
    after; None when it was not sent, or a page came again as it was."""
    if sent is None or dict(answers) == sent.answers:
        return None
    history = [*(response.earlier_answers or []), sent.as_json()]
    if len(history) > EARLIER_ANSWERS_KEPT:
        # a respondent changing their answers again and again does not grow the row for ever
        history = [history[0], *history[1 - EARLIER_ANSWERS_KEPT :]]
    response.earlier_answers = history
    response.edited_at = clock.now()
    # what it says now, given at the change just stamped
    now = _as_sent(response, answers)
    assert now is not None
    return sent, now


def _what_is_read(response: Response) -> tuple[int | None, str, str]:
    """What Insights and the case rules read of a response: its headline score and comment."""
    return response.score, response.score_type, response.comment


def _open_survey_of(response: Response) -> Survey:
    """The response's survey, which must be open for its answers to change."""
    survey = response.survey
    if survey is None or not survey.takes_answers:
        raise PermissionDenied("This survey is closed.")
    return survey


def _answers(
    response: Response, questions: Iterable[Question], values: Mapping[str, Any]
) -> Iterator[Answer]:
    """The rows of the answers in ``values`` to ``questions`` (those answered)."""
    for question in questions:
        value = values.get(question.key)
        if value is not None:
            yield Answer(
                response=response,
                question=question,
                number=value if isinstance(value, int) else None,
                choices=value if isinstance(value, list) else [],
                text=value if isinstance(value, str) else "",
            )


def _response_stored_meanwhile(response: Response) -> Response | None:
    """The response another request stored for the same invitation or open-link attempt."""
    if response.invitation_id is not None:
        found = Response.objects.filter(invitation_id=response.invitation_id)
    elif response.attempt and response.survey is not None:
        found = Response.objects.filter(survey=response.survey, attempt=response.attempt)
    else:
        return None
    return found.select_related("survey").first()


def response_summarise(
    *, response: Response, questions: list[Question], answers: Mapping[str, Any]
) -> None:
    """Set the headline score (NPS before CSAT before CES before a rating, the first answered of
    that kind) and the comment (the free-text answers, in order), so every kind of feedback is read
    alike."""
    response.score, response.score_type = None, ""
    scored = [(question.kind, answers.get(question.key)) for question in questions]
    for kind in Response.ScoreType.values:  # the order selectors.scores_of relies on
        value = next(
            (value for found, value in scored if found == kind and isinstance(value, int)), None
        )
        if value is not None:
            response.score, response.score_type = value, kind
            break
    response.comment = "\n\n".join(
        answers[question.key]
        for question in questions
        if question.kind == "text" and answers.get(question.key)
    )
