"""The resolved map: :class:`ArgumentMap`, its :class:`Inference` steps and the derived :class:`Role` of each claim.

What :func:`argmap.analysis.resolve` returns and every output (drawing, the
reading view, teaching, export) works from.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs

from argmap.core.diagnostics import Diagnostic, Severity
from argmap.core.model import Claim, Document, Link, LinkType, Ref, Span

if TYPE_CHECKING:
    from .grounding import Grounding

__all__ = ["ArgumentMap", "Inference", "Role"]


class Role(enum.Enum):
    """What a claim does in the map, derived from the links (never declared)."""

    MAIN = "main conclusion"
    INTERMEDIATE = "intermediate conclusion"
    """Supported by something, and itself supports something."""
    BASIC_PREMISE = "basic premise"
    """Supports something, and nothing supports it."""
    OBJECTION = "objection"
    """Attacks a claim that attacks nothing."""
    REBUTTAL = "rebuttal"
    """Attacks a claim that itself attacks something: an objection to an objection."""
    UNDERCUT = "undercut"
    """Attacks an inference: "that does not follow"."""


@attrs.frozen
class Inference:
    """One step of reasoning: premises that support or attack one target.

    ``a, b -> c`` gives two inferences (each reason stands alone);
    ``a + b -> c`` gives one with two premises (they work only together).
    """

    index: int
    type: LinkType
    premises: tuple[str, ...]
    """Claim ids, in the order written, without repeats."""
    linked: bool
    """Written with ``+``: the premises work only together."""
    target: str | None
    """The claim this inference supports or attacks, or ``None`` for an undercut."""
    target_inference: int | None
    """For an undercut: the index of the inference it attacks."""
    label: str | None
    link: Link
    """The link statement this inference was written in."""
    place: Link | Ref
    """Where it was written: the premise for one of several separate reasons, else the link."""

    @property
    def span(self) -> Span:
        """Where it was written, as a span (made when asked for)."""
        return self.place.span

    @property
    def is_undercut(self) -> bool:
        """True when this inference attacks another inference rather than a claim."""
        return self.target_inference is not None


@attrs.frozen(eq=False, repr=False)
class ArgumentMap:
    """A resolved map: claims, inferences, derived roles, and what the resolver found."""

    document: Document
    claims: tuple[Claim, ...]
    """Every claim, in source order (a duplicated id keeps its first definition)."""
    inferences: tuple[Inference, ...]
    """Every inference whose ids all resolved, in source order."""
    diagnostics: tuple[Diagnostic, ...]
    """Sorted by position."""
    main: str | None
    """The id of the main conclusion, if exactly one was marked (the first if several)."""
    roles: Mapping[str, frozenset[Role]]
    depth: Mapping[str, int]
    """Distance below the main conclusion, for claims that lead to it (main is 0)."""
    by_id: Mapping[str, Claim]
    """The claims by id."""
    grounding: Grounding | None = None
    """The source text and where each quote was found, when the header names a readable source."""

    @property
    def title(self) -> str | None:
        """The header's title."""
        return self.document.header_value("title")

    @property
    def path(self) -> str:
        """The file the map was read from."""
        return self.document.path

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; KeyError if there is none."""
        return self.by_id[claim_id]

    def __repr__(self) -> str:
        counts = f"{len(self.claims)} claims, {len(self.inferences)} inferences"
        errors, warnings = len(self.errors), len(self.warnings)
        return f"<ArgumentMap {self.path!r}: {counts}, {errors} errors, {warnings} warnings>"

    def _repr_svg_(self) -> str | None:
        """The map drawn as SVG, for Jupyter; None for a map with errors (shown by
        :meth:`_repr_html_` instead, as the command line refuses to draw it) or without ``dot``."""
        if not self.ok or draw_svg is None:
            return None
        return draw_svg(self)

    def _repr_html_(self) -> str | None:
        """For Jupyter: a map with errors shows them, as ``argmap check`` prints them; None otherwise."""
        if self.ok:
            return None
        from html import escape

        from argmap.core.diagnostics import format_diagnostic

        shown = "\n\n".join(format_diagnostic(d, self.document.text) for d in self.errors)
        return (
            f"<p><b>{escape(self.path)}</b>: {len(self.errors)} error(s); the map is not drawn until they are "
            f"fixed</p><pre>{escape(shown)}</pre>"
        )

    def claims_with(self, role: Role) -> tuple[Claim, ...]:
        """The claims that have ``role``, in source order."""
        return tuple(claim for claim in self.claims if role in self.roles.get(claim.id, ()))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity error."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity warning."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings are allowed)."""
        return not self.errors


draw_svg: Callable[[ArgumentMap], str | None] | None = None
"""How :meth:`ArgumentMap._repr_svg_` draws a map for Jupyter. The analysis layer does not
know the drawing layer; the package's root (``argmap/__init__.py``) sets this hook."""
