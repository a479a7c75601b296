"""The form an admin sets a webhook endpoint up with."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings

from centric.cases.models import WebhookEndpoint
from centric.cases.webhooks import EVENTS
from centric.core.forms import HttpsURLField, OrganisationModelForm

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def plain_http_allowed(url: str) -> bool:
    """Events carry customers' names and feedback, so they travel encrypted. Only a receiver on
    this machine may use plain http, and only outside production (or with DEBUG on)."""
    local = urlsplit(url).hostname in LOOPBACK_HOSTS
    return local and (not settings.PRODUCTION or settings.DEBUG)


class WebhookEndpointForm(OrganisationModelForm):
    url = HttpsURLField(
        label="URL",
        max_length=500,
        help_text="An https:// address that accepts POST requests with a JSON body.",
    )
    events = forms.MultipleChoiceField(
        choices=[(event, event) for event in EVENTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose none to receive every event, including ones added later.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "active"]
        labels = {"active": "Send events to this endpoint"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["active"].initial = True

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if urlsplit(url).scheme != "https" and not plain_http_allowed(url):
            raise forms.ValidationError("Use an https:// address, so events travel encrypted.")
        return url
