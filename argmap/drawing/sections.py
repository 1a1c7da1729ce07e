"""Section frames: whether sections are framed, and which frame each box and junction is drawn in.

A section (``## Title``) becomes a Graphviz cluster: a frame around its claims.
:func:`plan_frames` decides where everything goes; :mod:`argmap.drawing.dot`
adds the frames and fills them.
"""

from __future__ import annotations

import attrs

from argmap.analysis.argument_map import Inference

from .focus import inference_ends
from .scene import Scene

__all__ = ["MAX_FRAME_DEPTH", "SECTION_CROSSING_SHARE", "Frames", "plan_frames", "sections_follow_reasoning"]

SECTION_CROSSING_SHARE = 0.25
"""Sections are framed by default only when at most this share of the links cross sections."""

MAX_FRAME_DEPTH = 10
"""Sections are framed to this depth; deeper ones are drawn inside their ancestor at it."""


@attrs.frozen
class Frames:
    """Where each box and junction is drawn: by frame (a section's index), ``None`` being outside every frame."""

    claims: dict[int | None, list[str]]
    """Claim ids by frame, in source order."""
    junctions: dict[int | None, list[int]]
    """Inference indexes of junction points by frame."""
    children: dict[int | None, list[int]]
    """The frames inside each frame (``None``: the top level), in source order."""


def plan_frames(scene: Scene) -> Frames:
    """Where everything goes: in its section's frame when sections are framed, else at the top level."""
    sections = scene.amap.document.sections
    framed = scene.options.sections
    if framed is None:
        framed = sections_follow_reasoning(scene)
    # Frames nest at most MAX_FRAME_DEPTH deep; a deeper section is drawn in its
    # ancestor at that depth (no map needs more, and neither Python nor Graphviz
    # should recurse a thousand frames deep).
    frame: list[int] = []
    depth: list[int] = []
    for section in sections:
        parent = section.parent
        if parent is None:
            depth.append(1)
            frame.append(section.index)
        else:
            depth.append(depth[parent] + 1)
            frame.append(section.index if depth[-1] <= MAX_FRAME_DEPTH else frame[parent])

    def home(section: int | None) -> int | None:
        return frame[section] if framed and section is not None else None

    members: dict[int | None, list[str]] = {}
    for claim in scene.claims:
        members.setdefault(home(claim.section), []).append(claim.id)
    junction_home: dict[int | None, list[int]] = {}
    for inference in scene.inferences:
        if inference.index in scene.junctions:
            where = home(_common_section(scene, inference)) if framed else None
            junction_home.setdefault(where, []).append(inference.index)
    # A section gets a frame only when something is drawn in it or below it.
    used: set[int] = set()
    for index in [*members, *junction_home]:
        while index is not None and index not in used:
            used.add(index)
            index = sections[index].parent
    children: dict[int | None, list[int]] = {}
    for section in sections:
        if section.index in used:
            children.setdefault(section.parent, []).append(section.index)
    return Frames(members, junction_home, children)


def sections_follow_reasoning(scene: Scene) -> bool:
    """True when the sections group claims by line of argument: at least two sections have claims,
    at most :data:`SECTION_CROSSING_SHARE` of the drawn links run from one section to another, and
    no linked group's premises sit in different sections.

    Frames keep a section's claims together. When sections group claims by
    type (facts here, interpretations there, unstated assumptions in a
    third) rather than by line of argument, links cross from frame to frame,
    a linked group's junction can sit in only one of its premises' frames,
    and the frames pull apart the claims that reason together (measured on
    the examples and generated maps: frames by kind multiplied the crossing
    lines six to fifteen times), so by default they are left out.
    """
    amap = scene.amap
    if not amap.document.sections or not scene.inferences:
        return True
    if len({claim.section for claim in scene.claims} - {None}) < 2:
        return False  # one frame round (nearly) everything groups nothing
    ends = inference_ends(amap)
    crossing = 0
    for inference in scene.inferences:
        homes = {amap.by_id[claim_id].section for claim_id in (*inference.premises, *ends[inference.index])}
        homes.discard(None)
        if len(homes) > 1:
            if len(inference.premises) > 1:
                return False
            crossing += 1
    return crossing <= SECTION_CROSSING_SHARE * len(scene.inferences)


def _common_section(scene: Scene, inference: Inference) -> int | None:
    """The innermost section holding every claim an inference's junction joins."""
    amap = scene.amap
    sections = amap.document.sections
    chains = []
    ends = [*inference.premises, *((inference.target,) if inference.target is not None else ())]
    for claim_id in ends:
        chain: list[int | None] = []
        index = amap.by_id[claim_id].section
        while index is not None:
            chain.append(index)
            index = sections[index].parent
        chain.append(None)
        chains.append(chain[::-1])
    common: int | None = None
    for level in zip(*chains, strict=False):
        if all(item == level[0] for item in level):
            common = level[0]
        else:
            break
    return common
