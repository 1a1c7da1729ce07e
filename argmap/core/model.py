"""The parsed document: frozen records, one for each thing an ``.arg`` file says.

These records are what :func:`argmap.parse` returns. They describe the text as
written — ids are not yet bound, properties are not yet validated. The checks
(:func:`argmap.analysis.resolve`) turn a :class:`Document` into an
:class:`~argmap.analysis.ArgumentMap`.

Every record carries a :class:`Span`, so every later message can point at the
exact place in the file.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

import attrs


class Span(NamedTuple):
    """A stretch of a source file: 1-based lines and columns, 0-based offsets.

    An immutable named tuple rather than an attrs record: a map of ten
    thousand claims has a hundred thousand spans, and a tuple is made three
    times faster.
    """

    file: str
    """The path as given by the user, or ``<string>`` / ``<stdin>``."""
    line: int
    """Line of the first character, counting from 1."""
    column: int
    """Column of the first character, counting from 1, in characters."""
    end_line: int
    """Line of the character after the last one."""
    end_column: int
    """Column of the character after the last one."""
    start: int
    """Offset of the first character in the text, in characters."""
    end: int
    """Offset of the character after the last one."""

    def to(self, other: Span) -> Span:
        """The span from the start of ``self`` to the end of ``other``."""
        return tuple.__new__(
            Span, (self.file, self.line, self.column, other.end_line, other.end_column, self.start, other.end)
        )


class ClaimKind(enum.Enum):
    """What a claim is, as the writer of the map declares it."""

    CLAIM = "claim"
    """A claim with no more specific kind."""
    PREMISE = "premise"
    """A stated reason the text gives."""
    ASSUMPTION = "assumption"
    """An unstated premise a reader adds: the text relies on it but never says it."""
    CONCLUSION = "conclusion"
    """A claim the text argues for; one may be the main conclusion."""
    PREDICTION = "prediction"
    """A forecast: a claim about what will happen, scorable later."""
    OBJECTION = "objection"
    """A claim against another claim or against an inference."""
    RECOMMENDATION = "recommendation"
    """A claim about what someone should do."""


class LinkType(enum.Enum):
    """Whether a link argues for its target or against it."""

    SUPPORT = "->"
    ATTACK = "-x"


@attrs.frozen
class Property:
    """A ``key: value`` line under a claim or a link, or in the header."""

    key: str
    value: str
    """The value with escapes decoded and continuation lines joined by a space."""
    span: Span
    """The whole property, key to the end of the value."""
    key_span: Span
    value_span: Span
    """Where the value is; an empty span just after the colon when it is empty."""


@attrs.frozen
class Section:
    """A ``## heading``; sections nest by the number of ``#``."""

    index: int
    """Position among the document's sections, from 0."""
    title: str
    level: int
    """1 for ``##``, 2 for ``###``, and so on."""
    parent: int | None
    """Index of the enclosing section, if any."""
    span: Span


@attrs.frozen
class Claim:
    """One box of the map: ``kind id: text`` and the properties under it."""

    id: str
    kind: ClaimKind
    text: str
    """The claim's text, escapes decoded, continuation lines joined by a space."""
    main: bool
    """Written as ``main conclusion …``."""
    properties: tuple[Property, ...]
    section: int | None
    """Index of the innermost section the claim is written in."""
    span: Span
    """From the kind keyword to the end of the last line that belongs to the claim."""
    id_span: Span
    text_span: Span
    kind_span: Span

    def get(self, key: str) -> Property | None:
        """The first property with this key, or ``None``."""
        return first_property(self.properties, key)


def first_property(properties: tuple[Property, ...], key: str) -> Property | None:
    """The first property with this key, or ``None``."""
    for prop in properties:
        if prop.key == key:
            return prop
    return None


@attrs.frozen
class Ref:
    """A use of a claim id inside a link."""

    id: str
    span: Span


@attrs.frozen
class LinkRef:
    """An inference written inside parentheses: the target of an undercut."""

    sources: tuple[Ref, ...]
    linked: bool
    type: LinkType
    target: Target
    span: Span


Target = Ref | LinkRef
"""What a link points at: a claim, or an inference (for an undercut)."""


@attrs.frozen
class Link:
    """A link line: ``a, b -> c``, ``a + b -> c``, ``a -x c`` or ``u -x (a -> c)``."""

    sources: tuple[Ref, ...]
    linked: bool
    """True for ``a + b -> c`` (the premises work only together)."""
    type: LinkType
    target: Target
    label: str | None
    """The short text after ``:``, if any."""
    properties: tuple[Property, ...]
    section: int | None
    span: Span
    arrow_span: Span
    label_span: Span | None

    def get(self, key: str) -> Property | None:
        """The first property with this key, or ``None``."""
        return first_property(self.properties, key)


@attrs.frozen
class Document:
    """A parsed ``.arg`` file, before ids are bound."""

    path: str
    text: str
    """The source text, as parsed (byte-order mark removed)."""
    header: tuple[Property, ...]
    sections: tuple[Section, ...]
    claims: tuple[Claim, ...]
    links: tuple[Link, ...]

    def header_value(self, key: str) -> str | None:
        """The value of the first header field with this key, or ``None``."""
        for field in self.header:
            if field.key == key:
                return field.value
        return None
