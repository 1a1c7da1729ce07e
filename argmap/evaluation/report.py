"""An evaluation as a report: text for the terminal, Markdown, or JSON.

The command line prints these; they are plain strings built from an
:class:`~argmap.evaluation.Evaluation`, its explanations
(:mod:`~argmap.evaluation.explain`) and the load-bearing claims
(:mod:`~argmap.evaluation.pivots`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import attrs

from argmap.analysis.argument_map import ArgumentMap

from .explain import Because, Fact, Why, explain
from .pivots import Pivot, pivots
from .semantics import Evaluation, Semantics, Status
from .verdicts import Judgement, Source, Verdict

__all__ = ["Report", "link_text", "make_report", "to_json", "to_markdown", "to_text", "verdict_words"]

_PAST = {Verdict.ACCEPT: "accepted", Verdict.REJECT: "rejected", Verdict.DOUBT: "doubted"}


@attrs.frozen(eq=False)
class Report:
    """What a report of an evaluation says: the evaluation, the explanations asked for, the load-bearing claims."""

    evaluation: Evaluation
    whys: tuple[Why, ...]
    """The main conclusion's explanation first (if there is a main), then each claim asked about."""
    pivots: tuple[Pivot, ...]
    notes: tuple[str, ...]
    """Things the reader should know: verdicts that contradict credences, strengths that did not settle."""


def make_report(evaluation: Evaluation, why: Sequence[str] = ()) -> Report:
    """The report of an evaluation, explaining the main conclusion and the claims in ``why``."""
    amap = evaluation.amap
    asked = ([amap.main] if amap.main else []) + [claim_id for claim_id in why if claim_id != amap.main]
    return Report(
        evaluation=evaluation,
        whys=tuple(explain(evaluation, claim_id) for claim_id in dict.fromkeys(asked)),
        pivots=pivots(evaluation),
        notes=_notes(evaluation),
    )


def _notes(evaluation: Evaluation) -> tuple[str, ...]:
    notes = []
    for claim_id, judgement in evaluation.judgements.items():
        if judgement.source is not Source.EVAL or judgement.credence is None:
            continue
        if (judgement.verdict is Verdict.ACCEPT and judgement.credence < 0.5) or (
            judgement.verdict is Verdict.REJECT and judgement.credence > 0.5
        ):
            notes.append(
                f"{claim_id}: 'eval: {judgement.verdict.value}' with 'credence: {judgement.credence:g}': "
                "the verdict decides its status, the credence its strength"
            )
    for cycle in evaluation.strengths.unsettled:
        notes.append(
            "the strengths of a cycle did not settle (shown as they stood when the iteration stopped): "
            + ", ".join(cycle)
        )
    return tuple(notes)


# --- words ------------------------------------------------------------------------


def link_text(amap: ArgumentMap, index: int) -> str:
    """An inference as the file writes it: ``a + b -> c``, ``u -x (a -> c)``."""
    inference = amap.inferences[index]
    premises = " + ".join(inference.premises)
    if inference.target_inference is not None:
        return f"{premises} {inference.type.value} ({link_text(amap, inference.target_inference)})"
    return f"{premises} {inference.type.value} {inference.target}"


def _line(judgement: Judgement) -> str:
    return f", line {judgement.span.line}" if judgement.span is not None else ""


def verdict_words(claim_id: str, judgement: Judgement) -> tuple[str, str]:
    """A claim's verdict as a clause about it, and as a relative clause (``which you reject …``)."""
    verdict = judgement.verdict
    if verdict is None:
        return "it has no verdict of its own", "which has no verdict of its own"
    past, verb = _PAST[verdict], verdict.value
    source = judgement.source
    if source is Source.EVAL:
        where = f"(eval: {verb}{_line(judgement)})"
        return f"you {verb} it {where}", f"which you {verb} {where}"
    if source is Source.ASSUME:
        value = f"{judgement.credence:g}" if judgement.credence is not None else verb
        where = f"(--assume {claim_id}={value})"
        return f"you assume it {past} {where}", f"which you assume {past} {where}"
    if source is Source.CREDENCE:
        side = "above" if verdict is Verdict.ACCEPT else "below" if verdict is Verdict.REJECT else "at"
        where = f"(credence: {judgement.credence:g}{_line(judgement)})"
        return (
            f"your credence in it is {side} 0.5, so it is {past} {where}",
            f"which your credence leaves {past} {where}",
        )
    if source is Source.STATUS:
        where = f"(its status{_line(judgement)})"
        return f"the prediction has been resolved, so it is {past} {where}", f"which is {past} as resolved {where}"
    return "a basic claim, accepted by default", "which is accepted by default"


def _status_word(why: Why) -> str:
    if why.is_claim:
        return {Status.IN: "stands", Status.OUT: "is out", Status.UNDECIDED: "is undecided"}[why.status]
    return {Status.IN: "holds", Status.OUT: "fails", Status.UNDECIDED: "is undecided"}[why.status]


def _name(amap: ArgumentMap, why: Why) -> str:
    if isinstance(why.subject, str):
        return f"`{why.subject}`"
    return f"`{link_text(amap, why.subject)}`"


def _verdict_only(why: Why) -> bool:
    return why.is_claim and why.judgement is not None and [f.because for f in why.facts] == [Because.VERDICT]


NO_MAIN = "no main conclusion is marked: nothing to find load-bearing claims for (--why ID explains a claim)"

_ONE_OR_ALL = {
    Because.NO_REASON_HOLDS: ("its only reason, {}, fails", "none of its {} reasons holds"),
    Because.ATTACKS_FAIL: ("the attack {} on it fails", "all {} attacks on it fail"),
    Because.UNDERCUTS_FAIL: ("the undercut {} fails", "all {} undercuts of it fail"),
}
"""How a fact about one or several inferences is told: with the one named, or the several counted."""


class _Writer:
    """Explanations as nested bullet lines."""

    def __init__(self, evaluation: Evaluation) -> None:
        self.ev = evaluation
        self.amap = evaluation.amap
        self.lines: list[tuple[int, str]] = []
        self.done: set[int] = set()

    def write(self, why: Why, depth: int, head: str | None = None) -> None:
        if id(why) in self.done and not _verdict_only(why):
            self.lines.append((depth, f"{head or _name(self.amap, why)} {_status_word(why)} (as above)"))
            return
        self.done.add(id(why))
        clauses: list[str] = []
        children: list[Why] = []
        for fact in why.facts:
            clause, subs = self.fact(why, fact)
            clauses.append(clause)
            children.extend(subs)
        self.lines.append((depth, f"{head or _name(self.amap, why)} {_status_word(why)}: " + "; ".join(clauses)))
        for child in children:
            self.write(child, depth + 1)

    def mention(self, why: Why) -> tuple[str, list[Why]]:
        """A claim named inside a clause: with its verdict inline when that is all there is to say."""
        if _verdict_only(why):
            assert isinstance(why.subject, str) and why.judgement is not None
            return f"`{why.subject}`, {verdict_words(why.subject, why.judgement)[1]}", []
        return f"`{why.subject}`, which {_status_word(why)}", [why]

    def through(self, inference: Why) -> tuple[str, list[Why]] | None:
        """An inference with one premise that holds, fails or hangs on that premise alone, told
        as its premise (``attacked by `o`, which …``); None for any other."""
        facts = inference.facts
        simple = (Because.PREMISES_STAND, Because.PREMISE_FAILS, Because.OPEN_PREMISE)
        if len(facts) != 1 or facts[0].because not in simple or len(facts[0].subs) != 1:
            return None
        if facts[0].because is Because.PREMISES_STAND and len(self.amap.inferences[int(inference.subject)].premises) != 1:
            return None
        return self.mention(facts[0].subs[0])

    def by(self, verb: str, inference: Why, status: str) -> tuple[str, list[Why]]:
        """``attacked by `o`, which …`` when the inference is just its premise, else the link itself."""
        short = self.through(inference)
        if short is not None:
            return f"{verb} {short[0]}", short[1]
        return f"{verb} {_name(self.amap, inference)}, which {status}", [inference]

    def fact(self, why: Why, fact: Fact) -> tuple[str, list[Why]]:
        subs = list(fact.subs)
        b = fact.because
        n = len(subs)
        if b is Because.VERDICT:
            assert isinstance(why.subject, str) and why.judgement is not None
            return verdict_words(why.subject, why.judgement)[0], []
        if b is Because.REASON_HOLDS:
            return self.by("it follows from", subs[0], "holds")
        if b is Because.NO_REASON_HOLDS and n == 1:
            short = self.through(subs[0])
            if short is not None:
                return f"its only reason is {short[0]}", short[1]
        if b in _ONE_OR_ALL:
            one, every = _ONE_OR_ALL[b]
            return (one.format(_name(self.amap, subs[0])) if n == 1 else every.format(n)), subs
        if b is Because.DEFEATED:
            return self.by("it is attacked by", subs[0], "holds")
        if b is Because.OPEN_ATTACK:
            return self.by("it is attacked by", subs[0], "is undecided")
        if b is Because.OPEN_REASON:
            return "none of its reasons holds for certain, and one is undecided", subs
        if b is Because.PREMISES_STAND:
            words: list[str] = []
            children: list[Why] = []
            for sub in subs:
                word, more = self.mention(sub)
                words.append(word)
                children.extend(more)
            if n == 1:
                return f"its premise {words[0]}", children
            return f"its premises {', '.join(words[:-1])}, and {words[-1]}", children
        if b in (Because.PREMISE_FAILS, Because.OPEN_PREMISE):
            word, found = self.mention(subs[0])
            return f"it needs {word}", found
        if b is Because.UNDERCUT:
            return self.by("it is undercut by", subs[0], "holds")
        if b is Because.OPEN_UNDERCUT:
            return self.by("it is undercut by", subs[0], "is undecided")
        if b is Because.CYCLE:
            loop = " → ".join(fact.cycle)
            leaves = "grounded semantics leaves undecided" if self.ev.semantics is Semantics.GROUNDED else (
                "the preferred readings do not settle"
            )
            return f"and so back where we started: a cycle ({loop}) that {leaves}", []
        if b is Because.READINGS:
            names = ", ".join(f"`{link_text(self.amap, i)}`" for i in fact.links)
            clause = f"in every one of the {self.ev.readings} preferred readings"
            if names and why.status is Status.IN:
                clause += f", every attack on it ({names}) fails"
            elif names:
                clause += f", one of {names} holds"
            if subs and not any(f.because is Because.READINGS for sub in subs for f in sub.facts):
                clause += "; how, the cycle below decides"
            return clause, subs
        start = why.subject if isinstance(why.subject, str) else self.amap.inferences[why.subject].premises[0]
        return f"(more below: argmap evaluate --why {start})", []


def _why_lines(evaluation: Evaluation, why: Why) -> list[tuple[int, str]]:
    writer = _Writer(evaluation)
    writer.write(why, 0)
    return writer.lines


def _status_cell(evaluation: Evaluation, claim_id: str) -> str:
    status = evaluation.status(claim_id)
    if status is Status.UNDECIDED and evaluation.in_some_reading(claim_id):
        return "undecided (in some readings)"
    return status.value


def _verdict_cell(judgement: Judgement) -> str:
    if judgement.verdict is None:
        return "follows its reasons" + (f" (prior {judgement.credence:g})" if judgement.credence is not None else "")
    past = _PAST[judgement.verdict]
    source = judgement.source
    if source is Source.DEFAULT:
        return "accepted by default"
    if source is Source.CREDENCE:
        return f"{past} (credence {judgement.credence:g})"
    assert source is not None
    return f"{past} ({source.value})"


def _pivot_words(evaluation: Evaluation, pivot: Pivot) -> str:
    kind = evaluation.amap.by_id[pivot.claim].kind.value
    return (
        f"{pivot.then.value} `{pivot.claim}` ({kind}, now {_verdict_cell(evaluation.judgements[pivot.claim])})"
        f" → {pivot.status.value}"
    )


def _summary(evaluation: Evaluation) -> list[str]:
    counts = ", ".join(f"{evaluation.count(status)} {status.value}" for status in Status)
    verdicts: dict[str, list[str]] = {_PAST[verdict]: [] for verdict in Verdict}
    default = 0
    for claim_id, judgement in evaluation.judgements.items():
        if judgement.source is Source.DEFAULT:
            default += 1
        elif judgement.verdict is not None:
            verdicts.setdefault(_PAST[judgement.verdict], []).append(claim_id)
    said = [f"{word}: {', '.join(ids)}" for word, ids in verdicts.items() if ids]
    said.append(f"{default} basic claim{'s' if default != 1 else ''} accepted by default")
    return [f"claims: {counts}", "your verdicts: " + "; ".join(said)]


# --- the three formats ---------------------------------------------------------------


def semantics_note(evaluation: Evaluation) -> str:
    """What the status words mean under the evaluation's semantics, in one sentence."""
    if evaluation.semantics is Semantics.GROUNDED:
        return "grounded semantics: in = stands whatever one makes of any cycle of attack"
    return (
        f"preferred semantics ({evaluation.readings} reading{'s' if evaluation.readings != 1 else ''}): "
        "in = stands in every reading, out = out in every reading"
    )


def to_text(report: Report) -> str:
    """The report for a terminal."""
    ev = report.evaluation
    amap = ev.amap
    out = [f"{amap.path}: evaluated under {semantics_note(ev)}"]
    out += [f"  {line}" for line in _summary(ev)]
    for note in report.notes:
        out.append(f"  note: {note}")
    if amap.main is None:
        out += ["", NO_MAIN]
    for why in report.whys:
        assert isinstance(why.subject, str)
        title = "main conclusion" if why.subject == amap.main else "claim"
        out.append("")
        out.append(f"{title} {why.subject}: {_status_cell(ev, why.subject)} (strength {ev.strength(why.subject):.2f})")
        out += ["  " + "  " * depth + "- " + text for depth, text in _why_lines(ev, why)]
        if why.subject == amap.main:
            out += _pivot_text(ev, report.pivots, "  ")
    out.append("")
    width = max((len(c.id) for c in amap.claims), default=2)
    out.append(f"{'status':<11} {'strength':>8}  {'id':<{width}}  verdict")
    for claim in amap.claims:
        out.append(
            f"{_status_cell(ev, claim.id):<11} {ev.strength(claim.id):>8.2f}  {claim.id:<{width}}  "
            f"{_verdict_cell(ev.judgements[claim.id])}"
        )
    return "\n".join(out) + "\n"


def _pivot_text(evaluation: Evaluation, found: Sequence[Pivot], indent: str) -> list[str]:
    if not found:
        return [f"{indent}load-bearing: no single basic claim changes its status when its verdict changes"]
    lines = [f"{indent}load-bearing (change one verdict and its status changes):"]
    lines += [f"{indent}  - {_pivot_words(evaluation, pivot)}" for pivot in found]
    return lines


def _md(text: str) -> str:
    """Text for a Markdown table cell or line: pipes and markup characters escaped."""
    out = text.replace("\\", "\\\\")
    for char in "|*_[]<>#":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", " ")


def _md_code(text: str) -> str:
    """Backticked names stay code spans; the rest is escaped."""
    parts = text.split("`")
    return "".join(f"`{part}`" if odd % 2 else _md(part) for odd, part in enumerate(parts))


def to_markdown(report: Report) -> str:
    """The report as Markdown: the verdicts, each explanation as nested lists, a table of every claim."""
    ev = report.evaluation
    amap = ev.amap
    out = [f"# Evaluation: {_md(amap.title or amap.path)}", "", f"Under {_md(semantics_note(ev))}.", ""]
    out += [f"- {_md(line)}" for line in _summary(ev)]
    out += [f"- note: {_md(note)}" for note in report.notes]
    if amap.main is None:
        out += ["", _md(NO_MAIN) + "."]
    for why in report.whys:
        assert isinstance(why.subject, str)
        title = "Main conclusion" if why.subject == amap.main else "Claim"
        out += ["", f"## {title} `{why.subject}`: {_status_cell(ev, why.subject)}", ""]
        out.append(f"Strength {ev.strength(why.subject):.2f}.")
        out.append("")
        out += ["  " * depth + "- " + _md_code(text) for depth, text in _why_lines(ev, why)]
        if why.subject == amap.main:
            out += ["", "### Load-bearing", ""]
            if report.pivots:
                out += [f"- {_md_code(_pivot_words(ev, pivot))}" for pivot in report.pivots]
            else:
                out.append("No single basic claim changes its status when its verdict changes.")
    out += ["", "## Every claim", "", "| status | strength | id | kind | verdict |", "|---|---:|---|---|---|"]
    for claim in amap.claims:
        out.append(
            f"| {_status_cell(ev, claim.id)} | {ev.strength(claim.id):.2f} | `{claim.id}` | {claim.kind.value} "
            f"| {_md(_verdict_cell(ev.judgements[claim.id]))} |"
        )
    return "\n".join(out) + "\n"


def _why_json(amap: ArgumentMap, why: Why) -> dict[str, object]:
    data: dict[str, object] = {}
    if isinstance(why.subject, str):
        data["claim"] = why.subject
    else:
        data["inference"] = why.subject
        data["link"] = link_text(amap, why.subject)
    data["status"] = why.status.value
    facts = []
    for fact in why.facts:
        item: dict[str, object] = {"because": fact.because.value}
        if fact.because is Because.VERDICT and why.judgement is not None and why.judgement.verdict is not None:
            item["verdict"] = why.judgement.verdict.value
            item["source"] = why.judgement.source.value if why.judgement.source else None
        elif fact.because is Because.VERDICT:
            item["verdict"] = "doubt"
        if fact.cycle:
            item["cycle"] = list(fact.cycle)
        if fact.subs:
            item["from"] = [_why_json(amap, sub) for sub in fact.subs]
        facts.append(item)
    data["facts"] = facts
    return data


def to_json(report: Report) -> str:
    """The report as JSON: every claim's status, strength and verdict, every inference's, the
    explanations (as trees) and the load-bearing claims."""
    ev = report.evaluation
    amap = ev.amap
    claims = {}
    for claim in amap.claims:
        judgement = ev.judgements[claim.id]
        item: dict[str, object] = {
            "status": ev.status(claim.id).value,
            "strength": round(ev.strength(claim.id), 6),
            "kind": claim.kind.value,
            "verdict": judgement.verdict.value if judgement.verdict else None,
            "verdict_source": judgement.source.value if judgement.source else None,
            "base": judgement.base,
        }
        if ev.semantics.value == "preferred":
            item["in_some_reading"] = ev.in_some_reading(claim.id)
        claims[claim.id] = item
    data = {
        "file": amap.path,
        "semantics": ev.semantics.value,
        "readings": ev.readings,
        "main": amap.main,
        "assumptions": [
            {"claim": a.claim, "verdict": a.verdict.value, "credence": a.credence} for a in ev.assumptions
        ],
        "claims": claims,
        "inferences": [
            {
                "index": inference.index,
                "link": link_text(amap, inference.index),
                "status": ev.inference_status(inference.index).value,
                "strength": round(ev.strengths.inferences[inference.index], 6),
            }
            for inference in amap.inferences
        ],
        "explanations": [_why_json(amap, why) for why in report.whys],
        "load_bearing": [
            {"claim": p.claim, "now": p.now.value, "then": p.then.value, "main_becomes": p.status.value}
            for p in report.pivots
        ],
        "strengths_settled": not ev.strengths.unsettled,
        "notes": list(report.notes),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
