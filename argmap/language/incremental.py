"""The next version of a document from the last one: only the statements an edit touched are read again.

An editor checks a document on every change, and a change touches a line or
two of thousands. :func:`rescan` finds the stretch of statements around the
change, reads only that stretch with the fast scanner, keeps every statement
before it (made again with the new text's source, so that no record holds an
old version of the text), and moves every statement after it by the
characters the change added or removed. The document it makes is equal to
the one :func:`argmap.language.parse` makes of the whole new text (a
property test holds the two together on random edits); whenever it is not
sure it could be, it returns ``None`` and the caller parses the whole text:
a change that touches a heading or a header field, a stretch the scanner
declines, a different file.

Keeping or moving a statement makes its records again (they hold their
source and packed offsets), which costs a fraction of reading it, wherever
the edit is.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Callable
from typing import TypeVar

from argmap.core.diagnostics import ArgmapSyntaxError
from argmap.core.model import (
    Claim,
    Document,
    Link,
    LinkRef,
    Property,
    Ref,
    Section,
    Source,
    Span,
    Target,
    moved,
)

from .scanner import Decline, Scanner

__all__ = ["rescan"]

_Record = TypeVar("_Record", Claim, Link)


def rescan(previous: Document, text: str, path: str) -> Document | None:
    """The document of ``text``, made from ``previous`` (an earlier version of the same file) where it can be.

    ``text`` is the new text as :func:`argmap.language.parse` reads it (no
    byte-order mark, its characters and first line already checked). Returns
    ``None`` when the whole text has to be parsed instead.
    """
    old = previous.text
    if previous.path != path:
        return None
    if old == text:
        return previous
    same_start = _common_prefix(old, text)
    same_end = _common_suffix(old, text, min(len(old), len(text)) - same_start)
    start = _statement_before(old, old.rfind("\n", 0, same_start) + 1)
    new_stop = _statement_after(text, len(text) - same_end)
    shift = len(text) - len(old)
    old_stop = new_stop - shift
    old_part, new_part = old[start:old_stop], text[start:new_stop]
    if _has_heading(old_part) or _has_heading(new_part):
        return None  # the sections of the statements after it would change
    if any(start <= prop.start < old_stop for prop in previous.header):
        return None
    lines_before = old.count("\n", 0, start)
    scanner = Scanner(text, path)
    section = _section_at(previous.sections, start)
    scanner.stack = [] if section is None else [section]
    try:
        scanner.read_text(start, new_stop, lines_before)
    except (Decline, ArgmapSyntaxError):
        _raise_error_in(text, path, _line_of_statement_before(text, start), new_stop)
        return None
    if scanner.header or scanner.sections:
        return None
    line_shift = new_part.count("\n") - old_part.count("\n")
    source = scanner.source
    return Document(
        path,
        text,
        tuple(_moved_property(prop, source, 0 if prop.start < old_stop else shift) for prop in previous.header),
        tuple(
            section if section.span.start < old_stop else _moved_section(section, line_shift, shift)
            for section in previous.sections
        ),
        _spliced(previous.claims, scanner.claims, start, old_stop, _moved_claim, source, shift),
        _spliced(previous.links, scanner.links, start, old_stop, _moved_link, source, shift),
        source,
    )


def _raise_error_in(text: str, path: str, keep: int, stop: int) -> None:
    """Raise the syntax error :func:`~argmap.language.parse` raises for ``text``, if it lies before ``stop``.

    The scanner stepped aside from the changed stretch, which usually means
    the edit left a syntax error there. Lark, which names it, would read the
    whole file up to it (about 10 µs a token: a quarter of a second in a
    1,000-claim map). Everything before the stretch read without error before
    the edit, so Lark is given the text with every line before ``keep`` (the
    statement just before the stretch, kept so that Lark sees the same last
    token before it) and every line from ``stop`` on made a comment of the
    same length: the positions are those of the real text, and the parser
    meets the stretch in the state it meets it in the whole file. The layout
    checks that run before Lark run on the whole text, as in a whole parse.
    When Lark and the tree builder find nothing before ``stop``, this returns
    and the caller parses the whole text.
    """
    from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

    from .errors import check_layout, raise_friendly
    from .grammar import lark_parser
    from .tree import TreeBuilder

    check_layout(text, path)
    source = text if text.endswith("\n") else text + "\n"
    blanked = _COMMENTED(source[:keep]) + source[keep:stop] + _COMMENTED(source[stop:])
    try:
        tree = lark_parser().parse(blanked)
    except UnexpectedInput as exc:
        if isinstance(exc, UnexpectedCharacters):
            where = exc.pos_in_stream or 0
        elif isinstance(exc, UnexpectedToken):
            where = exc.token.start_pos or 0
        else:  # the end of the text: in the real text, more statements follow
            return
        if where < stop:
            raise_friendly(exc, text, source, path)
        return
    try:
        TreeBuilder(text, path).build(tree)
    except ArgmapSyntaxError as exc:
        if exc.diagnostic.span.start < stop:
            raise


def _commented(match: re.Match[str]) -> str:
    return "#" + "x" * (len(match.group()) - 1)


_COMMENTED = functools.partial(re.compile(r"[^\r\n]+").sub, _commented)
"""Each line made a comment of the same length (blank lines stay blank)."""


def _common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start (compared in C, halving)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a.startswith(b[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """How many characters ``a`` and ``b`` share at their end, at most ``limit``."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a.endswith(b[len(b) - middle : len(b) - low], 0, len(a) - low):
            low = middle
        else:
            high = middle - 1
    return low


def _starts_statement(line: str) -> bool:
    """Whether the scanner reads this line (without its line break) as the start of a statement."""
    if line.endswith("\r"):
        line = line[:-1]
    if not line or line[0] in " \t":
        return False  # blank, or indented: part of the statement above
    return line[0] != "#" or line.startswith("##")  # a comment at the margin is not


def _statement_before(text: str, line_start: int) -> int:
    """Where to start reading again for a change on the line starting at ``line_start``.

    The start of the last statement that begins on an earlier line (a change
    may make a line part of the statement above), or the line after the last
    heading before it (a heading ends any statement, and stays as it is), or 0.
    """
    begin = _line_of_statement_before(text, line_start)
    if begin < line_start and text.startswith("##", begin):
        return text.find("\n", begin) + 1
    return begin


def _line_of_statement_before(text: str, line_start: int) -> int:
    """The start of the last line before the one at ``line_start`` that starts a statement, a heading too (0: none)."""
    end = line_start - 1
    while end > 0:
        begin = text.rfind("\n", 0, end) + 1
        if _starts_statement(text[begin:end]):
            return begin
        end = begin - 1
    return 0


def _statement_after(text: str, changed_end: int) -> int:
    """The start of the first statement after the change, on a line wholly past it (the end: none)."""
    begin = text.find("\n", changed_end) + 1
    while begin > 0:
        end = text.find("\n", begin)
        if _starts_statement(text[begin : len(text) if end < 0 else end]):
            return begin
        begin = end + 1
    return len(text)


def _has_heading(part: str) -> bool:
    return part.startswith("##") or "\n##" in part


def _section_at(sections: tuple[Section, ...], offset: int) -> Section | None:
    """The section a statement at ``offset`` is in: the one of the last heading before it."""
    for section in reversed(sections):
        if section.span.start < offset:
            return section
    return None


def _spliced(
    records: tuple[_Record, ...],
    made: list[_Record],
    start: int,
    stop: int,
    move: Callable[[_Record, Source, int], _Record],
    source: Source,
    shift: int,
) -> tuple[_Record, ...]:
    """The records before ``start``, then those ``made`` of the changed part, then those after ``stop``, moved.

    Every record kept is made again with the new text's source, so no
    record holds on to an earlier version of the text.
    """
    first = bisect.bisect_left(records, start, key=_START)
    after = bisect.bisect_left(records, stop, key=_START)
    kept: list[_Record] = [move(record, source, 0) for record in records[:first]]
    kept += made
    kept += [move(record, source, shift) for record in records[after:]]
    return tuple(kept)


_START = operator.attrgetter("start")
"""Where a record starts (its first packed offset)."""


def _moved_property(prop: Property, source: Source, chars: int) -> Property:
    return Property(prop.key, prop.value, source, moved(prop.at, chars))


def _moved_properties(properties: tuple[Property, ...], source: Source, chars: int) -> tuple[Property, ...]:
    return tuple([_moved_property(prop, source, chars) for prop in properties]) if properties else ()


def _moved_claim(claim: Claim, source: Source, chars: int) -> Claim:
    return Claim(
        claim.id,
        claim.kind,
        claim.text,
        claim.main,
        _moved_properties(claim.properties, source, chars),
        claim.section,
        source,
        moved(claim.at, chars),
    )


def _moved_refs(refs: tuple[Ref, ...], source: Source, chars: int) -> tuple[Ref, ...]:
    return tuple([Ref(ref.id, source, moved(ref.at, chars)) for ref in refs])


def _moved_target(target: Target, source: Source, chars: int) -> Target:
    if type(target) is Ref:
        return Ref(target.id, source, moved(target.at, chars))
    assert isinstance(target, LinkRef)
    return LinkRef(
        _moved_refs(target.sources, source, chars),
        target.linked,
        target.type,
        _moved_target(target.target, source, chars),
        source,
        moved(target.at, chars),
    )


def _moved_link(link: Link, source: Source, chars: int) -> Link:
    return Link(
        _moved_refs(link.sources, source, chars),
        link.linked,
        link.type,
        _moved_target(link.target, source, chars),
        link.label,
        _moved_properties(link.properties, source, chars),
        link.section,
        source,
        moved(link.at, chars),
    )


def _moved_section(section: Section, lines: int, chars: int) -> Section:
    file, line, column, end_line, end_column, start, end = section.span
    span = Span(file, line + lines, column, end_line + lines, end_column, start + chars, end + chars)
    return Section(section.index, section.title, section.level, section.parent, span)
