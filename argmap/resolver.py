"""Bind ids, check the links, derive roles: :class:`Document` to :class:`ArgumentMap`.

The resolver never raises for anything a user wrote: every problem becomes a
:class:`~argmap.diagnostics.Diagnostic` in ``ArgumentMap.diagnostics``. All
graph walks are iterative, so maps of any depth resolve without recursion.
"""

from __future__ import annotations

import datetime
import enum
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


_WORD = re.compile(r"\w+")


def _normal_text(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


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
        self.inferences: list[Inference] = []
        self.attack_sources: set[str] = set()
        """Ids written before a '-x', even in a link dropped for an error."""
        self.mentioned: set[str] = set()
        """Ids named in any link, even one dropped for an error: no cascade of warnings."""
        self.by_shape: dict[tuple[frozenset[str], LinkType, str | None, int | None], Inference] = {}
        """Inferences by premises, type and target: finds duplicates and undercut targets at once."""
        self.inferences_into: dict[tuple[str | None, int | None], list[Inference]] = defaultdict(list)

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
        for claim in self.doc.claims:
            first = self.claims.get(claim.id)
            if first is not None:
                self.report(
                    "N002",
                    f"the id '{claim.id}' is already used by another claim",
                    claim.id_span,
                    Note(f"'{claim.id}' is first defined here", first.id_span),
                )
                continue
            self.claims[claim.id] = claim
            owner = f"a {claim.kind.value}" if claim.kind is not ClaimKind.ASSUMPTION else "an assumption"
            if claim.kind is ClaimKind.OBJECTION:
                owner = "an objection"
            allowed = allowed_for(claim.kind)
            self.check_properties(owner, claim.properties, allowed, claim.kind)
            quote = claim.get("quote")
            if claim.kind is ClaimKind.ASSUMPTION and quote is not None:
                self.report(
                    "Q001",
                    f"assumption '{claim.id}' carries a quote, but an assumption is what the text leaves unsaid",
                    quote.key_span,
                    Note("if the text says it, make it a premise; if not, remove the quote"),
                )
            normal = _normal_text(claim.text)
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
        if ref.id in self.claims:
            return True
        guess = _did_you_mean(ref.id, self.claims)
        hint = f": did you mean '{guess}'?" if guess else ""
        notes = [Note(f"'{guess}' is defined here", self.claims[guess].id_span)] if guess else []
        self.report("N001", f"no claim has the id '{ref.id}'{hint}", ref.span, *notes)
        return False

    def unique_sources(self, sources: tuple[Ref, ...]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for ref in sources:
            seen.setdefault(ref.id, None)
        return tuple(seen)

    def find_inference(self, ref: LinkRef) -> int | None:
        """The index of the inference a parenthesised link names, or None (reported)."""
        known = [self.known(source) for source in ref.sources]  # report every unknown id
        if not all(known):
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
        target_claim: str | None = None
        target_inference: int | None = None
        if isinstance(ref.target, Ref):
            if not self.known(ref.target):
                return None
            target_claim = ref.target.id
        else:
            target_inference = self.find_inference(ref.target)
            if target_inference is None:
                return None
        premises = frozenset(self.unique_sources(ref.sources))
        found = self.same_inference(tuple(premises), ref.type, target_claim, target_inference)
        if found is not None:
            return found.index
        written = " + ".join(sorted(premises)) + f" {ref.type.value} "
        written += target_claim if target_claim is not None else "(…)"
        notes = [
            Note(f"the map has: {_describe_inference(self.inferences, other)}", other.span)
            for other in self.inferences_into.get((target_claim, target_inference), [])
        ][:5]
        self.report(
            "N003",
            f"the map has no inference '{written}' for this undercut to attack",
            ref.span,
            *notes,
        )
        return None

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
        order = sorted(self.inferences, key=lambda inference: (inference.link.span.start, inference.span.start))
        if order == self.inferences:
            return  # no undercut came before the inference it attacks: numbering stands
        renumber = {inference.index: number for number, inference in enumerate(order)}
        self.inferences = [
            attrs.evolve(
                inference,
                index=renumber[inference.index],
                target_inference=None
                if inference.target_inference is None
                else renumber[inference.target_inference],
            )
            for inference in order
        ]

    def add_link(self, link: Link) -> None:
        self.check_properties("a link", link.properties, LINK_PROPERTIES, None)
        if link.type is LinkType.ATTACK:
            self.attack_sources.update(ref.id for ref in link.sources)
        known = [self.known(ref) for ref in link.sources]  # report every unknown id
        sources_ok = all(known)
        target_claim: str | None = None
        target_inference: int | None = None
        if isinstance(link.target, Ref):
            target_ok = self.known(link.target)
            target_claim = link.target.id
        else:
            target_inference = self.find_inference(link.target)
            target_ok = target_inference is not None
        if not (sources_ok and target_ok):
            return
        premises = self.unique_sources(link.sources)
        if not link.linked and len(premises) < len(link.sources):
            seen: set[str] = set()
            for ref in link.sources:
                if ref.id in seen:
                    self.report("G010", f"'{ref.id}' is listed twice in this link", ref.span)
                seen.add(ref.id)
        if link.linked and len(premises) == 1:
            self.report(
                "G008",
                f"this linked group has only one premise, '{premises[0]}': '+' joins premises "
                "that work only together",
                link.sources[0].span.to(link.sources[-1].span),
                Note("add the co-premise it needs (often an unstated assumption), or drop the '+'"),
            )
        undercut_premises = (
            set(self.inferences[target_inference].premises) if target_inference is not None else set()
        )
        for source in link.sources:
            if source.id == target_claim:
                verb = "support" if link.type is LinkType.SUPPORT else "attack"
                self.report("G001", f"'{source.id}' cannot {verb} itself", source.span)
            elif source.id in undercut_premises:
                self.report(
                    "G001",
                    f"'{source.id}' cannot attack an inference it is itself a premise of",
                    source.span,
                )
        groups: list[tuple[tuple[str, ...], Span]]
        if link.linked:
            groups = [(premises, link.span)]
        else:
            spans = {ref.id: ref.span for ref in reversed(link.sources)}
            groups = [((premise,), spans[premise]) for premise in premises]
        for group, span in groups:
            if target_claim is not None and target_claim in group:
                continue
            duplicate = self.same_inference(group, link.type, target_claim, target_inference)
            if duplicate is not None:
                self.report(
                    "G010",
                    "this link is already in the map",
                    span,
                    Note("first written here", duplicate.span),
                )
                continue
            opposite = self.same_inference(
                group,
                LinkType.ATTACK if link.type is LinkType.SUPPORT else LinkType.SUPPORT,
                target_claim,
                target_inference,
            )
            if opposite is not None:
                self.report(
                    "G014",
                    f"'{' + '.join(group)}' both supports and attacks the same target",
                    span,
                    Note("the other link is here", opposite.span),
                )
            inference = Inference(
                index=len(self.inferences),
                type=link.type,
                premises=group,
                linked=link.linked,
                target=target_claim,
                target_inference=target_inference,
                label=link.label,
                link=link,
                span=span,
            )
            self.inferences.append(inference)
            self.inferences_into[(target_claim, target_inference)].append(inference)
            self.by_shape[(frozenset(group), link.type, target_claim, target_inference)] = inference

    def same_inference(
        self,
        premises: tuple[str, ...],
        link_type: LinkType,
        target: str | None,
        target_inference: int | None,
    ) -> Inference | None:
        return self.by_shape.get((frozenset(premises), link_type, target, target_inference))

    # --- the graph -----------------------------------------------------------

    def check_cycles(self, main: str | None) -> None:
        """Report each circle of support once (Tarjan's algorithm, iteratively)."""
        edges: dict[str, list[tuple[str, Inference]]] = defaultdict(list)
        for inference in self.inferences:
            if inference.type is LinkType.SUPPORT and inference.target is not None:
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

    def derive(self, main: str | None) -> tuple[dict[str, frozenset[Role]], dict[str, int]]:
        touched: set[str] = set()
        supports_out: set[str] = set()
        supported: set[str] = set()
        attackers: set[str] = set()
        undercutters: set[str] = set()
        for inference in self.inferences:
            touched.update(inference.premises)
            if inference.target is not None:
                touched.add(inference.target)
            if inference.type is LinkType.SUPPORT:
                supports_out.update(inference.premises)
                if inference.target is not None:
                    supported.add(inference.target)
            elif inference.is_undercut:
                undercutters.update(inference.premises)
            else:
                attackers.update(inference.premises)
        roles: dict[str, set[Role]] = {claim_id: set() for claim_id in self.claims}
        for inference in self.inferences:
            if inference.type is not LinkType.ATTACK:
                continue
            for premise in inference.premises:
                if inference.is_undercut:
                    roles[premise].add(Role.UNDERCUT)
                elif inference.target in attackers or inference.target in undercutters:
                    roles[premise].add(Role.REBUTTAL)
                else:
                    roles[premise].add(Role.OBJECTION)
        for claim_id in supports_out:
            if claim_id == main:
                continue
            roles[claim_id].add(Role.INTERMEDIATE if claim_id in supported else Role.BASIC_PREMISE)
        if main is not None:
            roles[main].add(Role.MAIN)

        depth = self.depths(main)
        for claim in self.claims.values():
            if claim.id not in touched:
                if len(self.claims) > 1 and claim.id not in self.mentioned:
                    self.report(
                        "G005",
                        f"'{claim.id}' is not linked to any other claim",
                        claim.id_span,
                        Note(f"link it: '{claim.id} -> other' or '{claim.id} -x other'"),
                    )
            elif main is not None and claim.id not in depth and not self.side_conclusion(claim.id, depth):
                self.report(
                    "G006",
                    f"'{claim.id}' does not lead to the main conclusion '{main}'",
                    claim.id_span,
                )
            if claim.kind is ClaimKind.OBJECTION and claim.id not in self.attack_sources:
                self.report(
                    "G007",
                    f"objection '{claim.id}' attacks nothing: draw its attack with '-x'",
                    claim.kind_span,
                )
        return {key: frozenset(value) for key, value in roles.items()}, depth

    def side_conclusion(self, claim_id: str, depth: Mapping[str, int]) -> bool:
        """True for a claim drawn from the main argument's claims that is not itself a reason.

        A text may draw a second conclusion (a recommendation, say) from the
        reasons it gives for its thesis; that claim does not lead to the main
        conclusion, and should not.
        """
        supports_something = False
        drawn_from_argument = False
        for inference in self.inferences:
            if claim_id in inference.premises:
                supports_something = True
                break
            if (
                inference.target == claim_id
                and inference.type is LinkType.SUPPORT
                and any(premise in depth for premise in inference.premises)
            ):
                drawn_from_argument = True
        return drawn_from_argument and not supports_something

    def depths(self, main: str | None) -> dict[str, int]:
        """Breadth-first from the main conclusion, against the direction of the links."""
        if main is None:
            return {}
        anchors: dict[str, list[Inference]] = defaultdict(list)
        for inference in self.inferences:
            # The claim an undercut (of an undercut …) ultimately bears on.
            inner = inference
            while inner.target is None:
                assert inner.target_inference is not None
                inner = self.inferences[inner.target_inference]
            anchors[inner.target].append(inference)
        depth = {main: 0}
        queue = deque([main])
        while queue:
            claim_id = queue.popleft()
            for inference in anchors.get(claim_id, ()):
                for premise in inference.premises:
                    if premise not in depth:
                        depth[premise] = depth[claim_id] + 1
                        queue.append(premise)
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


def _describe_inference(inferences: list[Inference], inference: Inference) -> str:
    joiner = " + " if inference.linked else ", "
    if inference.target is not None:
        target = inference.target
    else:
        assert inference.target_inference is not None
        target = "(" + _describe_inference(inferences, inferences[inference.target_inference]) + ")"
    return f"{joiner.join(inference.premises)} {inference.type.value} {target}"


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
