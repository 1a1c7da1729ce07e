"""What both parsers make: the document's records in order, and the pieces they share.

The Lark tree builder (:mod:`argmap.language.tree`) and the fast scanner
(:mod:`argmap.language.scanner`) both extend :class:`Records`, so a section,
a property or a piece of text is made the same way whichever parser read it.
"""

from __future__ import annotations

import re

from argmap.core.model import Claim, Document, Link, Property, Section, Source, Span, pack4

from .errors import fail

__all__ = [
    "Part",
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
        self.source = Source(path, text)
        """What the records make their spans from."""
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
            self.path,
            self.text,
            tuple(self.header),
            tuple(self.sections),
            tuple(self.claims),
            tuple(self.links),
            self.source,
        )


Part = tuple[str, int, int]
"""A piece of claim text, label or value as written: (raw text, start offset, end offset)."""


def joined(parts: list[Part]) -> Part:
    """The text of one or more pieces (escapes decoded, joined by a space), from the first's start to the last's end."""
    if len(parts) == 1:
        raw, start, end = parts[0]
        return unescape(raw), start, end
    return " ".join([unescape(raw) for raw, _, _ in parts]), parts[0][1], parts[-1][2]


def make_property(source: Source, key: str, key_start: int, key_end: int, parts: list[Part]) -> Property:
    """A property from its key and the pieces of its value (none: empty, spanned just after the key)."""
    if not parts:
        return Property(key, "", source, pack4(key_start, key_end, key_end, key_end))
    value, start, end = joined(parts)
    return Property(key, value, source, pack4(key_start, key_end, start, end))


def widen_to_parentheses(text: str, start: int, end: int) -> tuple[int, int]:
    """An inference's offsets, widened to the parentheses around it (they are on its line)."""
    opening = text.rfind("(", 0, start)
    closing = text.find(")", end)
    if opening < 0 or closing < 0:
        return start, end
    return opening, closing + 1


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
