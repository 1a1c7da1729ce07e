"""Round trips on generated maps: .arg -> argmap JSON, AIF, Argdown -> .arg keep the argument.

Each map is generated (tests/formats/maps.py) to check without errors. argmap
JSON and AIF with argmap's own data must give back the very same map; plain
AIF (what other tools keep of it) and Argdown (through the real Argdown, which
reads the exported source and writes its JSON) must keep the claims, links,
linked groups, attacks and undercuts. Independent readers check the exports:
arguebuf reads the AIF, jsonschema the JSON, networkx the GraphML.
"""

from __future__ import annotations

import io
import json
from typing import Any

import arguebuf
import jsonschema
import networkx as nx
from arguebuf.model.scheme import Attack, Support
from hypothesis import given

import argmap
from argmap.core.model import LinkType
from argmap.formats import Format, inferences_of, write
from argmap.formats.aif import import_aif
from argmap.formats.arg import write_arg
from argmap.formats.argdown import import_argdown_json
from argmap.formats.jsonmap import read_json, schema
from argmap.formats.records import MapRecord, Shape, link_shapes

from .conftest import Argdown
from .maps import MAPS, maps

SCHEMA = jsonschema.Draft202012Validator(schema())
"""The JSON Schema argmap ships, checked as a schema once (an invalid schema fails here)."""
SCHEMA.check_schema(schema())


def _checked(record: MapRecord) -> argmap.ArgumentMap:
    amap = argmap.resolve(argmap.parse(write_arg(record), "generated.arg"), check_source=False)
    assert amap.ok, [d.message for d in amap.errors]
    return amap


def _renamed(shapes: set[Shape], names: dict[str, str]) -> set[Shape]:
    def rename(shape: Shape) -> Shape:
        link_type, premises, target = shape
        new_target = names[target] if isinstance(target, str) else rename(target)
        return (link_type, frozenset(names[p] for p in premises), new_target)

    return {rename(shape) for shape in shapes}


@MAPS
@given(maps())
def test_argmap_json_keeps_everything_and_meets_its_schema(record: MapRecord) -> None:
    """.arg -> JSON -> .arg gives the same records; the JSON is valid against the shipped JSON Schema."""
    amap = _checked(record)
    text = write(amap, Format.JSON)
    SCHEMA.validate(json.loads(text))
    assert read_json(text) == record


@MAPS
@given(maps())
def test_aif_with_argmaps_data_keeps_everything(record: MapRecord) -> None:
    """.arg -> AIF -> .arg gives the same records when the AIF keeps argmap's own object."""
    amap = _checked(record)
    conversion = import_aif(write(amap, Format.AIF).encode("utf-8"), "map.json")
    assert conversion.warnings == ()
    assert conversion.record == MapRecord(
        record.header, record.sections, record.claims, record.links, conversion.record.comments
    )


def _arguebuf_shapes(document: dict[str, Any]) -> tuple[dict[str, str], set[Shape]]:
    """The claims and inferences of an AIF document, as arguebuf (an independent reader) sees them."""
    graph = arguebuf.load.aif(document)
    texts = {node_id: atom.plain_text for node_id, atom in graph.atom_nodes.items()}

    def shape(scheme_id: str) -> Shape:
        scheme = graph.scheme_nodes[scheme_id]
        link_type = LinkType.SUPPORT if isinstance(scheme.scheme, Support) else LinkType.ATTACK
        assert isinstance(scheme.scheme, (Support, Attack))
        premises = frozenset(n.id for n in graph.incoming_nodes(scheme) if n.id in graph.atom_nodes)
        (target,) = graph.outgoing_nodes(scheme)
        return (link_type, premises, target.id if target.id in graph.atom_nodes else shape(target.id))

    return texts, {shape(scheme_id) for scheme_id in graph.scheme_nodes}


@MAPS
@given(maps())
def test_plain_aif_keeps_claims_links_groups_attacks_and_undercuts(record: MapRecord) -> None:
    """Without argmap's object (what OVA or AIFdb keep), AIF still holds the argument; arguebuf reads the same."""
    amap = _checked(record)
    document = json.loads(write(amap, Format.AIF))
    node_of: dict[str, str] = document.pop("argmap")["nodes"]
    claim_of = {node: claim for claim, node in node_of.items()}
    conversion = import_aif(json.dumps(document).encode("utf-8"), "plain.json")
    back = conversion.record
    imported_id = {f"n{node}": claim for claim, node in node_of.items()}  # n1 -> the claim exported as node 1
    assert {imported_id[c.id]: c.text for c in back.claims} == {c.id: c.text for c in record.claims}
    assert _renamed(inferences_of(back), imported_id) == inferences_of(record)
    for claim in back.claims:  # what the links say, and only that, decides a plain import's kinds
        assert claim.properties == ()
    texts, shapes = _arguebuf_shapes(document)
    assert {claim_of[node]: text for node, text in texts.items()} == {c.id: c.text for c in record.claims}
    assert _renamed(shapes, claim_of) == inferences_of(record)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _labels(record: MapRecord) -> dict[Shape, str]:
    return {shape: _normal(link.label) for link in record.links if link.label for shape in link_shapes(link)}


@MAPS
@given(record=maps(max_claims=7, max_links=8))
def test_argdown_export_is_read_by_argdown_and_imported_back(record: MapRecord, argdown: Argdown) -> None:
    """.arg -> .argdown -> Argdown's own JSON -> .arg keeps ids, kinds, texts, sections, links and labels."""
    amap = _checked(record)
    source = write(amap, Format.ARGDOWN)
    exported = argdown.json(source)
    back = import_argdown_json(json.dumps(exported).encode("utf-8"), "map.json").record
    assert [(c.id, c.kind, _normal(c.text), c.main, c.section) for c in back.claims] == [
        (c.id, c.kind, _normal(c.text), c.main, c.section) for c in record.claims
    ]
    assert [[(k, _normal(v)) for k, v in c.properties] for c in back.claims] == [
        [(k, _normal(v)) for k, v in c.properties] for c in record.claims
    ]
    assert [(s.title.strip(), s.level, s.parent) for s in back.sections] == [
        (_normal(s.title), s.level, s.parent) for s in record.sections
    ]
    assert inferences_of(back) == inferences_of(record)
    assert _labels(back) == _labels(record)


@MAPS
@given(maps())
def test_graphml_is_read_by_networkx_with_every_claim_and_inference(record: MapRecord) -> None:
    """networkx reads the GraphML: a node per claim (with its properties) and per inference, typed attributes,
    premise and conclusion edges, the header on the graph."""
    amap = _checked(record)
    graph = nx.read_graphml(io.BytesIO(write(amap, Format.GRAPHML).encode("utf-8")))
    claims = {n: d for n, d in graph.nodes(data=True) if d["type"] == "claim"}
    links = {n: d for n, d in graph.nodes(data=True) if d["type"] == "link"}
    assert {n: (d["text"], d["claim_kind"], d["main"]) for n, d in claims.items()} == {
        c.id: (c.text, c.kind.value, c.main) for c in record.claims
    }
    fixed = {"type", "label", "text", "claim_kind", "main", "section", "role"}
    assert {n: {k: v for k, v in d.items() if k not in fixed} for n, d in claims.items()} == {
        c.id: {key: "\n".join(v for k, v in c.properties if k == key) for key, _ in c.properties} for c in record.claims
    }
    assert {k: v for k, v in graph.graph.items() if not k.endswith("_default")} == dict(record.header)
    assert len(links) == len(amap.inferences)

    def shape(node: str) -> Shape:
        data = links[node]
        premises = frozenset(p for p, _ in graph.in_edges(node) if p in claims)
        (target,) = [t for _, t in graph.out_edges(node)]
        link_type = LinkType.SUPPORT if data["link_type"] == "support" else LinkType.ATTACK
        assert data["undercut"] is (target in links)
        return (link_type, premises, target if target in claims else shape(target))

    assert {shape(node) for node in links} == inferences_of(record)
