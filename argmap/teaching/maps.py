"""Maps for teaching, drawn by :mod:`argmap.render`: the difference map and the blank map.

Both build an ordinary :class:`~argmap.resolver.ArgumentMap` (pure, no Graphviz)
and hand it to the renderer: the difference map with :class:`~argmap.render.Marks`
over the claims and links that differ, the blank map with every text taken out.

- :func:`difference_map`: the key's claims and links, plus the student's extra
  claims and links. Missing, extra and wrong links (and claims) each get their
  own mark: a colour, a line style and a short label, explained in the legend.
- :func:`blank_map`: the key's structure with numbered empty boxes; no text,
  id, quote, statement kind or link label of the key is left in it, and by
  default no kind of box either (premise, assumption, objection, prediction):
  finding those is often the exercise. The arrows, support or attack, stay.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from argmap.analysis.argument_map import ArgumentMap, Inference, Role
from argmap.core.model import Claim, ClaimKind, Property
from argmap.drawing import Mark, Marks

from .align import translation
from .compare import Comparison
from .differences import Issue, LinkStatus
from .steps import STUDENT

MISSING = Mark(
    "diff-missing", "#8C8C8C", "dashed", 2.0, note="missing", meaning="in the key, missing from the map"
)
"""Grey and dashed: what the key has and the student's map lacks."""
EXTRA = Mark("diff-extra", "#0072B2", "dotted", 3.0, note="extra", meaning="in the map, not in the key")
"""Blue and dotted: what the student's map has and the key does not."""
WRONG = Mark(
    "diff-wrong", "#E69F00", "bold", 3.5, note="drawn differently",
    meaning="in the key, drawn differently in the map (the label says how)",
)
"""Orange and bold: a link of the key drawn otherwise (the label says how), a claim of the wrong kind."""
OPTIONAL = Mark("diff-optional", "#BDBDBD", "dotted", 1.5, note="optional", meaning="optional in the key, not drawn")

_WRONG_NOTES = {
    Issue.LINKED_AS_SEPARATE: "yours: separate reasons",
    Issue.SEPARATE_AS_LINKED: "yours: linked with +",
    Issue.MISSING_CO_PREMISE: "yours: a co-premise missing",
    Issue.EXTRA_CO_PREMISE: "yours: an extra co-premise",
    Issue.GROUP_DIFFERS: "yours: other co-premises",
    Issue.SUPPORT_AS_ATTACK: "yours: an attack",
    Issue.ATTACK_AS_SUPPORT: "yours: a support",
    Issue.REVERSED: "yours: the other way round",
}


def _titled(amap: ArgumentMap, title: str) -> ArgumentMap:
    """The map with another title in its header."""
    document = amap.document
    old = next((field for field in document.header if field.key == "title"), None)
    if old is not None:
        header = tuple(attrs.evolve(field, value=title) if field is old else field for field in document.header)
    else:
        if not document.claims:
            return amap
        span = document.claims[0].span
        header = (*document.header, Property.spanning("title", title, document.source, span, span))
    return attrs.evolve(amap, document=attrs.evolve(document, header=header))


def difference_map(comparison: Comparison) -> tuple[ArgumentMap, Marks]:
    """The map to draw for a comparison, and the marks to draw over it."""
    c = comparison
    key, student = c.key, c.student
    names: dict[str, str] = {}
    for claim_id in c.extra:
        name = claim_id
        while name in key.by_id or name in names.values():
            name += "_yours"
        names[claim_id] = name
    table = {
        sid: names[sid] if ref.startswith(STUDENT) else ref for sid, ref in translation(student, c.matches).items()
    }

    claims = list(key.claims) + [attrs.evolve(student.by_id[sid], id=names[sid], section=None) for sid in c.extra]
    roles = dict(key.roles)
    roles.update({names[sid]: student.roles.get(sid, frozenset()) for sid in c.extra})

    drawn_as: dict[int, int] = {}
    for link in c.key_links:
        for j in link.student:
            drawn_as.setdefault(j, link.index)
    inferences = list(key.inferences)
    link_marks: dict[int, Mark] = {}
    for j in c.extra_links:
        drawn_as[j] = len(inferences)
        inferences.append(student.inferences[j])  # placeholder, replaced below
    for j in c.extra_links:
        theirs = student.inferences[j]
        target_inference = None
        if theirs.target_inference is not None:
            target_inference = drawn_as.get(theirs.target_inference)
            if target_inference is None:
                continue
        inferences[drawn_as[j]] = attrs.evolve(
            theirs,
            index=drawn_as[j],
            premises=tuple(table[p] for p in theirs.premises),
            target=table[theirs.target] if theirs.target is not None else None,
            target_inference=target_inference,
            label=None,
        )
        link_marks[drawn_as[j]] = EXTRA
    # An extra undercut of something not drawn would point nowhere: leave it out.
    kept = [i for i in inferences if not (i.index >= len(key.inferences) and i.index not in link_marks)]
    renumber = {inference.index: n for n, inference in enumerate(kept)}
    inferences = [
        attrs.evolve(
            inference,
            index=renumber[inference.index],
            target_inference=None if inference.target_inference is None else renumber[inference.target_inference],
        )
        for inference in kept
    ]
    link_marks = {renumber[index]: mark for index, mark in link_marks.items()}
    for link in c.key_links:
        if link.status is LinkStatus.MISSING:
            link_marks[link.index] = OPTIONAL if link.optional else MISSING
        elif link.status in (LinkStatus.RIGHT, LinkStatus.ALTERNATIVE):
            continue
        else:
            link_marks[link.index] = attrs.evolve(WRONG, note=_wrong_note(c, link.issue, link.student))

    claim_marks: dict[str, Mark] = {}
    for claim_id in c.missing:
        claim_marks[claim_id] = attrs.evolve(MISSING, note="missing from the map")
    for claim_id in c.skipped:
        claim_marks[claim_id] = attrs.evolve(OPTIONAL, note="optional: not in the map")
    for sid in c.extra:
        claim_marks[names[sid]] = attrs.evolve(EXTRA, note="not in the key")
    for difference in c.differences:
        if difference.issue in (Issue.WRONG_CLAIM_KIND, Issue.WRONG_STATEMENT_KIND):
            mine = student.by_id[difference.student_claims[0]]
            if difference.issue is Issue.WRONG_CLAIM_KIND:
                said = f"marked {mine.kind.value}"
            else:
                given = mine.get("kind")
                said = f"marked kind: {given.value.strip()}" if given is not None else "no kind: given"
            previous = claim_marks.get(difference.subject)
            note = f"yours: {said}" if previous is None else f"{previous.note}; {said}"
            claim_marks[difference.subject] = attrs.evolve(WRONG, note=note)
    if not c.main_ok and key.main is not None and key.main not in claim_marks:
        mine_main = student.main
        note = "not your main conclusion" if mine_main is not None else "the map marks no main conclusion"
        claim_marks[key.main] = attrs.evolve(WRONG, note=note)

    by_id = {claim.id: claim for claim in claims}
    title = (key.title or "Argument map") + " — the map compared with the key"
    union = ArgumentMap(
        document=key.document,
        claims=tuple(claims),
        inferences=tuple(inferences),
        diagnostics=(),
        main=key.main,
        roles=roles,
        depth=key.depth,
        by_id=by_id,
    )
    return _titled(union, title), Marks(claims=claim_marks, links=link_marks)


def _wrong_note(c: Comparison, issue: Issue | None, students: tuple[int, ...]) -> str:
    if issue is Issue.WRONG_TARGET and students:
        theirs = c.student.inferences[students[0]]
        target = theirs.target if theirs.target is not None else "another link"
        return f"yours: aimed at {target}"
    return _WRONG_NOTES.get(issue, "drawn differently") if issue is not None else "drawn differently"


BLANK_LINE = "\u2007" * 16
"""A line of figure spaces: the room left in each empty box (two lines), enough for a letter or a
few words, and narrow enough that a whole map prints large on A4."""


def box_order(key: ArgumentMap) -> tuple[str, ...]:
    """The key's claims in the order their boxes are numbered: the main conclusion first,
    then by distance below it, then in the order of the file."""
    position = {claim.id: n for n, claim in enumerate(key.claims)}
    far = len(key.claims) + 1
    return tuple(
        sorted(position, key=lambda claim_id: (key.depth.get(claim_id, far), position[claim_id]))
    )


def blank_map(key: ArgumentMap, title: str | None = None, *, kinds: bool = False) -> tuple[ArgumentMap, Mapping[str, int]]:
    """The key's structure with numbered empty boxes, and each claim's box number. With ``kinds``
    each box keeps its kind (premise, unstated assumption, objection…); without, every box but the
    main conclusion's is a plain claim, so the map gives none of them away."""
    numbers = {claim_id: n for n, claim_id in enumerate(box_order(key), 1)}
    blank = "\n".join([BLANK_LINE] * 2)

    def box(claim: Claim) -> Claim:
        kind = claim.kind if kinds else ClaimKind.CLAIM
        return attrs.evolve(claim, id=str(numbers[claim.id]), text=blank, properties=(), kind=kind)

    def link(inference: Inference) -> Inference:
        return attrs.evolve(
            inference,
            premises=tuple(str(numbers[p]) for p in inference.premises),
            target=str(numbers[inference.target]) if inference.target is not None else None,
            label=None,
        )

    claims = tuple(sorted((box(claim) for claim in key.claims), key=lambda claim: int(claim.id)))
    roles: dict[str, frozenset[Role]] = {
        str(numbers[k]): (v if kinds else v & {Role.MAIN}) for k, v in key.roles.items() if k in numbers
    }
    document = attrs.evolve(key.document, sections=())
    claims = tuple(attrs.evolve(claim, section=None) for claim in claims)
    amap = ArgumentMap(
        document=document,
        claims=claims,
        inferences=tuple(link(inference) for inference in key.inferences),
        diagnostics=(),
        main=str(numbers[key.main]) if key.main is not None else None,
        roles=roles,
        depth={str(numbers[k]): v for k, v in key.depth.items() if k in numbers},
        by_id={claim.id: claim for claim in claims},
    )
    return _titled(amap, title or f"Blank map: {key.title or 'argument map'}"), numbers
