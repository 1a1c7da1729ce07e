"""Which properties each claim kind, link and header takes, and what values they accept.

The grammar accepts any ``key: value``; this table decides what is valid, so a
new property needs a line here, not a grammar change. Each validator returns
an error message for a bad value, or ``None``.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable

import attrs

from argmap.core.model import ClaimKind, LinkType

Validator = Callable[[str], "str | None"]

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date(value: str) -> datetime.date | None:
    """An ISO date (YYYY-MM-DD, YYYY-MM or YYYY) as the first day it can mean, or ``None``."""
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_probability(value: str) -> float | None:
    """``0.7``, ``.7`` or ``70%`` as a float in [0, 1], or ``None``."""
    text = value.strip()
    scale = 1.0
    if text.endswith("%"):
        text = text[:-1].strip()
        scale = 100.0
    try:
        number = float(text) / scale
    except ValueError:
        return None
    if not (0.0 <= number <= 1.0) or number != number:
        return None
    return number


def split_list(value: str) -> tuple[str, ...]:
    """A comma-separated value as a tuple of stripped, non-empty items."""
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _date(value: str) -> str | None:
    if parse_date(value) is None:
        return f"'{value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY (for example 2026-03-31)"
    return None


def _probability(value: str) -> str | None:
    if parse_probability(value) is None:
        return f"'{value}' is not a probability: write a number from 0 to 1 (0.7) or a percentage (70%)"
    return None


def one_of(*words: str) -> Validator:
    """A validator for a closed set of words (case-insensitive)."""

    def check(value: str) -> str | None:
        if value.strip().lower() in words:
            return None
        return f"'{value}' is not one of: " + ", ".join(words)

    check.words = words  # type: ignore[attr-defined]
    return check


def _status(value: str) -> str | None:
    problem = one_of(*STATUS_WORDS)(value)
    if problem and value.strip().lower() in ("confirmed", "true", "correct", "came true", "right"):
        problem += (
            "; if this is the author's own verdict, write 'claimed: yes' and keep "
            "'status' for an independent resolution"
        )
    return problem


def _positive(value: str) -> str | None:
    if value.strip().isdigit() and int(value.strip()) >= 1:
        return None
    return f"'{value}' is not a whole number from 1 up"


def _worth(value: str) -> str | None:
    try:
        number = float(value.strip())
    except ValueError:
        number = -1.0
    if 0 <= number <= 100 and number == number:
        return None
    return f"'{value}' is not a worth: write a number from 0 to 100 (1 is the usual worth, 3 counts three times)"


def _terms(value: str) -> str | None:
    for group in value.split(";"):
        if group.strip() and "=" not in group:
            return f"'{group.strip()}' has no '=': write 'word = synonym, synonym; word = synonym'"
    return None


DATE_SHAPED = re.compile(r"(?:before\s+)?\d{1,4}-\d{1,2}(?:-\d{1,2})?", re.IGNORECASE)
"""A value written like a date (``2024-02-30``), whether or not the date exists."""


def _made(value: str) -> str | None:
    """A made date written like a date must be a real one; other text is P001's business."""
    text = value.strip()
    if DATE_SHAPED.fullmatch(text):
        bare = re.sub(r"(?i)^before\s+", "", text)
        return _date(bare)
    return None


def _any(value: str) -> str | None:
    return None


VERDICT_WORDS = ("accept", "reject", "doubt")
"""The reader's verdicts on a claim (``eval:``; docs/evaluation.md)."""

_VERDICT_HINTS = {
    "accepted": "accept", "yes": "accept", "true": "accept", "agree": "accept",
    "rejected": "reject", "no": "reject", "false": "reject", "disagree": "reject", "deny": "reject",
    "doubted": "doubt", "dubious": "doubt", "doubtful": "doubt", "unsure": "doubt", "undecided": "doubt",
}


def _verdict(value: str) -> str | None:
    word = value.strip().lower()
    if word in VERDICT_WORDS:
        return None
    if parse_probability(word) is not None:
        return (
            f"'{value}' is a number, not a verdict: write accept, reject or doubt, "
            f"or give a degree of belief as 'credence: {value.strip()}'"
        )
    hint = _VERDICT_HINTS.get(word)
    said = f": did you mean '{hint}'?" if hint else ""
    return f"'{value}' is not a verdict{said} (write accept, reject or doubt)"


def _credence(value: str) -> str | None:
    if parse_probability(value) is not None:
        return None
    word = value.strip().lower()
    if word in VERDICT_WORDS:
        return f"'{value}' is a verdict, not a credence: write 'eval: {word}', or a number from 0 to 1 here"
    try:
        float(word.rstrip("%"))
    except ValueError:
        return f"'{value}' is not a credence: write a number from 0 to 1 (0.7) or a percentage (70%)"
    return f"'{value}' is outside 0–1: a credence is a number from 0 to 1 (0.7) or a percentage (70%)"


def _weight(value: str) -> str | None:
    if parse_probability(value) is not None:
        return None
    return f"'{value}' is not a weight: write a number from 0 to 1 (1 is the default, full weight)"


# --- answer keys: alternatives a comparison accepts (argmap compare, docs/teaching.md) ---

ID_PATTERN = r"[^\W\d]\w*(?:-\w+)*"
"""A claim id, as the grammar's ``ID`` terminal has it."""

_ID = re.compile(ID_PATTERN)
_LINK_ALTERNATIVE = re.compile(
    rf"\s*({ID_PATTERN}(?:\s*[,+]\s*{ID_PATTERN})*)\s*(->|-x)\s*({ID_PATTERN})\s*"
)


def split_alternatives(value: str) -> tuple[str, ...]:
    """An ``alt:`` value as its items: separated by ``;``, stripped, empty ones dropped."""
    return tuple(item.strip() for item in value.split(";") if item.strip())


def is_id(text: str) -> bool:
    """True when ``text`` is written like a claim id (``p1``, ``gas_supplier``)."""
    return _ID.fullmatch(text) is not None


def parse_link_alternative(text: str) -> tuple[tuple[str, ...], bool, LinkType, str] | None:
    """``a + b -> c`` or ``a, b -x c`` as (premises, linked, type, target), or ``None``.

    >>> parse_link_alternative("a + b -> c")
    (('a', 'b'), True, <LinkType.SUPPORT: '->'>, 'c')
    """
    match = _LINK_ALTERNATIVE.fullmatch(text)
    if match is None:
        return None
    sources = match.group(1)
    if "," in sources and "+" in sources:
        return None
    premises = tuple(dict.fromkeys(part.strip() for part in re.split(r"[,+]", sources)))
    return premises, "+" in sources, LinkType(match.group(2)), match.group(3)


def _claim_alternatives(value: str) -> str | None:
    if not split_alternatives(value):
        return "write claim ids or other wordings of the claim, separated by ';'"
    return None


def _kind_alternatives(value: str) -> str | None:
    words = {*STATEMENT_KINDS, *(kind.value for kind in ClaimKind)}
    for item in split_list(value):
        if item.lower() not in words:
            return f"'{item}' is not a kind: write statement kinds (fact, interpretation, …) or claim kinds (premise, assumption, …)"
    return None


def _link_alternatives(value: str) -> str | None:
    items = split_alternatives(value)
    if not items:
        return "write one or more links such as 'a, b -> c' or 'a -x c', separated by ';'"
    for item in items:
        if parse_link_alternative(item) is None:
            return (
                f"'{item}' is not a link: write it as in a map ('a + b -> c', 'a, b -> c', 'o -x c'; "
                "undercuts cannot be alternatives), several separated by ';'"
            )
    return None


@attrs.frozen
class PropertySpec:
    """One property: its key, who may carry it, and how its value is checked."""

    key: str
    validate: Validator
    help: str
    kinds: frozenset[ClaimKind] | None = None
    """The claim kinds that take it; ``None`` means every kind."""
    repeatable: bool = False
    """Whether a claim may carry it more than once (``quote:`` for a claim the text states twice)."""

    @property
    def free_text(self) -> bool:
        """Whether any value that is not blank is valid (a quote, a note, tags)."""
        return self.validate is _any


STATEMENT_KINDS = (
    "fact",
    "interpretation",
    "value",
    "policy",
    "prediction",
    "retrodiction",
    "track-record",
    "caveat",
    "definition",
)
STATUS_WORDS = ("open", "yes", "no", "partly", "ambiguous", "annulled")
CLAIMED_WORDS = ("yes", "no", "partly")

_PREDICTION = frozenset({ClaimKind.PREDICTION})

CLAIM_PROPERTIES: dict[str, PropertySpec] = {
    spec.key: spec
    for spec in (
        PropertySpec(
            "quote", _any, "the words of the source text this claim stands for, verbatim (repeat it for "
            "each passage where the text states the claim)", repeatable=True,
        ),
        PropertySpec(
            "occurrence", _positive, "which match of a repeated quote is meant: 1, 2, …; it applies to the "
            "quote above it", repeatable=True,
        ),
        PropertySpec("by", _any, "who asserts the claim: 'author', or the person the author reports"),
        PropertySpec("kind", one_of(*STATEMENT_KINDS), "what sort of statement it is"),
        PropertySpec("basis", _any, "why the claim is believed (data, expert opinion, event, ...)"),
        PropertySpec("tags", _any, "comma-separated tags"),
        PropertySpec("note", _any, "a remark of the map's writer; not part of the argument"),
        PropertySpec("waive", _any, "diagnostic codes not to report for this claim (C001, T001, all)"),
        PropertySpec("alt", _claim_alternatives, "in an answer key: other ids or wordings a student's claim may have"),
        PropertySpec("alt-kind", _kind_alternatives, "in an answer key: other kinds accepted for this claim"),
        PropertySpec("optional", one_of("yes", "no"), "in an answer key: 'yes' when a student need not map this claim"),
        PropertySpec("worth", _worth, "in an answer key: how much this claim counts (1 usual, 3 three times as much)"),
        PropertySpec("eval", _verdict, "the reader's verdict: accept, reject or doubt (argmap evaluate)"),
        PropertySpec("credence", _credence, "the reader's degree of belief, 0 to 1 (argmap evaluate)"),
        PropertySpec("made", _made, "when the prediction was first made (YYYY-MM-DD)", _PREDICTION),
        PropertySpec("made-in", _any, "where the prediction was first made (a citation)", _PREDICTION),
        PropertySpec("likelihood", _any, "the likelihood word, as the author wrote it", _PREDICTION),
        PropertySpec("p", _probability, "an explicit probability, 0 to 1", _PREDICTION),
        PropertySpec("deadline", _date, "when the prediction must have come true (YYYY-MM-DD)", _PREDICTION),
        PropertySpec("criteria", _any, "what exactly counts as the prediction coming true", _PREDICTION),
        PropertySpec("claimed", one_of(*CLAIMED_WORDS), "the author's own verdict", _PREDICTION),
        PropertySpec("status", _status, "the independent resolution", _PREDICTION),
        PropertySpec("resolved-on", _date, "when the prediction was resolved (YYYY-MM-DD)", _PREDICTION),
        PropertySpec("resolved-by", _any, "who resolved the prediction", _PREDICTION),
        PropertySpec("evidence", _any, "claim ids or citations that settle the prediction", _PREDICTION),
    )
}
"""Properties a claim can carry, by key."""

LINK_PROPERTIES: dict[str, PropertySpec] = {
    "note": PropertySpec("note", _any, "a remark of the map's writer"),
    "kind": PropertySpec(
        "kind", one_of("example"), "'example': the reason is an example (an instance) of what it supports"
    ),
    "waive": PropertySpec("waive", _any, "diagnostic codes not to report for this link (C006, T001)"),
    "alt": PropertySpec("alt", _link_alternatives, "in an answer key: other links accepted instead of this one"),
    "optional": PropertySpec("optional", one_of("yes", "no"), "in an answer key: 'yes' when a student need not draw it"),
    "worth": PropertySpec("worth", _worth, "in an answer key: how much this link counts (1 usual, 3 three times as much)"),
    "weight": PropertySpec("weight", _weight, "how much the link counts in the gradual strengths, 0 to 1 (argmap evaluate)"),
}
"""Properties a link can carry, by key."""

HEADER_FIELDS: dict[str, PropertySpec] = {
    spec.key: spec
    for spec in (
        PropertySpec("title", _any, "the title of the map (usually the text's title)"),
        PropertySpec("author", _any, "the author of the text"),
        PropertySpec("source", _any, "the text file the map is a reading of"),
        PropertySpec("published", _date, "when the text was published (YYYY-MM-DD)"),
        PropertySpec(
            "lint",
            one_of("on", "off", "all"),
            "claim-writing checks (C codes): on (default), off, or all (also the ones off by default: C002)",
        ),
        PropertySpec("waive", _any, "diagnostic codes not to report anywhere in this file"),
        PropertySpec(
            "mode",
            one_of("reasoning", "analysis"),
            "'analysis' adds the Rabbit rule (T001); default 'reasoning'",
        ),
        PropertySpec("terms", _terms, "synonyms for the Rabbit rule: 'revolt = rebel, rebelling; camps = blocs'"),
        PropertySpec(
            "scale",
            one_of("icd203", "kent", "ipcc-ar5"),
            "the table that reads likelihood words as probabilities (default icd203)",
        ),
    )
}
"""Fields of the file header, by key."""


@functools.cache
def allowed_for(kind: ClaimKind) -> dict[str, PropertySpec]:
    """The properties a claim of this kind takes, in table order."""
    return {key: spec for key, spec in CLAIM_PROPERTIES.items() if spec.kinds is None or kind in spec.kinds}
