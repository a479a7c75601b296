"""A real SMTP server on loopback (aiosmtpd), for tests that send mail through Django's SMTP
backend instead of the in-memory outbox."""

from __future__ import annotations

import socket
from email import message_from_bytes
from email.message import Message
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalSmtpServer:
    """``with LocalSmtpServer() as smtp:`` then point EMAIL_HOST/EMAIL_PORT at ``smtp.port``."""

    def __init__(self) -> None:
        self.inbox = _Inbox()
        self.port = _free_port()
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[Message]:
        return self.inbox.messages

    def __enter__(self) -> LocalSmtpServer:
        self._controller.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._controller.stop()

    def settings(self) -> dict[str, Any]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
        }


def message_part(message: Message, content_type: str) -> str:
    """The text of a received message's part of ``content_type`` (``text/plain``,
    ``text/html``), decoded, with Python's line ends."""
    found = next(item for item in message.walk() if item.get_content_type() == content_type)
    payload = found.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode().replace("\r\n", "\n")
