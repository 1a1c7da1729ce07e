"""The canonical layout of an ``.arg`` file: :func:`format_text`, what ``argmap fmt`` writes.

The formatter works on the text as written, line by line, so that it keeps
every comment, blank-line paragraph and escape; the parsed document tells it
what each line is (a header field, a heading, a claim, a link, a property, more
text), and the grammar's own ``TEXT`` terminal finds where a line's text ends
and its comment begins. It changes only the space between the parts of a
line, the indentation, blank lines and line ends; the words are copied as
written. docs/language.md ("The canonical layout") describes the style.

Every result is checked before it is returned: it must parse to the same
document as the input (spans aside). A result that does not is a bug in the
formatter, raised as :class:`FormatError`, and the caller keeps the original.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator

import attrs

from argmap.core.diagnostics import ArgmapError
from argmap.core.model import Claim, Document, Link, LinkRef, LinkType, Property, Ref, Section, Span, Target

from .grammar import terminal
from .parser import parse
from .records import heading_parts

__all__ = ["FormatError", "document_content", "format_text"]

INDENT = "  "
"""The indentation of a property, of more text of a claim or link, and of an indented comment."""
DEEPER = INDENT * 2
"""The indentation of more text of a property's value."""
COMMENT_GAP = "  "
"""The space between a line's last word and its ``#`` comment."""


class FormatError(ArgmapError):
    """The formatted text would not parse to the same document: a bug in the formatter.

    The input is valid; the caller keeps it unchanged.
    """


class _Role(enum.Enum):
    """What one output line is, for the blank-line rules."""

    BLANK = enum.auto()
    COMMENT = enum.auto()
    HEADER = enum.auto()
    HEADING = enum.auto()
    STATEMENT = enum.auto()
    """A claim or a link line."""
    BODY = enum.auto()
    """An indented property or more text."""


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What follows a key or an id, what follows a link's target, and an indented line of text.

    Each captures the text as the grammar's TEXT terminal reads it (escapes as
    written, no trailing space) and the comment after it.
    """
    text = terminal("TEXT")
    after_colon = re.compile(rf"[ \t]*:[ \t]*({text})?[ \t]*(#.*)?")
    after_target = re.compile(rf"[ \t]*(?:(:)[ \t]*({text})?)?[ \t]*(#.*)?")
    more_text = re.compile(rf"[ \t]+({text})[ \t]*(#.*)?")
    return after_colon, after_target, more_text


def format_text(text: str, path: str = "<string>") -> str:
    """The text in the canonical layout. Raises ArgmapSyntaxError for a file that does not parse.

    Idempotent: ``format_text(format_text(t)) == format_text(t)``. The result
    parses to the same document as ``text`` (checked; :class:`FormatError` if not).
    """
    document = parse(text, path)
    body = text[1:] if text.startswith("\ufeff") else text
    lines = [line[:-1] if line.endswith("\r") else line for line in body.split("\n")]
    laid = _blank_lines(list(_Layout(document, lines).run()))
    result = "\n".join(line for _, line in laid) + "\n" if laid else ""
    if document_content(parse(result, path)) != document_content(document):
        raise FormatError(f"{path}: argmap fmt would change what the file says (a bug in argmap); left as it is")
    return result


class _Layout:
    """Each source line in the canonical layout, with its role."""

    def __init__(self, document: Document, lines: list[str]) -> None:
        self.lines = lines
        self.heads: dict[int, Property | Section | Claim | Link] = {}
        """The record that starts on each line (by 1-based line number)."""
        self.properties: dict[int, Property] = {}
        """The property of a claim or link that starts on each line."""
        for field in document.header:
            self.heads[field.key_span.line] = field
        for section in document.sections:
            self.heads[section.span.line] = section
        for claim in document.claims:
            self.heads[claim.kind_span.line] = claim
        for link in document.links:
            self.heads[link.arrow_span.line] = link
        for properties in (*(c.properties for c in document.claims), *(k.properties for k in document.links)):
            for prop in properties:
                self.properties[prop.key_span.line] = prop

    def run(self) -> Iterator[tuple[_Role, str]]:
        in_property = False
        """Whether more text on an indented line continues a property (else the claim or link)."""
        for number, raw in enumerate(self.lines, start=1):
            line = raw.rstrip(" \t")
            content = line.lstrip(" \t")
            indented = content != line
            if not content:
                yield _Role.BLANK, ""
            elif content.startswith("#") and (indented or not content.startswith("##")):
                yield _Role.COMMENT, (INDENT + content if indented else content)
            elif number in self.heads:
                in_property = False
                yield self.head(self.heads[number], line)
            elif number in self.properties:
                in_property = True
                prop = self.properties[number]
                yield _Role.BODY, INDENT + self.after_colon(prop.key, prop.key_span, line)
            else:
                match = _patterns()[2].fullmatch(line)
                if not indented or match is None:
                    raise self.lost(number)
                yield _Role.BODY, (DEEPER if in_property else INDENT) + _with_comment(match.group(1), match.group(2))

    def head(self, record: Property | Section | Claim | Link, line: str) -> tuple[_Role, str]:
        if isinstance(record, Property):
            return _Role.HEADER, self.after_colon(record.key, record.key_span, line)
        if isinstance(record, Section):
            hashes, title, comment = heading_parts(line)
            return _Role.HEADING, _with_comment(f"{hashes} {title}", comment or None)
        if isinstance(record, Claim):
            start = f"{'main ' if record.main else ''}{record.kind.value} {record.id}"
            return _Role.STATEMENT, self.after_colon(start, record.id_span, line)
        match = _patterns()[1].fullmatch(line, _end(record.target))
        if match is None:
            raise self.lost(record.arrow_span.line)
        colon, label, comment = match.groups()
        start = _inference(record.sources, record.linked, record.type, record.target)
        if record.label is not None and colon:
            start += ":" if label is None else f": {label}"
        return _Role.STATEMENT, _with_comment(start, comment)

    def after_colon(self, start: str, before: Span, line: str) -> str:
        """``start: text  # comment``, the text and comment read from the line after ``before``."""
        match = _patterns()[0].fullmatch(line, before.end_column - 1)
        if match is None:
            raise self.lost(before.line)
        text, comment = match.groups()
        return _with_comment(f"{start}:" if text is None else f"{start}: {text}", comment)

    def lost(self, number: int) -> FormatError:
        return FormatError(f"argmap fmt cannot read line {number} as the parser did (a bug in argmap): "
                           f"{self.lines[number - 1]!r}")


def _end(target: Target) -> int:
    """The index in its line just after a link's target (after the ``)`` of an undercut's inference)."""
    return target.span.end_column - 1


def _inference(sources: tuple[Ref, ...], linked: bool, kind: LinkType, target: Target) -> str:
    """``a, b -> c``, ``a + b -x c``, ``u -x (a -> c)``: single spaces around arrows and ``+``."""
    if linked and len(sources) == 1:
        left = f"+ {sources[0].id}"
    else:
        left = (" + " if linked else ", ").join(ref.id for ref in sources)
    if isinstance(target, LinkRef):
        right = f"({_inference(target.sources, target.linked, target.type, target.target)})"
    else:
        right = target.id
    return f"{left} {kind.value} {right}"


def _with_comment(start: str, comment: str | None) -> str:
    if comment is None:
        return start
    return f"{start}{COMMENT_GAP}{comment}"


def _blank_lines(lines: list[tuple[_Role, str]]) -> list[tuple[_Role, str]]:
    """The blank-line rules: none at the start or end, never two in a row, one before each heading
    (above the comments directly over it) and one after the header fields at the top."""
    kept: list[tuple[_Role, str]] = []
    for line in lines:
        if line[0] is _Role.BLANK and (not kept or kept[-1][0] is _Role.BLANK):
            continue
        kept.append(line)
    while kept and kept[-1][0] is _Role.BLANK:
        kept.pop()
    result: list[tuple[_Role, str]] = []
    header_open = True
    """Only header fields (and comments and blank lines) so far."""
    for line in kept:
        role = line[0]
        if role is _Role.HEADING:
            _blank_above_comments(result)
        elif header_open and role is _Role.STATEMENT:
            _blank_after_header(result)
        if role in (_Role.STATEMENT, _Role.HEADING):
            header_open = False
        result.append(line)
    return result


def _blank_above_comments(result: list[tuple[_Role, str]]) -> None:
    """A blank line above the comment lines at the end of ``result``, unless they start the file."""
    at = len(result)
    while at > 0 and result[at - 1][0] is _Role.COMMENT:
        at -= 1
    if at > 0 and result[at - 1][0] is not _Role.BLANK:
        result.insert(at, (_Role.BLANK, ""))


def _blank_after_header(result: list[tuple[_Role, str]]) -> None:
    """A blank line after the last header field of ``result``, when something else follows it."""
    for at in range(len(result) - 1, -1, -1):
        if result[at][0] is _Role.HEADER:
            if at + 1 == len(result) or result[at + 1][0] is not _Role.BLANK:
                result.insert(at + 1, (_Role.BLANK, ""))
            return


def document_content(document: Document) -> tuple[object, ...]:
    """What a document says, without where: its records as nested tuples, every span left out.

    Two texts that parse to the same content mean the same map.
    """
    return (
        _content(document.header),
        _content(document.sections),
        _content(document.claims),
        _content(document.links),
    )


def _content(value: object) -> object:
    if isinstance(value, Span):
        return None
    if isinstance(value, tuple):
        return tuple(_content(item) for item in value)
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))  # type: ignore[arg-type]
        return (
            type(value).__name__,
            *(_content(getattr(value, field.name)) for field in fields if not field.metadata.get("place")),
        )
    return value
