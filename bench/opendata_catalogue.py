"""Time the DCAT-AP catalogue of a national hub: N councils × ~6 datasets, no database.

The catalogue's database work is a fixed number of aggregate queries (tested in
santral/opendata/tests); what grows with the hub is building and serialising the RDF
graph. This builds the datasets with the real selector helpers from synthetic aggregate
rows and times graph building, JSON-LD and Turtle serialisation and parsing back.

    python bench/opendata_catalogue.py --councils 500
"""

import argparse
import os
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--councils", type=int, default=500)
    args = parser.parse_args()
    import django

    django.setup()
    from django.utils import translation
    from rdflib import Graph
    from rdflib.namespace import DCAT, RDF

    from santral.councils.models import Council, District, Province
    from santral.opendata import selectors as s
    from santral.opendata.catalogue import CatalogueGraph, serialise

    province = Province(pk=1, plate="01", name="Adana")
    datasets, councils = [], []
    moment = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
    with translation.override("tr"):
        for n in range(args.councils):
            district = District(pk=n + 1, province=province, name=f"İlçe {n}")
            council = Council(
                pk=n + 1,
                name=f"Örnek {n} Kent Konseyi",
                slug=f"ornek-{n}",
                province=province,
                district=district,
                email=f"konsey{n}@ornek.test",
                data_licence="CC-BY-4.0",
                updated_at=moment,
            )
            councils.append(council)
            years = [
                {
                    "fiscal_year": y,
                    "first": date(y, 1, 2),
                    "last": date(y, 12, 1),
                    "modified": moment,
                    "rows": 120,
                }
                for y in (2026, 2025)
            ]
            row = {"first": moment, "last": moment, "modified": moment, "rows": 40}
            datasets += s._budget_datasets(council, years[:1], "lines")
            datasets += s._budget_datasets(council, years[1:], "totals")
            datasets.append(s._events_dataset(council, row))
            datasets.append(s._publications_dataset(council, row))
            datasets.append(s._representation_dataset(council, row))
        catalogue = s.Catalogue(councils=councils, datasets=datasets)
        started = time.perf_counter()
        graph = CatalogueGraph(
            absolute=lambda path: "https://santral.example.org" + path,
            title="Santral",
            description="Bench",
            homepage="https://santral.example.org/acik-veri/",
        ).build(catalogue, iri="https://santral.example.org/acik-veri/")
        built = time.perf_counter()
        jsonld = serialise(graph, "jsonld")
        as_jsonld = time.perf_counter()
        turtle = serialise(graph, "ttl")
        as_turtle = time.perf_counter()
    parsed = Graph().parse(data=jsonld, format="json-ld")
    parsed_at = time.perf_counter()
    found = len(set(parsed.subjects(RDF.type, DCAT.Dataset)))
    print(f"{args.councils} councils, {len(datasets)} datasets, {len(graph)} triples")
    print(f"build graph   {built - started:6.2f} s")
    print(f"JSON-LD       {as_jsonld - built:6.2f} s  {len(jsonld.encode()) / 1e6:.1f} MB")
    print(f"Turtle        {as_turtle - as_jsonld:6.2f} s  {len(turtle.encode()) / 1e6:.1f} MB")
    print(f"parse JSON-LD {parsed_at - as_turtle:6.2f} s  {found} datasets found")


if __name__ == "__main__":
    main()
