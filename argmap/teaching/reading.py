"""Reading a submission for grading: as far as it can be read, and named without its folders.

A file with a syntax error is not left ungraded: the statement the error is in (its line and the
indented lines under it) is left out, and the rest is read again, as often as it takes
(:data:`MAX_SKIPPED` statements at most). The student's map is resolved without its ``source:``:
the student's quotes are looked up in the key's text (:mod:`~argmap.teaching.evidence`), so a
``source:`` header that names a file not beside the submission costs nothing. Every message names
the file by its name alone: a teacher's folders never reach a student's feedback.
"""

from __future__ import annotations

import os

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.analysis.check import FileResult, check_report, resolve
from argmap.core.diagnostics import ArgmapSyntaxError, Diagnostic, Severity
from argmap.core.model import Document, Span
from argmap.language.parser import decode, parse

from .markup import code

__all__ = ["MAX_SKIPPED", "Reading", "read_submission"]

MAX_SKIPPED = 25
"""A file needing more statements left out than this (or half of its lines) is not read as a map."""


@attrs.frozen
class Reading:
    """What could be read of one submission."""

    path: str
    """The file as given."""
    name: str
    """The file's name without its folders: what messages call it."""
    map: ArgumentMap | None
    """None when nothing could be read as a map."""
    syntax: tuple[Diagnostic, ...]
    """The syntax errors of the statements left out (in the order found)."""
    report: str
    """The errors as ``argmap check`` prints them, the file named by its name alone; empty when none."""
    unreadable: bool = False
    """The file could not be read at all (missing, a folder, not UTF-8)."""

    @property
    def partial(self) -> bool:
        """True when some statements had to be left out."""
        return bool(self.syntax) and self.map is not None

    def summaries(self) -> tuple[str, ...]:
        """One sentence per syntax error, for feedback."""
        return tuple(
            f"Line {d.span.line} of your file could not be read ({d.message}), so your map was graded "
            f"without it. Fix it and run {code('argmap check')} on your file until it reports no errors."
            for d in self.syntax
        )


def read_submission(path: str) -> Reading:
    """Read, parse (leaving out what cannot be parsed) and resolve one submission; never raises."""
    name = os.path.basename(path) or path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        message = "there is no such file" if isinstance(exc, FileNotFoundError) else (
            f"cannot read the file: {exc.strerror or exc}"
        )
        diagnostic = Diagnostic("F001", Severity.ERROR, message, Span(name, 0, 0, 0, 0, 0, 0))
        return Reading(path, name, None, (), _report(name, None, (diagnostic,)), unreadable=True)
    try:
        text = decode(data, name)
    except ArgmapSyntaxError as exc:
        return Reading(path, name, None, (exc.diagnostic,), _report(name, exc.text, (exc.diagnostic,)), unreadable=True)
    document, errors = _parse_around(text, name)
    if document is None:
        return Reading(path, name, None, errors, _report(name, text, errors))
    amap = resolve(document, check_source=False)
    shown = errors or tuple(d for d in amap.diagnostics if d.severity is Severity.ERROR)
    return Reading(path, name, amap, errors, _report(name, text, shown) if shown else "")


def _report(name: str, text: str | None, diagnostics: tuple[Diagnostic, ...]) -> str:
    return check_report([FileResult(name, text, diagnostics, None)], quiet=True)


def _parse_around(text: str, name: str) -> tuple[Document | None, tuple[Diagnostic, ...]]:
    """The document with each statement that has a syntax error left out, and the errors."""
    lines = text.split("\n")
    written = sum(1 for line in lines if line.strip())
    errors: list[Diagnostic] = []
    blanked = 0
    while True:
        try:
            return parse("\n".join(lines), name), tuple(errors)
        except ArgmapSyntaxError as exc:
            diagnostic = exc.diagnostic
            line = diagnostic.span.line
            errors.append(diagnostic)
            if line < 1 or line > len(lines) or len(errors) > MAX_SKIPPED:
                return None, tuple(errors)
            start, end = _statement(lines, line - 1)
            if not any(lines[i].strip() for i in range(start, end)):
                return None, tuple(errors)
            for i in range(start, end):
                if lines[i].strip():
                    blanked += 1
                lines[i] = ""
            if blanked * 2 > written:
                return None, tuple(errors)


def _statement(lines: list[str], index: int) -> tuple[int, int]:
    """The lines (start, end) of the statement that line ``index`` belongs to: its first line (not
    indented) and the indented lines under it."""
    start = index
    while start > 0 and lines[start][:1].isspace() and lines[start].strip():
        start -= 1
    end = start + 1
    while end < len(lines) and (lines[end][:1].isspace() and lines[end].strip()):
        end += 1
    return start, end
