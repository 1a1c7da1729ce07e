"""What a student's map does differently from the key: the kinds of difference, and the sentence
for each that concerns a claim (the main conclusion, a missing or extra claim, a kind) or a link
the key does not have. The link passes are :mod:`argmap.teaching.links`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from argmap.analysis.argument_map import ArgumentMap, Role
from argmap.core.model import Claim, ClaimKind, LinkType

from .kinds import KIND_WORDS, STATEMENT_MEANINGS
from .markup import code
from .rubric import Rubric
from .steps import STUDENT, Step, refs_of
from .wording import HINT_LEVELS, Hints, Words, article, short, they

__all__ = [
    "GROUPING_ISSUES",
    "ISSUE_WORDS",
    "MISSING_LINK_ISSUES",
    "WRONG_LINK_ISSUES",
    "Difference",
    "Issue",
    "KeyLink",
    "Line",
    "LinkStatus",
    "claim_kind_difference",
    "extra_claim",
    "extra_link",
    "main_difference",
    "missing_claim",
    "missing_issue",
    "statement_kind_difference",
]


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
    SYNTAX_ERROR = "syntax-error"
    """Part of the file could not be read: it was graded without that part."""


ISSUE_WORDS = {
    Issue.MAIN_WRONG: "another main conclusion",
    Issue.LINKED_AS_SEPARATE: "premises that work together drawn as separate reasons",
    Issue.SEPARATE_AS_LINKED: "separate reasons joined with '+'",
    Issue.MISSING_CO_PREMISE: "a reason drawn without its partner",
    Issue.EXTRA_CO_PREMISE: "a claim joined to a reason that does not need it",
    Issue.GROUP_DIFFERS: "a reason drawn with other partners",
    Issue.SUPPORT_AS_ATTACK: "a reason drawn as an attack",
    Issue.ATTACK_AS_SUPPORT: "an objection drawn as a reason",
    Issue.REVERSED: "an arrow the wrong way round",
    Issue.WRONG_TARGET: "a link aimed at another claim",
    Issue.MISSING_SUPPORT: "a reason not linked",
    Issue.MISSING_OBJECTION: "an objection not linked",
    Issue.MISSING_REBUTTAL: "a rebuttal not linked",
    Issue.MISSING_UNDERCUT: "an undercut not linked",
    Issue.MISSING_CLAIM: "left out",
    Issue.WRONG_CLAIM_KIND: "another kind of claim",
    Issue.WRONG_STATEMENT_KIND: "another kind of statement",
    Issue.EXTRA_LINK: "a link the text does not draw",
    Issue.EXTRA_CLAIM: "a claim the key does not have",
    Issue.SYNTAX_ERROR: "a syntax error",
}
"""Each kind of difference in words, for overviews."""

WRONG_LINK_ISSUES = (Issue.SUPPORT_AS_ATTACK, Issue.ATTACK_AS_SUPPORT, Issue.REVERSED)
"""Links the map asserts that the text does not: the other way round, or the other type."""

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
    hints: Hints
    """Feedback for the student at three levels: a question, what differs, the answer."""
    line: Line
    """The rubric line it costs points on."""
    key_claims: tuple[str, ...] = ()
    student_claims: tuple[str, ...] = ()
    key_links: tuple[int, ...] = ()
    student_links: tuple[int, ...] = ()
    counted: bool = True
    """False when it costs nothing (an optional link; an extra the rubric does not deduct for)."""
    certain: bool = True
    """False when it rests on a match argmap is unsure of, or on a claim the student may have in
    words argmap did not recognise: then it is for the teacher, not the student."""
    cost: float = 0.0
    """The points it costs (set by the comparison, for ranking the feedback)."""

    @property
    def message(self) -> str:
        """The feedback at level 2: what differs."""
        return self.hints.statement

    def to_json(self) -> dict[str, object]:
        """A plain dictionary for JSON output."""
        return {
            "issue": self.issue.value,
            "subject": self.subject,
            "message": self.message,
            "hints": [self.hints.at(level) for level in HINT_LEVELS],
            "line": self.line.value,
            "key_claims": list(self.key_claims),
            "student_claims": list(self.student_claims),
            "key_links": list(self.key_links),
            "student_links": list(self.student_links),
            "counted": self.counted,
            "certain": self.certain,
            "cost": self.cost,
        }


def missing_issue(key: ArgumentMap, step: Step) -> Issue:
    """What kind of link of the key a missing step is: a support, an objection, a rebuttal or an undercut."""
    if step.type is LinkType.SUPPORT:
        return Issue.MISSING_SUPPORT
    if not isinstance(step.target, str):
        return Issue.MISSING_UNDERCUT
    if key.roles.get(step.target, frozenset()) & {Role.OBJECTION, Role.REBUTTAL, Role.UNDERCUT}:
        return Issue.MISSING_REBUTTAL
    return Issue.MISSING_OBJECTION


def main_difference(student: ArgumentMap, key: ArgumentMap, table: Mapping[str, str], words: Words) -> Difference:
    assert key.main is not None
    wanted = words.q(key.main)
    question = "What does the author want the reader to believe above all, the claim everything else is there for?"
    mine = words.mine.get(key.main)
    answer = (
        f"Make {wanted} your main conclusion: {code(f'main conclusion {mine}: …')}." if mine is not None
        else f"Add it as your main conclusion: {code('main conclusion thesis: ' + ' '.join(words.text(key.main).split()))}."
    )
    if student.main is None:
        statement = f"Your map marks no main conclusion. The text argues above all for {wanted}."
        question = f"Your map marks no main conclusion. {question}"
        claims: tuple[str, ...] = ()
    else:
        yours = short(student.by_id[student.main].text)
        statement = (
            f"Your map makes {yours} the main conclusion, but the text argues above all for {wanted}: "
            "everything else in the text is there to support it."
        )
        if table.get(student.main, STUDENT) in key.by_id:
            statement += f" In the text, {yours} is a step on the way: ask what the author gives it to show."
        question = f"{question} Compare it with your main conclusion, {yours}: is that it, or a step on the way?"
        claims = (student.main,)
    return Difference(
        Issue.MAIN_WRONG, key.main, Hints(question, statement, answer), Line.MAIN,
        key_claims=(key.main,), student_claims=claims,
    )


def _passage(claim: Claim) -> str:
    """Where the text says a claim, for a question: its quote's first words."""
    quote = claim.get("quote")
    if quote is None or not quote.value.strip():
        return ""
    first = quote.value.split()
    return "“" + " ".join(first[:5]) + ("…”" if len(first) > 5 else "”")


def missing_claim(key: ArgumentMap, claim_id: str, words: Words, steps: Mapping[int, Step]) -> Difference:
    claim = key.by_id[claim_id]
    text = short(claim.text)
    uses = [step for step in steps.values() if claim_id in step.premises]
    passage = _passage(claim)
    look = f"Read the text again where it says {passage}: " if passage else ""
    answer = f"Add it: {code(f'{claim.kind.value} {claim_id}: ' + ' '.join(claim.text.split()))}"
    if uses:
        answer += f", and link it: {words.written(uses[0])}."
    if claim_id == key.main:
        statement = f"Your map does not have the text's main conclusion, {text}."
        question = "What does the author want the reader to believe above all? Your map does not say it yet."
    elif claim.kind is ClaimKind.ASSUMPTION:
        statement = f"Your map does not have an unstated assumption that the text relies on: {text}."
        question = "The text relies on something it never says."
        linked = [step for step in uses if len(step.premises) > 1]
        if linked:
            step = linked[0]
            others = step.premises - {claim_id}
            statement += (
                f" {words.claims(others)} only {they(others, 'supports', 'support')} "
                f"{words.target(step.target)} if something like it is true."
            )
            question = (
                f"For {words.claims(others)} to support {words.target(step.target)}, something the text "
                "never says must be true as well. What is it?"
            )
    elif uses and uses[0].type is LinkType.ATTACK:
        what = {
            Issue.MISSING_REBUTTAL: "an answer to an objection",
            Issue.MISSING_UNDERCUT: "an undercut (a reply that a step does not follow)",
        }.get(missing_issue(key, uses[0]), "an objection")
        source = "that the text raises" if claim.get("quote") is not None else "that the key adds"
        statement = f"Your map leaves out {what} {source}: {text} (against {words.target(uses[0].target)})."
        question = f"{look}what does it speak against, and where does it go in your map?" if look else (
            f"What could someone say against {words.target(uses[0].target)}?"
        )
    elif uses:
        source = "the text gives" if claim.get("quote") is not None or key.grounding is None else "the key adds"
        statement = f"Your map leaves out a reason {source}: {text} (for {words.target(uses[0].target)})."
        question = f"{look}what is it a reason for, and where does it go in your map?" if look else (
            f"What other reason is there for {words.target(uses[0].target)}?"
        )
    else:
        statement = f"Your map leaves out a claim of the text: {text}."
        question = f"{look}where does it go in your map?" if look else "The text makes one more claim. Which?"
    # The claims its sentences name: if one of them is an unsure match, so is the sentence.
    named = tuple(dict.fromkeys((claim_id, *(ref for use in uses[:1] for ref in refs_of(use)))))
    return Difference(
        Issue.MISSING_CLAIM, claim_id, Hints(_capital(question), statement, answer), Line.CLAIMS,
        key_claims=tuple(ref for ref in named if not ref.startswith(STUDENT)),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def extra_link(
    student: ArgumentMap, step: Step, index: int, words: Words, key: ArgumentMap, rubric: Rubric
) -> Difference:
    refs = refs_of(step)
    own = any(ref.startswith(STUDENT) for ref in refs)
    premises, target = words.claims(step.premises), words.target(step.target)
    role = "a reason for" if step.type is LinkType.SUPPORT else "an objection to"
    between = _skipped_steps(key, step)
    answer = f"Take {words.written(step)} out of your map."
    if own:
        statement = f"Your map has {premises} as {role} {target}; the key has no such link."
        question = f"Where in the text does the author give {premises} as {role} {target}?"
    elif between:
        via = ", which in turn supports ".join(words.q(ref) for ref in between)
        statement = (
            f"Your map has {premises} as a reason for {target} directly; in the text "
            f"{they(step.premises, 'it supports', 'they support')} {via}, which in turn supports {target}. "
            f"Your map skips {they(between, 'that step', 'those steps')}."
        )
        question = f"Your map links {premises} straight to {target}. Does the text go from one to the other in one step?"
        chain = (*step.premises, *between, step.target)
        answer = "In the text: " + " → ".join(words.q(ref) for ref in chain if isinstance(ref, str)) + "."
    else:
        statement = (
            f"Your map has {premises} as {role} {target}, but the key has no such link. "
            f"What does the author give {premises} for?"
        )
        question = f"What does the author give {premises} for?"
    inference = student.inferences[index]
    ends = (*inference.premises, *((inference.target,) if inference.target is not None else ()))
    return Difference(
        Issue.EXTRA_LINK,
        step.words([claim.id for claim in key.claims]),
        Hints(question, statement, answer),
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


def extra_claim(student: ArgumentMap, claim_id: str, rubric: Rubric) -> Difference:
    """A claim the key does not have: for the teacher to read (it may be the student's own
    assumption, or a claim of the key in words argmap did not recognise)."""
    claim = student.by_id[claim_id]
    return Difference(
        Issue.EXTRA_CLAIM,
        STUDENT + claim_id,
        Hints.same(f"{short(claim.text)} ({claim_id}) is not in the key."),
        Line.EXTRAS,
        student_claims=(claim_id,),
        counted=rubric.extra_claim > 0,
        certain=False,
    )


def claim_kind_difference(key_claim: Claim, student_claim: Claim) -> Difference:
    text = short(student_claim.text)
    yours = KIND_WORDS[student_claim.kind]
    theirs = key_claim.kind.value
    answer = f"Write it as {code(f'{theirs} {student_claim.id}: …')}."
    if key_claim.kind is ClaimKind.ASSUMPTION:
        statement = (
            f"You marked {text} as {yours}, but the text never says it: it is an unstated assumption that a "
            "reader adds. Mark it 'assumption'."
        )
        question = f"Does the text say {text}, or is it something a reader has to add?"
    elif student_claim.kind is ClaimKind.ASSUMPTION:
        quote = key_claim.get("quote")
        where = f" (“{quote.value.strip()}”)" if quote is not None and quote.value.strip() else ""
        statement = f"You marked {text} as an unstated assumption, but the text says it{where}. Mark it '{theirs}'."
        question = f"You marked {text} as an unstated assumption. Does the text really never say it?"
    elif key_claim.kind is ClaimKind.PREDICTION:
        statement = (
            f"You marked {text} as {yours}, but it is a forecast of what will happen: mark it 'prediction', "
            "so that it can be checked later."
        )
        question = f"Is {text} about what will happen? What kind of claim is it then?"
    elif student_claim.kind is ClaimKind.PREDICTION:
        statement = f"You marked {text} as a prediction, but the text does not forecast it: mark it '{theirs}'."
        question = f"You marked {text} as a prediction. Is it really about what will happen?"
    else:
        statement = f"You marked {text} as {yours}; the key has it as {KIND_WORDS[key_claim.kind]}."
        question = f"Look again at the kind of claim you gave {text}."
    return Difference(
        Issue.WRONG_CLAIM_KIND,
        key_claim.id,
        Hints(question, statement, answer),
        Line.KINDS,
        key_claims=(key_claim.id,),
        student_claims=(student_claim.id,),
    )


def statement_kind_difference(key_claim: Claim, student_claim: Claim, wanted: str, given: str | None) -> Difference:
    text = short(student_claim.text)
    meaning = STATEMENT_MEANINGS.get(wanted, wanted)
    choices = "something that can be checked now, the author's reading of the facts, a judgement of value, what someone should do, or what will happen"
    if given is None:
        statement = f"Say what kind of statement {text} is ('kind:'): it is {article(wanted)}, {meaning}."
        question = f"What kind of statement is {text}: {choices}? Add a 'kind:' line under it."
    else:
        statement = (
            f"You marked {text} as {article(given)}; the key reads it as {article(wanted)}: "
            f"{meaning}, not {STATEMENT_MEANINGS.get(given, given)}."
        )
        question = f"You marked {text} as {article(given)}. Is it {STATEMENT_MEANINGS.get(given, given)}? Look again: is it {choices}?"
    return Difference(
        Issue.WRONG_STATEMENT_KIND,
        key_claim.id,
        Hints(question, statement, f"Mark it {code(f'kind: {wanted}')}."),
        Line.KINDS,
        key_claims=(key_claim.id,),
        student_claims=(student_claim.id,),
    )
