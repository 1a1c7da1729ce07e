"""The layout: which way a map runs, how wide its boxes are, and how big it will come out.

Argument maps are wide, shallow trees with many leaves: drawn with the main
conclusion at the top they can come out four times wider than high, and
fitted to a screen or a sheet their text shrinks to nothing. Before anything
is drawn, the size of the drawing is estimated in Python (box sizes from the
wrapped text, ranks as ``dot`` will make them), and the direction and wrapping
chosen for the medium it will be seen on (:data:`MEDIA`): ``BT`` while its
smallest text stays readable, else ``LR`` if that fits it markedly larger, or
narrower boxes for a map that is still too wide. docs/rendering.md explains
the rules; ``bench`` and the tests measure the pictures they give.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap, Inference
from argmap.core.model import Claim, ClaimKind

from .key import KeyEntries, key_size
from .labels import (
    LABEL_WRAP_WIDTH,
    SMALL_TEXT,
    WRAP_WIDTH,
    Wrapping,
    balanced_wrap,
    phrase_lines,
    text_width,
    wrap,
)
from .theme import claim_value, header_words, prediction_words

__all__ = [
    "AUTO",
    "EVERY_REASON_TWO_RANKS",
    "LR_WRAP_WIDTH",
    "MEDIA",
    "NARROW_WRAP_WIDTH",
    "REFERENCE_MEDIUM",
    "WIDE_WRAP_WIDTH",
    "Layout",
    "Medium",
    "choose_layout",
    "two_rank_links",
]

AUTO = "auto"
"""The default direction: ``BT``, unless the whole map fitted to the medium (a 1,400 x 900
screen, or the sheet of ``fit``) would make its smallest text unreadable and ``LR`` fits it
at least :data:`LR_GAIN` times larger (a wide, shallow map)."""

LR_WRAP_WIDTH = 44
"""Characters per line when the map runs left to right: wider, shorter boxes make the
columns (a rank of ``LR``) shorter, and a map drawn ``LR`` is short of height, not width."""

NARROW_WRAP_WIDTH = 28
"""Characters per line for a top-to-bottom map that is still too wide: narrower, taller boxes."""

WIDE_WRAP_WIDTH = 56
"""Characters per line for a map turned left to right whose columns are still too tall: wider,
shorter boxes (still within the 45 to 75 characters a comfortable line has)."""

LR_GAIN = 1.15
"""``auto`` turns a map left to right only when that fits it to the medium this much larger."""

MAX_ASPECT = 2.0
"""A top-to-bottom map estimated wider than this (width / height) gets narrower boxes."""

ASPECT_MAP = 15
"""From this many drawn claims on, a map is kept within :data:`MAX_ASPECT`; a smaller one only
needs to be readable."""

MM = 72 / 25.4
"""Points per millimetre."""


@attrs.frozen
class Medium:
    """Where the whole map is looked at: a screen or a sheet of paper, and what is readable there."""

    name: str
    width: float
    """Visible or printable width, in pt (a screen's CSS px x 0.75)."""
    height: float
    turn: bool
    """A sheet of paper may be turned: portrait or landscape, whichever fits the map better."""
    min_text: float
    """The smallest readable text at that size, in pt (on a screen: 9 CSS px = 6.75 pt)."""
    unit: str = "pt"
    """How sizes are said to the user: ``px`` on a screen, ``pt`` on paper."""


MEDIA: Mapping[str, Medium] = {
    "screen": Medium("a 1,400 x 900-pixel screen", 1400 * 0.75, 900 * 0.75, False, 6.75, "px"),
    "a4": Medium("A4", 277 * MM, 190 * MM, True, 5.0),
    "a3": Medium("A3", 400 * MM, 277 * MM, True, 5.0),
}
"""The media ``fit`` knows: the area left inside 10 mm margins on paper."""

REFERENCE_MEDIUM = "a3"
"""Without ``fit``, a map whose smallest text would be under 5 pt on A3 says so."""


@attrs.frozen
class Layout:
    """The direction and wrapping of a drawing, and its estimated size in pt."""

    direction: str
    wrap: int
    """Characters per line of a claim's text."""
    nodesep: float
    """Inches between boxes of a rank (side by side in ``BT``, one above the other in ``LR``)."""
    ranksep: float
    """Inches between ranks (rows in ``BT``, columns in ``LR``)."""
    width: float
    height: float

    def scale(self, medium: Medium) -> float:
        """How much the whole drawing is scaled to fit the medium (turning paper if that is better);
        a screen never enlarges a drawing (a browser shows an SVG at its size or smaller)."""
        fits = [min(medium.width / self.width, medium.height / self.height)]
        if medium.turn:
            fits.append(min(medium.height / self.width, medium.width / self.height))
        best = max(fits)
        return min(best, 1.0) if medium.unit == "px" else best

    def smallest_text(self, medium: Medium) -> float:
        """The size in pt of the drawing's smallest text once fitted to the medium."""
        return SMALL_TEXT * self.scale(medium)

    def page(self, medium: Medium) -> tuple[float, float]:
        """The medium's width and height in pt, turned the way the map fits better."""
        width, height = medium.width, medium.height
        if medium.turn and min(height / self.width, width / self.height) > min(width / self.width, height / self.height):
            width, height = height, width
        return width, height


def choose_layout(
    amap: ArgumentMap,
    claims: Sequence[Claim],
    inferences: Sequence[Inference],
    junctions: Collection[int],
    key: KeyEntries,
    direction: str,
    fit: str | None,
    notes: Mapping[str, str] | None = None,
    labels: Mapping[int, str] | None = None,
    wrapping: Callable[[str], Wrapping] = Wrapping,
) -> Layout:
    """Direction, wrapping width and spacing for a drawing.

    The usual layout (as asked, or ``BT`` for ``auto``; 36 characters a line) stays while its
    smallest text is readable on the medium and, from :data:`ASPECT_MAP` claims on, it is no more
    than :data:`MAX_ASPECT` times wider than high or higher than wide. Otherwise the candidates
    are weighed: narrower boxes in the same direction and, for ``auto``, the map turned left to
    right (44 or 56 characters a line, so its columns are not too tall); the one that fits the
    medium largest within those proportions wins, and a turned map must fit it
    :data:`LR_GAIN` times larger than the best unturned one. When no candidate keeps the
    proportions, the one that comes nearest wins.

    ``wrapping`` gives each claim's text its :class:`~argmap.drawing.labels.Wrapping`: the
    scene's own, so that the boxes reuse the line counts made here.
    """
    medium = MEDIA[fit or "screen"]
    estimate = _Estimate(amap, claims, inferences, junctions, key, notes or {}, labels or {}, wrapping)

    def make(turned: str, wrap_width: int) -> Layout:
        nodesep, ranksep = (0.15, 0.3) if turned in ("LR", "RL") else (0.3, 0.35)
        return Layout(turned, wrap_width, nodesep, ranksep, *estimate.extent(turned, wrap_width, nodesep, ranksep))

    def excess(layout: Layout) -> float:
        """How far outside the proportions a layout is (0 inside, or for a small map)."""
        if len(claims) < ASPECT_MAP:
            return 0.0
        aspect = layout.width / layout.height
        return max(0.0, aspect / MAX_ASPECT - 1, 1 / (aspect * MAX_ASPECT) - 1)

    if direction in ("LR", "RL"):
        candidates = [make(direction, LR_WRAP_WIDTH), make(direction, WIDE_WRAP_WIDTH)]
        usual = candidates[0]
    else:
        down = "BT" if direction == AUTO else direction
        usual = make(down, WRAP_WIDTH)
        candidates = [usual, make(down, NARROW_WRAP_WIDTH)]
        if direction == AUTO:
            candidates += [make("LR", LR_WRAP_WIDTH), make("LR", WIDE_WRAP_WIDTH)]
    if usual.smallest_text(medium) >= medium.min_text and not excess(usual):
        return usual
    best_down = max((c.scale(medium) for c in candidates if c.direction == usual.direction), default=0.0)

    def score(layout: Layout) -> tuple[bool, float, float]:
        size = layout.scale(medium)
        if layout.direction != usual.direction and size < LR_GAIN * best_down and not excess(usual):
            size = 0.0  # turning the map must be worth it
        # Readable text on the medium first: a map that cannot be read is no use in any proportions.
        # Fitted to a page, the page decides the proportions: the largest text wins.
        readable = layout.smallest_text(medium) >= medium.min_text
        return (readable, 0.0 if fit is not None else -excess(layout), size)

    return max(candidates, key=score)


class _Estimate:
    """The size of a drawing before it is drawn: each box from its wrapped text, the ranks as ``dot``
    makes them for a tree (fitted on the examples: within about 10 %, up to 25 % low on deep maps)."""

    def __init__(
        self,
        amap: ArgumentMap,
        claims: Sequence[Claim],
        inferences: Sequence[Inference],
        junctions: Collection[int],
        key: KeyEntries,
        notes: Mapping[str, str],
        labels: Mapping[int, str],
        wrapping: Callable[[str], Wrapping] = Wrapping,
    ) -> None:
        self.amap = amap
        self.claims = claims
        self.key = key
        self.levels = _levels(claims, inferences, junctions)
        self.boxes = {claim.id: _box(amap, claim, notes.get(claim.id), wrapping) for claim in claims}
        self.ranks: dict[int, list[str | int]] = {}
        """The drawn nodes of each rank, in the order of :attr:`levels`."""
        for node, rank in self.levels.items():
            self.ranks.setdefault(rank, []).append(node)
        # A labelled line puts its label between its target's rank and the next: dot makes room.
        self.labels: dict[int, tuple[float, float]] = {}
        """By the rank of the lines' target: the widest and the tallest label (pt) between it and the next."""
        for inference in inferences:
            words = labels.get(inference.index)
            target = inference.target if inference.target is not None else inference.target_inference
            if not words or target not in self.levels:
                continue
            lines = balanced_wrap(words, LABEL_WRAP_WIDTH)
            width = 8 + 5.2 * max(text_width(line) for line in lines)
            height = 4 + 12.5 * len(lines)
            rank = self.levels[target]
            wide, high = self.labels.get(rank, (0.0, 0.0))
            self.labels[rank] = (max(wide, width), max(high, height))

    def extent(self, direction: str, wrap_width: int, nodesep: float, ranksep: float) -> tuple[float, float]:
        """The estimated size in pt of the drawing (title and key included)."""
        junction = (16.0, 16.0)
        sizes: dict[str | int, tuple[float, float]] = {}
        for claim_id, (lines, total, least_width, details) in self.boxes.items():
            # The box's size in pt, as Graphviz will draw it. The lines are counted as :func:`wrap`
            # makes them; ``balanced_wrap`` gives as many lines, about equally long.
            count = lines(wrap_width)
            longest = min(wrap_width, -(-total // count) + 3) if count > 1 else total
            sizes[claim_id] = max(20 + 5.65 * longest, least_width), 22 + 12.5 * count + 11 * details
        ranks = {rank: [sizes.get(node, junction) for node in nodes] for rank, nodes in self.ranks.items()}
        if not ranks:
            return 1.0, 1.0
        gap, between = nodesep * 72, ranksep * 72
        across = [sum(w for w, _ in boxes) + gap * (len(boxes) - 1) for boxes in ranks.values()]
        along = [max(w for w, _ in boxes) for boxes in ranks.values()]
        tall = [sum(h for _, h in boxes) + gap * (len(boxes) - 1) for boxes in ranks.values()]
        high = [max(h for _, h in boxes) for boxes in ranks.values()]
        key_w, key_h = key_size(self.key, direction)
        # The key shares the main conclusion's rank (levels count from the conclusions).
        top = ranks.get(self.levels.get(self.amap.main or "", 0), [(0.0, 0.0)])
        top_across = sum(w for w, _ in top) + gap * (len(top) - 1)
        if direction in ("BT", "TB"):
            width = max(max(across), top_across + (key_w + gap if key_w else 0))
            height = sum(high) + between * (len(ranks) - 1) + max(0.0, key_h - max(h for _, h in top))
            height += sum(high for _, high in self.labels.values())
        else:
            width = sum(along) + between * (len(ranks) - 1) + max(0.0, key_w - max(w for w, _ in top))
            width += sum(wide for wide, _ in self.labels.values())
            height = max(max(tall), sum(h for _, h in top) + key_h + gap)
        title = self.amap.title or "Argument map"
        title_lines = len(wrap(title, 70)) + (1 if self.amap.document.header_value("author") else 0)
        width = max(width, 8.5 * min(len(title), 70))
        return width + 16, height + 20 * title_lines + 16


EVERY_REASON_TWO_RANKS = 300
"""Up to this many drawn claims, every single reason of a map with junction points is drawn two
ranks long; above it, only those that must be (:func:`two_rank_links`)."""


def two_rank_links(claims: int, inferences: Sequence[Inference], junctions: Collection[int]) -> set[int]:
    """The single reasons drawn two ranks long (``minlen=2``), as a link through a junction point
    is, so that all the reasons of a claim sit level.

    On a map of up to :data:`EVERY_REASON_TWO_RANKS` claims with any junction point, every single
    reason; the layouts of the examples were fitted with that, and ``dot`` is fast there. On a
    bigger map only the reasons into a claim that also has a reason through a junction point:
    elsewhere a claim's reasons are level anyway, and two ranks on every single reason made
    ``dot`` 1.3 to 3 times slower on maps of 1,000 to 3,000 claims (docs/performance.md)."""
    singles = [
        inference for inference in inferences if inference.index not in junctions and inference.target is not None
    ]
    if not junctions:
        return set()
    if claims <= EVERY_REASON_TWO_RANKS:
        return {inference.index for inference in singles}
    through_junction = {
        inference.target for inference in inferences if inference.index in junctions and inference.target is not None
    }
    return {inference.index for inference in singles if inference.target in through_junction}


def _levels(claims: Sequence[Claim], inferences: Sequence[Inference], junctions: Collection[int]) -> dict[str | int, int]:
    """Each drawn node's rank counted from the conclusions (the longest path to a node with no
    outgoing link, with the ranks every link takes): what dot's ranking gives a tree. Claims are
    keyed by id, junction points by their inference's index."""
    heads: dict[str | int, list[tuple[str | int, int]]] = {claim.id: [] for claim in claims}
    two_rank = two_rank_links(len(claims), inferences, junctions)
    by_index = {inference.index: inference for inference in inferences}
    for inference in inferences:
        head: str | int
        if inference.target is not None:
            head = inference.target
        else:
            assert inference.target_inference is not None
            head = inference.target_inference if inference.target_inference in by_index else -1
        if inference.index in junctions:
            heads.setdefault(inference.index, []).append((head, 1))
            for premise in inference.premises:
                heads.setdefault(premise, []).append((inference.index, 1))
        else:
            length = 2 if inference.index in two_rank else 1
            heads.setdefault(inference.premises[0], []).append((head, length))
    tails: dict[str | int, list[tuple[str | int, int]]] = {node: [] for node in heads}
    waiting = {node: len(out) for node, out in heads.items()}
    for node, out in heads.items():
        for head, length in out:
            tails.setdefault(head, []).append((node, length))
            waiting.setdefault(head, 0)
    level = dict.fromkeys(waiting, 0)
    ready = [node for node, count in waiting.items() if count == 0]
    while ready:  # sinks first; a node is placed once everything it points to is
        node = ready.pop()
        for tail, length in tails.get(node, []):
            level[tail] = max(level[tail], level[node] + length)
            waiting[tail] -= 1
            if waiting[tail] == 0:
                ready.append(tail)
    return level


_Box = tuple[Callable[[int], int], int, float, int]
"""What a claim box's size depends on, worked out once for all the layouts tried: how many lines
its text wraps into at a width; the text's width in columns, unwrapped; the width in pt the header
(kind, role, id, statement kind) and a prediction's details need; how many lines of small text the
box has besides its header (a prediction's details, a mark's note)."""


def _box(amap: ArgumentMap, claim: Claim, note: str | None, wrapping: Callable[[str], Wrapping]) -> _Box:
    """The box of ``claim``, with a caller's mark's ``note`` under its text; ``wrapping`` gives its text's
    :class:`~argmap.drawing.labels.Wrapping`."""
    header = len(header_words(amap, claim)) + len(claim.id) + 2
    statement = claim_value(claim, "kind")
    if statement:
        header += len(statement) + 3
    details = phrase_lines(prediction_words(claim), 48) if claim.kind is ClaimKind.PREDICTION else []
    if note:
        details += wrap(note)  # drawn in the same small text
    least_width = max(14 + 5.0 * header, 14 + 4.6 * max((text_width(line) for line in details), default=0))
    return wrapping(claim.text).lines, text_width(claim.text), least_width, len(details)
