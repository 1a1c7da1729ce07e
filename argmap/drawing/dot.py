"""The map as DOT text: :func:`to_dot`, pure and deterministic.

The same map and options give byte-identical DOT text, in source order
(:func:`argmap.drawing.render` runs ``dot`` on it). Every string a user wrote
passes through exactly one escape, in :mod:`argmap.drawing.labels`; the DOT
statements themselves are built with :class:`~argmap.drawing.graph.Graph` (the
``graphviz`` package's quoting, without its per-call cost), never by
pasting strings together.

The parts of the picture are built in modules of their own, all reading one
:class:`~argmap.drawing.scene.Scene`: boxes (:mod:`~argmap.drawing.boxes`),
lines (:mod:`~argmap.drawing.links`), section frames
(:mod:`~argmap.drawing.sections`) and the key (:mod:`~argmap.drawing.legend`).
The visual language is explained for readers in ``docs/rendering.md``.

>>> import argmap
>>> from argmap.drawing import to_dot
>>> amap = argmap.resolve(argmap.parse('''
... main conclusion c: Cities should plant more trees.
... premise a: Trees cool streets.
... assumption b: Cooler streets are worth paying for.
... a + b -> c
... '''))
>>> dot = to_dot(amap, legend=False)
>>> 'rankdir=BT' in dot, '"inference.0" -> c' in dot
(True, True)
"""

from __future__ import annotations

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.speed import gc_paused

from .boxes import add_claim
from .describe import describe_drawn
from .focus import FocusError
from .graph import Graph
from .labels import esc, esc_lines, font, html_label, plain, styled, wrap
from .layout import AUTO, MEDIA, MM
from .legend import add_legend
from .links import add_inference, add_junction
from .scene import Options, Scene
from .sections import plan_frames
from .svg import Drawing
from .theme import THEMES, Marks, Theme

__all__ = [
    "DIRECTIONS",
    "FORMATS",
    "LARGE_MAP",
    "OVERVIEW_MAP",
    "build",
    "layout_effort",
    "make_options",
    "to_dot",
]

DIRECTIONS: tuple[str, ...] = ("BT", "TB", "LR", "RL")
"""Where the arrows point, from the reasons to the conclusion: ``BT`` (bottom to
top) puts the main conclusion at the top, ``TB`` at the bottom, ``LR`` at the
right and ``RL`` at the left. It is Graphviz's ``rankdir``. The default is
:data:`~argmap.drawing.layout.AUTO`: ``BT``, or ``LR`` for a wide, shallow map."""

FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")
"""What :func:`render` can produce; ``dot`` is :func:`to_dot`'s text, without running Graphviz."""

FONT = "Helvetica"
"""Graphviz maps Helvetica to a metric-compatible font (Liberation Sans, Arial)."""

LARGE_MAP = 300
"""Above this many drawn claims, Graphviz is asked to spend less effort on the layout."""

LARGE_MAP_LAYOUT = {"mclimit": "0.3", "nslimit": "2", "nslimit1": "2"}
"""Fewer crossing-reduction and network-simplex passes: a 1,000-claim map lays out about
three times faster (12.4 s to 4.3 s measured), with somewhat more crossings. Large maps
read best a part at a time anyway (``--focus ID --depth N``)."""

OVERVIEW_MAP = 600
"""Above this many drawn claims, the map is an overview: laid out as fast as Graphviz can."""

OVERVIEW_LAYOUT = {
    "mclimit": "0.05",
    "searchsize": "5",
    "nslimit": "0.01",
    "nslimit1": "0.01",
    "splines": "polyline",
}
"""Almost no crossing reduction or position refinement, and edges as polylines: a
1,000-claim map lays out in about 1.2 s instead of 4.9 s. At this size no single picture
reads well (the slower layout is as tangled), so speed wins; ``--focus`` draws a part."""


def layout_effort(claims: int) -> dict[str, str]:
    """The Graphviz settings that bound layout time for a map of this many drawn claims."""
    if claims > OVERVIEW_MAP:
        return OVERVIEW_LAYOUT
    if claims > LARGE_MAP:
        return LARGE_MAP_LAYOUT
    return {}


def make_options(
    *,
    direction: str,
    theme: str,
    legend: bool,
    focus: str | None,
    depth: int | None,
    sections: bool | None,
    marks: Marks | None,
    fit: str | None,
) -> Options:
    """The drawing options of :func:`to_dot` and :func:`~argmap.drawing.run.render`, checked: the one place
    a new option is validated (ValueError, or FocusError for ``depth``)."""
    return Options(
        direction=direction,
        theme=_theme(direction, theme, depth, fit),
        legend=legend,
        focus=focus,
        depth=depth,
        sections=sections,
        marks=marks,
        fit=fit,
    )


def _theme(direction: str, theme: str, depth: int | None, fit: str | None) -> Theme:
    if direction != AUTO and direction not in DIRECTIONS:
        raise ValueError(f"direction must be {AUTO} or one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if fit is not None and fit not in MEDIA:
        raise ValueError(f"fit must be one of {', '.join(MEDIA)}, not {fit!r}")
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {theme!r}")
    if depth is not None and depth < 0:
        raise FocusError(f"depth must be 0 or more, not {depth}")
    return THEMES[theme]


def to_dot(
    amap: ArgumentMap,
    *,
    direction: str = AUTO,
    theme: str = "default",
    legend: bool = True,
    focus: str | None = None,
    depth: int | None = None,
    sections: bool | None = None,
    marks: Marks | None = None,
    fit: str | None = None,
) -> str:
    """The map as DOT text: deterministic, in source order.

    ``direction`` is where the arrows point, from reasons to conclusion (see
    :data:`DIRECTIONS`), or ``auto`` (the default): ``BT``, or ``LR`` for a map
    so wide and shallow that it fits the medium much better that way
    (:mod:`argmap.drawing.layout`); ``theme`` is ``default`` (colour) or
    ``print`` (black and white); ``legend`` adds a key listing the kinds and
    link types drawn (maps of three claims or more); ``focus`` and ``depth``
    draw only the claims within ``depth`` links of the claim ``focus``
    (``depth`` alone counts from the main conclusion); ``sections`` draws each
    section as a frame (a Graphviz cluster) when true, and no frames when
    false; by default (``None``) sections are framed only when they follow the
    lines of argument (:func:`argmap.drawing.sections.sections_follow_reasoning`).
    ``marks`` lays a :class:`Mark` over single claims and links (a difference
    map), and the legend explains each mark used. ``fit`` names the medium the
    whole map is to be seen on (``screen``, ``a4``, ``a3``): the layout is
    chosen for it and the drawing scaled to it.

    A map with errors is drawn as far as it resolved. Raises :class:`FocusError`
    for an unknown ``focus`` and :class:`ValueError` for an unknown option.
    """
    options = make_options(
        direction=direction, theme=theme, legend=legend, focus=focus, depth=depth, sections=sections, marks=marks, fit=fit
    )
    with gc_paused():
        return build(amap, options).source


def build(amap: ArgumentMap, options: Options) -> Drawing:
    """The DOT source of the drawing, with its title, description and tooltips."""
    scene = Scene(amap, options)
    theme = scene.theme
    layout = scene.layout
    graph = Graph(
        "argmap",
        graph_attr={
            "rankdir": layout.direction,
            "bgcolor": theme.background,
            "fontname": FONT,
            "nodesep": f"{layout.nodesep:g}",
            "ranksep": f"{layout.ranksep:g}",
            "outputorder": "edgesfirst",
            "newrank": "true" if options.level else None,
            "label": _title_label(scene),
            "labelloc": "t",
            "labeljust": "c",
            **layout_effort(len(scene.claims)),
        },
        node_attr={"fontname": FONT, "fontsize": "11"},
        edge_attr={"fontname": FONT, "fontsize": "10"},
    )
    if options.fit is not None:
        medium = MEDIA[options.fit]
        if medium.unit == "pt":
            # Paper: 10 mm round the drawing, so a map as wide as the sheet's printable
            # area comes out as the sheet (PDF's own margin is half an inch).
            graph.attr(margin=f"{10 * MM / 72:.3f}")
        width, height = layout.page(medium)
        graph.attr(size=f"{width / 72:.2f},{height / 72:.2f}")
    _add_frames(scene, graph)
    for inference in scene.inferences:
        add_inference(scene, graph, inference)
    if scene.key:
        add_legend(scene, graph)
    title = amap.title or "Argument map"
    description = describe_drawn(amap, scene.claims, scene.inferences)
    if options.page is not None:
        title += ": " + options.page.title
    if scene.partial:
        title += " (" + scene.partial_note() + ")"
        description = "This is a " + scene.partial_note() + ". " + description
    return Drawing(
        source=graph.source,
        title=title,
        description=description,
        tooltips=scene.tooltips,
        claims=len(scene.claims),
        layout=layout,
    )


def _title_label(scene: Scene) -> str:
    page = scene.options.page
    if page is not None:  # a page of an atlas: its part, and the way back to the overview
        back = font(esc(f"↑ {scene.amap.title or 'Argument map'}: the overview"), size=11, color=scene.theme.cluster)
        return html_label(
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">'
            f"<TR><TD>{font(styled(esc_lines(wrap(page.title, 70)), bold=True), size=16)}</TD></TR>"
            f'<TR><TD HREF="{esc(page.overview)}" TARGET="_top" TOOLTIP="the overview of all parts">{back}</TD></TR>'
            "</TABLE>"
        )
    parts = [font(styled(esc_lines(wrap(scene.amap.title or "Argument map", 70)), bold=True), size=16)]
    author = scene.amap.document.header_value("author")
    if author:
        parts.append(font(esc(f"by {author}"), size=11))
    if scene.partial:
        parts.append(font(styled(esc_lines(wrap(scene.partial_note(), 80)), italic=True), size=11))
    return html_label("<BR/>".join(parts))


def _add_frames(scene: Scene, graph: Graph) -> None:
    """The boxes and junction points, each in its section's frame when sections are framed."""
    frames = plan_frames(scene)
    amap = scene.amap
    sections = amap.document.sections

    def fill(subgraph: Graph, section: int | None) -> None:
        for claim_id in frames.claims.get(section, []):
            add_claim(scene, subgraph, amap.by_id[claim_id])
        for inference_index in frames.junctions.get(section, []):
            add_junction(scene, subgraph, amap.inferences[inference_index])
        for child in frames.children.get(section, []):
            with subgraph.subgraph(name=f"cluster_section_{child}") as cluster:
                cluster.attr(
                    label=html_label(font(styled(esc(sections[child].title), bold=True), size=12)),
                    labelloc=scene.cluster_labelloc,
                    labeljust=scene.cluster_labeljust,
                    style="rounded",
                    color=scene.theme.cluster,
                    fontcolor=scene.theme.cluster,
                    penwidth="1",
                    id=f"section-{child}",
                    tooltip=plain(sections[child].title),
                    _attributes={"class": "section"},
                )
                fill(cluster, child)

    fill(graph, None)
