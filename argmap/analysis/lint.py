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

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import accumulate, compress, repeat
from operator import add, not_
from typing import TYPE_CHECKING

from argmap.core.diagnostics import Note
from argmap.core.model import Claim, ClaimKind, Document, LinkType, Property
from argmap.language.schema import split_list

from .findings import Report
from .lexicon import PRONOUNS, is_verb
from .waivers import any_property

if TYPE_CHECKING:
    from .argument_map import Inference


LONG_CLAIM = 30
"""Words above which a claim is reported as long (C005)."""

OPT_IN = frozenset({"C002"})
"""Rules off unless the header says ``lint: all``: on the labelled set (tests/lint_set) they are
right less than 80 % of the time, too often to be said by default (docs/teaching.md)."""

# These checks run on every claim of a map, so each asks a cheap question first (a
# substring test, a pattern with a literal to look for) and does the full work only
# for the claims that could fire.

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
"""A word: a letter, then letters, digits, '_', apostrophes and hyphens."""
_IN_WORD = re.compile(r"[\w'’-]")
"""A character a word can go on with."""
_LETTER = re.compile(r"[^\W\d_]")
"""A character a word can start with."""
_BREAKS = frozenset(" ,.;:!?()/")
"""Common characters that cannot be in a word (a shortcut before ``_IN_WORD``)."""
_WORD_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'-"
"""The ASCII characters a word can go on with, as bytes."""
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|‘[^’]*’|(?<![\w'])'[^'\n]{1,80}'(?![\w'])")
_REASONING = r"\b(because|therefore|thus|hence|consequently|since|but|so that)\b|[,;]\s*(so)\b"
_NOT_REASONING = (
    r"\bsince\s+(?:\d|the\s+\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b|then\b|last\b|when\b)"
    r"|\bever\s+since\b"
    r"|\b(?:all|anything|nothing|everything|none|no\s+one|nobody|last|little|cannot|can't)\s+but\b"
    r"|\bbut\s+(?:a\s+(?:few|fraction|handful|shadow)|for\b|also\b)"
    r"|\bthus\s+far\b|\bso[\s-](?:called|so|far)\b|\bbecause\s+of\s+(?!th(?:is|at|ese|ose)\b)"
    r"|\bnot\s+(?:only\s+)?(?:[\w'’-]+,?\s+){0,9}?but\b"
)
# The two patterns above are meant case-blind, and are written in lower case. Matched
# case-blind (re.IGNORECASE), an ASCII letter in a pattern matches exactly the characters
# that lower-case to it, and lower-casing keeps each character one character of the same
# kind (word, digit, space), except for three characters: 'İ' (which lower-cases to two),
# 'ı' and 'ſ' (which re matches with 'i' and 's'). So on a text without them the patterns
# can run as written on the lower-cased text, several times faster; tests/test_lint.py
# checks this against the Unicode tables of the Python in use.
_FOLDED_APART = ("İ", "ı", "ſ")
_REASONING_LOWER = re.compile(_REASONING)
_NOT_REASONING_LOWER = re.compile(_NOT_REASONING)
_AUXILIARIES = frozenset(
    "is are was were be been has have had will would can could may might must shall should does do did".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those its their his her our my your some many most all each every no".split()
)
_OBJECT_PRONOUNS = frozenset("it them him her us me".split())
_DETERMINERS_AND_OBJECTS = _DETERMINERS | _OBJECT_PRONOUNS
_SUBJECTS = frozenset("they he she we it i".split())
_ADVERBS = frozenset("also then thus so".split())
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
_EXPLETIVE = re.compile(
    # "It is clear that …", "It would be wise to …", "It took me hours to …", "It turns out …",
    # "It rains …": 'it' stands for nothing before it, so the box can be read alone.
    r"^it(?:'s|\s+(?:[\w'’]+,?\s+){0,8}?(?:that|to|what|whether|how|if|when|who|why|which)\b"
    r"|\s+(?:seems|appears|turns\s+out|follows|happens|goes\s+without|rains|snows|is\s+raining)\b)",
    re.IGNORECASE,
)
_NOT_LEANING = re.compile(
    # "This year's budget …", "These days, …", "This House would …": a time or a debate motion;
    # "That said, …", "That the law failed is clear": not a pointer back; "Those who …": general.
    r"^(?:th(?:is|ese|at)\s+(?:year|year's|week|month|morning|afternoon|evening|night|winter|summer|"
    r"spring|autumn|fall|days|time|century|decade|season|weekend|term|house\b"
    r"|study|paper|essay|article|report|review|book|novel|film|motion|chapter|thesis|section|much|being)\b"
    r"|that\s+(?:said|being\s+said|the|a|an|he|she|they|we|i|you|it|there|this|our|their|his|her|its|my|no)\b"
    r"|th(?:ose|ey)\s+(?:who|in|with|that)\b|they,\s+(?:the|a|an|our|all)\b)",
    re.IGNORECASE,
)
_OPENERS = "\"“«'‘("
_LEANING = tuple(sorted(PRONOUNS - {"i", "we", "you", "us", "our"}))
"""The pronouns that make a claim lean on context when it starts with one (C004)."""


def _unquoted(text: str) -> str:
    """The text with its quotations blanked out: quoted words are not the writer's own."""
    if '"' in text or "“" in text or "«" in text or "‘" in text or "'" in text:
        return _QUOTED.sub(" ", text)
    return text


def reasoning_word(text: str) -> str | None:
    """A reasoning or contrast word inside a claim ("because", "therefore", "but"), else None;
    a connective that only opens the claim is :func:`leading_connective`'s."""
    if _LEADING.match(text) is not None and leading_connective(text) is not None:
        return None
    bare = _unquoted(text)
    return _reasoning_word(bare, bare.lower())


_LEADING = re.compile(
    r"^[\s\"“«'‘(]*(but|because|so|therefore|thus|hence|consequently|since|however|yet|and\s+so|that\s+is\s+why)\b(?!-)[,\s]*",
    re.IGNORECASE,
)
"""A connective that opens a box (C007): it says how the claim relates to another box, which
the link already says."""


_LEADING_IDIOM = re.compile(
    r"thus\s+far|hence\s*forward|yet\s+(?:another|again|more)|however\s+(?:you|we|they|much|many|hard|long|often|good|bad)"
    r"|since\s+(?:when|then)|so[\s-](?:called|so|far|much\s+for)",
    re.IGNORECASE,
)


def leading_connective(text: str) -> str | None:
    """The connective a claim opens with ("But still …", "Because …", "Therefore, …"), when it
    holds no other reasoning word, else None (C001's case, or nothing)."""
    match = _LEADING.match(text)
    if match is None or _LEADING_IDIOM.match(text, match.start(1)) is not None:
        return None
    rest = text[match.end() :]
    word = match.group(1).lower()
    if word in ("because", "since"):
        if word == "since" and (not _clause_follows(rest, 0) or _NOT_REASONING_LOWER.match(text.lower(), match.start(1))):
            return None  # "Since 2006, …", "Since last summer …": a time
        comma = rest.find(",")
        if comma >= 0 and len(_WORDS.findall(rest, comma)) >= 2:
            return None  # "Because X, Y": a reason and its claim in one box, C001's case
    if reasoning_word(rest) is not None:
        return None
    return match.group(1)


def _reasoning_word(bare: str, lower: str) -> str | None:
    """:func:`reasoning_word` of a text whose quotations are blanked out, given it lower-cased."""
    if bare.isascii() or not any(char in bare for char in _FOLDED_APART):
        # Every match holds one of these words, and blanking with spaces joins no letters
        # into new ones, so a text without any of them has no match.
        if not (
            "so" in lower
            or "but" in lower
            or "since" in lower
            or "thus" in lower
            or "hence" in lower
            or "because" in lower
            or "therefore" in lower
            or "consequently" in lower
        ):
            return None
        lower = _NOT_REASONING_LOWER.sub(" ", lower)
        matches = _REASONING_LOWER.finditer(lower)
        words = lower
    else:
        words = re.sub(_NOT_REASONING, " ", bare, flags=re.IGNORECASE)
        matches = re.finditer(_REASONING, words, re.IGNORECASE)
    for match in matches:
        word = (match.group(1) or match.group(2)).lower()
        if word == "since" and not _clause_follows(words, match.end()):
            continue  # "since 2019", "since the invention of print": a time, not a reason
        return word
    return None


def _clause_follows(text: str, start: int) -> bool:
    """True when the words after ``start``, up to the next comma or full stop, include a verb."""
    stop = len(text)
    for mark in ",.;:":
        found = text.find(mark, start)
        if found >= 0:
            stop = min(stop, found)
    return _has_verb(_WORDS.findall(text, start, stop))


def second_clause(text: str) -> str | None:
    """The word that starts a second clause joined by 'and' ("… watches and cooperate …"), else None.

    Coordinated names and nouns ("Russia and China", "politics, economics and
    security") do not count: the word after 'and' must be a verb (with an object
    when it could be a noun), an auxiliary, or the start of a new subject
    followed by a verb.
    """
    bare = _unquoted(text)
    return _second_clause(bare, bare.lower())


def _starts_word(text: str, index: int) -> bool:
    """True when a word (``_WORDS``) starts at ``index``, where there is a letter.

    A word starts at the first letter of a run of characters a word can go on
    with: "5and" holds the word "and", "x-and" only the word "x-and".
    """
    while index > 0:
        index -= 1
        if text[index] in _BREAKS or _IN_WORD.match(text, index) is None:
            return True
        if _LETTER.match(text, index) is not None:
            return False
    return True


def _and_words(text: str, lower: str) -> list[int]:
    """Where each word 'and' (in any case) ends, given the text lower-cased."""
    if len(lower) != len(text):
        # A character lower-cased to two ('İ'): positions in ``lower`` are not those in ``text``.
        return [word.end() for word in _WORDS.finditer(text) if word.group().lower() == "and"]
    ends = []
    start = lower.find("and")
    while start >= 0:
        end = start + 3
        if (end == len(text) or text[end] in _BREAKS or _IN_WORD.match(text, end) is None) and _starts_word(
            text, start
        ):
            ends.append(end)
        start = lower.find("and", end)
    return ends


def _second_clause(bare: str, lower: str) -> str | None:
    """:func:`second_clause` of a text whose quotations are blanked out, given it lower-cased.

    Every rule returns the word after 'and', so the rules are tried cheapest
    first, and the words before 'and' are read only when a rule needs them.
    """
    if "and" not in lower:
        return None
    for end in _and_words(bare, lower):
        following: list[str] = _WORDS.findall(bare, end)[:4]
        if not following:
            return None  # 'and' is the last word
        first = following[0]
        first_lower = first.lower()
        if first_lower in _ADVERBS and len(following) > 1:
            del following[0]
            first = following[0]
            first_lower = first.lower()
        second = following[1].lower() if len(following) > 1 else None
        if first_lower in _AUXILIARIES or (second is not None and first_lower in _SUBJECTS):
            # an auxiliary, or a new subject ("… and they cut …"), after a clause with its own verb
            # ("Freddy and I must be siblings" is one subject)
            before = _WORDS.findall(bare, 0, end - 3)
            if len(before) >= 3 or _has_verb(before):
                return first
            continue
        # a verb, with an object when it could be a noun
        needs_verb = (
            first[0].islower()
            and is_verb(first)
            and (first_lower not in _AMBIGUOUS or second in _DETERMINERS_AND_OBJECTS)
        )
        if not needs_verb and second is not None and (first_lower in _DETERMINERS or first[0].isupper()):
            # a new subject, then an auxiliary or a verb ending in -s or -ed
            for later in following[1:]:
                later_lower = later.lower()
                if later_lower in _AUXILIARIES or (
                    later_lower.endswith(("s", "ed")) and later[0].islower() and is_verb(later)
                ):
                    needs_verb = True
                    break
        # "… will crash and bonds will rally": a second subject with its own verb
        needs_auxiliary = second in _AUXILIARIES
        if not (needs_verb or needs_auxiliary):
            continue
        left = [word.lower() for word in _WORDS.findall(bare, 0, end - 3)]
        if needs_verb and first[0].islower() and is_verb(first) and _one_predicate(left, first_lower):
            continue
        if (
            needs_verb
            and first_lower.endswith("ed")
            and second is not None
            and second not in _DETERMINERS_AND_OBJECTS
            and second not in _PARTICLES
            and second not in _AUXILIARIES
            and not second.endswith("ly")
            and second not in ("more", "less", "again", "together", "further", "much", "well")
        ):
            continue  # "public and shared private chargers": a participle as an adjective
        if needs_auxiliary and any(word in _AUXILIARIES for word in left):
            return first
        if needs_verb and any(word in _AUXILIARIES or is_verb(word) for word in left):
            return first
    return None


_PARTICLES = frozenset("in on up out back off down over to from with for about into".split())
_RELATIVES = frozenset("who which whom whose".split())


def _one_predicate(left: Sequence[str], following: str) -> bool:
    """True when 'and' joins verbs inside one claim: two verbs sharing what follows ("identify
    and protect sites", "invest in and expand"), verbs in a relative clause ("politicians who
    listen and keep their promises"), or gerunds ("Cutting taxes and raising spending")."""
    if not left:
        return False
    last = left[-1]
    noun = len(left) > 1 and left[-2] in _DETERMINERS_AND_OBJECTS  # "their watches and …": a noun
    if (
        (is_verb(last) and not noun)
        or last in _AUXILIARIES
        or last.endswith("ing")
        or (last in _PARTICLES and len(left) > 1 and is_verb(left[-2]))
    ):
        return True
    if any(word in _RELATIVES for word in left[-4:]):
        return True
    if last in ("chance", "opportunity", "time", "trouble", "step", "lead") and any(
        word in ("take", "seize", "grab") for word in left[-4:-1]
    ):
        return True  # "take the chance and become …": one action
    return following.endswith("ing")


def _joins_statements(text: str) -> bool:
    """True when a semicolon has a clause on each side (not trailing, in brackets or in a list)."""
    depth = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            left = _WORDS.findall(text, 0, index)
            right = _WORDS.findall(text, index + 1)
            if (
                len(left) >= 3
                and len(right) >= 3
                and _has_verb(right)
                and _has_verb(left)
                and _reasoning_word(text[index + 1 :], text[index + 1 :].lower()) is None  # "…; therefore …": C001
            ):
                return True
    return False


def _has_verb(words: Sequence[str]) -> bool:
    return any(word.lower() in _AUXILIARIES or (word[0].islower() and is_verb(word)) for word in words)


def compound(text: str, kind: ClaimKind) -> str | None:
    """Why a claim looks like two claims (a semicolon, or 'and' joining clauses), else None."""
    bare = _unquoted(text)
    return _compound(bare, bare.lower(), kind)


def _compound(bare: str, lower: str, kind: ClaimKind) -> str | None:
    """:func:`compound` of a text whose quotations are blanked out, given it lower-cased."""
    if ";" in bare and _joins_statements(bare):
        return "a semicolon joins two statements"
    if kind is ClaimKind.PREDICTION:
        return None  # P009 reports two outcomes joined by 'and' in a forecast
    word = _second_clause(bare, lower)
    if word is not None:
        return f"'and {word}' starts a second statement"
    return None


def leans_on_context(text: str) -> str | None:
    """The pronoun a claim starts with when it cannot be read alone ("They would …"), else None."""
    start = text.strip().lstrip(_OPENERS)
    if not start[:5].lower().startswith(_LEANING):
        return None  # the usual case, found without reading the first word
    match = _WORDS.match(start)
    if match is None:
        return None
    word = match.group().lower()
    if word not in _LEANING:
        return None
    following = _WORDS.match(start, match.end() + 1) if len(start) > match.end() + 1 else None
    if (len(word) > 1 and match.group().isupper()) or (
        following is not None and start[match.end()] == " " and following.group()[0].isupper() and following.group() != "I"
    ):
        return None  # "IT departments", "His Majesty's Theatre", "They Live": a name, not a pronoun
    if word == "it" and _EXPLETIVE.match(start):
        return None
    if word in ("this", "that", "these", "those", "they") and _NOT_LEANING.match(start):
        return None
    return match.group()


def _may_be_long(text: str) -> bool:
    """False when the text surely has at most LONG_CLAIM words (C005).

    Words are parted by characters that cannot be in a word, so a text has at
    most one word more than it has such characters; counting every byte of a
    non-ASCII character as one of them only overcounts.
    """
    return len(text.encode("utf-8", "surrogatepass").translate(None, _WORD_BYTES)) >= LONG_CLAIM


def _waived(codes: str, code: str) -> bool:
    items = {item.upper() for item in split_list(codes)}
    return "ALL" in items or code in items or code[0] + "*" in items


def file_waivers(document: Document) -> str:
    """The codes the header waives: ``lint: off`` waives every C code, ``waive:`` lists codes."""
    waived = document.header_value("waive") or ""
    if (document.header_value("lint") or "on").strip().lower() == "off":
        waived += ", C*"
    return waived


_FIRING_WORDS = ("so", "but", "since", "thus", "hence", "because", "therefore", "consequently", "however", "yet", "why")
"""Each word C001 (``_REASONING``) or C007 (``_LEADING``) looks for holds one of these."""
_STRIPPED = " \t\n\v\f\r\x1c\x1d\x1e\x1f" + _OPENERS
"""The ASCII characters ``str.strip`` strips, and the openers :func:`leans_on_context` strips after them."""


def _may_fire(texts: list[str]) -> list[int]:
    """The indices, in order, of the texts :func:`check_claims` may report without ``lint: all``:
    every one it reports (C001, C003, C004, C005, C007), and few others.

    Asking each text each question took most of the time on a big map, where few texts are
    reported; here each question is asked of all the texts at once, in C. A text that is not
    ASCII is always returned: only in ASCII is lower-casing one character to one, which the
    questions need.
    """
    count = len(texts)
    if count == 0 or any(map(str.__contains__, texts, repeat("\x00"))):
        return list(range(count))
    found = set(compress(range(count), map(not_, map(str.isascii, texts))))
    lowers = list(map(str.lower, texts))
    lower = "\x00".join(lowers)
    ends = list(accumulate(map(add, map(len, lowers), repeat(1))))  # in ``lower``, where the next text starts
    for word in (*_FIRING_WORDS, "?"):  # C001 and C007; C003
        at = lower.find(word)
        while at >= 0:
            index = bisect_right(ends, at)
            found.add(index)
            at = lower.find(word, ends[index])
    del lower, ends  # a big map's texts are megabytes: each copy goes as soon as it is done with (peak memory)
    # C004: a text that starts with a pronoun once spaces and openers are stripped.
    found.update(compress(range(count), map(str.startswith, map(str.lstrip, lowers, repeat(_STRIPPED)), repeat(_LEANING))))
    del lowers
    # C005: as _may_be_long, for each text.
    others = "\x00".join(texts).encode("utf-8", "surrogatepass").translate(None, _WORD_BYTES).split(b"\x00")
    found.update(compress(range(count), map(LONG_CLAIM.__le__, map(len, others))))
    return sorted(found)


def check_claims(claims: Iterable[Claim], document: Document, report: Report) -> None:
    """The claim-writing checks C001–C005 and C007 on every claim's text (waivers are applied by
    the pipeline; the :data:`OPT_IN` rules run only under ``lint: all``)."""
    everything = (document.header_value("lint") or "").strip().lower() == "all"
    listed = list(claims)
    for index in range(len(listed)) if everything else _may_fire([claim.text for claim in listed]):
        claim = listed[index]
        text = claim.text
        bare = _unquoted(text)
        lower = bare.lower()
        opener = leading_connective(text)
        word = None if opener is not None else _reasoning_word(bare, lower)
        why = _compound(bare, lower, claim.kind) if everything else None
        question = text.rstrip().endswith("?")
        pronoun = leans_on_context(text)
        count = len(_WORDS.findall(text)) if _may_be_long(text) else 0
        if word is None and opener is None and why is None and not question and pronoun is None and count <= LONG_CLAIM:
            continue
        span = claim.text_span
        if opener is not None:
            report(
                "C007",
                f"'{claim.id}' opens with '{opener}': the link already says how it relates to another claim",
                span,
                Note(f"drop '{opener}' and keep the claim; the arrow ('->' or '-x') carries the connection"),
            )
        if word is not None:
            report(
                "C001",
                f"'{claim.id}' contains '{word}': a box holds one claim, not an argument",
                span,
                Note("split the reason into its own claim and link it with '->' (or '-x' for 'but')"),
            )
        if why is not None:
            report("C002", f"'{claim.id}' looks like two claims in one box: {why}", span,
                   Note("one claim per box: split it and link each part on its own"))
        if question:
            report("C003", f"'{claim.id}' is a question: a claim is a statement that can be true or false", span,
                   Note("write the answer the text implies, as a statement"))
        if pronoun is not None:
            report("C004", f"'{claim.id}' starts with '{pronoun}': it cannot be read on its own", span,
                   Note("name what the pronoun stands for, so the box makes sense anywhere on the map"))
        if count > LONG_CLAIM:
            report("C005", f"'{claim.id}' is {count} words long (more than {LONG_CLAIM})", span,
                   Note("shorten it to the claim itself; details can go in a note"))


def check_single_premise(
    inferences: Sequence[Inference], claims: Mapping[str, Claim], document: Document, report: Report
) -> None:
    """C006, once per file: reasons with a single premise may hide an unstated co-premise."""
    file_waived = file_waivers(document)
    waived_for_file = _waived(file_waived, "C006")
    support = LinkType.SUPPORT
    # One pass over the claims in order is much faster than looking in each premise's properties.
    claim_waivers: dict[str, Property] = {}
    if any_property(claims.values(), "waive"):
        for claim_id, claim in claims.items():
            for prop in claim.properties:
                if prop.key == "waive":
                    claim_waivers[claim_id] = prop
                    break
    if not claim_waivers and not any_property(document.links, "waive"):
        # The usual map: nothing waives C006 but, maybe, the file.
        if not waived_for_file:
            _report_single_premises(
                [
                    inference
                    for inference in inferences
                    if inference.type is support and len(inference.premises) == 1 and inference.target is not None
                ],
                report,
            )
        return
    found = []
    for inference in inferences:
        premises: tuple[str, ...] = inference.premises
        if inference.type is not support or len(premises) != 1 or inference.target is None:
            continue
        premise_waiver = claim_waivers.get(premises[0])
        link = inference.link
        waiver = link.get("waive") if link.properties else None
        if premise_waiver is None and waiver is None:
            waived = waived_for_file
        else:
            waived = _waived(
                file_waived + ", " + ", ".join(p.value for p in (premise_waiver, waiver) if p is not None),
                "C006",
            )
        if not waived:
            found.append(inference)
    _report_single_premises(found, report)


def _report_single_premises(found: Sequence[Inference], report: Report) -> None:
    """C006 for these reasons of a single premise, if there are any."""
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


# --- the Rabbit rule ---------------------------------------------------------------


def _stemmer() -> Callable[[str], str]:
    """The English Snowball stemmer, remembering the words it has stemmed (it is slow, and words recur)."""
    import snowballstemmer

    stem: Callable[[str], str] = snowballstemmer.stemmer("english").stemWord
    return functools.lru_cache(maxsize=1 << 14)(stem)


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
    if not any(" " in key for key in table):
        # No two-word synonyms (the usual case): each word stands alone.
        for word, stemmed in zip(words, stems, strict=True):
            found.setdefault(table.get(stemmed, stemmed), word)
        return found
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
    waived_for_file = _waived(file_waived, "T001")
    cache: dict[str, dict[str, str]] = {}

    def of(claim_id: str) -> dict[str, str]:
        if claim_id not in cache:
            cache[claim_id] = terms(claims[claim_id].text, stem, stop, table)
        return cache[claim_id]

    for inference in inferences:
        target = inference.target
        if inference.type is not LinkType.SUPPORT or target is None:
            continue
        link = inference.link
        waiver = link.get("waive") if link.properties else None
        if waived_for_file if waiver is None else _waived(file_waived + ", " + waiver.value, "T001"):
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
