"""The catalogue's own Turtle and JSON-LD writers: hostile text and addresses still give
documents rdflib reads back triple for triple."""

import rdflib

from santral.opendata.rdf import DCTERMS, FOAF, RDF, BNode, Graph, Literal, URIRef

HOSTILE = 'Konsey "Işık" \\ <b>\n\t\x01 ş ğ İ ı ; . @tr'


def test_turtle_and_json_ld_survive_hostile_text_and_iris():
    g = Graph()
    g.bind("dct", str(DCTERMS))
    g.bind("foaf", str(FOAF))
    node = URIRef('https://ornek.test/a b/<x>"{y}|^`\\')
    agent = BNode()
    g.add((node, RDF.type, FOAF.Agent))
    g.add((node, DCTERMS.title, Literal(HOSTILE, lang="tr")))
    g.add((node, DCTERMS.modified, Literal("2026-03-01", datatype=str(rdflib.XSD.date))))
    g.add((node, DCTERMS.publisher, agent))
    g.add((agent, FOAF.name, Literal(HOSTILE)))
    g.add((agent, FOAF.name, Literal(HOSTILE)))  # a repeated triple is kept once
    assert len(g) == 5
    for text, fmt in ((g.turtle(), "turtle"), (g.jsonld(), "json-ld")):
        parsed = rdflib.Graph().parse(data=text, format=fmt)
        assert len(parsed) == 5, fmt
        subject = next(parsed.subjects(rdflib.RDF.type, rdflib.FOAF.Agent))
        assert " " not in str(subject) and "<" not in str(subject)
        title = parsed.value(subject, rdflib.DCTERMS.title)
        assert str(title) == HOSTILE and title.language == "tr", fmt
        assert parsed.value(subject, rdflib.DCTERMS.modified).toPython().isoformat() == (
            "2026-03-01"
        )
        publisher = parsed.value(subject, rdflib.DCTERMS.publisher)
        assert str(parsed.value(publisher, rdflib.FOAF.name)) == HOSTILE
