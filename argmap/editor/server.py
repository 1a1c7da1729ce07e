"""The language server (``argmap lsp``): the checks, navigation and fixes of argmap in any LSP editor.

Built on pygls. Each open document is checked with the same pipeline as
``argmap check`` when it opens and after it changes: the first change after a
quiet spell is checked at once, and changes that follow within ``debounce``
seconds are checked together once the spell ends, so the diagnostics on
screen always belong to the latest text. Requests (hover, completion …) use
the analysis of the current text, made on demand when a check is still due.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from argmap import __version__
from argmap.core.diagnostics import ArgmapSyntaxError
from argmap.core.speed import gc_paused

from . import actions, completion, navigation
from .analysis import Analysis
from .diagnostics import to_lsp
from .positions import LineIndex

__all__ = ["PREVIEW_COMMAND", "ArgmapServer", "make_server", "serve"]

PREVIEW_COMMAND = "argmap.svg"
"""A command of the server: the map of a document as SVG (``{"svg": …}``) or why not (``{"error": …}``)."""


class ArgmapServer(LanguageServer):
    """The server's state: the latest analysis of each open document and the checks still due."""

    def __init__(self, debounce: float) -> None:
        super().__init__("argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        """Changes this close together are checked once, after the last."""
        self.analyses: dict[str, Analysis] = {}
        self.due: dict[str, asyncio.TimerHandle] = {}
        self.checked_at: dict[str, float] = {}

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document's current text, made now if it is not made yet."""
        text = self.workspace.get_text_document(uri).source
        made = self.analyses.get(uri)
        if made is not None and made.text == text:
            return made
        path, root = _location(uri)
        lines = LineIndex(text, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        with gc_paused():  # the collector's passes over the new records cost more than making them
            made = Analysis(text, path, root, lines, made.last_parsed if made is not None else None)
        self.analyses[uri] = made
        return made

    def schedule(self, uri: str) -> None:
        """Check the document now, or at the end of the current spell of changes."""
        pending = self.due.pop(uri, None)
        if pending is not None:
            pending.cancel()
        loop = asyncio.get_running_loop()
        wait = max(0.0, self.checked_at.get(uri, -1e9) + self.debounce - loop.time())
        self.due[uri] = loop.call_later(wait, self.publish, uri)

    def publish(self, uri: str) -> None:
        """Check the document's current text and send its diagnostics."""
        self.due.pop(uri, None)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        analysis = self.analysis(uri)
        diagnostics = [to_lsp(diagnostic, analysis.lines, uri) for diagnostic in analysis.diagnostics]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics)
        )
        self.checked_at[uri] = asyncio.get_running_loop().time()

    def forget(self, uri: str) -> None:
        """A closed document: no check due, no diagnostics left on screen."""
        pending = self.due.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.analyses.pop(uri, None)
        self.checked_at.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _location(uri: str) -> tuple[str, Path | None]:
    """The path a document's diagnostics name, and the folder its ``source:`` is read from (None: not read)."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path is None:
        return uri, None
    return path, Path(path).parent


def make_server(debounce: float = 0.05) -> ArgmapServer:
    """The server with every feature registered."""
    server = ArgmapServer(debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgmapServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.analyses.pop(params.text_document.uri, None)  # the source text may have changed on disk
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
        return navigation.hover(ls.analysis(params.text_document.uri), params.position)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgmapServer, params: types.DefinitionParams) -> types.Location | None:
        uri = params.text_document.uri
        return navigation.definition(ls.analysis(uri), uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location]:
        uri = params.text_document.uri
        return navigation.references(ls.analysis(uri), uri, params.position, params.context.include_declaration)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: ArgmapServer, params: types.PrepareRenameParams) -> types.Range | None:
        return navigation.prepare_rename(ls.analysis(params.text_document.uri), params.position)

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        uri = params.text_document.uri
        try:
            return navigation.rename(ls.analysis(uri), uri, params.position, params.new_name)
        except ValueError as exc:
            raise JsonRpcInvalidParams(str(exc)) from None

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[",", "+", ">", "x", "(", ":", " "]),
    )
    def complete(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
        uri = params.text_document.uri
        analysis = ls.analysis(uri)
        items = completion.complete(analysis.lines, params.position, analysis.document)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: ArgmapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        return navigation.symbols(ls.analysis(params.text_document.uri))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]
        ),
    )
    def code_action(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        return actions.code_actions(ls.analysis(uri), uri, params.range)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ArgmapServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        from argmap.language.format import FormatError, format_text

        analysis = ls.analysis(params.text_document.uri)
        try:
            formatted = format_text(analysis.text, analysis.path)
        except (ArgmapSyntaxError, FormatError):
            return None  # the syntax error is on screen already
        if formatted == analysis.text:
            return []
        whole = types.Range(start=types.Position(line=0, character=0), end=analysis.lines.end())
        return [types.TextEdit(range=whole, new_text=formatted)]

    @server.command(PREVIEW_COMMAND)
    def preview(ls: ArgmapServer, uri: str) -> dict[str, Any]:
        analysis = ls.analysis(uri)
        if analysis.map is None or not analysis.map.ok:
            count = len([d for d in analysis.diagnostics if d.severity.value == "error"])
            return {"error": f"the map has {count} error(s): fix them to see it drawn"}
        import warnings

        from argmap.drawing import RenderError, render

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # Graphviz's layout warnings: the picture is what was asked for
                return {"svg": render(analysis.map, "svg").decode("utf-8")}
        except RenderError as exc:
            return {"error": str(exc)}

    return server


def serve(debounce: float = 0.05) -> None:
    """Run the server over standard input and output until the client says exit.

    Unlike a one-shot command (which runs with the cyclic garbage collector off), a server lives
    for hours: the collector runs, with the modules loaded at start frozen out of its walks and a
    higher first threshold, since each check allocates a whole map's records at once.
    """
    import gc

    server = make_server(debounce)
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    gc.enable()
    server.start_io()
