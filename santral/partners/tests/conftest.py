import pytest

from santral.partners.factories import ConsentTextFactory, OrganisationFactory
from santral.partners.services import affiliation_set


@pytest.fixture
def consent(db):
    return ConsentTextFactory()


@pytest.fixture
def ulasim(cast):
    """An institution linked to council A (Seyhan)."""
    organisation = OrganisationFactory(
        name="Adana Büyükşehir Belediyesi Ulaşım Dairesi Başkanlığı",
        slug="adana-bb-ulasim",
        kind="municipal_unit",
        owner_council=cast.council_a,
    )
    affiliation_set(actor=cast.editor_a, council=cast.council_a, organisation=organisation)
    return organisation


@pytest.fixture
def dernek(cast):
    """An association linked to both councils."""
    organisation = OrganisationFactory(
        name="İskenderun Işık Derneği", slug="iskenderun-isik-dernegi", owner_council=cast.council_a
    )
    affiliation_set(actor=cast.editor_a, council=cast.council_a, organisation=organisation)
    affiliation_set(actor=cast.editor_b, council=cast.council_b, organisation=organisation)
    return organisation


@pytest.fixture
def event_a(cast):
    """A published event of council A starting in seven days."""
    from santral.events.factories import make_event

    return make_event(cast.council_a, title="Engelsiz Kent Forumu", slug="engelsiz-kent-forumu")


@pytest.fixture
def budget_line_a(cast):
    """A budget line of council A with 50 000 TL appropriated (2026)."""
    from santral.budget.factories import make_line

    return make_line(cast.treasurer_a, cast.council_a, initial="50000.00")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd); Django's SMTP backend points at it."""
    import email
    import email.policy
    import socket
    import threading

    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.received: list[tuple[list[str], email.message.EmailMessage]] = []
            self.lock = threading.Lock()

        async def handle_DATA(self, server, session, envelope):
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            with self.lock:
                self.received.append((sorted(envelope.rcpt_tos), message))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Handler()
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


def give_totp_for(email: str):
    """A user with a TOTP authenticator (needed by treasurers and council admins)."""
    from santral.core.factories import UserFactory, give_totp

    user = UserFactory(email=email)
    give_totp(user)
    return user
