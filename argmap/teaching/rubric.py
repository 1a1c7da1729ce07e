"""The rubric: what each line of a comparison is worth and how near misses count; a teacher sets it in TOML."""

from __future__ import annotations

from typing import Any

import attrs

from argmap.core.diagnostics import ArgmapError

__all__ = ["DEFAULT_RUBRIC", "QUOTE_OVERLAP", "TEXT_SIMILARITY", "CompareError", "Rubric", "load_rubric", "rubric_from_toml", "rubric_toml"]

QUOTE_OVERLAP = 0.5
"""Default: the least Jaccard index of two quotes' character ranges that aligns their claims."""

TEXT_SIMILARITY = 0.5
"""Default: the least Jaccard index of two texts' content words that aligns their claims."""


class CompareError(ArgmapError):
    """A rubric file is bad, or the key cannot serve as a key."""


@attrs.frozen
class Rubric:
    """What each rubric line is worth and how near misses count; a teacher sets it in TOML."""

    main: float = 10.0
    """Points for the right main conclusion."""
    claims: float = 30.0
    """Points for the key's required claims, shared equally among them."""
    links: float = 40.0
    """Points for the key's required links (inferences), shared equally among them."""
    kinds: float = 20.0
    """Points for the kinds of the aligned claims (claim kind, and statement kind)."""
    grouping_credit: float = 0.5
    """Share of a link's points when its claims are right but linked/separate is wrong."""
    target_credit: float = 0.5
    """Share of a link's points when its premises and type are right but it points at another claim."""
    extra_link: float = 2.0
    """Points off for each link between key claims that the key does not have."""
    extra_claim: float = 0.0
    """Points off for each claim the key does not have (0: it may be the student's own assumption)."""
    max_deduction: float = 10.0
    """At most this many points off for extras in all."""
    require_statement_kind: bool = False
    """When true, an aligned claim without ``kind:`` counts as a wrong statement kind."""
    quote_overlap: float = QUOTE_OVERLAP
    text_similarity: float = TEXT_SIMILARITY

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
    "credit": {"grouping": ("grouping_credit", "share"), "target": ("target_credit", "share")},
    "deductions": {
        "extra_link": ("extra_link", "points"),
        "extra_claim": ("extra_claim", "points"),
        "max": ("max_deduction", "points"),
    },
    "kinds": {"require_statement_kind": ("require_statement_kind", "bool")},
    "alignment": {"quote_overlap": ("quote_overlap", "share"), "text_similarity": ("text_similarity", "share")},
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
claims = {n(r.claims)}       # shared equally among the key's required claims
links = {n(r.links)}        # shared equally among the key's required links
kinds = {n(r.kinds)}        # claim kinds and statement kinds of the claims the map has

[credit]          # the share of a link's points for a link drawn nearly right
grouping = {n(r.grouping_credit)}    # the right claims, but linked ('+') where the key has separate reasons, or the reverse
target = {n(r.target_credit)}      # the right premises and type, but aimed at another claim

[deductions]      # points off for what the key does not have
extra_link = {n(r.extra_link)}    # each link between claims of the key that the key does not draw
extra_claim = {n(r.extra_claim)}   # each claim that is not in the key (0: it may be the student's own assumption)
max = {n(r.max_deduction)}         # at most this much off in all

[kinds]
require_statement_kind = {"true" if r.require_statement_kind else "false"}   # true: a claim without 'kind:' counts as wrong

[alignment]       # how the claims of a map are matched with the claims of the key
quote_overlap = {n(r.quote_overlap)}     # Jaccard index of the quotes' character ranges in the source
text_similarity = {n(r.text_similarity)}   # Jaccard index of the texts' content words
"""


def _toml_loads(text: str) -> dict[str, Any]:
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
        data = _toml_loads(text)
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
