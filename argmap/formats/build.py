"""What every importer shares: a :class:`MapBuilder` that turns another format's graph into a valid map.

An importer adds claims and inferences as the other format has them, each
under the id it has there, and says where it found each one. :meth:`MapBuilder.finish`
then makes the map argmap can check without errors, and says what it changed:

- ids: the source's ids made into argmap ids (:func:`make_id`), unique;
- text: line breaks become spaces, control characters go; a claim with no
  text gets a placeholder;
- inferences: a premise that is also the target (self-support) is dropped, as
  is a premise of an undercut that is a premise of the inference it attacks; an
  inference written twice is kept once; an undercut of a dropped inference is
  dropped with it; undercuts that attack each other in a circle are dropped;
  supports that close a circle of support (circular reasoning, an error in
  argmap) are dropped, the last added first;
- the main conclusion: the one the format names, else (unless the format
  says there is none) the one claim that is supported or attacked and is a
  reason for nothing, and that the format does not call a premise or an
  objection (none when there are several such claims);
- kinds, unless the format gives them: the main claim is a conclusion, the
  source of an attack an objection, a claim that is supported and supports a
  conclusion, other sources of support premises, the rest plain claims.

Every change is a :class:`~argmap.formats.result.ConversionWarning` naming the
node, edge or line of the source it concerns. Nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from argmap import __version__
from argmap.analysis.grounding import SourceIndex
from argmap.core.model import ClaimKind, LinkType
from argmap.language.schema import CLAIM_PROPERTIES

from .arg import KEYWORDS, clean_text, write_arg
from .records import ClaimRecord, LinkRecord, MapRecord, Pairs, SectionRecord, StepRecord
from .repair import ClaimTarget, DraftClaim, DraftInference, InferenceTarget, break_circles, settle_inferences
from .result import Conversion, ConversionWarning, SourceText

__all__ = ["ClaimTarget", "InferenceTarget", "MapBuilder", "make_id", "provenance"]

_SUPPORT = LinkType.SUPPORT
_ATTACK = LinkType.ATTACK
_NOT_ID = re.compile(r"[^\w-]|-(?!\w)|(?<!\w)-")
_NOT_MAIN = (ClaimKind.PREMISE, ClaimKind.OBJECTION)
"""Kinds a format may give a claim that rule it out as the main conclusion."""
PLACEHOLDER = "(no text)"
"""The text of a claim the source gives none."""
UNTITLED = "(untitled)"
"""The title of a heading the source gives none."""


def provenance(name: str, format_name: str) -> str:
    """The comment line at the top of an imported map: where it came from."""
    return f"Imported from {name} ({format_name}) by argmap {__version__}."


def make_id(text: str, prefix: str = "") -> str:
    """``text`` as a valid claim id: other characters become ``_``; ``prefix`` (or ``_``) first
    when it does not start with a letter or ``_``; a keyword gets a trailing ``_``."""
    candidate = _NOT_ID.sub("_", prefix + text) if text else prefix or "_"
    if not (candidate[0].isalpha() or candidate[0] == "_"):
        candidate = "_" + candidate
    if candidate in KEYWORDS:
        candidate += "_"
    return candidate


class MapBuilder:
    """Collects a map from another format and makes it valid (see the module's docstring)."""

    def __init__(self, name: str, format_name: str) -> None:
        self._header: dict[str, str] = {}
        self.sections: list[SectionRecord] = []
        self._open: list[int] = []  # the sections a new one may nest in, outermost first
        self.comments: list[str] = [provenance(name, format_name)]
        self.source: SourceText | None = None
        self.main_stated = False
        """True when the source says which claim is the main one, or that none is: no claim is
        then made the main conclusion by the rule."""
        self._quotes: list[tuple[str, str, int | None]] = []  # (claim key, words, where in the source)
        self.warnings: list[ConversionWarning] = []
        self._claims: dict[str, DraftClaim] = {}
        self._ids: set[str] = set()
        self._inferences: dict[str, DraftInference] = {}

    # --- adding -------------------------------------------------------------------------

    def warn(self, message: str, where: str | None = None) -> None:
        """Record that something of the source could not be expressed, or was changed."""
        self.warnings.append(ConversionWarning(message, where))

    def add_header(self, key: str, value: str, where: str | None = None) -> None:
        """A header field (title, source …); a second value for a field is reported and dropped."""
        value, _ = clean_text(value)
        if key in self._header:
            self.warn(f"a second {key} ('{value}') was dropped: the map has one", where)
        elif value:
            self._header[key] = value

    def add_section(self, title: str, level: int, where: str | None = None) -> int:
        """A section (level 1 is ``##``), nested in the last one of a lower level, as in ``.arg``;
        returns its index for :meth:`add_claim`."""
        while self._open and self.sections[self._open[-1]].level >= level:
            self._open.pop()
        title = clean_text(title)[0].strip()
        if not title:
            self.warn(f"a heading without a title: written as '{UNTITLED}'", where)
            title = UNTITLED
        self.sections.append(SectionRecord(title, level, self._open[-1] if self._open else None))
        self._open.append(len(self.sections) - 1)
        return len(self.sections) - 1

    def has_claim(self, key: str) -> bool:
        """Whether a claim was added under this key."""
        return key in self._claims

    def claim_id(self, key: str) -> str:
        """The argmap id given to the claim added under ``key``."""
        return self._claims[key].id

    def add_claim(
        self,
        key: str,
        text: str,
        where: str,
        *,
        id_hint: str | None = None,
        prefix: str = "",
        kind: ClaimKind | None = None,
        main: bool = False,
        properties: Iterable[tuple[str, str]] = (),
        section: int | None = None,
    ) -> str:
        """A claim known in the source as ``key``; returns its argmap id.

        The id is ``id_hint`` (default: ``key``) made valid with :func:`make_id`,
        with ``_2``, ``_3`` … when another claim has it already.
        """
        if key in self._claims:
            raise ValueError(f"claim {key!r} added twice")
        base = make_id(id_hint if id_hint is not None else key, prefix)
        claim_id = base
        number = 1
        while claim_id in self._ids:
            number += 1
            claim_id = f"{base}_{number}"
        self._ids.add(claim_id)
        cleaned, changed = clean_text(text)
        if changed:
            self.warn("control characters in the text were dropped", where)
        if not cleaned:
            self.warn(f"the claim has no text: written as '{PLACEHOLDER}'", where)
            cleaned = PLACEHOLDER
        self._claims[key] = DraftClaim(key, claim_id, cleaned, where, kind, main, [], section)
        for prop_key, value in properties:
            self.add_property(key, prop_key, value)
        return claim_id

    def add_property(self, key: str, prop_key: str, value: str) -> None:
        """A property of the claim added under ``key``. A second ``note`` or ``tags`` joins the first;
        a second ``quote`` (another passage) is kept; a second of another property is reported."""
        claim = self._claims[key]
        value, _ = clean_text(value)
        if not value:
            return
        spec = CLAIM_PROPERTIES.get(prop_key)
        if spec is not None and spec.repeatable:
            claim.properties.append((prop_key, value))
            return
        for index, (existing, old) in enumerate(claim.properties):
            if existing == prop_key:
                if prop_key in ("note", "tags"):
                    joiner = "; " if prop_key == "note" else ", "
                    claim.properties[index] = (prop_key, old + joiner + value)
                else:
                    self.warn(f"a second '{prop_key}' ('{value}') was dropped: a claim has one", claim.where)
                return
        claim.properties.append((prop_key, value))

    def set_source(self, name: str, text: str) -> None:
        """The text the map is a reading of: written beside the map as ``name``, and named by ``source:``."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.source = SourceText(name, text)
        self.add_header("source", name)

    def quote(self, key: str, words: str, at: int | None = None) -> None:
        """Quote ``words`` of the source for the claim added under ``key`` (again for each passage
        that states it): ``at`` is where they are in the source, when the format says (it picks the
        occurrence of words found twice).

        Words that are not in the source (as ``argmap check`` finds quotes) are not quoted.
        """
        self._quotes.append((key, words, at))

    def set_kind(self, key: str, kind: ClaimKind) -> None:
        """Give the claim added under ``key`` this kind, instead of the one the links would give it."""
        self._claims[key].kind = kind

    def set_main(self, key: str) -> None:
        """Mark the claim added under ``key`` as the main conclusion."""
        self._claims[key].main = True

    def add_inference(
        self,
        key: str,
        link_type: LinkType,
        premises: Sequence[str],
        target: ClaimTarget | InferenceTarget,
        where: str,
        *,
        label: str | None = None,
        properties: Pairs = (),
        linked: bool | None = None,
    ) -> None:
        """One inference: ``premises`` (claim keys) support or attack ``target``.

        Keys may name claims and inferences added later; :meth:`finish` resolves
        them. ``linked`` defaults to "more than one premise".
        """
        if key in self._inferences:
            raise ValueError(f"inference {key!r} added twice")
        self._inferences[key] = DraftInference(
            key, link_type, list(premises), target, label, where, properties, linked
        )

    # --- finishing ----------------------------------------------------------------------

    def conversion(self) -> Conversion:
        """The finished map as a :class:`Conversion`: its ``.arg`` text, records, warnings and source."""
        record = self.finish()
        return Conversion(write_arg(record), record, tuple(self.warnings), self.source)

    def finish(self) -> MapRecord:
        """The map, made valid; what had to change is in :attr:`warnings`."""
        kept = settle_inferences(self._claims, self._inferences, self.warn)
        kept = break_circles(kept, self.warn)
        main = self._main(kept)
        self._kinds(kept, main)
        self._place_quotes()
        links = tuple(self._link(inference, kept) for inference in kept)
        claims = tuple(
            ClaimRecord(
                claim.id,
                claim.kind or ClaimKind.CLAIM,
                claim.text,
                claim.id == main,
                tuple(claim.properties),
                claim.section,
            )
            # in the order they are written: section by section, as the source gave them in each
            for claim in sorted(self._claims.values(), key=lambda claim: -1 if claim.section is None else claim.section)
        )
        return MapRecord(tuple(self._header.items()), tuple(self.sections), claims, links, tuple(self.comments))

    def _place_quotes(self) -> None:
        """Each quote that is in the source becomes ``quote:`` (with ``occurrence:`` when it is there
        more than once and the format said where), before the claim's other properties."""
        if self.source is None or not self._quotes:
            return
        wanted = [
            (key, clean_text(words)[0], at)
            for key, words, at in self._quotes
            if self._claims[key].kind is not ClaimKind.ASSUMPTION
        ]
        index = SourceIndex(self.source.text)
        found_all = index.find_all([words for _, words, _ in wanted],
                                   indexed=len(wanted) * len(self.source.text) > 20_000_000)
        placed: dict[str, list[tuple[str, str]]] = {}
        for (key, words, at), found in zip(wanted, found_all, strict=True):
            if not words or not found or ("quote", words) in placed.get(key, []):
                continue
            added = placed.setdefault(key, [])
            added.append(("quote", words))
            if len(found) > 1 and at is not None:
                number = next((n for n, match in enumerate(found) if match.end > at), len(found) - 1)
                added.append(("occurrence", str(number + 1)))
        for key, added in placed.items():
            self._claims[key].properties[:0] = added

    def _main(self, kept: list[DraftInference]) -> str | None:
        named = [claim for claim in self._claims.values() if claim.main]
        if named:
            for extra in named[1:]:
                self.warn(f"a second main claim ('{extra.id}'): argmap has one; it is an ordinary claim", extra.where)
            return named[0].id
        if self.main_stated:
            return None
        targets = {inf.target_id for inf in kept if isinstance(inf.target_id, str)}
        sources = {premise for inf in kept for premise in inf.premise_ids}
        roots = [
            claim.id
            for claim in self._claims.values()
            if claim.id in targets and claim.id not in sources and claim.kind not in _NOT_MAIN
        ]
        if len(roots) == 1:
            return roots[0]
        if len(roots) > 1:
            shown = ", ".join(roots[:5]) + (f" and {len(roots) - 5} more" if len(roots) > 5 else "")
            self.warn(
                f"no main conclusion: {len(roots)} claims are argued for and support nothing ({shown}); "
                "mark the thesis with 'main'"
            )
        elif self._claims:
            self.warn("no main conclusion: no claim is argued for and supports nothing")
        return None

    def _kinds(self, kept: list[DraftInference], main: str | None) -> None:
        attackers = {p for inf in kept if inf.type is _ATTACK for p in inf.premise_ids}
        supporters = {p for inf in kept if inf.type is _SUPPORT for p in inf.premise_ids}
        supported = {inf.target_id for inf in kept if inf.type is _SUPPORT and isinstance(inf.target_id, str)}
        for claim in self._claims.values():
            if claim.id == main:
                if claim.kind in (ClaimKind.PREMISE, ClaimKind.OBJECTION):
                    self.warn(
                        f"the main claim cannot be {'a premise' if claim.kind is ClaimKind.PREMISE else 'an objection'}: "
                        "written as a conclusion",
                        claim.where,
                    )
                    claim.kind = ClaimKind.CONCLUSION
                elif claim.kind is None:
                    claim.kind = ClaimKind.CONCLUSION
            elif claim.kind is not None:
                continue
            elif claim.id in attackers:
                claim.kind = ClaimKind.OBJECTION
            elif claim.id in supporters:
                claim.kind = ClaimKind.CONCLUSION if claim.id in supported else ClaimKind.PREMISE
            elif claim.id in supported:
                claim.kind = ClaimKind.CONCLUSION
            else:
                claim.kind = ClaimKind.CLAIM

    def _step(self, index: int, kept: list[DraftInference]) -> StepRecord:
        inference = kept[index]
        premises = inference.premise_ids
        target = inference.target_id
        return StepRecord(
            premises,
            len(premises) > 1,
            inference.type,
            target if isinstance(target, str) else self._step(target, kept),
        )

    def _link(self, inference: DraftInference, kept: list[DraftInference]) -> LinkRecord:
        premises = inference.premise_ids
        target = inference.target_id
        linked = len(premises) > 1 if inference.linked is None else inference.linked or len(premises) > 1
        return LinkRecord(
            premises,
            linked,
            inference.type,
            target if isinstance(target, str) else self._step(target, kept),
            inference.label,
            inference.properties,
        )
