"""The rubric: what each line of a comparison is worth and how near misses count; a teacher sets it in TOML."""

from __future__ import annotations

from typing import Any

import attrs

from argmap.core.diagnostics import ArgmapError

__all__ = ["ACCEPT", "CONFIRM_BELOW", "DEFAULT_RUBRIC", "QUOTE_OVERLAP", "STRUCTURE", "TEXT_SIMILARITY", "CompareError", "Rubric", "load_rubric", "rubric_from_toml", "rubric_toml"]

QUOTE_OVERLAP = 0.5
"""Default: quotes at least this alike (see :func:`argmap.teaching.evidence.quote_overlap`) are a sure match."""

TEXT_SIMILARITY = 0.5
"""Default: wordings at least this alike (weighted content words) are a sure match."""

ACCEPT = 0.5
"""Default: the least combined score of a match."""

CONFIRM_BELOW = 0.6
"""Default: a match less sure than this is listed for the teacher to confirm."""

STRUCTURE = 0.8
"""Default: how much agreement of place in the map adds to the evidence of the words."""


class CompareError(ArgmapError):
    """A rubric file is bad, or the key cannot serve as a key."""


@attrs.frozen
class Rubric:
    """What each rubric line is worth and how near misses count; a teacher sets it in TOML."""

    main: float = 10.0
    """Points for the right main conclusion (the thesis)."""
    claims: float = 20.0
    """Points for the key's required claims, shared among them by weight."""
    links: float = 50.0
    """Points for the key's required links, shared among them by weight (see the ``*_weight`` fields)."""
    kinds: float = 20.0
    """Points for the kinds of the key's required claims (claim kind, and statement kind)."""
    reason_weight: float = 1.0
    """The weight of each premise of a support (one arrow) within the links line."""
    linked_weight: float = 1.5
    """The weight of each place where reasons must be linked (``+``) or kept separate: a claim that
    two or more premises support (or attack)."""
    objection_weight: float = 1.5
    """The weight of each premise of an objection (an attack on a claim that attacks nothing)."""
    rebuttal_weight: float = 1.0
    """The weight of each premise of a rebuttal (an attack on an attacker)."""
    undercut_weight: float = 1.5
    """The weight of each premise of an undercut (an attack on an inference)."""
    target_credit: float = 0.0
    """Share of a link's points when its premises and type are right but it points at another claim."""
    extra_link: float = 2.0
    """Points off for each link between key claims that the key does not have."""
    wrong_link: float = 2.0
    """Points off for each link of the key drawn the other way round or as the other type (support
    for attack): besides the link's own points, for the link the map asserts that the text does not."""
    extra_claim: float = 0.0
    """Points off for each claim the key does not have (0: it may be the student's own assumption)."""
    max_deduction: float = 10.0
    """At most this many points off for extras in all."""
    require_statement_kind: bool = False
    """When true, every claim's statement kind counts, given or not; when false, only in a map that
    gives kinds (``kind:``) at all."""
    quote_overlap: float = QUOTE_OVERLAP
    text_similarity: float = TEXT_SIMILARITY
    accept: float = ACCEPT
    confirm_below: float = CONFIRM_BELOW
    structure: float = STRUCTURE

    @property
    def total(self) -> float:
        """The most a map can score."""
        return self.main + self.claims + self.links + self.kinds


DEFAULT_RUBRIC = Rubric()

# TOML table → key → (Rubric field, kind of value).
_RUBRIC_TABLE: dict[str, dict[str, tuple[str, str]]] = {
    "points": {
        "main": ("main", "points"),
        "claims": ("claims", "points"),
        "links": ("links", "points"),
        "kinds": ("kinds", "points"),
    },
    "weights": {
        "reason": ("reason_weight", "points"),
        "linked": ("linked_weight", "points"),
        "objection": ("objection_weight", "points"),
        "rebuttal": ("rebuttal_weight", "points"),
        "undercut": ("undercut_weight", "points"),
    },
    "credit": {"target": ("target_credit", "share")},
    "deductions": {
        "extra_link": ("extra_link", "points"),
        "wrong_link": ("wrong_link", "points"),
        "extra_claim": ("extra_claim", "points"),
        "max": ("max_deduction", "points"),
    },
    "kinds": {"require_statement_kind": ("require_statement_kind", "bool")},
    "alignment": {
        "quote_overlap": ("quote_overlap", "share"),
        "text_similarity": ("text_similarity", "share"),
        "accept": ("accept", "share"),
        "confirm_below": ("confirm_below", "share"),
        "structure": ("structure", "share"),
    },
}


def rubric_toml(rubric: Rubric = DEFAULT_RUBRIC) -> str:
    """The rubric as a commented TOML file a teacher can edit (the defaults, by default)."""

    def n(value: float) -> str:
        return f"{value:g}"

    r = rubric
    return f"""\
# argmap rubric: how 'argmap compare' and 'argmap grade' score a map against the key.
# Every line is optional: a line left out keeps its default. See docs/teaching.md.

[points]          # what each rubric line is worth; the total is their sum
main = {n(r.main)}         # the main conclusion is the key's
claims = {n(r.claims)}       # shared among the key's required claims (a claim's 'worth:' counts)
links = {n(r.links)}        # shared among the key's required links by the weights below
kinds = {n(r.kinds)}        # statement kinds of the key's required claims, and claim kinds that matter

[weights]         # how much each part of a link counts in the links line (a link's 'worth:' multiplies)
reason = {n(r.reason_weight)}        # each premise of a support (an arrow)
linked = {n(r.linked_weight)}      # each claim two or more premises support: linked ('+') or separate, as the key has it
objection = {n(r.objection_weight)}   # each premise of an objection
rebuttal = {n(r.rebuttal_weight)}      # each premise of a rebuttal (an attack on an attacker)
undercut = {n(r.undercut_weight)}    # each premise of an undercut (an attack on a step)

[credit]          # the share of a link's points for a link drawn nearly right
target = {n(r.target_credit)}      # the right premises and type, but aimed at another claim

[deductions]      # points off for what the key does not have
extra_link = {n(r.extra_link)}    # each link between claims of the key that the key does not draw
wrong_link = {n(r.wrong_link)}    # each link of the key drawn the other way round, or support for attack
extra_claim = {n(r.extra_claim)}   # each claim that is not in the key (0: it may be the student's own assumption)
max = {n(r.max_deduction)}         # at most this much off in all

[kinds]
require_statement_kind = {"true" if r.require_statement_kind else "false"}   # true: a claim without 'kind:' counts as wrong even in a map that gives no kinds

[alignment]       # how the claims of a map are matched with the claims of the key
quote_overlap = {n(r.quote_overlap)}     # quotes this alike match for sure (0.75: half of the key's passage)
text_similarity = {n(r.text_similarity)}   # wordings this alike match for sure (weighted content words)
accept = {n(r.accept)}           # the least combined score (quote, wording, place in the map) of a match
confirm_below = {n(r.confirm_below)}     # a match less sure than this is listed for the teacher to confirm
structure = {n(r.structure)}        # how much the place in the map adds to weak evidence of the words
"""


def toml_loads(text: str) -> dict[str, Any]:
    """TOML text as data (tomllib, or tomli before Python 3.11); raises ValueError when it is bad."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 only
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(text)
    return data


def rubric_from_toml(text: str, name: str = "<rubric>") -> Rubric:
    """A rubric from TOML text; raises :class:`CompareError` naming the bad table or line."""
    from argmap.core.suggest import closest

    try:
        data = toml_loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise CompareError(f"{name}: not valid TOML: {exc}") from None
    values: dict[str, Any] = {}
    for table, entries in data.items():
        known = _RUBRIC_TABLE.get(table)
        if known is None:
            guess = closest(table, _RUBRIC_TABLE)
            hint = f" (did you mean [{guess}]?)" if guess else ""
            raise CompareError(
                f"{name}: unknown table [{table}]{hint}; the tables are: "
                + ", ".join(f"[{t}]" for t in _RUBRIC_TABLE)
            )
        if not isinstance(entries, dict):
            raise CompareError(f"{name}: '{table}' must be a table: write [{table}] and its lines under it")
        for key, value in entries.items():
            spec = known.get(key)
            if spec is None:
                nearest = closest(key, known)
                hint = f" (did you mean '{nearest}'?)" if nearest else ""
                raise CompareError(
                    f"{name}: unknown line '{key}' in [{table}]{hint}; [{table}] takes: " + ", ".join(known)
                )
            field, kind = spec
            if kind == "bool":
                if not isinstance(value, bool):
                    raise CompareError(f"{name}: [{table}] {key} must be true or false, not {value!r}")
                values[field] = value
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise CompareError(f"{name}: [{table}] {key} must be a number, not {value!r}")
            if value < 0 or (kind == "share" and value > 1):
                limits = "from 0 to 1" if kind == "share" else "0 or more"
                raise CompareError(f"{name}: [{table}] {key} must be {limits}, not {value!r}")
            values[field] = float(value)
    rubric = Rubric(**values)
    if rubric.total <= 0:
        raise CompareError(f"{name}: the points add up to 0: give at least one rubric line some points")
    return rubric


def load_rubric(path: str) -> Rubric:
    """A rubric from a TOML file. Raises OSError when unreadable, CompareError when bad."""
    with open(path, encoding="utf-8") as handle:
        return rubric_from_toml(handle.read(), path)
