"""Completion: what may be written where the cursor is.

The place is read from the line as typed so far (half a line does not parse);
the ids come from the parsed document, or from its claim lines while a
half-written line keeps it from parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from lsprotocol import types

from argmap.core.model import ClaimKind, Document
from argmap.language.grammar import KIND_WORDS
from argmap.language.schema import (
    CLAIM_PROPERTIES,
    HEADER_FIELDS,
    ID_PATTERN,
    LINK_PROPERTIES,
    STATEMENT_KINDS,
    allowed_for,
)

from .positions import LineIndex

__all__ = ["complete"]

_WORD = re.compile(r"[\w-]*\Z")
_PROPERTY_KEY = re.compile(r"[ \t]+[\w-]*\Z")
_VALUE = re.compile(r"([ \t]*)([^\W\d][\w-]*)[ \t]*:[ \t]*[^#]*\Z")
_KIND_START = re.compile(r"(main[ \t]+)?[\w-]*\Z")
_LINK = re.compile(r"[^:#]*(?:,|\+|->|-x|\()[ \t]*[\w-]*\Z")
_CLAIM_LINE = re.compile(rf"(?:main[ \t]+)?({'|'.join(KIND_WORDS)})[ \t]")
_CLAIM_LINES = re.compile(
    rf"^((?:main[ \t]+)?(?:{'|'.join(KIND_WORDS)}))[ \t]+({ID_PATTERN})[ \t]*:[ \t]*(.*?)\r?$", re.MULTILINE
)


def complete(lines: LineIndex, position: types.Position, document: Document | None) -> list[types.CompletionItem]:
    """The completions at ``position``; ``document`` is the text parsed, if it parses (for its ids)."""
    line = lines.line_text(position.line)
    start = lines.starts[position.line] if position.line < len(lines.starts) else len(lines.text)
    before = line[: lines.offset(position) - start]
    word = _WORD.search(before)
    assert word is not None
    edit = types.Range(
        start=types.Position(line=position.line, character=position.character - lines.units(word.group())),
        end=position,
    )
    value = _VALUE.match(before)
    if value is not None:
        owner = _owner(lines, position.line) if value.group(1) else "header"
        return _items(_values(value.group(2), owner, lines), types.CompletionItemKind.Value, edit)
    if before[:1] in (" ", "\t"):
        if _PROPERTY_KEY.match(before):
            return _property_keys(lines, position.line, edit)
        return []
    if _LINK.match(before):
        return _ids(lines, document, edit)
    kind_start = _KIND_START.match(before)
    if kind_start is None:
        return []
    if kind_start.group(1):
        return _items(KIND_WORDS, types.CompletionItemKind.Keyword, edit, after=" ")
    items = _items(KIND_WORDS, types.CompletionItemKind.Keyword, edit, after=" ")
    items += _items([f"main {kind}" for kind in KIND_WORDS], types.CompletionItemKind.Keyword, edit, after=" ")
    used = {m.group(1) for m in re.finditer(r"^([^\W\d][\w-]*)[ \t]*:", lines.text, re.MULTILINE)}
    fields = [key for key in HEADER_FIELDS if key not in used]
    items += _items(fields, types.CompletionItemKind.Field, edit, after=": ", help=HEADER_FIELDS)
    return items + _ids(lines, document, edit)


def _items(
    labels: Iterable[str],
    kind: types.CompletionItemKind,
    edit: types.Range,
    after: str = "",
    help: Mapping[str, object] | None = None,
) -> list[types.CompletionItem]:
    items = []
    for label in labels:
        spec = (help or {}).get(label)
        items.append(
            types.CompletionItem(
                label=label,
                kind=kind,
                detail=getattr(spec, "help", None),
                text_edit=types.TextEdit(range=edit, new_text=label + after),
            )
        )
    return items


def _claims(lines: LineIndex, document: Document | None) -> list[tuple[str, str, str]]:
    """(id, kind, text) of each claim: parsed, or read from the claim lines of a text that does not parse."""
    if document is not None:
        return [
            (claim.id, f"{'main ' if claim.main else ''}{claim.kind.value}", claim.text) for claim in document.claims
        ]
    return [(m.group(2), m.group(1), m.group(3)) for m in _CLAIM_LINES.finditer(lines.text)]


def _ids(lines: LineIndex, document: Document | None, edit: types.Range) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=ident,
            kind=types.CompletionItemKind.Reference,
            detail=kind,
            documentation=text,
            text_edit=types.TextEdit(range=edit, new_text=ident),
        )
        for ident, kind, text in _claims(lines, document)
    ]


def _owner(lines: LineIndex, line: int) -> str:
    """What the indented line ``line`` belongs to: a claim kind's word, ``link``, or ``''``."""
    for above in range(line - 1, -1, -1):
        text = lines.line_text(above)
        if not text.strip() or (text.lstrip(" \t").startswith("#") and not text.startswith("##")):
            continue
        if text[:1] in (" ", "\t"):
            continue
        claim = _CLAIM_LINE.match(text)
        if claim is not None:
            return claim.group(1)
        return "link" if "->" in text or "-x" in text else ""
    return ""


def _block_keys(lines: LineIndex, line: int) -> set[str]:
    """The property keys already written in the block of the indented line ``line``."""
    keys = set()
    for direction in (-1, 1):
        at = line + direction
        while 0 <= at < len(lines.starts):
            text = lines.line_text(at)
            if text.strip() and text[:1] not in (" ", "\t") and not text.startswith("#"):
                break
            key = re.match(r"[ \t]+([^\W\d][\w-]*)[ \t]*:", text)
            if key is not None:
                keys.add(key.group(1))
            at += direction
    return keys


def _property_keys(lines: LineIndex, line: int, edit: types.Range) -> list[types.CompletionItem]:
    owner = _owner(lines, line)
    if owner == "link":
        specs = LINK_PROPERTIES
    elif owner:
        specs = allowed_for(ClaimKind(owner))
    else:
        return []
    used = _block_keys(lines, line)
    keys = [key for key, spec in specs.items() if spec.repeatable or key not in used]
    return _items(keys, types.CompletionItemKind.Property, edit, after=": ", help=dict(specs))


def _values(key: str, owner: str, lines: LineIndex) -> Sequence[str]:
    """The words a value may be, for keys with a closed set (and ids for ``evidence``)."""
    if key == "likelihood":
        from argmap.analysis.scales import known_words

        return known_words()
    if key == "evidence":
        return [ident for ident, _, _ in _claims(lines, None)]
    if owner == "header":
        spec = HEADER_FIELDS.get(key)
    elif owner == "link":
        spec = LINK_PROPERTIES.get(key)
    else:
        spec = CLAIM_PROPERTIES.get(key)
    if key == "kind" and owner not in ("link", "header"):
        return STATEMENT_KINDS
    words: Sequence[str] = getattr(spec.validate, "words", ()) if spec is not None else ()
    return words
