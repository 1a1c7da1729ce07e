"""The parsed document: frozen records, one for each thing an ``.arg`` file says.

These records are what :func:`argmap.parse` returns. They describe the text as
written — ids are not yet bound, properties are not yet validated. The checks
(:func:`argmap.analysis.resolve`) turn a :class:`Document` into an
:class:`~argmap.analysis.ArgumentMap`.

Every record knows where it was written (its :class:`Span` attributes), so
every later message can point at the exact place in the file. Claims, links,
properties and references keep their offsets packed in a few bytes and make a
:class:`Span` when one is asked for, from their :class:`Source`: a map of a
hundred thousand claims would otherwise hold more than a million span tuples
(two thirds of its memory).
"""

from __future__ import annotations

import enum
import struct
from array import array
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple, TypeVar, cast, overload

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


_MAX_OFFSET = 0xFFFFFFFE
"""Offsets are packed as unsigned 32-bit numbers; the largest one is reserved for 'no span'."""
NO_SPAN = 0xFFFFFFFF
"""The packed offset of a span that is not there (a link without a label)."""


class Source:
    """The text a document was read from: makes a :class:`Span` from two offsets.

    Where each line starts is worked out the first time a span is asked for
    (most checks of a clean map ask for a few), then kept.
    """

    __slots__ = ("_starts", "_twin", "path", "text")

    def __init__(self, path: str, text: str) -> None:
        if len(text) > _MAX_OFFSET:
            raise ValueError(f"{path}: the text is longer than {_MAX_OFFSET:,} characters")
        self.path = path
        """The path as given by the user, or ``<string>`` / ``<stdin>``."""
        self.text = text
        self._starts: array[int] | None = None
        self._twin: Source | None = None
        """The last other source found equal: records compare their sources, and the text once is enough."""

    def __repr__(self) -> str:
        return f"Source({self.path!r}, {len(self.text)} characters)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Source):
            return NotImplemented
        if self is other or self._twin is other:
            return True
        if self.path == other.path and self.text == other.text:
            self._twin, other._twin = other, self
            return True
        return False

    def __hash__(self) -> int:
        return hash((self.path, self.text))

    def line_starts(self) -> array[int]:
        """Where each line starts (counted the first time they are asked for)."""
        return self._starts if self._starts is not None else self._line_starts()

    def span(self, start: int, end: int) -> Span:
        """The span of the characters ``[start, end)``."""
        starts = self.line_starts()
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end, line - 1) if end != start else line
        return _new_span(
            Span,
            (self.path, line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1, start, end),
        )

    def _line_starts(self) -> array[int]:
        """The offset where each line starts, a megabyte of text at a time (no list of lines)."""
        text = self.text
        starts = array("I", [0])
        base, size = 0, len(text)
        while base < size:
            stop = text.find("\n", min(base + (1 << 20), size - 1))
            stop = size if stop < 0 else stop + 1
            pieces = text[base:stop].split("\n")
            pieces.pop()  # after the block's last line break (or the text's unfinished last line)
            starts.extend(map(add, accumulate(map(add, map(len, pieces), repeat(1))), repeat(base)))
            base = stop
        self._starts = starts
        return starts


_new_span = tuple.__new__
_FIRST = struct.Struct(">I")
_PACK2 = struct.Struct(">2I")
_PACK4 = struct.Struct(">4I")
_PACK6 = struct.Struct(">6I")
_PACK8 = struct.Struct(">8I")
pack2 = _PACK2.pack
"""Packs a start and an end offset (a :class:`Ref`'s or an inference's place)."""
pack4 = _PACK4.pack
"""Packs a property's key and value: start, end, start, end."""
unpack4 = _PACK4.unpack
"""A property's packed offsets, unpacked: its key's start and end, its value's start and end."""
pack6 = _PACK6.pack
"""Packs a link's whole, arrow and label (label start ``NO_SPAN`` when there is none)."""
pack8 = _PACK8.pack
"""Packs a claim's whole, id, text and kind."""


def moved(at: bytes, chars: int) -> bytes:
    """Packed offsets, each moved by ``chars`` (a missing span stays missing).

    Offsets are packed big-endian, so packed records compare as bytes in the
    order of their first offset: a record's ``at`` is a sort key for where it starts.
    """
    if chars == 0:
        return at
    count = len(at) // 4
    offsets = struct.unpack(f">{count}I", at)
    return struct.pack(f">{count}I", *[offset if offset == NO_SPAN else offset + chars for offset in offsets])


PLACE = {"place": True}
"""Metadata of the attributes that say where a record is written (its source and packed offsets)."""


class _Placed:
    """What the records that keep packed offsets share: their source, the offsets, where they start."""

    __slots__ = ()
    source: Source
    at: bytes

    @property
    def start(self) -> int:
        """The offset where it starts (cheaper than ``span.start``)."""
        start: int = _FIRST.unpack_from(self.at)[0]
        return start


class _SpanOf:
    """A span attribute of a record, made when read from its packed offsets number ``first`` and ``last``."""

    __slots__ = ("first", "last")

    def __init__(self, first: int, last: int) -> None:
        self.first = 4 * first
        self.last = 4 * last

    @overload
    def __get__(self, record: None, owner: type[object]) -> _SpanOf: ...

    @overload
    def __get__(self, record: _Placed, owner: type[object]) -> Span: ...

    def __get__(self, record: _Placed | None, owner: type[object]) -> Span | _SpanOf:
        if record is None:
            return self
        at = record.at
        return record.source.span(_FIRST.unpack_from(at, self.first)[0], _FIRST.unpack_from(at, self.last)[0])


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
class Property(_Placed):
    """A ``key: value`` line under a claim or a link, or in the header."""

    key: str
    value: str
    """The value with escapes decoded and continuation lines joined by a space."""
    source: Source = attrs.field(repr=False, metadata=PLACE)
    at: bytes = attrs.field(repr=False, metadata=PLACE)
    """Packed offsets (:func:`pack4`): the key's start and end, the value's start and end."""

    @classmethod
    def spanning(cls, key: str, value: str, source: Source, key_span: Span, value_span: Span) -> Property:
        """A property from its key's and its value's spans."""
        return cls(key, value, source, pack4(key_span.start, key_span.end, value_span.start, value_span.end))

    span = _SpanOf(0, 3)
    """The whole property, key to the end of the value."""
    key_span = _SpanOf(0, 1)
    value_span = _SpanOf(2, 3)
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
class Claim(_Placed):
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
    source: Source = attrs.field(repr=False, metadata=PLACE)
    at: bytes = attrs.field(repr=False, metadata=PLACE)
    """Packed offsets (:func:`pack8`): start and end of the whole claim, its id, its text and its kind."""

    @classmethod
    def spanning(
        cls,
        id: str,
        kind: ClaimKind,
        text: str,
        main: bool,
        properties: tuple[Property, ...],
        section: int | None,
        source: Source,
        span: Span,
        id_span: Span,
        text_span: Span,
        kind_span: Span,
    ) -> Claim:
        """A claim from its spans."""
        at = pack8(
            span.start, span.end, id_span.start, id_span.end, text_span.start, text_span.end, kind_span.start, kind_span.end
        )
        return cls(id, kind, text, main, properties, section, source, at)

    span = _SpanOf(0, 1)
    """From the kind keyword to the end of the last line that belongs to the claim."""
    id_span = _SpanOf(2, 3)
    text_span = _SpanOf(4, 5)
    kind_span = _SpanOf(6, 7)
    """The kind keyword, from ``main`` when it is written."""

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
class Ref(_Placed):
    """A use of a claim id inside a link."""

    id: str
    source: Source = attrs.field(repr=False, metadata=PLACE)
    at: bytes = attrs.field(repr=False, metadata=PLACE)
    """Packed offsets (:func:`pack2`): start and end of the id."""

    @classmethod
    def spanning(cls, id: str, source: Source, span: Span) -> Ref:
        """A reference from its span."""
        return cls(id, source, pack2(span.start, span.end))

    span = _SpanOf(0, 1)


@attrs.frozen
class LinkRef(_Placed):
    """An inference written inside parentheses: the target of an undercut."""

    sources: tuple[Ref, ...]
    linked: bool
    type: LinkType
    target: Target
    source: Source = attrs.field(repr=False, metadata=PLACE)
    at: bytes = attrs.field(repr=False, metadata=PLACE)
    """Packed offsets (:func:`pack2`): from the opening to the closing parenthesis."""

    span = _SpanOf(0, 1)


Target = Ref | LinkRef
"""What a link points at: a claim, or an inference (for an undercut)."""


@attrs.frozen
class Link(_Placed):
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
    source: Source = attrs.field(repr=False, metadata=PLACE)
    at: bytes = attrs.field(repr=False, metadata=PLACE)
    """Packed offsets (:func:`pack6`): start and end of the whole link, its arrow and its label
    (``NO_SPAN`` twice when there is no label)."""

    @classmethod
    def spanning(
        cls,
        sources: tuple[Ref, ...],
        linked: bool,
        type: LinkType,
        target: Target,
        label: str | None,
        properties: tuple[Property, ...],
        section: int | None,
        source: Source,
        span: Span,
        arrow_span: Span,
        label_span: Span | None,
    ) -> Link:
        """A link from its spans."""
        label_start, label_end = (NO_SPAN, NO_SPAN) if label_span is None else (label_span.start, label_span.end)
        at = pack6(span.start, span.end, arrow_span.start, arrow_span.end, label_start, label_end)
        return cls(sources, linked, type, target, label, properties, section, source, at)

    span = _SpanOf(0, 1)
    arrow_span = _SpanOf(2, 3)

    @property
    def label_span(self) -> Span | None:
        start, end = _PACK2.unpack_from(self.at, 16)
        return None if start == NO_SPAN else self.source.span(start, end)

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
    source: Source = attrs.field(
        default=attrs.Factory(lambda self: Source(self.path, self.text), takes_self=True),
        repr=False,
        eq=False,
        metadata=PLACE,
    )
    """The text as a :class:`Source`, the one the document's records make their spans from."""

    def header_value(self, key: str) -> str | None:
        """The value of the first header field with this key, or ``None``."""
        for field in self.header:
            if field.key == key:
                return field.value
        return None


_R = TypeVar("_R", bound=attrs.AttrsInstance)


def _maker(cls: type[_R]) -> Callable[..., _R]:
    """A function that makes a ``cls`` record from all its fields, in order, faster than its ``__init__``.

    attrs' ``__init__`` of a frozen record sets each slot through a bound
    ``object.__setattr__``; the scanner makes about six records a claim, and
    setting the slots directly is about 40 % cheaper. The record is the same:
    equal, hashable and printable as one made by ``cls(...)``. Only for records
    whose fields have no default, validator or converter (checked here).
    """
    fields = attrs.fields(cls)
    for field in fields:
        if field.default is not attrs.NOTHING or field.validator or field.converter or field.on_setattr:
            raise TypeError(f"{cls.__name__}.{field.name} needs attrs' __init__")
    names = [field.name for field in fields]
    scope = {"new": object.__new__, "cls": cls}
    scope.update({f"set_{name}": getattr(cls, name).__set__ for name in names})
    body = "".join(f"    set_{name}(record, {name})\n" for name in names)
    code = f"def make({', '.join(names)}):\n    record = new(cls)\n{body}    return record\n"
    exec(code, scope)
    return cast("Callable[..., _R]", scope["make"])


new_ref: Callable[[str, Source, bytes], Ref] = _maker(Ref)
"""``Ref(id, source, at)``, faster (the scanner's)."""
new_property: Callable[[str, str, Source, bytes], Property] = _maker(Property)
"""``Property(key, value, source, at)``, faster (the scanner's)."""
new_claim: Callable[
    [str, ClaimKind, str, bool, tuple[Property, ...], int | None, Source, bytes], Claim
] = _maker(Claim)
"""``Claim(id, kind, text, main, properties, section, source, at)``, faster (the scanner's)."""
new_link: Callable[
    [tuple[Ref, ...], bool, LinkType, Target, str | None, tuple[Property, ...], int | None, Source, bytes], Link
] = _maker(Link)
"""``Link(sources, linked, type, target, label, properties, section, source, at)``, faster (the scanner's)."""
