"""Deterministic synthetic argument maps for benchmarks and scale tests.

``generate(n, seed)`` returns the text of an ``.arg`` file with ``n`` claims and
the source text its quotes come from. The shape imitates real maps: several
conclusions, each the root of a tree a few levels deep; about 1.5 links per
claim; separate and linked reasons; objections, rebuttals and undercuts;
sections; quotes; and predictions with their properties.

Run ``python bench/generate.py N OUT.arg`` to write one (the source text goes
beside it as ``OUT.txt``).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

_WORDS = (
    "trade energy security alliance treaty summit market border policy statement pipeline "
    "sanction region partner rival budget reform tariff currency region council strategy "
    "harbour railway satellite climate grain fleet election minister coalition parliament"
).split()
_VERBS = "supports weakens expands limits threatens secures delays funds blocks shapes".split()


def _sentence(rng: random.Random, i: int) -> str:
    words = rng.sample(_WORDS, 4)
    return f"The {words[0]} {rng.choice(_VERBS)} the {words[1]} of {words[2]} number {i} and its {words[3]}."


def generate(n: int, seed: int = 1) -> tuple[str, str]:
    """An .arg text with ``n`` claims and its source text."""
    rng = random.Random(seed)
    roots = max(3, n // 200)
    sentences = [_sentence(rng, i) for i in range(n)]
    lines = [
        f"title: Synthetic map of {n} claims (seed {seed})",
        "author: A. Generator",
        "source: {source}",
        "published: 2024-05-01",
        "",
    ]
    links: list[str] = []
    # Claims 0..roots-1 are conclusions; every later claim hangs under an earlier one.
    parents: dict[int, int] = {}
    kinds: dict[int, str] = {}
    section = -1
    per_section = max(50, n // 40)
    for i in range(n):
        if i % per_section == 0:
            section += 1
            lines.append(f"## Part {section}")
        if i < roots:
            kind = "conclusion"
            prefix = "main " if i == 0 else ""
        else:
            parent = rng.randrange(max(0, i - 400), i) if i > 400 else rng.randrange(0, i)
            parents[i] = parent
            roll = rng.random()
            kind = "objection" if roll < 0.12 else "prediction" if roll < 0.2 else "assumption" if roll < 0.3 else "premise"
            prefix = ""
        kinds[i] = kind
        lines.append(f"{prefix}{kind} c{i}: {sentences[i]}")
        if kind != "assumption":
            words = sentences[i].split()
            lines.append(f"  quote: {' '.join(words[3:9])}")
        if kind == "prediction":
            lines.append("  by: author")
            lines.append("  made: 2024-05-01")
            lines.append("  likelihood: likely")
            lines.append("  deadline: 2030-12-31")
            lines.append(f"  criteria: Official figures show claim {i} by the deadline.")
            lines.append("  status: open")
        elif rng.random() < 0.3:
            lines.append(f"  kind: {rng.choice(['fact', 'interpretation', 'value'])}")
    # Links: one per non-root claim, grouped into linked and convergent reasons.
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    for parent in sorted(children):
        kids = children[parent]
        supports = [k for k in kids if kinds[k] != "objection"]
        attacks = [k for k in kids if kinds[k] == "objection"]
        while supports:
            take = rng.choice((1, 2, 2, 3))
            group, supports = supports[:take], supports[take:]
            joiner = " + " if rng.random() < 0.5 else ", "
            links.append(f"{joiner.join(f'c{k}' for k in group)} -> c{parent}")
            if rng.random() < 0.15 and len(group) == 1:
                # an undercut of that inference, by an earlier objection if one exists
                attacker = rng.choice(attacks) if attacks else None
                if attacker is not None:
                    links.append(f"c{attacker} -x (c{group[0]} -> c{parent})")
                    attacks.remove(attacker)
        for attacker in attacks:
            links.append(f"c{attacker} -x c{parent}")
    # Cross links, for about 1.5 links per claim: a reason also bears on the claim two levels up.
    for child, parent in sorted(parents.items()):
        grandparent = parents.get(parent)
        if grandparent is None or rng.random() > 0.45:
            continue
        if kinds[child] == "objection" or kinds[parent] == "objection":
            continue
        links.append(f"c{child} -> c{grandparent}")
    # The other conclusions support the main one.
    links.extend(f"c{r} -> c0" for r in range(1, roots))
    # Rebuttals: a third of the objections are attacked by a premise.
    objections = [i for i, k in kinds.items() if k == "objection"]
    premises = [i for i, k in kinds.items() if k == "premise"]
    for obj in objections[::3]:
        if premises:
            links.append(f"c{rng.choice(premises)} -x c{obj}")
    lines.append("")
    lines.append("## Links")
    seen: set[str] = set()
    for link in links:
        if link not in seen:
            seen.add(link)
            lines.append(link)
    source = "\n".join(sentences) + "\n"
    return "\n".join(lines) + "\n", source


def write(n: int, path: Path, seed: int = 1) -> Path:
    """Write the map to ``path`` and its source beside it (``path`` with .txt)."""
    text, source = generate(n, seed)
    source_path = path.with_suffix(".txt")
    path.write_text(text.replace("{source}", source_path.name), encoding="utf-8")
    source_path.write_text(source, encoding="utf-8")
    return path


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
