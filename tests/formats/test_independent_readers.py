"""argmap's readers and writers against independent ones on the same files.

Where argmap reads a format itself, another reader of that format reads the
same sample and must find the same claims and inferences: arguebuf (AIF, OVA3,
OVA2, Kialo, microtexts), lxml (the arggraph DTD, OVA's HTML highlights) and
the real Argdown (its JSON export of the .argdown samples). arguebuf's known
limits are kept out of the comparison and named where they matter: it keeps
the last EDU of an ADU, not the first, and drops an undercut that names an
edge written after it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import arguebuf
import pytest
from arguebuf.model.scheme import Attack, Support
from lxml import etree
from lxml import html as lxml_html

from argmap import formats
from argmap.core.model import LinkType
from argmap.formats.records import Shape

from .conftest import SAMPLES, Argdown


def _shapes(graph: Any, name: Any) -> set[Shape]:
    """The support and attack inferences of an arguebuf graph, claims named by ``name(node id)``."""

    def shape(scheme_id: str) -> Shape:
        scheme = graph.scheme_nodes[scheme_id]
        link_type = LinkType.SUPPORT if isinstance(scheme.scheme, Support) else LinkType.ATTACK
        premises = frozenset(name(n.id) for n in graph.incoming_nodes(scheme) if n.id in graph.atom_nodes)
        (target,) = graph.outgoing_nodes(scheme)
        return (link_type, premises, name(target.id) if target.id in graph.atom_nodes else shape(target.id))

    return {
        shape(scheme_id)
        for scheme_id, scheme in graph.scheme_nodes.items()
        if isinstance(scheme.scheme, (Support, Attack))
    }


def _ours(path: Path) -> tuple[dict[str, str], set[Shape]]:
    record = formats.read(path).record
    return {claim.id: claim.text for claim in record.claims}, formats.inferences_of(record)


@pytest.mark.parametrize("name", ["micro_library.xml", "micro_library_part2.xml", "micro_forward.xml"])
def test_the_microtext_samples_are_valid_arggraph(name: str) -> None:
    """lxml validates each sample against the arggraph DTD (written from the format's description)."""
    dtd = etree.DTD(str(SAMPLES / "microtexts" / "arggraph.dtd"))
    assert dtd.validate(etree.parse(str(SAMPLES / "microtexts" / name))), dtd.error_log.filter_from_errors()


@pytest.mark.parametrize("name", ["micro_library.xml", "micro_library_part2.xml"])
def test_arguebuf_reads_the_microtexts_as_argmap_does(name: str) -> None:
    """Same ADUs and the same inferences (linked supports, attacks, undercuts of undercuts) as arguebuf finds."""
    path = SAMPLES / "microtexts" / name
    with path.open("rb") as handle:
        graph = arguebuf.load.microtexts(handle)
    texts, shapes = _ours(path)
    assert set(graph.atom_nodes) == set(texts)
    assert _shapes(graph, str) == shapes
    record = formats.read(path).record
    for claim in record.claims:  # arguebuf keeps an ADU's last EDU, argmap its first: they agree on one
        if [key for key, _ in claim.properties].count("quote") < 2:
            assert graph.atom_nodes[claim.id].plain_text == claim.text


def test_arguebuf_reads_the_aif_sample_as_argmap_does() -> None:
    """The I-nodes' texts and the RA and CA inferences (linked, undercuts of undercuts) match arguebuf's."""
    path = SAMPLES / "aif" / "library.json"
    graph = arguebuf.load.aif(json.loads(path.read_text(encoding="utf-8")))
    texts, shapes = _ours(path)
    assert {f"n{node_id}": atom.plain_text for node_id, atom in graph.atom_nodes.items()} == texts
    assert _shapes(graph, lambda node_id: f"n{node_id}") == shapes


def test_arguebuf_and_lxml_read_the_ova3_sample_as_argmap_does() -> None:
    """OVA3: arguebuf's xAIF reader finds the same inferences; lxml's HTML spans are argmap's quotes."""
    path = SAMPLES / "ova3" / "library.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    graph = arguebuf.load.xaif(document)
    _, shapes = _ours(path)
    assert _shapes(graph, lambda node_id: "n" + node_id.replace("-", "_")) == shapes
    body = lxml_html.fromstring(f"<div>{document['text']}</div>")
    spans = {"n" + span.get("id")[4:]: span.text_content() for span in body.iter("span")}
    conversion = formats.read(path)
    quotes = {claim.id: dict(claim.properties).get("quote") for claim in conversion.record.claims}
    assert quotes == spans
    assert conversion.source is not None and conversion.source.text == body.text_content() + "\n"


def test_arguebuf_reads_the_ova2_sample_as_argmap_does() -> None:
    """OVA2: the same inferences, and each claim's quote is the text arguebuf finds highlighted for it."""
    path = SAMPLES / "ova2" / "library.json"
    graph = arguebuf.load.ova(json.loads(path.read_text(encoding="utf-8")))
    _, shapes = _ours(path)
    assert _shapes(graph, lambda node_id: f"n{node_id}") == shapes
    references = {f"n{node_id}": atom.reference.text for node_id, atom in graph.atom_nodes.items() if atom.reference}
    record = formats.read(path).record
    assert {claim.id: dict(claim.properties).get("quote") for claim in record.claims} == references


def test_arguebuf_reads_the_kialo_sample_as_argmap_does() -> None:
    """Kialo: the same claims (the thesis as main), pros as supports, cons as attacks, a linked claim as a link."""
    path = SAMPLES / "kialo" / "library-sunday-1234.txt"
    with path.open(encoding="utf-8") as handle:
        graph = arguebuf.load.kialo(handle)

    def name(node_id: str) -> str:
        return "k" + node_id.rstrip(".").replace(".", "_")

    texts, shapes = _ours(path)
    assert {name(node_id): atom.plain_text.replace("\n", " ") for node_id, atom in graph.atom_nodes.items()} == texts
    assert _shapes(graph, name) == shapes
    record = formats.read(path).record
    assert graph.major_claim is not None and [c.id for c in record.claims if c.main] == [name(graph.major_claim.id)]


def _structure(document: dict[str, Any]) -> Any:
    """What an Argdown JSON export says about the argument, without positions, colours or the map."""
    statements = {
        title: ([member.get("text") for member in ec["members"] if member.get("text")], ec.get("section"))
        for title, ec in document["statements"].items()
    }
    arguments = {
        title: [(s["title"], s.get("role"), (s.get("inference") or {}).get("data")) for s in argument.get("pcs", [])]
        for title, argument in document["arguments"].items()
    }
    relations = sorted(
        (r["relationType"], r["from"], r["fromType"], r["to"], r["toType"], r.get("conclusionIndex"))
        for r in document["relations"]
    )
    return statements, arguments, relations


@pytest.mark.parametrize(("source", "exported"), [("library", "library.nomap"), ("library", "library"),
                                                  ("strict", "strict")])
def test_the_argdown_json_samples_are_what_argdown_makes(source: str, exported: str, argdown: Argdown) -> None:
    """The committed Argdown JSON samples are the real Argdown's export of the .argdown samples beside them."""
    folder = SAMPLES / "argdown"
    made = argdown.json((folder / f"{source}.argdown").read_text(encoding="utf-8"), with_map=True)
    committed = json.loads((folder / f"{exported}.json").read_text(encoding="utf-8"))
    assert _structure(committed) == _structure(made)
    assert ("map" in committed) == (exported == "library")


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.glob("*/*") if (p.suffix in (".json", ".xml", ".txt")
                                        and ".expected" not in p.name and p.parent.name != "microtexts")
                                        or p.suffix == ".xml"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_argdown_reads_the_export_of_every_sample(path: Path, argdown: Argdown) -> None:
    """Each imported sample, exported as .argdown, is read by the real Argdown and comes back the same."""
    import argmap

    record = formats.read(path).record
    amap = argmap.resolve(argmap.parse(formats.write_arg(record), "sample.arg"), check_source=False)
    exported = argdown.json(formats.write(amap, formats.Format.ARGDOWN), with_map=True)
    back = formats.read_data(json.dumps(exported).encode("utf-8"), "sample.json", formats.Format.ARGDOWN).record
    assert [(c.id, c.kind, c.main) for c in back.claims] == [(c.id, c.kind, c.main) for c in record.claims]
    assert formats.inferences_of(back) == formats.inferences_of(record)
