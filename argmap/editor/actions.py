"""Code actions: apply a "did you mean", add a stub claim for an unknown id, switch ``,`` and ``+``."""

from __future__ import annotations

import re

from lsprotocol import types

from argmap.core.diagnostics import Diagnostic
from argmap.core.model import Link, LinkType

from .analysis import Analysis
from .diagnostics import to_lsp

__all__ = ["code_actions"]

_DID_YOU_MEAN = re.compile(r"'([^']+)'.*: did you mean '([^']+)'\?")


def code_actions(analysis: Analysis, uri: str, where: types.Range) -> list[types.CodeAction]:
    """The fixes for the diagnostics in ``where``, and the rewrites of the link there."""
    lines = analysis.lines
    start, end = lines.offset(where.start), lines.offset(where.end)
    actions: list[types.CodeAction] = []
    for diagnostic in analysis.diagnostics:
        span = diagnostic.span
        if span.line == 0 or span.end < start or span.start > end:
            continue
        actions.extend(_fixes(analysis, uri, diagnostic))
    link = analysis.link_at(start)
    if link is not None and len(link.sources) > 1:
        actions.append(_switch_joiner(analysis, uri, link))
    return actions


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _fixes(analysis: Analysis, uri: str, diagnostic: Diagnostic) -> list[types.CodeAction]:
    lines = analysis.lines
    span = diagnostic.span
    fixes = []
    meant = _DID_YOU_MEAN.search(diagnostic.message)
    if meant is not None and analysis.text[span.start : span.end] == meant.group(1):
        fixes.append(
            types.CodeAction(
                title=f"Change '{meant.group(1)}' to '{meant.group(2)}'",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[to_lsp(diagnostic, lines, uri)],
                is_preferred=True,
                edit=_edit(uri, [types.TextEdit(range=lines.range(span), new_text=meant.group(2))]),
            )
        )
    if diagnostic.code == "N001" and analysis.document is not None:
        fixes.append(_stub(analysis, uri, diagnostic))
    return fixes


def _stub(analysis: Analysis, uri: str, diagnostic: Diagnostic) -> types.CodeAction:
    """A claim for an unknown id, after the last claim: a premise, an objection for an attacker, a conclusion
    for a target."""
    document = analysis.document
    assert document is not None
    name = analysis.text[diagnostic.span.start : diagnostic.span.end]
    kind = "premise"
    for link in document.links:
        if any(ref.span == diagnostic.span for ref in link.sources):
            kind = "objection" if link.type is LinkType.ATTACK else "premise"
        elif link.target.span == diagnostic.span:
            kind = "conclusion"
    if document.claims:
        line = document.claims[-1].span.end_line  # 1-based: the line after the last claim's block, 0-based
    elif document.header:
        line = document.header[-1].span.end_line
    else:
        line = 0
    at = types.Position(line=line, character=0)
    text = f"{kind} {name}: TODO say what {name} claims\n"
    if line >= len(analysis.lines.starts):  # after the last line, which has no line end
        at = analysis.lines.end()
        text = "\n" + text
    return types.CodeAction(
        title=f"Add a {kind} '{name}'",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[to_lsp(diagnostic, analysis.lines, uri)],
        edit=_edit(uri, [types.TextEdit(range=types.Range(start=at, end=at), new_text=text)]),
    )


def _switch_joiner(analysis: Analysis, uri: str, link: Link) -> types.CodeAction:
    """``a, b -> c`` to ``a + b -> c`` and back."""
    joiner = ", " if link.linked else " + "
    title = (
        "Make these separate reasons (a, b): each supports on its own"
        if link.linked
        else "Make these linked premises (a + b): they support only together"
    )
    first, last = link.sources[0].span, link.sources[-1].span
    where = types.Range(start=analysis.lines.position(first.start), end=analysis.lines.position(last.end))
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.RefactorRewrite,
        edit=_edit(uri, [types.TextEdit(range=where, new_text=joiner.join(ref.id for ref in link.sources))]),
    )
