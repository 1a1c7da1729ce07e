"""The canonical ``.arg`` writer: a :class:`~argmap.formats.records.MapRecord` as ``.arg`` text.

Every importer writes its map through :func:`write_arg`, so imported files all
look alike. The layout is fixed:

1. the comment lines of the record (where the map came from), then a blank line;
2. the header fields, in order, then a blank line;
3. the claims written before any heading, then each section: its ``##``
   heading and its claims, a blank line between sections;
4. every link, in order, after a blank line.

Each claim is one line (``[main] kind id: text``) with its properties
indented by two spaces under it; text is never wrapped, so a line of the file
is a claim and a search finds it. Text is escaped as docs/language.md says: a
``#`` at the start of a text or after a space becomes ``\\#``, a backslash
before ``#`` or another backslash is doubled. The one thing ``.arg`` text
cannot hold is a line break: :func:`clean_text` turns each into a space (a
claim's text is one paragraph) and drops control characters, which the
language rejects.

``parse(write_arg(record))`` gives back the same records
(:func:`~argmap.formats.records.from_document`), and ``argmap fmt``
(:func:`argmap.language.format.format_text`, which lays out text as written)
leaves what this writer writes unchanged: it makes text from records in the
layout ``fmt`` keeps. The test suite checks both on generated maps.
"""

from __future__ import annotations

import re

from argmap.core.model import ClaimKind
from argmap.language.schema import ID_PATTERN

from .records import LinkRecord, MapRecord, Pairs, StepRecord

__all__ = ["KEYWORDS", "clean_text", "escape_text", "is_claim_id", "write_arg"]

KEYWORDS = frozenset({*(kind.value for kind in ClaimKind), "main"})
"""Words that start a claim line and so cannot be ids."""

_ID = re.compile(ID_PATTERN)
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
"""Characters the language rejects (docs/language.md, section 2) other than line breaks."""
_TO_ESCAPE = re.compile(r"\\(?=[\\#])|(?:^|(?<=[ \t]))#")


def is_claim_id(text: str) -> bool:
    """True when ``text`` can be written as a claim id: the grammar's ID, and not a keyword."""
    return _ID.fullmatch(text) is not None and text not in KEYWORDS


def clean_text(text: str) -> tuple[str, bool]:
    """Text as ``.arg`` can hold it, and whether anything but white space had to change.

    Line breaks become spaces, control characters are dropped, and white space
    at either end goes (the parser would drop it too).
    """
    flat = _LINE_BREAKS.sub(" ", text)
    cleaned = _UNWRITABLE.sub("", flat)
    return cleaned.strip(" \t"), cleaned != flat


def escape_text(text: str) -> str:
    """Text written so the parser reads it back unchanged (after :func:`clean_text`)."""
    cleaned, _ = clean_text(text)
    if "#" not in cleaned and "\\" not in cleaned:
        return cleaned
    return _TO_ESCAPE.sub(lambda match: "\\" + match.group(), cleaned)


def _field(key: str, value: str) -> str:
    escaped = escape_text(value)
    return f"{key}: {escaped}" if escaped else f"{key}:"


def _properties(lines: list[str], properties: Pairs) -> None:
    lines.extend("  " + _field(key, value) for key, value in properties)


def _sources(sources: tuple[str, ...], linked: bool) -> str:
    if linked:
        return " + ".join(sources) if len(sources) > 1 else "+ " + sources[0]
    return ", ".join(sources)


def _step(step: StepRecord) -> str:
    target = step.target if isinstance(step.target, str) else f"({_step(step.target)})"
    return f"{_sources(step.sources, step.linked)} {step.type.value} {target}"


def link_line(link: LinkRecord) -> str:
    """A link's first line: ``a + b -> c: label``."""
    target = link.target if isinstance(link.target, str) else f"({_step(link.target)})"
    line = f"{_sources(link.sources, link.linked)} {link.type.value} {target}"
    if link.label is not None:
        label = escape_text(link.label)
        line += f": {label}" if label else ":"
    return line


def write_arg(record: MapRecord) -> str:
    """The map as canonical ``.arg`` text (ending in a line break)."""
    lines: list[str] = []
    for comment in record.comments:
        flat, _ = clean_text(comment)
        lines.append(f"# {flat}" if flat else "#")
    if lines:
        lines.append("")
    if record.header:
        lines.extend(_field(key, value) for key, value in record.header)
        lines.append("")
    by_section: dict[int | None, list[int]] = {}
    for index, claim in enumerate(record.claims):
        by_section.setdefault(claim.section, []).append(index)
    claims = record.claims

    def write_claims(indexes: list[int]) -> None:
        for index in indexes:
            claim = claims[index]
            text = escape_text(claim.text)
            main = "main " if claim.main else ""
            lines.append(f"{main}{claim.kind.value} {claim.id}: {text}" if text else f"{main}{claim.kind.value} {claim.id}:")
            _properties(lines, claim.properties)

    write_claims(by_section.get(None, []))
    for index, section in enumerate(record.sections):
        if lines and lines[-1] != "":
            lines.append("")
        title = escape_text(section.title.strip())  # a heading's title loses any space at its ends
        hashes = "#" * (section.level + 1)
        lines.append(f"{hashes} {title}" if title else hashes)
        write_claims(by_section.get(index, []))
    if record.links:
        if lines and lines[-1] != "":
            lines.append("")
        for link in record.links:
            lines.append(link_line(link))
            _properties(lines, link.properties)
    while lines and lines[-1] == "":
        lines.pop()
    if not lines:
        lines.append("# This map has no claims.")  # an empty file would be a syntax error
    return "\n".join(lines) + "\n"
