"""The language server end to end: the real ``argmap lsp`` process, driven over stdio by an LSP client.

Each test opens documents in the running server and checks what an editor
would show: diagnostics with their codes and exact ranges (UTF-16 positions),
updated after edits; hover, definition, references, rename, completion, code
actions, the outline and formatting. A property test sends random edit
sequences and checks that the server answers the last version with exactly
what ``argmap check`` finds in that text: no crash, no stale diagnostics.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

import argmap
from argmap.core.diagnostics import ArgmapSyntaxError
from argmap.language.format import format_text

pytestmark = [pytest.mark.lsp, pytest.mark.asyncio(loop_scope="module")]


def _recording_client() -> LanguageClient:
    """pytest-lsp's test client that also keeps the last publishDiagnostics of each document (its version)."""
    client = LanguageClient()
    client.published = {}  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published[params.uri] = params  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "argmap", "lsp", "--debounce", "0.03"],
        client_factory=_recording_client,
    ),
    scope="module",
)
async def client(lsp_client: LanguageClient) -> Any:
    """A client connected to one running server for the whole module, as VS Code would be."""
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


_count = 0


def _uri(tmp: Path | None = None, name: str = "map.arg") -> str:
    """A fresh document URI (one server serves every test)."""
    global _count
    _count += 1
    if tmp is not None:
        return (tmp / name).as_uri()
    return f"file:///nowhere/{_count}/{name}"


async def _published(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """Wait for the diagnostics of ``version`` of the document."""
    for _ in range(1000):
        params = client.published.get(uri)  # type: ignore[attr-defined]
        if params is not None and params.version == version:
            return list(params.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for version {version} of {uri}")


async def _open(client: LanguageClient, uri: str, text: str) -> list[types.Diagnostic]:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="argmap", version=1, text=text)
        )
    )
    return await _published(client, uri, 1)


def _change(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
    where = types.Range(
        start=types.Position(line=start[0], character=start[1]), end=types.Position(line=end[0], character=end[1])
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=text)],
        )
    )


def _at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def _span(diagnostic: types.Diagnostic) -> tuple[int, int, int, int]:
    r = diagnostic.range
    return r.start.line, r.start.character, r.end.line, r.end.character


MAP = """\
title: Street trees

main conclusion c: Cities should plant more street trees.
premise a: Street trees lower summer temperatures.
assumption b: Cooler streets are worth the cost.
objection o: Young trees need years of watering.
premise r: Rainwater can water them for free.

a + b -> c
o -x c
r -x (o -x c)
"""


async def test_a_syntax_error_is_one_diagnostic_with_its_range(client: LanguageClient) -> None:
    """A misspelt kind gives the parser's S002 error on exactly the word, as an error from argmap."""
    found = await _open(client, _uri(), "main conclusion c: C.\npremis a: A.\n")
    assert len(found) == 1
    diagnostic = found[0]
    assert (diagnostic.code, diagnostic.severity, diagnostic.source) == ("S002", types.DiagnosticSeverity.Error, "argmap")
    assert _span(diagnostic) == (1, 0, 1, 6)
    assert "did you mean 'premise'" in diagnostic.message


async def test_diagnostics_follow_the_edits(client: LanguageClient) -> None:
    """An unknown id is reported with a note at the claim it may mean; fixing it clears it, breaking it again
    brings it back, and a burst of edits is answered for its last version."""
    uri = _uri()
    found = await _open(client, uri, MAP.replace("a + b -> c", "aa + b -> c"))
    unknown = [d for d in found if d.code == "N001"]
    assert [_span(d) for d in unknown] == [(8, 0, 8, 2)]
    assert unknown[0].related_information is not None
    assert unknown[0].related_information[0].location.range.start == _at(3, 8)
    _change(client, uri, 2, (8, 0), (8, 2), "a")
    assert [d.code for d in await _published(client, uri, 2) if d.severity == types.DiagnosticSeverity.Error] == []
    for version, letter in enumerate("xyz", start=3):  # three quick edits: the last one counts
        _change(client, uri, version, (8, 0), (8, 1), letter)
    final = await _published(client, uri, 5)
    assert [(d.code, _span(d)) for d in final if d.code == "N001"] == [("N001", (8, 0, 8, 1))]


async def test_typing_through_a_syntax_error_gives_each_versions_diagnostics(client: LanguageClient) -> None:
    """The server reads each version from the last one that parsed: through a half-typed arrow and back,
    every version gets what argmap check finds in it, positions included."""
    uri = _uri()
    text = MAP
    await _open(client, uri, text)
    steps = [((9, 2), (9, 4), "-"), ((9, 2), (9, 3), "->"), ((3, 11), (3, 17), "Some"), ((11, 0), (11, 0), "\n")]
    for version, (start, end, new) in enumerate(steps, start=2):
        _change(client, uri, version, start, end, new)
        lines = text.split("\n")
        at = sum(len(line) + 1 for line in lines[: start[0]]) + start[1]
        upto = sum(len(line) + 1 for line in lines[: end[0]]) + end[1]
        text = text[:at] + new + text[upto:]
        found = await _published(client, uri, version)
        assert sorted((str(d.code), d.range.start.line, d.range.start.character) for d in found) == [
            (code, line, column - 1) for code, line, column in _expected(text)
        ]


async def test_quotes_are_checked_against_the_source_file(client: LanguageClient, tmp_path: Path) -> None:
    """A quote that is not in the header's source text gets argmap's Q diagnostic, read from the file on disk."""
    (tmp_path / "text.txt").write_text("Street trees lower summer temperatures on the pavement.\n", encoding="utf-8")
    text = MAP.replace("title: Street trees", "title: Street trees\nsource: text.txt").replace(
        "premise a: Street trees lower summer temperatures.\n",
        "premise a: Street trees lower summer temperatures.\n  quote: trees raise winter temperatures\n",
    )
    found = await _open(client, _uri(tmp_path), text)
    quote = [d for d in found if d.code.startswith("Q")]  # type: ignore[union-attr]
    assert quote and quote[0].range.start.line == 5


async def test_positions_count_utf16_code_units(client: LanguageClient) -> None:
    """An astral letter (two UTF-16 units) before an id shifts the reported range by two, not one."""
    text = "main conclusion c: C.\npremise 𝒜b: A.\n𝒜b + zz -> c\n"
    found = await _open(client, _uri(), text)
    assert [_span(d) for d in found if d.code == "N001"] == [(2, 6, 2, 8)]
    uri = _uri()
    await _open(client, uri, text.replace(" + zz", ""))
    hover = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=_at(2, 7)))
    assert hover is not None and hover.range == types.Range(start=_at(2, 7), end=_at(2, 8))


async def test_hover_shows_kind_text_role_and_prediction(client: LanguageClient) -> None:
    """Hover on an id in a link shows the claim's kind, text and derived role; on a prediction, its fields."""
    uri = _uri()
    text = MAP + "prediction p: Trees will cut heat deaths.\n  deadline: 2030-12-31\n  likelihood: likely\np -> c\n"
    await _open(client, uri, text)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=_at(10, 0)))
    assert hover is not None
    value = hover.contents.value  # type: ignore[union-attr]
    assert value.startswith("**premise** `r` — undercut")
    assert "Rainwater can water them for free" in value
    hover = await client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=_at(11, 12)))
    assert hover is not None
    value = hover.contents.value  # type: ignore[union-attr]
    assert "**prediction** `p`" in value and "deadline: 2030\\-12\\-31" in value and "likelihood: likely" in value


async def test_definition_references_and_rename_reach_inside_undercuts(client: LanguageClient) -> None:
    """From ``o`` inside ``r -x (o -x c)``: its definition, every use, and a rename that changes them all."""
    uri = _uri()
    await _open(client, uri, MAP)
    inside = _at(10, 7)
    where = await client.text_document_definition_async(types.DefinitionParams(text_document=_doc(uri), position=inside))
    assert isinstance(where, types.Location) and where.range == types.Range(start=_at(5, 10), end=_at(5, 11))
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=_doc(uri), position=inside, context=types.ReferenceContext(include_declaration=True)
        )
    )
    assert sorted((loc.range.start.line, loc.range.start.character) for loc in found or []) == [(5, 10), (9, 0), (10, 6)]
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=_doc(uri), position=inside, new_name="watering")
    )
    assert edit is not None and edit.changes is not None
    assert {(e.range.start.line, e.new_text) for e in edit.changes[uri]} == {(5, "watering"), (9, "watering"), (10, "watering")}
    with pytest.raises(Exception, match="cannot be an id"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=_doc(uri), position=inside, new_name="premise")
        )


async def _labels(client: LanguageClient, uri: str, position: types.Position) -> list[str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=_doc(uri), position=position)
    )
    items = result.items if isinstance(result, types.CompletionList) else result or []
    return [item.label for item in items]


async def test_completion_knows_what_may_come_where(client: LanguageClient) -> None:
    """Kinds and header fields at a line's start, ids in a link, keys for the claim's kind, and closed values."""
    uri = _uri()
    text = "scale: \nmain conclusion c: C.\nprediction p: P.\n  \n  likelihood: \npremise a: A.\na, \n\npremise q: Q.\n  \n"
    await _open(client, uri, text)
    start = await _labels(client, uri, _at(7, 0))
    assert {"premise", "main conclusion", "title", "c", "p"} <= set(start) and "scale" not in start
    assert set(await _labels(client, uri, _at(6, 3))) == {"c", "p", "a", "q"}
    keys = await _labels(client, uri, _at(3, 2))
    assert "deadline" in keys and "likelihood" not in keys and "quote" in keys
    assert "likely" in await _labels(client, uri, _at(4, 14))
    assert set(await _labels(client, uri, _at(0, 7))) == {"icd203", "kent", "ipcc-ar5"}
    premise_keys = await _labels(client, uri, _at(9, 2))
    assert "quote" in premise_keys and "deadline" not in premise_keys


async def _actions(client: LanguageClient, uri: str, line: int) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=_doc(uri),
            range=types.Range(start=_at(line, 0), end=_at(line, 1)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    return [action for action in result or [] if isinstance(action, types.CodeAction)]


def _apply(text: str, action: types.CodeAction, uri: str) -> str:
    """The text with the action's edits made (in the document's own UTF-16 positions)."""
    from argmap.editor.positions import LineIndex

    assert action.edit is not None and action.edit.changes is not None
    for edit in sorted(action.edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        lines = LineIndex(text)
        text = text[: lines.offset(edit.range.start)] + edit.new_text + text[lines.offset(edit.range.end) :]
    return text


async def test_code_actions_fix_and_rewrite(client: LanguageClient) -> None:
    """"Did you mean" applies the guess; an unknown id gets a stub claim; ``,`` and ``+`` swap."""
    uri = _uri()
    text = MAP.replace("a + b -> c", "aa + b -> c\nzebra -> c\na, b -> c")
    await _open(client, uri, text)
    titles = {action.title: action for action in await _actions(client, uri, 8)}
    fixed = _apply(text, titles["Change 'aa' to 'a'"], uri)
    assert "\na + b -> c\n" in fixed
    assert any(title.startswith("Make these separate reasons") for title in titles)
    stub = next(a for a in await _actions(client, uri, 9) if a.title == "Add a premise 'zebra'")
    added = _apply(text, stub, uri)
    assert "premise r: Rainwater can water them for free.\npremise zebra: TODO" in added
    assert not [d for d in argmap.resolve(argmap.parse(added)).errors if d.code == "N001" and "zebra" in d.message]
    swap = next(a for a in await _actions(client, uri, 10) if a.title.startswith("Make these linked premises"))
    assert "\nzebra -> c\na + b -> c\no -x" in _apply(text, swap, uri)


async def test_formatting_and_outline(client: LanguageClient) -> None:
    """Formatting returns argmap fmt's text; the outline nests claims in their sections."""
    uri = _uri()
    text = "title:T\n## Reasons\npremise a:A.\n### More\npremise b : B.\n## Thesis\nmain conclusion c: C.\na,b->c\n"
    await _open(client, uri, text)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=_doc(uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert edits is not None and len(edits) == 1 and edits[0].new_text == format_text(text)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=_doc(uri)))
    outline = [(s.name, [(c.name, [g.name for g in c.children or []]) for c in s.children or []]) for s in symbols or []]  # type: ignore[union-attr]
    assert outline == [("Reasons", [("a", []), ("More", ["b"])]), ("Thesis", [("c", [])])]
    broken = _uri()
    await _open(client, broken, "premis a: A.\n")
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=_doc(broken), options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert edits is None


async def test_the_preview_command_draws_the_map(client: LanguageClient) -> None:
    """The command behind the VS Code preview returns the map as SVG, or why it cannot."""
    uri = _uri()
    await _open(client, uri, MAP)
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="argmap.svg", arguments=[uri]))
    assert "<svg" in result["svg"]
    broken = _uri()
    await _open(client, broken, "main conclusion c: C.\nzz -> c\n")
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="argmap.svg", arguments=[broken]))
    assert result["error"].startswith("the map has 1 error")


# --- random edits ---------------------------------------------------------------------

_SNIPPETS = st.sampled_from(
    ["a", "zz", " ", "\n", "\r\n", "  quote: x\n", "premise q: Q.\n", " -> c", " -x ", "(", ")", ":", ",", "+",
     "#", "\\", "😀", "𝒜", "é", "main ", "\t", "## H\n", "likelihood: ", "\x00"]
)


def _expected(text: str) -> list[tuple[str, int, int]]:
    """What argmap check reports for the text, as (code, line, column) with 0-based lines."""
    try:
        document = argmap.parse(text, "x.arg")
    except ArgmapSyntaxError as exc:
        found = [exc.diagnostic]
    else:
        found = list(argmap.resolve(document, check_source=False).diagnostics)
    return sorted((d.code, max(d.span.line - 1, 0), d.span.column) for d in found)


@settings(max_examples=40)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), _SNIPPETS), min_size=1, max_size=12))
async def test_the_server_survives_any_edits(client: LanguageClient, edits: list[tuple[float, float, str]]) -> None:
    """Random edits sent in a burst: the server answers the last version with what argmap check finds there."""
    from argmap.editor.positions import LineIndex

    uri = _uri()
    text = MAP
    await _open(client, uri, text)
    for version, (where, length, snippet) in enumerate(edits, start=2):
        lines = LineIndex(text)
        start = int(where * len(text))
        end = min(len(text), start + int(length * 8))
        _change(client, uri, version, _pos(lines.position(start)), _pos(lines.position(end)), snippet)
        text = text[:start] + snippet + text[end:]
    found = await _published(client, uri, len(edits) + 1)
    lines = LineIndex(text)
    got = sorted((str(d.code), d.range.start.line, lines.offset(d.range.start) - lines.starts[d.range.start.line] + 1) for d in found)
    expected = _expected(text)
    # A diagnostic about the file as a whole (line 0) is shown on the first line.
    assert [(c, ln) for c, ln, _ in got] == [(c, ln) for c, ln, _ in expected]
    assert [col for c, ln, col in got if ln] == [col for c, ln, col in expected if ln]
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=_doc(uri)))


def _pos(position: types.Position) -> tuple[int, int]:
    return position.line, position.character
