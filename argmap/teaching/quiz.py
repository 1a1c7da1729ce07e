"""Exercises made from an answer key: a blank map to fill in, and a statement-kind sheet.

Pure functions: a key and a seed in, worksheet text out (HTML or Markdown, every
text of the key escaped). The same key and seed give byte-identical sheets; the
blank map itself is drawn by :func:`argmap.teachmaps.blank_map` and the renderer.

- **Blank map**: the key's structure with numbered empty boxes, and the key's
  claims in shuffled order, lettered A, B, C…, to write into the boxes. The
  answer sheet gives each box its letter and claim.
- **Which kind of statement?**: the key's claims whose ``kind:`` is one of
  :data:`QUIZ_KINDS`, shuffled, each to be marked fact, interpretation, value,
  policy or prediction; the answer sheet gives the key's kinds (and the kinds
  its ``alt-kind:`` also accepts).
"""

from __future__ import annotations

import html
import random

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.model import ClaimKind
from argmap.language.schema import split_list

from .kinds import STATEMENT_MEANINGS, statement_kind
from .maps import box_order
from .markup import escape_markdown
from .pages import map_block, page

QUIZ_KINDS = ("fact", "interpretation", "value", "policy", "prediction")
"""The statement kinds the kind sheet asks about, in the order they are offered."""

@attrs.frozen
class Placement:
    """One claim to place in the blank map."""

    letter: str
    box: int
    claim: str
    """The key's claim id."""
    text: str
    kind: ClaimKind


@attrs.frozen
class KindItem:
    """One statement of the kind sheet."""

    number: int
    claim: str
    text: str
    answer: str
    also: tuple[str, ...]
    """Other kinds the key accepts (``alt-kind:``)."""


@attrs.frozen
class Quiz:
    """The exercises made from one key with one seed."""

    title: str
    seed: int
    placements: tuple[Placement, ...]
    """In the shuffled order of the worksheet."""
    kinds: tuple[KindItem, ...]
    """In the shuffled order of the kind sheet."""
    left_out: tuple[str, ...]
    """Claims with no ``kind:``, or a kind the sheet does not ask about."""


def letters(number: int) -> str:
    """``A`` … ``Z``, then ``AA``, ``AB`` …: the label of the ``number``-th claim (from 0)."""
    label = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def make_quiz(key: ArgumentMap, seed: int) -> Quiz:
    """Shuffle the key's claims for both sheets; the same key and seed give the same quiz."""
    rng = random.Random(seed)
    boxes = {claim_id: n for n, claim_id in enumerate(box_order(key), 1)}
    claims = list(key.claims)
    rng.shuffle(claims)
    placements = tuple(
        Placement(letters(n), boxes[claim.id], claim.id, claim.text, claim.kind) for n, claim in enumerate(claims)
    )
    asked = [claim for claim in key.claims if statement_kind(claim) in QUIZ_KINDS]
    rng.shuffle(asked)
    kinds = []
    for number, claim in enumerate(asked, 1):
        also_prop = claim.get("alt-kind")
        also = tuple(
            item.lower() for item in split_list(also_prop.value if also_prop else "") if item.lower() in QUIZ_KINDS
        )
        kinds.append(KindItem(number, claim.id, claim.text, statement_kind(claim) or "", also))
    left_out = tuple(claim.id for claim in key.claims if statement_kind(claim) not in QUIZ_KINDS)
    return Quiz(key.title or "Argument map", seed, placements, tuple(kinds), left_out)


# --- the sheets -----------------------------------------------------------------------

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _tip(kinds: bool) -> str:
    tip = (
        "Start with the main conclusion (box 1, at the top). An arrow runs from a reason to the "
        "claim it supports; a bar ends an objection. Boxes joined at one dot work only together."
    )
    return tip + (" A dashed box holds an assumption the text never states." if kinds else "")


def blank_map_sheet(quiz: Quiz, markdown: bool = False, image: str = "blank-map.svg", kinds: bool = False) -> str:
    """The worksheet for the blank map: instructions, the lettered claims, a box-by-box table."""
    boxes = sorted({p.box for p in quiz.placements})
    intro = (
        f"The map beside this sheet ({image}) shows how the argument of the text is built, with "
        "every box empty and numbered. Below are the claims of the map, in a jumbled order. "
        "Write the letter of each claim in the box where it belongs."
    )
    tip = _tip(kinds)
    footer = f"Made by argmap quiz from the key \u201c{quiz.title}\u201d, seed {quiz.seed}."
    if markdown:
        lines = [f"# Blank map: {escape_markdown(quiz.title)}", "", escape_markdown(intro), "", escape_markdown(tip), ""]
        lines += ["## The claims", ""]
        lines += [f"- **{p.letter}** {escape_markdown(p.text)}" for p in quiz.placements]
        lines += ["", "## Your answers", "", "| box | letter |", "|---|---|"]
        lines += [f"| {box} | |" for box in boxes]
        lines += ["", f"*{escape_markdown(footer)}*", ""]
        return "\n".join(lines)
    body = [f"<h1>Blank map: {_e(quiz.title)}</h1>", f"<p>{_e(intro)}</p>", f"<p>{_e(tip)}</p>", "<h2>The claims</h2>"]
    body.append("<table>")
    body += [f"<tr><th>{_e(p.letter)}</th><td>{_e(p.text)}</td></tr>" for p in quiz.placements]
    body += ["</table>", "<h2>Your answers</h2>", "<table>", "<tr><th>box</th><th>letter</th></tr>"]
    body += [f'<tr><td>{box}</td><td class="write"></td></tr>' for box in boxes]
    body += ["</table>", f"<footer>{_e(footer)}</footer>"]
    return page(f"Blank map: {quiz.title}", body)


def blank_map_answers(quiz: Quiz, markdown: bool = False) -> str:
    """The answer sheet of the blank map: each box with its letter and claim."""
    rows = sorted(quiz.placements, key=lambda p: p.box)
    title = f"Answers: blank map: {quiz.title}"
    if markdown:
        lines = [f"# {escape_markdown(title)}", "", "| box | letter | claim |", "|---|---|---|"]
        lines += [f"| {p.box} | {p.letter} | {escape_markdown(p.text)} |" for p in rows]
        lines += ["", f"*Seed {quiz.seed}.*", ""]
        return "\n".join(lines)
    body = [f"<h1>{_e(title)}</h1>", "<table>", "<tr><th>box</th><th>letter</th><th>claim</th></tr>"]
    body += [f"<tr><td>{p.box}</td><td>{_e(p.letter)}</td><td>{_e(p.text)}</td></tr>" for p in rows]
    body += ["</table>", f"<footer>Seed {quiz.seed}.</footer>"]
    return page(title, body)


def _kind_help() -> list[tuple[str, str]]:
    return [(kind, STATEMENT_MEANINGS[kind]) for kind in QUIZ_KINDS]


def kinds_sheet(quiz: Quiz, markdown: bool = False) -> str:
    """The sheet "Which kind of statement is this?"."""
    title = f"Which kind of statement? {quiz.title}"
    intro = "For each statement from the text, tick the kind of statement it is."
    if markdown:
        lines = [f"# {escape_markdown(title)}", "", escape_markdown(intro), ""]
        lines += [f"- **{kind}**: {escape_markdown(meaning)}" for kind, meaning in _kind_help()]
        lines += ["", "| # | statement | " + " | ".join(QUIZ_KINDS) + " |", "|---|---|" + "---|" * len(QUIZ_KINDS)]
        lines += [
            f"| {item.number} | {escape_markdown(item.text)} | " + " | ".join("☐" for _ in QUIZ_KINDS) + " |"
            for item in quiz.kinds
        ]
        lines += ["", f"*Seed {quiz.seed}.*", ""]
        return "\n".join(lines)
    body = [f"<h1>{_e(title)}</h1>", f"<p>{_e(intro)}</p>", "<ul>"]
    body += [f"<li><b>{_e(kind)}</b>: {_e(meaning)}</li>" for kind, meaning in _kind_help()]
    body += ["</ul>", '<table class="kinds">', "<tr><th>#</th><th>statement</th>"]
    body[-1] += "".join(f"<th>{_e(kind)}</th>" for kind in QUIZ_KINDS) + "</tr>"
    body += [
        f"<tr><td>{item.number}</td><td>{_e(item.text)}</td>"
        + "".join('<td class="choice">☐</td>' for _ in QUIZ_KINDS)
        + "</tr>"
        for item in quiz.kinds
    ]
    body += ["</table>", f"<footer>Seed {quiz.seed}.</footer>"]
    return page(title, body)


def kinds_answers(quiz: Quiz, markdown: bool = False) -> str:
    """The answer sheet of the kind sheet (with the other kinds the key accepts)."""
    title = f"Answers: which kind of statement? {quiz.title}"

    def answer(item: KindItem) -> str:
        return item.answer + (f" (also accepted: {', '.join(item.also)})" if item.also else "")

    if markdown:
        lines = [f"# {escape_markdown(title)}", "", "| # | statement | kind |", "|---|---|---|"]
        lines += [f"| {i.number} | {escape_markdown(i.text)} | {escape_markdown(answer(i))} |" for i in quiz.kinds]
        lines += ["", f"*Seed {quiz.seed}.*", ""]
        return "\n".join(lines)
    body = [f"<h1>{_e(title)}</h1>", "<table>", "<tr><th>#</th><th>statement</th><th>kind</th></tr>"]
    body += [f"<tr><td>{i.number}</td><td>{_e(i.text)}</td><td>{_e(answer(i))}</td></tr>" for i in quiz.kinds]
    body += ["</table>", f"<footer>Seed {quiz.seed}.</footer>"]
    return page(title, body)


def worksheet(quiz: Quiz, text: str | None, svg: bytes | None, kinds: bool = False) -> str:
    """The worksheet to print (A4): a line for the name, the text, the blank map, the lettered
    claims and a table to write the answers in."""
    boxes = sorted({p.box for p in quiz.placements})
    body = [
        '<section class="sheet">',
        f"<h1>{_e(quiz.title)}</h1>",
        '<p class="name-line">Name<span></span>Date<span style="min-width:8em"></span></p>',
    ]
    if text:
        body.append("<h2>The text</h2>")
        for part in text.split("\n\n"):
            lines = [line.strip() for line in part.strip().split("\n") if line.strip()]
            if not lines:
                continue
            short_lines = len(lines) > 1 and all(len(line) < 70 for line in lines)  # a title block
            body.append("<p>" + ("<br>" if short_lines else " ").join(_e(line) for line in lines) + "</p>")
    body += [
        "<h2>The claims</h2>",
        "<p>These are the claims of the text's argument, in a jumbled order. Write the letter of "
        "each claim in the box of the map where it belongs.</p>",
        "<table>",
        *(f"<tr><th>{_e(p.letter)}</th><td>{_e(p.text)}</td></tr>" for p in quiz.placements),
        "</table>",
        "<h2>Your answers</h2>",
        '<table><tr><th>box</th>' + "".join(f"<td>{box}</td>" for box in boxes) + "</tr>"
        '<tr><th>letter</th>' + "".join('<td class="write"></td>' for _ in boxes) + "</tr></table>",
        "</section>",
    ]
    footer = f"<footer>Made by argmap quiz from the key “{_e(quiz.title)}”, seed {quiz.seed}.</footer>"
    if svg is None:
        body.insert(-1, footer)
    else:
        block, wide = map_block(svg)
        body += [
            f'<section class="sheet{" wide" if wide else ""}">',
            f"<h2>The map: {_e(quiz.title)}</h2>",
            f"<p>{_e(_tip(kinds))}</p>",
            block,
            footer,
            "</section>",
        ]
    return page(f"Worksheet: {quiz.title}", body)
