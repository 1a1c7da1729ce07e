"""Drawing: a resolved map as DOT text, and as SVG, PNG or PDF through Graphviz's ``dot``.

- :mod:`~argmap.drawing.dot`: :func:`to_dot` (pure, deterministic) and Graphviz's layout settings;
- :mod:`~argmap.drawing.layout`: the direction and wrapping chosen for the medium (:data:`MEDIA`),
  from the drawing's size estimated before it is drawn;
- :mod:`~argmap.drawing.run`: :func:`render` and :func:`render_atlas`, the functions that run ``dot``;
- :mod:`~argmap.drawing.atlas`: a big map as an overview and a page per part;
- :mod:`~argmap.drawing.graph`: DOT statements, written as the ``graphviz`` package writes them;
- :mod:`~argmap.drawing.scene`: what one drawing shows, shared by its parts:
  :mod:`~argmap.drawing.boxes`, :mod:`~argmap.drawing.links`,
  :mod:`~argmap.drawing.sections` (frames) and :mod:`~argmap.drawing.legend` (the key, whose
  entries and size are :mod:`~argmap.drawing.key`'s);
- :mod:`~argmap.drawing.theme`: colours, line styles, marks, and the words for each kind of box;
- :mod:`~argmap.drawing.labels`: wrapping, and the one escape of every user string;
- :mod:`~argmap.drawing.focus`: drawing a part of the map;
- :mod:`~argmap.drawing.describe`: the map in words for screen readers;
- :mod:`~argmap.drawing.svg`: SVG post-processing.

The ``graphviz`` package is imported only in this package.
"""

from __future__ import annotations

from .atlas import PAGE_CLAIMS, Atlas, AtlasPage, plan_atlas
from .describe import describe
from .dot import DIRECTIONS, FORMATS, LARGE_MAP, OVERVIEW_MAP, layout_effort, to_dot
from .focus import DEFAULT_FOCUS_DEPTH, FocusError
from .labels import WRAP_WIDTH, balanced_wrap, visible, wrap
from .layout import AUTO, MEDIA, Layout, Medium
from .run import (
    DOT_MISSING,
    MAX_DRAWN,
    DotNotFoundError,
    DotWarning,
    FitWarning,
    RenderError,
    TooBigError,
    render,
    render_atlas,
    repr_svg,
)
from .sections import MAX_FRAME_DEPTH, SECTION_CROSSING_SHARE
from .svg import SVG_NS, XLINK_NS
from .theme import (
    DEFAULT_THEME,
    PRINT_THEME,
    THEMES,
    EdgeLook,
    Mark,
    Marks,
    NodeLook,
    Theme,
    edge_look,
    header_words,
    node_look,
    prediction_words,
)

__all__ = [
    "AUTO",
    "DEFAULT_FOCUS_DEPTH",
    "DEFAULT_THEME",
    "DIRECTIONS",
    "DOT_MISSING",
    "FORMATS",
    "LARGE_MAP",
    "MAX_DRAWN",
    "MAX_FRAME_DEPTH",
    "MEDIA",
    "OVERVIEW_MAP",
    "PAGE_CLAIMS",
    "PRINT_THEME",
    "SECTION_CROSSING_SHARE",
    "SVG_NS",
    "THEMES",
    "WRAP_WIDTH",
    "XLINK_NS",
    "Atlas",
    "AtlasPage",
    "DotNotFoundError",
    "DotWarning",
    "EdgeLook",
    "FitWarning",
    "FocusError",
    "Layout",
    "Mark",
    "Marks",
    "Medium",
    "NodeLook",
    "RenderError",
    "Theme",
    "TooBigError",
    "balanced_wrap",
    "describe",
    "edge_look",
    "header_words",
    "layout_effort",
    "node_look",
    "plan_atlas",
    "prediction_words",
    "render",
    "render_atlas",
    "repr_svg",
    "to_dot",
    "visible",
    "wrap",
]
