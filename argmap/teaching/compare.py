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

The steps live in modules of their own: :mod:`~argmap.teaching.align`,
:mod:`~argmap.teaching.links`, :mod:`~argmap.teaching.differences` (with
:mod:`~argmap.teaching.kinds`), :mod:`~argmap.teaching.score` and
:mod:`~argmap.teaching.feedback`.
"""

from __future__ import annotations

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.language.schema import parse_link_alternative, split_alternatives

from .align import Match, align, translation
from .differences import (
    Difference,
    Issue,
    KeyLink,
    Line,
    claim_kind_difference,
    extra_claim,
    extra_link,
    main_difference,
    missing_claim,
    statement_kind_difference,
)
from .kinds import accepted_kinds, claim_kind_ok, is_optional, statement_kind
from .links import LinkDiff
from .rubric import DEFAULT_RUBRIC, Rubric
from .score import LineScore, line_scores, link_credit
from .steps import Step, student_step
from .wording import Words

__all__ = ["Comparison", "compare", "key_problems"]


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
        return tuple(student_step(self.student, table, index) for index in self.extra_links)

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
    words = Words(student, key, matches)
    differences: list[Difference] = []

    main_ok = student.main is not None and table.get(student.main) == key.main
    if not main_ok and key.main is not None:
        differences.append(main_difference(student, key, table, words))

    links = LinkDiff(student, key, table, absent, words)
    links.run()
    differences.extend(links.differences)
    differences.extend(missing_claim(key, claim_id, words, links.original) for claim_id in missing)
    extra_links = tuple(links.open_students)
    differences.extend(
        extra_link(student, links.theirs[j], j, words, key, rubric) for j in extra_links
    )
    differences.extend(extra_claim(student, claim_id, rubric) for claim_id in extra)

    kind_items = 0
    kind_credit = 0.0
    for match in matches:
        key_claim, student_claim = key.by_id[match.key], student.by_id[match.student]
        kind_items += 1
        if claim_kind_ok(key_claim, student_claim):
            kind_credit += 1
        else:
            differences.append(claim_kind_difference(key_claim, student_claim))
        wanted, given = statement_kind(key_claim), statement_kind(student_claim)
        if wanted is None or (given is None and not rubric.require_statement_kind):
            continue
        kind_items += 1
        if given == wanted or (given is not None and given in accepted_kinds(key_claim)):
            kind_credit += 1
        else:
            differences.append(statement_kind_difference(key_claim, student_claim, wanted, given))

    key_links = tuple(
        KeyLink(
            index=i,
            step=links.original[i],
            status=links.status[i][0],
            issue=links.status[i][1],
            student=links.status[i][2],
            optional=i in links.optional,
            credit=link_credit(links.status[i][0], rubric),
        )
        for i in sorted(links.status)
    )
    scores = line_scores(key, rubric, main_ok, missing, optional, key_links, kind_items, kind_credit, differences)
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
