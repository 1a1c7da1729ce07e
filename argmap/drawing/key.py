"""What the key lists, and how big it is: the kinds of box, link types and marks a drawing uses.

Kept apart from drawing the key (:mod:`argmap.drawing.legend`) because the
layout (:mod:`argmap.drawing.layout`) needs the key's size before anything is
drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap, Inference
from argmap.core.model import Claim

from .theme import Mark, Marks, edge_look, node_look

__all__ = ["KEY_MIN_CLAIMS", "LINK_LEGEND", "NODE_LEGEND", "KeyEntries", "key_columns", "key_entries", "key_size"]

NODE_LEGEND: dict[str, tuple[str, str]] = {
    "main": ("MAIN CONCLUSION", "what the whole text argues for"),
    "conclusion": ("CONCLUSION", "argued for, and often a reason in turn"),
    "premise": ("PREMISE", "a reason the text states"),
    "assumption": ("ASSUMPTION (unstated)", "a reason the text needs but never says"),
    "claim": ("CLAIM", "a claim"),
    "prediction": ("PREDICTION", "a forecast, to be checked later"),
    "recommendation": ("RECOMMENDATION", "what someone should do"),
    "objection": ("OBJECTION", "a reason against a claim"),
    "rebuttal": ("REBUTTAL", "a reason against an objection"),
    "undercut": ("UNDERCUT", "says a step does not follow"),
}
"""The kinds of box, in the order the key lists them, with what they mean."""

LINK_LEGEND: dict[str, str] = {
    "support": "supports",
    "linked": "linked: only together",
    "attack": "attacks",
    "rebuttal": "rebuts",
    "undercut": "undercuts the step it ends on",
}
"""The link types, in the order the key lists them, with what they mean. An undercut may end on a
support or on an attack (a step "does not follow" either way)."""

KEY_MIN_CLAIMS = 3
"""A map of fewer claims than this is drawn without a key: there is nothing to look up."""


@attrs.frozen
class KeyEntries:
    """What a key lists: node looks and link looks drawn, in the key's order, and a caller's marks."""

    kinds: tuple[str, ...]
    links: tuple[str, ...]
    marks: tuple[Mark, ...]

    def __bool__(self) -> bool:
        return bool(self.kinds or self.links or self.marks)


def key_entries(
    amap: ArgumentMap, claims: Sequence[Claim], inferences: Sequence[Inference], marks: Marks | None
) -> KeyEntries:
    """What the key of a drawing of these claims and inferences lists."""
    node_looks = {node_look(amap, claim) for claim in claims}
    link_looks = {edge_look(amap, inference) for inference in inferences}
    if any(len(inference.premises) > 1 for inference in inferences):
        link_looks.add("linked")
    return KeyEntries(
        tuple(name for name in NODE_LEGEND if name in node_looks),
        tuple(name for name in LINK_LEGEND if name in link_looks),
        tuple(marks.legend()) if marks else (),
    )


def key_columns(direction: str) -> int:
    """Entries side by side: two where the key sits beside the main conclusion (a map drawn top to
    bottom), one where it sits above it, in the main conclusion's narrow column (left to right)."""
    return 1 if direction in ("LR", "RL") else 2


def key_size(entries: KeyEntries, direction: str) -> tuple[float, float]:
    """The key's estimated size in pt (0, 0 when there is none)."""
    if not entries:
        return 0.0, 0.0
    columns = key_columns(direction)
    rows = -(-len(entries.kinds) // columns) + -(-(len(entries.links) + len(entries.marks)) // columns)
    return 20 + 290.0 * columns, 22 + 16.5 * rows
