"""The DCAT-AP catalogue: parses as JSON-LD and Turtle, lists exactly the public datasets,
carries each council's licence, every distribution answers, constant query count."""

import io
import zipfile
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns

from santral.budget.tests.conftest import EXPECTED

from .conftest import BASE, add_council_with_data, dataset_iri

pytestmark = pytest.mark.django_db

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
CC0 = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
FDP = URIRef("https://specs.frictionlessdata.io/fiscal-data-package/")
IANA = "https://www.iana.org/assignments/media-types/"


def _graph(client, path: str, fmt: str) -> Graph:
    response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    expected_type = "application/ld+json" if fmt == "json-ld" else "text/turtle"
    assert response["Content-Type"].startswith(expected_type)
    return Graph().parse(data=response.content.decode("utf-8"), format=fmt)


def _datasets(graph: Graph) -> set[str]:
    return {str(node) for node in graph.subjects(ns.RDF.type, ns.DCAT.Dataset)}


def test_catalogue_lists_every_public_dataset_in_json_ld_and_turtle(client, open_data):
    jsonld = _graph(client, "/katalog.jsonld", "json-ld")
    turtle = _graph(client, "/katalog.ttl", "turtle")
    assert _datasets(jsonld) == open_data.expected
    assert _datasets(turtle) == open_data.expected
    assert len(jsonld) == len(turtle)  # the same triples, two serialisations
    assert "kapali" not in client.get("/katalog.ttl").content.decode()  # inactive: absent
    # The same IRIs under /en/ and /ar/: the catalogue is built in Turkish.
    assert _datasets(_graph(client, "/en/katalog.jsonld", "json-ld")) == open_data.expected

    catalog = next(jsonld.subjects(ns.RDF.type, ns.DCAT.Catalog))
    assert {str(d) for d in jsonld.objects(catalog, ns.DCAT.dataset)} == open_data.expected
    assert jsonld.value(catalog, ns.DCTERMS.modified) is not None


def test_dataset_metadata_licence_period_publisher_and_distributions(client, open_data):
    g = _graph(client, "/katalog.jsonld", "json-ld")
    events = URIRef(dataset_iri("seyhan", "etkinlikler"))
    title = g.value(events, ns.DCTERMS.title)
    assert title.language == "tr" and "Seyhan Kent Konseyi" in title
    assert g.value(events, ns.DCTERMS.identifier) == Literal("seyhan/etkinlikler")
    assert g.value(events, ns.DCTERMS.license) == CC_BY
    assert g.value(URIRef(dataset_iri("cukurova", "etkinlikler")), ns.DCTERMS.license) == CC0
    period = g.value(events, ns.DCTERMS.temporal)
    # First start and last end of the public events only (the internal one is later).
    first, last = open_data.events_a[0], open_data.events_a[1]
    assert g.value(period, ns.DCAT.startDate).toPython() == first.start_at
    assert g.value(period, ns.DCAT.endDate).toPython() == last.end_at
    assert g.value(events, ns.DCTERMS.modified) is not None
    publisher = g.value(events, ns.DCTERMS.publisher)
    assert (publisher, ns.RDF.type, ns.FOAF.Agent) in g
    assert str(g.value(publisher, ns.FOAF.name)) == "Seyhan Kent Konseyi"
    contact = g.value(events, ns.DCAT.contactPoint)
    assert str(g.value(contact, VCARD.fn)) == "Seyhan Kent Konseyi"
    place = g.value(events, ns.DCTERMS.spatial)
    assert str(g.value(place, ns.SKOS.prefLabel)) == "Seyhan, Adana"
    assert g.value(events, ns.DCTERMS.language) == URIRef(
        "http://publications.europa.eu/resource/authority/language/TUR"
    )
    assert Literal("etkinlik", lang="tr") in set(g.objects(events, ns.DCAT.keyword))

    budget = URIRef(dataset_iri("seyhan", "butce-raporu-2026"))
    period = g.value(budget, ns.DCTERMS.temporal)
    assert str(g.value(period, ns.DCAT.startDate)) == "2026-01-01"
    assert str(g.value(period, ns.DCAT.endDate)) == "2026-12-31"

    media = set()
    for distribution in g.objects(
        URIRef(dataset_iri("seyhan", "butce-defteri-2026")), ns.DCAT.distribution
    ):
        assert g.value(distribution, ns.DCTERMS.license) == CC_BY  # where ckanext-dcat reads it
        assert g.value(distribution, ns.DCAT.accessURL) == g.value(
            distribution, ns.DCAT.downloadURL
        )
        media.add(str(g.value(distribution, ns.DCAT.mediaType)))
    assert media == {
        IANA + "text/csv",
        IANA + "application/json",
        IANA + "application/zip",
        IANA + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_every_distribution_answers_with_its_media_type(client, open_data):
    g = _graph(client, "/katalog.ttl", "turtle")
    urls = {
        (str(g.value(d, ns.DCAT.downloadURL)), str(g.value(d, ns.DCAT.mediaType)))
        for d in g.subjects(ns.RDF.type, ns.DCAT.Distribution)
    }
    # Seyhan: report 4, ledger 4, events 3, publications 2, representation 2; B: 4 + 3.
    assert len(urls) == 4 + 4 + 3 + 2 + 2 + 4 + 3
    for url, media in urls:
        assert url.startswith(BASE)
        response = client.get(url[len(BASE) :])
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(media.removeprefix(IANA)), url
    events_csv = client.get("/seyhan/etkinlikler.csv").content.decode()
    assert "Kadın meclisi toplantısı" in events_csv
    assert "Yürütme kurulu" not in events_csv and "Taslak etkinlik" not in events_csv
    assert "\"'=HYPERLINK" in events_csv  # formula neutralised
    rows = client.get("/seyhan/yayinlar.json").json()["rows"]
    assert [r["title"] for r in rows] == ["Kent konseyi faaliyet raporu 2025"]


def test_fiscal_data_package_of_the_catalogue_validates(client, open_data, tmp_path):
    from frictionless import Package, validate

    g = _graph(client, "/katalog.jsonld", "json-ld")
    packages = [d for d in g.subjects(ns.DCTERMS.conformsTo, FDP)]
    assert len(packages) == 1  # council A's 2026 ledger; B publishes totals only
    url = str(g.value(packages[0], ns.DCAT.downloadURL))
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = Package(str(tmp_path / "datapackage.json")).get_resource("ledger").read_rows()
    assert sum(r["amount"] for r in rows if r["kind"] == "payment") == EXPECTED["paid"]
    ledger = client.get("/seyhan/butce/2026/defter.json").json()
    paid = sum(Decimal(r["amount"]) for r in ledger["rows"] if r["kind"] == "payment")
    assert paid == EXPECTED["paid"]
    # Totals-only transparency: the entries are not public.
    assert client.get("/cukurova/butce/2026/defter.csv").status_code == 404


def test_catalogue_queries_do_not_grow_with_councils_and_a_get_writes_nothing(client, open_data):
    def measure() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/katalog.jsonld").status_code == 200
        return len(queries), [q["sql"] for q in queries]

    client.get("/katalog.jsonld")  # warm Wagtail's site cache
    one, _sql = measure()
    add_council_with_data(open_data.cast.platform_admin, "Sarıçam Kent Konseyi", "saricam")
    add_council_with_data(open_data.cast.platform_admin, "Yüreğir Kent Konseyi", "yuregir")
    three, sql = measure()
    assert _datasets(_graph(client, "/katalog.jsonld", "json-ld")) >= {
        dataset_iri("saricam", "butce-defteri-2026"),
        dataset_iri("yuregir", "yayinlar"),
    }
    assert three == one, "\n".join(sql)
    assert not [s for s in sql if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_catalogue_answers_304_when_nothing_changed(client, open_data):
    first = client.get("/katalog.ttl")
    since = first["Last-Modified"]
    assert client.get("/katalog.ttl", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    council_catalogue = _graph(client, "/cukurova/katalog.jsonld", "json-ld")
    assert _datasets(council_catalogue) == {
        dataset_iri("cukurova", "butce-raporu-2026"),
        dataset_iri("cukurova", "etkinlikler"),
    }
    assert client.get("/katalog.xml").status_code == 404
    assert client.get("/kapali/katalog.jsonld").status_code == 404
