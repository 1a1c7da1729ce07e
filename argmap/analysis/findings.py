"""Collecting diagnostics: every check reports what it finds through one :class:`Findings`.

The checks never raise for anything a user wrote; each finding becomes a
:class:`~argmap.core.diagnostics.Diagnostic` with its code's severity from
the registry.
"""

from __future__ import annotations

from collections.abc import Callable

from argmap.core.codes import REGISTRY
from argmap.core.diagnostics import Diagnostic, Note, sort_key
from argmap.core.model import Span

__all__ = ["Findings", "Report"]

Report = Callable[..., None]
"""What a check calls to report a finding: ``report(code, message, span, *notes)``."""


class Findings:
    """The diagnostics found so far, in the order they were reported."""

    def __init__(self) -> None:
        self.found: list[Diagnostic] = []

    def report(self, code: str, message: str, span: Span, *notes: Note) -> None:
        """Record one finding; its severity is the code's (a KeyError names an unregistered code)."""
        self.found.append(Diagnostic(code, REGISTRY[code].severity, message, span, tuple(notes)))

    def sorted(self) -> tuple[Diagnostic, ...]:
        """Every finding, sorted by file, place and code."""
        return tuple(sorted(self.found, key=sort_key))
