"""An atlas of a big map: an overview with one box per part, and each part drawn on a page of its own.

No picture of thousands of boxes can be read, and Graphviz's ``dot`` needs
minutes (or fails) to lay one out: its time grows much faster than the map.
An atlas needs one small layout per part and one of the parts themselves, so
its time grows with the map, and the pages are drawn side by side.

- **Parts** are the map's top-level sections (``## Title``); a section of more
  than :data:`PAGE_CLAIMS` claims is cut into pages of that size, in source
  order. Claims outside every section are grouped by the branch of the main
  conclusion they belong to (a reason of the main conclusion with all that
  supports or attacks it), small branches packed together, so a map without
  sections gets an atlas too.
- **The overview** has a box per part (its title, how many claims, how many
  links stay inside it; the main conclusion's part drawn bold) linking to the
  part's page, and for each part an arrow to the part most of its outgoing links
  go to, labelled with how many (drawing every link between parts made ``dot``
  take a minute on 40 parts); the box's tooltip lists the rest.
- **A part's page** draws its claims as the map does, with every link that
  touches them; a claim of another part at the far end of a link is a small grey
  dashed box that links to that part's page. An undercut brings the link it
  attacks. The page's title links back to the overview.

:func:`plan_atlas` makes the pages' drawings; :func:`argmap.drawing.run.render_atlas`
runs ``dot`` on them and writes the folder (with an ``index.html``).
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap

from .describe import plural
from .dot import FONT, build, make_options
from .focus import inference_ends
from .graph import Graph
from .labels import balanced_wrap, esc, esc_lines, font, html_label, plain, styled
from .layout import Layout
from .scene import Page
from .svg import Drawing
from .theme import THEMES

__all__ = ["OVERVIEW", "PAGE_CLAIMS", "Atlas", "AtlasPage", "Part", "index_html", "plan_atlas", "plan_parts"]

PAGE_CLAIMS = 200
"""At most this many claims of its own on a page (a section's page of 250 claims took ``dot`` up to a second)."""

GRID_FROM = 12
"""An overview of more parts than this sets them out in rows."""

OVERVIEW = "overview"
"""The file name (without suffix) of the overview."""


@attrs.frozen
class Part:
    """Claims drawn on one page of their own."""

    name: str
    """The page's file name, without suffix."""
    title: str
    claims: tuple[str, ...]
    """Its claims' ids, in source order."""


@attrs.frozen
class AtlasPage:
    """One page: its file name (without suffix), title and drawing."""

    name: str
    title: str
    drawing: Drawing
    claims: int
    """How many claims are the page's own (0 for the overview)."""


@attrs.frozen
class Atlas:
    """The overview and the pages of one map."""

    title: str
    overview: AtlasPage
    pages: tuple[AtlasPage, ...]


def plan_parts(amap: ArgumentMap, limit: int = PAGE_CLAIMS) -> list[Part]:
    """The parts of the map, each of at most ``limit`` claims, in source order."""
    sections = amap.document.sections
    top: list[int] = []
    for section in sections:
        top.append(section.index if section.parent is None else top[section.parent])
    groups: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    outside: list[str] = []
    for claim in amap.claims:
        if claim.section is None:
            outside.append(claim.id)
            continue
        key = f"section-{top[claim.section]}"
        groups.setdefault(key, []).append(claim.id)
        titles[key] = sections[top[claim.section]].title or "(untitled section)"
    parts: list[Part] = []
    for number, chunk in enumerate(_pack(_branches(amap, outside), limit), start=1):
        first = amap.by_id[chunk[0]]
        words = first.text if len(first.text) <= 50 else first.text[:49].rstrip() + "…"
        parts.append(Part(f"part-{number}", f"Part {number}: {words}", tuple(chunk)))
    for key, ids in groups.items():
        chunks = [ids[i : i + limit] for i in range(0, len(ids), limit)]
        for number, chunk in enumerate(chunks, start=1):
            name, title = (key, titles[key]) if len(chunks) == 1 else (f"{key}-{number}", f"{titles[key]} ({number} of {len(chunks)})")
            parts.append(Part(name, title, tuple(chunk)))
    return parts


def _branches(amap: ArgumentMap, ids: Sequence[str]) -> list[list[str]]:
    """``ids`` grouped by the branch of the main conclusion each belongs to (the claim just below
    the main conclusion on its first line of reasoning to it), in source order of the branches."""
    if not ids:
        return []
    above: dict[str, str] = {}  # a claim's first target, the way towards the conclusions
    for inference in amap.inferences:
        if inference.target is not None:
            for premise in inference.premises:
                above.setdefault(premise, inference.target)
    ends = inference_ends(amap)
    for inference in amap.inferences:  # an undercut's premises: towards the step they attack
        if inference.target is None:
            for premise in inference.premises:
                above.setdefault(premise, ends[inference.index][-1])
    branch_of: dict[str, str] = {}

    def branch(claim_id: str) -> str:
        path: list[str] = []
        seen: set[str] = set()  # a circle of support ends the walk
        current = claim_id
        while current not in branch_of and current != amap.main and current in above and current not in seen:
            path.append(current)
            seen.add(current)
            current = above[current]
        found = branch_of.get(current, path[-1] if path and current == amap.main else current)
        for step in path:
            branch_of[step] = found
        return found

    groups: dict[str, list[str]] = {}
    for claim_id in ids:
        groups.setdefault(branch(claim_id), []).append(claim_id)
    return list(groups.values())


def _pack(groups: Sequence[list[str]], limit: int) -> list[list[str]]:
    """Groups packed into chunks of at most ``limit``; a group bigger than that is cut."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for group in groups:
        if len(group) > limit:
            chunks += [group[i : i + limit] for i in range(0, len(group), limit)]
            continue
        if len(current) + len(group) > limit:
            chunks.append(current)
            current = []
        current += group
    if current:
        chunks.append(current)
    return chunks


def plan_atlas(
    amap: ArgumentMap,
    *,
    suffix: str = "svg",
    direction: str = "auto",
    theme: str = "default",
    legend: bool = True,
    limit: int = PAGE_CLAIMS,
) -> Atlas:
    """The drawings of the overview and of every part's page (the DOT; ``dot`` is not run here)."""
    parts = plan_parts(amap, limit)
    home = {claim_id: part for part in parts for claim_id in part.claims}
    ends = inference_ends(amap)  # for an undercut: the claims of the step it attacks
    by_index = {inference.index: inference for inference in amap.inferences}
    touching: dict[str, set[int]] = {}
    between: Counter[tuple[str, str]] = Counter()
    inside: Counter[str] = Counter()
    for inference in amap.inferences:
        near = {home[premise].name for premise in inference.premises}
        far = {home[claim_id].name for claim_id in ends[inference.index] if claim_id not in inference.premises}
        for name in near | far:
            touching.setdefault(name, set()).add(inference.index)
        for a in near:
            for b in far:
                if a == b:
                    inside[a] += 1
                else:
                    between[(a, b)] += 1
    pages = []
    for part in parts:
        drawn = set(touching.get(part.name, ()))
        for index in list(drawn):  # an undercut needs the step it attacks, and so on up
            target = by_index[index].target_inference
            while target is not None and target not in drawn:
                drawn.add(target)
                target = by_index[target].target_inference
        claims = set(part.claims)
        for index in drawn:
            claims.update(ends[index])
            claims.update(by_index[index].premises)
        stubs = {
            claim_id: (f"{home[claim_id].name}.{suffix}", home[claim_id].title)
            for claim_id in claims
            if home[claim_id] is not part
        }
        page = Page(part.title, frozenset(claims), frozenset(drawn), stubs, f"{OVERVIEW}.{suffix}")
        options = attrs.evolve(
            # A page is one part: no frames (the overview shows the parts).
            make_options(
                direction=direction, theme=theme, legend=legend, focus=None, depth=None, sections=False, marks=None, fit=None
            ),
            page=page,
        )
        pages.append(AtlasPage(part.name, part.title, build(amap, options), len(part.claims)))
    overview = _overview(amap, parts, inside, between, home.get(amap.main or ""), suffix, theme)
    return Atlas(amap.title or "Argument map", overview, tuple(pages))


def _overview(
    amap: ArgumentMap,
    parts: Sequence[Part],
    inside: Counter[str],
    between: Counter[tuple[str, str]],
    main_part: Part | None,
    suffix: str,
    theme_name: str,
) -> AtlasPage:
    theme = THEMES[theme_name]
    title = amap.title or "Argument map"
    graph = Graph(
        "atlas",
        graph_attr={
            "rankdir": "BT" if len(parts) <= GRID_FROM else "TB",
            "bgcolor": theme.background,
            "fontname": FONT,
            "nodesep": "0.25",
            "ranksep": "0.5",
            "label": html_label(
                font(styled(esc(title), bold=True), size=16)
                + "<BR/>"
                + font(esc(f"{plural(len(amap.claims), 'claim')} in {plural(len(parts), 'part')}: open a part to read it"), size=11)
            ),
            "labelloc": "t",
        },
        node_attr={"fontname": FONT, "fontsize": "11", "shape": "box", "style": "rounded,filled", "margin": "0.12,0.06"},
        edge_attr={"fontname": FONT, "fontsize": "10", "color": theme.cluster, "fontcolor": theme.cluster, "arrowsize": "0.8"},
    )
    tooltips: dict[str, str] = {}
    titles = {part.name: part.title for part in parts}
    strongest: dict[str, tuple[int, str]] = {}
    for (a, b), count in sorted(between.items()):
        if count > strongest.get(a, (0, ""))[0]:
            strongest[a] = (count, b)
    for part in parts:
        main = part is main_part
        label = font(styled(esc_lines(balanced_wrap(part.title, 28)), bold=True), size=11) + "<BR/>"
        label += font(esc(f"{plural(len(part.claims), 'claim')} · {plural(inside[part.name], 'link')} inside"), size=9)
        if main:
            label += "<BR/>" + font(styled(esc("the main conclusion is here"), italic=True), size=9)
        element_id = f"part-{part.name}"
        out = sorted(((count, b) for (a, b), count in between.items() if a == part.name), reverse=True)
        links = ", ".join(f"{titles[b]} ({count})" for count, b in out[:12]) + (f" and {len(out) - 12} more" if len(out) > 12 else "")
        tooltips[element_id] = f"{part.title}: {plural(len(part.claims), 'claim')}; " + (
            f"links to {links}" if out else "no links to other parts"
        )
        graph.node(
            part.name,
            label=html_label(label),
            fillcolor=theme.nodes["main"].fill if main else theme.background,
            color=theme.nodes["main"].border if main else theme.cluster,
            penwidth="2.5" if main else "1.2",
            URL=f"{part.name}.{suffix}",
            target="_top",
            tooltip=plain(tooltips[element_id]),
            id=element_id,
            _attributes={"class": "part" + (" main" if main else "")},
        )
    grid = len(parts) > GRID_FROM
    if grid:
        # Many parts: in rows, in source order (the links between them, drawn as a chain of
        # strongest links, would stretch into one long line); the arrows then do not place the boxes.
        columns = math.ceil(math.sqrt(len(parts) * 2))
        for index in range(columns, len(parts)):
            graph.edge(parts[index - columns].name, parts[index].name, style="invis")
    for a, (count, b) in sorted(strongest.items()):
        graph.edge(
            a,
            b,
            label=str(count),
            penwidth=f"{1 + math.log2(count) / 2:.2g}",
            tooltip=plain(f"{plural(count, 'link')} from {titles[a]} to {titles[b]}"),
            constraint="false" if grid else None,
        )
    description = (
        f"An overview of a map of {plural(len(amap.claims), 'claim')} in {plural(len(parts), 'part')}, "
        "each drawn on a page of its own. An arrow goes from each part to the part most of its links go to."
    )
    drawing = Drawing(
        source=graph.source,
        title=f"{title}: overview",
        description=description,
        tooltips=tooltips,
        claims=0,
        layout=Layout(str(graph.graph_attr["rankdir"]), 36, 0.25, 0.5, 0.0, 0.0),
    )
    return AtlasPage(OVERVIEW, f"{title}: overview", drawing, 0)


def index_html(atlas: Atlas, overview_svg: bytes, suffix: str = "svg") -> str:
    """A page that shows the overview (its boxes link to the parts) and lists every part."""
    items = "\n".join(
        f'<li><a href="{html.escape(page.name)}.{suffix}">{html.escape(page.title)}</a> '
        f"<span>({html.escape(plural(page.claims, 'claim'))})</span></li>"
        for page in atlas.pages
    )
    svg = overview_svg.decode("utf-8")
    svg = svg[svg.index("<svg") :]  # inline: the overview's links work only in the page itself
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(atlas.title)}: atlas</title>\n"
        "<style>body{font-family:Helvetica,Arial,sans-serif;margin:1.5em;max-width:80em}"
        ".overview{overflow:auto;border:1px solid #ddd;max-height:80vh}li{margin:.2em 0}span{color:#555}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(atlas.title)}</h1>\n"
        "<p>The map is too big to read as one picture: here is an overview of its parts, "
        "and each part on a page of its own. Claims of other parts appear on a page as small grey "
        "boxes that lead to their page.</p>\n"
        f'<div class="overview">{svg}</div>\n<h2>Parts</h2>\n<ol>\n{items}\n</ol>\n</body>\n</html>\n'
    )

