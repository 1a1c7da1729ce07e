"""``argmap evaluate FILE``: what stands under the reader's verdicts, how strongly, and why.

Also the options and the marks that ``argmap render --evaluate`` shares with it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from argmap.analysis.check import check_file

from .common import EXIT_ENVIRONMENT, EXIT_OK, EXIT_USAGE, not_drawable, write_output

if TYPE_CHECKING:
    from argmap.analysis.argument_map import ArgumentMap
    from argmap.drawing import Marks
    from argmap.evaluation import Evaluation

__all__ = ["add_evaluation_options", "cmd_evaluate", "evaluation_marks", "evaluation_of", "marks_for", "register"]


def add_evaluation_options(parser: argparse.ArgumentParser) -> None:
    """``--assume`` and ``--semantics``, shared by ``evaluate`` and ``render``/``annotate --evaluate``."""
    parser.add_argument(
        "--assume", action="append", default=[], metavar="ID=VERDICT",
        help="lay a verdict over a claim for a 'what if': accept, reject, doubt, or a credence "
        "from 0 to 1 (repeatable; overrides the file's eval: and credence:)",
    )
    parser.add_argument(
        "--semantics", choices=("grounded", "preferred"), default="grounded",
        help="grounded (default): what stands whatever one makes of cycles of attack; preferred: "
        "in when in every maximal consistent reading of them",
    )


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``evaluate`` command to the ``argmap`` sub-command parsers."""
    evaluate = commands.add_parser(
        "evaluate",
        help="judge an argument: what stands under your verdicts, how strongly, and why",
        description="Evaluate the map under the reader's verdicts (eval: and credence: on claims, "
        "weight: on links, --assume on the command line): for every claim whether it stands (in, "
        "out or undecided), its DF-QuAD strength, why the main conclusion (and each --why claim) "
        "has its status, and which basic claims it rests on. docs/evaluation.md defines it all. "
        "A file with errors is not evaluated (exit 1).",
    )
    evaluate.add_argument("file", metavar="FILE", help="the .arg file; - reads standard input")
    evaluate.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format")
    evaluate.add_argument("-o", "--output", metavar="OUT", help="write the report here (default: standard output)")
    evaluate.add_argument(
        "--why", action="append", default=[], metavar="ID",
        help="also explain this claim's status (repeatable; the main conclusion is always explained)",
    )
    add_evaluation_options(evaluate)
    evaluate.set_defaults(handler=cmd_evaluate)


def evaluation_of(amap: ArgumentMap, args: argparse.Namespace, command: str, stderr: TextIO) -> Evaluation | int:
    """The map evaluated under ``--assume`` and ``--semantics``, or the exit status after a usage error."""
    from argmap import evaluation as ev

    try:
        assumptions = [ev.parse_assumption(text) for text in args.assume]
        return ev.evaluate(amap, semantics=args.semantics, assume=assumptions)
    except ev.AssumptionError as exc:
        print(f"argmap {command}: {exc}", file=stderr)
    except ev.TooManyReadings as exc:
        print(
            f"argmap {command}: preferred semantics: the cycles of attack allow too many readings to "
            f"search ({exc}); use --semantics grounded",
            file=stderr,
        )
    return EXIT_USAGE


def cmd_evaluate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """``argmap evaluate FILE``: what stands under the reader's verdicts, how strongly, and why."""
    from argmap import evaluation as ev
    from argmap.core.suggest import closest

    result = check_file(args.file)
    status = not_drawable(result, "evaluate", stderr)
    if status is not None:
        return status
    amap = result.map
    assert amap is not None
    for claim_id in args.why:
        if claim_id not in amap.by_id:
            guess = closest(claim_id, amap.by_id)
            hint = f": did you mean '{guess}'?" if guess else ""
            print(f"argmap evaluate: --why: no claim has the id '{claim_id}'{hint}", file=stderr)
            return EXIT_USAGE
    evaluation = evaluation_of(amap, args, "evaluate", stderr)
    if isinstance(evaluation, int):
        return evaluation
    report = ev.make_report(evaluation, args.why)
    text = {"json": ev.to_json, "markdown": ev.to_markdown}.get(args.format, ev.to_text)(report)
    written = write_output(args.output or "-", text.encode("utf-8"), stdout, stderr, "evaluate")
    return EXIT_OK if written else EXIT_ENVIRONMENT


# --- on the map: argmap render --evaluate ----------------------------------------------


def marks_for(amap: ArgumentMap, args: argparse.Namespace, command: str, theme: str, stderr: TextIO) -> Marks | int | None:
    """For ``render`` and ``annotate``: the evaluation's marks with ``--evaluate``, None without it,
    or the exit status after a usage error (``--assume`` or ``--semantics`` alone)."""
    if not args.evaluate:
        if args.assume or args.semantics != "grounded":
            print(f"argmap {command}: --assume and --semantics need --evaluate", file=stderr)
            return EXIT_USAGE
        return None
    evaluation = evaluation_of(amap, args, command, stderr)
    return evaluation if isinstance(evaluation, int) else evaluation_marks(evaluation, theme)

_LOOKS = {
    # status: (colour in the default theme, line style, pen width, badge, legend words)
    "in": ("#0072B2", "bold", 3.0, "✔ IN", "stands (in)"),
    "out": ("#D55E00", "dashed", 2.5, "✘ OUT", "does not stand (out)"),
    "undecided": ("#7F7F7F", "dotted", 2.5, "? UNDECIDED", "undecided"),
}


def evaluation_marks(evaluation: Evaluation, theme: str) -> Marks:
    """A mark over every claim for its status: a colour (black in the print theme), a line style
    and a badge with the status and the strength, each explained in the legend; a mark over
    every inference that fails or is undecided."""
    from argmap.drawing import Mark, Marks

    def look(status: str, note: str, meaning: str, link: bool = False) -> Mark:
        color, style, width, _, _ = _LOOKS[status]
        if theme == "print":
            color = "#000000"
        if link:  # a link keeps its own line (support solid, attack broken); the colour and label say it fails
            return Mark(f"eval-link-{status}", color, None, 2.0, note=note, meaning=meaning)
        return Mark(f"eval-claim-{status}", color, style, width, note=note, meaning=meaning, sample=_LOOKS[status][3])

    from argmap.evaluation import Source

    said = {
        Source.EVAL: "your verdict: {}",
        Source.ASSUME: "assumed: {} (--assume)",
        Source.CREDENCE: "by your credence: {}",
        Source.STATUS: "as resolved: {}",
    }
    claims = {}
    for claim in evaluation.amap.claims:
        status = evaluation.status(claim.id).value
        badge, meaning = _LOOKS[status][3], _LOOKS[status][4]
        note = f"{badge} · strength {evaluation.strength(claim.id):.2f}"
        judgement = evaluation.judgements[claim.id]
        if judgement.verdict is not None and judgement.source in said:
            note += "\n" + said[judgement.source].format(judgement.verdict.value)
        claims[claim.id] = look(status, note, meaning)
    links = {}
    for inference in evaluation.amap.inferences:
        status = evaluation.inference_status(inference.index).value
        if status != "in":
            word = "fails" if status == "out" else "undecided"
            meaning = "a reason or attack that fails (labelled so)" if status == "out" else "a reason or attack left undecided (labelled so)"
            links[inference.index] = look(status, word, meaning, link=True)
    return Marks(claims=claims, links=links)
