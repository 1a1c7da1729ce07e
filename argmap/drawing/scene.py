"""What one drawing shows: the options, the claims and links drawn, and what the parts share.

A :class:`Scene` is made once per drawing (:func:`argmap.drawing.dot.to_dot`)
and read by each part that adds to the graph: the boxes
(:mod:`~argmap.drawing.boxes`), the links (:mod:`~argmap.drawing.links`), the
section frames (:mod:`~argmap.drawing.sections`) and the key
(:mod:`~argmap.drawing.legend`).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from argmap.analysis.argument_map import ArgumentMap, Inference, Role
from argmap.core.model import Claim, ClaimKind

from .describe import plural
from .focus import DEFAULT_FOCUS_DEPTH, select
from .graph import Form
from .key import KEY_MIN_CLAIMS, KeyEntries, key_entries
from .labels import Wrapping
from .layout import Layout, choose_layout, two_rank_links
from .theme import Mark, Marks, NodeLook, Theme, link_words

__all__ = ["Options", "Page", "Scene", "junction_name"]


@attrs.frozen
class Page:
    """One page of an atlas (:mod:`argmap.drawing.atlas`): what it draws, and where the rest is."""

    title: str
    """The page's heading: its part of the map."""
    claims: frozenset[str]
    """The claims drawn on the page: its own and, as stubs, the far ends of its links."""
    inferences: frozenset[int]
    """The links drawn on the page."""
    stubs: Mapping[str, tuple[str, str]]
    """Claims of other pages drawn small, by id: (the file of their page, its title)."""
    overview: str
    """The file of the overview, which the page's title links back to."""


@attrs.frozen
class Options:
    """The drawing options of :func:`~argmap.drawing.dot.to_dot`, checked."""

    direction: str
    """``auto`` or one of ``BT``, ``TB``, ``LR``, ``RL``: asked for; :attr:`Scene.layout` has the one drawn."""
    theme: Theme
    legend: bool
    focus: str | None
    depth: int | None
    sections: bool | None
    marks: Marks | None = None
    fit: str | None = None
    """The medium the whole map is to be seen on (a key of :data:`argmap.drawing.layout.MEDIA`)."""
    page: Page | None = None
    """Draw one page of an atlas instead of the map (or the part ``focus`` picks)."""
    level: bool = True
    """Ask ``dot`` to keep the reasons of a claim level (``newrank`` and two-rank links). Off only
    to retry a layout that Graphviz 2.43 could not make with it (``trouble in init_rank``)."""


class Scene:
    """The map, the options, and what is drawn; the tooltips the boxes collect as they are added."""

    def __init__(self, amap: ArgumentMap, options: Options) -> None:
        self.amap = amap
        self.options = options
        self.theme = options.theme
        if options.page is not None:
            page = options.page
            self.claims = tuple(claim for claim in amap.claims if claim.id in page.claims)
            self.inferences = tuple(inference for inference in amap.inferences if inference.index in page.inferences)
        else:
            self.claims, self.inferences = select(amap, options.focus, options.depth)
        self.drawn_inferences = {inference.index for inference in self.inferences}
        self.junctions = self._junctions()
        """Inferences drawn through a junction point."""
        self.two_rank = two_rank_links(len(self.claims), self.inferences, self.junctions) if options.level else set()
        """Single reasons drawn two ranks long, level with a linked reason of the same claim."""
        self.tooltips: dict[str, str] = {}
        """By SVG element id: a box's full text (and quote), set in the SVG after ``dot`` has run."""
        shown = options.legend and len(self.claims) >= KEY_MIN_CLAIMS
        self.key: KeyEntries = key_entries(amap, self.claims, self.inferences, options.marks) if shown else _NO_KEY
        """What the key lists (nothing when there is no key)."""
        notes = {claim_id: mark.note for claim_id, mark in options.marks.claims.items() if mark.note} if options.marks else {}
        self.wrappings: dict[str, Wrapping] = {}
        """Each claim text's wrapping, by the text: made for the layout's estimate, reused by the boxes."""
        self.edge_forms: dict[tuple[str, str, str | None], Form] = {}
        """The attributes of unmarked lines, by the theme's look, arrowhead and ``minlen``: see :mod:`~argmap.drawing.links`."""
        self.box_looks: dict[tuple[bool, frozenset[Role], ClaimKind, bool], tuple[NodeLook, str, Form, str]] = {}
        """Unmarked boxes' looks, headers, attributes and CSS classes, by main, roles, kind and focus: see
        :mod:`~argmap.drawing.boxes`."""
        self.layout: Layout = choose_layout(
            amap,
            self.claims,
            self.inferences,
            self.junctions,
            self.key,
            options.direction,
            options.fit,
            notes,
            {inference.index: words for inference in self.inferences if (words := self.link_label(inference))},
            self.wrapping,
        )
        direction = self.layout.direction
        # Graphviz flips a cluster's labelloc under BT and its labeljust under RL:
        # keep frame titles at the top left whichever way the map is turned.
        self.cluster_labelloc = "b" if direction == "BT" else "t"
        self.cluster_labeljust = "r" if direction == "RL" else "l"

    def wrapping(self, text: str) -> Wrapping:
        """The :class:`~argmap.drawing.labels.Wrapping` of a claim's text, made once per drawing."""
        found = self.wrappings.get(text)
        if found is None:
            found = self.wrappings[text] = Wrapping(text)
        return found

    def _junctions(self) -> set[int]:
        """Inferences drawn through a junction point: linked groups, and every inference an
        undercut attacks (so the undercut has a point on the link to hit)."""
        undercut = {inference.target_inference for inference in self.inferences if inference.is_undercut}
        return {
            inference.index
            for inference in self.inferences
            if len(inference.premises) > 1 or inference.index in undercut
        }

    @property
    def partial(self) -> bool:
        """True when only a part of the map is drawn (``focus`` or ``depth``)."""
        return self.options.focus is not None or self.options.depth is not None

    def partial_note(self) -> str:
        """What part of the map a focused drawing shows, in words."""
        around = self.options.focus or self.amap.main or ""
        depth = self.options.depth if self.options.depth is not None else DEFAULT_FOCUS_DEPTH
        return (
            f"partial view: the {len(self.claims)} of {len(self.amap.claims)} claims "
            f"within {plural(depth, 'link')} of {around}"
        )

    def claim_mark(self, claim: Claim) -> Mark | None:
        """The caller's mark laid over a claim, if any."""
        return self.options.marks.claims.get(claim.id) if self.options.marks else None

    def link_label(self, inference: Inference) -> str | None:
        """The words on a link's line: a caller's mark's note, else the link's own words."""
        mark = self.link_mark(inference)
        if mark is not None and mark.note:
            return mark.note
        return link_words(inference)

    def link_mark(self, inference: Inference) -> Mark | None:
        """The caller's mark laid over a link, if any."""
        return self.options.marks.links.get(inference.index) if self.options.marks else None


_NO_KEY = KeyEntries((), (), ())


def junction_name(inference: Inference) -> str:
    """The DOT name of an inference's junction point."""
    # A '.' cannot occur in a claim id, so junction names never clash with claims.
    return f"inference.{inference.index}"
