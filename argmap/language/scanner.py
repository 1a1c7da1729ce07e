"""The fast path: a line scanner that builds the same document as Lark, straight from the lines.

Lark's LALR parser in pure Python costs about 10 µs a token, too slow for
maps of tens of thousands of claims checked on every keystroke. So
:func:`scan` first tries to build the very same document, with whole-line
patterns composed from the grammar's own terminals (:func:`~argmap.language.grammar.terminal`).
It accepts only the plain, well-formed shapes of each kind of line; at the
first line it is not sure about it gives up (returns ``None``), and Lark
parses the file and reports any error. Tests check that the two agree on every
example, every case file, and on fuzzed input.

One pattern (:func:`_every_line`) walks the text: most claims, with the
property lines under them, and most links are a single match, and only the
rarer lines (comments, headings, header fields, continuation lines, linked
reasons, undercuts, lines with ``#`` or a backslash) are matched one by one
(:meth:`Scanner.line`).
"""

from __future__ import annotations

import functools
import re
from typing import cast

from argmap.core.model import (
    NO_SPAN,
    ClaimKind,
    Document,
    LinkRef,
    LinkType,
    Property,
    Ref,
    Source,
    Span,
    Target,
    new_claim,
    new_link,
    new_property,
    new_ref,
    pack2,
    pack4,
    pack6,
    pack8,
    unpack4,
)

from .errors import INDENTED_STATEMENT
from .grammar import KEYWORDS, KIND_WORDS, terminal
from .records import Part, Records, heading_title, joined, make_property, unescape, widen_to_parentheses

__all__ = ["Decline", "Scanner", "scan"]


@functools.cache
def _words() -> tuple[str, str, str, str]:
    """The patterns both :class:`_Lines` and :func:`_every_line` are made of: an id (never followed by
    what would make it longer: ``a-x b`` is the id ``a-x``), a key, a claim kind, and the sources of a
    link (ids separated by commas, or joined by ``+``)."""
    ident = terminal("ID") + r"(?!\w|-\w)"
    listed = rf"{ident}(?:[ \t]*,[ \t]*{ident})*|{ident}(?:[ \t]*\+[ \t]*{ident})+"
    return ident, terminal("KEY"), "|".join(KIND_WORDS), listed


class _Lines:
    """The whole-line patterns of the fast path, composed from the grammar's terminals.

    Each matches one kind of plain, well-formed line from its start to its end
    (a trailing comment allowed). An id is followed by ``(?!\\w|-\\w)``, so a
    shorter id is never tried where the lexer would take a longer one
    (``a-x b`` is the id ``a-x``, not ``a -x b``).
    """

    def __init__(self, text: str, end: str) -> None:
        self.text = text
        """The pattern of a claim's text, a label or a value on these lines."""
        self.end = end
        """The pattern of what may follow them to the end of the line."""

    # Each pattern is compiled the first time it is needed: compiling them all took a few
    # milliseconds of every start, and most files need only some of them.

    @functools.cached_property
    def ident(self) -> re.Pattern[str]:
        return re.compile(_words()[0])

    @functools.cached_property
    def header(self) -> re.Pattern[str]:
        return re.compile(rf"({_words()[1]})[ \t]*:[ \t]*({self.text})?{self.end}")

    @functools.cached_property
    def claim(self) -> re.Pattern[str]:
        ident, _, kinds, _ = _words()
        return re.compile(rf"(?:(main)[ \t]+)?({kinds})[ \t]+({ident})[ \t]*:[ \t]*({self.text})?{self.end}")

    @functools.cached_property
    def property(self) -> re.Pattern[str]:
        return re.compile(rf"[ \t]+({_words()[1]})[ \t]*:[ \t]*({self.text})?{self.end}")

    @functools.cached_property
    def continuation(self) -> re.Pattern[str]:
        return re.compile(rf"[ \t]+({self.text}){self.end}")

    @functools.cached_property
    def key(self) -> re.Pattern[str]:
        return re.compile(rf"[ \t]+{_words()[1]}")

    @functools.cached_property
    def inference(self) -> re.Pattern[str]:
        """Sources and arrow, then either a target id or the '(' of an inference."""
        ident, _, _, listed = _words()
        sources = rf"\+[ \t]*{ident}|{listed}"
        return re.compile(rf"[ \t]*({sources})[ \t]*(->|-x)[ \t]*(?:({ident})|\()")

    @functools.cached_property
    def close(self) -> re.Pattern[str]:
        return re.compile(r"[ \t]*\)")

    @functools.cached_property
    def label(self) -> re.Pattern[str]:
        return re.compile(rf"[ \t]*(?::[ \t]*({self.text})?)?{self.end}")

    @functools.cached_property
    def simple_link(self) -> re.Pattern[str]:
        """The commonest link, 'a -> b' with an optional label, in one match."""
        ident = _words()[0]
        return re.compile(rf"({ident})[ \t]*(->|-x)[ \t]*({ident})[ \t]*(?::[ \t]*({self.text})?)?{self.end}")

    @functools.cached_property
    def indented_statement(self) -> re.Pattern[str]:
        return re.compile(INDENTED_STATEMENT.pattern, re.MULTILINE)


@functools.cache
def _plain_lines() -> _Lines:
    """The patterns for lines without a ``#`` or a backslash.

    On such a line the grammar's TEXT is simply everything from the first to
    the last character that is not a space or tab, which a simpler pattern
    finds several times faster.
    """
    return _Lines(r"[^ \t](?:.*[^ \t])?", r"[ \t]*\Z")


@functools.cache
def _every_line() -> re.Pattern[str]:
    """One pattern that matches each line of a text in turn, or a claim with the properties under it.

    Its alternatives, for lines with no ``#`` and no backslash (as :func:`_plain_lines`):

    - a claim, groups 1–4 (main, kind, id, text), with up to four property
      lines under it, groups 5–12 (key and value each); group 13 is set (empty)
      when nothing after them can belong to the claim (the next line that is
      not blank starts at the margin with neither a space nor a ``#``), so the
      claim is whole;
    - an indented property, groups 14–15 (key, value);
    - ``a -> b``, ``a, b -> c`` or ``a + b -> c``, groups 16–19 (sources, arrow, target,
      label); group 20 as 13;
    - any other line, group 21, whole (with its ``\\r``), for :meth:`Scanner.line`.

    Matching the text with one pattern, a claim and its properties at once,
    spares Python a split, a test and a call on most of its hundreds of
    thousands of lines.
    """
    ident, key, kinds, sources = _words()
    text = r"[^ \t\r\n#\\](?:[^\r\n#\\]*[^ \t\r\n#\\])?"
    end = r"[ \t]*\r?$"
    # Never two runs of spaces side by side with only optional text between them: on a line that
    # fails at its end (a '#' after many spaces) each split of the spaces would be tried (quadratic).
    prop = rf"[ \t]+({key})[ \t]*:(?:[ \t]*({text}))?{end}"
    under = ""
    for _ in range(_PROPERTIES_AT_ONCE):
        under = rf"(?:\n{prop}{under})?"
    whole = r"(?:()(?=(?:\n[ \t]*\r?(?=\n))*(?:\n[^ \t#\r\n]|(?:\n[ \t]*\r?)?\Z)))?"
    return re.compile(
        rf"^(?:(?:(main)[ \t]+)?({kinds})[ \t]+({ident})[ \t]*:(?:[ \t]*({text}))?{end}{under}{whole}"
        rf"|{prop}"
        rf"|({sources})[ \t]*(->|-x)[ \t]*({ident})(?:[ \t]*:(?:[ \t]*({text}))?)?{end}{whole}"
        r"|(.*)$)\n?",  # the line break too: the next search starts where the next line does
        re.MULTILINE,
    )


_PROPERTIES_AT_ONCE = 4
"""How many property lines under a claim :func:`_every_line` matches with it (more are matched one by one)."""


def _patterns(line: str) -> _Lines:
    """The patterns for this line: :func:`_full_lines` if it has a ``#`` or a backslash, else :func:`_plain_lines`."""
    return _full_lines() if "#" in line or "\\" in line else _plain_lines()


@functools.cache
def _full_lines() -> _Lines:
    """The patterns for lines with a ``#`` (a comment, perhaps) or a backslash (an escape)."""
    return _Lines(terminal("TEXT"), r"[ \t]*(?:#.*)?\Z")


class Decline(Exception):
    """The fast path met a line it is not sure about: Lark parses the file instead."""


_ClaimHead = tuple[str, str, ClaimKind, bool, int, int, int, int, int | None]
"""What a claim's first line says: ``_CLAIM``, id, kind, main, the id's start and end, the kind's, its section."""
_LinkHead = tuple[str, tuple[Ref, ...], bool, LinkType, Target, int, int, int, int, int | None]
"""What a link's line says: ``_LINK``, sources, linked, type, target, start and end, the arrow's, its section."""


class _Open:
    """The claim or link whose indented lines may still be coming."""

    __slots__ = ("head", "parts", "properties", "record", "tracked")

    def __init__(self, record: _ClaimHead | _LinkHead, head: list[Part], properties: list[Property]) -> None:
        self.record = record
        """What its first line says, and its section: see :meth:`Scanner.claim` and :meth:`Scanner.link`."""
        self.head = head
        """The claim text or link label, then its continuation lines: (raw text, start, end)."""
        self.properties = properties
        self.parts: list[Part] = []
        """The pieces of the value of property number ``tracked`` (from 1), once a line continues it."""
        self.tracked = 0

    def continued(self, part: Part, source: Source) -> None:
        """An indented line that goes on with the text above it: the last property's value, or else the head."""
        properties = self.properties
        if not properties:
            self.head.append(part)
            return
        last = properties[-1]
        if self.tracked != len(properties):  # its first continuation line: its value so far
            _, _, start, end = unpack4(last.at)
            self.parts = [(source.text[start:end], start, end)] if end > start else []
            self.tracked = len(properties)
        self.parts.append(part)
        key_start, key_end, _, _ = unpack4(last.at)
        properties[-1] = make_property(source, last.key, key_start, key_end, self.parts)

    def finish(self, scanner: Scanner) -> None:
        """Make the claim's or link's record, now that all its lines are read, and add it to the scanner's."""
        _make(scanner, self.record, self.head, self.properties)


def _make(scanner: Scanner, record: _ClaimHead | _LinkHead, parts: list[Part], properties: list[Property]) -> None:
    """Make a claim's or link's record from what its first line says, its text or label in ``parts`` and its
    properties, and add it to the scanner's."""
    if properties:  # the record ends where its last property does
        last: int | None = unpack4(properties[-1].at)[3]
    else:
        last = parts[-1][2] if parts else None
    if record[0] is _CLAIM:
        if not parts:
            raise Decline  # no text: Lark's builder reports it
        _, ident, kind, main, id_start, id_end, kind_start, kind_end, section = cast(_ClaimHead, record)
        if len(parts) == 1:
            text, text_start, text_end = parts[0]
            if "\\" in text:
                text = unescape(text)
        else:
            text, text_start, text_end = joined(parts)
        scanner.claims.append(
            new_claim(
                ident,
                kind,
                text,
                main,
                tuple(properties),
                section,
                scanner.source,
                pack8(kind_start, last, id_start, id_end, text_start, text_end, kind_start, kind_end),
            )
        )
        return
    _, sources, linked, link_type, target, start, end, arrow_start, arrow_end, section = cast(_LinkHead, record)
    if last is not None:
        end = last
    if parts:
        label: str | None
        label, label_start, label_end = joined(parts)
    else:
        label, label_start, label_end = None, NO_SPAN, NO_SPAN
    scanner.links.append(
        new_link(
            sources,
            linked,
            link_type,
            target,
            label,
            tuple(properties),
            section,
            scanner.source,
            pack6(start, end, arrow_start, arrow_end, label_start, label_end),
        )
    )


def scan(text: str, path: str) -> Document | None:
    """The document, built straight from the lines if every line is plain and well-formed.

    Returns None at the first line it is not sure about (an error, or a shape
    it does not handle); then Lark parses the file and reports any error. The
    layout checks are covered too: it declines every file they would reject.
    """
    try:
        return Scanner(text, path).run()
    except Decline:
        return None


class Scanner(Records):
    """One pass over the text, making the records as it goes."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.number = 0
        self.offset = 0
        self.shared: dict[str, str] = {}
        """One string object for each id, key and short value however often it is written (memory)."""

    def run(self) -> Document:
        self.read_text(0, len(self.text), 0)
        return self.document()

    def read_text(self, start: int, stop: int, number: int) -> None:
        """Make the records of the whole lines in ``text[start:stop]``; ``number`` lines come before them.

        Most lines, and most claims with their properties, are one match of
        :func:`_every_line`, handled here; every other line by :meth:`line`.
        """
        text = self.text
        current: _Open | None = None
        section = self.current_section
        counted = start
        """The line numbers are counted up to here (only :meth:`line` needs them)."""
        for match in _every_line().finditer(text, start, stop):
            groups = match.groups()
            if groups[1] is not None:  # kind id: text
                if current is not None:
                    current.finish(self)
                    current = None
                claim, parts = self.claim(match, 0, section)
                if groups[12] is not None:  # nothing more can belong to it
                    _make(self, claim, parts, self.properties_under(match, groups))
                else:
                    current = _Open(claim, parts, self.properties_under(match, groups))
            elif groups[13] is not None:  # an indented key: value
                if current is None:
                    raise Decline
                current.properties.append(self.property(match, 14, 0))
            elif groups[15] is not None:  # a -> b
                if current is not None:
                    current.finish(self)
                    current = None
                link, label = self.simple_link(match, 16, 0, section)
                if groups[19] is not None:
                    _make(self, link, label, [])
                else:
                    current = _Open(link, label, [])
            else:
                offset = match.start()
                number += text.count("\n", counted, offset)
                counted = offset
                current = self.line(offset, groups[20], number + 1, current)
                section = self.current_section
        if current is not None:
            current.finish(self)

    def line(self, offset: int, raw: str, number: int, current: _Open | None) -> _Open | None:
        """Read one line (``number``, starting at ``offset``); returns the claim or link still open after it."""
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line:
            return current
        first = line[0]
        if first == " " or first == "\t":
            content = line.lstrip(" \t")
            if not content or content[0] == "#":
                return current
            if current is None:
                raise Decline
            patterns = _patterns(line)
            prop = patterns.property.match(line)
            if prop is not None:
                current.properties.append(self.property(prop, 1, offset))
                return current
            self.number, self.offset = number, offset
            more = patterns.continuation.match(line)
            if (
                more is None
                or patterns.key.match(line)
                or more.group(1) == "main"
                or patterns.indented_statement.match(line)
            ):
                raise Decline
            current.continued(self.part(more, 1), self.source)
            return current
        if first == "#" and not line.startswith("##"):
            return current  # a comment at the margin does not end the claim above
        self.number, self.offset = number, offset
        if current is not None:
            current.finish(self)
        if first == "#":
            if not heading_title(line):
                raise Decline  # an empty heading: Lark's builder reports it (S016)
            self.add_section(line, self.span(0, len(line)))
            return None
        patterns = _patterns(line)
        # A line is at most one of: claim, header field, link.
        claim = patterns.claim.match(line)
        if claim is not None:
            return _Open(*self.claim(claim, offset, self.current_section), [])
        field = patterns.header.match(line)
        if field is not None:
            if field.group(1) in KEYWORDS:
                raise Decline
            start, end = field.span(1)
            value_parts = [] if field.group(2) is None else [self.part(field, 2)]
            self.header.append(make_property(self.source, field.group(1), offset + start, offset + end, value_parts))
            return None
        link = patterns.simple_link.match(line)
        if link is None:
            return self.link(line, patterns)
        return _Open(*self.simple_link(link, 1, offset, self.current_section), [])

    def properties_under(self, match: re.Match[str], groups: tuple[str | None, ...]) -> list[Property]:
        """The properties matched with a claim by :func:`_every_line` (groups 5 to 12)."""
        properties = []
        for group in range(5, 5 + 2 * _PROPERTIES_AT_ONCE, 2):
            if groups[group - 1] is None:
                break
            properties.append(self.property(match, group, 0))
        return properties

    def property(self, match: re.Match[str], group: int, base: int) -> Property:
        """An indented ``key: value`` line: the key is group ``group`` of the match, the value the next.

        ``base`` is added to the match's positions to make offsets in the text
        (the line's offset for a match on the line alone, 0 for one on the text).
        """
        key, value = match.group(group, group + 1)
        key_start, key_end = match.span(group)
        key_start += base
        key_end += base
        # Only a key with '-x' in it can also read as an indented link (S014).
        if "-x" in key:
            line_start = self.text.rfind("\n", 0, key_start) + 1
            line_end = self.text.find("\n", key_end)
            line = self.text[line_start : len(self.text) if line_end < 0 else line_end]
            if _plain_lines().indented_statement.match(line.rstrip("\r")):
                raise Decline
        share = self.shared.setdefault
        key = share(key, key)
        if value is None:
            return new_property(key, "", self.source, pack4(key_start, key_end, key_end, key_end))
        if len(value) <= _SHARED_VALUE:  # 'author', 'likely', a date: written again and again
            value = share(value, value)
        if "\\" in value:
            value = unescape(value)
        value_start, value_end = match.span(group + 1)
        return new_property(key, value, self.source, pack4(key_start, key_end, base + value_start, base + value_end))

    def span(self, start: int, end: int) -> Span:
        """The span of columns [start, end) of the current line."""
        number, offset = self.number, self.offset
        return _new_span(Span, (self.path, number, start + 1, number, end + 1, offset + start, offset + end))

    def share(self, value: str) -> str:
        """The string object that stands for all strings equal to this one in the document."""
        return self.shared.setdefault(value, value)

    def part(self, match: re.Match[str], group: int) -> Part:
        """A group of a match on the current line, as a piece of text with its offsets."""
        start, end = match.span(group)
        offset = self.offset
        return match.group(group), offset + start, offset + end

    def ref(self, match: re.Match[str], group: int | str = 0) -> Ref:
        """A reference to the id a group of a match on the current line holds."""
        start, end = match.span(group)
        offset = self.offset
        return new_ref(self.share(match.group(group)), self.source, pack2(offset + start, offset + end))

    def claim(self, match: re.Match[str], base: int, section: int | None) -> tuple[_ClaimHead, list[Part]]:
        """``kind id: text``, its first line: groups 1 to 4 of the match (main, kind, id, text). Returns
        what it says and its text (see :class:`_Open`).

        ``base`` is added to the match's positions to make offsets in the text.
        """
        main, kind, ident, text = match.group(1, 2, 3, 4)
        ident = self.shared.setdefault(ident, ident)
        if ident in KEYWORDS:
            raise Decline
        kind_start, kind_end = match.span(2)
        id_start, id_end = match.span(3)
        if text is None:
            head = []
        else:
            text_start, text_end = match.span(4)
            head = [(text, base + text_start, base + text_end)]
        record = (
            _CLAIM,
            ident,
            _CLAIM_KINDS[kind],
            main is not None,
            base + id_start,
            base + id_end,
            base + (match.start() if main is not None else kind_start),  # from 'main' when it is there
            base + kind_end,
            section,
        )
        return record, head

    def simple_link(self, match: re.Match[str], group: int, base: int, section: int | None) -> tuple[_LinkHead, list[Part]]:
        """``a -> b``, ``a, b -> c`` or ``a + b -> c`` (or ``-x``), with an optional label: groups ``group``
        to ``group + 3`` of the match (sources, arrow, target, label). Returns what it says and its label.

        ``base`` is added to the match's positions to make offsets in the text.
        """
        sources_text, arrow, target_id, label = match.group(group, group + 1, group + 2, group + 3)
        shared, source = self.shared.setdefault, self.source
        source_start, source_end = match.span(group)
        if "," in sources_text or "+" in sources_text:
            ids = list(_plain_lines().ident.finditer(match.string, source_start, source_end))
            first = ids[0].group()
            sources = tuple(
                [new_ref(shared(i.group(), i.group()), source, pack2(base + i.start(), base + i.end())) for i in ids]
            )
        else:
            first = sources_text
            sources = (new_ref(shared(first, first), source, pack2(base + source_start, base + source_end)),)
        if first in KEYWORDS:
            raise Decline  # Lark reads a keyword here; let it report the error
        arrow_start, arrow_end = match.span(group + 1)
        target_start, target_end = match.span(group + 2)
        if label is None:
            head = []
        else:
            label_start, label_end = match.span(group + 3)
            head = [(label, base + label_start, base + label_end)]
        record = (
            _LINK,
            sources,
            "+" in sources_text,
            _LINK_TYPES[arrow],
            new_ref(shared(target_id, target_id), source, pack2(base + target_start, base + target_end)),
            base + source_start,
            base + target_end,
            base + arrow_start,
            base + arrow_end,
            section,
        )
        return record, head

    def link(self, line: str, patterns: _Lines) -> _Open:
        first = patterns.ident.match(line)
        if first is not None and first.group() in KEYWORDS:
            raise Decline  # Lark reads a keyword here; let it report the error
        sources, start, linked, link_type, arrow, target, end, pos = self.inference(line, 0, 0, patterns)
        rest = patterns.label.match(line, pos)
        if rest is None:
            raise Decline
        head = [] if rest.group(1) is None else [self.part(rest, 1)]
        record = (_LINK, sources, linked, link_type, target, start, end, *arrow, self.current_section)
        return _Open(record, head, [])

    def inference(
        self, line: str, pos: int, depth: int, patterns: _Lines
    ) -> tuple[tuple[Ref, ...], int, bool, LinkType, tuple[int, int], Target, int, int]:
        """``sources ARROW target`` from ``pos``; the target may be an inference in parentheses.

        Returns the sources, where they start, linked, the type, the arrow's
        start and end, the target, where it ends, and where to read on.
        """
        match = patterns.inference.match(line, pos)
        if match is None or depth > 50:
            raise Decline
        group = match.group(1)
        offset = self.offset
        if "," in group or "+" in group:
            begin, end = match.span(1)
            refs = list(patterns.ident.finditer(line, begin, end))
            sources = tuple([self.ref(ref) for ref in refs])
            start = offset + refs[0].start()  # after a leading '+'
        else:
            sources = (self.ref(match, 1),)
            start = offset + match.start(1)
        linked = "+" in group
        arrow_start, arrow_end = match.span(2)
        arrow = (offset + arrow_start, offset + arrow_end)
        link_type = _LINK_TYPES[match.group(2)]
        if match.group(3) is not None:
            return sources, start, linked, link_type, arrow, self.ref(match, 3), offset + match.end(3), match.end()
        inner_sources, inner_start, inner_linked, inner_type, _, inner_target, inner_end, pos = self.inference(
            line, match.end(), depth + 1, patterns
        )
        close = patterns.close.match(line, pos)
        if close is None:
            raise Decline
        opening, closing = widen_to_parentheses(self.text, inner_start, inner_end)
        target = LinkRef(inner_sources, inner_linked, inner_type, inner_target, self.source, pack2(opening, closing))
        return sources, start, linked, link_type, arrow, target, closing, close.end()


_SHARED_VALUE = 24
"""Property values up to this long are kept as one string object per different value (memory)."""

_new_span = tuple.__new__
"""Makes a Span from a tuple without the named tuple's own ``__new__`` (a third of its cost)."""

_CLAIM = "claim"
_LINK = "link"
"""The first item of an open record's ``record``: which of the two it is."""
_CLAIM_KINDS = {kind.value: kind for kind in ClaimKind}
_LINK_TYPES = {"->": LinkType.SUPPORT, "-x": LinkType.ATTACK}
