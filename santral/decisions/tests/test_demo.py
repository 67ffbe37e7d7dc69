"""The Adana demo: meetings with attendance and recommendations in several journey states."""

import pytest

from santral.councils.demo import load_councils_demo
from santral.decisions.demo import load_decisions_demo
from santral.decisions.models import Meeting, Recommendation
from santral.decisions.selectors import public_recommendations, recommendation_figures

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_every_state():
    load_councils_demo()
    load_decisions_demo()
    states = set(Recommendation.objects.values_list("state", flat=True))
    assert states == {"adopted", "referred", "decided", "implementing", "closed"}
    assert Meeting.objects.filter(has_quorum=False).exists()
    assert not Meeting.objects.filter(is_demo=False).exists()
    figures = recommendation_figures(public_recommendations())
    assert (figures.total, figures.accepted, figures.implemented) == (7, 2, 1)
    count = Meeting.objects.count()
    load_decisions_demo()
    assert Meeting.objects.count() == count
