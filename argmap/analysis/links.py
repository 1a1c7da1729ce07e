"""The links: each support and attack bound to its claims, as numbered :class:`Inference` steps.

``a, b -> c`` makes two inferences (each reason stands alone), ``a + b -> c``
one with two premises; an undercut ``u -x (a -> c)`` names the inference it
attacks. Codes: N001 (an unknown id), N003 (an undercut naming no inference of
the map), G001 (self-support), G008 (a linked group of one), G010 (a link or
premise written twice), G012 (an undercut of separate reasons), G014 (support
and attack of the same target), and each link's properties.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap.core.diagnostics import Note
from argmap.core.model import Claim, Link, LinkRef, LinkType, Ref, Span, Target
from argmap.core.suggest import Guesser
from argmap.language.schema import LINK_PROPERTIES

from .argument_map import Inference
from .findings import Report
from .properties import PropertyRules

__all__ = ["LinkBinder"]

_LINK_RULES = PropertyRules("a link", LINK_PROPERTIES, None)

_SUPPORT = LinkType.SUPPORT
_ATTACK = LinkType.ATTACK
"""The link types, looked up once: ``LinkType.SUPPORT`` goes through the enum class's slow
``__getattr__`` hook each time, which tells in loops over every link."""


class LinkBinder:
    """Reads the links one by one into inferences, reporting what cannot be bound."""

    def __init__(self, claims: Mapping[str, Claim], report: Report) -> None:
        self.claims = claims
        self.report = report
        self.attack_sources: set[str] = set()
        """Ids written before a '-x', even in a link dropped for an error."""
        self.mentioned: set[str] = set()
        """Ids named in a link but in no inference made of it, as when the link is dropped
        for an error: no cascade of warnings. (Ids in inferences are linked anyway.)"""
        self.drafts: list[_Draft] = []
        """The inferences while the links are read, in the order they are added."""
        self.order_keys: list[tuple[bytes, bytes]] = []
        """For each draft, where its link and it are written (packed offsets, which sort as the
        offsets do): the order of the inferences."""
        self.supports: dict[_Shape, int] = {}
        self.attacks: dict[_Shape, int] = {}
        """Drafts by premises and target, one table per type: finds duplicates and undercut targets at once."""
        self.drafts_by_target: dict[str | int, list[int]] | None = None
        """Drafts by target claim or target draft, made when first needed (see :meth:`drafts_into`)."""
        self.guess_id = Guesser(claims)
        """"Did you mean" for an unknown id (N001), for the first 100 different ones."""

    def known(self, ref: Ref) -> bool:
        self.mentioned.add(ref.id)
        return self.all_known((ref,))

    def all_known(self, refs: tuple[Ref, ...]) -> bool:
        """Whether every ref names a claim; each one that does not is reported (N001).

        The caller sees to :attr:`mentioned`.
        """
        claims = self.claims
        ok = True
        for ref in refs:
            if ref.id not in claims:
                guess = self.guess_id(ref.id)
                hint = f": did you mean '{guess}'?" if guess else ""
                notes = [Note(f"'{guess}' is defined here", claims[guess].id_span)] if guess else []
                self.report("N001", f"no claim has the id '{ref.id}'{hint}", ref.span, *notes)
                ok = False
        return ok

    def unique_sources(self, sources: tuple[Ref, ...]) -> tuple[str, ...]:
        if len(sources) == 1:
            return (sources[0].id,)
        return tuple(dict.fromkeys([ref.id for ref in sources]))

    def by_shape(self, link_type: LinkType) -> tuple[dict[_Shape, int], dict[_Shape, int]]:
        """The drafts of this type by shape, and those of the other type."""
        if link_type is _SUPPORT:
            return self.supports, self.attacks
        return self.attacks, self.supports

    def support_of_inference(self, sources: tuple[Ref, ...], linked: bool, target: LinkRef, where: Span) -> None:
        """G015: ``->`` into parentheses. Only an undercut (``-x``) points at an inference."""
        self.mentioned.update([ref.id for ref in sources])
        self.mentioned.update(_ids_in(target))
        meant = f"{_written(sources, linked)} -x ({_written_ref(target)})"
        self.report(
            "G015",
            f"a support arrow cannot point at an inference in parentheses: did you mean '{meant}'?",
            where,
            Note("only '-x' takes an inference: an undercut says the step does not follow; to support a "
                 "claim, point '->' at the claim itself"),
        )

    def find_inference(self, ref: LinkRef) -> int | None:
        """The index of the draft a parenthesised link names, or None (reported)."""
        if ref.type is _SUPPORT and isinstance(ref.target, LinkRef):
            self.support_of_inference(ref.sources, ref.linked, ref.target, ref.span)
            return None
        self.mentioned.update([source.id for source in ref.sources])
        if not self.all_known(ref.sources):  # report every unknown id
            return None
        if not ref.linked and len(self.unique_sources(ref.sources)) > 1:
            self.report(
                "G012",
                "an undercut attacks one inference, but '"
                + ", ".join(s.id for s in ref.sources)
                + "' are separate reasons: write one undercut for each",
                ref.span,
            )
            return None
        target_key: str | int
        if isinstance(ref.target, Ref):
            if not self.known(ref.target):
                return None
            target_key = ref.target.id
        else:
            target_inference = self.find_inference(ref.target)
            if target_inference is None:
                return None
            target_key = target_inference
        premises = self.unique_sources(ref.sources)
        found = self.by_shape(ref.type)[0].get(_shape(premises, target_key))
        if found is not None:
            return found
        written = " + ".join(sorted(premises)) + f" {ref.type.value} "
        written += target_key if isinstance(target_key, str) else "(…)"
        drafts = self.drafts
        notes = [
            Note(f"the map has: {_describe_draft(drafts, drafts[other])}", drafts[other][2].span)
            for other in self.drafts_into(target_key)[:5]
        ]
        self.report(
            "N003",
            f"the map has no inference '{written}' for this undercut to attack",
            ref.span,
            *notes,
        )
        return None

    def drafts_into(self, target_key: str | int) -> list[int]:
        """The drafts with this target (a claim id or a draft's index), in the order added.

        Only the notes of N003 need them, so the table is made at the first one
        and kept up to date from then on.
        """
        if self.drafts_by_target is None:
            self.drafts_by_target = {}
            for index, (_, _, _, target, target_inference) in enumerate(self.drafts):
                key = target if target is not None else target_inference
                assert key is not None
                self.drafts_by_target.setdefault(key, []).append(index)
        return self.drafts_by_target.get(target_key, [])

    def bind(self, links: tuple[Link, ...]) -> list[Inference]:
        """The inferences of all the links, numbered in source order."""
        # Inferences are numbered in source order; an undercut can only name an
        # inference written before it or in an earlier line, so resolve in two passes:
        # first every link whose target is a claim, then the undercuts.
        pending = _bind_to_claims(self, links)
        # An undercut of an undercut needs the inner undercut first.
        for link in sorted(pending, key=lambda link: _nesting(link.target)):
            self.add_link(link)
        # Number the inferences in source order (the undercuts came last above), and
        # make each record once, with its final numbers. First let go of what only the
        # links need.
        drafts = self.drafts
        order = sorted(range(len(drafts)), key=self.order_keys.__getitem__)
        self.drafts = []
        self.order_keys = []
        self.supports = {}
        self.attacks = {}
        self.drafts_by_target = None
        number = [0] * len(drafts)
        for position, index in enumerate(order):
            number[index] = position
        return [
            Inference(
                position,
                link.type,
                premises,
                link.linked,
                target,
                None if target_inference is None else number[target_inference],
                link.label,
                link,
                span,
            )
            for position, (link, premises, span, target, target_inference) in enumerate(
                map(drafts.__getitem__, order)
            )
        ]

    def add_link(self, link: Link) -> None:
        if link.properties:
            _LINK_RULES.check(link.properties, self.report)
            kind = link.get("kind")
            if kind is not None and link.type is _ATTACK and kind.value.strip().lower() == "example":
                self.report(
                    "K002",
                    "bad value for 'kind': only a support can be an example; an attack is a counter-example "
                    "(write it as an objection)",
                    kind.value_span,
                )
        sources = link.sources
        target = link.target
        if isinstance(target, LinkRef) and link.type is _SUPPORT:
            self.support_of_inference(sources, link.linked, target, link.arrow_span)
            return
        if link.type is _ATTACK:
            self.attack_sources.update([ref.id for ref in sources])
        target_claim: str | None = None
        target_inference: int | None = None
        target_key: str | int
        if isinstance(target, Ref):
            # Report every unknown id: the sources', then the target's.
            if not self.all_known((*sources, target)):
                self.mentioned.update([ref.id for ref in sources])
                self.mentioned.add(target.id)
                return
            target_key = target_claim = target.id
        else:
            sources_ok = self.all_known(sources)
            target_inference = self.find_inference(target)
            if not sources_ok or target_inference is None:
                self.mentioned.update([ref.id for ref in sources])
                return
            target_key = target_inference
        # The premises without repeats, and the inferences they make: one for a
        # linked group, else one for each premise, where its id is first written.
        premises: tuple[str, ...]
        groups: list[tuple[tuple[str, ...], Link | Ref]]
        if len(sources) == 1:
            premises = (sources[0].id,)
            groups = [(premises, link if link.linked else sources[0])]
        elif link.linked:
            premises = self.unique_sources(sources)
            groups = [(premises, link)]
        else:
            places: dict[str, Ref] = {}
            for ref in sources:
                places.setdefault(ref.id, ref)
            premises = tuple(places)
            groups = [((premise,), ref) for premise, ref in places.items()]
            if len(premises) < len(sources):
                seen: set[str] = set()
                for ref in sources:
                    if ref.id in seen:
                        self.report("G010", f"'{ref.id}' is listed twice in this link", ref.span)
                    seen.add(ref.id)
        if link.linked and len(premises) == 1:
            self.report(
                "G008",
                f"this linked group has only one premise, '{premises[0]}': '+' joins premises "
                "that work only together",
                sources[0].span.to(sources[-1].span),
                Note("add the co-premise it needs (often an unstated assumption), or drop the '+'"),
            )
        if target_claim is not None:
            if target_claim in premises:
                verb = "support" if link.type is _SUPPORT else "attack"
                for source in sources:
                    if source.id == target_claim:
                        self.report("G001", f"'{source.id}' cannot {verb} itself", source.span)
        elif target_inference is not None:
            undercut_premises = self.drafts[target_inference][1]
            for source in sources:
                if source.id in undercut_premises:
                    self.report(
                        "G001",
                        f"'{source.id}' cannot attack an inference it is itself a premise of",
                        source.span,
                    )
        same, opposite = self.by_shape(link.type)
        drafts = self.drafts
        for group, place in groups:
            if target_claim is not None and target_claim in group:
                self.mentioned.update(group)  # named, but in no inference
                continue
            shape = _shape(group, target_key)
            duplicate = same.get(shape)
            if duplicate is not None:
                self.report(
                    "G010",
                    "this link is already in the map",
                    place.span,
                    Note("first written here", drafts[duplicate][2].span),
                )
                continue
            other = opposite.get(shape)
            if other is not None:
                self.report(
                    "G014",
                    f"'{' + '.join(group)}' both supports and attacks the same target",
                    place.span,
                    Note("the other link is here", drafts[other][2].span),
                )
            self.add_draft(same, shape, (link, group, place, target_claim, target_inference), target_key)

    def add_draft(self, same: dict[_Shape, int], shape: _Shape, draft: _Draft, target_key: str | int) -> None:
        """Add an inference to the drafts and to the tables that find it (``same``: by its shape)."""
        drafts = self.drafts
        same[shape] = len(drafts)
        if self.drafts_by_target is not None:
            self.drafts_by_target.setdefault(target_key, []).append(len(drafts))
        drafts.append(draft)
        link, _, place, _, _ = draft
        self.order_keys.append((link.at, place.at))


def _bind_to_claims(binder: LinkBinder, links: tuple[Link, ...]) -> list[Link]:
    """Bind the links whose target is a claim; the undercuts are returned, to be bound after.

    Most links are one premise, known, supporting or attacking another known claim for the
    first time: they are bound here in a few steps, as :meth:`LinkBinder.add_link` would bind
    them. Anything else (properties, several premises, an id unknown, a link written before)
    goes through ``add_link``.
    """
    pending: list[Link] = []
    claims, add_draft = binder.claims, binder.add_draft
    supports, attacks, attack_sources = binder.supports, binder.attacks, binder.attack_sources
    for link in links:
        target = link.target
        if isinstance(target, LinkRef):
            pending.append(link)
            continue
        sources = link.sources
        if link.properties or len(sources) != 1 or link.linked:
            binder.add_link(link)
            continue
        place = sources[0]
        premise = place.id
        claim = target.id
        shape = (premise, claim)
        if premise == claim or premise not in claims or claim not in claims or shape in supports or shape in attacks:
            binder.add_link(link)
            continue
        if link.type is _SUPPORT:
            add_draft(supports, shape, (link, (premise,), place, claim, None), claim)
        else:
            attack_sources.add(premise)
            add_draft(attacks, shape, (link, (premise,), place, claim, None), claim)
    return pending


def _nesting(target: Target) -> int:
    depth = 0
    while isinstance(target, LinkRef):
        depth += 1
        target = target.target
    return depth


_Draft = tuple[Link, tuple[str, ...], Link | Ref, str | None, int | None]
"""An inference while the links are read: its link, premises, place, and target claim or
target draft (the index of the draft an undercut attacks). The records are made once all
the links are read and the inferences can be numbered in source order."""

_Shape = tuple[str | frozenset[str], str | int]
"""What makes two inferences of a type the same, as :func:`_shape` makes it."""


def _shape(premises: tuple[str, ...], target: str | int) -> _Shape:
    """The premises (without repeats) in any order, and the target claim's id or target draft's index."""
    return (premises[0] if len(premises) == 1 else frozenset(premises), target)


def _describe_draft(drafts: list[_Draft], draft: _Draft) -> str:
    link, premises, _, target, target_inference = draft
    joiner = " + " if link.linked else ", "
    if target is None:
        assert target_inference is not None
        target = "(" + _describe_draft(drafts, drafts[target_inference]) + ")"
    return f"{joiner.join(premises)} {link.type.value} {target}"


def _written(sources: tuple[Ref, ...], linked: bool) -> str:
    return (" + " if linked else ", ").join(ref.id for ref in sources)


def _written_ref(ref: LinkRef) -> str:
    """A parenthesised inference as written (its own parentheses left out)."""
    target = ref.target.id if isinstance(ref.target, Ref) else f"({_written_ref(ref.target)})"
    return f"{_written(ref.sources, ref.linked)} {ref.type.value} {target}"


def _ids_in(ref: LinkRef) -> list[str]:
    ids = [source.id for source in ref.sources]
    ids += [ref.target.id] if isinstance(ref.target, Ref) else _ids_in(ref.target)
    return ids
