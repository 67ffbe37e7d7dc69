"""A real SMTP server on loopback (aiosmtpd) for the newsletter tests."""

import email
import email.policy
import re
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: list[str]
    message: email.message.EmailMessage

    @property
    def text(self) -> str:
        return self.message.get_body(preferencelist=("plain",)).get_content()

    def links(self) -> list[str]:
        return re.findall(r"https?://\S+", self.text)


@dataclass
class SmtpHandler:
    received: list[Received] = field(default_factory=list)
    refuse_next: int = 0
    refusal: str = "451 4.3.0 Geçici hata, sonra deneyin"
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse_next > 0:
                self.refuse_next -= 1
                return self.refusal
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.received.append(Received(to=list(envelope.rcpt_tos), message=message))
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [item for item in self.received if address in item.to]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = SmtpHandler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    try:
        yield handler
    finally:
        controller.stop()
