"""Bind ids, check the links, derive roles: :class:`Document` to :class:`ArgumentMap`.

The resolver never raises for anything a user wrote: every problem becomes a
:class:`~argmap.diagnostics.Diagnostic` in ``ArgumentMap.diagnostics``. All
graph walks are iterative, so maps of any depth resolve without recursion.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ._speed import gc_paused
from .codes import REGISTRY
from .diagnostics import Diagnostic, Note, Severity, sort_key
from .model import Claim, ClaimKind, Document, Link, LinkRef, LinkType, Property, Ref, Span, Target

if TYPE_CHECKING:
    from .grounding import Grounding
from .schema import CLAIM_PROPERTIES, HEADER_FIELDS, LINK_PROPERTIES, PropertySpec, allowed_for
from .suggest import Guesser


class Role(enum.Enum):
    """What a claim does in the map, derived from the links (never declared)."""

    MAIN = "main conclusion"
    INTERMEDIATE = "intermediate conclusion"
    """Supported by something, and itself supports something."""
    BASIC_PREMISE = "basic premise"
    """Supports something, and nothing supports it."""
    OBJECTION = "objection"
    """Attacks a claim that attacks nothing."""
    REBUTTAL = "rebuttal"
    """Attacks a claim that itself attacks something: an objection to an objection."""
    UNDERCUT = "undercut"
    """Attacks an inference: "that does not follow"."""


_ROLES = tuple(Role)
"""A set of roles as a number: the role at ``n`` here is bit ``1 << n``."""
_MAIN = 1 << _ROLES.index(Role.MAIN)
_INTERMEDIATE = 1 << _ROLES.index(Role.INTERMEDIATE)
_BASIC_PREMISE = 1 << _ROLES.index(Role.BASIC_PREMISE)
_OBJECTION = 1 << _ROLES.index(Role.OBJECTION)
_REBUTTAL = 1 << _ROLES.index(Role.REBUTTAL)
_UNDERCUT = 1 << _ROLES.index(Role.UNDERCUT)
_ROLE_SETS = tuple(
    frozenset(role for n, role in enumerate(_ROLES) if mask >> n & 1) for mask in range(1 << len(_ROLES))
)
"""Each set of roles, by its number: claims with the same roles share one frozenset."""


@attrs.frozen
class Inference:
    """One step of reasoning: premises that support or attack one target.

    ``a, b -> c`` gives two inferences (each reason stands alone);
    ``a + b -> c`` gives one with two premises (they work only together).
    """

    index: int
    type: LinkType
    premises: tuple[str, ...]
    """Claim ids, in the order written, without repeats."""
    linked: bool
    """Written with ``+``: the premises work only together."""
    target: str | None
    """The claim this inference supports or attacks, or ``None`` for an undercut."""
    target_inference: int | None
    """For an undercut: the index of the inference it attacks."""
    label: str | None
    link: Link
    """The link statement this inference was written in."""
    span: Span
    """Where it was written: the premise for one of several separate reasons, else the link."""

    @property
    def is_undercut(self) -> bool:
        """True when this inference attacks another inference rather than a claim."""
        return self.target_inference is not None


@attrs.frozen(eq=False)
class ArgumentMap:
    """A resolved map: claims, inferences, derived roles, and what the resolver found."""

    document: Document
    claims: tuple[Claim, ...]
    """Every claim, in source order (a duplicated id keeps its first definition)."""
    inferences: tuple[Inference, ...]
    """Every inference whose ids all resolved, in source order."""
    diagnostics: tuple[Diagnostic, ...]
    """Sorted by position."""
    main: str | None
    """The id of the main conclusion, if exactly one was marked (the first if several)."""
    roles: Mapping[str, frozenset[Role]]
    depth: Mapping[str, int]
    """Distance below the main conclusion, for claims that lead to it (main is 0)."""
    by_id: Mapping[str, Claim]
    """The claims by id."""
    grounding: Grounding | None = None
    """The source text and where each quote was found, when the header names a readable source."""

    @property
    def title(self) -> str | None:
        """The header's title."""
        return self.document.header_value("title")

    @property
    def path(self) -> str:
        """The file the map was read from."""
        return self.document.path

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; KeyError if there is none."""
        return self.by_id[claim_id]

    def _repr_svg_(self) -> str | None:
        """The map drawn as SVG, for Jupyter (None without Graphviz's dot)."""
        from .render import repr_svg

        return repr_svg(self)

    def claims_with(self, role: Role) -> tuple[Claim, ...]:
        """The claims that have ``role``, in source order."""
        return tuple(claim for claim in self.claims if role in self.roles.get(claim.id, ()))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity error."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity warning."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings are allowed)."""
        return not self.errors


_SUPPORT = LinkType.SUPPORT
_ATTACK = LinkType.ATTACK
"""The link types, looked up once: ``LinkType.SUPPORT`` goes through the enum class's slow
``__getattr__`` hook each time, which tells in loops over every link."""

_WORD = re.compile(r"\w+")


def _normal_text(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


_SEPARATOR = "\x01"
_ASCII_WORDS = bytes(
    ord(char.lower()) if char.isalnum() or char in "_" + _SEPARATOR else ord(" ") for char in map(chr, range(128))
).ljust(256)
"""For bytes.translate of ASCII: letters lowered, digits, '_' and the separator kept, anything else a space
(what casefold and ``\\w+`` make of it)."""
_SPACES = re.compile(b"  +")


def _normal_ascii(text: str) -> str:
    """:func:`_normal_text` of an ASCII text, but for spaces at either end; the separator is kept."""
    return _SPACES.sub(b" ", text.encode("ascii").translate(_ASCII_WORDS)).decode("ascii")


def _normal_texts(texts: list[str]) -> list[str]:
    """:func:`_normal_text` of each text; several times faster when they are ASCII."""
    normals: list[str] = []
    for start in range(0, len(texts), 1000):  # a thousand at a time, to take little memory
        some = texts[start : start + 1000]
        joined = _SEPARATOR.join(some)
        if joined.isascii() and joined.count(_SEPARATOR) == len(some) - 1:
            normals += [normal.strip(" ") for normal in _normal_ascii(joined).split(_SEPARATOR)]
        else:
            normals += [
                _normal_ascii(text).strip(" ") if text.isascii() and _SEPARATOR not in text else _normal_text(text)
                for text in some
            ]
    return normals


@functools.cache
def _kind_table() -> dict[str, tuple[str, dict[str, PropertySpec]]]:
    """How messages name a claim of each kind ("a premise", "an assumption"), and the
    properties it takes; by the kind's ``_value_``, quicker to look up than the enum."""
    table = {}
    for kind in ClaimKind:
        owner = f"a {kind.value}" if kind is not ClaimKind.ASSUMPTION else "an assumption"
        if kind is ClaimKind.OBJECTION:
            owner = "an objection"
        table[kind.value] = (owner, allowed_for(kind))
    return table


def _did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    from .suggest import closest

    return closest(word, candidates, 0.6)


class _Resolver:
    def __init__(
        self,
        document: Document,
        today: datetime.date,
        allow_outside_source: bool,
        source_root: Path | None,
        check_source: bool,
        lint: bool,
        analysis: bool | None,
    ) -> None:
        self.lint = lint
        self.analysis = analysis
        self.doc = document
        self.today = today
        self.allow_outside_source = allow_outside_source
        self.source_root = source_root
        self.check_source = check_source
        self.found: list[Diagnostic] = []
        self.claims: dict[str, Claim] = {}
        self.objections: list[Claim] = []
        """The claims of kind objection, in source order."""
        self.inferences: list[Inference] = []
        self.attack_sources: set[str] = set()
        """Ids written before a '-x', even in a link dropped for an error."""
        self.mentioned: set[str] = set()
        """Ids named in a link but in no inference made of it, as when the link is dropped
        for an error: no cascade of warnings. (Ids in inferences are linked anyway.)"""
        self.drafts: list[_Draft] = []
        """The inferences while the links are read, in the order they are added."""
        self.order_keys: list[tuple[int, int]] = []
        """For each draft, where its link and it are written: the order of the inferences."""
        self.supports: dict[_Shape, int] = {}
        self.attacks: dict[_Shape, int] = {}
        """Drafts by premises and target, one table per type: finds duplicates and undercut targets at once."""
        self.drafts_by_target: dict[str | int, list[int]] | None = None
        """Drafts by target claim or target draft, made when first needed (see :meth:`drafts_into`)."""
        self.guess_id = Guesser(self.claims)
        """"Did you mean" for an unknown id (N001), for the first 100 different ones."""

    def report(self, code: str, message: str, span: Span, *notes: Note) -> None:
        self.found.append(Diagnostic(code, REGISTRY[code].severity, message, span, tuple(notes)))

    # --- header and properties ----------------------------------------------

    def check_header(self) -> None:
        seen: dict[str, Property] = {}
        first_claim = self.doc.claims[0].span.start if self.doc.claims else None
        for field in self.doc.header:
            if first_claim is not None and field.span.start > first_claim and field.key in HEADER_FIELDS:
                self.report(
                    "H003",
                    f"the header field '{field.key}' comes after the first claim: move it to the top",
                    field.key_span,
                )
            spec = HEADER_FIELDS.get(field.key)
            if spec is None:
                notes = []
                guess = _did_you_mean(field.key, HEADER_FIELDS)
                if field.key in CLAIM_PROPERTIES:
                    notes.append(
                        Note(f"'{field.key}' is a claim property: indent it under the claim it belongs to")
                    )
                notes.append(Note("header fields are: " + ", ".join(HEADER_FIELDS)))
                hint = f": did you mean '{guess}'?" if guess else ""
                self.report(
                    "H001",
                    f"unknown header field '{field.key}'{hint}",
                    field.key_span,
                    *notes,
                )
                continue
            if field.key in seen:
                self.report(
                    "H002",
                    f"the header field '{field.key}' is given twice",
                    field.key_span,
                    Note("first given here", seen[field.key].key_span),
                )
                continue
            seen[field.key] = field
            self.check_value(field, spec)

    def check_value(self, prop: Property, spec: PropertySpec) -> None:
        if not prop.value.strip():
            self.report("K004", f"'{prop.key}' has no value", prop.key_span)
            return
        problem = spec.validate(prop.value)
        if problem is not None:
            self.report("K002", f"bad value for '{prop.key}': {problem}", prop.value_span)

    def check_properties(
        self,
        owner: str,
        properties: tuple[Property, ...],
        allowed: Mapping[str, PropertySpec],
        kind: ClaimKind | None,
    ) -> None:
        seen: dict[str, Property] = {}
        for prop in properties:
            spec = allowed.get(prop.key)
            if spec is None:
                self.report_unknown_property(owner, prop, allowed, kind)
                continue
            if prop.key in seen:
                self.report(
                    "K003",
                    f"{owner} has '{prop.key}' twice",
                    prop.key_span,
                    Note("first given here", seen[prop.key].key_span),
                )
                continue
            seen[prop.key] = prop
            self.check_value(prop, spec)

    def report_unknown_property(
        self,
        owner: str,
        prop: Property,
        allowed: Mapping[str, PropertySpec],
        kind: ClaimKind | None,
    ) -> None:
        notes: list[Note] = []
        known = CLAIM_PROPERTIES.get(prop.key)
        if known is not None and known.kinds is not None:
            takers = " and ".join(sorted(k.value for k in known.kinds))
            message = f"{owner} cannot take '{prop.key}': only {takers} claims take it"
        elif known is not None:
            message = f"{owner} cannot take '{prop.key}': links take only " + ", ".join(allowed)
        else:
            guess = _did_you_mean(prop.key, allowed)
            hint = f": did you mean '{guess}'?" if guess else ""
            message = f"unknown property '{prop.key}' on {owner}{hint}"
        notes.append(Note(f"{owner} takes: " + ", ".join(allowed)))
        if prop.key in HEADER_FIELDS:
            notes.append(Note(f"'{prop.key}' is a header field: write it at the left margin, at the top"))
        self.report("K001", message, prop.key_span, *notes)

    # --- claims -----------------------------------------------------------------

    def collect_claims(self) -> None:
        texts: dict[str, Claim] = {}
        claims = self.claims
        kinds = _kind_table()
        objection, assumption = ClaimKind.OBJECTION, ClaimKind.ASSUMPTION  # looked up once: see _SUPPORT
        normals = _normal_texts([claim.text for claim in self.doc.claims])
        for claim, normal in zip(self.doc.claims, normals, strict=True):
            first = claims.get(claim.id)
            if first is not None:
                self.report(
                    "N002",
                    f"the id '{claim.id}' is already used by another claim",
                    claim.id_span,
                    Note(f"'{claim.id}' is first defined here", first.id_span),
                )
                continue
            claims[claim.id] = claim
            kind = claim.kind
            if kind is objection:
                self.objections.append(claim)
            if claim.properties:
                owner, allowed = kinds[kind._value_]
                self.check_properties(owner, claim.properties, allowed, kind)
                if kind is assumption:
                    quote = claim.get("quote")
                    if quote is not None:
                        self.report(
                            "Q001",
                            f"assumption '{claim.id}' carries a quote, but an assumption is what the text "
                            "leaves unsaid",
                            quote.key_span,
                            Note("if the text says it, make it a premise; if not, remove the quote"),
                        )
            if normal:
                same = texts.get(normal)
                if same is not None:
                    self.report(
                        "G009",
                        f"'{claim.id}' has the same text as '{same.id}'",
                        claim.text_span,
                        Note(f"'{same.id}' is here", same.text_span),
                    )
                else:
                    texts[normal] = claim

    def check_main(self) -> str | None:
        mains = [claim for claim in self.claims.values() if claim.main]
        for claim in mains:
            if claim.kind is not ClaimKind.CONCLUSION:
                self.report(
                    "G011",
                    f"'{claim.id}' is marked main, but only a conclusion can be the main "
                    f"conclusion: write 'main conclusion {claim.id}: ...'",
                    claim.kind_span,
                )
        if len(mains) > 1:
            for claim in mains[1:]:
                self.report(
                    "G003",
                    f"'{claim.id}' is marked as the main conclusion, but '{mains[0].id}' already is",
                    claim.kind_span,
                    Note("the first main conclusion is here", mains[0].kind_span),
                    Note("a map has one main conclusion; make the others plain conclusions"),
                )
        if not mains:
            if self.claims:
                first = next(iter(self.claims.values()))
                self.report(
                    "G004",
                    "no claim is marked as the main conclusion: write 'main conclusion id: ...' "
                    "before the thesis of the text",
                    first.kind_span,
                )
            return None
        return mains[0].id

    # --- links ------------------------------------------------------------------

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

    def find_inference(self, ref: LinkRef) -> int | None:
        """The index of the draft a parenthesised link names, or None (reported)."""
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
            Note(f"the map has: {_describe_draft(drafts, drafts[other])}", drafts[other][2])
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

    def collect_links(self) -> None:
        # Inferences are numbered in source order; an undercut can only name an
        # inference written before it or in an earlier line, so resolve in two passes:
        # first every link whose target is a claim, then the undercuts.
        pending: list[Link] = []
        for link in self.doc.links:
            if isinstance(link.target, LinkRef):
                pending.append(link)
            else:
                self.add_link(link)
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
        self.inferences = [
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
            self.check_properties("a link", link.properties, LINK_PROPERTIES, None)
        sources = link.sources
        target = link.target
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
        groups: list[tuple[tuple[str, ...], Span]]
        if len(sources) == 1:
            premises = (sources[0].id,)
            groups = [(premises, link.span if link.linked else sources[0].span)]
        elif link.linked:
            premises = self.unique_sources(sources)
            groups = [(premises, link.span)]
        else:
            spans: dict[str, Span] = {}
            for ref in sources:
                spans.setdefault(ref.id, ref.span)
            premises = tuple(spans)
            groups = [((premise,), span) for premise, span in spans.items()]
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
        start = link.span.start
        for group, span in groups:
            if target_claim is not None and target_claim in group:
                self.mentioned.update(group)  # named, but in no inference
                continue
            shape = _shape(group, target_key)
            duplicate = same.get(shape)
            if duplicate is not None:
                self.report(
                    "G010",
                    "this link is already in the map",
                    span,
                    Note("first written here", drafts[duplicate][2]),
                )
                continue
            other = opposite.get(shape)
            if other is not None:
                self.report(
                    "G014",
                    f"'{' + '.join(group)}' both supports and attacks the same target",
                    span,
                    Note("the other link is here", drafts[other][2]),
                )
            same[shape] = len(drafts)
            if self.drafts_by_target is not None:
                self.drafts_by_target.setdefault(target_key, []).append(len(drafts))
            drafts.append((link, group, span, target_claim, target_inference))
            self.order_keys.append((start, span.start))

    # --- the graph -----------------------------------------------------------

    def check_cycles(self, main: str | None) -> None:
        """Report each circle of support once (Tarjan's algorithm, iteratively)."""
        if not self.support_has_cycle():
            return
        edges: dict[str, list[tuple[str, Inference]]] = defaultdict(list)
        for inference in self.inferences:
            if inference.type is _SUPPORT and inference.target is not None:
                for premise in inference.premises:
                    if premise != inference.target:
                        edges[premise].append((inference.target, inference))
        order = {claim_id: n for n, claim_id in enumerate(self.claims)}
        for component in _strongly_connected(list(self.claims), edges):
            if len(component) < 2:
                continue
            members = set(component)
            start = min(component, key=order.__getitem__)
            path, steps = _cycle_from(start, members, edges)
            shown = " → ".join([*path, path[0]])
            # Point at the link most likely to be the mistake: one out of the main
            # conclusion (which supports nothing), else the one written last.
            culprit = max(steps, key=lambda step: (main in step.premises, step.span.start))
            self.report(
                "G002",
                f"circular reasoning: {shown}",
                culprit.span,
                Note("each claim in the circle is, in the end, a reason for itself; "
                     "remove the link that goes the wrong way"),
            )

    def support_has_cycle(self) -> bool:
        """Whether the support links go round in a circle anywhere.

        Most maps have no circle, and this is much cheaper than finding the circles:
        most maps are written top-down or bottom-up, and if every support link
        goes the same way through the file, there is no circle. Otherwise
        Kahn's algorithm decides.
        """
        position = {claim_id: n for n, claim_id in enumerate(self.claims)}
        premises_after = premises_before = True  # than the claims they support, for every link
        for inference in self.inferences:
            if inference.type is _SUPPORT and inference.target is not None:
                written = position[inference.target]
                for premise in inference.premises:
                    if position[premise] > written:
                        premises_before = False
                    elif position[premise] < written:
                        premises_after = False
                if not (premises_after or premises_before):
                    break
        else:
            return False
        successors: dict[str, list[str]] = {}
        incoming: dict[str, int] = {}
        for inference in self.inferences:
            target = inference.target
            if target is None or inference.type is not _SUPPORT:
                continue
            for premise in inference.premises:
                if premise != target:
                    successors.setdefault(premise, []).append(target)
                    incoming[target] = incoming.get(target, 0) + 1
        ready = [claim_id for claim_id in successors if claim_id not in incoming]
        while ready:
            for target in successors.get(ready.pop(), ()):
                incoming[target] -= 1
                if not incoming[target]:
                    ready.append(target)
        return any(incoming.values())

    def derive(self, main: str | None) -> tuple[dict[str, frozenset[Role]], dict[str, int]]:
        depth = self.depths(main)
        supports = [inference for inference in self.inferences if inference.type is _SUPPORT]
        attacks = [inference for inference in self.inferences if inference.type is not _SUPPORT]
        supports_out = {premise for inference in supports for premise in inference.premises}
        supported = {inference.target for inference in supports if inference.target is not None}
        attacking = {premise for inference in attacks for premise in inference.premises}
        attacked = {inference.target for inference in attacks if inference.target is not None}
        touched = supports_out | supported | attacking | attacked

        # Each claim's roles as bits (see _ROLE_SETS).
        bits = dict.fromkeys(supports_out - supported, _BASIC_PREMISE)
        bits.update(dict.fromkeys(supports_out & supported, _INTERMEDIATE))
        if main is not None:
            bits[main] = _MAIN  # and no premise role, even if it supports something
        for inference in attacks:
            if inference.is_undercut:
                bit = _UNDERCUT
            elif inference.target in attacking:
                bit = _REBUTTAL
            else:
                bit = _OBJECTION
            for premise in inference.premises:
                bits[premise] = bits.get(premise, 0) | bit
        roles = {claim_id: _ROLE_SETS[bits.get(claim_id, 0)] for claim_id in self.claims}
        del bits, supports, attacks

        # Each check reports in claim order; the diagnostics are sorted by place and
        # code at the end, so the checks may run one after the other.
        lonely = self.claims.keys() - touched - self.mentioned if len(self.claims) > 1 else set()
        if lonely:
            for claim in self.claims.values():
                if claim.id in lonely:
                    self.report(
                        "G005",
                        f"'{claim.id}' is not linked to any other claim",
                        claim.id_span,
                        Note(f"link it: '{claim.id} -> other' or '{claim.id} -x other'"),
                    )
        if main is not None:
            astray = touched - depth.keys()
            if astray:
                astray -= self.side_conclusions(depth, supports_out | attacking)
                for claim in self.claims.values():
                    if claim.id in astray:
                        self.report(
                            "G006",
                            f"'{claim.id}' does not lead to the main conclusion '{main}'",
                            claim.id_span,
                        )
        for claim in self.objections:
            if claim.id not in self.attack_sources:
                self.report(
                    "G007",
                    f"objection '{claim.id}' attacks nothing: draw its attack with '-x'",
                    claim.kind_span,
                )
        return roles, depth

    def side_conclusions(self, depth: Mapping[str, int], premises: set[str]) -> set[str]:
        """The claims drawn from the main argument's claims that are not themselves reasons.

        A text may draw a second conclusion (a recommendation, say) from the
        reasons it gives for its thesis; that claim does not lead to the main
        conclusion, and should not. ``premises`` are the claims that are reasons.
        """
        return {
            inference.target
            for inference in self.inferences
            if inference.type is _SUPPORT
            and inference.target is not None
            and inference.target not in premises
            and any(premise in depth for premise in inference.premises)
        }

    def depths(self, main: str | None) -> dict[str, int]:
        """Breadth-first from the main conclusion, against the direction of the links."""
        if main is None:
            return {}
        inferences = self.inferences
        below: dict[str, list[tuple[str, ...]]] = {}
        """The premises of the inferences that bear on each claim, directly or by undercut."""
        for inference in inferences:
            # The claim an undercut (of an undercut …) ultimately bears on.
            inner = inference
            while inner.target is None:
                assert inner.target_inference is not None
                inner = inferences[inner.target_inference]
            below.setdefault(inner.target, []).append(inference.premises)
        depth = {main: 0}
        level = [main]
        distance = 0
        while level:
            distance += 1
            next_level = []
            for claim_id in level:
                for premises in below.get(claim_id, ()):
                    for premise in premises:
                        if premise not in depth:
                            depth[premise] = distance
                            next_level.append(premise)
            level = next_level
        return depth

    def run_lint(self) -> None:
        from . import lint

        if self.lint:
            lint.check_claims(self.claims.values(), self.doc, self.report)
            lint.check_single_premise(self.inferences, self.claims, self.doc, self.report)
        analysis = self.analysis
        if analysis is None:
            analysis = (self.doc.header_value("mode") or "").strip().lower() == "analysis"
        if analysis:
            lint.check_rabbit(self.inferences, self.claims, self.doc, self.report)

    def run(self) -> ArgumentMap:
        self.check_header()
        self.collect_claims()
        main = self.check_main()
        self.collect_links()
        self.check_cycles(main)
        # Import the prediction and grounding checks only for maps that need them (start-up time).
        if any(claim.kind is ClaimKind.PREDICTION for claim in self.claims.values()):
            from .predictions import check_predictions

            check_predictions(self.claims.values(), self.doc, self.report, self.today, set(self.claims))
        grounding = None
        quoted = any(claim.get("quote") is not None for claim in self.claims.values())
        if self.check_source and (quoted or self.doc.header_value("source") is not None):
            from .grounding import ground

            grounding = ground(
                self.doc, self.claims.values(), self.report, self.allow_outside_source, self.source_root
            )
        roles, depth = self.derive(main)
        self.run_lint()
        if not self.doc.claims:
            span = self.doc.header[0].span if self.doc.header else Span(self.doc.path, 1, 1, 1, 1, 0, 0)
            self.report("G013", "the file has no claims yet", span)
        return ArgumentMap(
            document=self.doc,
            claims=tuple(self.claims.values()),
            inferences=tuple(self.inferences),
            diagnostics=tuple(sorted(self.found, key=sort_key)),
            main=main,
            roles=roles,
            depth=depth,
            by_id=self.claims,
            grounding=grounding,
        )


def _nesting(target: Target) -> int:
    depth = 0
    while isinstance(target, LinkRef):
        depth += 1
        target = target.target
    return depth


_Draft = tuple[Link, tuple[str, ...], Span, str | None, int | None]
"""An inference while the links are read: its link, premises, span, and target claim or
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


def _strongly_connected(
    nodes: list[str], edges: Mapping[str, list[tuple[str, Inference]]]
) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, [])
            if position < len(successors):
                work.append((node, position + 1))
                successor = successors[position][0]
                if successor not in index:
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def _cycle_from(
    start: str, members: set[str], edges: Mapping[str, list[tuple[str, Inference]]]
) -> tuple[list[str], list[Inference]]:
    """A shortest circle through ``start`` inside one strongly connected component.

    Returns the claims in order and the inferences that lead from each to the next.
    """
    previous: dict[str, tuple[str, Inference]] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        for successor, inference in edges.get(node, []):
            if successor not in members:
                continue
            if successor == start:
                path = [node]
                steps = [inference]
                while path[-1] != start:
                    before, step = previous[path[-1]]
                    path.append(before)
                    steps.append(step)
                path.reverse()
                steps.reverse()
                return path, steps
            if successor not in seen:
                seen.add(successor)
                previous[successor] = (node, inference)
                queue.append(successor)
    raise AssertionError("a strongly connected component has a cycle")  # pragma: no cover


def resolve(
    document: Document,
    *,
    today: datetime.date | None = None,
    allow_outside_source: bool = False,
    source_root: Path | None = None,
    check_source: bool = True,
    lint: bool = True,
    analysis: bool | None = None,
) -> ArgumentMap:
    """Resolve a parsed document: bind ids, check links, derive roles, find quotes.

    ``today`` is the date prediction checks compare deadlines with (default:
    the system's date). The header's ``source:`` is read relative to
    ``source_root`` (default: the .arg file's folder) and must stay inside it
    unless ``allow_outside_source``; ``check_source=False`` skips reading it.
    ``lint=False`` skips the claim-writing checks (C codes); ``analysis`` turns
    the Rabbit rule on or off (default: the header's ``mode:``).
    """
    resolver = _Resolver(
        document,
        today or datetime.date.today(),
        allow_outside_source,
        source_root,
        check_source,
        lint,
        analysis,
    )
    with gc_paused():
        return resolver.run()
