"""The fast path: a line scanner that builds the same document as Lark, straight from the lines.

Lark's LALR parser in pure Python costs about 10 µs a token, too slow for
maps of tens of thousands of claims checked on every keystroke. So
:func:`scan` first tries to build the very same document, with whole-line
patterns composed from the grammar's own terminals (:func:`~argmap.language.grammar.terminal`).
It accepts only the plain, well-formed shapes of each kind of line; at the
first line it is not sure about it gives up (returns ``None``), and Lark
parses the file and reports any error. Tests check that the two agree on every
example, every case file, and on fuzzed input.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Iterable, Iterator
from itertools import accumulate, islice, repeat
from operator import add

from argmap.core.model import (
    NO_SPAN,
    Claim,
    ClaimKind,
    Document,
    Link,
    LinkRef,
    LinkType,
    Property,
    Ref,
    Span,
    Target,
    pack2,
    pack6,
    pack8,
)

from .errors import INDENTED_STATEMENT
from .grammar import KEYWORDS, KIND_WORDS, terminal
from .records import Part, Records, heading_title, joined, make_property, widen_to_parentheses

__all__ = ["Decline", "Scanner", "scan", "split_lines"]


class _Lines:
    """The whole-line patterns of the fast path, composed from the grammar's terminals.

    Each matches one kind of plain, well-formed line from its start to its end
    (a trailing comment allowed). An id is followed by ``(?!\\w|-\\w)``, so a
    shorter id is never tried where the lexer would take a longer one
    (``a-x b`` is the id ``a-x``, not ``a -x b``).
    """

    def __init__(self, text: str, end: str) -> None:
        ident = terminal("ID") + r"(?!\w|-\w)"
        key = terminal("KEY")
        kinds = "|".join(KIND_WORDS)
        sources = rf"\+[ \t]*{ident}|{ident}(?:[ \t]*,[ \t]*{ident})*|{ident}(?:[ \t]*\+[ \t]*{ident})+"
        self.ident = re.compile(ident)
        self.header = re.compile(rf"({key})[ \t]*:[ \t]*({text})?{end}")
        self.claim = re.compile(rf"(?:(main)[ \t]+)?({kinds})[ \t]+({ident})[ \t]*:[ \t]*({text})?{end}")
        self.property = re.compile(rf"[ \t]+({key})[ \t]*:[ \t]*({text})?{end}")
        self.continuation = re.compile(rf"[ \t]+({text}){end}")
        self.key = re.compile(rf"[ \t]+{key}")
        # Sources and arrow, then either a target id or the '(' of an inference.
        self.inference = re.compile(rf"[ \t]*({sources})[ \t]*(->|-x)[ \t]*(?:({ident})|\()")
        self.close = re.compile(r"[ \t]*\)")
        self.label = re.compile(rf"[ \t]*(?::[ \t]*({text})?)?{end}")
        # The commonest link, 'a -> b' with an optional label, in one match.
        self.simple_link = re.compile(rf"({ident})[ \t]*(->|-x)[ \t]*({ident})[ \t]*(?::[ \t]*({text})?)?{end}")
        self.indented_statement = re.compile(INDENTED_STATEMENT.pattern, re.MULTILINE)


@functools.cache
def _plain_lines() -> _Lines:
    """The patterns for lines without a ``#`` or a backslash.

    On such a line the grammar's TEXT is simply everything from the first to
    the last character that is not a space or tab, which a simpler pattern
    finds several times faster.
    """
    return _Lines(r"[^ \t](?:.*[^ \t])?", r"[ \t]*\Z")


@functools.cache
def _full_lines() -> _Lines:
    """The patterns for lines with a ``#`` (a comment, perhaps) or a backslash (an escape)."""
    return _Lines(terminal("TEXT"), r"[ \t]*(?:#.*)?\Z")


class Decline(Exception):
    """The fast path met a line it is not sure about: Lark parses the file instead."""


class _Pending:
    """A claim or link whose indented lines are still being read."""

    __slots__ = ("head", "last", "properties", "record", "scanner", "section")

    def __init__(self, scanner: Scanner, head: list[Part]) -> None:
        self.scanner = scanner
        self.head = head
        """The claim text or link label, then its continuation lines: (raw text, start, end)."""
        self.properties: list[tuple[str, int, int, list[Part]]] = []
        """(key, key start, key end, value parts) for each property."""
        self.last: int | None = None
        """Where the last token of the indented lines ends."""
        self.section = scanner.current_section

    def finish(self) -> None:
        """Make the record, now that all its lines are read."""
        raise NotImplementedError

    def made_properties(self) -> tuple[Property, ...]:
        if not self.properties:
            return ()
        source = self.scanner.source
        return tuple([make_property(source, *item) for item in self.properties])


class _PendingClaim(_Pending):
    __slots__ = ()
    record: tuple[str, ClaimKind, bool, int, int, int, int]
    """Id, kind, main, the id's start and end, the kind's start and end."""

    def finish(self) -> None:
        parts = self.head
        if not parts:
            raise Decline  # no text: Lark's builder reports it
        ident, kind, main, id_start, id_end, kind_start, kind_end = self.record
        text, text_start, text_end = joined(parts)
        end = parts[-1][2] if self.last is None else self.last
        self.scanner.claims.append(
            Claim(
                ident,
                kind,
                text,
                main,
                self.made_properties(),
                self.section,
                self.scanner.source,
                pack8(kind_start, end, id_start, id_end, text_start, text_end, kind_start, kind_end),
            )
        )


class _PendingLink(_Pending):
    __slots__ = ()
    record: tuple[tuple[Ref, ...], bool, LinkType, Target, int, int, int, int]
    """Sources, linked, type, target, start and end up to the target, the arrow's start and end."""

    def finish(self) -> None:
        parts = self.head
        sources, linked, link_type, target, start, end, arrow_start, arrow_end = self.record
        if self.last is not None:
            end = self.last
        elif parts:
            end = parts[-1][2]
        if parts:
            label: str | None
            label, label_start, label_end = joined(parts)
        else:
            label, label_start, label_end = None, NO_SPAN, NO_SPAN
        self.scanner.links.append(
            Link(
                sources,
                linked,
                link_type,
                target,
                label,
                self.made_properties(),
                self.section,
                self.scanner.source,
                pack6(start, end, arrow_start, arrow_end, label_start, label_end),
            )
        )


def split_lines(text: str, chunk: int = 1 << 20, starts: array[int] | None = None) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of the text, without its line break.

    Splits a megabyte at a time, so a big file is not held twice, once as
    text and once as a list of lines. ``starts``, if given, gets the offset
    of every line as its block is split (and the end of a text that ends
    with a line break: the start of the empty last line), for the text's
    :class:`~argmap.core.model.Source`.
    """
    start = 0
    size = len(text)
    while start < size:
        stop = text.find("\n", min(start + chunk, size - 1))
        block = text[start : size if stop < 0 else stop + 1]
        lines = block.split("\n")
        if block.endswith("\n"):
            lines.pop()  # the empty piece after the last line break
        if starts is not None:  # each line's start, from the lengths of those before it
            starts.extend(islice(accumulate(map(add, map(len, lines), repeat(1)), initial=start), len(lines)))
        for raw in lines:
            yield start, raw
            start += len(raw) + 1
    if starts is not None and text.endswith("\n"):
        starts.append(size)


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


class _Shared(dict[str, str]):
    """Each string maps to itself: the first object seen stands for all equal ones."""

    def __missing__(self, key: str) -> str:
        self[key] = key
        return key


class Scanner(Records):
    """One pass over the lines, making the records as it goes."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.number = 0
        self.offset = 0
        self.share = _Shared().__getitem__
        """One string object for each id, key and short value however often it is written (memory)."""

    def run(self) -> Document:
        starts: array[int] = array("I")
        self.read(split_lines(self.text, starts=starts), 0)
        if not self.text:
            starts.append(0)
        self.source.know_line_starts(starts)
        return self.document()

    def read(self, lines: Iterable[tuple[int, str]], number: int) -> None:
        """Make the records of these lines, (offset, line) each; ``number`` lines come before them."""
        plain, full = _plain_lines(), _full_lines
        indented_statement = plain.indented_statement.match
        pending: _Pending | None = None
        share = self.share
        for offset, raw in lines:
            number += 1
            line = raw[:-1] if raw.endswith("\r") else raw
            if not line:
                continue
            first = line[0]
            patterns = full() if "#" in line or "\\" in line else plain
            if first == " " or first == "\t":
                content = line.lstrip(" \t")
                if not content or content[0] == "#":
                    continue
                if pending is None:
                    raise Decline
                prop = patterns.property.match(line)
                if prop is not None:
                    # Only a key with '-x' in it can also read as an indented link (S014).
                    if "-x" in prop.group(1) and indented_statement(line):
                        raise Decline
                    start, end = prop.span(1)
                    value = prop.group(2)
                    if value is None:
                        pending.properties.append((share(prop.group(1)), offset + start, offset + end, []))
                        pending.last = offset + end
                    else:
                        if len(value) <= _SHARED_VALUE:  # 'author', 'likely', a date: written again and again
                            value = share(value)
                        value_start, value_end = prop.span(2)
                        value_end += offset
                        pending.properties.append(
                            (share(prop.group(1)), offset + start, offset + end, [(value, offset + value_start, value_end)])
                        )
                        pending.last = value_end
                    continue
                self.number, self.offset = number, offset
                more = patterns.continuation.match(line)
                if more is None or patterns.key.match(line) or more.group(1) == "main" or indented_statement(line):
                    raise Decline
                start, end = more.span(1)
                part = (more.group(1), offset + start, offset + end)
                if pending.properties:
                    pending.properties[-1][3].append(part)
                else:
                    pending.head.append(part)
                pending.last = offset + end
                continue
            if first == "#" and not line.startswith("##"):
                continue  # a comment at the margin does not end the claim above
            self.number, self.offset = number, offset
            if pending is not None:
                pending.finish()
                pending = None
            if first == "#":
                if not heading_title(line):
                    raise Decline  # an empty heading: Lark's builder reports it (S016)
                self.add_section(line, self.span(0, len(line)))
                continue
            # A line is at most one of: claim, header field, link.
            claim = patterns.claim.match(line)
            if claim is not None:
                pending = self.claim(claim)
                continue
            field = patterns.header.match(line)
            if field is not None:
                if field.group(1) in KEYWORDS:
                    raise Decline
                start, end = field.span(1)
                value_parts = [] if field.group(2) is None else [self.part(field, 2)]
                self.header.append(make_property(self.source, field.group(1), offset + start, offset + end, value_parts))
                continue
            link = patterns.simple_link.match(line)
            pending = self.link(line, patterns) if link is None else self.simple_link(link)
        if pending is not None:
            pending.finish()

    def span(self, start: int, end: int) -> Span:
        """The span of columns [start, end) of the current line."""
        number, offset = self.number, self.offset
        return _new_span(Span, (self.path, number, start + 1, number, end + 1, offset + start, offset + end))

    def part(self, match: re.Match[str], group: int) -> Part:
        """A group of a match on the current line, as a piece of text with its offsets."""
        start, end = match.span(group)
        offset = self.offset
        return match.group(group), offset + start, offset + end

    def ref(self, match: re.Match[str], group: int | str = 0) -> Ref:
        """A reference to the id a group of a match on the current line holds."""
        start, end = match.span(group)
        offset = self.offset
        return Ref(self.share(match.group(group)), self.source, pack2(offset + start, offset + end))

    def claim(self, match: re.Match[str]) -> _Pending:
        ident = self.share(match.group(3))
        if ident in KEYWORDS:
            raise Decline
        main = match.group(1) is not None
        offset = self.offset
        kind_start = offset + (0 if main else match.start(2))  # from 'main' when it is there
        head = [] if match.group(4) is None else [self.part(match, 4)]
        pending = _PendingClaim(self, head)
        id_start, id_end = match.span(3)
        pending.record = (
            ident,
            _CLAIM_KINDS[match.group(2)],
            main,
            offset + id_start,
            offset + id_end,
            kind_start,
            offset + match.end(2),
        )
        return pending

    def simple_link(self, match: re.Match[str]) -> _Pending:
        """``a -> b`` or ``a -x b``, with an optional label."""
        if match.group(1) in KEYWORDS:
            raise Decline  # Lark reads a keyword here; let it report the error
        offset = self.offset
        head = [] if match.group(4) is None else [self.part(match, 4)]
        pending = _PendingLink(self, head)
        arrow_start, arrow_end = match.span(2)
        pending.record = (
            (self.ref(match, 1),),
            False,
            _LINK_TYPES[match.group(2)],
            self.ref(match, 3),
            offset + match.start(1),
            offset + match.end(3),
            offset + arrow_start,
            offset + arrow_end,
        )
        return pending

    def link(self, line: str, patterns: _Lines) -> _Pending:
        first = patterns.ident.match(line)
        if first is not None and first.group() in KEYWORDS:
            raise Decline  # Lark reads a keyword here; let it report the error
        sources, start, linked, link_type, arrow, target, end, pos = self.inference(line, 0, 0, patterns)
        rest = patterns.label.match(line, pos)
        if rest is None:
            raise Decline
        head = [] if rest.group(1) is None else [self.part(rest, 1)]
        pending = _PendingLink(self, head)
        pending.record = (sources, linked, link_type, target, start, end, *arrow)
        return pending

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

_CLAIM_KINDS = {kind.value: kind for kind in ClaimKind}
_LINK_TYPES = {"->": LinkType.SUPPORT, "-x": LinkType.ATTACK}
