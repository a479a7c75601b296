"""Forms for working a case: each one posts one action from the case page or the inbox."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from centric.cases.models import Case, CaseEvent, Priority, RootCause
from centric.cases.selectors import case_owners
from centric.people.models import User


def owners_for(organisation_id: int) -> QuerySet[User]:
    """Who can own a case: active people who may write (viewers only look)."""
    return case_owners(User.objects.filter(organisation_id=organisation_id))


class AssignForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=User.objects.none(), label="New owner")

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners_for(organisation_id)  # type: ignore[attr-defined]


class OpenCaseForm(forms.Form):
    """A case opened by hand for a piece of feedback no rule opened one for."""

    owner = forms.ModelChoiceField(queryset=User.objects.none(), label="Owner")
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why it needs an owner; it starts the case's timeline.",
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners_for(organisation_id)  # type: ignore[attr-defined]


class BulkAssignForm(AssignForm):
    cases = forms.ModelMultipleChoiceField(
        queryset=Case.objects.none(), error_messages={"required": "Tick the cases to hand over."}
    )

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases  # type: ignore[attr-defined]


class _OwnIds(forms.Form):
    """A form whose fields' ids start with its own word (``ids``), so that two forms on one
    page, each with a note, never give the same id and each label names its own box."""

    ids = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.ids}_%s")
        super().__init__(*args, **kwargs)


class StateForm(_OwnIds):
    ids = "state"
    state = forms.ChoiceField(choices=Case.State.choices)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.Form):
    text = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}))


class ContactAttemptForm(_OwnIds):
    ids = "contact"
    channel = forms.ChoiceField(choices=CaseEvent.Channel.choices)
    outcome = forms.ChoiceField(choices=CaseEvent.Outcome.choices)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What you learnt, in the customer's words where you can.",
    )


class CauseForm(forms.Form):
    root_cause = forms.ModelChoiceField(queryset=RootCause.objects.none())
    resolution = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was done about it, in words for the customer: they will read it in the "
        "closing message.",
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["root_cause"].queryset = RootCause.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id, active=True
        )


class CloseLoopForm(forms.Form):
    """The closing message. ``resurvey_refusal`` says why no re-survey may go with it (the
    address asked for no more surveys, say): then the form does not offer it."""

    subject = forms.CharField(max_length=200)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 9}))
    resurvey = forms.BooleanField(
        required=False,
        initial=True,
        label="Invite the customer to rate us again",
        help_text="Adds a link to a short survey where the message says {survey_link} (else at "
        "its end; without it, {survey_link} is left out). A higher score than before counts as "
        "a recovery.",
    )

    def __init__(self, *args: Any, resurvey_refusal: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if resurvey_refusal:
            del self.fields["resurvey"]


class CloseLoopOnChannelForm(forms.Form):
    """The loop closed by a word rather than the closing message: by phone, chat or in a
    meeting. Its fields are prefixed: it shares the case page, and its address, with the
    closing message's form and the contact attempt's."""

    prefix = "by_word"
    channel = forms.ChoiceField(
        label="Closed the loop by",
        choices=[(channel.value, channel.label) for channel in CaseEvent.LOOP_CLOSED_CHANNELS],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="What you told them, and how they took it",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A few lines; they stand on the timeline as the closing of the loop.",
    )
    resurvey = forms.BooleanField(
        required=False,
        label="Then email them the short re-survey",
        help_text="A link to rate us again, in their language. A higher score than before counts "
        "as a recovery.",
    )

    def __init__(self, *args: Any, address: str, reply_to: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if address:
            replies = f" Replies go to {reply_to}." if reply_to else ""
            self.fields["resurvey"].initial = True
            self.fields["resurvey"].help_text = f"To {address}.{replies} " + (
                self.fields["resurvey"].help_text or ""
            )
        else:  # nowhere it may go: no address, or one that asked for no more surveys
            del self.fields["resurvey"]
