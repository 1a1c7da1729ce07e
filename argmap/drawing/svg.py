"""SVG post-processing: what screen readers and browsers need, added after ``dot`` has drawn the map.

A root ``<title>`` and ``<desc>``, ``role="img"`` and ``aria-labelledby``, and
each box's full text and quote as its tooltip (set here, from the map, so no
Graphviz escaping can alter it).
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Mapping

import attrs

from .labels import LINE_BREAK, visible
from .layout import Layout

__all__ = ["SVG_NS", "XLINK_NS", "Drawing", "finish_svg"]

SVG_DASHES = {"5,2": "6,6", "1,5": "2,6"}
"""Graphviz's SVG dash patterns (dashed, dotted), and the ones its cairo output (PNG, PDF) draws instead."""

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


@attrs.frozen
class Drawing:
    """The DOT source and what post-processing the SVG needs to know."""

    source: str
    title: str
    description: str
    tooltips: Mapping[str, str]
    """By SVG element id: the full text (and quote) of the box."""
    claims: int
    """How many claims are drawn."""
    layout: Layout
    """The direction and wrapping chosen, with the estimated size."""


def finish_svg(svg: bytes, drawing: Drawing) -> bytes:
    """Add a root title and description, ``role="img"``, and each box's full text as its
    tooltip (set here, from the map, so no Graphviz escaping can alter it)."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    suffix = hashlib.sha256(drawing.source.encode("utf-8")).hexdigest()[:8]
    title_id, desc_id = f"argmap-title-{suffix}", f"argmap-desc-{suffix}"
    title = ET.Element(f"{{{SVG_NS}}}title", {"id": title_id})
    title.text = visible(drawing.title)
    desc = ET.Element(f"{{{SVG_NS}}}desc", {"id": desc_id})
    desc.text = visible(drawing.description)
    root.insert(0, desc)
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    for element in root.iter():
        # Graphviz's SVG dashes (5 on, 2 off) close up when a map is fitted to a screen, and a
        # dashed line looks solid; use the pattern its PNG and PDF output draws (cairo's).
        dashes = element.get("stroke-dasharray")
        if dashes in SVG_DASHES:
            element.set("stroke-dasharray", SVG_DASHES[dashes])
    for group in root.iter(f"{{{SVG_NS}}}g"):
        if group.get("id") == "graph0":
            graph_title = group.find(f"{{{SVG_NS}}}title")
            if graph_title is not None:
                graph_title.text = title.text
        tooltip = drawing.tooltips.get(group.get("id", ""))
        if tooltip is None:
            continue
        text = LINE_BREAK.sub("\n", visible(tooltip))  # XML would turn a lone CR into LF anyway
        node_title = group.find(f"{{{SVG_NS}}}title")
        if node_title is not None:
            node_title.text = text
        for anchor in group.iter(f"{{{SVG_NS}}}a"):
            anchor.set(f"{{{XLINK_NS}}}title", text)
    finished: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return finished + b"\n"
