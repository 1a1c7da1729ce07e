"""Compare a student's map with an answer key: align claims, diff links, score, give feedback.

:func:`compare` is pure: two resolved maps (and a :class:`Rubric`) in, a
:class:`Comparison` out. The steps, documented for teachers in
``docs/teaching.md``:

1. **Align claims**, greedily, in three passes; each pass only sees claims the
   earlier passes left unmatched:

   a. *by id*: the student's claim has the key claim's id, or an id listed in
      the key claim's ``alt:``. A same-id pair is refused when the two are
      plainly different claims: their texts share less than :data:`ID_FLOOR`
      of their content words, or both quote the source, the quotes do not
      overlap and the texts are not alike (students reuse ids such as ``p1``).
   b. *by quote*: both claims' quotes are found in the key's source text and
      their character ranges overlap with a Jaccard index (characters in both
      over characters in either) of at least ``quote_overlap``
      (:data:`QUOTE_OVERLAP`). The student's quotes are looked up in the key's
      source text, so a student map without ``source:`` still aligns.
   c. *by wording*: the Jaccard index of the two texts' content words
      (lower-cased, stemmed, function words dropped, negations kept) is at least
      ``text_similarity`` (:data:`TEXT_SIMILARITY`); a key claim's ``alt:``
      wordings count as its text too.

   Within a pass the best-scoring pair is taken first (ties: key order, then
   the student's order).
2. **Compare links** on the aligned claims, in passes (see :class:`Issue`):
   alternatives the key accepts, exact matches, support drawn as attack and
   the reverse, arrows drawn the wrong way, linked premises drawn as separate
   reasons and the reverse, other differences in a linked group, links aimed
   at the wrong claim; what is left of the key is missing, what is left of the
   student's map is extra.
3. **Compare kinds** (claim kind and statement ``kind:``) of aligned claims.
4. **Score** with the :class:`Rubric` and write feedback sentences.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from .diagnostics import ArgmapError
from .model import Claim, ClaimKind, LinkType, Property
from .resolver import ArgumentMap, Role
from .schema import is_id, parse_link_alternative, split_alternatives, split_list

QUOTE_OVERLAP = 0.5
"""Default: the least Jaccard index of two quotes' character ranges that aligns their claims."""

TEXT_SIMILARITY = 0.5
"""Default: the least Jaccard index of two texts' content words that aligns their claims."""

ID_FLOOR = 0.2
"""A same-id pair whose texts share less than this share of content words is not aligned by id."""

STUDENT = "student:"
"""Prefix of a student claim with no counterpart in the key, in key-space references
(a ``:`` cannot occur in an id, so these never clash with key ids)."""


class CompareError(ArgmapError):
    """A rubric file is bad, or the key cannot serve as a key."""


# --- the rubric ---------------------------------------------------------------------


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
    from .suggest import closest

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


# --- words --------------------------------------------------------------------------

_NEGATIONS = frozenset({"not", "never", "nor", "none", "nothing", "cannot", "neither", "without"})
_NOT = re.compile(r"n[’']t\b", re.IGNORECASE)
_CANNOT = re.compile(r"\bcannot\b", re.IGNORECASE)


# Function words only. The Rabbit rule's list (stop-words' English, 1,300 words) also
# drops words such as "free", "new", "world" and "million", which tell claims apart.
_FUNCTION_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself of off on once only or other our ours ourselves out over own same she should
    so some such than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why will with would
    you your yours yourself yourselves also may might must shall us""".split()
)


@functools.cache
def _word_tools() -> tuple[Callable[[str], str], frozenset[str]]:
    from .lint import _stemmer

    return _stemmer(), _FUNCTION_WORDS - _NEGATIONS


@functools.lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """The stems of a text's content words: function words go, negations stay.

    >>> sorted(content_words("The trees aren't cooling the streets."))
    ['cool', 'not', 'street', 'tree']
    """
    from .lint import terms

    stem, stop = _word_tools()
    text = _CANNOT.sub("can not", _NOT.sub(" not", text))
    return frozenset(terms(text, stem, stop, {}))


def jaccard(first: frozenset[Any], second: frozenset[Any]) -> float:
    """Members in both over members in either; 0 when both are empty."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def text_similarity(first: str, second: str) -> float:
    """The Jaccard index of two texts' content words (see :func:`content_words`).

    >>> round(text_similarity("Fares barely cover the cost of collecting them.",
    ...                       "Bus fares hardly cover what collecting them costs."), 2)
    0.57
    """
    return jaccard(content_words(first), content_words(second))


# --- alignment ----------------------------------------------------------------------


class Method(enum.Enum):
    """How a student's claim was aligned with a key claim."""

    ID = "id"
    ALT_ID = "alt id"
    QUOTE = "quote"
    TEXT = "wording"


@attrs.frozen
class Match:
    """A student claim taken to be a key claim."""

    key: str
    student: str
    method: Method
    score: float
    """1 for an id; the Jaccard index of the quotes or of the words otherwise."""

    @property
    def review(self) -> bool:
        """True when a teacher should look at it: it was matched by wording only."""
        return self.method is Method.TEXT


def _quote_offsets(amap: ArgumentMap, source: str) -> dict[str, frozenset[int]]:
    """Claim id → the character offsets of its quote in ``source`` (an ellipsis's gaps left out)."""
    from .grounding import find_quote

    found: dict[str, frozenset[int]] = {}
    grounding = amap.grounding
    same_source = grounding is not None and grounding.text == source
    for claim in amap.claims:
        if same_source and grounding is not None and claim.id in grounding.matches:
            match = grounding.matches[claim.id]
            offsets = set(range(match.start, match.end))
            for start, end in match.gaps:
                offsets.difference_update(range(start, end))
            found[claim.id] = frozenset(offsets)
            continue
        quote = claim.get("quote")
        if quote is None or not quote.value.strip():
            continue
        matches = find_quote(source, quote.value)
        occurrence = claim.get("occurrence")
        number = int(occurrence.value) if occurrence is not None and occurrence.value.strip().isdigit() else 1
        if 1 <= number <= len(matches):
            start, end = matches[number - 1]
            found[claim.id] = frozenset(range(start, end))
    return found


def alternatives(claim: Claim) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A key claim's ``alt:`` items as (ids, wordings)."""
    prop = claim.get("alt")
    if prop is None:
        return (), ()
    items = split_alternatives(prop.value)
    return tuple(item for item in items if is_id(item)), tuple(item for item in items if not is_id(item))


def align(student: ArgumentMap, key: ArgumentMap, rubric: Rubric = DEFAULT_RUBRIC) -> tuple[Match, ...]:
    """The student's claims aligned with the key's, in key order (see the module's docstring)."""
    source = key.grounding.text if key.grounding is not None else None
    key_quotes = _quote_offsets(key, source) if source is not None else {}
    student_quotes = _quote_offsets(student, source) if source is not None else {}
    key_order = {claim.id: n for n, claim in enumerate(key.claims)}
    student_order = {claim.id: n for n, claim in enumerate(student.claims)}
    matched: dict[str, Match] = {}
    taken: set[str] = set()

    def take(candidates: Iterable[tuple[float, str, str]], method: Method) -> None:
        for score, key_id, student_id in sorted(
            candidates, key=lambda c: (-c[0], key_order[c[1]], student_order[c[2]])
        ):
            if key_id not in matched and student_id not in taken:
                matched[key_id] = Match(key_id, student_id, method, round(score, 4))
                taken.add(student_id)

    # 1. ids: the key's own ids first, then the ids its alt: properties list.
    for claim in key.claims:
        mine = student.by_id.get(claim.id)
        if mine is not None and not _plainly_different(claim, mine, key_quotes, student_quotes):
            matched[claim.id] = Match(claim.id, mine.id, Method.ID, 1.0)
            taken.add(mine.id)
    for claim in key.claims:
        if claim.id in matched:
            continue
        for alt_id in alternatives(claim)[0]:
            if alt_id in student.by_id and alt_id not in taken:
                matched[claim.id] = Match(claim.id, alt_id, Method.ALT_ID, 1.0)
                taken.add(alt_id)
                break
    # 2. quotes in the key's source text.
    take(
        (
            (score, k.id, s.id)
            for k in key.claims
            if k.id not in matched and k.id in key_quotes
            for s in student.claims
            if s.id not in taken and s.id in student_quotes
            for score in (jaccard(key_quotes[k.id], student_quotes[s.id]),)
            if score >= rubric.quote_overlap
        ),
        Method.QUOTE,
    )
    # 3. wording: the key's text and its alt: wordings.
    take(
        (
            (score, k.id, s.id)
            for k in key.claims
            if k.id not in matched
            for s in student.claims
            if s.id not in taken
            for score in (max(text_similarity(text, s.text) for text in (k.text, *alternatives(k)[1])),)
            if score >= rubric.text_similarity
        ),
        Method.TEXT,
    )
    return tuple(matched[claim.id] for claim in key.claims if claim.id in matched)


def _plainly_different(
    key_claim: Claim,
    student_claim: Claim,
    key_quotes: Mapping[str, frozenset[int]],
    student_quotes: Mapping[str, frozenset[int]],
) -> bool:
    """A same-id pair that is two different claims (see :func:`align`)."""
    similarity = text_similarity(key_claim.text, student_claim.text)
    mine, theirs = key_quotes.get(key_claim.id), student_quotes.get(student_claim.id)
    if mine is not None and theirs is not None and not (mine & theirs) and similarity < TEXT_SIMILARITY:
        return True
    return similarity < ID_FLOOR


# --- records ------------------------------------------------------------------------


@attrs.frozen
class Step:
    """An inference in the key's terms: premises and target as key claim ids (or
    ``student:ID`` for a student claim the key does not have)."""

    type: LinkType
    premises: frozenset[str]
    target: str | Step
    """A claim, or for an undercut the step it attacks."""

    def words(self, order: Sequence[str] = ()) -> str:
        """The step written as in a map: ``a + b -> c``, ``u -x (a -> c)``; premises in ``order``."""
        rank = {name: n for n, name in enumerate(order)}
        names = sorted(self.premises, key=lambda name: (rank.get(name, len(rank)), name))
        target = self.target if isinstance(self.target, str) else f"({self.target.words(order)})"
        return f"{' + '.join(names)} {self.type.value} {target}"


class Issue(enum.Enum):
    """A kind of difference between the student's map and the key (values are stable: JSON, CSV)."""

    MAIN_WRONG = "main-wrong"
    """The student's main conclusion is another claim, or none."""
    LINKED_AS_SEPARATE = "linked-as-separate"
    """Premises that work only together drawn as separate reasons (the commonest error)."""
    SEPARATE_AS_LINKED = "separate-as-linked"
    """Separate reasons drawn as one linked group."""
    MISSING_CO_PREMISE = "missing-co-premise"
    """A linked reason drawn with only some of its premises."""
    EXTRA_CO_PREMISE = "extra-co-premise"
    """A reason drawn linked with a key claim that the key does not join to it."""
    GROUP_DIFFERS = "group-differs"
    """A linked group that shares some premises with the key's and has others."""
    SUPPORT_AS_ATTACK = "support-as-attack"
    ATTACK_AS_SUPPORT = "attack-as-support"
    REVERSED = "reversed"
    """The arrow points from the claim to its reason."""
    WRONG_TARGET = "wrong-target"
    """The right premises and type, aimed at another claim."""
    MISSING_SUPPORT = "missing-support"
    MISSING_OBJECTION = "missing-objection"
    MISSING_REBUTTAL = "missing-rebuttal"
    MISSING_UNDERCUT = "missing-undercut"
    MISSING_CLAIM = "missing-claim"
    WRONG_CLAIM_KIND = "wrong-claim-kind"
    WRONG_STATEMENT_KIND = "wrong-statement-kind"
    EXTRA_LINK = "extra-link"
    """A link the key does not have."""
    EXTRA_CLAIM = "extra-claim"


MISSING_LINK_ISSUES = (Issue.MISSING_SUPPORT, Issue.MISSING_OBJECTION, Issue.MISSING_REBUTTAL, Issue.MISSING_UNDERCUT)
GROUPING_ISSUES = (
    Issue.LINKED_AS_SEPARATE,
    Issue.SEPARATE_AS_LINKED,
    Issue.MISSING_CO_PREMISE,
    Issue.EXTRA_CO_PREMISE,
    Issue.GROUP_DIFFERS,
)


class Line(enum.Enum):
    """The rubric lines."""

    MAIN = "main"
    CLAIMS = "claims"
    LINKS = "links"
    KINDS = "kinds"
    EXTRAS = "extras"


class LinkStatus(enum.Enum):
    """How the student drew one inference of the key."""

    RIGHT = "right"
    ALTERNATIVE = "alternative"
    """The student drew an alternative that the key's ``alt:`` accepts."""
    GROUPING = "grouping"
    """The right claims, grouped differently (linked, separate, co-premises)."""
    WRONG_TARGET = "wrong-target"
    WRONG_TYPE = "wrong-type"
    REVERSED = "reversed"
    MISSING = "missing"


@attrs.frozen
class KeyLink:
    """One inference of the key and how the student drew it."""

    index: int
    """The key inference's index."""
    step: Step
    status: LinkStatus
    issue: Issue | None
    student: tuple[int, ...]
    """Indexes of the student inferences that drew it (rightly or not)."""
    optional: bool
    """The key marks it ``optional: yes``, or it involves an optional claim the student left out."""
    credit: float
    """1 right, a share for a near miss, 0 wrong or missing."""


@attrs.frozen
class Difference:
    """One thing the student's map does differently from the key, with feedback to act on."""

    issue: Issue
    subject: str
    """What it is about in the key's ids: a claim id, or a link as written (``a + b -> c``);
    a student claim the key does not have is ``student:ID``."""
    message: str
    """Feedback for the student: specific, with the claims' own words."""
    line: Line
    """The rubric line it costs points on."""
    key_claims: tuple[str, ...] = ()
    student_claims: tuple[str, ...] = ()
    key_links: tuple[int, ...] = ()
    student_links: tuple[int, ...] = ()
    counted: bool = True
    """False when it costs nothing (an optional link; an extra the rubric does not deduct for)."""

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        return {
            "issue": self.issue.value,
            "subject": self.subject,
            "message": self.message,
            "line": self.line.value,
            "key_claims": list(self.key_claims),
            "student_claims": list(self.student_claims),
            "key_links": list(self.key_links),
            "student_links": list(self.student_links),
            "counted": self.counted,
        }


@attrs.frozen
class LineScore:
    """The points of one rubric line."""

    line: Line
    points: float
    maximum: float
    credited: float
    """Items credited (a near miss counts as its share)."""
    items: int
    """Items the line measures (none for the extras line, which only deducts)."""

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        return {
            "line": self.line.value,
            "points": self.points,
            "max": self.maximum,
            "credited": self.credited,
            "items": self.items,
        }


@attrs.frozen
class Comparison:
    """Everything :func:`compare` found; :func:`feedback` and :meth:`to_json` present it."""

    student: ArgumentMap
    key: ArgumentMap
    rubric: Rubric
    matches: tuple[Match, ...]
    missing: tuple[str, ...]
    """Required key claims the student does not have."""
    skipped: tuple[str, ...]
    """Optional key claims the student does not have (they cost nothing)."""
    extra: tuple[str, ...]
    """Student claims with no counterpart in the key."""
    main_ok: bool
    key_links: tuple[KeyLink, ...]
    extra_links: tuple[int, ...]
    """Indexes of the student inferences the key does not have."""
    differences: tuple[Difference, ...]
    """In the order of :class:`Issue`, then of the key."""
    scores: tuple[LineScore, ...]

    @property
    def total(self) -> float:
        """The score: the lines' points less the deductions, never below 0."""
        return round(max(0.0, sum(score.points for score in self.scores)), 2)

    @property
    def maximum(self) -> float:
        """The most a map can score under the rubric."""
        return self.rubric.total

    @property
    def percent(self) -> float:
        """The score as a percentage of the maximum."""
        return round(100.0 * self.total / self.maximum, 1) if self.maximum else 0.0

    def score(self, line: Line) -> LineScore:
        """The score of one rubric line."""
        for score in self.scores:
            if score.line is line:
                return score
        raise KeyError(line)

    def student_for(self, key_id: str) -> str | None:
        """The student's claim aligned with a key claim, if any."""
        return next((m.student for m in self.matches if m.key == key_id), None)

    def extra_steps(self) -> tuple[Step, ...]:
        """The student's extra links, in the key's terms."""
        table = translation(self.student, self.matches)
        return tuple(_student_step(self.student, table, index) for index in self.extra_links)

    def to_json(self) -> dict[str, object]:
        """Everything as plain data (docs/teaching.md describes the shape)."""
        order = [claim.id for claim in self.key.claims]
        return {
            "student": self.student.path,
            "key": self.key.path,
            "score": {
                "total": self.total,
                "max": self.maximum,
                "percent": self.percent,
                "lines": [score.to_json() for score in self.scores],
            },
            "main_conclusion": {"right": self.main_ok, "key": self.key.main, "student": self.student.main},
            "claims": {
                "matched": [
                    {"key": m.key, "student": m.student, "by": m.method.value, "score": m.score, "review": m.review}
                    for m in self.matches
                ],
                "missing": list(self.missing),
                "skipped": list(self.skipped),
                "extra": list(self.extra),
            },
            "links": {
                "key": [
                    {
                        "index": link.index,
                        "link": link.step.words(order),
                        "status": link.status.value,
                        "issue": link.issue.value if link.issue is not None else None,
                        "student": list(link.student),
                        "optional": link.optional,
                        "credit": link.credit,
                    }
                    for link in self.key_links
                ],
                "extra": [
                    {"student": index, "link": step.words(order)}
                    for index, step in zip(self.extra_links, self.extra_steps(), strict=True)
                ],
            },
            "differences": [difference.to_json() for difference in self.differences],
        }


def translation(student: ArgumentMap, matches: Iterable[Match]) -> dict[str, str]:
    """Student claim id → key id, or ``student:ID`` for a claim the key does not have."""
    table = {claim.id: STUDENT + claim.id for claim in student.claims}
    table.update({match.student: match.key for match in matches})
    return table


def _student_step(student: ArgumentMap, table: Mapping[str, str], index: int) -> Step:
    inference = student.inferences[index]
    target: str | Step
    if inference.target is not None:
        target = table[inference.target]
    else:
        assert inference.target_inference is not None
        target = _student_step(student, table, inference.target_inference)
    return Step(inference.type, frozenset(table[p] for p in inference.premises), target)


def key_step(key: ArgumentMap, index: int) -> Step:
    """A key inference as a :class:`Step`."""
    inference = key.inferences[index]
    target: str | Step
    if inference.target is not None:
        target = inference.target
    else:
        assert inference.target_inference is not None
        target = key_step(key, inference.target_inference)
    return Step(inference.type, frozenset(inference.premises), target)


def key_problems(key: ArgumentMap) -> tuple[str, ...]:
    """What makes a map unusable as a key beyond its own errors: an ``alt:`` naming an unknown claim."""
    problems: list[str] = []
    for link in key.document.links:
        prop = next((p for p in link.properties if p.key == "alt"), None)
        if prop is None:
            continue
        for item in split_alternatives(prop.value):
            parsed = parse_link_alternative(item)
            if parsed is None:
                continue  # the resolver has reported it
            premises, _, _, target = parsed
            for name in dict.fromkeys((*premises, target)):
                if name not in key.by_id:
                    problems.append(
                        f"{key.path}:{prop.span.line}:{prop.span.column}: error: the alternative '{item}' "
                        f"names '{name}', which is no claim of the key"
                    )
    return tuple(problems)


# --- kinds --------------------------------------------------------------------------

# The claim kinds a comparison checks: whether the text states the claim (an
# assumption is what it leaves unsaid), and whether it is a forecast or a
# recommendation. Premise, conclusion and objection are all "stated": which of
# them a claim is follows from its links, which are compared on their own. A
# plain `claim` says nothing either way, so it never counts as wrong.
_KIND_CLASS = {
    ClaimKind.ASSUMPTION: "unstated",
    ClaimKind.PREDICTION: "prediction",
    ClaimKind.RECOMMENDATION: "recommendation",
    ClaimKind.PREMISE: "stated",
    ClaimKind.CONCLUSION: "stated",
    ClaimKind.OBJECTION: "stated",
}

STATEMENT_MEANINGS: Mapping[str, str] = {
    "fact": "something that can be checked now",
    "interpretation": "the author's reading of what the facts mean",
    "value": "a judgement of what is good, bad or worth having",
    "policy": "what someone should do",
    "prediction": "what will happen",
    "retrodiction": "a prediction made earlier, reported now",
    "track-record": "a claim about someone's own past accuracy",
    "caveat": "a limit the author concedes",
    "definition": "what a word means",
}
"""What each statement kind means, for feedback sentences and worksheets."""


def statement_kind(claim: Claim) -> str | None:
    """A claim's ``kind:`` in lower case, or ``None``."""
    prop = claim.get("kind")
    if prop is None or not prop.value.strip():
        return None
    return prop.value.strip().lower()


def _accepted_kinds(claim: Claim) -> frozenset[str]:
    prop = claim.get("alt-kind")
    return frozenset(item.lower() for item in split_list(prop.value)) if prop is not None else frozenset()


def _claim_kind_ok(key_claim: Claim, student_claim: Claim) -> bool:
    if student_claim.kind.value in _accepted_kinds(key_claim):
        return True
    mine, theirs = _KIND_CLASS.get(key_claim.kind), _KIND_CLASS.get(student_claim.kind)
    return mine is None or theirs is None or mine == theirs


def is_optional(properties: Sequence[Property]) -> bool:
    """True for a claim or link of a key that carries ``optional: yes``."""
    prop = next((p for p in properties if p.key == "optional"), None)
    return prop is not None and prop.value.strip().lower() == "yes"


# --- words for feedback ---------------------------------------------------------------


def short(text: str, limit: int = 70) -> str:
    """A claim's text for a feedback sentence: without its final full stop, cut at a
    word near ``limit`` characters, in typographic quotes.

    >>> short("Bus fares barely cover the cost of collecting them.")
    '“Bus fares barely cover the cost of collecting them”'
    """
    text = " ".join(text.split()).rstrip(".")
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit].rstrip(",;: ") + "…"
    return f"“{text}”"


class _Words:
    """Claim texts for feedback: the student's own wording for claims they have, the key's for the rest."""

    def __init__(self, student: ArgumentMap, key: ArgumentMap, matches: Sequence[Match]) -> None:
        self.student = student
        self.key = key
        self.mine = {m.key: m.student for m in matches}
        self.rank = {claim.id: n for n, claim in enumerate(key.claims)}

    def text(self, ref: str) -> str:
        if ref.startswith(STUDENT):
            return self.student.by_id[ref[len(STUDENT):]].text
        if ref in self.mine:
            return self.student.by_id[self.mine[ref]].text
        return self.key.by_id[ref].text

    def q(self, ref: str) -> str:
        return short(self.text(ref))

    def order(self, ref: str) -> tuple[int, str]:
        return self.rank.get(ref, len(self.rank)), ref

    def claims(self, refs: Iterable[str]) -> str:
        quoted = [self.q(ref) for ref in sorted(refs, key=self.order)]
        if len(quoted) <= 2:
            return " and ".join(quoted)
        return ", ".join(quoted[:-1]) + " and " + quoted[-1]

    def target(self, target: str | Step) -> str:
        if isinstance(target, str):
            return self.q(target)
        verb = "to" if target.type is LinkType.SUPPORT else "against"
        return f"the step from {self.claims(target.premises)} {verb} {self.target(target.target)}"


def _missing_issue(key: ArgumentMap, step: Step) -> Issue:
    if step.type is LinkType.SUPPORT:
        return Issue.MISSING_SUPPORT
    if not isinstance(step.target, str):
        return Issue.MISSING_UNDERCUT
    if key.roles.get(step.target, frozenset()) & {Role.OBJECTION, Role.REBUTTAL, Role.UNDERCUT}:
        return Issue.MISSING_REBUTTAL
    return Issue.MISSING_OBJECTION


def refs_of(step: Step) -> tuple[str, ...]:
    """Every claim a step involves: its premises and, through undercuts, its targets."""
    found = list(step.premises)
    target = step.target
    while not isinstance(target, str):
        found.extend(target.premises)
        target = target.target
    found.append(target)
    return tuple(dict.fromkeys(found))


def _reduced(step: Step, absent: frozenset[str]) -> Step | None:
    """The step without premises that are optional claims the student left out; None if nothing is left."""
    target = step.target
    if isinstance(target, str):
        if target in absent:
            return None
    else:
        inner = _reduced(target, absent)
        if inner is None:
            return None
        target = inner
    premises = step.premises - absent
    return Step(step.type, premises, target) if premises else None


def _they(refs: frozenset[str] | Sequence[str], one: str, many: str) -> str:
    return one if len(refs) == 1 else many


# --- links ----------------------------------------------------------------------------


class _LinkDiff:
    """The link passes of :func:`compare`, in the order of the module's docstring."""

    def __init__(
        self, student: ArgumentMap, key: ArgumentMap, table: Mapping[str, str], absent: frozenset[str], words: _Words
    ) -> None:
        self.key = key
        self.student = student
        self.words = words
        self.order = [claim.id for claim in key.claims]
        self.original = {i: key_step(key, i) for i in range(len(key.inferences))}
        self.optional: set[int] = set()
        self.steps: dict[int, Step] = {}
        for index, step in self.original.items():
            reduced = _reduced(step, absent)
            if is_optional(key.inferences[index].link.properties) or reduced is None:
                self.optional.add(index)
            self.steps[index] = reduced if reduced is not None else step
        self.theirs = {j: _student_step(student, table, j) for j in range(len(student.inferences))}
        self.open_keys = list(self.steps)
        self.open_students = list(self.theirs)
        self.status: dict[int, tuple[LinkStatus, Issue | None, tuple[int, ...]]] = {}
        self.differences: list[Difference] = []

    def settle(self, index: int, status: LinkStatus, issue: Issue | None, students: Sequence[int]) -> None:
        self.status[index] = (status, issue, tuple(students))
        self.open_keys.remove(index)
        for j in students:
            if j in self.open_students:
                self.open_students.remove(j)

    def differ(
        self, issue: Issue, keys: Sequence[int], students: Sequence[int], message: str, refs: Iterable[str] = ()
    ) -> None:
        claims = dict.fromkeys([*(r for i in keys for r in refs_of(self.original[i])), *refs])
        self.differences.append(
            Difference(
                issue=issue,
                subject="; ".join(self.original[i].words(self.order) for i in keys),
                message=message,
                line=Line.LINKS,
                key_claims=tuple(c for c in claims if not c.startswith(STUDENT)),
                student_claims=tuple(
                    dict.fromkeys(p for j in students for p in self.student.inferences[j].premises)
                ),
                key_links=tuple(keys),
                student_links=tuple(students),
                counted=not all(i in self.optional for i in keys),
            )
        )

    def find(self, step: Step) -> int | None:
        return next((j for j in self.open_students if self.theirs[j] == step), None)

    def same_end(self, step: Step) -> list[int]:
        return [
            j for j in self.open_students
            if self.theirs[j].type is step.type and self.theirs[j].target == step.target
        ]

    def run(self) -> None:
        self.alternatives()
        self.exact()
        self.flipped()
        self.reversed()
        self.linked_as_separate()
        self.separate_as_linked()
        self.overlapping()
        self.wrong_target()
        self.missing()

    def alternatives(self) -> None:
        """A key link whose ``alt:`` the student drew, instead of the link itself, is right."""
        for link in self.key.document.links:
            prop = next((p for p in link.properties if p.key == "alt"), None)
            if prop is None:
                continue
            primary = [i for i in self.open_keys if self.key.inferences[i].link is link]
            if not primary or all(self.find(self.steps[i]) is not None for i in primary):
                continue
            for item in split_alternatives(prop.value):
                parsed = parse_link_alternative(item)
                if parsed is None:
                    continue
                premises, linked, link_type, target = parsed
                groups = [premises] if linked else [(p,) for p in premises]
                found = [self.find(Step(link_type, frozenset(group), target)) for group in groups]
                drawn = [j for j in found if j is not None]
                if len(drawn) == len(groups) and len(set(drawn)) == len(drawn):
                    for i in primary:
                        self.settle(i, LinkStatus.ALTERNATIVE, None, drawn)
                    break

    def exact(self) -> None:
        for i in list(self.open_keys):
            j = self.find(self.steps[i])
            if j is not None:
                self.settle(i, LinkStatus.RIGHT, None, [j])

    def flipped(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            other = LinkType.ATTACK if step.type is LinkType.SUPPORT else LinkType.SUPPORT
            j = self.find(Step(other, step.premises, step.target))
            if j is None:
                continue
            premises, target = w.claims(step.premises), w.target(step.target)
            if step.type is LinkType.SUPPORT:
                issue = Issue.SUPPORT_AS_ATTACK
                message = (
                    f"Your map has {premises} attacking {target}, but in the text "
                    f"{_they(step.premises, 'it is a reason', 'they are reasons')} for it. "
                    f"{_they(step.premises, 'Does', 'Do')} {premises} make {target} more believable, or less?"
                )
            else:
                issue = Issue.ATTACK_AS_SUPPORT
                message = (
                    f"Your map has {premises} supporting {target}, but in the text "
                    f"{_they(step.premises, 'it speaks', 'they speak')} against it. "
                    f"{_they(step.premises, 'Does', 'Do')} {premises} make {target} more believable, or less?"
                )
            self.settle(i, LinkStatus.WRONG_TYPE, issue, [j])
            self.differ(issue, [i], [j], message)

    def reversed(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            if len(step.premises) != 1 or not isinstance(step.target, str):
                continue
            (premise,) = step.premises
            for j in list(self.open_students):
                theirs = self.theirs[j]
                if theirs.premises == frozenset({step.target}) and theirs.target == premise:
                    verb = "supports" if step.type is LinkType.SUPPORT else "attacks"
                    message = (
                        f"Your map draws the arrow from {w.q(step.target)} to {w.q(premise)}, but in the text "
                        f"{w.q(premise)} is the reason and {w.q(step.target)} the claim it {verb}. Ask which "
                        "of the two the author gives you so that you will believe the other."
                    )
                    self.settle(i, LinkStatus.REVERSED, Issue.REVERSED, [j])
                    self.differ(Issue.REVERSED, [i], [j], message)
                    break

    def linked_as_separate(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            if len(step.premises) < 2:
                continue
            parts = [j for j in self.same_end(step) if self.theirs[j].premises < step.premises]
            if not parts:
                continue
            drawn: frozenset[str] = frozenset().union(*(self.theirs[j].premises for j in parts))
            left_out = step.premises - drawn
            if len(parts) >= 2:
                issue = Issue.LINKED_AS_SEPARATE
                first, *rest = sorted(drawn, key=w.order)
                kind = "reasons for" if step.type is LinkType.SUPPORT else "objections to"
                message = (
                    f"Your map treats {w.claims(drawn)} as separate {kind} {w.target(step.target)}; in the "
                    f"text they only work together. What does {w.q(first)} need {w.claims(rest)} for?"
                )
                if left_out:
                    message += f" The text joins {w.claims(left_out)} to them as well."
            else:
                issue = Issue.MISSING_CO_PREMISE
                message = self._co_premise_message(drawn, left_out, step)
            self.settle(i, LinkStatus.GROUPING, issue, parts)
            self.differ(issue, [i], parts, message)

    def _co_premise_message(self, drawn: frozenset[str], left_out: frozenset[str], step: Step) -> str:
        w = self.words
        support = step.type is LinkType.SUPPORT
        partner = w.claims(left_out)
        if all(self.key.by_id[r].kind is ClaimKind.ASSUMPTION for r in left_out):
            partner = _they(left_out, "an unstated assumption, ", "unstated assumptions, ") + partner
        target = w.target(step.target)
        message = (
            f"Your map has {w.claims(drawn)} {'supporting' if support else 'attacking'} {target} on "
            f"{_they(drawn, 'its', 'their')} own; in the text {_they(drawn, 'it does', 'they do')} so only "
            f"together with {partner}."
        )
        missing = [r for r in left_out if r not in w.mine]
        if missing:
            message += f" Your map does not have {_they(missing, 'that claim', 'those claims')} yet."
        if partner.startswith(("an unstated", "unstated")):
            message += (
                f" What else must be true for {w.claims(drawn)} to "
                f"{'support' if support else 'count against'} {target}?"
            )
        else:
            message += " How do they work together?"
        return message

    def separate_as_linked(self) -> None:
        w = self.words
        for j in list(self.open_students):
            theirs = self.theirs[j]
            if len(theirs.premises) < 2:
                continue
            parts = [
                i for i in self.open_keys
                if self.steps[i].type is theirs.type
                and self.steps[i].target == theirs.target
                and self.steps[i].premises < theirs.premises
            ]
            if not parts:
                continue
            covered: frozenset[str] = frozenset().union(*(self.steps[i].premises for i in parts))
            added = theirs.premises - covered
            target = w.target(theirs.target)
            if len(parts) >= 2:
                issue = Issue.SEPARATE_AS_LINKED
                groups = [self.steps[i].premises for i in parts]
                if all(len(group) == 1 for group in groups):
                    separate = "each is a reason on its own"
                else:
                    separate = f"they make {len(groups)} separate reasons: " + "; ".join(
                        w.claims(group) if len(group) == 1 else w.claims(group).replace(" and ", " with ", 1)
                        for group in groups
                    )
                message = (
                    f"Your map joins {w.claims(covered)} with '+', as if they only worked together for "
                    f"{target}; in the text {separate}. Cover one reason up: does the other still "
                    f"give some reason for {target}?"
                )
            elif all(ref.startswith(STUDENT) for ref in added):
                # The student completed a reason with a co-premise of their own (an assumption,
                # as a careful map does): the key's link is drawn; the new claim is shown as extra.
                self.settle(parts[0], LinkStatus.RIGHT, None, [j])
                continue
            else:
                issue = Issue.EXTRA_CO_PREMISE
                mine = self.steps[parts[0]].premises
                message = (
                    f"Your map joins {w.claims(added)} to {w.claims(mine)} as one reason for {target}; in the "
                    f"text {w.claims(mine)} {_they(mine, 'does', 'do')} the job without "
                    f"{_they(added, 'it', 'them')}. Is {w.claims(added)} needed for this step?"
                )
            for i in parts:
                self.settle(i, LinkStatus.GROUPING, issue, [j])
            self.differ(issue, parts, [j], message)

    def overlapping(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            for j in self.same_end(step):
                theirs = self.theirs[j]
                if not theirs.premises & step.premises:
                    continue
                yours, wanted = theirs.premises - step.premises, step.premises - theirs.premises
                message = (
                    f"Your map joins {w.claims(theirs.premises)} as one reason for {w.target(step.target)}; "
                    f"in the text the reason is {w.claims(step.premises)}. Compare {w.claims(yours)} with "
                    f"{w.claims(wanted)}: which of them does the step rely on?"
                )
                self.settle(i, LinkStatus.GROUPING, Issue.GROUP_DIFFERS, [j])
                self.differ(Issue.GROUP_DIFFERS, [i], [j], message, yours)
                break

    def wrong_target(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            for j in self.open_students:
                theirs = self.theirs[j]
                if theirs.type is not step.type or theirs.premises != step.premises:
                    continue
                support = step.type is LinkType.SUPPORT
                premises = w.claims(step.premises)
                message = (
                    f"Your map has {premises} {'supporting' if support else 'attacking'} "
                    f"{w.target(theirs.target)}; in the text {_they(step.premises, 'it', 'they')} "
                    f"{'support' + _they(step.premises, 's', '') if support else 'answer' + _they(step.premises, 's', '')} "
                    f"{w.target(step.target)}. Which claim exactly does the author "
                    f"{'give it as a reason for' if support else 'aim it at'}?"
                )
                refs = [theirs.target] if isinstance(theirs.target, str) else []
                self.settle(i, LinkStatus.WRONG_TARGET, Issue.WRONG_TARGET, [j])
                self.differ(Issue.WRONG_TARGET, [i], [j], message, refs)
                break

    def missing(self) -> None:
        w = self.words
        for i in list(self.open_keys):
            step = self.steps[i]
            issue = _missing_issue(self.key, self.original[i])
            premises, target = w.claims(step.premises), w.target(step.target)
            if issue is Issue.MISSING_SUPPORT:
                message = (
                    f"Your map has {premises} and {target} but draws no link between them: in the text, "
                    f"{premises} {_they(step.premises, 'supports', 'together support')} {target}."
                )
            elif issue is Issue.MISSING_UNDERCUT:
                message = (
                    f"Your map does not draw {premises} against {target}: in the text "
                    f"{_they(step.premises, 'it says', 'they say')} that this step does not follow."
                )
            elif issue is Issue.MISSING_REBUTTAL:
                message = (
                    f"Your map does not draw {premises} as an answer to the objection {target}: "
                    f"in the text {_they(step.premises, 'it rebuts', 'they rebut')} it."
                )
            else:
                message = (
                    f"Your map does not draw {premises} as an objection to {target}: in the text "
                    f"{_they(step.premises, 'it speaks', 'they speak')} against it."
                )
            self.settle(i, LinkStatus.MISSING, issue, [])
            self.differ(issue, [i], [], message)


# --- comparing ------------------------------------------------------------------------


def compare(student: ArgumentMap, key: ArgumentMap, rubric: Rubric = DEFAULT_RUBRIC) -> Comparison:
    """Compare a student's map with the key: alignment, differences, scores and feedback."""
    matches = align(student, key, rubric)
    table = translation(student, matches)
    mine = {m.key: m.student for m in matches}
    optional = frozenset(claim.id for claim in key.claims if is_optional(claim.properties))
    absent = frozenset(claim.id for claim in key.claims if claim.id not in mine and claim.id in optional)
    missing = tuple(claim.id for claim in key.claims if claim.id not in mine and claim.id not in optional)
    taken = set(mine.values())
    extra = tuple(claim.id for claim in student.claims if claim.id not in taken)
    words = _Words(student, key, matches)
    differences: list[Difference] = []

    main_ok = student.main is not None and table.get(student.main) == key.main
    if not main_ok and key.main is not None:
        differences.append(_main_difference(student, key, table, words))

    links = _LinkDiff(student, key, table, absent, words)
    links.run()
    differences.extend(links.differences)
    differences.extend(_missing_claim(key, claim_id, words, links.original) for claim_id in missing)
    extra_links = tuple(links.open_students)
    differences.extend(
        _extra_link(student, links.theirs[j], j, words, key, rubric) for j in extra_links
    )
    differences.extend(_extra_claim(student, claim_id, rubric) for claim_id in extra)

    kind_items = 0
    kind_credit = 0.0
    for match in matches:
        key_claim, student_claim = key.by_id[match.key], student.by_id[match.student]
        kind_items += 1
        if _claim_kind_ok(key_claim, student_claim):
            kind_credit += 1
        else:
            differences.append(_claim_kind_difference(key_claim, student_claim))
        wanted, given = statement_kind(key_claim), statement_kind(student_claim)
        if wanted is None or (given is None and not rubric.require_statement_kind):
            continue
        kind_items += 1
        if given == wanted or (given is not None and given in _accepted_kinds(key_claim)):
            kind_credit += 1
        else:
            differences.append(_statement_kind_difference(key_claim, student_claim, wanted, given))

    key_links = tuple(
        KeyLink(
            index=i,
            step=links.original[i],
            status=links.status[i][0],
            issue=links.status[i][1],
            student=links.status[i][2],
            optional=i in links.optional,
            credit=_credit(links.status[i][0], rubric),
        )
        for i in sorted(links.status)
    )
    scores = _score(key, rubric, main_ok, missing, optional, key_links, kind_items, kind_credit, differences)
    rank = {issue: n for n, issue in enumerate(Issue)}
    differences.sort(key=lambda d: rank[d.issue])
    order = [claim.id for claim in key.claims]
    return Comparison(
        student=student,
        key=key,
        rubric=rubric,
        matches=matches,
        missing=missing,
        skipped=tuple(sorted(absent, key=order.index)),
        extra=extra,
        main_ok=main_ok,
        key_links=key_links,
        extra_links=extra_links,
        differences=tuple(differences),
        scores=scores,
    )


def _credit(status: LinkStatus, rubric: Rubric) -> float:
    if status in (LinkStatus.RIGHT, LinkStatus.ALTERNATIVE):
        return 1.0
    if status is LinkStatus.GROUPING:
        return rubric.grouping_credit
    if status is LinkStatus.WRONG_TARGET:
        return rubric.target_credit
    return 0.0


def _share(points: float, credited: float, items: int, empty: float) -> float:
    """``points`` times the credited share of ``items``; ``empty`` times them when there are none."""
    return round(points * credited / items, 2) if items else round(points * empty, 2)


def _score(
    key: ArgumentMap,
    rubric: Rubric,
    main_ok: bool,
    missing: Sequence[str],
    optional: frozenset[str],
    key_links: Sequence[KeyLink],
    kind_items: int,
    kind_credit: float,
    differences: Sequence[Difference],
) -> tuple[LineScore, ...]:
    required = [claim.id for claim in key.claims if claim.id not in optional]
    have = len(required) - len(missing)
    counted = [link for link in key_links if not link.optional]
    link_credit = sum(link.credit for link in counted)
    extra_links = sum(1 for d in differences if d.issue is Issue.EXTRA_LINK and d.counted)
    extra_claims = sum(1 for d in differences if d.issue is Issue.EXTRA_CLAIM)
    deduction = min(rubric.max_deduction, rubric.extra_link * extra_links + rubric.extra_claim * extra_claims)
    main = rubric.main if main_ok or key.main is None else 0.0
    return (
        LineScore(Line.MAIN, main, rubric.main, 1.0 if main else 0.0, 1),
        LineScore(Line.CLAIMS, _share(rubric.claims, have, len(required), 1.0), rubric.claims, have, len(required)),
        LineScore(
            Line.LINKS, _share(rubric.links, link_credit, len(counted), 1.0), rubric.links, link_credit, len(counted)
        ),
        LineScore(
            Line.KINDS, _share(rubric.kinds, kind_credit, kind_items, 0.0), rubric.kinds, kind_credit, kind_items
        ),
        LineScore(Line.EXTRAS, -round(deduction, 2) if deduction else 0.0, 0.0, 0.0, 0),
    )


def _main_difference(student: ArgumentMap, key: ArgumentMap, table: Mapping[str, str], words: _Words) -> Difference:
    assert key.main is not None
    wanted = words.q(key.main)
    if student.main is None:
        message = (
            f"Your map marks no main conclusion. The text argues above all for {wanted}: "
            "write it as 'main conclusion …'."
        )
        claims: tuple[str, ...] = ()
    else:
        yours = short(student.by_id[student.main].text)
        message = (
            f"Your map makes {yours} the main conclusion, but the text argues above all for {wanted}: "
            "everything else in the text is there to support it."
        )
        if table.get(student.main, STUDENT) in key.by_id:
            message += f" In the text, {yours} is a step on the way: ask what the author gives it to show."
        claims = (student.main,)
    return Difference(Issue.MAIN_WRONG, key.main, message, Line.MAIN, key_claims=(key.main,), student_claims=claims)


def _missing_claim(key: ArgumentMap, claim_id: str, words: _Words, steps: Mapping[int, Step]) -> Difference:
    claim = key.by_id[claim_id]
    text = short(claim.text)
    uses = [step for step in steps.values() if claim_id in step.premises]
    if claim_id == key.main:
        message = f"Your map does not have the text's main conclusion, {text}."
    elif claim.kind is ClaimKind.ASSUMPTION:
        message = f"Your map does not have an unstated assumption that the text relies on: {text}."
        linked = [step for step in uses if len(step.premises) > 1]
        if linked:
            step = linked[0]
            others = step.premises - {claim_id}
            message += (
                f" {words.claims(others)} only {_they(others, 'supports', 'support')} "
                f"{words.target(step.target)} if something like it is true."
            )
    elif uses and uses[0].type is LinkType.ATTACK:
        what = {
            Issue.MISSING_REBUTTAL: "an answer to an objection",
            Issue.MISSING_UNDERCUT: "an undercut (a reply that a step does not follow)",
        }.get(_missing_issue(key, uses[0]), "an objection")
        source = "that the text raises" if claim.get("quote") is not None else "that the key adds"
        message = f"Your map leaves out {what} {source}: {text} (against {words.target(uses[0].target)})."
    elif uses:
        source = "the text gives" if claim.get("quote") is not None or key.grounding is None else "the key adds"
        message = f"Your map leaves out a reason {source}: {text} (for {words.target(uses[0].target)})."
    else:
        message = f"Your map leaves out a claim of the text: {text}."
    return Difference(Issue.MISSING_CLAIM, claim_id, message, Line.CLAIMS, key_claims=(claim_id,))


def _extra_link(
    student: ArgumentMap, step: Step, index: int, words: _Words, key: ArgumentMap, rubric: Rubric
) -> Difference:
    refs = refs_of(step)
    own = any(ref.startswith(STUDENT) for ref in refs)
    premises, target = words.claims(step.premises), words.target(step.target)
    role = "a reason for" if step.type is LinkType.SUPPORT else "an objection to"
    between = _skipped_steps(key, step)
    if own:
        message = f"Your map has {premises} as {role} {target}; the key has no such link."
    elif between:
        via = ", which in turn supports ".join(words.q(ref) for ref in between)
        message = (
            f"Your map has {premises} as a reason for {target} directly; in the text "
            f"{_they(step.premises, 'it supports', 'they support')} {via}, which in turn supports {target}. "
            f"Your map skips {_they(between, 'that step', 'those steps')}."
        )
    else:
        message = (
            f"Your map has {premises} as {role} {target}, but the key has no such link. "
            f"What does the author give {premises} for?"
        )
    inference = student.inferences[index]
    ends = (*inference.premises, *((inference.target,) if inference.target is not None else ()))
    return Difference(
        Issue.EXTRA_LINK,
        step.words([claim.id for claim in key.claims]),
        message,
        Line.EXTRAS,
        key_claims=tuple(ref for ref in refs if not ref.startswith(STUDENT)),
        student_claims=tuple(dict.fromkeys(ends)),
        student_links=(index,),
        counted=not own and rubric.extra_link > 0,
    )


def _skipped_steps(key: ArgumentMap, step: Step) -> tuple[str, ...]:
    """For a support the key does not have, the key claims it jumps over: the shortest chain of
    supports in the key from one of its premises to its target (empty if there is none)."""
    if step.type is not LinkType.SUPPORT or not isinstance(step.target, str) or len(step.premises) != 1:
        return ()
    onward: dict[str, list[str]] = {}
    for inference in key.inferences:
        if inference.type is LinkType.SUPPORT and inference.target is not None:
            for premise in inference.premises:
                onward.setdefault(premise, []).append(inference.target)
    (start,) = step.premises
    previous: dict[str, str] = {start: start}
    queue = [start]
    for claim in queue:
        for following in onward.get(claim, []):
            if following in previous:
                continue
            previous[following] = claim
            if following == step.target:
                chain = []
                while claim != start:
                    chain.append(claim)
                    claim = previous[claim]
                return tuple(reversed(chain))
            queue.append(following)
    return ()


def _extra_claim(student: ArgumentMap, claim_id: str, rubric: Rubric) -> Difference:
    claim = student.by_id[claim_id]
    if claim.kind is ClaimKind.ASSUMPTION:
        hint = "if it is an assumption you added, your teacher will look at it"
    else:
        hint = (
            "if it says in other words what another claim of your map says, keep one of the two; "
            "if the text does not say it, mark it 'assumption'"
        )
    return Difference(
        Issue.EXTRA_CLAIM,
        STUDENT + claim_id,
        f"{short(claim.text)} is not in the key: {hint}.",
        Line.EXTRAS,
        student_claims=(claim_id,),
        counted=rubric.extra_claim > 0,
    )


_KIND_WORDS = {
    ClaimKind.ASSUMPTION: "an assumption",
    ClaimKind.PREDICTION: "a prediction",
    ClaimKind.RECOMMENDATION: "a recommendation",
    ClaimKind.PREMISE: "a premise",
    ClaimKind.CONCLUSION: "a conclusion",
    ClaimKind.OBJECTION: "an objection",
    ClaimKind.CLAIM: "a claim",
}


def _claim_kind_difference(key_claim: Claim, student_claim: Claim) -> Difference:
    text = short(student_claim.text)
    yours = _KIND_WORDS[student_claim.kind]
    theirs = key_claim.kind.value
    if key_claim.kind is ClaimKind.ASSUMPTION:
        message = (
            f"You marked {text} as {yours}, but the text never says it: it is an unstated assumption that a "
            "reader adds. Mark it 'assumption'."
        )
    elif student_claim.kind is ClaimKind.ASSUMPTION:
        quote = key_claim.get("quote")
        where = f" (“{quote.value.strip()}”)" if quote is not None and quote.value.strip() else ""
        message = f"You marked {text} as an unstated assumption, but the text says it{where}. Mark it '{theirs}'."
    elif key_claim.kind is ClaimKind.PREDICTION:
        message = (
            f"You marked {text} as {yours}, but it is a forecast of what will happen: mark it 'prediction', "
            "so that it can be checked later."
        )
    elif student_claim.kind is ClaimKind.PREDICTION:
        message = f"You marked {text} as a prediction, but the text does not forecast it: mark it '{theirs}'."
    else:
        message = f"You marked {text} as {yours}; the key has it as {_KIND_WORDS[key_claim.kind]}."
    return Difference(
        Issue.WRONG_CLAIM_KIND,
        key_claim.id,
        message,
        Line.KINDS,
        key_claims=(key_claim.id,),
        student_claims=(student_claim.id,),
    )


def _statement_kind_difference(key_claim: Claim, student_claim: Claim, wanted: str, given: str | None) -> Difference:
    text = short(student_claim.text)
    meaning = STATEMENT_MEANINGS.get(wanted, wanted)
    if given is None:
        message = f"Say what kind of statement {text} is ('kind:'): it is {_article(wanted)}, {meaning}."
    else:
        message = (
            f"You marked {text} as {_article(given)}; the key reads it as {_article(wanted)}: "
            f"{meaning}, not {STATEMENT_MEANINGS.get(given, given)}."
        )
    return Difference(
        Issue.WRONG_STATEMENT_KIND,
        key_claim.id,
        message,
        Line.KINDS,
        key_claims=(key_claim.id,),
        student_claims=(student_claim.id,),
    )


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


# --- feedback -------------------------------------------------------------------------

_LINE_NAMES = {
    Line.MAIN: "main conclusion",
    Line.CLAIMS: "claims",
    Line.LINKS: "links",
    Line.KINDS: "kinds",
    Line.EXTRAS: "extras",
}


def shown(comparison: Comparison) -> tuple[Difference, ...]:
    """The differences worth a sentence to the student, without repeats: a missing claim
    another sentence already names, a missing link whose claim is missing, a link or
    kind of the student's own extra claims, and what costs nothing are left out."""
    differences = comparison.differences
    named = {
        claim
        for d in differences
        if d.issue in GROUPING_ISSUES or d.issue is Issue.MAIN_WRONG
        for claim in d.key_claims
    }
    missing = set(comparison.missing)
    kept: list[Difference] = []
    for d in differences:
        if d.issue is Issue.MISSING_CLAIM and d.subject in named:
            continue
        if d.issue in MISSING_LINK_ISSUES and missing & set(d.key_claims):
            continue
        if not d.counted and d.issue is not Issue.EXTRA_CLAIM:
            continue
        kept.append(d)
    return tuple(kept)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def summary_sentence(comparison: Comparison) -> str:
    """What the map gets right, in one or two sentences."""
    c = comparison
    required = c.score(Line.CLAIMS).items
    links = c.score(Line.LINKS)
    right_links = sum(1 for link in c.key_links if not link.optional and link.credit == 1)
    parts = []
    if c.main_ok:
        parts.append("your main conclusion is the text's")
    parts.append(f"your map has {required - len(c.missing)} of the {required} claims of the key")
    parts.append(f"draws {right_links} of its {links.items} links as the key does")
    text = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return text[0].upper() + text[1:] + "."


def feedback(comparison: Comparison, *, markdown: bool = False, escape: Callable[[str], str] | None = None) -> str:
    """Feedback for the student: the score by rubric line, what is right, then one
    sentence for each thing to look at. ``markdown`` formats it for a ``.md`` file, with
    ``escape`` applied to every text a map supplied."""
    c = comparison
    esc = escape or (lambda text: text)
    lines: list[str] = []
    title = f"Feedback on {c.student.path}"
    if markdown:
        lines += [f"# {esc(title)}", ""]
    else:
        lines += [title, ""]
    lines.append(f"Compared with the key {esc(c.key.path)}.")
    lines.append("")
    lines.append(f"Score: {_fmt(c.total)} of {_fmt(c.maximum)} ({_fmt(c.percent)}%)")
    lines.append("")
    rows = []
    for score in c.scores:
        if score.line is Line.EXTRAS:
            if score.points:
                rows.append((_LINE_NAMES[score.line], _fmt(score.points), "for links the key does not have"))
            continue
        detail = ""
        if score.line is Line.CLAIMS:
            detail = f"{_fmt(score.credited)} of {score.items} claims"
        elif score.line is Line.LINKS:
            detail = f"{_fmt(score.credited)} of {score.items} links"
        elif score.line is Line.KINDS:
            detail = f"{_fmt(score.credited)} of {score.items} kinds right"
        rows.append((_LINE_NAMES[score.line], f"{_fmt(score.points)} / {_fmt(score.maximum)}", detail))
    if markdown:
        lines += ["| rubric line | points | |", "|---|---|---|"]
        lines += [f"| {name} | {points} | {detail} |" for name, points, detail in rows]
    else:
        width = max(len(name) for name, _, _ in rows)
        number = max(len(points) for _, points, _ in rows)
        lines += [f"  {name:<{width}}  {points:>{number}}   {detail}".rstrip() for name, points, detail in rows]
    lines += ["", esc(summary_sentence(c))]
    todo = shown(c)
    if todo:
        lines += ["", "## What to look at" if markdown else "What to look at:", ""]
        for number, difference in enumerate(todo, 1):
            lines.append(f"{number}. {esc(difference.message)}")
    else:
        lines += ["", "Nothing to look at: your map reads the text as the key does. Well done."]
    review = [m for m in c.matches if m.review]
    if review:
        lines += ["", "## Matched by wording" if markdown else "Matched by wording (your teacher may check these):", ""]
        if markdown:
            lines += ["Your teacher may check these.", ""]
        for match in review:
            mine, theirs = c.student.by_id[match.student].text, c.key.by_id[match.key].text
            bullet = "-" if markdown else "  -"
            lines.append(f"{bullet} {esc(short(mine))} taken as the key's {esc(short(theirs))}")
    return "\n".join(lines) + "\n"


def report_text(comparison: Comparison) -> str:
    """The teacher's view: the feedback, then the alignment and every link of the key."""
    c = comparison
    order = [claim.id for claim in c.key.claims]
    lines = [feedback(c).rstrip("\n"), "", "Alignment (key ← student):"]
    for match in c.matches:
        how = match.method.value + (f" {match.score:.2f}" if match.method in (Method.QUOTE, Method.TEXT) else "")
        lines.append(f"  {match.key} ← {match.student} (by {how})")
    for claim_id in c.missing:
        lines.append(f"  {claim_id} ← missing")
    for claim_id in c.skipped:
        lines.append(f"  {claim_id} ← missing (optional)")
    for claim_id in c.extra:
        lines.append(f"  (extra) ← {claim_id}")
    lines += ["", "Links of the key:"]
    for link in c.key_links:
        note = f" ({link.issue.value})" if link.issue is not None else ""
        optional = ", optional" if link.optional else ""
        lines.append(f"  {link.step.words(order)}: {link.status.value}{note}{optional}")
    for step in c.extra_steps():
        lines.append(f"  extra: {step.words(order)}")
    return "\n".join(lines) + "\n"
