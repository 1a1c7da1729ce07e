"""Precision and recall of the claim-writing rules on the labelled set (README.md beside this file).

    .venv/bin/python -m tests.lint_set.score            # the table docs/teaching.md carries
    .venv/bin/python -m tests.lint_set.score C004 fp    # the tuning part's false positives of a rule (or fn)

Each box goes through ``check_claims``, the function the checker runs on every
claim, as a claim of kind ``claim`` in a file with ``lint: all`` (so the rules
that are off by default are scored too).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import attrs

from argmap.analysis.lint import OPT_IN, check_claims
from argmap.core.model import ClaimKind

SET = Path(__file__).with_name("sentences.tsv")
RULES = {"C001": "C001", "C002": "C002", "C003": "C003", "C004": "C004", "C005": "C005", "C007": "leading_connective"}
"""Each rule's column in the set."""
PRECISION_FLOOR = 0.8
"""A rule is on by default only with at least this precision on the tuning part and on the held-out part."""


@attrs.frozen
class Box:
    id: str
    text: str
    gold: frozenset[str]
    """The rules the box breaks, by the labels."""

    @property
    def held_out(self) -> bool:
        """About 30 % of the boxes, chosen by their ids, that no tuning looked at."""
        return int(hashlib.sha256(self.id.encode("utf-8")).hexdigest(), 16) % 10 >= 7


@attrs.frozen
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def boxes() -> Iterator[Box]:
    lines = SET.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(head, line.split("\t"), strict=True))
        yield Box(row["id"], row["text"], frozenset(code for code, column in RULES.items() if row[column] == "1"))


_EVERYTHING: Any = SimpleNamespace(header_value=lambda key: "all" if key == "lint" else None)


def found(text: str) -> frozenset[str]:
    """The rules argmap reports on one box."""
    codes: set[str] = set()

    def report(code: str, message: str, span: object, *notes: object) -> None:
        codes.add(code)

    claim: Any = SimpleNamespace(id="x", kind=ClaimKind.CLAIM, text=text, text_span=None, properties=())
    check_claims([claim], _EVERYTHING, report)
    return frozenset(codes & set(RULES))


def score(part: str) -> dict[str, Score]:
    """Per rule, on ``tuning``, ``held-out`` or ``all`` of the set."""
    counts = {code: [0, 0, 0] for code in RULES}
    for box in boxes():
        if part != "all" and box.held_out != (part == "held-out"):
            continue
        got = found(box.text)
        for code, tally in counts.items():
            tally[0] += code in got and code in box.gold
            tally[1] += code in got and code not in box.gold
            tally[2] += code not in got and code in box.gold
    return {code: Score(*tally) for code, tally in counts.items()}


def table() -> str:
    parts = {part: score(part) for part in ("tuning", "held-out", "all")}
    lines = [
        "| rule | tuning: precision / recall | held-out: precision / recall | whole set | default |",
        "|---|---:|---:|---:|---|",
    ]
    for code in RULES:
        cells = [f"{parts[p][code].precision:.2f} / {parts[p][code].recall:.2f}" for p in parts]
        default = "off (`lint: all`)" if code in OPT_IN else "on"
        lines.append(f"| {code} | " + " | ".join(cells) + f" | {default} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) >= 2:
        code, kind = argv[0].upper(), argv[1].lower()
        for box in boxes():
            if box.held_out:
                continue
            got = code in found(box.text)
            if (kind == "fp" and got and code not in box.gold) or (kind == "fn" and not got and code in box.gold):
                print(f"{box.id}\t{box.text}")
        return 0
    print(table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
