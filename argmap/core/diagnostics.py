"""Diagnostics: what argmap tells a user about their file.

Every message argmap prints about an ``.arg`` file is a :class:`Diagnostic`
with a stable code from :data:`argmap.core.codes.REGISTRY`. Syntax errors are raised
as :class:`ArgmapSyntaxError` (one per file, parsing stops); everything the
resolver finds is collected and returned, never raised.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import attrs

from .codes import REGISTRY, Severity
from .model import Source, Span

__all__ = [
    "ArgmapError",
    "ArgmapSyntaxError",
    "Diagnostic",
    "Note",
    "Severity",
    "format_diagnostic",
    "know_line_starts",
    "snippet",
    "sort_key",
    "source_line",
]


@attrs.frozen
class Note:
    """Extra information attached to a diagnostic, optionally pointing somewhere else."""

    message: str
    span: Span | None = None


@attrs.frozen
class Diagnostic:
    """One finding about a file: a code, a severity, a message and where."""

    code: str
    """A stable code from the registry, such as ``N001``."""
    severity: Severity
    message: str
    span: Span
    notes: tuple[Note, ...] = ()

    @property
    def name(self) -> str:
        """The code's short name, such as ``unknown-id``."""
        return REGISTRY[self.code].name

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for ``--format json`` (docs/diagnostics.md describes it)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            **_position(self.span),
            "notes": [{"message": note.message, **_position(note.span)} for note in self.notes],
        }


def _position(span: Span | None) -> dict[str, object]:
    """Where, in one shape for diagnostics and notes: every key present, null when a note points nowhere.

    Lines and columns count from 1 (line 0: the file as a whole); ``start`` and ``end``
    are offsets in characters into the text after any byte-order mark.
    """
    if span is None:
        return dict.fromkeys(("file", "line", "column", "end_line", "end_column", "start", "end"))
    return {
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "start": span.start,
        "end": span.end,
    }


class ArgmapError(Exception):
    """Base class of the errors argmap raises."""


class ArgmapSyntaxError(ArgmapError):
    """A file that cannot be parsed. Carries exactly one diagnostic and the source text."""

    def __init__(self, diagnostic: Diagnostic, text: str) -> None:
        super().__init__(f"{_location(diagnostic.span)}: {diagnostic.message} [{diagnostic.code}]")
        self.diagnostic = diagnostic
        self.text = text

    def format(self) -> str:
        """The error as ``argmap check`` prints it, with the source line and a caret."""
        return format_diagnostic(self.diagnostic, self.text)


def _location(span: Span) -> str:
    """``path:line:col``; just ``path`` for a problem with the file as a whole (line 0)."""
    return f"{span.file}:{span.line}:{span.column}" if span.line else span.file


def _display_width(text: str) -> int:
    """Columns a terminal uses for ``text``: wide (CJK) characters take two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


_SHOWN = ("Cc", "Cf", "Zl", "Zp", "Zs", "Cs", "Cn")
"""Unicode categories shown as ``<U+XXXX>`` in an excerpt: characters a terminal would not show, or
would show as a plain space (a no-break space looks like one and is not)."""


def _printable(line: str) -> str:
    """A source line made safe to print: tabs to spaces, invisible characters shown as ``<U+XXXX>``."""
    if line.isascii() and line.isprintable():
        return line
    out = []
    for char in line:
        if char == "\t":
            out.append("    ")
        elif char != " " and char != "\u200d" and unicodedata.category(char) in _SHOWN:
            out.append(f"<U+{ord(char):04X}>")
        else:
            out.append(char)
    return "".join(out)


_starts_of: tuple[str, Sequence[int]] = ("", [0])
"""The text last asked about, and where each of its lines starts (a file's many
diagnostics are printed one by one: splitting the text for each took quadratic time)."""


def know_line_starts(text: str, starts: Sequence[int]) -> None:
    """Take where the lines of ``text`` start from one who knows (its document's
    :meth:`~argmap.core.model.Source.line_starts`), rather than count them again to print
    its diagnostics: a big file's text takes a while to count.

    ``starts`` is the offset of each line, and ``len(text)`` after a final line break.
    """
    global _starts_of
    _starts_of = (text, starts)


def _line_starts(text: str) -> Sequence[int]:
    global _starts_of
    if _starts_of[0] is not text:
        _starts_of = (text, Source("", text).line_starts())
    return _starts_of[1]


def source_line(text: str, line: int) -> str:
    """Line ``line`` (1-based) of ``text``, without its line ending."""
    starts = _line_starts(text)
    if 1 <= line <= len(starts):
        end = starts[line] - 1 if line < len(starts) else len(text)
        return text[starts[line - 1] : end].rstrip("\r")
    return ""


def snippet(text: str, span: Span) -> list[str]:
    """The source line of ``span`` with a caret line under the spanned characters."""
    line = source_line(text, span.line)
    if not line and span.line > len(_line_starts(text)):
        return []
    start = max(span.column - 1, 0)
    if span.end_line == span.line:
        end = max(span.end_column - 1, start + 1)
    else:
        end = max(len(line), start + 1)
    before = _printable(line[:start])
    marked = _printable(line[start:end]) or " "
    gutter = f"{span.line:>5} | "
    pad = " " * len(gutter.rstrip("| ")) + " | "
    caret = " " * _display_width(before) + "^" + "~" * max(_display_width(marked) - 1, 0)
    return [gutter + _printable(line), pad + caret]


def format_diagnostic(diagnostic: Diagnostic, text: str | None = None) -> str:
    """A diagnostic as a compiler prints it.

    ``path:line:col: severity: message [code]``, then the source line with a
    caret under the problem when ``text`` is given, then the notes.
    """
    span = diagnostic.span
    lines = [
        f"{_location(span)}: {diagnostic.severity.value}: {diagnostic.message} [{diagnostic.code}]"
    ]
    if text is not None:
        lines.extend(snippet(text, span))
    for note in diagnostic.notes:
        if note.span is not None and (note.span.line, note.span.column) != (span.line, span.column):
            lines.append(f"{_location(note.span)}: note: {note.message}")
            if text is not None and note.span.file == span.file:
                lines.extend(snippet(text, note.span))
        else:
            lines.append(f"      = note: {note.message}")
    return "\n".join(lines)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, int, str]:
    """Order diagnostics by file, position, severity and code."""
    span = diagnostic.span
    return (span.file, span.start, span.column, diagnostic.severity.rank, diagnostic.code)
