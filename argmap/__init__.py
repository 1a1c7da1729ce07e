"""argmap: map the structure of arguments, check it, and draw it.

The public API: :func:`parse` and :func:`load` (text to a :class:`Document`),
:func:`resolve` (a document to an :class:`ArgumentMap` and its diagnostics),
:func:`check` (both, for a file), and the model's classes. The packages below
follow the pipeline (docs/architecture.md): ``core`` → ``language`` →
``analysis`` → ``drawing``, ``reading``, ``teaching`` … → ``cli``.

>>> import argmap
>>> doc = argmap.parse('''
... main conclusion c: Cities should plant more trees.
... premise a: Trees cool streets in summer.
... assumption b: Cooler streets are worth paying for.
... a + b -> c
... ''')
>>> [claim.id for claim in doc.claims]
['c', 'a', 'b']
>>> amap = argmap.resolve(doc)
>>> amap.ok, amap.main
(True, 'c')
"""

from __future__ import annotations

__version__ = "0.1.0"

from .analysis import argument_map as _argument_map
from .analysis.argument_map import ArgumentMap, Inference, Role
from .analysis.check import resolve
from .core.diagnostics import ArgmapError, ArgmapSyntaxError, Diagnostic, Severity, format_diagnostic
from .core.model import Claim, ClaimKind, Document, Link, LinkType, Property, Section, Source, Span
from .language.parser import load, parse

__all__ = [
    "ArgmapError",
    "ArgmapSyntaxError",
    "ArgumentMap",
    "Claim",
    "ClaimKind",
    "Diagnostic",
    "Document",
    "Inference",
    "Link",
    "LinkType",
    "Property",
    "Role",
    "Section",
    "Severity",
    "Source",
    "Span",
    "__version__",
    "check",
    "format_diagnostic",
    "load",
    "parse",
    "resolve",
]


def check(path: str) -> ArgumentMap:
    """Load and resolve a file in one step. Raises ArgmapSyntaxError or OSError."""
    return resolve(load(path))


def _draw_for_jupyter(amap: ArgumentMap) -> str | None:
    from .drawing import repr_svg

    return repr_svg(amap)


# The analysis layer does not know the drawing layer; the package's root joins them
# for Jupyter's ``_repr_svg_`` (imported only when a map is displayed).
_argument_map.draw_svg = _draw_for_jupyter
