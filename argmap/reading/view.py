"""The reading view: the source text beside its map, as one self-contained HTML page.

:func:`annotate` returns the page as a string. The source text is shown line
by line with each claim's quote highlighted in the colour of the claim's box
(the renderer's theme, :data:`argmap.drawing.DEFAULT_THEME`), the stretches an
ellipsis in a quote leaves out shown hatched, and the sentences that carry
argument indicators but that no claim quotes marked with a dotted underline
and a ``?`` in the margin. The map is the renderer's SVG, inlined.

The page loads nothing: its CSS and script (``view.css`` and ``view.js`` beside
this module, with the template ``page.html``) are inline, and a
``Content-Security-Policy`` forbids every network load and every script but
its own (by hash). It works opened from a file, with the mouse and the
keyboard, and prints the text and then the map.

Every string from the ``.arg`` file and the source is escaped exactly once, at
this boundary: :func:`html.escape` for text and attributes, and a JSON blob
(with ``<``, ``>`` and ``&`` as ``\\u`` escapes) for what the script needs; no
user string is ever pasted into the script. The SVG is parsed, checked against
a list of the elements and attributes Graphviz writes, and serialised again.

>>> import argmap
>>> amap = argmap.resolve(argmap.parse('''
... main conclusion c: Cities should plant more trees.
... premise a: Trees cool streets.
... a -> c
... '''))
>>> page = annotate(amap)
>>> page.startswith("<!DOCTYPE html>"), 'id="claim-a"' in page
(True, True)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.analysis.grounding import INDICATORS, Coverage, Grounding, QuoteMatch
from argmap.core.model import Claim, ClaimKind
from argmap.drawing import (
    DEFAULT_THEME,
    SVG_NS,
    XLINK_NS,
    FitWarning,
    Marks,
    header_words,
    node_look,
    render,
    visible,
)

__all__ = ["CONTENT_SECURITY_POLICY", "annotate"]


# --- escaping: every user string passes through _esc (or _json) exactly once ----------


def _esc(text: str) -> str:
    """User text for HTML text or a quoted attribute: control characters made visible, then escaped."""
    return html.escape(visible(text).replace("\r", "<U+000D>"), quote=True)


def _json(data: object) -> str:
    """JSON for a ``<script type="application/json">`` element: nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


# --- what each claim is, and where it is in the text --------------------------------------

_LOOK_WORDS = {"main": "main conclusion"}


@attrs.frozen
class _ClaimInfo:
    claim: Claim
    look: str
    label: str
    """What the claim is, for people: ``premise a: Trees cool streets.``"""
    status: str
    """``quoted``, ``unstated`` (an assumption), ``missing`` (quote not found),
    ``unchecked`` (no source to look in) or ``none`` (no quote)."""
    matches: tuple[QuoteMatch, ...]
    """Every passage of the text that states the claim, in the order of its quotes."""

    @property
    def match(self) -> QuoteMatch | None:
        """The first passage found, if any."""
        return self.matches[0] if self.matches else None

    def describe(self) -> str:
        """The label with where the claim is in the text, for screen readers and tooltips."""
        lines = sorted({match.line for match in self.matches})
        if len(lines) > 1:
            placed = "lines " + ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"
        else:
            placed = "line " + "".join(map(str, lines))
        where = {
            "quoted": f"quoted on {placed} of the text",
            "unstated": "unstated: the text does not say it",
            "missing": "its quote was not found in the text",
            "unchecked": "its quote could not be checked: there is no source text",
            "none": "it has no quote from the text",
        }[self.status]
        return f"{self.label} ({where})"


def _claims(amap: ArgumentMap) -> dict[str, _ClaimInfo]:
    grounding = amap.grounding
    infos: dict[str, _ClaimInfo] = {}
    for claim in amap.claims:
        quote = claim.get("quote")
        has_quote = quote is not None and bool(quote.value.strip())
        matches = grounding.passages.get(claim.id, ()) if grounding is not None else ()
        if matches:
            status = "quoted"
        elif claim.kind is ClaimKind.ASSUMPTION:
            status = "unstated"
        elif not has_quote:
            status = "none"
        elif grounding is None:
            status = "unchecked"
        else:
            status = "missing"
        header = header_words(amap, claim).lower()
        infos[claim.id] = _ClaimInfo(claim, node_look(amap, claim), f"{header} {claim.id}: {claim.text}", status, matches)
    return infos


# --- colours: the renderer's theme ---------------------------------------------------------

_LOOK_NAME = re.compile(r"[a-z][a-z-]*\Z")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}\Z")


def _tint(color: str, share: float) -> str:
    """``color`` mixed with white: ``share`` of the colour."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def _look_css() -> str:
    """A CSS class per box look, setting the highlight's fill, line colour and line weight."""
    rules = []
    for name, look in DEFAULT_THEME.nodes.items():
        if not (_LOOK_NAME.match(name) and _HEX.match(look.fill) and _HEX.match(look.border)):
            continue
        # A white box (main conclusion, plain claim) is highlighted in a tint of its border.
        fill = look.fill if look.fill.upper() != "#FFFFFF" else _tint(look.border, 0.2)
        weight = min(4.0, max(2.0, look.penwidth * 1.3))
        rules.append(f".k-{name}{{--fill:{fill};--line:{look.border};--w:{weight:.1f}px}}")
    return "\n".join(rules)


# --- the source text, with quotes and unmapped sentences marked ------------------------------

_QUOTE, _GAP, _SENTENCE, _INDICATOR = "quote", "gap", "sentence", "indicator"
# Which mark goes outside which when two start at the same place and end at the same place.
_LAYER = {_SENTENCE: 0, _QUOTE: 1, _GAP: 2, _INDICATOR: 3}


@attrs.frozen
class _Mark:
    """A stretch of the source to wrap in an element (split where marks cross or lines end)."""

    start: int
    end: int
    type: str
    key: str
    """The claim id (quote, gap) or the sentence number (sentence, indicator)."""
    order: int
    """Position in the claim list: keeps nesting deterministic."""
    passage: int = 0
    """Which of the claim's passages (quotes) a quote or gap belongs to."""


def _indicator_pattern() -> re.Pattern[str]:
    words = sorted({word for group in INDICATORS.values() for word in group}, key=lambda w: (-len(w), w))
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)
    return re.compile(r"\b(?:" + alternatives + r")\b", re.IGNORECASE)


_INDICATOR_WORDS = _indicator_pattern()


def _quote_marks(infos: dict[str, _ClaimInfo]) -> list[_Mark]:
    marks: list[_Mark] = []
    for order, info in enumerate(infos.values()):
        for passage, match in enumerate(info.matches):
            position = match.start
            claim_id = info.claim.id
            for gap_start, gap_end in sorted(match.gaps):
                if gap_start > position:
                    marks.append(_Mark(position, gap_start, _QUOTE, claim_id, order, passage))
                marks.append(_Mark(gap_start, gap_end, _GAP, claim_id, order, passage))
                position = max(position, gap_end)
            if match.end > position:
                marks.append(_Mark(position, match.end, _QUOTE, claim_id, order, passage))
    return marks


def _sentence_marks(text: str, coverage: Coverage) -> list[_Mark]:
    marks: list[_Mark] = []
    for number, sentence in enumerate(coverage.uncovered_with_indicators, start=1):
        marks.append(_Mark(sentence.start, sentence.end, _SENTENCE, str(number), 0))
        for word in _INDICATOR_WORDS.finditer(text, sentence.start, sentence.end):
            marks.append(_Mark(word.start(), word.end(), _INDICATOR, str(number), 0))
    return marks


class _SourceWriter:
    """Writes the source as one ``<div>`` per line, each mark as nested inline elements."""

    def __init__(self, text: str, infos: dict[str, _ClaimInfo], marks: Sequence[_Mark], coverage: Coverage) -> None:
        self.text = text
        self.infos = infos
        self.marks = sorted(marks, key=lambda m: (m.start, -m.end, _LAYER[m.type], m.order))
        self.sentences = coverage.uncovered_with_indicators
        self.first_seen: set[tuple[str, str, int]] = set()

    def write(self) -> str:
        out: list[str] = []
        text = self.text
        marker_lines: dict[int, int] = {}
        for number, sentence in enumerate(self.sentences, start=1):
            marker_lines.setdefault(sentence.line, number)
        active: list[_Mark] = []
        index = 0
        offset = 0
        for number, line in enumerate(text.split("\n"), start=1):
            line_start, line_end = offset, offset + len(line)
            offset = line_end + 1
            while index < len(self.marks) and self.marks[index].start < line_end:
                active.append(self.marks[index])
                index += 1
            active = [mark for mark in active if mark.end > line_start]
            here = [mark for mark in active if mark.start < line_end and mark.end > line_start]
            unmapped = marker_lines.get(number)
            classes = "ln unmapped-line" if unmapped is not None else "ln"
            if not line.strip():
                classes += " blank"
            gutter = (
                f'<a class="gut" href="#u-{unmapped}" tabindex="-1" aria-hidden="true" data-n="{number}"></a>'
                if unmapped is not None
                else f'<span class="gut" aria-hidden="true" data-n="{number}"></span>'
            )
            body = self._line(line_start, line_end, here)
            out.append(f'<div class="{classes}" id="L{number}">{gutter}<div class="tx" dir="auto">{body}</div></div>')
        return "\n".join(out)

    def _line(self, line_start: int, line_end: int, marks: list[_Mark]) -> str:
        """One line's text with its marks as properly nested elements (split where they cross)."""
        clipped = [(max(m.start, line_start), min(m.end, line_end), m) for m in marks]
        clipped = [item for item in clipped if item[0] < item[1]]
        points = sorted({line_start, line_end, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
        opening: dict[int, list[tuple[int, int, _Mark]]] = {}
        for item in clipped:
            opening.setdefault(item[0], []).append(item)
        out: list[str] = []
        stack: list[tuple[int, int, _Mark]] = []
        position = line_start
        for point in points:
            if point > position:
                out.append(_esc(self.text[position:point]))
                position = point
            ending = [i for i, item in enumerate(stack) if item[1] == point]
            if ending:
                lowest = ending[0]
                reopen = [item for item in stack[lowest:] if item[1] != point]
                out.extend("</span>" if item[2].type != _INDICATOR else "</em>" for item in reversed(stack[lowest:]))
                del stack[lowest:]
                for item in reopen:
                    out.append(self._open(item[2]))
                    stack.append(item)
            for item in sorted(opening.get(point, []), key=lambda i: (-i[1], _LAYER[i[2].type], i[2].order)):
                out.append(self._open(item[2]))
                stack.append(item)
        out.extend("</span>" if item[2].type != _INDICATOR else "</em>" for item in reversed(stack))
        return "".join(out)

    def _open(self, mark: _Mark) -> str:
        first = (mark.type, mark.key, mark.passage) not in self.first_seen
        self.first_seen.add((mark.type, mark.key, mark.passage))
        if mark.type == _INDICATOR:
            return '<em class="ind">'
        if mark.type == _SENTENCE:
            sentence = self.sentences[int(mark.key) - 1]
            words = ", ".join(sentence.indicators)
            title = _esc(f"No claim quotes this sentence, and it has argument words ({words}): is an argument missing from the map?")
            ident = f' id="u-{mark.key}"' if first else ""
            return f'<span class="unmapped"{ident} data-sentence="{mark.key}" title="{title}">'
        info = self.infos[mark.key]
        claim_id = _esc(info.claim.id)
        look = f"k-{info.look}"
        if mark.type == _GAP:
            title = _esc(f"Left out by the “…” in the quote of {info.claim.id}")
            return f'<span class="gap {look}" data-claim="{claim_id}" title="{title}">'
        title = _esc(info.describe())
        if first and mark.passage == 0:
            # The claim's first piece: its one stop in the tab order, and its label.
            return (
                f'<span class="q first {look}" id="q-{claim_id}" data-claim="{claim_id}" tabindex="0" '
                f'role="button" aria-controls="claim-{claim_id}" aria-label="{title}" title="{title}">'
            )
        if first:  # where a later passage begins: labelled too, one stop in the tab order being enough
            return f'<span class="q again {look}" data-claim="{claim_id}" title="{title}">'
        return f'<span class="q {look}" data-claim="{claim_id}" title="{title}">'


# --- the map: the renderer's SVG, checked and made interactive ---------------------------------

# What Graphviz writes; anything else is dropped from the inlined SVG.
_SVG_ELEMENTS = frozenset(
    "svg g title desc path polygon polyline ellipse circle rect line text tspan a defs "
    "linearGradient radialGradient stop".split()
)
_SVG_ATTRIBUTES = frozenset(
    "id class width height viewBox transform fill stroke stroke-width stroke-dasharray stroke-opacity "
    "fill-opacity points d x y x1 y1 x2 y2 cx cy r rx ry text-anchor font-family font-size font-weight "
    "font-style text-decoration baseline-shift role aria-labelledby preserveAspectRatio offset "
    "stop-color stop-opacity gradientUnits gradientTransform opacity".split()
)


_SHEETS = {"A4": (297, 210), "A3": (420, 297)}
"""Paper for the printed map's page, in mm, smallest first."""
_PRINT_MARGIN = 14
"""The page margin of the printed view (view.css's ``@page``), in mm."""
_READABLE = 5.0
"""The smallest text, in pt, that the printed map may come out at (the drawing's is 9 pt)."""


def _print_page_css(svg: bytes) -> str:
    """The printed map's page: A4, or A3 when A4 would shrink the map's smallest text below 5 pt,
    turned whichever way fits the map larger; the map is scaled to fill it."""
    root = ET.fromstring(svg)
    width = float(root.get("width", "1").removesuffix("pt"))
    height = float(root.get("height", "1").removesuffix("pt"))
    mm = 72 / 25.4
    for sheet, (long, short) in _SHEETS.items():
        options = []
        for orientation, (across, down) in (("landscape", (long, short)), ("portrait", (short, long))):
            room_w, room_h = (across - 2 * _PRINT_MARGIN) * mm, (down - 2 * _PRINT_MARGIN) * mm
            options.append((min(room_w / width, room_h / height), orientation, down - 2 * _PRINT_MARGIN))
        scale, orientation, room = max(options)
        if 9 * scale >= _READABLE or sheet == "A3":
            break
    return (
        f"@media print{{@page map{{size:{sheet} {orientation}}}"
        f"#map-view svg{{max-height:{room - 7}mm!important}}}}"
    )


def _inline_svg(svg: bytes, infos: dict[str, _ClaimInfo]) -> str:
    """The map for the page: allow-listed elements and attributes, each claim's box a button."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    _clean(root)
    seen: set[str] = set()
    for element in root.iter():
        element_id = element.get("id")
        if element_id is not None:
            if element_id in seen:
                del element.attrib["id"]  # an id must be unique in the page (Graphviz repeats a cluster's)
            seen.add(element_id)
    root.set("role", "group")  # "img" would hide the boxes, which are buttons here
    root.set("id", "map-svg")
    root.set("tabindex", "-1")  # Chromium would make the <svg> itself a tab stop
    for group in root.iter(f"{{{SVG_NS}}}g"):
        element_id = group.get("id", "")
        if not element_id.startswith("claim-"):
            continue
        info = infos.get(element_id[len("claim-") :])
        if info is None:
            continue
        group.set("data-claim", info.claim.id)
        group.set("tabindex", "0")
        group.set("role", "button")
        group.set("aria-label", visible(info.describe()))
        if info.status == "quoted":
            group.set("aria-controls", f"q-{info.claim.id}")
    return ET.tostring(root, encoding="unicode")


def _clean(element: ET.Element) -> None:
    for child in list(element):
        local = child.tag.rsplit("}", 1)[-1]
        if not child.tag.startswith(f"{{{SVG_NS}}}") or local not in _SVG_ELEMENTS:
            element.remove(child)
            continue
        _clean(child)
    for name in list(element.attrib):
        local = name.rsplit("}", 1)[-1]
        if name == f"{{{XLINK_NS}}}title":
            continue
        if name.startswith("{") or local not in _SVG_ATTRIBUTES:
            del element.attrib[name]


# --- the page ---------------------------------------------------------------------------------


_LISTED = 100
"""The guide lists at most this many unmapped sentences (the margin marks them all)."""


def _guide(amap: ArgumentMap, infos: dict[str, _ClaimInfo], coverage: Coverage | None, text: str) -> str:
    """The panel above the text: coverage, the colour key, and what the map may have missed."""
    parts: list[str] = ['<section class="guide" aria-labelledby="guide-title">', '<h2 id="guide-title" class="sr">Reading guide</h2>']
    if coverage is not None:
        share = round(coverage.share * 100)
        parts.append(
            f'<p class="cov"><meter min="0" max="100" value="{share}" aria-hidden="true"></meter> '
            f"<strong>{coverage.covered} of {coverage.sentences} sentences ({share}%)</strong> "
            "are quoted by some claim of the map.</p>"
        )
    looks = list(dict.fromkeys(info.look for info in infos.values() if info.status == "quoted"))
    if looks:
        chips = "".join(
            f'<li><span class="chip k-{look}">{_esc(_LOOK_WORDS.get(look, look))}</span></li>' for look in looks
        )
        parts.append(
            '<div class="key"><h3 class="sr">Colours of the quotes</h3>'
            f'<ul class="chips">{chips}'
            '<li><span class="chip gapchip">left out by “…”</span></li>'
            '<li><span class="chip unmappedchip">not quoted, has argument words</span></li></ul></div>'
        )
    if coverage is not None:
        unmapped = coverage.uncovered_with_indicators
        if unmapped:
            items = []
            for number, sentence in enumerate(unmapped[:_LISTED], start=1):
                snippet = _emphasise(text[sentence.start : sentence.end])
                items.append(
                    f'<li><a href="#u-{number}" data-sentence="{number}">line {sentence.line}</a> '
                    f'<span class="words">({_esc(", ".join(sentence.indicators))})</span>: <bdi>{snippet}</bdi></li>'
                )
            count = len(unmapped)
            if count > _LISTED:
                items.append(f'<li class="more">… and {count - _LISTED} more, each marked ? in the margin</li>')
            noun = "sentence carries" if count == 1 else "sentences carry"
            parts.append(
                '<details class="missed" open>'
                f"<summary><strong>Did the map miss an argument?</strong> {count} {noun} argument words "
                "(because, therefore, will, should …) but no claim quotes it.</summary>"
                f'<ol>{"".join(items)}</ol></details>'
            )
        else:
            parts.append(
                '<p class="missed none">Every sentence with argument words (because, therefore, will, should …) '
                "is quoted by some claim.</p>"
            )
    groups = (
        ("missing", "Quotes not found in the text", "The quote of each of these claims is not in the source (run argmap check for the closest passage):"),
        ("unchecked", "Quotes not checked", "There is no source text to find these quotes in:"),
        ("unstated", "Unstated assumptions", "The text does not say these; the reader supplied them, so they have no quote:"),
        ("none", "Claims without a quote", "These claims have no quote from the text:"),
    )
    for status, heading, intro in groups:
        members = [info for info in infos.values() if info.status == status]
        if not members:
            continue
        links = "".join(
            f'<li><a href="#claim-{_esc(info.claim.id)}" class="to-node" data-claim="{_esc(info.claim.id)}">'
            f"<bdi>{_esc(info.claim.id)}</bdi></a>: <bdi>{_esc(info.claim.text)}</bdi></li>"
            for info in members
        )
        opened = " open" if status in ("missing", "unchecked") else ""
        parts.append(
            f'<details class="others {status}"{opened}><summary>{heading} ({len(members)})</summary>'
            f"<p>{intro}</p><ul>{links}</ul></details>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _emphasise(sentence: str) -> str:
    """A sentence with its white space collapsed, escaped, and its indicator words in ``<em>``."""
    sentence = " ".join(sentence.split())
    out: list[str] = []
    position = 0
    for word in _INDICATOR_WORDS.finditer(sentence):
        out.append(_esc(sentence[position : word.start()]))
        out.append(f'<em class="ind">{_esc(word.group())}</em>')
        position = word.end()
    out.append(_esc(sentence[position:]))
    return "".join(out)


def _no_text(amap: ArgumentMap, infos: dict[str, _ClaimInfo]) -> str:
    """What the text pane shows when there is no source text to show."""
    source = amap.document.header_value("source")
    if source is None or not source.strip():
        why = (
            "This map names no source text (a <code>source:</code> line in its header), "
            "so there is no text to show and its quotes are not checked."
        )
    else:
        why = (
            f"The source text <code>{_esc(source.strip())}</code> could not be read "
            "(run <code>argmap check</code> on the map to see why), so there is no text to show."
        )
    quoted = [info for info in infos.values() if (q := info.claim.get("quote")) is not None and q.value.strip()]
    items = "".join(
        f'<li><span class="q first k-{info.look}" id="q-{_esc(info.claim.id)}" data-claim="{_esc(info.claim.id)}" '
        f'tabindex="0" role="button" aria-controls="claim-{_esc(info.claim.id)}" aria-label="{_esc(info.describe())}">'
        f"“{_esc(q.value.strip())}”</span> <span class=\"who\">({_esc(info.claim.id)})</span></li>"
        for info in quoted
        if (q := info.claim.get("quote")) is not None
    )
    listing = f'<h2>The quotes in the map, unchecked</h2><ul class="quotes">{items}</ul>' if items else ""
    return f'<div class="notice" role="note"><p>{why}</p></div>{listing}'


# --- the page: its template, style and script are package files beside this module ----------

_HERE = Path(__file__).resolve().parent
_PAGE = (_HERE / "page.html").read_text(encoding="utf-8")
"""The page's template (``str.format`` fields in braces)."""
_CSS = (_HERE / "view.css").read_text(encoding="utf-8")
_SCRIPT = (_HERE / "view.js").read_text(encoding="utf-8")
"""The page's one script, inlined and allowed by its hash (a Content-Security-Policy)."""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; "
    "style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)
"""The page's policy: nothing is loaded from anywhere, and no script runs but the page's own."""


def annotate(
    amap: ArgumentMap,
    *,
    direction: str = "auto",
    legend: bool = True,
    sections: bool | None = None,
    marks: Marks | None = None,
) -> str:
    """The reading view of ``amap``: one self-contained HTML page, as a string.

    The map is drawn with :func:`argmap.drawing.render` (``direction``,
    ``legend``, ``sections`` and ``marks`` are its options), so this needs Graphviz's
    ``dot`` and raises :class:`argmap.drawing.DotNotFoundError` without it.
    The source text comes from ``amap.grounding`` (the header's ``source:``);
    a map without one, or with quotes that were not found, still gets a page,
    which says what is missing.
    """
    focus = None
    if len(amap.claims) > READING_MAP_CLAIMS:  # too big to draw whole in a pane: the part around the thesis
        focus = amap.main if amap.main is not None else amap.claims[0].id
    with warnings.catch_warnings():
        # The page's map pane zooms and scrolls: text too small to read whole on paper is no matter.
        warnings.simplefilter("ignore", FitWarning)
        svg = render(amap, "svg", direction=direction, legend=legend, sections=sections, marks=marks, focus=focus)
    infos = _claims(amap)
    grounding: Grounding | None = amap.grounding
    coverage = grounding.coverage() if grounding is not None else None
    if grounding is not None and coverage is not None:
        spans = _quote_marks(infos) + _sentence_marks(grounding.text, coverage)
        source = _SourceWriter(grounding.text, infos, spans, coverage).write()
        text_html = f'<article id="source" aria-label="The source text">\n{source}\n</article>'
    else:
        text_html = _no_text(amap, infos)
    guide = _guide(amap, infos, coverage, grounding.text if grounding is not None else "")
    title = amap.title or "Argument map"
    data = {
        "main": amap.main,
        "claims": {
            claim_id: {
                "label": info.label,
                "where": info.describe(),
                "line": info.match.line if info.match is not None else None,
                "status": info.status,
            }
            for claim_id, info in infos.items()
        },
    }
    meta = _meta(amap)
    return _PAGE.format(
        csp=_esc(CONTENT_SECURITY_POLICY),
        title=_esc(f"Reading view: {title}"),
        heading=_esc(title),
        meta=meta,
        looks=_look_css() + _print_page_css(svg),
        css=_CSS,
        guide=guide,
        text=text_html,
        map_note=_big_map_note(amap, focus),
        svg=_inline_svg(svg, infos),
        data=_json(data),
        script=_SCRIPT,
    )


READING_MAP_CLAIMS = 1000
"""A map of more claims shows, in the reading view's map pane, only the part around its main
conclusion (two links deep): a pane cannot show thousands of boxes, nor a page hold them."""


def _big_map_note(amap: ArgumentMap, focus: str | None) -> str:
    """What the map pane shows of a big map, and where the rest is."""
    if focus is None:
        return ""
    name = os.path.basename(amap.document.path) or "MAP.arg"
    return (
        f'<p class="map-note">This map has {len(amap.claims):,} claims, too many to draw here: the pane shows '
        f"<code>{_esc(focus)}</code> and the claims within two links of it. Every claim is still marked in the text. "
        f"For the whole map, draw an atlas: <code>argmap render {_esc(name)} --atlas FOLDER</code>.</p>\n"
    )


def _meta(amap: ArgumentMap) -> str:
    parts: list[str] = []
    author = amap.document.header_value("author")
    if author:
        parts.append(f"by <bdi>{_esc(author)}</bdi>")
    source = amap.document.header_value("source")
    if source and source.strip():
        parts.append(f"text: <code>{_esc(source.strip())}</code>")
    parts.append(f"map: <code>{_esc(os.path.basename(amap.document.path))}</code>")
    return " · ".join(parts)



