"""The lines: each inference as an edge, or through a junction point (linked premises, an undercut's target).

Support is solid with an arrowhead, attack broken with a bar; an undercut
ends on the junction point of the inference it attacks. The looks come from
the theme (:mod:`argmap.drawing.theme`), a caller's mark overriding them.
"""

from __future__ import annotations

import functools

from argmap.analysis.argument_map import Inference

from .describe import inference_words
from .graph import Form, Graph
from .labels import LABEL_WRAP_WIDTH, balanced_wrap, esc_lines, font, html_label, plain, styled
from .scene import Scene, junction_name
from .theme import EdgeLook, edge_look, link_words

__all__ = ["JUNCTION_HALO", "JUNCTION_SIZE", "add_inference", "add_junction"]

JUNCTION_SIZE = "0.22"
"""A junction's outer diameter in inches, its ring included."""

JUNCTION_HALO = "5"
"""Width of the background-coloured ring round a junction dot (half of it inside the node)."""


def add_junction(scene: Scene, graph: Graph, inference: Inference) -> None:
    """Add the junction point of an inference drawn through one."""
    look_name = edge_look(scene.amap, inference)
    look = scene.theme.edges[look_name]
    kind = "linked" if len(inference.premises) > 1 else "single"
    mark = scene.link_mark(inference)
    color = mark.color if mark is not None else look.color
    graph.node_as(
        _junction_form(scene.theme.background, color),
        junction_name(inference),
        label="",
        tooltip=plain(inference_words(scene.amap, inference)),
        id=f"inference-{inference.index}",
        **{"class": f"junction {look_name} {kind}"},
    )


@functools.lru_cache(maxsize=256)
def _junction_form(background: str, fill: str) -> Form:
    """The attributes the junction points of one colour share."""
    # A dot of about 11 pt in a ring of the background's colour: lines stop short of the
    # dot, so an undercut's bar stays a bar beside it instead of merging with it.
    return Form(
        {
            "shape": "circle",
            "fixedsize": "true",
            "width": JUNCTION_SIZE,
            "style": "filled",
            "penwidth": JUNCTION_HALO,
            "color": background,
            "fillcolor": fill,
        },
        ("tooltip", "id"),
        more_slots=("class",),
    )


def add_inference(scene: Scene, graph: Graph, inference: Inference) -> None:
    """Add the edges of an inference: premises to its junction and on to the target, or one edge."""
    look_name = edge_look(scene.amap, inference)
    look = scene.theme.edges[look_name]
    if inference.target is not None:
        head = inference.target
    else:
        assert inference.target_inference is not None
        head = junction_name(scene.amap.inferences[inference.target_inference])
    label = None
    words = link_words(inference)
    if words:
        label = html_label(font(styled(esc_lines(balanced_wrap(words, LABEL_WRAP_WIDTH)), italic=True), color=look.label))
    css = f"link {look_name}" + (" linked" if len(inference.premises) > 1 else "")
    mark = scene.link_mark(inference)
    if mark is None:
        form = functools.partial(_look_form, scene, look_name)
    else:  # a caller's mark replaces the line's colour and style, its note the label
        css += f" {mark.name}"
        common = _common(look)
        common.update(color=mark.color, penwidth=f"{mark.penwidth:g}")
        if mark.style is not None:
            common["style"] = mark.style
        if mark.note:
            label = html_label(font(styled(esc_lines(balanced_wrap(mark.note, LABEL_WRAP_WIDTH)), bold=True), color=mark.color))
        form = functools.partial(_edge_form, **common)
    if inference.index in scene.junctions:
        junction = junction_name(inference)
        into_junction = form("none", None)
        for number, premise in enumerate(inference.premises):
            graph.edge_as(into_junction, premise, junction, id=f"link-{inference.index}-{number}", **{"class": css})
        graph.edge_as(form(look.arrowhead, None), junction, head, label=label, id=f"link-{inference.index}", **{"class": css})
    else:
        # Two ranks, like a link through a junction, so every reason of a claim sits level.
        minlen = "2" if inference.index in scene.two_rank else None
        graph.edge_as(
            form(look.arrowhead, minlen), inference.premises[0], head, label=label, id=f"link-{inference.index}", **{"class": css}
        )


def _common(look: EdgeLook) -> dict[str, str]:
    """The attributes of a line of ``look`` that a caller's mark may replace."""
    return {"color": look.color, "style": look.style, "penwidth": f"{look.penwidth:g}", "arrowsize": f"{look.arrowsize:g}"}


def _look_form(scene: Scene, look_name: str, arrowhead: str, minlen: str | None) -> Form:
    """:func:`_edge_form` of an unmarked line of the theme's look ``look_name``, remembered by the scene."""
    key = (look_name, arrowhead, minlen)
    form = scene.edge_forms.get(key)
    if form is None:
        form = scene.edge_forms[key] = _edge_form(arrowhead, minlen, **_common(scene.theme.edges[look_name]))
    return form


@functools.lru_cache(maxsize=256)
def _edge_form(arrowhead: str, minlen: str | None, *, color: str, style: str, penwidth: str, arrowsize: str) -> Form:
    """The attributes the lines of one look share (a theme has four looks; marks make more)."""
    return Form(
        {"arrowhead": arrowhead, "minlen": minlen},
        ("id",),
        {"color": color, "style": style, "penwidth": penwidth, "arrowsize": arrowsize},
        ("class",),
    )
