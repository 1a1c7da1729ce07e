"""Draw a resolved argument map with Graphviz: DOT text, and SVG, PNG or PDF bytes.

:func:`to_dot` is pure: the same map and options give byte-identical DOT text,
in source order. :func:`render` is the one function that runs Graphviz's
``dot``; for SVG it also adds what screen readers and browsers need (a root
``<title>`` and ``<desc>``, ``role="img"``, a tooltip with the full text and
quote on every box).

Every string a user wrote reaches the output through exactly one escape, at
the boundary: ``_text`` (:func:`html.escape`, plus doubled backslashes and
``]`` as a character reference, which Graphviz's HTML labels need) for all
visible text, which is always in HTML-like labels, and :func:`graphviz.escape`
plus the ``graphviz`` package's quoting for the other attributes (tooltips).
Characters XML cannot carry are shown as ``<U+XXXX>`` (:func:`visible`). The
DOT statements themselves are built with :class:`graphviz.Digraph`, never by
pasting strings together.

The visual language is explained for readers in ``docs/rendering.md``.

>>> import argmap
>>> from argmap.render import to_dot
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

import functools
import hashlib
import html
import re
import shutil
import subprocess
import unicodedata
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence

import attrs
import graphviz

from ._speed import gc_paused
from .diagnostics import ArgmapError
from .model import Claim, ClaimKind, LinkType
from .resolver import ArgumentMap, Inference, Role

__all__ = [
    "DEFAULT_FOCUS_DEPTH",
    "DEFAULT_THEME",
    "DIRECTIONS",
    "FORMATS",
    "PRINT_THEME",
    "SMALL_MAP",
    "THEMES",
    "WRAP_WIDTH",
    "DotNotFoundError",
    "DotWarning",
    "EdgeLook",
    "FocusError",
    "Mark",
    "Marks",
    "NodeLook",
    "RenderError",
    "Theme",
    "balanced_wrap",
    "describe",
    "edge_look",
    "header_words",
    "node_look",
    "prediction_words",
    "render",
    "repr_svg",
    "to_dot",
    "visible",
    "wrap",
]

DIRECTIONS: tuple[str, ...] = ("BT", "TB", "LR", "RL")
"""Where the arrows point, from the reasons to the conclusion: ``BT`` (bottom to
top, the default) puts the main conclusion at the top, ``TB`` at the bottom,
``LR`` at the right and ``RL`` at the left. It is Graphviz's ``rankdir``."""

FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")
"""What :func:`render` can produce; ``dot`` is :func:`to_dot`'s text, without running Graphviz."""

WRAP_WIDTH = 36
"""Characters per line of a claim's text in its box (a CJK character counts as two)."""

SMALL_MAP = 12
"""A map of at most this many drawn claims always gets its section frames by default."""

DEFAULT_FOCUS_DEPTH = 2
"""How many links around ``focus`` are drawn when no ``depth`` is given."""

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

FONT = "Helvetica"
"""Graphviz maps Helvetica to a metric-compatible font (Liberation Sans, Arial)."""


class RenderError(ArgmapError):
    """Graphviz could not draw the map; the message carries what ``dot`` said."""


class DotNotFoundError(RenderError):
    """Graphviz's ``dot`` is not installed, or not on the PATH."""


class FocusError(ArgmapError, ValueError):
    """``focus`` names no claim of the map, or ``depth`` is out of range."""


class DotWarning(UserWarning):
    """``dot`` drew the map but printed warnings (the message is its standard error)."""


DOT_MISSING = (
    "Graphviz's dot is not installed (or not on the PATH), so the map cannot be drawn. "
    "Install Graphviz: 'apt-get install graphviz' on Debian or Ubuntu, 'brew install graphviz' "
    "on macOS, or run scripts/setup in the argmap repository. "
    "'argmap render -o map.dot' still writes the DOT text without it."
)


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
        "recommendation": NodeLook(fill="#F0D7E5", border=_PURPLE),
        "objection": NodeLook(fill="#F2CFB2", border=_VERMILLION),
        "rebuttal": NodeLook(fill="#F7E2B2", border="#333333", penwidth=1.5),
        "undercut": NodeLook(fill="#F2CFB2", border=_PURPLE, penwidth=1.5),
    },
    edges={
        "support": EdgeLook(color=_GREEN, style="solid", arrowhead="normal"),
        "attack": EdgeLook(color=_VERMILLION, style="dashed", arrowhead="tee"),
        "rebuttal": EdgeLook(color=_VERMILLION, style="dotted", arrowhead="tee", penwidth=2.0),
        "undercut": EdgeLook(color=_PURPLE, style="dashed", arrowhead="tee", penwidth=2.0, arrowsize=1.3),
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
        "support": EdgeLook(color="#000000", style="solid", arrowhead="normal"),
        "attack": EdgeLook(color="#000000", style="dashed", arrowhead="tee"),
        "rebuttal": EdgeLook(color="#000000", style="dotted", arrowhead="tee", penwidth=2.0),
        "undercut": EdgeLook(color="#000000", style="dashed", arrowhead="tee", penwidth=2.0, arrowsize=1.3),
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
    style: str = "solid"
    """``solid``, ``dashed``, ``dotted`` or ``bold``: tells marks apart without colour."""
    penwidth: float = 2.5
    note: str | None = None
    meaning: str = ""
    """The legend's words for this mark; empty leaves it out of the legend."""


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

# The legend: node looks and link looks in the order they are listed, with what they mean.
_NODE_LEGEND: dict[str, tuple[str, str]] = {
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
_LINK_LEGEND: dict[str, str] = {
    "support": "supports",
    "linked": "linked: only together",
    "attack": "attacks",
    "rebuttal": "rebuts",
    "undercut": "undercuts the link",
}


def node_look(amap: ArgumentMap, claim: Claim) -> str:
    """The look of a claim's box: ``main``, an attacking role, or the claim's kind."""
    roles = amap.roles.get(claim.id, frozenset())
    if Role.MAIN in roles or claim.id == amap.main:
        return "main"
    for role, look in ((Role.UNDERCUT, "undercut"), (Role.REBUTTAL, "rebuttal"), (Role.OBJECTION, "objection")):
        if role in roles:
            return look
    return claim.kind.value


def edge_look(amap: ArgumentMap, inference: Inference) -> str:
    """The look of a link: ``support``, ``attack``, ``rebuttal`` (attacks an attacker) or ``undercut``."""
    if inference.is_undercut:
        return "undercut"
    if inference.type is LinkType.SUPPORT:
        return "support"
    target_roles = amap.roles.get(inference.target or "", frozenset())
    if any(role in target_roles for role in _ATTACK_ROLES):
        return "rebuttal"
    return "attack"


def header_words(amap: ArgumentMap, claim: Claim) -> str:
    """The box's header: what the claim is (kind and attacking role), e.g. ``REBUTTAL · PREMISE``."""
    roles = amap.roles.get(claim.id, frozenset())
    if claim.id == amap.main:
        return "MAIN CONCLUSION"
    words = [role.value.upper() for role in _ATTACK_ROLES if role in roles]
    if not words or claim.kind not in (ClaimKind.OBJECTION, ClaimKind.CLAIM):
        words.append(_KIND_HEADER[claim.kind])
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
    likelihood = _value(claim, "likelihood")
    if likelihood:
        words.append(likelihood)
    p = _value(claim, "p")
    if p:
        words.append(f"p = {p}")
    deadline = _value(claim, "deadline")
    if deadline:
        words.append(f"by {deadline}")
    status = _value(claim, "status")
    claimed = _value(claim, "claimed")
    words.append(f"status: {status}" if status else "no status")
    if claimed:
        if not status or status.lower() == "open":
            words.append(f"self-graded: {claimed}")
        else:
            words.append(f"author's verdict: {claimed}")
    return words


def _phrase_lines(phrases: Sequence[str], width: int) -> list[str]:
    """Phrases joined by `` · ``, broken only between phrases (or inside one too long for a line)."""
    lines: list[str] = []
    for phrase in phrases:
        for piece in wrap(phrase, width):
            if lines and _width(lines[-1]) + 3 + _width(piece) <= width:
                lines[-1] += " · " + piece
            else:
                lines.append(piece)
    return lines


def _value(claim: Claim, key: str) -> str | None:
    prop = claim.get(key)
    if prop is None or not prop.value.strip():
        return None
    return prop.value.strip()


# --- text: visible characters and wrapping -------------------------------------

_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")
_SPACES = re.compile("[ \t]+")
_GLUE = frozenset("\u200d\ufe0e\ufe0f")


def visible(text: str) -> str:
    """``text`` with each character XML cannot carry (control characters, U+FFFE, U+FFFF,
    lone surrogates) shown as ``<U+XXXX>``; tabs and line breaks are kept."""
    return _INVISIBLE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


@functools.lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    if " " <= char <= "~":
        return 1
    if unicodedata.combining(char) or char in _GLUE or unicodedata.category(char) == "Cf":
        return 0
    if 0x1F3FB <= ord(char) <= 0x1F3FF:  # skin-tone modifiers join the emoji before them
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _width(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(_char_width(char) for char in text)


def _units(word: str, width: int) -> list[str]:
    """Pieces of ``word`` a line may break between: around each wide (CJK) character,
    and every ``width`` columns in a run too long for a line."""
    if len(word) <= width and word.isascii() and word.isprintable():
        return [word]
    units: list[str] = []
    current = ""
    current_width = 0
    previous = ""
    previous_wide = False
    for char in word:
        char_width = _char_width(char)
        glued = char_width == 0 or previous == "\u200d"
        wide = char_width == 2
        if current and not glued and (wide or previous_wide or current_width + char_width > width):
            units.append(current)
            current, current_width = "", 0
        current += char
        current_width += char_width
        if not glued:
            previous_wide = wide
        previous = char
    if current:
        units.append(current)
    return units


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """Lines of at most ``width`` columns (a wide character takes two).

    Lines break at spaces and tabs, between CJK characters, and inside a word
    longer than a line; a line break in the text is kept. No other character
    is added, dropped or changed, apart from runs of spaces becoming one.

    >>> wrap("Trees cool streets by several degrees in summer.", 20)
    ['Trees cool streets', 'by several degrees', 'in summer.']
    >>> wrap("北京和莫斯科的联合声明", 10)
    ['北京和莫斯', '科的联合声', '明']
    """
    lines: list[str] = []
    simple = text.isascii()  # every character one column wide: no per-character widths
    for paragraph in _LINE_BREAK.split(text):
        line = ""
        line_width = 0
        words = _SPACES.split(paragraph)
        if simple and paragraph.isprintable() and max(map(len, words)) <= width:
            # The common case, about three times faster: every word fits on a line.
            for word in words:
                if not line:
                    line, line_width = word, len(word)
                elif line_width + 1 + len(word) > width:
                    lines.append(line)
                    line, line_width = word, len(word)
                else:
                    line += " " + word
                    line_width += 1 + len(word)
            lines.append(line)
            continue
        for word in words:
            units = (
                [word[i : i + width] for i in range(0, len(word), width)] or [word]
                if simple and word.isprintable()
                else _units(word, width)
            )
            for index, unit in enumerate(units):
                gap = 1 if index == 0 and line else 0
                unit_width = len(unit) if simple and unit.isprintable() else _width(unit)
                if line and line_width + gap + unit_width > width:
                    lines.append(line)
                    line, line_width = unit, unit_width
                else:
                    line += " " * gap + unit
                    line_width += gap + unit_width
        lines.append(line)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


# --- HTML-like labels: every user string passes through _text exactly once ---------


def balanced_wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """:func:`wrap` into as few lines as ``width`` allows, with the lines as even as
    possible (no lonely last word).

    >>> balanced_wrap("The Okafor family should adopt a dog.")
    ['The Okafor family', 'should adopt a dog.']
    """
    lines = wrap(text, width)
    if len(lines) < 2:
        return lines
    # The narrowest width that needs no more lines (fewer columns never need fewer lines).
    low, high = max(width // 2, 1), width
    while low < high:
        middle = (low + high) // 2
        if len(wrap(text, middle)) > len(lines):
            low = middle + 1
        else:
            high = middle
    best = low
    return wrap(text, best) if best != width else lines


def _text(text: str) -> str:
    """User text for an HTML-like label: characters made visible, then escaped.

    Graphviz expands ``\\N``, ``\\G`` and friends even inside HTML-like labels,
    and reads ``\\\\`` as one backslash, so backslashes are doubled as well as
    the HTML special characters escaped. Its HTML lexer also fails on a text
    that is only ``]`` (Graphviz 2.43), so ``]`` is written as a character reference.
    """
    return html.escape(visible(text).replace("\\", "\\\\"), quote=True).replace("]", "&#93;")


def _lines(lines: Sequence[str]) -> str:
    """Escaped lines joined by left-aligned line breaks."""
    return '<BR ALIGN="LEFT"/>'.join(_text(line) for line in lines)


def _font(content: str, *, size: float | None = None, color: str | None = None) -> str:
    if not content:
        return ""  # Graphviz refuses an empty <FONT></FONT>
    attributes = ""
    if size is not None:
        attributes += f' POINT-SIZE="{size:g}"'
    if color is not None:
        attributes += f' COLOR="{color}"'
    return f"<FONT{attributes}>{content}</FONT>" if attributes else content


def _style(content: str, *, bold: bool = False, italic: bool = False) -> str:
    if not content:
        return ""  # nor an empty <B></B>
    if italic:
        content = f"<I>{content}</I>"
    if bold:
        content = f"<B>{content}</B>"
    return content


def _html(content: str) -> str:
    """Mark a finished HTML-like label for the ``graphviz`` package (which then leaves it alone)."""
    return f"<{content}>"


_PLAIN_LIMIT = 2000
"""Longest user string put in a non-HTML DOT attribute. The ``graphviz`` package's quoting
takes time quadratic in a run of backslashes; the SVG gets the full text in post-processing."""


def _plain(text: str) -> str:
    """A user string for a non-HTML attribute (a tooltip): backslashes doubled, never HTML."""
    shown = visible(text)
    if len(shown) > _PLAIN_LIMIT:
        shown = shown[: _PLAIN_LIMIT - 1] + "…"
    escaped: str = graphviz.escape(shown)
    return escaped


# --- the drawing ---------------------------------------------------------------


@attrs.frozen
class _Options:
    direction: str
    theme: Theme
    legend: bool
    focus: str | None
    depth: int | None
    sections: bool | None
    marks: Marks | None = None


@attrs.frozen
class _Drawing:
    """The DOT source and what post-processing the SVG needs to know."""

    source: str
    title: str
    description: str
    tooltips: Mapping[str, str]
    """By SVG element id: the full text (and quote) of the box."""
    claims: int
    """How many claims are drawn."""


LARGE_MAP = 300
"""Above this many drawn claims, Graphviz is asked to spend less effort on the layout."""

LARGE_MAP_LAYOUT = {"mclimit": "0.3", "nslimit": "2", "nslimit1": "2"}
"""Fewer crossing-reduction and network-simplex passes: a 1,000-claim map lays out about
three times faster (12.4 s to 4.3 s measured), with somewhat more crossings. Large maps
read best a part at a time anyway (``--focus ID --depth N``)."""

MAX_FRAME_DEPTH = 10
"""Sections are framed to this depth; deeper ones are drawn inside their ancestor at it."""

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


def _check_options(direction: str, theme: str, depth: int | None) -> Theme:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {theme!r}")
    if depth is not None and depth < 0:
        raise FocusError(f"depth must be 0 or more, not {depth}")
    return THEMES[theme]


def to_dot(
    amap: ArgumentMap,
    *,
    direction: str = "BT",
    theme: str = "default",
    legend: bool = True,
    focus: str | None = None,
    depth: int | None = None,
    sections: bool | None = None,
    marks: Marks | None = None,
) -> str:
    """The map as DOT text: deterministic, in source order.

    ``direction`` is where the arrows point, from reasons to conclusion (see
    :data:`DIRECTIONS`); ``theme`` is ``default`` (colour) or ``print`` (black
    and white); ``legend`` adds a key listing the kinds and link types drawn;
    ``focus`` and ``depth`` draw only the claims within ``depth`` links of the
    claim ``focus`` (``depth`` alone counts from the main conclusion);
    ``sections`` draws each section as a frame (a Graphviz cluster) when true,
    and no frames when false; by default (``None``) sections are framed unless
    the map has more than :data:`SMALL_MAP` claims and most links run from
    one section to another, where frames would scatter the claims that reason
    together. ``marks`` lays a :class:`Mark` over single claims and links (a
    difference map), and the legend explains each mark used.

    A map with errors is drawn as far as it resolved. Raises :class:`FocusError`
    for an unknown ``focus`` and :class:`ValueError` for an unknown option.
    """
    theme_ = _check_options(direction, theme, depth)
    with gc_paused():
        return _draw(amap, _Options(direction, theme_, legend, focus, depth, sections, marks)).source


def describe(amap: ArgumentMap) -> str:
    """A short description of the whole map for screen readers: what it contains, in counts."""
    return _describe(amap, amap.claims, amap.inferences)


def render(
    amap: ArgumentMap,
    fmt: str = "svg",
    *,
    direction: str = "BT",
    theme: str = "default",
    legend: bool = True,
    focus: str | None = None,
    depth: int | None = None,
    sections: bool | None = None,
    timeout: float = 120.0,
    marks: Marks | None = None,
) -> bytes:
    """Draw the map with Graphviz's ``dot``: SVG, PNG or PDF bytes (``dot``: the DOT text).

    The only function that runs ``dot``. Options are those of :func:`to_dot`.
    Raises :class:`DotNotFoundError` when ``dot`` is not installed and
    :class:`RenderError` when it fails (with what it printed); when it succeeds
    but prints warnings, they are issued as :class:`DotWarning`.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    theme_ = _check_options(direction, theme, depth)
    drawing = _draw(amap, _Options(direction, theme_, legend, focus, depth, sections, marks))
    if fmt == "dot":
        return drawing.source.encode("utf-8")
    executable = shutil.which("dot")
    if executable is None:
        raise DotNotFoundError(DOT_MISSING)
    command = [executable, f"-T{fmt}"]
    if fmt == "png":
        # Sharp on screens; a huge map is scaled to stay under cairo's 32767-pixel limit
        # (220 inches at 144 dpi) instead of dot warning that it had to.
        command += ["-Gdpi=144", "-Gsize=220,220"]
    try:
        done = subprocess.run(
            command,
            input=drawing.source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise DotNotFoundError(DOT_MISSING) from None
    except subprocess.TimeoutExpired:
        hint = (
            f": {drawing.claims} claims are too many to lay out at once; draw a part with "
            "--focus ID --depth N"
            if drawing.claims > LARGE_MAP
            else ""
        )
        raise RenderError(f"Graphviz's dot did not finish within {timeout:g} seconds{hint}") from None
    stderr = done.stderr.decode("utf-8", errors="replace").strip()
    if done.returncode != 0 or not done.stdout:
        said = stderr or f"exit status {done.returncode}, no output"
        raise RenderError(f"Graphviz's dot failed: {said}")
    if stderr:
        warnings.warn(f"Graphviz's dot: {stderr}", DotWarning, stacklevel=2)
    if fmt == "svg":
        return _finish_svg(done.stdout, drawing)
    return bytes(done.stdout)


def repr_svg(amap: ArgumentMap) -> str | None:
    """The map as SVG text for Jupyter's ``_repr_svg_``; ``None`` (text display) without ``dot``."""
    try:
        return render(amap, "svg").decode("utf-8")
    except DotNotFoundError:
        return None


class _Builder:
    def __init__(self, amap: ArgumentMap, options: _Options) -> None:
        self.amap = amap
        self.options = options
        self.theme = options.theme
        self.claims, self.inferences = _select(amap, options.focus, options.depth)
        self.drawn_ids = {claim.id for claim in self.claims}
        self.drawn_inferences = {inference.index for inference in self.inferences}
        self.junctions = self._junctions()
        self.tooltips: dict[str, str] = {}
        # Graphviz flips a cluster's labelloc under BT and its labeljust under RL:
        # keep section titles at the top left whichever way the map is turned.
        self.cluster_labelloc = "b" if options.direction == "BT" else "t"
        self.cluster_labeljust = "r" if options.direction == "RL" else "l"

    def _junctions(self) -> set[int]:
        """Inferences drawn through a junction point: linked groups, and every inference an
        undercut attacks (so the undercut has a point on the link to hit)."""
        undercut = {inference.target_inference for inference in self.inferences if inference.is_undercut}
        return {
            inference.index
            for inference in self.inferences
            if len(inference.premises) > 1 or inference.index in undercut
        }

    def title(self) -> str:
        title = self.amap.title or "Argument map"
        if self.options.focus is not None or self.options.depth is not None:
            title += " (" + self._partial_note() + ")"
        return title

    def _partial_note(self) -> str:
        around = self.options.focus or self.amap.main or ""
        depth = self.options.depth if self.options.depth is not None else DEFAULT_FOCUS_DEPTH
        return (
            f"partial view: the {len(self.claims)} of {len(self.amap.claims)} claims "
            f"within {_plural(depth, 'link')} of {around}"
        )

    def build(self) -> _Drawing:
        theme = self.theme
        graph = graphviz.Digraph(
            "argmap",
            graph_attr={
                "rankdir": self.options.direction,
                "bgcolor": theme.background,
                "fontname": FONT,
                "nodesep": "0.3",
                "ranksep": "0.35",
                "outputorder": "edgesfirst",
                "newrank": "true",
                "label": self._title_label(),
                "labelloc": "t",
                "labeljust": "c",
                **layout_effort(len(self.claims)),
            },
            node_attr={"fontname": FONT, "fontsize": "11"},
            edge_attr={"fontname": FONT, "fontsize": "10"},
        )
        self._add_sections(graph)
        for inference in self.inferences:
            self._add_inference(graph, inference)
        if self.options.legend and self.claims:
            self._add_legend(graph)
        return _Drawing(
            source=graph.source,
            title=self.title(),
            description=self._description(),
            tooltips=self.tooltips,
            claims=len(self.claims),
        )

    def _description(self) -> str:
        text = _describe(self.amap, self.claims, self.inferences)
        if self.options.focus is not None or self.options.depth is not None:
            text = "This is a " + self._partial_note() + ". " + text
        return text

    def _title_label(self) -> str:
        parts = [_font(_style(_lines(wrap(self.amap.title or "Argument map", 70)), bold=True), size=16)]
        author = self.amap.document.header_value("author")
        if author:
            parts.append(_font(_text(f"by {author}"), size=11))
        if self.options.focus is not None or self.options.depth is not None:
            parts.append(_font(_style(_lines(wrap(self._partial_note(), 80)), italic=True), size=11))
        return _html('<BR/>'.join(parts))

    # --- claims and sections ---

    def _add_sections(self, graph: graphviz.Digraph) -> None:
        sections = self.amap.document.sections
        framed = self.options.sections
        if framed is None:
            framed = self._sections_follow_reasoning()
        # Frames nest at most MAX_FRAME_DEPTH deep; a deeper section is drawn in its
        # ancestor at that depth (no map needs more, and neither Python nor Graphviz
        # should recurse a thousand frames deep).
        frame: list[int] = []
        depth: list[int] = []
        for section in sections:
            parent = section.parent
            if parent is None:
                depth.append(1)
                frame.append(section.index)
            else:
                depth.append(depth[parent] + 1)
                frame.append(section.index if depth[-1] <= MAX_FRAME_DEPTH else frame[parent])

        def home(section: int | None) -> int | None:
            return frame[section] if framed and section is not None else None

        members: dict[int | None, list[str]] = {}
        for claim in self.claims:
            members.setdefault(home(claim.section), []).append(claim.id)
        junction_home: dict[int | None, list[int]] = {}
        for inference in self.inferences:
            if inference.index in self.junctions:
                where = home(self._common_section(inference)) if framed else None
                junction_home.setdefault(where, []).append(inference.index)
        # A section gets a frame only when something is drawn in it or below it.
        used: set[int] = set()
        for index in [*members, *junction_home]:
            while index is not None and index not in used:
                used.add(index)
                index = sections[index].parent
        children: dict[int | None, list[int]] = {}
        for section in sections:
            if section.index in used:
                children.setdefault(section.parent, []).append(section.index)

        def fill(subgraph: graphviz.Digraph, section: int | None) -> None:
            for claim_id in members.get(section, []):
                self._add_claim(subgraph, self.amap.by_id[claim_id])
            for inference_index in junction_home.get(section, []):
                self._add_junction(subgraph, self.amap.inferences[inference_index])
            for child in children.get(section, []):
                with subgraph.subgraph(name=f"cluster_section_{child}") as cluster:
                    cluster.attr(
                        label=_html(_font(_style(_text(sections[child].title), bold=True), size=12)),
                        labelloc=self.cluster_labelloc,
                        labeljust=self.cluster_labeljust,
                        style="rounded",
                        color=self.theme.cluster,
                        fontcolor=self.theme.cluster,
                        penwidth="1",
                        id=f"section-{child}",
                        tooltip=_plain(sections[child].title),
                        _attributes={"class": "section"},
                    )
                    fill(cluster, child)

        fill(graph, None)

    def _sections_follow_reasoning(self) -> bool:
        """True for a small map, or when at most half of the drawn links run from one
        section to another.

        Frames keep a section's claims together. When sections group claims by
        type (facts here, interpretations there) rather than by line of
        argument, most links cross from frame to frame, and on a map of any
        size the frames pull apart the claims that reason together, so by
        default they are left out.
        """
        if len(self.claims) <= SMALL_MAP:
            return True
        ends = _inference_ends(self.amap)
        crossing = 0
        for inference in self.inferences:
            homes = {
                self.amap.by_id[claim_id].section
                for claim_id in (*inference.premises, *ends[inference.index])
            }
            homes.discard(None)
            if len(homes) > 1:
                crossing += 1
        return crossing * 2 <= len(self.inferences)

    def _common_section(self, inference: Inference) -> int | None:
        """The innermost section holding every claim an inference's junction joins."""
        sections = self.amap.document.sections
        chains = []
        for claim_id in self._ends(inference):
            chain: list[int | None] = []
            index = self.amap.by_id[claim_id].section
            while index is not None:
                chain.append(index)
                index = sections[index].parent
            chain.append(None)
            chains.append(chain[::-1])
        common: int | None = None
        for level in zip(*chains, strict=False):
            if all(item == level[0] for item in level):
                common = level[0]
            else:
                break
        return common

    def _ends(self, inference: Inference) -> list[str]:
        ends = list(inference.premises)
        if inference.target is not None:
            ends.append(inference.target)
        return ends

    def _add_claim(self, graph: graphviz.Digraph, claim: Claim) -> None:
        look_name = node_look(self.amap, claim)
        look = self.theme.nodes[look_name]
        dashed = look.dashed or claim.kind is ClaimKind.ASSUMPTION
        style = "rounded,filled" + (",dashed" if dashed else "")
        classes = ["claim", look_name, claim.kind.value]
        classes += [role.value.replace(" ", "-") for role in sorted(self.amap.roles.get(claim.id, ()), key=_role_order)]
        focused = claim.id == self.options.focus
        if focused:
            classes.append("focus")
        element_id = f"claim-{claim.id}"
        tooltip = self._tooltip(claim)
        mark = self.options.marks.claims.get(claim.id) if self.options.marks else None
        border, penwidth = look.border, look.penwidth
        if mark is not None:  # a caller's mark replaces the border's colour and line
            classes.append(mark.name)
            border, penwidth = mark.color, mark.penwidth
            style = "rounded,filled" + ("" if mark.style == "solid" else f",{mark.style}")
            if mark.note:
                tooltip += f"\n{mark.note}"
        self.tooltips[element_id] = tooltip
        graph.node(
            claim.id,
            label=self._claim_label(claim, look, italic=look.italic or claim.kind is ClaimKind.ASSUMPTION),
            shape="box",
            style=style,
            fillcolor=look.fill,
            color=border,
            penwidth=f"{penwidth:g}",
            margin="0.11,0.06",
            peripheries="2" if focused else None,
            tooltip=_plain(tooltip),
            id=element_id,
            _attributes={"class": " ".join(dict.fromkeys(classes))},
        )

    def _tooltip(self, claim: Claim) -> str:
        parts = [f"{header_words(self.amap, claim).lower()} {claim.id}: {claim.text}"]
        quote = _value(claim, "quote")
        if quote:
            parts.append(f"quote: “{quote}”")
        for key in ("by", "kind"):
            value = _value(claim, key)
            if value:
                parts.append(f"{key}: {value}")
        details = prediction_words(claim)
        if details:
            parts.append(" · ".join(details))
        return "\n".join(parts)

    def _claim_label(self, claim: Claim, look: NodeLook, *, italic: bool) -> str:
        small = 8.5
        header = _style(_text(header_words(self.amap, claim)), bold=True)
        statement = _value(claim, "kind")
        if statement:
            header += _text(f" · {statement}")
        rows = [
            "<TR>"
            f'<TD ALIGN="LEFT">{_font(header, size=small, color=look.header)}</TD>'
            '<TD WIDTH="8"></TD>'
            f'<TD ALIGN="RIGHT">{_font(_text(claim.id), size=small, color=look.header)}</TD>'
            "</TR>"
        ]
        details = prediction_words(claim)
        if details:
            rows.append(
                f'<TR><TD COLSPAN="3" ALIGN="LEFT" BALIGN="LEFT">'
                f"{_font(_style(_lines(_phrase_lines(details, 48)), italic=True), size=small, color=look.header)}</TD></TR>"
            )
        body = _style(_lines(balanced_wrap(claim.text)), bold=look.bold, italic=italic)
        rows.append(f'<TR><TD COLSPAN="3" ALIGN="LEFT" BALIGN="LEFT">{_font(body, color=look.text)}</TD></TR>')
        mark = self.options.marks.claims.get(claim.id) if self.options.marks else None
        if mark is not None and mark.note:
            rows.append(
                f'<TR><TD COLSPAN="3" ALIGN="LEFT" BALIGN="LEFT">'
                f"{_font(_style(_lines(wrap(mark.note)), bold=True), size=small, color=mark.color)}</TD></TR>"
            )
        hidden = self._hidden_links(claim.id)
        if hidden:
            note = f"+ {_plural(hidden, 'link')} not shown"
            rows.append(
                f'<TR><TD COLSPAN="3" ALIGN="RIGHT">'
                f"{_font(_style(_text(note), italic=True), size=small, color=look.header)}</TD></TR>"
            )
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>"
        return _html(table)

    def _hidden_links(self, claim_id: str) -> int:
        if len(self.inferences) == len(self.amap.inferences):
            return 0
        return sum(
            1
            for inference in self.amap.inferences
            if inference.index not in self.drawn_inferences
            and (claim_id in inference.premises or inference.target == claim_id)
        )

    # --- links ---

    def _add_junction(self, graph: graphviz.Digraph, inference: Inference) -> None:
        look_name = edge_look(self.amap, inference)
        look = self.theme.edges[look_name]
        kind = "linked" if len(inference.premises) > 1 else "single"
        mark = self.options.marks.links.get(inference.index) if self.options.marks else None
        color = mark.color if mark is not None else look.color
        graph.node(
            _junction_name(inference),
            label="",
            shape="point",
            width="0.13",
            color=color,
            fillcolor=color,
            tooltip=_plain(_inference_words(self.amap, inference)),
            id=f"inference-{inference.index}",
            _attributes={"class": f"junction {look_name} {kind}"},
        )

    def _add_inference(self, graph: graphviz.Digraph, inference: Inference) -> None:
        look_name = edge_look(self.amap, inference)
        look = self.theme.edges[look_name]
        if inference.target is not None:
            head = inference.target
        else:
            assert inference.target_inference is not None
            head = _junction_name(self.amap.inferences[inference.target_inference])
        common = {
            "color": look.color,
            "style": look.style,
            "penwidth": f"{look.penwidth:g}",
            "arrowsize": f"{look.arrowsize:g}",
        }
        label = None
        if inference.label:
            label = _html(_font(_style(_lines(balanced_wrap(inference.label, 24)), italic=True), color=look.label))
        css = f"link {look_name}" + (" linked" if len(inference.premises) > 1 else "")
        mark = self.options.marks.links.get(inference.index) if self.options.marks else None
        if mark is not None:  # a caller's mark replaces the line's colour and style, its note the label
            css += f" {mark.name}"
            common.update(color=mark.color, style=mark.style, penwidth=f"{mark.penwidth:g}")
            if mark.note:
                label = _html(_font(_style(_lines(balanced_wrap(mark.note, 24)), bold=True), color=mark.color))
        if inference.index in self.junctions:
            junction = _junction_name(inference)
            for number, premise in enumerate(inference.premises):
                graph.edge(
                    premise,
                    junction,
                    arrowhead="none",
                    id=f"link-{inference.index}-{number}",
                    _attributes={"class": css, **common},
                )
            graph.edge(
                junction,
                head,
                label=label,
                arrowhead=look.arrowhead,
                id=f"link-{inference.index}",
                _attributes={"class": css, **common},
            )
        else:
            # Two ranks, like a link through a junction, so every reason of a claim sits level.
            minlen = "2" if self.junctions and inference.target is not None else None
            graph.edge(
                inference.premises[0],
                head,
                label=label,
                arrowhead=look.arrowhead,
                minlen=minlen,
                id=f"link-{inference.index}",
                _attributes={"class": css, **common},
            )

    # --- legend ---

    def _add_legend(self, graph: graphviz.Digraph) -> None:
        node_looks = {node_look(self.amap, claim) for claim in self.claims}
        link_looks = {edge_look(self.amap, inference) for inference in self.inferences}
        if any(len(inference.premises) > 1 for inference in self.inferences):
            link_looks.add("linked")
        theme = self.theme
        with graph.subgraph(name="cluster_legend") as legend:
            legend.attr(
                label=_html(_font(_style("Key", bold=True), size=12)),
                labelloc=self.cluster_labelloc,
                labeljust=self.cluster_labeljust,
                style="rounded",
                color=theme.cluster,
                fontcolor=theme.cluster,
                id="legend",
                tooltip="Key",
                _attributes={"class": "legend"},
            )
            rows = []
            for look_name, (header, meaning) in _NODE_LEGEND.items():
                if look_name not in node_looks:
                    continue
                look = theme.nodes[look_name]
                cell_style = ' STYLE="rounded"' if not look.dashed else ' STYLE="dashed"'
                rows.append(
                    "<TR>"
                    f'<TD BORDER="{max(1, round(look.penwidth))}" COLOR="{look.border}" BGCOLOR="{look.fill}"'
                    f'{cell_style} ALIGN="LEFT">{_font(_style(_text(header), bold=True), size=8.5, color=look.header)}</TD>'
                    f'<TD ALIGN="LEFT">{_font(_text(meaning), size=10)}</TD>'
                    "</TR>"
                )
            if rows:
                table = (
                    '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3">' + "".join(rows) + "</TABLE>"
                )
                legend.node("legend.kinds", label=_html(table), shape="plain", id="legend-kinds")
            self._legend_marks(legend)
            # dot lays sibling clusters out right to left here: declare the samples in
            # reverse so they read left to right in the order of _LINK_LEGEND.
            for look_name, meaning in reversed(_LINK_LEGEND.items()):
                if look_name in link_looks:
                    self._legend_link(legend, look_name, meaning)

    def _legend_marks(self, legend: graphviz.Digraph) -> None:
        """One row for each mark a caller laid over the map: a sample line and its meaning."""
        marks = self.options.marks.legend() if self.options.marks else []
        if not marks:
            return
        samples = {"solid": "———", "bold": "———", "dashed": "– – –", "dotted": "· · · · ·"}
        rows = [
            "<TR>"
            f'<TD ALIGN="LEFT">{_font(_style(_text(samples.get(mark.style, "———")), bold=True), size=12, color=mark.color)}</TD>'
            f'<TD ALIGN="LEFT">{_font(_text(mark.meaning), size=10)}</TD>'
            "</TR>"
            for mark in marks
        ]
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2">' + "".join(rows) + "</TABLE>"
        legend.node("legend.marks", label=_html(table), shape="plain", id="legend-marks")

    def _legend_link(self, legend: graphviz.Digraph, look_name: str, meaning: str) -> None:
        """One small drawing of a link type, in its own frameless cluster so samples never mix."""
        theme = self.theme
        look = theme.edges["support" if look_name == "linked" else look_name]
        support = theme.edges["support"]
        name = f"legend.{look_name}"
        tail_word, head_word = _LEGEND_WORDS[look_name]
        label = _html(_font(_style(_text(meaning), italic=True), size=9))

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
                sample.node(node, label=_html(_font(_text(text), size=9)), shape="plain")

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


def _draw(amap: ArgumentMap, options: _Options) -> _Drawing:
    return _Builder(amap, options).build()


def _junction_name(inference: Inference) -> str:
    # A '.' cannot occur in a claim id, so junction names never clash with claims.
    return f"inference.{inference.index}"


def _role_order(role: Role) -> int:
    return list(Role).index(role)


def _inference_words(amap: ArgumentMap, inference: Inference) -> str:
    joiner = " + " if inference.linked else ", "
    if inference.target is not None:
        target = inference.target
    else:
        assert inference.target_inference is not None
        target = "(" + _inference_words(amap, amap.inferences[inference.target_inference]) + ")"
    arrow = "→" if inference.type is LinkType.SUPPORT else "⊣"
    return f"{joiner.join(inference.premises)} {arrow} {target}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _describe(amap: ArgumentMap, claims: Sequence[Claim], inferences: Sequence[Inference]) -> str:
    kinds = Counter(node_look(amap, claim) for claim in claims)
    looks = Counter(edge_look(amap, inference) for inference in inferences)
    linked = sum(1 for inference in inferences if len(inference.premises) > 1)
    kind_words = {
        "main": ("main conclusion", "main conclusions"),
        "conclusion": ("conclusion", "conclusions"),
        "premise": ("premise", "premises"),
        "assumption": ("unstated assumption", "unstated assumptions"),
        "claim": ("other claim", "other claims"),
        "prediction": ("prediction", "predictions"),
        "recommendation": ("recommendation", "recommendations"),
        "objection": ("objection", "objections"),
        "rebuttal": ("rebuttal", "rebuttals"),
        "undercut": ("undercut", "undercuts"),
    }
    link_words = {
        "support": ("support", "supports"),
        "attack": ("attack", "attacks"),
        "rebuttal": ("rebuttal link", "rebuttal links"),
        "undercut": ("undercut link", "undercut links"),
    }

    def count(counter: Counter[str], words: Mapping[str, tuple[str, str]]) -> str:
        return ", ".join(
            f"{counter[key]} {one if counter[key] == 1 else many}"
            for key, (one, many) in words.items()
            if counter[key]
        )

    text = f"An argument map of {_plural(len(claims), 'claim')}"
    if claims:
        text += f" ({count(kinds, kind_words)})"
    text += f" and {_plural(len(inferences), 'link')}"
    if inferences:
        text += f" ({count(looks, link_words)}"
        if linked:
            text += f"; {linked} of them linked groups of premises that work only together"
        text += ")"
    text += "."
    if amap.main is not None and amap.main in {claim.id for claim in claims}:
        text += f" Main conclusion: {amap.by_id[amap.main].text}"
    return text


# --- focus -----------------------------------------------------------------------


def _select(
    amap: ArgumentMap, focus: str | None, depth: int | None
) -> tuple[tuple[Claim, ...], tuple[Inference, ...]]:
    """The claims and inferences to draw: all of them, or those around ``focus``."""
    if focus is None and depth is None:
        return amap.claims, amap.inferences
    center = focus if focus is not None else amap.main
    if center is None:
        raise FocusError("the map has no main conclusion to count the depth from: give a focus claim")
    if center not in amap.by_id:
        from .suggest import closest

        guess = closest(center, amap.by_id, 0.6)
        hint = f": did you mean '{guess}'?" if guess is not None else ""
        raise FocusError(f"no claim has the id '{center}'{hint}")
    limit = depth if depth is not None else DEFAULT_FOCUS_DEPTH
    ends = _inference_ends(amap)
    neighbours: dict[str, list[str]] = {}
    for inference in amap.inferences:
        for premise in inference.premises:
            for other in ends[inference.index]:
                if other != premise:
                    neighbours.setdefault(premise, []).append(other)
                    neighbours.setdefault(other, []).append(premise)
    distance = {center: 0}
    frontier = [center]
    while frontier:
        following: list[str] = []
        for claim_id in frontier:
            if distance[claim_id] >= limit:
                continue
            for other in neighbours.get(claim_id, []):
                if other not in distance:
                    distance[other] = distance[claim_id] + 1
                    following.append(other)
        frontier = following
    visible_ids = set(distance)
    drawn: dict[int, Inference] = {}
    changed = True
    while changed:
        changed = False
        for inference in amap.inferences:
            if inference.index in drawn:
                continue
            if inference.target is not None:
                target_ok = inference.target in visible_ids
            else:
                target_ok = inference.target_inference in drawn
            if target_ok and any(premise in visible_ids for premise in inference.premises):
                drawn[inference.index] = inference
                # A linked group is drawn whole: its premises work only together.
                visible_ids.update(inference.premises)
                changed = True
    claims = tuple(claim for claim in amap.claims if claim.id in visible_ids)
    inferences = tuple(inference for inference in amap.inferences if inference.index in drawn)
    return claims, inferences


def _inference_ends(amap: ArgumentMap) -> dict[int, list[str]]:
    """For each inference, the claims on its far side: its target, or every claim of the
    inference it undercuts (an undercut is one link away from both ends of that link)."""
    ends: dict[int, list[str]] = {}
    for inference in amap.inferences:
        chain: list[str] = []
        current: Inference | None = inference
        seen: set[int] = set()
        while current is not None and current.index not in seen:
            seen.add(current.index)
            if current.target is not None:
                chain.append(current.target)
                current = None
            else:
                assert current.target_inference is not None
                current = amap.inferences[current.target_inference]
                chain.extend(current.premises)
        ends[inference.index] = list(dict.fromkeys(chain))
    return ends


# --- SVG post-processing ----------------------------------------------------------


def _finish_svg(svg: bytes, drawing: _Drawing) -> bytes:
    """Add a root title and description, ``role="img"``, and each box's full text as its
    tooltip (set here, from the map, so no Graphviz escaping can alter it)."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    suffix = hashlib.sha256(drawing.source.encode("utf-8")).hexdigest()[:8]
    title_id, desc_id = f"argmap-title-{suffix}", f"argmap-desc-{suffix}"
    title = ET.Element(f"{{{SVG_NS}}}title", {"id": title_id})
    title.text = visible(drawing.title)
    desc = ET.Element(f"{{{SVG_NS}}}desc", {"id": desc_id})
    desc.text = visible(drawing.description)
    root.insert(0, desc)
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    for group in root.iter(f"{{{SVG_NS}}}g"):
        if group.get("id") == "graph0":
            graph_title = group.find(f"{{{SVG_NS}}}title")
            if graph_title is not None:
                graph_title.text = title.text
        tooltip = drawing.tooltips.get(group.get("id", ""))
        if tooltip is None:
            continue
        text = _LINE_BREAK.sub("\n", visible(tooltip))  # XML would turn a lone CR into LF anyway
        node_title = group.find(f"{{{SVG_NS}}}title")
        if node_title is not None:
            node_title.text = text
        for anchor in group.iter(f"{{{SVG_NS}}}a"):
            anchor.set(f"{{{XLINK_NS}}}title", text)
    finished: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return finished + b"\n"

