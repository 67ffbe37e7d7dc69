import pytest

# The hand-computed budget year of council A (santral/budget/tests/conftest.py).
from santral.budget.tests.conftest import fixture_budget  # noqa: F401


@pytest.fixture
def media_root(settings, tmp_path):
    """Generated files go to a folder of this test only."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
