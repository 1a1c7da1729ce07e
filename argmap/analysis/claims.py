"""The claims: bound by id, checked one by one, and the main conclusion found.

Codes: N002 (an id used twice), G009 (two claims with the same text), Q001 (a
quoted assumption), G003/G004/G011 (the main conclusion), and each claim's
properties (:mod:`argmap.analysis.properties`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from argmap.core.diagnostics import Note
from argmap.core.model import Claim, ClaimKind, Document

from .findings import Report
from .properties import kind_table

__all__ = ["check_main", "collect_claims"]

_WORD = re.compile(r"\w+")


def _normal_text(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


_SEPARATOR = "\x01"
_ASCII_WORDS = bytes(
    ord(char.lower()) if char.isalnum() or char in "_" + _SEPARATOR else ord(" ") for char in map(chr, range(128))
).ljust(256)
"""For bytes.translate of ASCII: letters lowered, digits, '_' and the separator kept, anything else a space
(what casefold and ``\\w+`` make of it)."""
_SPACES = re.compile(b"  +")


def _normal_ascii(text: str) -> str:
    """:func:`_normal_text` of an ASCII text, but for spaces at either end; the separator is kept."""
    return _SPACES.sub(b" ", text.encode("ascii").translate(_ASCII_WORDS)).decode("ascii")


def _normal_texts(texts: list[str]) -> list[str]:
    """:func:`_normal_text` of each text; several times faster when they are ASCII."""
    normals: list[str] = []
    for start in range(0, len(texts), 1000):  # a thousand at a time, to take little memory
        some = texts[start : start + 1000]
        joined = _SEPARATOR.join(some)
        if joined.isascii() and joined.count(_SEPARATOR) == len(some) - 1:
            normals += [normal.strip(" ") for normal in _normal_ascii(joined).split(_SEPARATOR)]
        else:
            normals += [
                _normal_ascii(text).strip(" ") if text.isascii() and _SEPARATOR not in text else _normal_text(text)
                for text in some
            ]
    return normals


def collect_claims(document: Document, report: Report) -> tuple[dict[str, Claim], list[Claim]]:
    """The claims by id (a repeated id keeps its first claim: N002) and the objections, in source order.

    Checks each claim's properties for its kind, that an assumption carries no quote (Q001),
    and that no two claims say the same (G009).
    """
    texts: dict[str, Claim] = {}
    claims: dict[str, Claim] = {}
    objections: list[Claim] = []
    kinds = kind_table()
    objection, assumption = ClaimKind.OBJECTION, ClaimKind.ASSUMPTION  # looked up once: see _SUPPORT
    normals = _normal_texts([claim.text for claim in document.claims])
    for claim, normal in zip(document.claims, normals, strict=True):
        first = claims.get(claim.id)
        if first is not None:
            report(
                "N002",
                f"the id '{claim.id}' is already used by another claim",
                claim.id_span,
                Note(f"'{claim.id}' is first defined here", first.id_span),
            )
            continue
        claims[claim.id] = claim
        kind = claim.kind
        if kind is objection:
            objections.append(claim)
        if claim.properties:
            kinds[kind._value_].check(claim.properties, report)
            if kind is assumption:
                quote = claim.get("quote")
                if quote is not None:
                    report(
                        "Q001",
                        f"assumption '{claim.id}' carries a quote, but an assumption is what the text "
                        "leaves unsaid",
                        quote.key_span,
                        Note("if the text says it, make it a premise; if not, remove the quote"),
                    )
        if normal:
            same = texts.get(normal)
            if same is not None:
                report(
                    "G009",
                    f"'{claim.id}' has the same text as '{same.id}'",
                    claim.text_span,
                    Note(f"'{same.id}' is here", same.text_span),
                )
            else:
                texts[normal] = claim
    return claims, objections


MAIN_KINDS = (
    ClaimKind.CONCLUSION,
    ClaimKind.RECOMMENDATION,
    ClaimKind.PREDICTION,
    ClaimKind.CLAIM,
    ClaimKind.ASSUMPTION,
)
"""The kinds the main claim may have: the thesis is argued for (a conclusion, a recommendation, a
forecast, a plain claim), or left unstated for the reader to supply (an assumption). A premise or an
objection is a reason for or against something else, never the thesis."""


def check_main(claims: Mapping[str, Claim], report: Report) -> str | None:
    """The id of the main conclusion: one claim marked main (G003 for more, G004 for none, G011 for a
    main premise or objection); the first when several are marked."""
    mains = [claim for claim in claims.values() if claim.main]
    for claim in mains:
        if claim.kind not in MAIN_KINDS:
            role = "a reason for" if claim.kind is ClaimKind.PREMISE else "a reason against"
            report(
                "G011",
                f"'{claim.id}' is marked main, but {_a(claim.kind.value)} is {role} another claim, "
                f"not the thesis: write 'main conclusion {claim.id}: ...'",
                claim.kind_span,
                Note("the main claim may be a conclusion, recommendation, prediction or claim, or an "
                     "assumption when the text never states its thesis"),
            )
    if len(mains) > 1:
        for claim in mains[1:]:
            report(
                "G003",
                f"'{claim.id}' is marked as the main conclusion, but '{mains[0].id}' already is",
                claim.kind_span,
                Note("the first main conclusion is here", mains[0].kind_span),
                Note("a map has one main conclusion; make the others plain conclusions"),
            )
    if not mains:
        if claims:
            first = next(iter(claims.values()))
            report(
                "G004",
                "no claim is marked as the main conclusion: write 'main conclusion id: ...' "
                "before the thesis of the text",
                first.kind_span,
                Note("a thesis that is a recommendation is 'main recommendation id: ...'; one the text "
                     "never states is 'main assumption id: ...'"),
            )
        return None
    return mains[0].id


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word
