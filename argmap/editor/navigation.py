"""Finding one's way in a map: hover, go to definition, references, rename, the outline."""

from __future__ import annotations

import re

from lsprotocol import types

from argmap.core.model import Claim, ClaimKind, Section
from argmap.language.grammar import KEYWORDS
from argmap.language.schema import ID_PATTERN

from .analysis import Analysis

__all__ = ["definition", "hover", "prepare_rename", "references", "rename", "symbols"]

_PREDICTION_FIELDS = (
    "by", "made", "made-in", "likelihood", "p", "deadline", "criteria", "claimed", "status", "resolved-on",
    "resolved-by", "evidence",
)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def _md(text: str) -> str:
    """User text made literal in Markdown."""
    return _MARKDOWN.sub(r"\\\1", text)


def _target(analysis: Analysis, offset: int) -> Claim | None:
    """The claim named at ``offset``, or whose kind or text is there."""
    occurrence = analysis.at(offset)
    if occurrence is not None:
        return analysis.claim(occurrence.id)
    claim = analysis.claim_at(offset)
    if claim is not None and claim.kind_span.start <= offset <= claim.text_span.end:
        return analysis.claim(claim.id)
    return None


def hover(analysis: Analysis, position: types.Position) -> types.Hover | None:
    """Kind, text, derived role, quote status and prediction fields of the claim under the cursor."""
    offset = analysis.lines.offset(position)
    claim = _target(analysis, offset)
    amap = analysis.map
    if claim is None or amap is None:
        return None
    occurrence = analysis.at(offset)
    roles = sorted(role.value for role in amap.roles.get(claim.id, ()))
    kind = f"main {claim.kind.value}" if claim.main else claim.kind.value
    lines = [f"**{kind}** `{claim.id}`" + (f" — {', '.join(roles)}" if roles else ""), "", _md(claim.text)]
    facts = [f"- {fact}" for fact in (*_quote_status(analysis, claim), *_prediction(claim))]
    if facts:
        lines += ["", *facts]
    where = occurrence.span if occurrence is not None else claim.kind_span.to(claim.text_span)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n".join(lines)),
        range=analysis.lines.range(where),
    )


def _quote_status(analysis: Analysis, claim: Claim) -> list[str]:
    quotes = [prop for prop in claim.properties if prop.key == "quote"]
    if not quotes:
        return ["no quote" if claim.kind is not ClaimKind.ASSUMPTION else "unstated: the reader adds it"]
    amap = analysis.map
    grounding = amap.grounding if amap is not None else None
    if grounding is None:
        return [f"{len(quotes)} quote(s), not checked: the header names no source text that could be read"]
    found = grounding.passages.get(claim.id, ())
    facts = [f"quote found in {_md(grounding.path)}, line {match.line}" for match in found]
    problems = [
        d for d in analysis.diagnostics
        if d.code.startswith("Q") and claim.span.start <= d.span.start <= claim.span.end
    ]
    facts += [f"{d.severity.value} {d.code}: {_md(d.message)}" for d in problems]
    return facts


def _prediction(claim: Claim) -> list[str]:
    if claim.kind is not ClaimKind.PREDICTION:
        return []
    fields = [f"{key}: {_md(prop.value)}" for key in _PREDICTION_FIELDS if (prop := claim.get(key)) is not None]
    return fields or ["a prediction with no deadline, criteria or status yet"]


def definition(analysis: Analysis, uri: str, position: types.Position) -> types.Location | None:
    """Where the claim named under the cursor is defined."""
    occurrence = analysis.at(analysis.lines.offset(position))
    if occurrence is None:
        return None
    claim = analysis.claim(occurrence.id)
    if claim is None:
        return None
    return types.Location(uri=uri, range=analysis.lines.range(claim.id_span))


def references(analysis: Analysis, uri: str, position: types.Position, declaration: bool) -> list[types.Location]:
    """Every place the id under the cursor is written (its definition too, when asked)."""
    occurrence = analysis.at(analysis.lines.offset(position))
    if occurrence is None:
        return []
    return [
        types.Location(uri=uri, range=analysis.lines.range(found.span))
        for found in analysis.of(occurrence.id)
        if declaration or not found.definition
    ]


def prepare_rename(analysis: Analysis, position: types.Position) -> types.Range | None:
    """The id under the cursor, if it can be renamed (it names a claim of this file)."""
    occurrence = analysis.at(analysis.lines.offset(position))
    if occurrence is None or analysis.claim(occurrence.id) is None:
        return None
    return analysis.lines.range(occurrence.span)


def rename(analysis: Analysis, uri: str, position: types.Position, new_name: str) -> types.WorkspaceEdit | None:
    """Rename the id under the cursor everywhere it is written. ValueError for a name that cannot be an id."""
    occurrence = analysis.at(analysis.lines.offset(position))
    if occurrence is None or analysis.claim(occurrence.id) is None:
        return None
    if re.fullmatch(ID_PATTERN, new_name) is None or new_name in KEYWORDS:
        raise ValueError(
            f"'{new_name}' cannot be an id: start with a letter or _, then letters, digits, _ and single "
            "hyphens, and not a keyword"
        )
    if new_name != occurrence.id and analysis.claim(new_name) is not None:
        raise ValueError(f"the map already has a claim '{new_name}'")
    edits = [
        types.TextEdit(range=analysis.lines.range(found.span), new_text=new_name)
        for found in analysis.of(occurrence.id)
    ]
    return types.WorkspaceEdit(changes={uri: edits})


_SYMBOL_KINDS = {
    ClaimKind.CONCLUSION: types.SymbolKind.Class,
    ClaimKind.PREMISE: types.SymbolKind.Field,
    ClaimKind.ASSUMPTION: types.SymbolKind.Property,
    ClaimKind.PREDICTION: types.SymbolKind.Event,
    ClaimKind.OBJECTION: types.SymbolKind.Operator,
    ClaimKind.RECOMMENDATION: types.SymbolKind.Method,
    ClaimKind.CLAIM: types.SymbolKind.Object,
}


def symbols(analysis: Analysis) -> list[types.DocumentSymbol]:
    """The outline: sections (nested as written) and the claims in them."""
    document = analysis.document
    if document is None:
        return []
    lines = analysis.lines
    by_section: dict[int | None, list[types.DocumentSymbol]] = {}
    for claim in document.claims:
        kind = f"main {claim.kind.value}" if claim.main else claim.kind.value
        by_section.setdefault(claim.section, []).append(
            types.DocumentSymbol(
                name=claim.id,
                detail=f"{kind}: {claim.text}",
                kind=_SYMBOL_KINDS[claim.kind],
                range=lines.range(claim.span),
                selection_range=lines.range(claim.id_span),
            )
        )
    sections = document.sections
    top = by_section.setdefault(None, [])
    for section in sections:
        end = _section_end(section, sections, len(analysis.text))
        symbol = types.DocumentSymbol(
            name=section.title,
            kind=types.SymbolKind.Namespace,
            range=types.Range(start=lines.position(section.span.start), end=lines.position(end)),
            selection_range=lines.range(section.span),
            children=by_section.setdefault(section.index, []),
        )
        by_section.setdefault(section.parent, top).append(symbol)
    return top


def _section_end(section: Section, sections: tuple[Section, ...], length: int) -> int:
    """Where a section ends: at the next heading of its level or above, else at the end of the text."""
    for later in sections[section.index + 1 :]:
        if later.level <= section.level:
            return max(later.span.start - 1, section.span.end)
    return length
