"""One version of an open document, checked: the parse, the resolved map, and where each id is written.

The language server makes an :class:`Analysis` for each version it checks,
with the same pipeline as ``argmap check`` (:func:`argmap.language.parse`,
:func:`argmap.analysis.resolve`): there is no second checker. Only the
statements an edit touched are read again
(:func:`argmap.language.parser.parse_again`), which makes the same document.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from pathlib import Path

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.analysis.check import resolve
from argmap.core.diagnostics import ArgmapSyntaxError, Diagnostic
from argmap.core.model import Claim, Document, Link, LinkRef, Ref, Span
from argmap.language.parser import parse_again
from argmap.language.schema import ID_PATTERN

from .positions import LineIndex

__all__ = ["Analysis", "Occurrence"]


@attrs.frozen
class Occurrence:
    """A claim id written somewhere: where a claim is defined, or a link (or ``evidence:``) names it."""

    id: str
    span: Span
    definition: bool
    """True at the claim's own ``kind id:``."""


class Analysis:
    """A document's text, parsed and resolved; a syntax error instead of a map when it does not parse."""

    def __init__(
        self, text: str, path: str, source_root: Path | None, lines: LineIndex, previous: Document | None = None
    ) -> None:
        """``previous``: the document of an earlier version that parsed; only what changed since is read again."""
        self.text = text
        self.path = path
        self.lines = lines
        self.document: Document | None = None
        self.map: ArgumentMap | None = None
        self.error: Diagnostic | None = None
        self.last_parsed = previous
        """The document of this version, or of the last earlier one that parsed: where the next version starts from."""
        try:
            self.document = parse_again(previous, text, path)
        except ArgmapSyntaxError as exc:
            self.error = exc.diagnostic
        else:
            self.last_parsed = self.document
            self.map = resolve(
                self.document,
                source_root=source_root,
                check_source=source_root is not None,
                keep_source_index=True,
            )

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """What ``argmap check`` reports for this text."""
        if self.map is not None:
            return self.map.diagnostics
        return (self.error,) if self.error is not None else ()

    @functools.cached_property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Every id written in the document, in the order of the text."""
        if self.document is None:
            return ()
        found = [Occurrence(claim.id, claim.id_span, True) for claim in self.document.claims]
        for link in self.document.links:
            found.extend(Occurrence(ref.id, ref.span, False) for ref in _refs(link))
        known = {claim.id for claim in self.document.claims}
        for claim in self.document.claims:
            found.extend(_evidence(claim, known, self.document.text))
        return tuple(sorted(found, key=lambda occurrence: occurrence.span.start))

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [occurrence.span.start for occurrence in self.occurrences]

    def at(self, offset: int) -> Occurrence | None:
        """The id written at ``offset`` (the cursor just after an id counts too)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0:
            occurrence = self.occurrences[index]
            if occurrence.span.start <= offset <= occurrence.span.end:
                return occurrence
        return None

    def of(self, claim_id: str) -> list[Occurrence]:
        """Every place ``claim_id`` is written, its definition first."""
        found = [occurrence for occurrence in self.occurrences if occurrence.id == claim_id]
        return sorted(found, key=lambda occurrence: not occurrence.definition)

    def claim_at(self, offset: int) -> Claim | None:
        """The claim whose lines hold ``offset``."""
        if self.document is None:
            return None
        for claim in self.document.claims:
            if claim.span.start <= offset <= claim.span.end:
                return claim
        return None

    def link_at(self, offset: int) -> Link | None:
        """The link whose lines hold ``offset``."""
        if self.document is None:
            return None
        for link in self.document.links:
            if link.span.start <= offset <= link.span.end:
                return link
        return None

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id (its first definition)."""
        if self.map is not None:
            return self.map.by_id.get(claim_id)
        return None


def _refs(link: Link | LinkRef) -> Iterator[Ref]:
    """Every id a link names, inside the parentheses of an undercut too."""
    yield from link.sources
    target = link.target
    if isinstance(target, Ref):
        yield target
    else:
        yield from _refs(target)


def _evidence(claim: Claim, known: set[str], text: str) -> Iterator[Occurrence]:
    """The claim ids in a one-line ``evidence:`` value (the others are citations)."""
    import re

    for prop in claim.properties:
        span = prop.value_span
        if prop.key != "evidence" or span.line != span.end_line:
            continue
        for match in re.finditer(rf"(?<![\w-]){ID_PATTERN}", text[span.start : span.end]):
            if match.group() in known:
                start, end = span.start + match.start(), span.start + match.end()
                column = span.column + match.start()
                yield Occurrence(
                    match.group(),
                    Span(span.file, span.line, column, span.line, column + end - start, start, end),
                    False,
                )
