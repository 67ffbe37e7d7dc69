"""Fixtures for harvesting tests: a loopback HTTP server (loopback.py)."""

import pytest

from santral.federation.tests.loopback import LoopbackServer


@pytest.fixture
def loopback_server():
    """A running LoopbackServer on 127.0.0.1; fill `routes`, read `requests`."""
    with LoopbackServer() as server:
        yield server
