# The real SMTP server on loopback (aiosmtpd) that the partners' reminder tests use.
from santral.partners.tests.conftest import smtp_server  # noqa: F401
