"""The catalogue as a DCAT-AP graph, serialised to JSON-LD and Turtle (santral/opendata/rdf.py).

Built for CKAN's DCAT harvester (ckanext-dcat, `dcat_rdf_harvester`) and DCAT-AP 2/3:
- every `dcat:Dataset` has a stable IRI (its page), `dct:identifier` (the harvester's
  GUID), `dct:title`/`dct:description` in Turkish (`@tr`), `dcat:keyword`, `dcat:theme`
  (EU data themes), `dct:language` (EU language IRI), `dct:spatial` (a `dct:Location`
  with the province/district as `skos:prefLabel`), `dct:temporal` (`dct:PeriodOfTime`
  with `dcat:startDate`/`dcat:endDate`), `dct:modified`, `dct:publisher` (`foaf:Agent`
  with `foaf:name`, `foaf:mbox`, `foaf:homepage`), `dcat:contactPoint` (`vcard:Organization`
  with `vcard:fn`, `vcard:hasEmail`), `dcat:landingPage`;
- licence: ckanext-dcat reads `dct:license` from the distributions (matching the IRI,
  then the licence's `dct:title`, against the portal's licence list), DCAT-AP 3 also
  allows it on the dataset: it is on both;
- every `dcat:Distribution` has `dcat:accessURL` and `dcat:downloadURL` (the same
  address), `dcat:mediaType` (IANA IRI), `dct:format` (EU file-type IRI), `dct:title`.

Turkish text comes from gettext with Turkish active (the caller's job), so `@tr` is true.
"""

from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

from .rdf import DCAT, DCTERMS, FOAF, RDF, SKOS, VCARD, XSD, BNode, Graph, Literal, URIRef
from .selectors import Catalogue, Dataset, Distribution

EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"

# SPDX identifier → (licence IRI, official title). ckanext-dcat matches the IRI or title
# against the portal's licence list.
LICENCES = {
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0",
    ),
    "CC0-1.0": (
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Creative Commons CCZero",
    ),
    "CC-BY-SA-4.0": (
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "Creative Commons Attribution Share-Alike 4.0",
    ),
    "ODbL-1.0": (
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "Open Data Commons Open Database License (ODbL)",
    ),
}

CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def licence_iri(spdx: str) -> str:
    return LICENCES.get(spdx, LICENCES["CC-BY-4.0"])[0]


def _moment(value: datetime | date) -> Literal:
    if isinstance(value, datetime):
        value = timezone.localtime(value).replace(microsecond=0)
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


class CatalogueGraph:
    """Turns a Catalogue into a DCAT-AP graph. `absolute` makes a path an absolute URL."""

    def __init__(self, *, absolute, title: str, description: str, homepage: str):
        self.absolute = absolute
        self.graph = Graph()
        for prefix, namespace in CONTEXT.items():
            self.graph.bind(prefix, namespace)
        self.title = title
        self.description = description
        self.homepage = homepage
        self._agents: dict[int, URIRef] = {}

    def build(self, catalogue: Catalogue, *, iri: str) -> Graph:
        g = self.graph
        node = URIRef(iri)
        g.add((node, RDF.type, DCAT.Catalog))
        g.add((node, DCTERMS.title, Literal(self.title, lang="tr")))
        g.add((node, DCTERMS.description, Literal(self.description, lang="tr")))
        g.add((node, FOAF.homepage, URIRef(self.homepage)))
        g.add((node, DCTERMS.language, URIRef(EU_LANGUAGE + "TUR")))
        hub = URIRef(self.homepage)
        g.add((hub, RDF.type, FOAF.Agent))
        g.add((hub, FOAF.name, Literal(self.title, lang="tr")))
        g.add((node, DCTERMS.publisher, hub))
        if catalogue.modified is not None:
            g.add((node, DCTERMS.modified, _moment(catalogue.modified)))
        for dataset in catalogue.datasets:
            g.add((node, DCAT.dataset, self._dataset(dataset)))
        return g

    def _publisher(self, council) -> URIRef:
        """The council as foaf:Agent, once per graph. Its IRI is its open-data page."""
        if council.pk in self._agents:
            return self._agents[council.pk]
        agent = URIRef(self.absolute(reverse("opendata:council", args=[council.slug])))
        g = self.graph
        g.add((agent, RDF.type, FOAF.Agent))
        g.add((agent, RDF.type, FOAF.Organization))
        g.add((agent, FOAF.name, Literal(council.name, lang="tr")))
        if council.email:
            g.add((agent, FOAF.mbox, URIRef(f"mailto:{council.email}")))
        if council.website:
            g.add((agent, FOAF.homepage, URIRef(council.website)))
        self._agents[council.pk] = agent
        return agent

    def _contact(self, council) -> BNode:
        g = self.graph
        contact = BNode()
        g.add((contact, RDF.type, VCARD.Organization))
        g.add((contact, VCARD.fn, Literal(council.name, lang="tr")))
        if council.email:
            g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{council.email}")))
        if council.phone:
            g.add((contact, VCARD.hasTelephone, Literal(council.phone)))
        return contact

    def _dataset(self, dataset: Dataset) -> URIRef:
        g = self.graph
        council = dataset.council
        iri = self.absolute(dataset.url)
        node = URIRef(iri)
        g.add((node, RDF.type, DCAT.Dataset))
        g.add((node, DCTERMS.identifier, Literal(f"{council.slug}/{dataset.key}")))
        g.add((node, DCTERMS.title, Literal(dataset.title, lang="tr")))
        g.add((node, DCTERMS.description, Literal(dataset.description, lang="tr")))
        for word in dataset.keywords:
            g.add((node, DCAT.keyword, Literal(word, lang="tr")))
        for theme in dataset.themes:
            g.add((node, DCAT.theme, URIRef(EU_THEME + theme)))
        g.add((node, DCTERMS.language, URIRef(EU_LANGUAGE + "TUR")))
        g.add((node, DCAT.landingPage, URIRef(self.absolute(dataset.landing_url))))
        g.add((node, DCTERMS.publisher, self._publisher(council)))
        g.add((node, DCAT.contactPoint, self._contact(council)))
        licence = self._licence(council.data_licence)
        g.add((node, DCTERMS.license, licence))
        place = BNode()
        g.add((place, RDF.type, DCTERMS.Location))
        g.add((place, SKOS.prefLabel, Literal(council.location, lang="tr")))
        g.add((node, DCTERMS.spatial, place))
        if dataset.start or dataset.end:
            period = BNode()
            g.add((period, RDF.type, DCTERMS.PeriodOfTime))
            if dataset.start:
                g.add((period, DCAT.startDate, _moment(dataset.start)))
            if dataset.end:
                g.add((period, DCAT.endDate, _moment(dataset.end)))
            g.add((node, DCTERMS.temporal, period))
        if dataset.modified is not None:
            g.add((node, DCTERMS.modified, _moment(dataset.modified)))
        for distribution in dataset.distributions:
            g.add(
                (node, DCAT.distribution, self._distribution(iri, dataset, distribution, licence))
            )
        return node

    def _licence(self, spdx: str) -> URIRef:
        iri, title = LICENCES.get(spdx, LICENCES["CC-BY-4.0"])
        node = URIRef(iri)
        g = self.graph
        g.add((node, RDF.type, DCTERMS.LicenseDocument))
        g.add((node, DCTERMS.title, Literal(title)))
        g.add((node, DCTERMS.identifier, Literal(spdx)))
        return node

    def _distribution(
        self, iri: str, dataset: Dataset, item: Distribution, licence: URIRef
    ) -> URIRef:
        g = self.graph
        url = URIRef(self.absolute(item.url))
        node = URIRef(f"{iri}#{item.label.lower().replace(' ', '-')}")
        g.add((node, RDF.type, DCAT.Distribution))
        g.add((node, DCTERMS.title, Literal(item.title, lang="tr")))
        g.add((node, DCAT.accessURL, url))
        g.add((node, DCAT.downloadURL, url))
        g.add((node, DCAT.mediaType, URIRef(IANA + item.media_type)))
        g.add((node, DCTERMS.format, URIRef(EU_FILE_TYPE + item.format)))
        g.add((node, DCTERMS.license, licence))
        if item.conforms_to:
            g.add((node, DCTERMS.conformsTo, URIRef(item.conforms_to)))
        if dataset.modified is not None:
            g.add((node, DCTERMS.modified, _moment(dataset.modified)))
        return node


def serialise(graph: Graph, fmt: str) -> str:
    """'jsonld' (with the DCAT prefixes as its @context) or 'ttl'."""
    return graph.jsonld() if fmt == "jsonld" else graph.turtle()
