"""How readable an argmap SVG is at a glance, measured from the SVG itself (standard library only).

- size and aspect, from the root's ``width``/``height`` (Graphviz writes pt);
- the smallest text, at natural size and fitted to a 1,400 x 900 screen (CSS px, never enlarged,
  1 pt = 4/3 px) or to A3/A4 with 10 mm margins (pt, the better orientation, or A3 landscape);
- the key's share of the picture (the node with ``id="legend"``);
- the marks that carry meaning: attack and undercut bars (the long side of a ``tee``), the
  junction dot (its fill, inside a ring of the page's colour), the gap of a dashed line.

Written from the layout research for issue 12 (``measure.py``), kept to what the tests check.
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import attrs

SVG = "{http://www.w3.org/2000/svg}"
PX_PER_PT = 4 / 3
MM = 72 / 25.4
SCREEN = (1400, 900)
PAGES = {"a3": (420, 297), "a4": (297, 210)}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@attrs.frozen
class Measure:
    """What :func:`measure` finds in one SVG."""

    width: float
    """In pt."""
    height: float
    smallest_text: float
    """In pt, at natural size: the smallest font size of any text."""
    screen: float
    """The scale that fits the picture to a 1,400 x 900 screen (never above 1)."""
    a3_landscape: float
    a3: float
    """The scale that fits A3 with 10 mm margins, in the better orientation."""
    a4: float
    key_share: float | None
    """The key's share of the picture's area (None: no key)."""
    bars: dict[str, float]
    """The shortest bar of each attack look, in pt."""
    dot: float | None
    """The smallest junction dot's diameter, in pt."""
    dash_gap: float | None
    """The smallest gap of a dashed or dotted line, in pt."""

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height

    def text_at(self, fit: str) -> float:
        """The smallest text fitted to ``screen`` (px) or ``a3``, ``a3_landscape``, ``a4`` (pt)."""
        return self.smallest_text * self.scale(fit)

    def scale(self, fit: str) -> float:
        """The factor from the picture's pt to what ``fit`` measures in (CSS px on the screen, pt on paper)."""
        if fit == "screen":
            return self.screen * PX_PER_PT
        return float(getattr(self, fit))


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def _points(element: ET.Element) -> list[tuple[float, float]]:
    raw = _numbers(element.get("d") if element.tag == f"{SVG}path" else element.get("points", ""))
    return list(zip(raw[0::2], raw[1::2], strict=False))


def _paper(width: float, height: float, page: tuple[int, int]) -> tuple[float, float]:
    """(landscape, best orientation) scale of a picture on the page with 10 mm margins."""
    long, short = ((side - 20) * MM for side in page)
    landscape = min(long / width, short / height)
    return landscape, max(landscape, min(short / width, long / height))


def measure(svg: bytes) -> Measure:
    """Measure one SVG that argmap drew."""
    root = ET.fromstring(svg)
    width, height = (float(root.get(side, "0").removesuffix("pt")) for side in ("width", "height"))
    view = _numbers(root.get("viewBox"))
    graph = next(group for group in root.iter(f"{SVG}g") if group.get("id") == "graph0")
    scaled = re.search(r"scale\(([\d.]+)", graph.get("transform", ""))
    unit = width / view[2] * (float(scaled.group(1)) if scaled else 1.0)
    sizes = [float(text.get("font-size", 0)) * unit for text in root.iter(f"{SVG}text") if (text.text or "").strip()]
    key_share = None
    bars: dict[str, list[float]] = {}
    dots: list[float] = []
    gaps: list[float] = []
    for group in graph.iter(f"{SVG}g"):
        classes = group.get("class", "").split()
        if group.get("id") == "legend":
            points = [p for element in group.iter() if element.tag in (f"{SVG}path", f"{SVG}polygon") for p in _points(element)]
            xs, ys = [x for x, _ in points], [y for _, y in points]
            key_share = (max(xs) - min(xs)) * (max(ys) - min(ys)) * unit * unit / (width * height)
            continue
        if "junction" in classes:
            for ellipse in group.iter(f"{SVG}ellipse"):
                diameter = 2 * float(ellipse.get("rx", 0))
                if ellipse.get("stroke", "").lower() in ("#ffffff", "white"):
                    diameter -= float(ellipse.get("stroke-width", 1))  # the ring inside the node
                dots.append(diameter * unit)
        if "link" not in classes:
            continue
        for path in group.iter(f"{SVG}path"):
            gap = _numbers(path.get("stroke-dasharray"))[1::2]
            if gap:
                gaps.append(min(gap) * unit)
        look = next((name for name in ("undercut", "rebuttal", "attack") if name in classes), None)
        if look is None:
            continue
        for polygon in group.iter(f"{SVG}polygon"):
            points = _points(polygon)
            sides = [math.dist(a, b) for a, b in itertools.pairwise(points)]
            if len(points) >= 4 and min(sides) > 0 and max(sides) / min(sides) > 2:  # a bar, not an arrowhead
                bars.setdefault(look, []).append(max(sides) * unit)
    a3_landscape, a3 = _paper(width, height, PAGES["a3"])
    _, a4 = _paper(width, height, PAGES["a4"])
    screen = min(1.0, SCREEN[0] / (width * PX_PER_PT), SCREEN[1] / (height * PX_PER_PT))
    return Measure(
        width,
        height,
        min(sizes),
        screen,
        a3_landscape,
        a3,
        a4,
        key_share,
        {look: min(lengths) for look, lengths in bars.items()},
        min(dots) if dots else None,
        min(gaps) if gaps else None,
    )
