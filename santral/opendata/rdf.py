"""A small RDF graph with Turtle and JSON-LD writers, for the catalogue only.

Why not rdflib's Graph: for a national hub (3 000 datasets, ~170 000 triples) rdflib took
about 20 s to build the graph and 20–35 s to serialise it on the 2-core server
(bench/opendata_catalogue.py), past any request timeout. The catalogue only adds IRIs,
blank nodes and literals and writes them out, which this does in well under a second.
The tests parse both outputs with rdflib (JSON-LD and Turtle), so the output stays valid.

The names mirror rdflib's (URIRef, BNode, Literal, Namespace, Graph.add) so the builder
reads the same either way.
"""

import itertools
import json
import re
from typing import NamedTuple

# Characters an IRIREF may not contain (Turtle grammar); percent-encoded on the way in.
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LOCAL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_bnode_ids = itertools.count(1)


class URIRef(str):
    def __new__(cls, value: str):
        return super().__new__(cls, _IRI_FORBIDDEN.sub(lambda m: f"%{ord(m.group()):02X}", value))


class BNode(str):
    def __new__(cls):
        return super().__new__(cls, f"b{next(_bnode_ids)}")


class Literal(NamedTuple):
    value: str
    lang: str = ""
    datatype: str = ""


class Namespace:
    """`DCTERMS.title` → the IRI (not a str subclass: str's own `title`, `format` would win)."""

    def __init__(self, base: str):
        self._base = base

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        iri = URIRef(self._base + name)
        setattr(self, name, iri)  # the next lookup is a plain attribute
        return iri

    def __str__(self) -> str:
        return self._base


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


class Graph:
    """Triples in insertion order, each once."""

    def __init__(self):
        self._triples: dict[tuple, None] = {}
        self.prefixes: dict[str, str] = {}
        self._compacted: dict[str, str | None] = {}

    def bind(self, prefix: str, namespace: str) -> None:
        self.prefixes[prefix] = str(namespace)

    def add(self, triple: tuple) -> None:
        self._triples[triple] = None

    def __len__(self) -> int:
        return len(self._triples)

    def _by_subject(self) -> dict:
        subjects: dict = {}
        for s, p, o in self._triples:
            subjects.setdefault(s, {}).setdefault(p, []).append(o)
        return subjects

    def _compact(self, iri: str) -> str | None:
        if iri in self._compacted:
            return self._compacted[iri]
        found = None
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
                found = f"{prefix}:{iri[len(namespace) :]}"
                break
        if len(self._compacted) < 10_000:  # predicates and classes; not every dataset IRI
            self._compacted[iri] = found
        return found

    # ------------------------------------------------------------------------- Turtle

    def _ttl_term(self, term) -> str:
        if isinstance(term, BNode):
            return f"_:{term}"
        if isinstance(term, URIRef):
            return self._compact(term) or f"<{term}>"
        text = _ttl_string(term.value)
        if term.lang:
            return f"{text}@{term.lang}"
        if term.datatype:
            return f"{text}^^{self._ttl_term(URIRef(term.datatype))}"
        return text

    def turtle(self) -> str:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in self.prefixes.items()]
        lines.append("")
        for subject, properties in self._by_subject().items():
            lines.append(self._ttl_term(subject))
            items = list(properties.items())
            for index, (predicate, objects) in enumerate(items):
                name = "a" if predicate == RDF.type else self._ttl_term(predicate)
                values = ", ".join(self._ttl_term(o) for o in objects)
                end = " ." if index == len(items) - 1 else " ;"
                lines.append(f"    {name} {values}{end}")
            lines.append("")
        return "\n".join(lines)

    # ------------------------------------------------------------------------ JSON-LD

    def _key(self, iri: str) -> str:
        return self._compact(iri) or iri

    def _jsonld_value(self, term) -> dict:
        if isinstance(term, BNode):
            return {"@id": f"_:{term}"}
        if isinstance(term, URIRef):
            return {"@id": str(term)}
        if term.lang:
            return {"@value": term.value, "@language": term.lang}
        if term.datatype:
            return {"@value": term.value, "@type": self._key(term.datatype)}
        return {"@value": term.value}

    def jsonld(self) -> str:
        nodes = []
        for subject, properties in self._by_subject().items():
            node: dict = {"@id": f"_:{subject}" if isinstance(subject, BNode) else subject}
            for predicate, objects in properties.items():
                if predicate == RDF.type:
                    node["@type"] = [self._key(o) for o in objects]
                else:
                    node[self._key(predicate)] = [self._jsonld_value(o) for o in objects]
            nodes.append(node)
        document = {"@context": dict(self.prefixes), "@graph": nodes}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _ttl_string(value: str) -> str:
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
