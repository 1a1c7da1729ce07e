"""Hypothesis strategies for the format tests: whole maps that check without errors.

A generated map has claims with any valid ids (Unicode letters, hyphens),
hostile texts (``#``, backslashes, quotes, ``<&>``, markup of other formats,
any script), sections that nest, properties, and every kind of link: convergent
and linked supports, attacks, rebuttals, linked attacks, undercuts of supports,
of attacks and of undercuts. Supports run from later claims to earlier ones,
so there is no circle of support; no link is written twice.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

from argmap.core.model import ClaimKind, LinkType
from argmap.formats.arg import is_claim_id
from argmap.formats.records import ClaimRecord, LinkRecord, MapRecord, SectionRecord, StepRecord

MAPS = settings(max_examples=max(25, settings().max_examples // 4))
"""For tests on whole generated maps: making a map takes most of an example's time, so they
run a quarter of the profile's examples (100 in CI, 5,000 under scripts/fuzz's profile)."""

_ALPHABET = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
    blacklist_characters="\ufffe\uffff\x85",
)
_HOSTILE = st.sampled_from(
    ["#", "\\", "\\#", " #x", "\\\\", '"', "'", "<b>", "&amp;", "[a]", "<A>", "{x: y}", "*b*", "_i_", "@[m]",
     ":smile:", ".+.", "//", "/*", "-->", "->", "-x", "+", "(1)", "=SUM(A1)", "Путин", "习近平", "🙂", "C:\\x",
     "a: b", "%", "\u00a0", "  ", "\t", "U.S.A.", ":x\\\\y:", "===", "} x"]
)


_WORDS = st.sampled_from(["Trees", " cool ", "streets", ".", ", but", " the ", "council"])


@st.composite
def texts(draw: st.DrawFn, max_pieces: int = 6) -> str:
    """A one-line text that is not empty and has no white space at either end."""
    pieces = draw(st.lists(st.one_of(_HOSTILE, _WORDS, st.text(_ALPHABET, min_size=1, max_size=8)),
                           min_size=1, max_size=max_pieces))
    text = "".join(pieces).strip()
    return text if text else "x"


_FIRST = "abcxyzABCÉéßЖжπ习_"
_REST = _FIRST + "0123456789٣"
ids = st.builds(
    lambda first, rest, tail: first + rest + (f"-{tail}" if tail else ""),
    st.sampled_from(_FIRST),
    st.text(_REST, max_size=5),
    st.text(_REST, max_size=2),
).filter(is_claim_id)
"""Claim ids as the grammar allows them: letters of several scripts, digits, ``_``, an inner hyphen."""


def _sections(levels: list[int]) -> tuple[SectionRecord, ...]:
    """Sections with these levels, with the parents the parser gives them."""
    sections: list[SectionRecord] = []
    stack: list[int] = []
    for index, level in enumerate(levels):
        while stack and sections[stack[-1]].level >= level:
            stack.pop()
        sections.append(SectionRecord(f"Part {index}", level, stack[-1] if stack else None))
        stack.append(index)
    return tuple(sections)


_KINDS_BUT_MAIN = [ClaimKind.PREMISE, ClaimKind.ASSUMPTION, ClaimKind.CONCLUSION, ClaimKind.OBJECTION,
                   ClaimKind.CLAIM, ClaimKind.RECOMMENDATION]
_MAIN_KINDS = [ClaimKind.CONCLUSION, ClaimKind.CLAIM, ClaimKind.RECOMMENDATION]


@st.composite
def maps(draw: st.DrawFn, max_claims: int = 10, max_links: int = 12) -> MapRecord:
    """A map with no errors (warnings allowed)."""
    claim_ids = draw(st.lists(ids, min_size=2, max_size=max_claims, unique=True))
    count = len(claim_ids)
    levels = draw(st.lists(st.integers(1, 3), max_size=3))
    sections = _sections(levels)
    placement = sorted(draw(st.lists(st.integers(-1, len(sections) - 1), min_size=count, max_size=count)))
    main = draw(st.none() | st.integers(0, count - 1))
    claims = []
    for index, claim_id in enumerate(claim_ids):
        kind = draw(st.sampled_from(_MAIN_KINDS if index == main else _KINDS_BUT_MAIN))
        drawn = draw(st.lists(st.sampled_from(["by", "basis", "tags", "note", "kind", "quote"]), max_size=3))
        # each property once, but a claim the text states twice has a quote for each passage
        props = [key for n, key in enumerate(drawn) if key == "quote" or key not in drawn[:n]]
        properties = tuple(
            (key, draw(st.sampled_from(["fact", "value", "interpretation"])) if key == "kind" else draw(texts(3)))
            for key in props
        )
        section = placement[index] if placement[index] >= 0 else None
        claims.append(ClaimRecord(claim_id, kind, draw(texts()), index == main, properties, section))
    links: list[LinkRecord] = []
    shapes: set[tuple[LinkType, frozenset[str], object]] = set()
    inferences: list[StepRecord] = []  # every inference made so far, as an undercut would name it
    for _ in range(draw(st.integers(0, max_links))):
        choice = draw(st.sampled_from(["support", "support", "attack", "undercut"]))
        label = draw(st.none() | texts(2)) if draw(st.booleans()) else None
        properties = (("note", draw(texts(2))),) if draw(st.integers(0, 5)) == 0 else ()
        if choice == "undercut" and inferences:
            attacked = draw(st.sampled_from(inferences))
            blocked = set(attacked.sources)
            pool = [c for c in claim_ids if c not in blocked]
            target: str | StepRecord = attacked
            link_type = LinkType.ATTACK
        elif choice == "support":
            target_index = draw(st.integers(0, count - 2))
            target = claim_ids[target_index]
            pool = claim_ids[target_index + 1 :]
            link_type = LinkType.SUPPORT
        else:
            target = draw(st.sampled_from(claim_ids))
            pool = [c for c in claim_ids if c != target]
            link_type = LinkType.ATTACK
        if not pool:
            continue
        if link_type is LinkType.SUPPORT and draw(st.integers(0, 4)) == 0:
            properties += (("kind", "example"),)
        sources = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=min(3, len(pool)), unique=True))
        linked = len(sources) > 1 and draw(st.booleans())
        groups = [tuple(sources)] if linked or len(sources) == 1 else [(s,) for s in sources]
        key_target = target if isinstance(target, str) else _key(target)
        if any((link_type, frozenset(g), key_target) in shapes for g in groups):
            continue
        if link_type is LinkType.SUPPORT and any((LinkType.ATTACK, frozenset(g), key_target) in shapes for g in groups):
            continue
        for group in groups:
            shapes.add((link_type, frozenset(group), key_target))
            inferences.append(StepRecord(group, len(group) > 1, link_type, target))
        links.append(LinkRecord(tuple(sources), linked, link_type, target, label, properties))
    header = tuple(
        (key, draw(texts(3)) if key != "published" else "2024-05-01")
        for key in draw(st.lists(st.sampled_from(["title", "author", "published"]), max_size=3, unique=True))
    )
    return MapRecord(header, sections, tuple(claims), tuple(links))


def _key(step: StepRecord) -> object:
    target = step.target if isinstance(step.target, str) else _key(step.target)
    return (step.type, frozenset(step.sources), target)
