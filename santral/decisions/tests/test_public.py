"""The public accountability page, CSV and API: figures against a hand-computed fixture,
filters, constant queries, nothing closed or personal."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from santral.content.models import Topic
from santral.decisions.factories import adopted_recommendation, make_body
from santral.decisions.selectors import public_recommendations, recommendation_figures
from santral.decisions.services import (
    recommendation_add_implementation,
    recommendation_put_on_agenda,
    recommendation_record_outcome,
    recommendation_refer,
)

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)
UNIT = "Ulaşım Dairesi Başkanlığı"


@pytest.fixture
def scene(cast):
    """Council A, public: R1 accepted and implemented, R2 rejected, R3 only referred, R4 not
    yet referred; R5 comes from a closed meeting. Council B: R6, referred."""
    a = cast.editor_a
    women = make_body(cast.council_a, name="Kadın Meclisi", members=3, kind="assembly")
    group = make_body(cast.council_a, name="Ulaşım Çalışma Grubu", members=3)
    topic = Topic.objects.create(name="Ulaşım")
    r1 = adopted_recommendation(a, women, day=DAY, title="Kadın durakları", unit=UNIT, topic=topic)
    r2 = adopted_recommendation(a, group, day=DAY, title="Gece otobüsü", unit=UNIT)
    r3 = adopted_recommendation(a, group, day=DAY, title="Bisiklet yolu", unit="Fen İşleri")
    adopted_recommendation(a, group, day=date(2025, 11, 4), title="Eski öneri", unit="Fen İşleri")
    r5 = adopted_recommendation(
        a, group, day=DAY, title="Gizli oturum önerisi", unit=UNIT, is_public=False
    )
    for r in (r1, r2, r3, r5):
        recommendation_refer(actor=a, recommendation=r, on=date(2026, 3, 12))
    # R1: agenda after 27 days, accepted, implemented after 83 days
    recommendation_put_on_agenda(actor=a, recommendation=r1, on=date(2026, 4, 6), agenda_number="3")
    recommendation_record_outcome(
        actor=a, recommendation=r1, outcome="accepted", on=date(2026, 4, 6)
    )
    recommendation_add_implementation(
        actor=a, recommendation=r1, status="done", on=date(2026, 6, 1), note="Duraklar yapıldı."
    )
    # R2: agenda after 34 days, rejected
    recommendation_put_on_agenda(actor=a, recommendation=r2, on=date(2026, 4, 13))
    recommendation_record_outcome(
        actor=a, recommendation=r2, outcome="rejected", on=date(2026, 4, 13)
    )
    # R5 (closed meeting) would change every figure if it leaked
    recommendation_put_on_agenda(actor=a, recommendation=r5, on=date(2026, 3, 13))
    body_b = make_body(cast.council_b, name="Çevre Grubu", members=3)
    r6 = adopted_recommendation(cast.editor_b, body_b, day=DAY, title="Ağaçlandırma", unit="Park")
    recommendation_refer(actor=cast.editor_b, recommendation=r6, on=date(2026, 3, 20))
    return {"r1": r1, "r2": r2, "r3": r3, "r5": r5, "r6": r6, "women": women}


def test_figures_agree_with_the_hand_computed_fixture(cast, scene):
    f = recommendation_figures(public_recommendations(council=cast.council_a))
    # 4 public: R1, R2, R3, old one. Referred: R1-R3. On agenda: R1, R2 → 2/4 = 50.0 %.
    # Decided: R1, R2; accepted R1 → 50.0 %. Days to agenda 27, 34 → median 30.5.
    assert (f.total, f.referred, f.on_agenda, f.with_outcome, f.accepted) == (4, 3, 2, 2, 1)
    assert f.share_on_agenda == Decimal("50.0") and f.share_accepted == Decimal("50.0")
    assert f.median_days_to_agenda == Decimal("30.5")
    assert f.median_days_to_implementation == Decimal("83")
    assert (f.implemented, f.pending_implementation) == (1, 0)
    hub = recommendation_figures(public_recommendations())
    assert (hub.total, hub.referred, hub.on_agenda) == (5, 4, 2)
    assert hub.share_on_agenda == Decimal("40.0")


def test_council_page_shows_the_journey_and_nothing_closed_or_personal(client, cast, scene):
    response = client.get("/seyhan/kararlar/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("Kadın durakları", "Gece otobüsü", "Bisiklet yolu", "Eski öneri"):
        assert title in html
    assert "Gizli oturum önerisi" not in html
    assert "Ağaçlandırma" not in html  # another council's
    assert "Üye 1" not in html  # members' names never appear
    assert "%50,0" in html or "%50.0" in html
    detail = client.get(f"/seyhan/kararlar/{scene['r1'].pk}/")
    assert detail.status_code == 200
    assert "SEYHAN-MT-2026-1" in detail.content.decode()
    assert "Duraklar yapıldı." in detail.content.decode()
    assert client.get(f"/seyhan/kararlar/{scene['r5'].pk}/").status_code == 404
    assert client.get(f"/seyhan/kararlar/{scene['r6'].pk}/").status_code == 404
    assert client.get(f"/cukurova/kararlar/{scene['r6'].pk}/").status_code == 200


def test_filters(client, cast, scene):
    def titles(query):
        html = client.get("/seyhan/kararlar/?" + query).content.decode()
        return {
            t
            for t in ("Kadın durakları", "Gece otobüsü", "Bisiklet yolu", "Eski öneri")
            if t in html
        }

    assert titles("kurul=kadin-meclisi") == {"Kadın durakları"}
    assert titles("konu=ulasim") == {"Kadın durakları"}
    assert titles("yil=2025") == {"Eski öneri"}
    assert titles("birim=Fen+İşleri") == {"Bisiklet yolu", "Eski öneri"}
    assert titles("sonuc=rejected") == {"Gece otobüsü"}
    assert titles("sonuc=bekliyor") == {"Bisiklet yolu", "Eski öneri"}
    assert titles("yil=abc") == set()


def test_list_runs_in_a_constant_number_of_queries(client, cast, scene):
    client.get("/seyhan/kararlar/")  # warm caches (site, translations)
    with CaptureQueriesContext(connection) as few:
        client.get("/seyhan/kararlar/")
    adopted_recommendation(cast.editor_a, scene["women"], day=DAY, title="Ek 1", unit=UNIT)
    adopted_recommendation(cast.editor_a, scene["women"], day=DAY, title="Ek 2", unit=UNIT)
    with CaptureQueriesContext(connection) as more:
        client.get("/seyhan/kararlar/")
    assert len(more) == len(few)


def test_csv_export_follows_the_filters(client, cast, scene):
    response = client.get("/seyhan/kararlar/kararlar.csv?birim=Ulaşım+Dairesi+Başkanlığı")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(row["baslik"] for row in rows) == ["Gece otobüsü", "Kadın durakları"]
    accepted = next(row for row in rows if row["baslik"] == "Kadın durakları")
    assert (accepted["meclis_karari"], accepted["uygulandigi_tarih"]) == ("accepted", "2026-06-01")
    hub = client.get("/kararlar/kararlar.csv").content.decode()
    assert "Ağaçlandırma" in hub and "Gizli oturum" not in hub


def test_the_journey_page_answers_in_english_and_arabic(client, scene):
    for prefix in ("/en", "/ar"):
        response = client.get(f"{prefix}/seyhan/kararlar/{scene['r1'].pk}/")
        assert response.status_code == 200
        assert "SEYHAN-MT-2026-1" in response.content.decode()


def test_council_home_shows_the_latest_public_recommendations(client, scene):
    html = client.get("/seyhan/").content.decode()
    assert "Tavsiye kararları ve belediye meclisi" in html
    assert "Kadın durakları" in html and "Gizli oturum önerisi" not in html


def test_hub_page_lists_every_council(client, scene):
    html = client.get("/kararlar/").content.decode()
    assert "Ağaçlandırma" in html and "Kadın durakları" in html
    assert "Gizli oturum önerisi" not in html


def test_api_lists_public_recommendations_with_history(client, cast, scene):
    data = client.get("/api/v1/councils/seyhan/recommendations/").json()
    titles = {item["title"] for item in data["results"]}
    assert titles == {"Kadın durakları", "Gece otobüsü", "Bisiklet yolu", "Eski öneri"}
    r1 = next(item for item in data["results"] if item["title"] == "Kadın durakları")
    assert [e["kind"] for e in r1["entries"]] == [
        "referred",
        "on_agenda",
        "outcome",
        "implementation",
    ]
    assert "recorded_by" not in r1["entries"][0]
    everything = client.get("/api/v1/recommendations/?sonuc=bekliyor").json()
    assert {i["title"] for i in everything["results"]} == {
        "Bisiklet yolu",
        "Eski öneri",
        "Ağaçlandırma",
    }
    assert client.get("/api/v1/recommendations/?bilinmeyen=1").status_code == 400
    assert client.get("/api/v1/recommendations/?yil=1811620").status_code == 400
    assert client.get("/api/v1/recommendations/?sonuc=x").status_code == 400
    assert client.get("/seyhan/kararlar/?yil=1811620").status_code == 200
