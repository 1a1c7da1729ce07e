"""Waivers: ``waive:`` in the header, on a claim or on a link, silences advice a reader has weighed.

Only waivable codes (:attr:`argmap.core.codes.Code.waivable`: the notes and
warnings of the C, T and P families) can be waived. A header's ``waive:``
applies to the whole file, a claim's to what is reported on that claim, a
link's to what is reported on that link. ``lint: off`` in the header waives
every C code. A waiver item that names no code, or a code that cannot be
waived, is itself a warning (K005); the rest of the waiver still applies.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import attrgetter

from argmap.core.codes import REGISTRY, WAIVABLE_FAMILIES
from argmap.core.diagnostics import Diagnostic, Note
from argmap.core.model import Claim, Document, Link, Property, Span
from argmap.core.suggest import closest
from argmap.language.schema import split_list

from .findings import Report

__all__ = ["Waivers", "any_property"]


class Waivers:
    """The waivers of one document, ready to filter its diagnostics."""

    def __init__(self, document: Document) -> None:
        header = document.header_value("waive") or ""
        if (document.header_value("lint") or "on").strip().lower() == "off":
            header += ", C*"
        self.everywhere = _items(header)
        self.properties: list[Property] = [field for field in document.header if field.key == "waive"]
        scoped: list[tuple[Span, frozenset[str]]] = []
        records: list[Claim | Link] = [*document.claims, *document.links]
        if not any_property(records, "waive"):
            records = []  # the usual map: no claim or link waives anything
        for record in records:
            for prop in record.properties:
                if prop.key == "waive":
                    self.properties.append(prop)
                    scoped.append((record.span, _items(prop.value)))
        scoped.sort(key=lambda item: item[0].start)
        self.scoped = scoped
        self.starts = [span.start for span, _ in scoped]

    def __bool__(self) -> bool:
        return bool(self.properties) or bool(self.everywhere)

    def check(self, report: Report) -> None:
        """K005 for each item that names no code, or a code that cannot be waived."""
        for prop in self.properties:
            for item in split_list(prop.value):
                problem = _problem(item)
                if problem is not None:
                    report(
                        "K005",
                        f"'{item}' cannot be waived: {problem}",
                        prop.value_span,
                        Note("waivable: the notes and warnings of the C, T and P families "
                             "(`argmap codes` marks them); 'C*' waives a family, 'all' every waivable code"),
                    )

    def keep(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics no waiver silences."""
        return [d for d in diagnostics if not self.waives(d)]

    def waives(self, diagnostic: Diagnostic) -> bool:
        """Whether a waiver of the file, or of the claim or link the diagnostic is on, covers it."""
        code = diagnostic.code
        if not REGISTRY[code].waivable:
            return False
        if _covers(self.everywhere, code):
            return True
        # Claims and links never overlap: the one that holds the diagnostic starts last before it.
        span = diagnostic.span
        index = bisect.bisect_right(self.starts, span.start) - 1
        if index < 0:
            return False
        record, items = self.scoped[index]
        return span.end <= record.end and _covers(items, code)


def any_property(records: Iterable[Claim | Link], key: str) -> bool:
    """Whether any of the records has a property with this key: asked of all at once, in C,
    as a big map's hundred thousand records are quicker asked than looked through one by one."""
    return key in map(_KEY, chain.from_iterable(map(_PROPERTIES, records)))


_KEY = attrgetter("key")
_PROPERTIES = attrgetter("properties")


def _items(value: str) -> frozenset[str]:
    return frozenset(item.upper() for item in split_list(value))


def _covers(items: frozenset[str], code: str) -> bool:
    return "ALL" in items or code in items or code[0] + "*" in items


def _problem(item: str) -> str | None:
    word = item.upper()
    if word == "ALL" or (len(word) == 2 and word[1] == "*" and word[0] in WAIVABLE_FAMILIES):
        return None
    if len(word) == 2 and word[1] == "*":
        return f"the {word[0]} family cannot be waived; the families that can are {', '.join(WAIVABLE_FAMILIES)}"
    entry = REGISTRY.get(word)
    if entry is None:
        guess = closest(word, _waivable_codes())
        hint = f": did you mean '{guess}'?" if guess else ""
        return f"it is no diagnostic code{hint}"
    if not entry.waivable:
        why = "an error" if entry.severity.value == "error" else "a structural warning"
        return f"{entry.code} ({entry.name}) is {why}, which a fix in the map answers, not a waiver"
    return None


def _waivable_codes() -> Sequence[str]:
    return [code for code, entry in REGISTRY.items() if entry.waivable]
