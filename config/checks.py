"""Checks of a production installation, run by ``manage.py check --deploy``: settings that let
Centric start but would have it mail what no one can use — links to a development address, from
a sender no mail server accepts. The embedded mode is for one machine and is not checked."""

from __future__ import annotations

import ipaddress
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning
from django.http.request import validate_host


@register(Tags.security, deploy=True)
def check_site_url(**kwargs: Any) -> list[CheckMessage]:
    if not settings.PRODUCTION:
        return []
    parts = urlsplit(settings.SITE_URL)
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not host:
        return [
            CheckWarning(
                f"SITE_URL={settings.SITE_URL!r} is not an address such as "
                "https://centric.example.com.",
                hint="Set SITE_URL to the address people reach Centric at.",
                id="centric.W001",
            )
        ]
    if _is_local(host):
        return [
            CheckWarning(
                f"SITE_URL is {settings.SITE_URL}: every link Centric mails (invitations, "
                "password resets, surveys) points at this machine, not at your site.",
                hint="Set SITE_URL to the address people reach Centric at.",
                id="centric.W001",
            )
        ]
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return [
            CheckWarning(
                f"SITE_URL's host {host} is not in ALLOWED_HOSTS: every link Centric mails "
                "would answer 400 Bad Request.",
                hint=f"Add {host} to ALLOWED_HOSTS.",
                id="centric.W002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_sender(**kwargs: Any) -> list[CheckMessage]:
    if not settings.PRODUCTION:
        return []
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    domain = address.rpartition("@")[2].strip("[]").lower()
    if "@" in address and "." in domain and not _is_local(domain) and not _is_ip(domain):
        return []
    return [
        CheckWarning(
            f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}: mail servers refuse or "
            "bin mail from an address with no domain of yours.",
            hint="Set DEFAULT_FROM_EMAIL to an address your mail server may send from, e.g. "
            "Centric <centric@example.com>.",
            id="centric.W003",
        )
    ]


def _is_local(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
