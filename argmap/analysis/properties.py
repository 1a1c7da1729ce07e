"""The header and the properties: known keys, given once, valid values (H and K codes).

The grammar takes any ``key: value``; what each kind of claim, a link and the
header may carry, and what values are valid, is the schema's
(:mod:`argmap.language.schema`), checked here.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from argmap.core.diagnostics import Note
from argmap.core.model import ClaimKind, Document, Property
from argmap.core.suggest import closest
from argmap.language.schema import CLAIM_PROPERTIES, HEADER_FIELDS, PropertySpec, allowed_for

from .findings import Report

__all__ = ["PropertyRules", "check_header", "check_properties", "check_value", "kind_table"]


@functools.cache
def kind_table() -> dict[str, PropertyRules]:
    """The rules for the properties of a claim of each kind, with how messages name it ("a
    premise", "an assumption"); by the kind's ``_value_``, quicker to look up than the enum."""
    table = {}
    for kind in ClaimKind:
        owner = f"a {kind.value}" if kind is not ClaimKind.ASSUMPTION else "an assumption"
        if kind is ClaimKind.OBJECTION:
            owner = "an objection"
        table[kind.value] = PropertyRules(owner, allowed_for(kind), kind)
    return table


class PropertyRules:
    """:func:`check_properties` for one kind of owner (a premise, a link), quick for the many
    that pass.

    A map's properties are checked one claim or link at a time, and nearly all pass; most values
    recur (``kind: fact``, a date) or are free text. So each key keeps the values its validator
    has passed, and :meth:`check` reports nothing as long as every key is known, given once and
    has a value passed before or free; at the first that is not, it runs
    :func:`check_properties` on all of them, which reports as ever.
    """

    REMEMBERED = 1000
    """Values each key remembers as valid, at most (free text is not remembered: it is valid anyway)."""

    def __init__(self, owner: str, allowed: Mapping[str, PropertySpec], kind: ClaimKind | None) -> None:
        self.owner = owner
        self.allowed = allowed
        self.kind = kind
        self.valid: dict[str, set[str] | None] = {
            key: None if spec.free_text else set() for key, spec in allowed.items()
        }
        """For each key, the values its validator has passed, or None when every value that is not
        blank passes."""
        self.once = frozenset(key for key, spec in allowed.items() if not spec.repeatable)

    def check(self, properties: tuple[Property, ...], report: Report) -> None:
        """Report what is wrong with the properties of one claim or link, as :func:`check_properties`."""
        valid_values = self.valid
        once = self.once
        seen: set[str] = set()
        for prop in properties:
            key = prop.key
            value = prop.value
            valid = valid_values.get(key, _UNKNOWN)
            if valid is None:
                ok = bool(value.strip())
            elif valid is _UNKNOWN:
                ok = False
            else:
                ok = value in valid or self._passes(key, value, valid)
            if not ok or key in seen:
                check_properties(self.owner, properties, self.allowed, self.kind, report)
                return
            if key in once:
                seen.add(key)

    def _passes(self, key: str, value: str, valid: set[str]) -> bool:
        """Whether the value is valid for the key (remembered when it is)."""
        if not value.strip() or self.allowed[key].validate(value) is not None:
            return False
        if len(valid) < self.REMEMBERED:
            valid.add(value)
        return True


_UNKNOWN: set[str] = set()
"""What :attr:`PropertyRules.valid` gives for a key the owner does not take (compared by identity)."""


def check_header(document: Document, report: Report) -> None:
    """The header's fields: known (H001), given once (H002), before the claims (H003), valid values."""
    seen: dict[str, Property] = {}
    first_claim = document.claims[0].start if document.claims else None  # offsets: no span is made
    for field in document.header:
        if first_claim is not None and field.start > first_claim and field.key in HEADER_FIELDS:
            report(
                "H003",
                f"the header field '{field.key}' comes after the first claim: move it to the top",
                field.key_span,
            )
        spec = HEADER_FIELDS.get(field.key)
        if spec is None:
            notes = []
            guess = closest(field.key, HEADER_FIELDS)
            if field.key in CLAIM_PROPERTIES:
                notes.append(
                    Note(f"'{field.key}' is a claim property: indent it under the claim it belongs to")
                )
            notes.append(Note("header fields are: " + ", ".join(HEADER_FIELDS)))
            hint = f": did you mean '{guess}'?" if guess else ""
            report(
                "H001",
                f"unknown header field '{field.key}'{hint}",
                field.key_span,
                *notes,
            )
            continue
        if field.key in seen:
            report(
                "H002",
                f"the header field '{field.key}' is given twice",
                field.key_span,
                Note("first given here", seen[field.key].key_span),
            )
            continue
        seen[field.key] = field
        check_value(field, spec, report)


def check_value(prop: Property, spec: PropertySpec, report: Report) -> None:
    """A value that is empty (K004) or that its spec rejects (K002)."""
    if not prop.value.strip():
        report("K004", f"'{prop.key}' has no value", prop.key_span)
        return
    problem = spec.validate(prop.value)
    if problem is not None:
        report("K002", f"bad value for '{prop.key}': {problem}", prop.value_span)


def check_properties(
    owner: str,
    properties: tuple[Property, ...],
    allowed: Mapping[str, PropertySpec],
    kind: ClaimKind | None,
    report: Report,
) -> None:
    """The properties of one claim or link: known for its kind (K001), given once (K003), valid."""
    seen: dict[str, Property] = {}
    for prop in properties:
        spec = allowed.get(prop.key)
        if spec is None:
            _report_unknown_property(owner, prop, allowed, kind, report)
            continue
        if prop.key in seen and not spec.repeatable:
            report(
                "K003",
                f"{owner} has '{prop.key}' twice",
                prop.key_span,
                Note("first given here", seen[prop.key].key_span),
            )
            continue
        seen[prop.key] = prop
        check_value(prop, spec, report)


def _report_unknown_property(
    owner: str,
    prop: Property,
    allowed: Mapping[str, PropertySpec],
    kind: ClaimKind | None,
    report: Report,
) -> None:
    notes: list[Note] = []
    known = CLAIM_PROPERTIES.get(prop.key)
    if known is not None and known.kinds is not None:
        takers = " and ".join(sorted(k.value for k in known.kinds))
        message = f"{owner} cannot take '{prop.key}': only {takers} claims take it"
    elif known is not None:
        message = f"{owner} cannot take '{prop.key}': links take only " + ", ".join(allowed)
    else:
        guess = closest(prop.key, allowed)
        hint = f": did you mean '{guess}'?" if guess else ""
        message = f"unknown property '{prop.key}' on {owner}{hint}"
    notes.append(Note(f"{owner} takes: " + ", ".join(allowed)))
    if prop.key in HEADER_FIELDS:
        notes.append(Note(f"'{prop.key}' is a header field: write it at the left margin, at the top"))
    report("K001", message, prop.key_span, *notes)
