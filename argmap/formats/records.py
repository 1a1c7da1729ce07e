"""A map as plain records, without positions: what importers build and the ``.arg`` writer writes.

A :class:`~argmap.core.model.Document` describes a text, so every record in it
carries a span. A map that comes from another format has no text yet: it is a
:class:`MapRecord`, which :func:`argmap.formats.arg.write_arg` turns into
canonical ``.arg`` text. :func:`from_document` goes the other way, so a parsed
file and its written copy can be compared record for record: they are equal
when the round trip lost nothing.

What a map record does not keep: comments (other than the lines written at the
top), blank lines and where the links were written (a link's section means
nothing to argmap; the writer puts every link after the claims).
"""

from __future__ import annotations

import attrs

from argmap.core.model import ClaimKind, Document, LinkRef, LinkType, Property, Ref, Target

__all__ = [
    "ClaimRecord",
    "LinkRecord",
    "MapRecord",
    "SectionRecord",
    "StepRecord",
    "from_document",
    "inferences_of",
    "link_shapes",
]

Pairs = tuple[tuple[str, str], ...]
"""``key: value`` lines in order: a header, or the properties of a claim or a link."""


@attrs.frozen
class SectionRecord:
    """A ``## heading``."""

    title: str
    level: int
    """1 for ``##``, 2 for ``###``, …"""
    parent: int | None
    """Index of the enclosing section in :attr:`MapRecord.sections`."""


@attrs.frozen
class ClaimRecord:
    """A claim: ``[main] kind id: text`` and its properties."""

    id: str
    kind: ClaimKind
    text: str
    main: bool = False
    properties: Pairs = ()
    section: int | None = None
    """Index of the claim's section in :attr:`MapRecord.sections`, or ``None`` before the first heading."""


@attrs.frozen
class StepRecord:
    """An inference named in parentheses, the target of an undercut: ``(a + b -> c)``."""

    sources: tuple[str, ...]
    linked: bool
    type: LinkType
    target: str | StepRecord
    """A claim id, or the inference an inner undercut attacks."""


@attrs.frozen
class LinkRecord:
    """A link line: ``a, b -> c``, ``a + b -x c``, ``u -x (a -> c)``, with its label and properties."""

    sources: tuple[str, ...]
    linked: bool
    """``+`` (the premises work only together) rather than ``,`` (separate reasons)."""
    type: LinkType
    target: str | StepRecord
    label: str | None = None
    properties: Pairs = ()


@attrs.frozen
class MapRecord:
    """A whole map: header, sections, claims in order, links in order."""

    header: Pairs = ()
    sections: tuple[SectionRecord, ...] = ()
    claims: tuple[ClaimRecord, ...] = ()
    links: tuple[LinkRecord, ...] = ()
    comments: tuple[str, ...] = ()
    """Lines written as ``#`` comments at the top of the file (where the map came from)."""


def _pairs(properties: tuple[Property, ...]) -> Pairs:
    return tuple((prop.key, prop.value) for prop in properties)


def _target(target: Target) -> str | StepRecord:
    if isinstance(target, Ref):
        return target.id
    return _step(target)


def _step(ref: LinkRef) -> StepRecord:
    return StepRecord(tuple(source.id for source in ref.sources), ref.linked, ref.type, _target(ref.target))


def from_document(document: Document) -> MapRecord:
    """The records of a parsed document, positions left out."""
    return MapRecord(
        header=_pairs(document.header),
        sections=tuple(SectionRecord(s.title, s.level, s.parent) for s in document.sections),
        claims=tuple(
            ClaimRecord(c.id, c.kind, c.text, c.main, _pairs(c.properties), c.section) for c in document.claims
        ),
        links=tuple(
            LinkRecord(
                tuple(source.id for source in link.sources),
                link.linked,
                link.type,
                _target(link.target),
                link.label,
                _pairs(link.properties),
            )
            for link in document.links
        ),
    )


Shape = tuple[LinkType, frozenset[str], "str | Shape"]
"""An inference as a set can hold it: its type, its premises (in any order), its target
(a claim id, or the shape of the inference an undercut attacks)."""


def _step_shape(step: StepRecord) -> Shape:
    target = step.target if isinstance(step.target, str) else _step_shape(step.target)
    return (step.type, frozenset(step.sources), target)


def link_shapes(link: LinkRecord) -> list[Shape]:
    """The inferences of one link, as ``argmap check`` reads it: ``a, b -> c`` is two, ``a + b -> c`` one."""
    target = link.target if isinstance(link.target, str) else _step_shape(link.target)
    if link.linked or len(link.sources) == 1:
        return [(link.type, frozenset(link.sources), target)]
    return [(link.type, frozenset((source,)), target) for source in link.sources]


def inferences_of(record: MapRecord) -> set[Shape]:
    """The map's inferences (:func:`link_shapes`). Two maps with the same claims and the same
    inferences are the same argument, however their links are written."""
    return {shape for link in record.links for shape in link_shapes(link)}
