"""A debate written as Argdown users write one: statements grouped under headings, in both syntaxes.

    .venv/bin/python bench/debate.py 1000 OUT     # writes OUT.arg and OUT.argdown, the same graph

Each heading is a topic of ``per`` statements (20 by default): a thesis that
supports the map's main thesis (a few attack it), and statements that hang under
an earlier statement of the same topic as a reason (single, or a linked pair of a
premise and an unstated assumption), an objection, or now and then an undercut of
a reason; with probability ``cross`` a statement also supports a statement of an
earlier topic. In argmap each topic is a section (``## Topic N``), which the
renderer frames; in Argdown each is a heading, which Argdown's map groups.

Argdown has no linked reasons or undercuts as argmap draws them: a linked pair is
an argument with a premise-conclusion structure, and an undercut attacks the
argument of the reason it undercuts (``_ [c12]`` under ``<l7>``). Both tools so
draw the same claims and the same links.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import attrs

_WORDS = (
    "trade energy security alliance treaty summit market border policy statement pipeline sanction region "
    "partner rival budget reform tariff currency council strategy harbour railway satellite climate grain "
    "fleet election minister coalition parliament"
).split()
_VERBS = "supports weakens expands limits threatens secures delays funds blocks shapes".split()


@attrs.frozen
class Link:
    """A support (``+``) or attack (``-``) from ``premises`` to a claim, or an undercut of link ``undercuts``."""

    premises: tuple[int, ...]
    sign: str
    target: int | None = None
    undercuts: int | None = None


@attrs.frozen
class Debate:
    """The claims (by number: text, kind, topic) and the links of one debate."""

    texts: tuple[str, ...]
    kinds: dict[int, str]
    topics: tuple[tuple[int, ...], ...]
    links: tuple[Link, ...]


def build(n: int, per: int = 20, cross: float = 0.1, seed: int = 1) -> Debate:
    """A debate of ``n`` claims: claim 0 the main thesis, the rest in topics of ``per``."""
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        words = rng.sample(_WORDS, 4)
        texts.append(f"The {words[0]} {rng.choice(_VERBS)} the {words[1]} of {words[2]} number {i} and its {words[3]}.")
    kinds = {0: "main conclusion"}
    topic_of: dict[int, int] = {}
    topics: list[tuple[int, ...]] = []
    links: list[Link] = []
    for topic, start in enumerate(range(1, n, per)):
        members = tuple(range(start, min(n, start + per)))
        topics.append(members)
        thesis = members[0]
        kinds[thesis], topic_of[thesis] = "conclusion", topic
        links.append(Link((thesis,), "-" if rng.random() < 0.15 else "+", target=0))
        pool = [thesis]
        reasons: list[int] = []  # this topic's single supports of a claim other than the main thesis
        j = 1
        while j < len(members):
            claim = members[j]
            topic_of[claim] = topic
            parent = rng.choice(pool)
            roll = rng.random()
            if roll < 0.2:
                kinds[claim] = "objection"
                links.append(Link((claim,), "-", target=parent))
            elif roll < 0.45 and j + 1 < len(members):
                partner = members[j + 1]
                topic_of[partner] = topic
                kinds[claim], kinds[partner] = "premise", "assumption"
                links.append(Link((claim, partner), "+", target=parent))
                pool += [claim, partner]
                j += 2
                continue
            elif roll < 0.5 and reasons:
                kinds[claim] = "objection"
                links.append(Link((claim,), "-", undercuts=rng.choice(reasons)))
            else:
                kinds[claim] = "premise"
                reasons.append(len(links))
                links.append(Link((claim,), "+", target=parent))
            pool.append(claim)
            j += 1
    for index, members in enumerate(topics[1:], start=1):
        for claim in members[1:]:
            if rng.random() < cross and kinds[claim] != "objection":
                links.append(Link((claim,), "+", target=rng.choice(topics[rng.randrange(index)])))
    return Debate(tuple(texts), kinds, tuple(topics), tuple(links))


def to_arg(debate: Debate) -> str:
    """The debate in argmap's language, one section per topic."""
    n = len(debate.texts)
    out = [f"title: A debate of {n} claims", "author: A. Generator", "", f"main conclusion c0: {debate.texts[0]}"]
    for number, members in enumerate(debate.topics):
        out += ["", f"## Topic {number}"]
        out += [f"{debate.kinds[claim]} c{claim}: {debate.texts[claim]}" for claim in members]
    out += ["", "## Links"]
    for link in debate.links:
        reasons = " + ".join(f"c{premise}" for premise in link.premises)
        arrow = "->" if link.sign == "+" else "-x"
        if link.undercuts is None:
            out.append(f"{reasons} {arrow} c{link.target}")
        else:
            undercut = debate.links[link.undercuts]
            out.append(f"{reasons} -x (c{undercut.premises[0]} -> c{undercut.target})")
    return "\n".join(out) + "\n"


def to_argdown(debate: Debate) -> str:
    """The debate in Argdown: statements defined under their topic's heading with the relations
    to them; linked and undercut reasons as arguments in their conclusion's topic."""
    undercut_by: dict[int, list[int]] = {}
    for link in debate.links:
        if link.undercuts is not None:
            undercut_by.setdefault(link.undercuts, []).append(link.premises[0])
    arguments = {
        k for k, link in enumerate(debate.links) if link.undercuts is None and (len(link.premises) > 1 or k in undercut_by)
    }
    relations: dict[int, list[str]] = {}
    for k, link in enumerate(debate.links):
        if link.undercuts is None and k not in arguments:
            assert link.target is not None
            relations.setdefault(link.target, []).append(f"  {link.sign} [c{link.premises[0]}]")
    topic_of = {claim: number for number, members in enumerate(debate.topics) for claim in members}
    arguments_in: dict[int | None, list[int]] = {}
    for k in sorted(arguments):
        target = debate.links[k].target
        assert target is not None
        arguments_in.setdefault(topic_of.get(target), []).append(k)
    out = ["===", f"title: A debate of {len(debate.texts)} claims", "===", ""]

    def statement(claim: int) -> None:
        out.extend([f"[c{claim}]: {debate.texts[claim]}", *relations.get(claim, []), ""])

    def argument(k: int) -> None:
        link = debate.links[k]
        out.extend([f"<l{k}>", *(f"  _ [c{u}]" for u in undercut_by.get(k, [])), ""])
        out.extend(f"({m}) [c{premise}]" for m, premise in enumerate(link.premises, start=1))
        out.extend(["----", f"({len(link.premises) + 1}) [c{link.target}]", ""])

    statement(0)
    for k in arguments_in.get(None, []):
        argument(k)
    for number, members in enumerate(debate.topics):
        out += [f"# Topic {number}", ""]
        for claim in members:
            statement(claim)
        for k in arguments_in.get(number, []):
            argument(k)
    return "\n".join(out) + "\n"


def write(n: int, out: Path, per: int = 20) -> tuple[Path, Path]:
    """Write ``out``.arg and ``out``.argdown; return their paths."""
    debate = build(n, per)
    arg, argdown = out.with_suffix(".arg"), out.with_suffix(".argdown")
    arg.write_text(to_arg(debate), encoding="utf-8")
    argdown.write_text(to_argdown(debate), encoding="utf-8")
    return arg, argdown


if __name__ == "__main__":
    for path in write(int(sys.argv[1]), Path(sys.argv[2])):
        print("wrote", path)
