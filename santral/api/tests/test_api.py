import pytest

pytestmark = pytest.mark.django_db


def test_councils_endpoint(client, cast):
    data = client.get("/api/v1/councils/").json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["name"] == "Çukurova Kent Konseyi" or first["name"] == "Seyhan Kent Konseyi"
    assert {"slug", "name", "kind", "province", "district", "url"} <= set(first)
    assert first["url"].startswith("http://testserver/")


def test_schema_documents_the_public_api_only(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/councils/" in text
    assert "/admin/api/" not in text


def test_api_is_read_only_for_the_public(client, cast):
    assert client.post("/api/v1/councils/", {"name": "X"}).status_code in (403, 405)
