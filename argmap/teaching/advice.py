"""Feedback on a link the student drew otherwise than the key, at three levels of help
(:class:`~argmap.teaching.wording.Hints`): a question that points to the place, what differs,
and the link as the student should write it. Claims are quoted in the student's own words."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import ClaimKind, LinkType

from .differences import Issue
from .steps import Step
from .wording import Hints, Words, they

__all__ = [
    "co_premise",
    "extra_co_premise",
    "flipped",
    "group_differs",
    "linked_as_separate",
    "missing_link",
    "reversed_arrow",
    "separate_as_linked",
    "wrong_target",
]


def flipped(w: Words, step: Step) -> Hints:
    """Support drawn as attack, or attack as support."""
    premises, target = w.claims(step.premises), w.target(step.target)
    question = f"{they(step.premises, 'Does', 'Do')} {premises} make {target} more believable, or less?"
    if step.type is LinkType.SUPPORT:
        statement = (
            f"Your map has {premises} attacking {target}, but in the text "
            f"{they(step.premises, 'it is a reason', 'they are reasons')} for it. {question}"
        )
        return Hints(question, statement, w.answer(step, "A support, with '->':"))
    statement = (
        f"Your map has {premises} supporting {target}, but in the text "
        f"{they(step.premises, 'it speaks', 'they speak')} against it. {question}"
    )
    return Hints(question, statement, w.answer(step, "An attack, with '-x':"))


def reversed_arrow(w: Words, step: Step) -> Hints:
    """The arrow drawn from the claim to its reason."""
    (premise,) = step.premises
    assert isinstance(step.target, str)
    verb = "supports" if step.type is LinkType.SUPPORT else "attacks"
    question = (
        f"Which of {w.q(premise)} and {w.q(step.target)} does the author give you so that you will "
        "believe the other? Check which way your arrow points."
    )
    statement = (
        f"Your map draws the arrow from {w.q(step.target)} to {w.q(premise)}, but in the text "
        f"{w.q(premise)} is the reason and {w.q(step.target)} the claim it {verb}. Ask which "
        "of the two the author gives you so that you will believe the other."
    )
    return Hints(question, statement, w.answer(step, "The arrow goes the other way:"))


def linked_as_separate(w: Words, step: Step, drawn: frozenset[str], left_out: frozenset[str]) -> Hints:
    """Premises that work only together drawn as separate reasons."""
    first, *rest = sorted(drawn, key=w.order)
    kind = "reasons for" if step.type is LinkType.SUPPORT else "objections to"
    target = w.target(step.target)
    question = (
        f"Your map has {w.claims(drawn)} as separate {kind} {target}. Cover one of them up: does the "
        "other still do the job on its own, or only together with it?"
    )
    statement = (
        f"Your map treats {w.claims(drawn)} as separate {kind} {target}; in the "
        f"text they only work together. What does {w.q(first)} need {w.claims(rest)} for?"
    )
    if left_out:
        statement += f" The text joins {w.claims(left_out)} to them as well."
    return Hints(question, statement, w.answer(step, "Join them with '+':"))


def co_premise(w: Words, key: ArgumentMap, drawn: frozenset[str], left_out: frozenset[str], step: Step) -> Hints:
    """A linked reason drawn with only some of its premises."""
    support = step.type is LinkType.SUPPORT
    partner = w.claims(left_out)
    unstated = all(key.by_id[r].kind is ClaimKind.ASSUMPTION for r in left_out)
    if unstated:
        partner = they(left_out, "an unstated assumption, ", "unstated assumptions, ") + partner
    target = w.target(step.target)
    verb = "support" if support else "count against"
    question = (
        f"Your map has {w.claims(drawn)} {'supporting' if support else 'attacking'} {target} on "
        f"{they(drawn, 'its', 'their')} own. What else must be true for {w.claims(drawn)} to {verb} {target}?"
    )
    statement = (
        f"Your map has {w.claims(drawn)} {'supporting' if support else 'attacking'} {target} on "
        f"{they(drawn, 'its', 'their')} own; in the text {they(drawn, 'it does', 'they do')} so only "
        f"together with {partner}."
    )
    missing = [r for r in left_out if r not in w.mine]
    if missing:
        statement += f" Your map does not have {they(missing, 'that claim', 'those claims')} yet."
    if unstated:
        statement += f" What else must be true for {w.claims(drawn)} to {verb} {target}?"
    else:
        statement += " How do they work together?"
    return Hints(question, statement, w.answer(step, "Join them with '+':"))


def separate_as_linked(w: Words, theirs: Step, groups: Sequence[Step], covered: frozenset[str]) -> Hints:
    """Separate reasons joined with '+'."""
    target = w.target(theirs.target)
    premises = [group.premises for group in groups]
    if all(len(group) == 1 for group in premises):
        separate = "each is a reason on its own"
    else:
        separate = f"they make {len(premises)} separate reasons: " + "; ".join(
            w.claims(group) if len(group) == 1 else w.claims(group).replace(" and ", " with ", 1)
            for group in premises
        )
    question = (
        f"Your map joins {w.claims(covered)} with '+'. Cover one of them up: does the other still "
        f"give some reason for {target}?"
    )
    statement = (
        f"Your map joins {w.claims(covered)} with '+', as if they only worked together for "
        f"{target}; in the text {separate}. Cover one reason up: does the other still "
        f"give some reason for {target}?"
    )
    answer = "In your map: " + ", ".join(w.written(group) for group in groups) + "."
    return Hints(question, statement, answer)


def extra_co_premise(w: Words, theirs: Step, step: Step, added: frozenset[str]) -> Hints:
    """A key claim joined to a reason that does not need it."""
    target = w.target(theirs.target)
    mine = step.premises
    question = f"Your map joins {w.claims(added)} to {w.claims(mine)} as one reason for {target}. Is {w.claims(added)} needed for this step?"
    statement = (
        f"Your map joins {w.claims(added)} to {w.claims(mine)} as one reason for {target}; in the "
        f"text {w.claims(mine)} {they(mine, 'does', 'do')} the job without "
        f"{they(added, 'it', 'them')}. Is {w.claims(added)} needed for this step?"
    )
    return Hints(question, statement, w.answer(step))


def group_differs(w: Words, step: Step, theirs: Step) -> Hints:
    """A linked group that shares some premises with the key's and has others."""
    yours, wanted = theirs.premises - step.premises, step.premises - theirs.premises
    target = w.target(step.target)
    question = f"Look at the claims you joined as one reason for {target}: which of them does the step rely on?"
    statement = (
        f"Your map joins {w.claims(theirs.premises)} as one reason for {target}; "
        f"in the text the reason is {w.claims(step.premises)}. Compare {w.claims(yours)} with "
        f"{w.claims(wanted)}: which of them does the step rely on?"
    )
    return Hints(question, statement, w.answer(step))


def wrong_target(w: Words, step: Step, theirs: Step) -> Hints:
    """The right premises and type, aimed at another claim."""
    support = step.type is LinkType.SUPPORT
    premises = w.claims(step.premises)
    verb = "support" + they(step.premises, "s", "") if support else "answer" + they(step.premises, "s", "")
    aim = "give it as a reason for" if support else "aim it at"
    if not isinstance(step.target, str):  # the key's target is a step: an undercut
        aim = "aim it at: a claim, or the step from one claim to another"
    question = f"What exactly does the author {aim}? Is it {w.target(theirs.target)}, as in your map?"
    statement = (
        f"Your map has {premises} {'supporting' if support else 'attacking'} "
        f"{w.target(theirs.target)}; in the text {they(step.premises, 'it', 'they')} {verb} "
        f"{w.target(step.target)}. What exactly does the author {aim}?"
    )
    return Hints(question, statement, w.answer(step))


def missing_link(w: Words, issue: Issue, step: Step) -> Hints:
    """A link of the key that the student did not draw."""
    premises, target = w.claims(step.premises), w.target(step.target)
    question = f"Your map has {premises} and {target}. How are they connected in the text?"
    if issue is Issue.MISSING_SUPPORT:
        statement = (
            f"Your map has {premises} and {target} but draws no link between them: in the text, "
            f"{premises} {they(step.premises, 'supports', 'together support')} {target}."
        )
    elif issue is Issue.MISSING_UNDERCUT:
        statement = (
            f"Your map does not draw {premises} against {target}: in the text "
            f"{they(step.premises, 'it says', 'they say')} that this step does not follow."
        )
        question = f"Your map has {premises}. What does {they(step.premises, 'it', 'it')} speak against in the text: a claim, or a step from one claim to another?"
    elif issue is Issue.MISSING_REBUTTAL:
        statement = (
            f"Your map does not draw {premises} as an answer to the objection {target}: "
            f"in the text {they(step.premises, 'it rebuts', 'they rebut')} it."
        )
    else:
        statement = (
            f"Your map does not draw {premises} as an objection to {target}: in the text "
            f"{they(step.premises, 'it speaks', 'they speak')} against it."
        )
    return Hints(question, statement, w.answer(step))
