"""The look of the map: colours and line styles (themes), marks laid over single claims and links,
and the words for what each claim and link is.

Okabe–Ito colours (colour-blind safe); support and attack never depend on
colour alone (solid with an arrowhead, broken with a bar). docs/rendering.md
explains the visual language to readers.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from argmap.analysis.argument_map import ArgumentMap, Inference, Role
from argmap.core.model import Claim, ClaimKind, LinkType

__all__ = [
    "DEFAULT_THEME",
    "NO_ROLES",
    "PRINT_THEME",
    "THEMES",
    "EdgeLook",
    "Mark",
    "Marks",
    "NodeLook",
    "Theme",
    "claim_value",
    "edge_look",
    "header_words",
    "link_words",
    "node_look",
    "prediction_words",
]


# --- themes -------------------------------------------------------------------


@attrs.frozen
class NodeLook:
    """How one kind of box is drawn."""

    fill: str
    border: str
    text: str = "#000000"
    header: str = "#333333"
    """Colour of the small header (kind, id)."""
    penwidth: float = 1.2
    bold: bool = False
    dashed: bool = False
    """A dashed border: the claim is unstated (an assumption)."""
    italic: bool = False


@attrs.frozen
class EdgeLook:
    """How one kind of link is drawn."""

    color: str
    style: str
    """``solid``, ``dashed`` or ``dotted``: tells the link types apart without colour."""
    arrowhead: str
    """``normal`` (an arrow) for support, ``tee`` (a bar) for every attack."""
    penwidth: float = 1.5
    arrowsize: float = 0.9
    label: str = "#000000"


@attrs.frozen
class Theme:
    """The colours and line styles of one look of the map."""

    name: str
    nodes: Mapping[str, NodeLook]
    """By node look: ``main``, a claim kind's value, or ``objection``/``rebuttal``/``undercut``."""
    edges: Mapping[str, EdgeLook]
    """By link look: ``support``, ``attack``, ``rebuttal``, ``undercut``."""
    background: str = "#FFFFFF"
    cluster: str = "#666666"
    """Border and label colour of a section's frame."""
    title: str = "#000000"


# Okabe–Ito colours (colour-blind safe) as lines, with light tints (30 % colour)
# as fills under black text: see docs/rendering.md and the presentation notes.
_GREEN, _VERMILLION, _BLUE, _PURPLE = "#009E73", "#D55E00", "#0072B2", "#CC79A7"

DEFAULT_THEME = Theme(
    name="default",
    nodes={
        "main": NodeLook(fill="#FFFFFF", border="#000000", penwidth=3.0, bold=True),
        "conclusion": NodeLook(fill="#EDEDED", border="#4D4D4D", penwidth=1.5),
        "claim": NodeLook(fill="#FFFFFF", border="#4D4D4D"),
        "premise": NodeLook(fill="#B2E2D5", border=_GREEN),
        "assumption": NodeLook(fill="#FFFFFF", border=_GREEN, penwidth=1.5, dashed=True, italic=True),
        "prediction": NodeLook(fill="#B2D5E8", border=_BLUE),
        # Not purple: purple is the undercut's, for its border and its line.
        "recommendation": NodeLook(fill="#F0D7E5", border="#4D4D4D", penwidth=1.5),
        "objection": NodeLook(fill="#F2CFB2", border=_VERMILLION),
        "rebuttal": NodeLook(fill="#F7E2B2", border="#333333", penwidth=1.5),
        "undercut": NodeLook(fill="#F2CFB2", border=_PURPLE, penwidth=1.5),
    },
    edges={
        "support": EdgeLook(color=_GREEN, style="solid", arrowhead="normal", arrowsize=1.0),
        # A bar (tee) is 10 x arrowsize pt long: 14 pt stays a bar, not a tick, when the
        # map is fitted to a screen at half its size.
        "attack": EdgeLook(color=_VERMILLION, style="dashed", arrowhead="tee", penwidth=2.0, arrowsize=1.4),
        "rebuttal": EdgeLook(color=_VERMILLION, style="dotted", arrowhead="tee", penwidth=2.5, arrowsize=1.4),
        "undercut": EdgeLook(color=_PURPLE, style="dashed", arrowhead="tee", penwidth=2.5, arrowsize=1.6),
    },
)

PRINT_THEME = Theme(
    name="print",
    nodes={
        "main": NodeLook(fill="#FFFFFF", border="#000000", penwidth=3.0, bold=True),
        "conclusion": NodeLook(fill="#FFFFFF", border="#000000", penwidth=1.5),
        "claim": NodeLook(fill="#FFFFFF", border="#000000"),
        "premise": NodeLook(fill="#FFFFFF", border="#000000"),
        "assumption": NodeLook(fill="#FFFFFF", border="#000000", penwidth=1.5, dashed=True, italic=True),
        "prediction": NodeLook(fill="#FFFFFF", border="#000000"),
        "recommendation": NodeLook(fill="#FFFFFF", border="#000000"),
        # Claims against something are shaded grey, which any printer keeps.
        "objection": NodeLook(fill="#E6E6E6", border="#000000"),
        "rebuttal": NodeLook(fill="#E6E6E6", border="#000000", penwidth=1.5),
        "undercut": NodeLook(fill="#E6E6E6", border="#000000", penwidth=1.5),
    },
    edges={
        "support": EdgeLook(color="#000000", style="solid", arrowhead="normal", arrowsize=1.0),
        "attack": EdgeLook(color="#000000", style="dashed", arrowhead="tee", penwidth=2.0, arrowsize=1.4),
        "rebuttal": EdgeLook(color="#000000", style="dotted", arrowhead="tee", penwidth=2.5, arrowsize=1.4),
        "undercut": EdgeLook(color="#000000", style="dashed", arrowhead="tee", penwidth=2.5, arrowsize=1.6),
    },
    cluster="#000000",
)

THEMES: Mapping[str, Theme] = {"default": DEFAULT_THEME, "print": PRINT_THEME}


# --- marks: extra looks a caller lays over single claims and links ------------------
# (argmap compare's difference map: missing, extra and wrong links and claims)


@attrs.frozen
class Mark:
    """A look laid over one claim or link, in place of the theme's colour and line style,
    with a short note: under a box's text, or as a link's label."""

    name: str
    """The element's extra CSS class in the SVG (``diff-missing``); the legend lists each name once."""
    color: str
    style: str | None = "solid"
    """``solid``, ``dashed``, ``dotted`` or ``bold``: tells marks apart without colour; ``None``
    keeps the element's own line style (a mark that tells itself apart by its note)."""
    penwidth: float = 2.5
    note: str | None = None
    meaning: str = ""
    """The legend's words for this mark; empty leaves it out of the legend."""
    sample: str | None = None
    """For a mark over boxes: the words the legend shows in a small box drawn with the mark's
    border; without it the legend shows a line in the mark's colour and style."""


@attrs.frozen
class Marks:
    """Marks by claim id and by inference index, for :func:`to_dot` and :func:`render`."""

    claims: Mapping[str, Mark] = attrs.field(factory=dict)
    links: Mapping[int, Mark] = attrs.field(factory=dict)

    def legend(self) -> list[Mark]:
        """The marks to explain in the legend: one per name, links first, in a stable order."""
        seen: dict[str, Mark] = {}
        for mark in [*self.links.values(), *self.claims.values()]:
            if mark.meaning and mark.name not in seen:
                seen[mark.name] = mark
        return [seen[name] for name in sorted(seen)]


# --- what each claim and link is called ------------------------------------------

_ATTACK_ROLES = (Role.OBJECTION, Role.REBUTTAL, Role.UNDERCUT)

_KIND_HEADER = {
    ClaimKind.CLAIM: "CLAIM",
    ClaimKind.PREMISE: "PREMISE",
    ClaimKind.ASSUMPTION: "ASSUMPTION (unstated)",
    ClaimKind.CONCLUSION: "CONCLUSION",
    ClaimKind.PREDICTION: "PREDICTION",
    ClaimKind.OBJECTION: "OBJECTION",
    ClaimKind.RECOMMENDATION: "RECOMMENDATION",
}


_MAIN_KIND = {
    ClaimKind.ASSUMPTION: " (unstated)",
    ClaimKind.RECOMMENDATION: " · RECOMMENDATION",
    ClaimKind.PREDICTION: " · PREDICTION",
}
"""What the main claim's header adds for kinds other than a conclusion or a plain claim."""


def node_look(amap: ArgumentMap, claim: Claim) -> str:
    """The look of a claim's box: ``main``, an attacking role, or the claim's kind."""
    if claim.id == amap.main:
        return "main"
    return _role_look(amap.roles.get(claim.id, NO_ROLES)) or claim.kind.value


NO_ROLES: frozenset[Role] = frozenset()
"""The roles of a claim that has none (one object, so looking up the usual claim makes nothing)."""


@functools.lru_cache(maxsize=256)
def _role_look(roles: frozenset[Role]) -> str | None:
    """The look a claim's roles give it, if any: worked out once for each of the few sets of roles
    (an enum member hashes in Python, and a big map asks for thousands of boxes' looks three times)."""
    if Role.MAIN in roles:
        return "main"
    for role, look in ((Role.UNDERCUT, "undercut"), (Role.REBUTTAL, "rebuttal"), (Role.OBJECTION, "objection")):
        if role in roles:
            return look
    return None


def edge_look(amap: ArgumentMap, inference: Inference) -> str:
    """The look of a link: ``support``, ``attack``, ``rebuttal`` (attacks an attacker) or ``undercut``."""
    if inference.is_undercut:
        return "undercut"
    if inference.type is LinkType.SUPPORT:
        return "support"
    if not amap.roles.get(inference.target or "", NO_ROLES).isdisjoint(_ATTACK_ROLES):
        return "rebuttal"
    return "attack"


def header_words(amap: ArgumentMap, claim: Claim) -> str:
    """The box's header: what the claim is (kind and attacking role), e.g. ``REBUTTAL · PREMISE``."""
    if claim.id == amap.main:
        return "MAIN CONCLUSION" + _MAIN_KIND.get(claim.kind, "")
    return _header(amap.roles.get(claim.id, NO_ROLES), claim.kind)


@functools.lru_cache(maxsize=256)
def _header(roles: frozenset[Role], kind: ClaimKind) -> str:
    """:func:`header_words` of a claim other than the main one: the same few for thousands of boxes."""
    words = [role.value.upper() for role in _ATTACK_ROLES if role in roles]
    if not words or kind not in (ClaimKind.OBJECTION, ClaimKind.CLAIM):
        words.append(_KIND_HEADER[kind])
    return " · ".join(words)


def prediction_words(claim: Claim) -> list[str]:
    """What a prediction's box says about it: likelihood, p, deadline, status, and
    ``self-graded`` when only the author has judged it (``claimed`` without a status
    other than ``open``). Empty for other kinds.

    >>> import argmap
    >>> claim = argmap.parse("prediction f: Prices will fall.\\n  likelihood: likely\\n  claimed: yes").claims[0]
    >>> prediction_words(claim)
    ['likely', 'no status', 'self-graded: yes']
    """
    if claim.kind is not ClaimKind.PREDICTION:
        return []
    words: list[str] = []
    likelihood = claim_value(claim, "likelihood")
    if likelihood:
        words.append(likelihood)
    p = claim_value(claim, "p")
    if p:
        words.append(f"p = {p}")
    deadline = claim_value(claim, "deadline")
    if deadline:
        words.append(f"by {deadline}")
    status = claim_value(claim, "status")
    claimed = claim_value(claim, "claimed")
    words.append(f"status: {status}" if status else "no status")
    if claimed:
        if not status or status.lower() == "open":
            words.append(f"self-graded: {claimed}")
        else:
            words.append(f"author's verdict: {claimed}")
    return words


def claim_value(claim: Claim, key: str) -> str | None:
    """A property's value, stripped; None when it is missing or empty."""
    prop = claim.get(key)
    if prop is None or not prop.value.strip():
        return None
    return prop.value.strip()


def link_words(inference: Inference) -> str | None:
    """The words on a link's line: its label, or *example* for a support by example."""
    if inference.label:
        return inference.label
    kind = inference.link.get("kind")
    return "example" if kind is not None and kind.value.strip().lower() == "example" else None
