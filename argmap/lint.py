"""Claim-writing feedback (C codes) and, in analysis mode, the Rabbit rule (T001).

These are heuristics, so they are warnings or notes, never errors, and each
can be switched off: for a whole file with ``lint: off`` (or a
``waive: C002, C005`` header), for one claim or link with a ``waive:``
property, and for a run with ``argmap check --no-lint``. The Rabbit rule runs
only in analysis mode (``mode: analysis`` in the header, or ``--analysis``).

The rules follow the claim-writing conventions taught with argument maps
(Rationale's "seven rules", Cullen's hints): a box holds one claim, not an
argument; it can be read alone; it is a statement, not a question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .diagnostics import Note
from .lexicon import PRONOUNS, is_verb
from .model import Claim, ClaimKind, Document, Link, LinkType, Property
from .schema import split_list

if TYPE_CHECKING:
    from .resolver import Inference

Report = Callable[..., None]

LONG_CLAIM = 30
"""Words above which a claim is reported as long (C005)."""

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
_REASONING = re.compile(
    r"\b(because|therefore|thus|hence|consequently|since|but|so that)\b|[,;]\s*(so)\b", re.IGNORECASE
)
_NOT_REASONING = re.compile(
    r"\bsince\s+(?:\d|the\s+\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b|then\b|last\b)"
    r"|\b(?:all|anything|nothing|everything|none)\s+but\b",
    re.IGNORECASE,
)
_AUXILIARIES = frozenset(
    "is are was were be been has have had will would can could may might must shall should does do did".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those its their his her our my your some many most all each every no".split()
)
_OBJECT_PRONOUNS = frozenset("it them him her us me".split())
# Words that are as often nouns as verbs: after 'and' they count as a verb only with an object.
_AMBIGUOUS = frozenset(
    "trade support control work change cost deal rule report fall rise plan order aim attack "
    "back ban block boost claim cut demand design drive drop end export face fight force form "
    "hope influence lead limit link look mark need note offer place point press promise rest "
    "return shape share shift show sign spread stand start supply surge target test threat "
    "train turn vote walk watch win care help love hate use fear risk cause harm damage benefit act "
    "answer balance call charge check count cover doubt estimate experience fire guide increase "
    "judge list match measure move name pay plant play process produce protest question reach "
    "record reply request respect result review run search sound step stop study trust value "
    "visit wait wish worry yield release decline access address matter progress debate dispute "
    "exchange import escalate".split()
)
_EXPLETIVE = re.compile(r"^it\s+(?:is|was|seems|appears|remains|may|might|will)\b", re.IGNORECASE)


def reasoning_word(text: str) -> str | None:
    """A reasoning or contrast word inside a claim ("because", "therefore", "but"), else None."""
    bare = _NOT_REASONING.sub(" ", _QUOTED.sub(" ", text))
    match = _REASONING.search(bare)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).lower()


def second_clause(text: str) -> str | None:
    """The word that starts a second clause joined by 'and' ("… watches and cooperate …"), else None.

    Coordinated names and nouns ("Russia and China", "politics, economics and
    security") do not count: the word after 'and' must be a verb (with an object
    when it could be a noun), an auxiliary, or the start of a new subject
    followed by a verb.
    """
    if "and" not in text.lower():
        return None
    words = [m.group() for m in _WORDS.finditer(_QUOTED.sub(" ", text))]
    for i, word in enumerate(words):
        if word.lower() != "and" or i == 0 or i + 1 >= len(words):
            continue
        following = words[i + 1 : i + 5]
        if following[0].lower() in ("also", "then", "thus", "so") and len(following) > 1:
            following = following[1:]
        first = following[0]
        lower = first.lower()
        if lower in ("they", "he", "she", "we", "it", "i") and len(following) > 1:
            return first  # a new subject: "… and they cut …"
        if lower in _AUXILIARIES:
            return first
        left = words[:i]
        left_has_verb = any(w.lower() in _AUXILIARIES or is_verb(w) for w in left)
        if left_has_verb and first[0].islower() and is_verb(first):
            if lower not in _AMBIGUOUS:
                return first
            if len(following) > 1 and following[1].lower() in _DETERMINERS | _OBJECT_PRONOUNS:
                return first
        if (
            any(w.lower() in _AUXILIARIES for w in left)
            and len(following) > 1
            and following[1].lower() in _AUXILIARIES
        ):
            return first  # "… will crash and bonds will rally": a second subject with its own verb
        if left_has_verb and (lower in _DETERMINERS or first[0].isupper()):
            for later in following[1:4]:
                finite = later.lower().endswith(("s", "ed")) and later[0].islower() and is_verb(later)
                if later.lower() in _AUXILIARIES or finite:
                    return first
    return None


def compound(text: str, kind: ClaimKind) -> str | None:
    """Why a claim looks like two claims (a semicolon, or 'and' joining clauses), else None."""
    if ";" in _QUOTED.sub(" ", text):
        return "a semicolon joins two statements"
    if kind is ClaimKind.PREDICTION:
        return None  # P009 reports two outcomes joined by 'and' in a forecast
    word = second_clause(text)
    if word is not None:
        return f"'and {word}' starts a second statement"
    return None


def leans_on_context(text: str) -> str | None:
    """The pronoun a claim starts with when it cannot be read alone ("They would …"), else None."""
    match = _WORDS.match(text.strip().lstrip("\"“«'‘("))
    if match is None:
        return None
    word = match.group().lower()
    if word not in PRONOUNS or word in ("i", "we", "you", "us", "our"):
        return None
    if word == "it" and _EXPLETIVE.match(text.strip()):
        return None
    return match.group()


def _waived(codes: str, code: str) -> bool:
    items = {item.upper() for item in split_list(codes)}
    return "ALL" in items or code in items or code[0] + "*" in items


def file_waivers(document: Document) -> str:
    """The codes the header waives: ``lint: off`` waives every C code, ``waive:`` lists codes."""
    waived = document.header_value("waive") or ""
    if (document.header_value("lint") or "on").strip().lower() == "off":
        waived += ", C*"
    return waived


def check_claims(claims: Iterable[Claim], document: Document, report: Report) -> None:
    """The claim-writing checks C001–C005 on every claim's text."""
    file_waived = file_waivers(document)
    for claim in claims:
        prop = claim.get("waive")
        waived = file_waived + ", " + (prop.value if prop is not None else "")

        def say(code: str, message: str, *notes: Note, claim: Claim = claim, waived: str = waived) -> None:
            if not _waived(waived, code):
                report(code, message, claim.text_span, *notes)

        text = claim.text
        word = reasoning_word(text)
        if word is not None:
            say(
                "C001",
                f"'{claim.id}' contains '{word}': a box holds one claim, not an argument",
                Note("split the reason into its own claim and link it with '->' (or '-x' for 'but')"),
            )
        why = compound(text, claim.kind)
        if why is not None:
            say("C002", f"'{claim.id}' looks like two claims in one box: {why}",
                Note("one claim per box: split it and link each part on its own"))
        if text.rstrip().endswith("?"):
            say("C003", f"'{claim.id}' is a question: a claim is a statement that can be true or false",
                Note("write the answer the text implies, as a statement"))
        pronoun = leans_on_context(text)
        if pronoun is not None:
            say("C004", f"'{claim.id}' starts with '{pronoun}': it cannot be read on its own",
                Note("name what the pronoun stands for, so the box makes sense anywhere on the map"))
        count = len(_WORDS.findall(text))
        if count > LONG_CLAIM:
            say("C005", f"'{claim.id}' is {count} words long (more than {LONG_CLAIM})",
                Note("shorten it to the claim itself; details can go in a note"))


def check_single_premise(
    inferences: Sequence[Inference], claims: Mapping[str, Claim], document: Document, report: Report
) -> None:
    """C006, once per file: reasons with a single premise may hide an unstated co-premise."""
    file_waived = file_waivers(document)
    found = []
    for inference in inferences:
        premises: tuple[str, ...] = inference.premises
        target = inference.target
        if inference.type is not LinkType.SUPPORT or len(premises) != 1 or target is None:
            continue
        premise = claims[premises[0]]
        waived = ", ".join(
            p.value for p in (premise.get("waive"), link_waiver(inference.link)) if p is not None
        )
        if not _waived(file_waived + ", " + waived, "C006"):
            found.append(inference)
    if not found:
        return
    shown = [
        Note(f"line {i.span.line}: {i.premises[0]} -> {i.target}")
        for i in found[:8]
    ]
    more = [Note(f"and {len(found) - 8} more")] if len(found) > 8 else []
    count = len(found)
    report(
        "C006",
        f"{count} reason{'s have' if count > 1 else ' has'} a single premise: is there an unstated "
        "co-premise? (if a premise needs another claim to support its conclusion, add it as an "
        "assumption and join them with '+')",
        found[0].span,
        *shown,
        *more,
    )


def link_waiver(link: Link) -> Property | None:
    """The ``waive:`` property of a link, if any."""
    for prop in link.properties:
        if prop.key == "waive":
            return prop
    return None


# --- the Rabbit rule ---------------------------------------------------------------


def _stemmer() -> Callable[[str], str]:
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord  # type: ignore[no-any-return]


def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(get_stop_words("english"))


def synonyms(document: Document, stem: Callable[[str], str]) -> dict[str, str]:
    """The header's ``terms:`` groups as stem → the stem of the group's first word.

    ``terms: revolt = rebel, rebelling; camps = blocs``
    """
    table: dict[str, str] = {}
    value = document.header_value("terms") or ""
    for group in value.split(";"):
        if "=" not in group:
            continue
        head, _, rest = group.partition("=")
        words = [head.strip(), *split_list(rest)]
        canonical = " ".join(stem(w.lower()) for w in words[0].split())
        for word in words:
            table[" ".join(stem(w.lower()) for w in word.split())] = canonical
    return table


def terms(text: str, stem: Callable[[str], str], stop: frozenset[str], table: Mapping[str, str]) -> dict[str, str]:
    """Significant terms of a text: stem (after synonyms) → the first surface form."""
    found: dict[str, str] = {}
    words = [w for w in _WORDS.findall(text) if w.lower().strip("'’") not in stop and len(w) > 2]
    stems = [stem(w.lower()) for w in words]
    i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{stems[i]} {stems[i + 1]}" in table:
            found.setdefault(table[f"{stems[i]} {stems[i + 1]}"], f"{words[i]} {words[i + 1]}")
            i += 2
            continue
        found.setdefault(table.get(stems[i], stems[i]), words[i])
        i += 1
    return found


def check_rabbit(
    inferences: Sequence[Inference], claims: Mapping[str, Claim], document: Document, report: Report
) -> None:
    """T001: every significant term of a conclusion should appear in some premise of its reason."""
    stem = _stemmer()
    stop = _stop_words()
    table = synonyms(document, stem)
    file_waived = document.header_value("waive") or ""
    cache: dict[str, dict[str, str]] = {}

    def of(claim_id: str) -> dict[str, str]:
        if claim_id not in cache:
            cache[claim_id] = terms(claims[claim_id].text, stem, stop, table)
        return cache[claim_id]

    for inference in inferences:
        target = inference.target
        if inference.type is not LinkType.SUPPORT or target is None:
            continue
        waiver = link_waiver(inference.link)
        if _waived(file_waived + ", " + (waiver.value if waiver is not None else ""), "T001"):
            continue
        premises: tuple[str, ...] = inference.premises
        covered: set[str] = set()
        for premise in premises:
            covered.update(of(premise))
        missing = [surface for key, surface in of(target).items() if key not in covered]
        if missing:
            shown = ", ".join(f"'{word}'" for word in missing)
            joined = " + ".join(premises)
            report(
                "T001",
                f"Rabbit rule: {shown} in '{target}' appear{'s' if len(missing) == 1 else ''} in no "
                f"premise of '{joined}'",
                inference.span,
                Note("a conclusion can only contain what its premises put in: add the missing "
                     "co-premise, declare a synonym in the header ('terms: a = b'), or waive it "
                     "on the link ('waive: T001')"),
            )
