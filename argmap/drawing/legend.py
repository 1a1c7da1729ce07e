"""The key: the kinds of box, the link types and the marks that the map uses, and only those."""

from __future__ import annotations

import graphviz

from .labels import esc, font, html_label, styled
from .scene import Scene
from .theme import EdgeLook, edge_look, node_look

__all__ = ["LINK_LEGEND", "NODE_LEGEND", "add_legend"]

# The legend: node looks and link looks in the order they are listed, with what they mean.
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
    "undercut": ("UNDERCUT", "says a reason does not support its claim"),
}
LINK_LEGEND: dict[str, str] = {
    "support": "supports",
    "linked": "linked: only together",
    "attack": "attacks",
    "rebuttal": "rebuts",
    "undercut": "undercuts the link",
}


def add_legend(scene: Scene, graph: graphviz.Digraph) -> None:
    """Add the key as a frame of its own."""
    node_looks = {node_look(scene.amap, claim) for claim in scene.claims}
    link_looks = {edge_look(scene.amap, inference) for inference in scene.inferences}
    if any(len(inference.premises) > 1 for inference in scene.inferences):
        link_looks.add("linked")
    theme = scene.theme
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(
            label=html_label(font(styled("Key", bold=True), size=12)),
            labelloc=scene.cluster_labelloc,
            labeljust=scene.cluster_labeljust,
            style="rounded",
            color=theme.cluster,
            fontcolor=theme.cluster,
            id="legend",
            tooltip="Key",
            _attributes={"class": "legend"},
        )
        rows = []
        for look_name, (header, meaning) in NODE_LEGEND.items():
            if look_name not in node_looks:
                continue
            look = theme.nodes[look_name]
            cell_style = ' STYLE="rounded"' if not look.dashed else ' STYLE="dashed"'
            rows.append(
                "<TR>"
                f'<TD BORDER="{max(1, round(look.penwidth))}" COLOR="{look.border}" BGCOLOR="{look.fill}"'
                f'{cell_style} ALIGN="LEFT">{font(styled(esc(header), bold=True), size=8.5, color=look.header)}</TD>'
                f'<TD ALIGN="LEFT">{font(esc(meaning), size=10)}</TD>'
                "</TR>"
            )
        if rows:
            table = (
                '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3">' + "".join(rows) + "</TABLE>"
            )
            legend.node("legend.kinds", label=html_label(table), shape="plain", id="legend-kinds")
        _legend_marks(scene, legend)
        # dot lays sibling clusters out right to left here: declare the samples in
        # reverse so they read left to right in the order of LINK_LEGEND.
        for look_name, meaning in reversed(LINK_LEGEND.items()):
            if look_name in link_looks:
                _legend_link(scene, legend, look_name, meaning)


def _legend_marks(scene: Scene, legend: graphviz.Digraph) -> None:
    """One row for each mark a caller laid over the map: a sample line and its meaning."""
    marks = scene.options.marks.legend() if scene.options.marks else []
    if not marks:
        return
    samples = {"solid": "———", "bold": "———", "dashed": "– – –", "dotted": "· · · · ·"}
    rows = []
    for mark in marks:
        if mark.sample is not None:
            border = {"dashed": "dashed", "dotted": "dotted"}.get(mark.style or "", "rounded")
            cell = (
                f'<TD BORDER="{max(1, round(mark.penwidth))}" COLOR="{mark.color}" STYLE="{border}" ALIGN="LEFT">'
                f"{font(styled(esc(mark.sample), bold=True), size=8.5, color=mark.color)}</TD>"
            )
        else:
            line = samples.get(mark.style or "solid", "———")
            cell = f'<TD ALIGN="LEFT">{font(styled(esc(line), bold=True), size=12, color=mark.color)}</TD>'
        rows.append(f'<TR>{cell}<TD ALIGN="LEFT">{font(esc(mark.meaning), size=10)}</TD></TR>')
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2">' + "".join(rows) + "</TABLE>"
    legend.node("legend.marks", label=html_label(table), shape="plain", id="legend-marks")


def _legend_link(scene: Scene, legend: graphviz.Digraph, look_name: str, meaning: str) -> None:
    """One small drawing of a link type, in its own frameless cluster so samples never mix."""
    theme = scene.theme
    look = theme.edges["support" if look_name == "linked" else look_name]
    support = theme.edges["support"]
    name = f"legend.{look_name}"
    tail_word, head_word = _LEGEND_WORDS[look_name]
    label = html_label(font(styled(esc(meaning), italic=True), size=9))

    def style(edge: EdgeLook) -> dict[str, str]:
        return {
            "color": edge.color,
            "style": edge.style,
            "penwidth": f"{edge.penwidth:g}",
            "arrowsize": f"{edge.arrowsize:g}",
        }

    with legend.subgraph(name=f"cluster_legend_{look_name}") as sample:
        # Its own id: a subgraph otherwise inherits the key's, and SVG ids must be unique.
        sample.attr(label="", peripheries="0", id=f"legend-{look_name}", tooltip=f"Key: {look_name}")

        def word(node: str, text: str) -> None:
            sample.node(node, label=html_label(font(esc(text), size=9)), shape="plain")

        word(f"{name}.head", head_word)
        word(f"{name}.tail", tail_word)
        if look_name not in ("linked", "undercut"):
            sample.edge(f"{name}.tail", f"{name}.head", label=label, arrowhead=look.arrowhead, **style(look))
            return
        junction = f"{name}.junction"
        sample.node(junction, label="", shape="point", width="0.13", color=support.color, fillcolor=support.color)
        sample.edge(f"{name}.tail", junction, arrowhead="none", **style(support))
        if look_name == "linked":
            word(f"{name}.tail2", "co-premise")
            sample.edge(f"{name}.tail2", junction, arrowhead="none", **style(support))
            sample.edge(junction, f"{name}.head", label=label, arrowhead=support.arrowhead, **style(support))
        else:
            sample.edge(junction, f"{name}.head", arrowhead=support.arrowhead, **style(support))
            word(f"{name}.undercut", "undercut")
            sample.edge(f"{name}.undercut", junction, label=label, arrowhead=look.arrowhead, **style(look))


_LEGEND_WORDS = {
    "support": ("reason", "claim"),
    "linked": ("reason", "claim"),
    "attack": ("objection", "claim"),
    "rebuttal": ("rebuttal", "objection"),
    "undercut": ("reason", "claim"),
}
