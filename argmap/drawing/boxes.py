"""The box of each claim: its header (kind, role, id), text, prediction details and marks, and its tooltip."""

from __future__ import annotations

import functools

from argmap.analysis.argument_map import Role
from argmap.core.model import Claim, ClaimKind

from .describe import plural
from .graph import Form, Graph
from .labels import (
    SMALL_TEXT,
    balanced_wrap,
    esc,
    esc_lines,
    font,
    html_label,
    phrase_lines,
    plain,
    styled,
    wrap,
)
from .scene import Scene
from .theme import NO_ROLES, Mark, NodeLook, claim_value, header_words, node_look, prediction_words

__all__ = ["add_claim"]


def add_claim(scene: Scene, graph: Graph, claim: Claim) -> None:
    """Add the box of ``claim``: its look from the theme (or a caller's mark), its label and tooltip."""
    page = scene.options.page
    if page is not None and claim.id in page.stubs:
        _add_stub(scene, graph, claim, *page.stubs[claim.id])
        return
    focused = claim.id == scene.options.focus
    mark = scene.claim_mark(claim)
    if mark is None:  # the same few looks for thousands of boxes: worked out once per drawing
        key = (claim.id == scene.amap.main, scene.amap.roles.get(claim.id, NO_ROLES), claim.kind, focused)
        box = scene.box_looks.get(key)
        if box is None:
            box = scene.box_looks[key] = _box_look(scene, claim, focused, None)
    else:
        box = _box_look(scene, claim, focused, mark)
    look, header, form, classes = box
    element_id = f"claim-{claim.id}"
    tooltip = _tooltip(claim, header)
    if mark is not None and mark.note:
        tooltip += f"\n{mark.note}"
    scene.tooltips[element_id] = tooltip
    graph.node_as(
        form,
        claim.id,
        label=_claim_label(scene, claim, header, look, italic=look.italic or claim.kind is ClaimKind.ASSUMPTION),
        tooltip=plain(tooltip),
        id=element_id,
        **{"class": classes},
    )


def _box_look(scene: Scene, claim: Claim, focused: bool, mark: Mark | None) -> tuple[NodeLook, str, Form, str]:
    """How ``claim``'s box looks: the theme's look, its header, its fixed attributes and its CSS classes."""
    look_name = node_look(scene.amap, claim)
    look = scene.theme.nodes[look_name]
    dashed = look.dashed or claim.kind is ClaimKind.ASSUMPTION
    style = "rounded,filled" + (",dashed" if dashed else "")
    border, penwidth = look.border, look.penwidth
    if mark is not None:  # a caller's mark replaces the border's colour and line
        border, penwidth = mark.color, mark.penwidth
        if mark.style is not None:
            style = "rounded,filled" + ("" if mark.style == "solid" else f",{mark.style}")
    form = _box_form(style, look.fill, border, f"{penwidth:g}", "2" if focused else None)
    classes = _classes(
        look_name,
        claim.kind.value,
        scene.amap.roles.get(claim.id, NO_ROLES),
        focused,
        mark.name if mark is not None else None,
    )
    return look, header_words(scene.amap, claim), form, classes


@functools.lru_cache(maxsize=256)
def _box_form(style: str, fill: str, border: str, penwidth: str, peripheries: str | None) -> Form:
    """The attributes boxes of one look share (a theme has ten looks, a mark or a focus makes more)."""
    return Form(
        {
            "shape": "box",
            "style": style,
            "fillcolor": fill,
            "color": border,
            "penwidth": penwidth,
            "margin": "0.11,0.06",
            "peripheries": peripheries,
        },
        ("tooltip", "id"),
        more_slots=("class",),
    )


@functools.lru_cache(maxsize=1024)
def _classes(look_name: str, kind: str, roles: frozenset[Role], focused: bool, mark: str | None) -> str:
    """A box's CSS classes: the same few combinations for thousands of boxes."""
    classes = ["claim", look_name, kind]
    classes += [role.value.replace(" ", "-") for role in sorted(roles, key=role_order)]
    if focused:
        classes.append("focus")
    if mark is not None:
        classes.append(mark)
    return " ".join(dict.fromkeys(classes))


def _add_stub(scene: Scene, graph: Graph, claim: Claim, page_file: str, page_title: str) -> None:
    """A claim of another page of an atlas, small and grey, linking to the page it is drawn on."""
    lines = balanced_wrap(claim.text, 30)
    shown = lines[:2] if len(lines) <= 2 else [lines[0], lines[1] + " …"]
    where = page_title if len(page_title) <= 32 else page_title[:31].rstrip() + "…"
    grey = scene.theme.cluster
    label = (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT">{font(styled(esc(claim.id), bold=True), size=SMALL_TEXT, color=grey)}</TD></TR>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(esc_lines(shown), size=SMALL_TEXT, color=grey)}</TD></TR>'
        f'<TR><TD ALIGN="LEFT">{font(styled(esc(f"→ on {where}"), italic=True), size=SMALL_TEXT, color=grey)}</TD></TR>'
        "</TABLE>"
    )
    element_id = f"claim-{claim.id}"
    scene.tooltips[element_id] = f"{claim.id}: {claim.text}\n(drawn on the page {page_title})"
    graph.node(
        claim.id,
        label=html_label(label),
        shape="box",
        style="rounded,dashed",
        color=grey,
        fillcolor=scene.theme.background,
        margin="0.06,0.03",
        URL=page_file,
        target="_top",
        tooltip=plain(scene.tooltips[element_id]),
        id=element_id,
        _attributes={"class": "claim stub"},
    )


def _tooltip(claim: Claim, header: str) -> str:
    parts = [f"{header.lower()} {claim.id}: {claim.text}"]
    if claim.properties:
        quotes = [quoted for prop in claim.properties if prop.key == "quote" and (quoted := prop.value.strip())]
        if quotes:
            parts.append("quote: " + " · ".join(f"“{quote}”" for quote in quotes))
        for key in ("by", "kind"):
            value = claim_value(claim, key)
            if value:
                parts.append(f"{key}: {value}")
    details = prediction_words(claim)
    if details:
        parts.append(" · ".join(details))
    return "\n".join(parts)


def _claim_label(scene: Scene, claim: Claim, header_text: str, look: NodeLook, *, italic: bool) -> str:
    small = SMALL_TEXT
    id_start, id_end = _framed(small, look.header, False, False)
    rows = [
        _header_cells(header_text, claim_value(claim, "kind"), look.header)
        + f'<TD ALIGN="RIGHT">{id_start}{esc(claim.id)}{id_end}</TD>'
        "</TR>"
    ]
    details = prediction_words(claim)
    if details:
        rows.append(
            f'<TR><TD COLSPAN="3" ALIGN="LEFT" BALIGN="LEFT">'
            f"{font(styled(esc_lines(phrase_lines(details, 48)), italic=True), size=small, color=look.header)}</TD></TR>"
        )
    body = esc_lines(scene.wrapping(claim.text).balanced(scene.layout.wrap))
    start, end = _framed(None, look.text, look.bold, italic) if body else ("", "")
    rows.append(f'<TR><TD COLSPAN="3" ALIGN="LEFT" BALIGN="LEFT">{start}{body}{end}</TD></TR>')
    mark = scene.claim_mark(claim)
    if mark is not None and mark.note:
        rows.append(
            f'<TR><TD COLSPAN="3" ALIGN="LEFT" BALIGN="LEFT">'
            f"{font(styled(esc_lines(wrap(mark.note)), bold=True), size=small, color=mark.color)}</TD></TR>"
        )
    hidden = _hidden_links(scene, claim.id)
    if hidden:
        note = f"+ {plural(hidden, 'link')} not shown"
        rows.append(
            f'<TR><TD COLSPAN="3" ALIGN="RIGHT">'
            f"{font(styled(esc(note), italic=True), size=small, color=look.header)}</TD></TR>"
        )
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>"
    return html_label(table)


@functools.lru_cache(maxsize=256)
def _framed(size: float | None, color: str, bold: bool, italic: bool) -> tuple[str, str]:
    """What :func:`font` and :func:`styled` put before and after a text that is not empty: the same
    few for thousands of boxes."""
    start, end = font(styled("\0", bold=bold, italic=italic), size=size, color=color).split("\0")
    return start, end


@functools.lru_cache(maxsize=1024)
def _header_cells(header_text: str, statement: str | None, color: str) -> str:
    """The start of a box's header row, up to its id: the same few for thousands of boxes."""
    header = styled(esc(header_text), bold=True)
    if statement:
        header += esc(f" · {statement}")
    return f'<TR><TD ALIGN="LEFT">{font(header, size=SMALL_TEXT, color=color)}</TD><TD WIDTH="8"></TD>'


def _hidden_links(scene: Scene, claim_id: str) -> int:
    if len(scene.inferences) == len(scene.amap.inferences) or scene.options.page is not None:
        return 0  # an atlas page draws every link of its own claims
    return sum(
        1
        for inference in scene.amap.inferences
        if inference.index not in scene.drawn_inferences
        and (claim_id in inference.premises or inference.target == claim_id)
    )


def role_order(role: Role) -> int:
    """Roles in the order :class:`~argmap.analysis.Role` lists them (for stable CSS classes)."""
    return _ROLE_ORDER[role]


_ROLE_ORDER = {role: index for index, role in enumerate(Role)}
