"""AIF JSON in and out: AIFdb's export, OVA3's save files (xAIF with the text) and OVA2's.

AIF draws an argument as a graph of nodes: I-nodes are propositions, S-nodes
the relations between them (RA an inference, CA a conflict, MA a rephrase, PA
a preference), and in dialogue analyses L-nodes are locutions anchored to what
they assert by YA nodes and to each other by TA nodes. Edges run premise →
S-node → conclusion.

===============================  =======================================================
AIF                              argmap
===============================  =======================================================
I-node ``277``                   claim ``n277`` (its text)
RA, one I premise                ``a -> c``; a scheme other than the default is the label,
                                 but Example (Argument From Example) is ``kind: example``
RA, several I premises           ``a + b -> c`` (linked)
CA → I                           ``o -x c``
CA → RA or CA                    an undercut: ``u -x (a -> c)``, ``v -x (u -x (a -> c))``
MA (rephrase)                    a note on the rephrasing claim, and a warning
PA (preference)                  a warning: argmap has no preferences
L / YA / TA (dialogue)           ``by:`` from the speaker, ``quote:`` from the locution; a warning
===============================  =======================================================

AIF has no main conclusion: the map's is the one claim argued for that
supports nothing (OVA2's ``majorClaim`` when it says). OVA3 and OVA2 keep the
analysed text as HTML: it becomes the map's source file, and each highlighted
span the ``quote:`` of its claim. AIFdb corpora ship the text beside the JSON
(``nodeset12.txt``); given it, the import quotes every I-node (or locution)
whose words are in it.

The export writes one I-node per claim and one RA or CA per inference, which
AIFdb, OVA and arguebuf read, plus a top-level ``"argmap"`` object with the
map's argmap JSON (:mod:`argmap.formats.jsonmap`) and which node each claim
is. Other tools ignore it; argmap's import uses it when the graph is still the
one exported, so ``.arg`` → AIF → ``.arg`` loses nothing (kinds, the main
conclusion, sections, properties, labels). Without it the round trip keeps
the claims and their texts, links, linked groups, attacks and undercuts.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType

from .arg import write_arg
from .build import ClaimTarget, InferenceTarget, MapBuilder, provenance
from .jsonmap import from_json, to_json
from .ova import looks_like_html, read_html
from .records import MapRecord, from_document, inferences_of
from .result import Conversion, FormatError, load_json

__all__ = ["export_aif", "import_aif", "looks_like_aif"]

_DEFAULT_SCHEMES = {
    "RA": ("72", frozenset({"", "RA", "Default Inference", "DefaultInference"})),
    "CA": ("71", frozenset({"", "CA", "Default Conflict", "DefaultConflict"})),
}
_EXAMPLE_SCHEMES = frozenset({"example", "argument from example"})
"""RA schemes that are argmap's ``kind: example`` on a support (and what it exports as)."""
_DIALOGUE = ("L", "YA", "TA")
_SPEAKER = re.compile(r"\s*([^:\n]{1,80}?)\s*:\s+(.+)", re.DOTALL)


def looks_like_aif(data: object) -> TypeGuard[dict[str, Any]]:
    """Whether a loaded JSON document is AIF, OVA3 or OVA2."""
    if not isinstance(data, dict):
        return False
    return isinstance(data.get("AIF"), dict) or (isinstance(data.get("nodes"), list) and "edges" in data)


@attrs.frozen
class _Node:
    id: str
    type: str
    text: str
    scheme: str
    scheme_id: str


@attrs.define
class _Graph:
    """The nodes and edges of any of the three variants, ids as strings."""

    variant: str
    nodes: dict[str, _Node] = attrs.field(factory=dict)
    incoming: dict[str, list[str]] = attrs.field(factory=dict)
    outgoing: dict[str, list[str]] = attrs.field(factory=dict)
    speakers: dict[str, str] = attrs.field(factory=dict)
    """Who speaks each locution (L node), from the locutions and participants."""
    main: list[str] = attrs.field(factory=list)
    html: str | None = None
    url: str | None = None
    """The web page an OVA analysis is of, when OVA kept no text."""
    title: str | None = None
    dangling: list[tuple[str, str]] = attrs.field(factory=list)
    """Edges that name a node the file does not have: (edge, missing node)."""

    def add_edge(self, edge: str, source: str, target: str) -> None:
        for end in (source, target):
            if end not in self.nodes:
                self.dangling.append((edge, end))
                return
        self.outgoing.setdefault(source, []).append(target)
        self.incoming.setdefault(target, []).append(source)

    def of_type(self, node_ids: Sequence[str], *types: str) -> list[str]:
        return [node for node in node_ids if self.nodes[node].type in types]


def _id(value: object, where: str, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FormatError(path, f"{where}: expected a string or a number as the id, found {json.dumps(value)[:40]}")
    return str(value)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _list(data: Mapping[str, Any], key: str, path: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise FormatError(path, f"{where}'{key}' is not a list")
    return value


def _names(participants: list[Any], key: str) -> dict[str, str]:
    names = {}
    for person in participants:
        if isinstance(person, dict) and key in person:
            name = " ".join(_text(person.get(part)).strip() for part in ("firstname", "surname")).strip()
            if name:
                names[str(person[key])] = name
    return names


def _read_aif(aif: Mapping[str, Any], path: str, variant: str, where: str = "") -> _Graph:
    graph = _Graph(variant)
    for number, node in enumerate(_list(aif, "nodes", path, where)):
        here = f"{where}nodes[{number}]"
        if not isinstance(node, dict) or "nodeID" not in node or "type" not in node:
            raise FormatError(path, f"{here}: a node needs a 'nodeID' and a 'type'")
        node_id = _id(node["nodeID"], here, path)
        if node_id in graph.nodes:
            raise FormatError(path, f"{here}: a second node with the id {node_id}")
        scheme = node.get("scheme")
        graph.nodes[node_id] = _Node(
            node_id,
            _text(node["type"]).strip(),
            _text(node.get("text")),
            _text(scheme) if isinstance(scheme, str) else "",
            str(node.get("schemeID") or ""),
        )
    for number, edge in enumerate(_list(aif, "edges", path, where)):
        here = f"{where}edges[{number}]"
        if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
            raise FormatError(path, f"{here}: an edge needs a 'fromID' and a 'toID'")
        edge_id = str(edge.get("edgeID", number + 1))
        graph.add_edge(edge_id, _id(edge["fromID"], here, path), _id(edge["toID"], here, path))
    names = _names(_list(aif, "participants", path, where), "participantID")
    for locution in _list(aif, "locutions", path, where):
        if isinstance(locution, dict) and "nodeID" in locution:
            person = locution.get("personID")
            if person is not None and str(person) in names:
                graph.speakers[str(locution["nodeID"])] = names[str(person)]
    return graph


def _read_ova2(data: Mapping[str, Any], path: str) -> _Graph:
    graph = _Graph("ova2")
    names = _names(_list(data, "participants", path, ""), "id")
    for number, node in enumerate(_list(data, "nodes", path, "")):
        here = f"nodes[{number}]"
        if not isinstance(node, dict) or "id" not in node or "type" not in node:
            raise FormatError(path, f"{here}: an OVA node needs an 'id' and a 'type'")
        node_id = _id(node["id"], here, path)
        if node_id in graph.nodes:
            raise FormatError(path, f"{here}: a second node with the id {node_id}")
        node_type = _text(node["type"]).strip()
        text = _text(node.get("text"))
        graph.nodes[node_id] = _Node(node_id, node_type, text, text if node_type not in ("I", "L") else "",
                                     str(node.get("scheme") or ""))
        if node.get("majorClaim") is True:
            graph.main.append(node_id)
        person = node.get("participantID")
        if node_type == "L" and person is not None and str(person) in names:
            graph.speakers[node_id] = names[str(person)]
    for number, edge in enumerate(_list(data, "edges", path, "")):
        here = f"edges[{number}]"
        ends = [edge.get(end) if isinstance(edge, dict) else None for end in ("from", "to")]
        if not all(isinstance(end, dict) and "id" in end for end in ends):
            raise FormatError(path, f"{here}: an OVA edge needs 'from' and 'to' nodes with ids")
        assert ends[0] is not None and ends[1] is not None
        graph.add_edge(str(number + 1), _id(ends[0]["id"], here, path), _id(ends[1]["id"], here, path))
    analysis = data.get("analysis")
    if isinstance(analysis, dict):
        graph.html = _text(analysis.get("txt")) or None
        graph.title = _text(analysis.get("documentTitle")).strip() or None
    return graph


def _load(data: bytes, path: str) -> tuple[dict[str, Any], _Graph]:
    loaded = load_json(data, path)
    if not looks_like_aif(loaded):
        raise FormatError(path, "not AIF: expected an object with 'nodes' and 'edges' (AIFdb) or 'AIF' (OVA3)")
    if isinstance(loaded.get("AIF"), dict):
        graph = _read_aif(loaded["AIF"], path, "ova3", "AIF.")
        text = loaded.get("text")
        if isinstance(text, dict):
            text = text.get("txt")
        graph.html = text if isinstance(text, str) and text.strip() else None
        ova = loaded.get("OVA")
        if graph.html is None and isinstance(ova, dict) and isinstance(ova.get("url"), str) and ova["url"].strip():
            graph.url = ova["url"].strip()
    elif any(isinstance(node, dict) and "nodeID" not in node and "id" in node for node in loaded["nodes"][:1]):
        graph = _read_ova2(loaded, path)
    else:
        graph = _read_aif(loaded, path, "aif")
    return loaded, graph


_FORMAT_NAMES = {"aif": "AIF JSON", "ova3": "OVA3 JSON", "ova2": "OVA2 JSON"}


def import_aif(data: bytes, path: str, text: str | None = None, text_name: str | None = None) -> Conversion:
    """The map of an AIF, OVA3 or OVA2 JSON file.

    ``text`` is the text the analysis is of, when it comes in a file of its own
    (AIFdb's ``nodeset12.txt``, plain or OVA's HTML); OVA's own files carry theirs.
    """
    loaded, graph = _load(data, path)
    name = os.path.basename(path)
    own = loaded.get("argmap")
    if own is not None:
        exact = _exported(own, graph, path)
        if exact is not None:
            record = attrs.evolve(
                exact, comments=(provenance(name, "AIF JSON written by argmap, with the map as it was exported"),)
            )
            return Conversion(write_arg(record), record, ())
    build = MapBuilder(name, _FORMAT_NAMES[graph.variant])
    if own is not None:
        build.warn("the file's argmap data does not match its AIF graph (edited after export?): "
                   "it is ignored and the map read from the graph")
    if graph.title:
        build.add_header("title", graph.title)
    if graph.url:
        build.warn(f"the analysis is of a web page ({graph.url}) whose text the file does not keep: "
                   "no source text, no quotes")
    _build(graph, build, text, text_name or name.rsplit(".", 1)[0] + ".txt")
    return build.conversion()


def _build(graph: _Graph, build: MapBuilder, text: str | None, text_name: str) -> None:
    nodes = graph.nodes
    incoming, outgoing = graph.incoming, graph.outgoing
    counts = Counter(node.type for node in nodes.values())
    for edge, missing in graph.dangling:
        build.warn(f"the edge names node {missing}, which the file does not have: ignored", f"edge {edge}")
    if not nodes:
        build.warn("the file has no nodes")
    for node in nodes.values():
        if node.type == "I":
            build.add_claim(node.id, node.text, f"node {node.id}", prefix="n")
    for node_id in graph.main:
        if build.has_claim(node_id):
            build.set_main(node_id)
    # Locutions: who asserts each I-node (L -> YA -> I), and in which words.
    words: dict[str, tuple[str, str]] = {}  # I node -> (L node, words)
    speakers: dict[str, dict[str, None]] = {}  # I node -> who asserts it, in order
    for node in nodes.values():
        if node.type != "YA":
            continue
        for locution in graph.of_type(incoming.get(node.id, []), "L"):
            speaker, said = _speaker(nodes[locution].text)
            speaker = graph.speakers.get(locution, speaker)
            for claim in graph.of_type(outgoing.get(node.id, []), "I"):
                if speaker:
                    speakers.setdefault(claim, {})[speaker] = None
                words.setdefault(claim, (locution, said))
    for claim, names in speakers.items():
        build.add_property(claim, "by", ", ".join(names))
    for node in nodes.values():
        where = f"node {node.id}"
        if node.type in ("RA", "CA"):
            _inference(graph, build, node)
        elif node.type == "MA":
            sources = graph.of_type(incoming.get(node.id, []), "I")
            targets = graph.of_type(outgoing.get(node.id, []), "I")
            if not sources or not targets:
                build.warn("a rephrase (MA) without an I-node on each side: dropped", where)
                continue
            for source in sources:
                others = ", ".join(build.claim_id(t) for t in targets)
                build.add_property(source, "note", f"a rephrase of {others} (AIF MA node {node.id})")
            build.warn(
                f"argmap has no rephrase link: '{', '.join(build.claim_id(s) for s in sources)}' rephrases "
                f"'{', '.join(build.claim_id(t) for t in targets)}', kept as a note", where
            )
        elif node.type == "PA":
            preferred = ", ".join(incoming.get(node.id, [])) or "nothing"
            over = ", ".join(outgoing.get(node.id, [])) or "nothing"
            build.warn(f"argmap has no preferences: this one (node {preferred} over node {over}) is dropped", where)
    dialogue = {kind: counts[kind] for kind in _DIALOGUE if counts[kind]}
    if dialogue:
        shown = ", ".join(f"{count} {kind}" for kind, count in dialogue.items())
        build.warn(f"the dialogue layer ({shown} nodes) has no place in a map: dropped; "
                   "speakers are kept as 'by:' and locutions as quotes where the text has them",
                   _nodes([node.id for node in nodes.values() if node.type in _DIALOGUE]))
    known = ("I", "RA", "CA", "MA", "PA", *_DIALOGUE)
    for kind in sorted({node.type for node in nodes.values()} - set(known)):
        build.warn(f"argmap does not know nodes of type {kind!r}: dropped",
                   _nodes([node.id for node in nodes.values() if node.type == kind]))
    _quotes(graph, build, words, text, text_name)


def _nodes(node_ids: list[str], shown: int = 12) -> str:
    """``nodes 40, 41, 42`` (and how many more, for a long list)."""
    more = f" and {len(node_ids) - shown} more" if len(node_ids) > shown else ""
    return ("node " if len(node_ids) == 1 else "nodes ") + ", ".join(node_ids[:shown]) + more


def _speaker(text: str) -> tuple[str | None, str]:
    """``Alex : words`` as (``Alex``, ``words``)."""
    match = _SPEAKER.fullmatch(text)
    if match is None:
        return None, text.strip()
    return match.group(1).strip(), match.group(2).strip()


def _inference(graph: _Graph, build: MapBuilder, node: _Node) -> None:
    where = f"node {node.id}"
    nodes = graph.nodes
    link_type = LinkType.SUPPORT if node.type == "RA" else LinkType.ATTACK
    before = graph.incoming.get(node.id, [])
    premises = graph.of_type(before, "I")
    for other in before:
        if nodes[other].type not in ("I", "YA", "TA", "RA", "CA"):  # an RA or CA here undercuts it
            build.warn(f"node {other} ({nodes[other].type}) is a premise, but argmap's premises are claims: left out", where)
    targets: list[ClaimTarget | InferenceTarget] = []
    for after in graph.outgoing.get(node.id, []):
        kind = nodes[after].type
        if kind == "I":
            targets.append(ClaimTarget(after))
        elif kind in ("RA", "CA") and link_type is LinkType.ATTACK:
            targets.append(InferenceTarget(after))
        elif kind in ("RA", "CA"):
            build.warn(f"argmap cannot support an inference (node {after}); only an attack can target one: left out", where)
        else:
            build.warn(f"it points at node {after} ({kind}), which argmap cannot link to: left out", where)
    if not premises:
        build.warn(f"the {node.type} node has no I-node premise: dropped", where)
        return
    if not targets:
        build.warn(f"the {node.type} node has no conclusion: dropped", where)
        return
    if len(targets) > 1:
        build.warn(f"the {node.type} node has {len(targets)} conclusions: written as one link each", where)
    default_id, default_names = _DEFAULT_SCHEMES[node.type]
    name = " ".join((node.scheme or node.text).split())
    label = None if node.scheme_id == default_id or name in default_names else name
    properties: tuple[tuple[str, str], ...] = ()
    if node.type == "RA" and name.lower() in _EXAMPLE_SCHEMES:
        label, properties = None, (("kind", "example"),)
    for number, target in enumerate(targets):
        key = node.id if number == 0 else f"{node.id}#{number + 1}"
        build.add_inference(key, link_type, premises, target, where, label=label, properties=properties)


def _quotes(graph: _Graph, build: MapBuilder, words: dict[str, tuple[str, str]], text: str | None, text_name: str) -> None:
    """The source text and each claim's quote, from OVA's highlights or the words of the text."""
    spans: dict[str, tuple[int, int]] = {}
    if graph.html is not None:
        plain, spans = read_html(graph.html)
    elif text is not None:
        plain = read_html(text)[0] if looks_like_html(text) else text
    else:
        return
    if not plain.strip():
        return
    build.set_source(text_name, plain)
    for node in graph.nodes.values():
        if node.type != "I":
            continue
        locution = words.get(node.id)
        span = spans.get(node.id) or (spans.get(locution[0]) if locution else None)
        if span is not None:
            build.quote(node.id, plain[span[0] : span[1]], span[0])
        elif locution is not None:
            build.quote(node.id, locution[1])
        else:
            build.quote(node.id, node.text)


def _exported(own: object, graph: _Graph, path: str) -> MapRecord | None:
    """The map argmap exported into this file, if the AIF graph is still exactly that map's."""
    if not isinstance(own, dict) or not isinstance(own.get("nodes"), dict):
        return None
    try:
        record = from_json(own.get("map"), path)
    except FormatError:
        return None
    node_of: dict[str, str] = {str(k): str(v) for k, v in own["nodes"].items()}
    claim_of = {node: claim for claim, node in node_of.items()}
    texts = {node.id: node.text for node in graph.nodes.values() if node.type == "I"}
    if len(claim_of) != len(node_of) or set(claim_of) != set(texts):
        return None
    if any(texts[node_of[claim.id]] != claim.text for claim in record.claims if claim.id in node_of):
        return None
    if {claim.id for claim in record.claims} != set(node_of):
        return None
    if any(node.type not in ("I", "RA", "CA") for node in graph.nodes.values()):
        return None
    shapes: dict[str, object] = {}

    def shape(node_id: str, depth: int = 0) -> object:
        if node_id in claim_of:
            return claim_of[node_id]
        if node_id in shapes or depth > 200:
            return shapes.get(node_id)
        node = graph.nodes[node_id]
        link_type = LinkType.SUPPORT if node.type == "RA" else LinkType.ATTACK
        premises = frozenset(claim_of[p] for p in graph.incoming.get(node_id, []) if p in claim_of)
        targets = graph.outgoing.get(node_id, [])
        found = (link_type, premises, shape(targets[0], depth + 1)) if len(targets) == 1 else None
        shapes[node_id] = found
        return found

    in_graph = {shape(node.id) for node in graph.nodes.values() if node.type != "I"}
    if None in in_graph or graph.dangling:
        return None
    return record if in_graph == inferences_of(record) else None


def export_aif(amap: ArgumentMap) -> str:
    """The map as AIF JSON (AIFdb's layout), with argmap's own data for a lossless way back."""
    node_of = {claim.id: str(number) for number, claim in enumerate(amap.claims, start=1)}
    first_s = len(amap.claims) + 1
    nodes: list[dict[str, Any]] = [{"nodeID": node_of[c.id], "text": c.text, "type": "I"} for c in amap.claims]
    edges: list[dict[str, Any]] = []

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None})

    for inference in amap.inferences:
        node_id = str(first_s + inference.index)
        if inference.type is LinkType.SUPPORT:
            node_type, default, scheme_id = "RA", "Default Inference", "72"
        else:
            node_type, default, scheme_id = "CA", "Default Conflict", "71"
        example = inference.link.get("kind") is not None and not inference.label
        name = inference.label or ("Example" if example else default)
        node: dict[str, Any] = {"nodeID": node_id, "text": name, "type": node_type}
        if name == default:
            node.update(scheme=default, schemeID=scheme_id)
        nodes.append(node)
        for premise in inference.premises:
            edge(node_of[premise], node_id)
        if inference.target is not None:
            edge(node_id, node_of[inference.target])
        else:
            assert inference.target_inference is not None
            edge(node_id, str(first_s + inference.target_inference))
    document = {
        "nodes": nodes,
        "edges": edges,
        "locutions": [],
        "argmap": {"map": to_json(from_document(amap.document)), "nodes": node_of},
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
