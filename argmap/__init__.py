"""argmap: map the structure of arguments, check it, and draw it.

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

from ._parser import load, parse
from .diagnostics import ArgmapError, ArgmapSyntaxError, Diagnostic, Severity, format_diagnostic
from .model import Claim, ClaimKind, Document, Link, LinkType, Property, Section, Span
from .resolver import ArgumentMap, Inference, Role, resolve

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
