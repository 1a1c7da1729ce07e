"""argmap's diagnostics as LSP diagnostics: code, severity, exact range, notes as related information."""

from __future__ import annotations

from lsprotocol import types

from argmap.core.diagnostics import Diagnostic, Severity

from .positions import LineIndex

__all__ = ["to_lsp"]

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.NOTE: types.DiagnosticSeverity.Information,
}


def to_lsp(diagnostic: Diagnostic, lines: LineIndex, uri: str) -> types.Diagnostic:
    """One diagnostic for the editor. A note that points nowhere is related to the diagnostic's own place."""
    where = _range(diagnostic, lines)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=lines.range(note.span) if note.span is not None else where),
            message=note.message,
        )
        for note in diagnostic.notes
    ]
    return types.Diagnostic(
        range=where,
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source="argmap",
        related_information=related or None,
    )


def _range(diagnostic: Diagnostic, lines: LineIndex) -> types.Range:
    """The diagnostic's span; line 0 (the file as a whole) is the first line."""
    span = diagnostic.span
    if span.line == 0:
        return types.Range(start=types.Position(line=0, character=0), end=lines.position(len(lines.line_text(0))))
    return lines.range(span)
