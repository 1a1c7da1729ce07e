"""What both parsers make: the document's records in order, and the pieces they share.

The Lark tree builder (:mod:`argmap.language.tree`) and the fast scanner
(:mod:`argmap.language.scanner`) both extend :class:`Records`, so a section,
a property or a piece of text is made the same way whichever parser read it.
"""

from __future__ import annotations

import re

from argmap.core.model import Claim, Document, Link, Property, Section, Span

from .errors import fail

__all__ = [
    "Records",
    "heading_parts",
    "heading_title",
    "joined",
    "make_property",
    "unescape",
    "widen_to_parentheses",
]

_ESCAPE = re.compile(r"\\([#\\])")
_COMMENT_IN_HEADING = re.compile(r"(?<![^\s])#.*$")


def unescape(raw: str) -> str:
    """Decode the two escapes of claim text: ``\\#`` and ``\\\\``."""
    if "\\" not in raw:
        return raw
    return _ESCAPE.sub(_unescaped, raw)


def _unescaped(match: re.Match[str]) -> str:
    return match.group(1)


class Records:
    """What both parsers make: the document's records in order, and the sections still open."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.header: list[Property] = []
        self.sections: list[Section] = []
        self.claims: list[Claim] = []
        self.links: list[Link] = []
        self.stack: list[Section] = []
        """The open sections, outermost first."""

    @property
    def current_section(self) -> int | None:
        return self.stack[-1].index if self.stack else None

    def add_section(self, heading: str, span: Span) -> None:
        """A ``## heading`` line: it closes the open sections of its level or deeper."""
        hashes = len(heading) - len(heading.lstrip("#"))
        level = hashes - 1
        title = heading_title(heading)
        if not title:
            fail(self.text, self.path, "S016", "this heading has no title: write it after the hashes, "
                 "as in '## The reasons'", span.start, span.end)
        stack = self.stack
        while stack and stack[-1].level >= level:
            stack.pop()
        section = Section(len(self.sections), title, level, self.current_section, span)
        self.sections.append(section)
        stack.append(section)

    def document(self) -> Document:
        """The records made so far, as a document."""
        return Document(
            self.path, self.text, tuple(self.header), tuple(self.sections), tuple(self.claims), tuple(self.links)
        )


def joined(parts: list[tuple[str, Span]]) -> tuple[str, Span]:
    """The text of one or more pieces (escapes decoded, joined by a space) and the span over them."""
    if len(parts) == 1:
        raw, span = parts[0]
        return unescape(raw), span
    return " ".join([unescape(raw) for raw, _ in parts]), parts[0][1].to(parts[-1][1])


def make_property(path: str, key: str, key_span: Span, parts: list[tuple[str, Span]]) -> Property:
    """A property from its key and the pieces of its value (none: empty, spanned just after the key)."""
    if not parts:
        line, column, end = key_span.end_line, key_span.end_column, key_span.end
        return Property(key, "", key_span, key_span, Span(path, line, column, line, column, end, end))
    value, value_span = joined(parts)
    return Property(key, value, key_span.to(value_span), key_span, value_span)


def widen_to_parentheses(text: str, span: Span) -> Span:
    """An inference's span, widened to the parentheses around it (they are on its line)."""
    opening = text.rfind("(", 0, span.start)
    closing = text.find(")", span.end)
    if opening < 0 or closing < 0:
        return span
    line_start = span.start - (span.column - 1)
    return Span(
        span.file,
        span.line,
        opening - line_start + 1,
        span.end_line,
        closing - line_start + 2,
        opening,
        closing + 1,
    )


def heading_parts(heading: str) -> tuple[str, str, str]:
    """A ``## heading`` line as its hashes, its title as written (escapes kept) and its comment (or '')."""
    hashes = len(heading) - len(heading.lstrip("#"))
    rest = heading[hashes:]
    comment = _COMMENT_IN_HEADING.search(rest)
    if comment is None:
        return heading[:hashes], rest.strip(), ""
    return heading[:hashes], rest[: comment.start()].strip(), comment.group().rstrip(" \t")


def heading_title(heading: str) -> str:
    """A ``## heading`` line's title: the text after the hashes, without a comment, escapes decoded."""
    return unescape(heading_parts(heading)[1])
