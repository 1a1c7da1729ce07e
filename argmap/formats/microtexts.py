"""Import the Potsdam argumentative microtexts (arggraph XML, Peldszus & Stede) as a map.

An ``arggraph`` file segments a short text into EDUs (``<edu>``), groups them
into argumentative units (``<adu type="pro|opp">``) and relates those by
``<edge>`` elements:

========  ================  =====================================================
edge      from → to         in the map
========  ================  =====================================================
``seg``   EDU/joint → ADU   the claim's text and quote
``sup``   ADU → ADU         ``a -> c``
``exa``   ADU → ADU         ``a -> c`` with ``kind: example``
``reb``   ADU → ADU         ``a -x c``
``und``   ADU → edge        ``u -x (…)``: an undercut of that edge's inference
``add``   ADU → edge        one more premise of that edge: ``a + b -> c``
========  ================  =====================================================

An ADU becomes a claim with the ADU's id. Its text is its first EDU in text
order; each of its EDUs is a ``quote:`` (a restatement is a second passage). The ADU that is the source of
no edge is the main conclusion. ``implicit="true"`` EDUs (part 2 of the
corpus; not in the DTD) are not quoted: the corpus's ``.txt`` has them in
capitals. Opponent ADUs are tagged ``opp``. Edges may name edges written
after them; undercuts of undercuts nest to any depth.

When the text (``micro_b001.txt`` beside ``micro_b001.xml``) is given, it is
the map's ``source:`` and each EDU its claim's ``quote:``.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

from argmap.core.model import ClaimKind, LinkType

from .build import ClaimTarget, InferenceTarget, MapBuilder
from .result import Conversion, FormatError

__all__ = ["FORMAT_NAME", "import_microtexts"]

FORMAT_NAME = "Potsdam argumentative microtexts, arggraph XML"

_EXAMPLE = (("kind", "example"),)
"""The link property of a support by example (``exa``)."""
_ARGUMENTATIVE = {"sup": LinkType.SUPPORT, "exa": LinkType.SUPPORT, "reb": LinkType.ATTACK, "und": LinkType.ATTACK}


def parse_xml(data: bytes, path: str, root_tag: str | None = None) -> ET.Element:
    """A well-formed XML document's root, without entity declarations; :class:`FormatError` otherwise."""
    if re.search(rb"<!ENTITY", data[:65536]):
        raise FormatError(path, "the XML declares entities, which argmap does not expand")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise FormatError(path, f"not well-formed XML at line {line}, column {column + 1}: {reason}") from None
    if root_tag is not None and root.tag != root_tag:
        raise FormatError(path, f"the root element is <{root.tag}>, not <{root_tag}>: this is not an {root_tag} file")
    return root


def _attribute(element: ET.Element, name: str, path: str) -> str:
    value = element.get(name)
    if value is None or not value.strip():
        shown = element.get("id")
        which = f" {shown!r}" if shown else ""
        raise FormatError(path, f"<{element.tag}{which}> has no {name}=\"…\" attribute")
    return value.strip()


def import_microtexts(data: bytes, path: str, text: str | None = None, text_name: str | None = None) -> Conversion:
    """The map of an arggraph XML file; ``text`` is its ``.txt`` (the source of the quotes), if known."""
    root = parse_xml(data, path, "arggraph")
    build = MapBuilder(os.path.basename(path), FORMAT_NAME)
    graph_id = (root.get("id") or "").strip()
    if graph_id:
        build.add_header("title", graph_id)
    topic, stance = root.get("topic_id"), root.get("stance")
    if topic or stance:
        build.comments.append(f"topic_id: {topic or '(none)'}, stance: {stance or '(none)'}")
    if text is not None:
        build.set_source(text_name or os.path.splitext(os.path.basename(path))[0] + ".txt", text)

    edus: dict[str, tuple[int, str, bool]] = {}  # id -> (position, text, implicit)
    joints: set[str] = set()
    adus: dict[str, str] = {}  # id -> pro | opp
    edges: dict[str, tuple[str, str, str]] = {}  # id -> (src, trg, type)
    seen: set[str] = set()
    for element in root:
        tag = element.tag
        if tag not in ("edu", "joint", "adu", "edge"):
            build.warn(f"an unknown element <{tag}> was ignored")
            continue
        element_id = _attribute(element, "id", path)
        if element_id in seen:
            raise FormatError(path, f"the id {element_id!r} is used twice")
        seen.add(element_id)
        if tag == "edu":
            implicit = (element.get("implicit") or "").strip().lower() == "true"
            edus[element_id] = (len(edus), " ".join((element.text or "").split()), implicit)
        elif tag == "joint":
            joints.add(element_id)
        elif tag == "adu":
            role = _attribute(element, "type", path)
            if role not in ("pro", "opp"):
                raise FormatError(path, f"<adu {element_id!r}> has type {role!r}: expected pro or opp")
            adus[element_id] = role
        else:
            kind = _attribute(element, "type", path)
            if kind not in ("seg", "add", *_ARGUMENTATIVE):
                raise FormatError(path, f"<edge {element_id!r}> has type {kind!r}: expected seg, sup, exa, reb, und or add")
            edges[element_id] = (_attribute(element, "src", path), _attribute(element, "trg", path), kind)
    if not adus:
        raise FormatError(path, "the file has no <adu> elements")

    # Segmentation: the EDUs of each ADU, directly or through a joint.
    joint_edus: dict[str, list[str]] = {}
    adu_edus: dict[str, list[str]] = {adu: [] for adu in adus}
    for edge_id, (src, trg, kind) in edges.items():
        if kind != "seg":
            continue
        if src in edus and trg in joints:
            joint_edus.setdefault(trg, []).append(src)
        elif (src in edus and trg in adus) or (src in joints and trg in adus):
            adu_edus[trg].append(src)
        else:
            build.warn(f"a seg edge must run from an EDU or joint to an ADU or joint ({src} -> {trg}): ignored", f"edge {edge_id}")
    grounded: set[str] = set()
    for adu, role in adus.items():
        pieces: list[tuple[int, str, bool, str]] = []  # (position, text, implicit, edu ids)
        for unit in adu_edus[adu]:
            if unit in joints:
                members = sorted(joint_edus.get(unit, []), key=lambda e: edus[e][0])
                grounded.update(members)
                if members:
                    pieces.append(
                        (edus[members[0]][0], " ".join(edus[m][1] for m in members),
                         all(edus[m][2] for m in members), unit)
                    )
            else:
                grounded.add(unit)
                pieces.append((*edus[unit], unit))
        pieces.sort()
        where = f"ADU {adu}"
        if not pieces:
            build.warn("the ADU has no text (no seg edge leads to it)", where)
        first = pieces[0] if pieces else (0, "", False, "")
        build.add_claim(adu, first[1], where)
        if first[2]:
            build.add_property(adu, "note", 'implicit in the text (implicit="true")')
        for _, words, implicit, _ in pieces:  # a restatement is a second passage: a second quote
            if not implicit and words:
                build.quote(adu, words)
        if role == "opp":
            build.add_property(adu, "tags", "opp")
    for edu in edus:
        if edu not in grounded:
            build.warn("the EDU belongs to no ADU (not argumentative): left out", f"EDU {edu}")

    # Argumentation: one inference per sup/exa/reb/und edge, its add edges as more premises.
    more: dict[str, list[str]] = {}
    for edge_id, (src, trg, kind) in edges.items():
        if kind == "add":
            if src not in adus or trg not in edges or edges[trg][2] not in _ARGUMENTATIVE:
                build.warn(f"an add edge must run from an ADU to a sup, exa, reb or und edge ({src} -> {trg}): ignored",
                           f"edge {edge_id}")
                continue
            more.setdefault(trg, []).append(src)
    sources: set[str] = set()
    for edge_id, (src, trg, kind) in edges.items():
        if kind not in _ARGUMENTATIVE:
            continue
        where = f"edge {edge_id}"
        if src not in adus:
            build.warn(f"the edge must start at an ADU, not {src!r}: ignored", where)
            continue
        target: ClaimTarget | InferenceTarget
        if kind == "und":
            if trg not in edges or edges[trg][2] not in _ARGUMENTATIVE:
                build.warn(f"an und edge must point at a sup, exa, reb or und edge, not {trg!r}: ignored", where)
                continue
            target = InferenceTarget(trg)
        elif trg in adus:
            target = ClaimTarget(trg)
        else:
            build.warn(f"a {kind} edge must point at an ADU, not {trg!r}: ignored", where)
            continue
        premises = [src, *more.get(edge_id, [])]
        sources.update(premises)
        build.add_inference(edge_id, _ARGUMENTATIVE[kind], premises, target, where,
                            properties=_EXAMPLE if kind == "exa" else ())

    roots = [adu for adu in adus if adu not in sources]
    if len(roots) == 1:
        build.set_main(roots[0])
        if adus[roots[0]] == "opp":
            build.warn("the central claim is the opponent's (type opp)", f"ADU {roots[0]}")
    for adu in adus:
        if adu not in roots and adu_edus[adu] and all(
            edus[unit][2] for unit in adu_edus[adu] if unit in edus
        ) and not any(unit in joints for unit in adu_edus[adu]):
            build.set_kind(adu, ClaimKind.ASSUMPTION)
    return build.conversion()
