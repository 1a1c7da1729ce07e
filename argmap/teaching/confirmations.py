"""A teacher's confirmations of matches, kept in a small TOML file beside the key and used on
every later run.

``argmap grade`` lists the matches it is unsure of in ``OUTDIR/to-confirm.toml``: under each
student, the student's claim id and the key claim argmap took it for. The teacher keeps a line
that is right, writes the right key claim's id where it is wrong, or ``"none"`` for a claim that
is none of the key's, and runs ``argmap grade … --confirm OUTDIR/to-confirm.toml``. The answers
are saved in ``KEY.confirm.toml`` (for ``key.arg``, ``key.confirm.toml``) with the student's text
of each claim; a confirmation is used while the claim still says that, so a resubmission that
changes a claim is asked about again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

import attrs

from argmap.analysis.argument_map import ArgumentMap

from .compare import Comparison
from .rubric import CompareError, toml_loads
from .wording import short

__all__ = [
    "NONE",
    "Confirmation",
    "confirmation_path",
    "confirmations_toml",
    "for_student",
    "merge",
    "parse_confirmations",
    "to_confirm_toml",
]

NONE = "none"
"""Written for a student's claim that is none of the key's."""


@attrs.frozen
class Confirmation:
    """A teacher's word on one student claim."""

    key: str | None
    """The key claim it is, or None: none of them."""
    text: str | None = None
    """The student's text when it was confirmed (None: not known yet)."""


Confirmations = Mapping[str, Mapping[str, Confirmation]]
"""Student name → the student's claim id → the teacher's word on it."""


def confirmation_path(key_path: str) -> str:
    """Where a key's confirmations are kept: beside it, ``NAME.confirm.toml``."""
    stem, _ = os.path.splitext(key_path)
    return stem + ".confirm.toml"


def _text(text: str) -> str:
    return " ".join(text.split())


def parse_confirmations(text: str, name: str, key: ArgumentMap) -> dict[str, dict[str, Confirmation]]:
    """Confirmations from TOML text (a saved file, or a teacher's edited ``to-confirm.toml``);
    raises :class:`CompareError` naming the student and claim of a bad line."""
    try:
        data: dict[str, Any] = toml_loads(text)
    except ValueError as exc:
        raise CompareError(f"{name}: not valid TOML: {exc}") from None
    found: dict[str, dict[str, Confirmation]] = {}
    for student, claims in data.items():
        if not isinstance(claims, dict):
            raise CompareError(f"{name}: write each student as a table: [\"{student}\"], with their claims under it")
        for claim, value in claims.items():
            said, text_then = (value.get("key"), value.get("text")) if isinstance(value, dict) else (value, None)
            if not isinstance(said, str) or (text_then is not None and not isinstance(text_then, str)):
                raise CompareError(f"{name}: [\"{student}\"] {claim}: write the key claim's id in quotes, or \"none\"")
            if said != NONE and said not in key.by_id:
                raise CompareError(
                    f"{name}: [\"{student}\"] {claim} = \"{said}\": the key has no claim '{said}' "
                    f"(write one of its ids, or \"{NONE}\")"
                )
            found.setdefault(student, {})[claim] = Confirmation(None if said == NONE else said, text_then)
    return found


def for_student(confirmations: Confirmations, name: str, student: ArgumentMap) -> dict[str, str | None]:
    """The confirmations that still hold for a student's map: claim id → key claim (None: none)."""
    mine = confirmations.get(name, {})
    return {
        claim: word.key
        for claim, word in mine.items()
        if claim in student.by_id and (word.text is None or word.text == _text(student.by_id[claim].text))
    }


def merge(
    saved: Confirmations, new: Confirmations, maps: Mapping[str, ArgumentMap]
) -> dict[str, dict[str, Confirmation]]:
    """The saved confirmations with the new ones over them, each with the student's text of its
    claim (from ``maps``, student name → map) so that a later change of the claim is noticed."""
    merged = {student: dict(claims) for student, claims in saved.items()}
    for student, claims in new.items():
        amap = maps.get(student)
        for claim, word in claims.items():
            text = word.text
            if text is None and amap is not None and claim in amap.by_id:
                text = _text(amap.by_id[claim].text)
            merged.setdefault(student, {})[claim] = Confirmation(word.key, text)
    return merged


def _quoted(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def confirmations_toml(confirmations: Confirmations) -> str:
    """The file kept beside the key."""
    lines = [
        "# argmap: a teacher's confirmations of how students' claims match the key's claims.",
        "# Under each student: the student's claim id = the key claim it is (\"none\": none of them),",
        "# with the student's text then; a confirmation holds while the claim says the same.",
        "# Written by 'argmap grade --confirm FILE'; read by 'argmap grade' and 'argmap compare'.",
    ]
    for student in sorted(confirmations):
        lines += ["", f"[{_quoted(student)}]"]
        for claim, word in sorted(confirmations[student].items()):
            fields = [f"key = {_quoted(word.key or NONE)}"]
            if word.text is not None:
                fields.append(f"text = {_quoted(word.text)}")
            lines.append(f"{_quoted(claim)} = {{ {', '.join(fields)} }}")
    return "\n".join(lines) + "\n"


def to_confirm_toml(comparisons: Mapping[str, Comparison]) -> str:
    """The teacher's list of what to confirm (student name → comparison): the matches argmap is
    unsure of, and, commented out, key claims argmap found missing that a claim of the student's may be."""
    lines = [
        "# argmap grade: matches argmap is not sure of. Under each student, each line says which key",
        "# claim a claim of theirs was taken for. Keep the line if it is right; write the right key",
        "# claim's id if it is wrong, or \"none\" if the claim is none of the key's. A line starting",
        "# with '# ?' is a key claim counted as missing that the student's claim may be: remove the",
        "# '# ?' to count it. Then run",
        "#   argmap grade KEY SUBMISSIONS -o OUTDIR --confirm THIS_FILE",
        "# The answers are kept beside the key (KEY.confirm.toml) and used on every later run.",
    ]
    for student in sorted(comparisons):
        c = comparisons[student]
        mine, key = c.student, c.key
        taken = {m.student for m in c.matches}
        maybe = [(k, s) for k, found in c.alignment.possible.items() for s in found if s not in taken]
        if not c.to_confirm() and not maybe:
            continue
        lines += ["", f"[{_quoted(student)}]"]
        for match in c.to_confirm():
            yours, theirs = short(mine.by_id[match.student].text), short(key.by_id[match.key].text)
            lines.append(f"# {yours} taken as {match.key} {theirs} ({match.confidence:.2f})")
            lines.append(f"{_quoted(match.student)} = {_quoted(match.key)}")
        for k, s in maybe:
            yours, theirs = short(mine.by_id[s].text), short(key.by_id[k].text)
            lines.append(f"# {yours} may be {k} {theirs}, counted as missing:")
            lines.append(f"# ? {_quoted(s)} = {_quoted(k)}")
    return "\n".join(lines) + "\n"
