"""GraphML export, for network tools (Gephi, yEd, Cytoscape, networkx).

A graph has no arrow into an arrow, so every inference is a node of its own,
as in AIF: a claim node per claim, a link node per inference, and edges from
each premise to its link node and from the link node to its target — a claim
node, or for an undercut the link node of the inference it attacks. Every
attribute is declared with its type, so tools read booleans as booleans:

- the graph: each header field (``title``, ``author``, ``source`` …);
- nodes: ``type`` (``claim`` or ``link``), ``label`` (what a tool shows: the
  claim's text, or the link's arrow and label); claims: ``claim_kind``,
  ``main``, ``text``, ``section`` (the title path, ``A / B``), ``role``
  (argmap's derived roles, comma-separated) and each property by its key
  (``quote``, ``by`` …; a quote for each passage on lines of its own); links:
  ``link_type`` (``support`` or ``attack``), ``linked``, ``undercut``,
  ``link_label`` and each property as ``link_`` and its key (``link_kind``,
  ``link_note`` …);
- edges: ``role`` (``premise`` into a link node, ``conclusion`` out of one).

Node ids are the claim ids and ``L1``, ``L2``… for the inferences (a claim
called ``L1`` pushes them to ``_L1``). Sections are an attribute rather than
nested graphs: most readers (networkx) do not read nested graphs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import LinkType, Property

__all__ = ["export_graphml"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_KEYS = (
    # (id, for, attr.name, attr.type)
    ("type", "node", "type", "string"),
    ("label", "node", "label", "string"),
    ("claim_kind", "node", "claim_kind", "string"),
    ("main", "node", "main", "boolean"),
    ("text", "node", "text", "string"),
    ("section", "node", "section", "string"),
    ("role", "node", "role", "string"),
    ("link_type", "node", "link_type", "string"),
    ("linked", "node", "linked", "boolean"),
    ("undercut", "node", "undercut", "boolean"),
    ("link_label", "node", "link_label", "string"),
    ("edge_role", "edge", "role", "string"),
)


def _section_paths(amap: ArgumentMap) -> list[str]:
    sections = amap.document.sections
    paths: list[str] = []
    for section in sections:
        parent = paths[section.parent] + " / " if section.parent is not None else ""
        paths.append(parent + section.title)
    return paths


def _values(properties: tuple[Property, ...]) -> dict[str, str]:
    """Properties by key; a key given twice (a quote for each passage) has its values on separate lines."""
    values: dict[str, str] = {}
    for prop in properties:
        values[prop.key] = values[prop.key] + "\n" + prop.value if prop.key in values else prop.value
    return values


def export_graphml(amap: ArgumentMap) -> str:
    """The map as a GraphML document (UTF-8 XML)."""
    root = ET.Element("graphml", {"xmlns": _NS})
    header = _values(amap.document.header)
    claim_values = {claim.id: _values(claim.properties) for claim in amap.claims}
    link_values = [_values(inference.link.properties) for inference in amap.inferences]
    keys = [
        *((f"h_{key}", "graph", key, "string") for key in header),
        *_KEYS,
        *((f"p_{key}", "node", key, "string") for key in dict.fromkeys(k for v in claim_values.values() for k in v)),
        *((f"lp_{key}", "node", f"link_{key}", "string") for key in dict.fromkeys(k for v in link_values for k in v)),
    ]
    for key, domain, name, value_type in keys:
        ET.SubElement(root, "key", {"id": key, "for": domain, "attr.name": name, "attr.type": value_type})
    graph = ET.SubElement(root, "graph", {"id": "map", "edgedefault": "directed"})
    paths = _section_paths(amap)

    def data(parent: ET.Element, key: str, value: str | bool) -> None:
        element = ET.SubElement(parent, "data", {"key": key})
        element.text = ("true" if value else "false") if isinstance(value, bool) else value

    for key, value in header.items():
        data(graph, f"h_{key}", value)
    for claim in amap.claims:
        node = ET.SubElement(graph, "node", {"id": claim.id})
        data(node, "type", "claim")
        data(node, "label", claim.text)
        data(node, "claim_kind", claim.kind.value)
        data(node, "main", claim.main)
        data(node, "text", claim.text)
        if claim.section is not None:
            data(node, "section", paths[claim.section])
        roles = sorted(role.value for role in amap.roles.get(claim.id, ()))
        if roles:
            data(node, "role", ", ".join(roles))
        for key, value in claim_values[claim.id].items():
            data(node, f"p_{key}", value)
    prefix = "L"
    while any(claim.id.startswith(prefix) and claim.id[len(prefix):].isdigit() for claim in amap.claims):
        prefix = "_" + prefix
    edges = 0

    def edge(source: str, target: str, role: str) -> None:
        nonlocal edges
        edges += 1
        element = ET.SubElement(graph, "edge", {"id": f"e{edges}", "source": source, "target": target})
        data(element, "edge_role", role)

    for inference, values in zip(amap.inferences, link_values, strict=True):
        node_id = f"{prefix}{inference.index + 1}"
        node = ET.SubElement(graph, "node", {"id": node_id})
        support = inference.type is LinkType.SUPPORT
        words = inference.label or values.get("kind", "")
        data(node, "type", "link")
        data(node, "label", ("->" if support else "-x") + (f" {words}" if words else ""))
        data(node, "link_type", "support" if support else "attack")
        data(node, "linked", inference.linked and len(inference.premises) > 1)
        data(node, "undercut", inference.is_undercut)
        if inference.label:
            data(node, "link_label", inference.label)
        for key, value in values.items():
            data(node, f"lp_{key}", value)
        for premise in inference.premises:
            edge(premise, node_id, "premise")
        if inference.target is not None:
            edge(node_id, inference.target, "conclusion")
        else:
            assert inference.target_inference is not None
            edge(node_id, f"{prefix}{inference.target_inference + 1}", "conclusion")
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
