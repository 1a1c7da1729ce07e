"""The key: one small table beside the main conclusion, listing only the boxes, lines and marks drawn.

It sits in the main conclusion's rank (left of it in a map drawn top to
bottom, above it in one drawn left to right), where a tree leaves empty room,
rather than in a frame of its own below the widest rank; its line samples are
table-cell borders, smaller than the map's lines. :mod:`argmap.drawing.key`
says what it lists and how big it is.
"""

from __future__ import annotations

from argmap.core.model import LinkType

from .graph import Graph
from .key import LINK_LEGEND, NODE_LEGEND, key_columns
from .labels import SMALL_TEXT, esc, font, html_label, styled
from .scene import Scene

__all__ = ["KEY_NODE", "add_legend"]

KEY_NODE = "legend.key"
"""The key's node (a '.' cannot occur in a claim id)."""


def add_legend(scene: Scene, graph: Graph) -> None:
    """Add the key: one table in the main conclusion's rank (before it), or at the conclusions' end
    of the map when the main conclusion is not drawn."""
    graph.node(
        KEY_NODE,
        label=html_label(_key_table(scene)),
        shape="plain",
        id="legend",
        tooltip="Key",
        _attributes={"class": "legend"},
    )
    drawn = {claim.id for claim in scene.claims}
    anchor = scene.amap.main if scene.amap.main in drawn else None
    with graph.subgraph() as rank:
        rank.attr(rank="same" if anchor is not None else "max")
        rank.node(KEY_NODE)
        if anchor is not None:
            rank.node(anchor)
    if anchor is not None:
        # A flat edge puts the key before the main conclusion: left of it, or above it in LR.
        graph.edge(KEY_NODE, anchor, style="invis")


def _key_table(scene: Scene) -> str:
    """One flat table, ``columns`` entries a row. A kind's entry is a swatch and its meaning; a
    link's is a line (a cell's bottom border: solid, dashed or dotted), its end (an arrowhead, or
    a bar: a cell's left border) and its meaning, over two table rows so the line runs through
    the middle of its end. Cells are never nested: Graphviz stretches a nested table to fill its
    cell."""
    theme = scene.theme
    entries = scene.key
    columns = key_columns(scene.layout.direction)
    small = SMALL_TEXT
    kinds: list[tuple[str, str]] = []
    for look_name in entries.kinds:
        header, meaning = NODE_LEGEND[look_name]
        look = theme.nodes[look_name]
        style = "dashed" if look.dashed else "rounded"
        kinds.append((
            f'<TD COLSPAN="2" ROWSPAN="2" CELLPADDING="3" BORDER="{max(1, round(look.penwidth))}" '
            f'COLOR="{look.border}" BGCOLOR="{look.fill}" STYLE="{style}" ALIGN="LEFT">'
            f"{font(styled(esc(header), bold=True), size=small, color=look.header)}</TD>"
            f'<TD ROWSPAN="2" ALIGN="LEFT">{font(esc(meaning), size=small)}</TD>',
            "",
        ))
    lines: list[tuple[str, str]] = []
    for look_name in entries.links:
        top, bottom = _link_sample(scene, look_name)
        meaning = f'<TD ROWSPAN="2" ALIGN="LEFT">{font(esc(LINK_LEGEND[look_name]), size=small)}</TD>'
        lines.append((top + meaning, bottom))
    samples = {"solid": "———", "bold": "———", "dashed": "– – –", "dotted": "· · · · ·"}
    for mark in entries.marks:
        meaning = f'<TD ROWSPAN="2" ALIGN="LEFT">{font(esc(mark.meaning), size=small)}</TD>'
        if mark.sample is not None:  # a mark over boxes: its words in a box with its border
            border = {"dashed": "dashed", "dotted": "dotted"}.get(mark.style or "", "rounded")
            kinds.append((
                f'<TD COLSPAN="2" ROWSPAN="2" CELLPADDING="3" BORDER="{max(1, round(mark.penwidth))}" '
                f'COLOR="{mark.color}" STYLE="{border}" ALIGN="LEFT">'
                f"{font(styled(esc(mark.sample), bold=True), size=small, color=mark.color)}</TD>" + meaning,
                "",
            ))
            continue
        sample = font(
            styled(esc(samples.get(mark.style or "solid", "———")), bold=True), size=small + 2, color=mark.color
        )
        lines.append((f'<TD COLSPAN="2" ROWSPAN="2" ALIGN="RIGHT">{sample}</TD>' + meaning, ""))
    title = (
        f'<TR><TD COLSPAN="{3 * columns}" ALIGN="LEFT">'
        f'{font(styled("Key", bold=True), size=small + 1, color=theme.cluster)}</TD></TR>'
    )
    return (
        f'<TABLE BORDER="1" STYLE="rounded" COLOR="{theme.cluster}" BGCOLOR="{theme.background}" '
        f'CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">{title}'
        f'{"".join(_key_rows(kinds, columns))}{"".join(_key_rows(lines, columns))}</TABLE>'
    )


def _key_rows(entries: list[tuple[str, str]], columns: int) -> list[str]:
    """Rows of ``columns`` entries; each entry takes two table rows (its upper and lower cells)."""
    rows = []
    for start in range(0, len(entries), columns):
        chunk = entries[start : start + columns]
        filler = '<TD COLSPAN="3" ROWSPAN="2"></TD>' * (columns - len(chunk))
        upper = "".join(top for top, _ in chunk) + filler
        lower = "".join(bottom for _, bottom in chunk)
        # a row with no cell of its own still needs one, or Graphviz drops it
        rows.append(f"<TR>{upper}</TR><TR>{lower or '<TD></TD>'}</TR>")
    return rows


def _link_sample(scene: Scene, look_name: str) -> tuple[str, str]:
    """A link's sample: the line is the bottom border of the upper of two stacked cells (so it runs
    at mid height), followed by its end over both rows: an arrowhead glyph, or a bar (a cell's left
    border, as long as the map's: 10 x arrowsize pt), with the junction dot where the link has one."""
    theme = scene.theme
    look = theme.edges["support" if look_name == "linked" else look_name]
    support = theme.edges["support"]
    arrow, dot, stroke = "&#9654;", "&#9679;", "&#9472;"  # triangle, circle, box-drawing line
    edge = support if look_name in ("support", "linked") else look
    style = "" if edge.style == "solid" else f' STYLE="{edge.style}"'
    line = (
        f'<TD SIDES="B" BORDER="{max(1, round(edge.penwidth))}" COLOR="{edge.color}"{style} '
        f'WIDTH="34" HEIGHT="7"></TD>'
    )
    green = support.color
    if look_name == "undercut":
        green = _undercut_target_color(scene)
    if look_name == "support":
        end = f'<TD ROWSPAN="2" ALIGN="LEFT">{font(arrow, size=SMALL_TEXT, color=green)}</TD>'
    elif look_name == "linked":
        end = f'<TD ROWSPAN="2" ALIGN="LEFT">{font(dot + stroke + arrow, size=SMALL_TEXT, color=green)}</TD>'
    else:
        bar = f'SIDES="L" BORDER="{max(2, round(look.penwidth))}" COLOR="{look.color}"'
        content = font(dot, size=SMALL_TEXT, color=green) if look_name == "undercut" else ""
        end = f'<TD ROWSPAN="2" {bar} HEIGHT="{round(10 * look.arrowsize)}" ALIGN="LEFT">{content}</TD>'
    return line + end, '<TD HEIGHT="7"></TD>'


def _undercut_target_color(scene: Scene) -> str:
    """The colour of the dot an undercut ends on in this map: an attack's when every undercut drawn
    hits an attack (or an undercut), a support's otherwise."""
    inferences = scene.amap.inferences
    targets = [
        inferences[inference.target_inference]
        for inference in scene.inferences
        if inference.target_inference is not None
    ]
    theme = scene.theme
    if targets and all(target.type is LinkType.ATTACK for target in targets):
        return theme.edges["attack"].color
    return theme.edges["support"].color
