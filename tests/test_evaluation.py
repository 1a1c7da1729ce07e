"""argmap evaluate: hand-computed cases, cross-checks against an independent solver, the reports."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.core.model import LinkType
from argmap.evaluation import (
    Semantics,
    Status,
    Verdict,
    dung,
    evaluate,
    make_report,
    parse_assumption,
    pivots,
    to_json,
    to_markdown,
    to_text,
)
from argmap.evaluation.pivots import _reevaluate
from argmap.evaluation.strength import combine

from .conftest import ROOT

CASES = sorted((Path(__file__).parent / "evaluation_cases").glob("*.arg"))
SUMMIT = ROOT / "examples" / "summit" / "summit.arg"


def _expectations(path: Path) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"# (grounded|preferred|inferences|strength|assume|pivots): (.*)", line)
        if match:
            found[match.group(1)] = dict(item.split("=", 1) for item in match.group(2).split())
    return found


def _load(text: str, path: str = "<string>") -> argmap.ArgumentMap:
    amap = argmap.resolve(argmap.parse(text, path))
    assert amap.ok, amap.errors
    return amap


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_hand_computed_case(path: Path) -> None:
    """Each case file's statuses, strengths and load-bearing claims are the ones worked out by hand in it."""
    expected = _expectations(path)
    assert "grounded" in expected, "a case says at least what grounded semantics gives"
    amap = _load(path.read_text(encoding="utf-8"), str(path))
    assume = [parse_assumption(f"{k}={v}") for k, v in expected.get("assume", {}).items()]
    grounded = evaluate(amap, assume=assume)
    for claim_id, status in expected["grounded"].items():
        assert grounded.status(claim_id).value == status, (claim_id, "grounded")
    for index, status in expected.get("inferences", {}).items():
        assert grounded.inference_status(int(index)).value == status, ("inference", index)
    for claim_id, value in expected.get("strength", {}).items():
        assert grounded.strength(claim_id) == pytest.approx(float(value), abs=1e-6), claim_id
    if "preferred" in expected:
        preferred = evaluate(amap, assume=assume, semantics="preferred")
        for claim_id, status in expected["preferred"].items():
            assert preferred.status(claim_id).value == status, (claim_id, "preferred")
    if "pivots" in expected:
        found = {p.claim: f"{p.then.value}:{p.status.value}" for p in pivots(grounded)}
        assert found == expected["pivots"]


# --- the Dung part against an independent implementation -----------------------------

argumentation = pytest.importorskip("argumentation.core.dung", reason="formal-argumentation needs Python 3.11+")


@st.composite
def frameworks(draw: st.DrawFn, most: int = 9) -> tuple[list[str], set[tuple[str, str]]]:
    """A random Dung framework: up to ``most`` arguments, any attacks (self-attacks included)."""
    n = draw(st.integers(0, most))
    names = [f"a{i}" for i in range(n)]
    pairs = [(a, b) for a in names for b in names]
    attacks = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs))) if pairs else set()
    return names, attacks


@given(frameworks(most=30))
def test_grounded_matches_an_independent_solver(framework: tuple[list[str], set[tuple[str, str]]]) -> None:
    """The grounded extension is the one formal-argumentation computes, on random frameworks."""
    names, attacks = framework
    theirs = argumentation.grounded_extension(
        argumentation.ArgumentationFramework(arguments=frozenset(names), defeats=frozenset(attacks))
    )
    assert dung.grounded_extension(names, attacks) == theirs


@given(frameworks(most=9))
def test_preferred_matches_an_independent_solver(framework: tuple[list[str], set[tuple[str, str]]]) -> None:
    """The preferred extensions are those formal-argumentation computes, on random frameworks."""
    names, attacks = framework
    theirs = argumentation.preferred_extensions(
        argumentation.ArgumentationFramework(arguments=frozenset(names), defeats=frozenset(attacks))
    )
    mine = dung.preferred_extensions(names, attacks)
    assert sorted(map(sorted, mine)) == sorted(map(sorted, theirs))


# --- random maps: the whole evaluation ------------------------------------------------


@st.composite
def maps(draw: st.DrawFn) -> str:
    """A random valid map: claims, supports (linked or not, acyclic), attacks, undercuts, verdicts."""
    n = draw(st.integers(2, 8))
    ids = [f"c{i}" for i in range(n)]
    lines = ["main conclusion c0: Claim zero."]
    for claim_id in ids[1:]:
        kind = draw(st.sampled_from(["premise", "objection", "claim", "assumption"]))
        lines.append(f"{kind} {claim_id}: Claim {claim_id}.")
        verdict = draw(st.sampled_from([None, None, "accept", "reject", "doubt"]))
        if verdict:
            lines.append(f"  eval: {verdict}")
    links: list[str] = []
    for target in range(n - 1):  # supports only from later claims: no cycle of support
        for _ in range(draw(st.integers(0, 2))):
            group = draw(st.sets(st.integers(target + 1, n - 1), min_size=1, max_size=2))
            link = " + ".join(f"c{g}" for g in sorted(group)) + f" -> c{target}"
            if link not in links:
                links.append(link)
    for _ in range(draw(st.integers(0, 4))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        link = f"c{a} -x c{b}"
        if a != b and link not in links and f"c{a} -> c{b}" not in links:
            links.append(link)
    plain = [link for link in links if "+" not in link]
    for _ in range(draw(st.integers(0, 2))):
        if not plain:
            break
        inner = draw(st.sampled_from(plain))
        u = draw(st.integers(0, n - 1))
        if f"c{u} " not in inner + " ":
            links.append(f"c{u} -x ({inner})")
    return "\n".join(lines + links) + "\n"


@given(maps())
def test_statuses_are_the_independent_solvers_labelling_of_the_map(text: str) -> None:
    """A whole map's statuses are what formal-argumentation makes of the framework it is read as:
    its grounded extension, and its preferred extensions of the part grounded leaves undecided
    (where every preferred extension differs from the grounded one)."""
    amap = argmap.resolve(argmap.parse(text))
    if not amap.ok:
        return
    grounded = evaluate(amap)
    preferred = evaluate(amap, semantics="preferred")
    fw = grounded.framework
    attacks = {(a, t) for t, sources in enumerate(fw.attackers) for a in sources}
    af = argumentation.ArgumentationFramework(
        arguments=frozenset(map(str, range(len(fw.nodes)))), defeats=frozenset((str(a), str(t)) for a, t in attacks)
    )
    base = {int(a) for a in argumentation.grounded_extension(af)}
    out = {t for a, t in attacks if a in base}
    open_ = [n for n in range(len(fw.nodes)) if n not in base and n not in out]
    local = {(a, t) for a, t in attacks if a in open_ and t in open_}
    if len(open_) <= 14:
        parts = argumentation.preferred_extensions(
            argumentation.ArgumentationFramework(
                arguments=frozenset(map(str, open_)), defeats=frozenset((str(a), str(t)) for a, t in local)
            )
        )
        readings = [base | {int(a) for a in e} for e in parts]
    else:
        readings = None
    for claim in amap.claims:
        node = fw.claim[claim.id]
        expected = Status.IN if node in base else Status.OUT if node in out else Status.UNDECIDED
        assert grounded.status(claim.id) is expected, ("grounded", claim.id)
        if readings is not None:
            inside = [node in e for e in readings]
            beaten = [any((a, node) in attacks for a in e) for e in readings]
            expected = Status.IN if all(inside) else Status.OUT if all(beaten) else Status.UNDECIDED
            assert preferred.status(claim.id) is expected, ("preferred", claim.id)


@given(maps())
def test_load_bearing_claims_match_evaluating_again(text: str) -> None:
    """The incremental search for load-bearing claims gives what evaluating the whole map again gives."""
    amap = argmap.resolve(argmap.parse(text))
    if not amap.ok or amap.main is None:
        return
    ev = evaluate(amap)
    quick = {(p.claim, p.then): p.status for p in pivots(ev)}
    for claim in amap.claims:
        for then in Verdict:
            if (claim.id, then) in quick:
                assert _reevaluate(ev, claim.id, then) is quick[(claim.id, then)]
    for (claim_id, then), status in quick.items():
        assert status is not ev.status(amap.main)
        assert _reevaluate(ev, claim_id, then) is status


@given(maps())
def test_strengths_stay_between_0_and_1(text: str) -> None:
    """Strengths are never below 0 or above 1, and a rejected claim's is 0."""
    amap = argmap.resolve(argmap.parse(text))
    if not amap.ok:
        return
    ev = evaluate(amap)
    for claim in amap.claims:
        assert 0.0 <= ev.strength(claim.id) <= 1.0
        if ev.judgements[claim.id].verdict is Verdict.REJECT:
            assert ev.strength(claim.id) == 0.0


@given(maps())
def test_with_plain_verdicts_strengths_agree_with_decided_statuses(text: str) -> None:
    """With accept and reject only (no credence, doubt or weight), every claim decided in has
    strength 1 and every claim out has 0 (docs/evaluation.md, section 6)."""
    amap = argmap.resolve(argmap.parse(text))
    if not amap.ok:
        return
    ev = evaluate(amap)
    if any(j.verdict is Verdict.DOUBT for j in ev.judgements.values()) or ev.count(Status.UNDECIDED):
        return
    for claim in amap.claims:
        expected = 1.0 if ev.status(claim.id) is Status.IN else 0.0
        assert ev.strength(claim.id) == pytest.approx(expected, abs=1e-6), claim.id


@given(maps(), st.sampled_from(["grounded", "preferred"]), st.data())
def test_reports_never_crash(text: str, semantics: str, data: st.DataObject) -> None:
    """Every report format works on any valid map, under both semantics and any --assume, with a
    --why for every claim; the JSON parses and has every claim."""
    amap = argmap.resolve(argmap.parse(text))
    if not amap.ok:
        return
    ids = [c.id for c in amap.claims]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
    values = st.sampled_from(["accept", "reject", "doubt", "0.3", "0.5", "0.9"])
    assume = [parse_assumption(f"{claim_id}={data.draw(values)}") for claim_id in chosen]
    report = make_report(evaluate(amap, semantics=semantics, assume=assume), why=ids)
    assert len(report.whys) == len(ids)
    assert to_text(report) and to_markdown(report)
    assert set(json.loads(to_json(report))["claims"]) == set(ids)


def test_dfquad_matches_an_independent_implementation_on_acyclic_maps() -> None:
    """On a map of supports and attacks between claims (no linked reasons or undercuts), the
    strengths are formal-argumentation's DF-QuAD strengths with the same base scores."""
    gradual = pytest.importorskip("argumentation.gradual.dfquad")
    from argumentation.gradual.gradual import WeightedBipolarGraph

    amap = _load(
        "main conclusion c: C.\npremise a: A.\n  credence: 0.7\npremise b: B.\n  credence: 0.6\n"
        "objection o: O.\n  credence: 0.9\nclaim r: R.\n  credence: 0.3\nconclusion m: M.\n  credence: 0.4\n"
        "a -> m\nm, b -> c\no -x c\nr -x o\nb -x m\n"
    )
    ev = evaluate(amap)
    graph = WeightedBipolarGraph(
        arguments=frozenset(c.id for c in amap.claims),
        initial_weights={c.id: ev.judgements[c.id].base for c in amap.claims},
        supports=frozenset((i.premises[0], i.target) for i in amap.inferences if i.type is LinkType.SUPPORT),
        attacks=frozenset((i.premises[0], i.target) for i in amap.inferences if i.type is LinkType.ATTACK),
    )
    theirs = gradual.dfquad_strengths(graph).strengths
    for claim in amap.claims:
        assert ev.strength(claim.id) == pytest.approx(theirs[claim.id], abs=1e-9), claim.id


def test_combination_is_dfquads() -> None:
    """The combination function is Rago et al.'s: equal attack and support leave the base score."""
    assert combine(0.3, 0.4, 0.4) == pytest.approx(0.3)
    assert combine(0.3, 1.0, 0.0) == pytest.approx(0.0)
    assert combine(0.3, 0.0, 1.0) == pytest.approx(1.0)


# --- the seed map --------------------------------------------------------------------


def test_seed_map_with_every_premise_accepted() -> None:
    """The seed map with no verdicts: the thesis stands; only the revolt, undercut by the reader's
    objection, falls."""
    amap = argmap.check(str(SUMMIT))
    ev = evaluate(amap)
    assert ev.status("blueprint") is Status.IN
    assert {c.id for c in amap.claims if ev.status(c.id) is not Status.IN} == {"revolt"}


SCEPTIC = ["words_are_deeds=reject", "reliable_forecaster=reject", "minority_framing=reject", "trends=reject"]


def test_sceptical_reading_of_the_seed_map() -> None:
    """The sceptical reader of docs/teaching.md: the caveat stands and defeats the thesis, and
    accepting `trends` (or rejecting `may_diverge`) alone would restore it."""
    amap = argmap.check(str(SUMMIT))
    ev = evaluate(amap, assume=[parse_assumption(a) for a in SCEPTIC])
    assert ev.status("blueprint") is Status.OUT
    assert {(p.claim, p.then) for p in pivots(ev)} == {("may_diverge", Verdict.REJECT), ("trends", Verdict.ACCEPT)}


# --- the command line ----------------------------------------------------------------


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


def test_cli_explains_the_main_conclusion_in_the_maps_terms() -> None:
    """The text report says why the main conclusion is out in terms of claims, reasons and verdicts."""
    path = Path(__file__).parent / "evaluation_cases" / "linked-one-rejected.arg"
    status, out, _ = run(["evaluate", str(path)])
    assert status == 0
    assert "main conclusion c: out" in out
    assert "`a + b -> c` fails: it needs `b`, which you reject (eval: reject, line 11)" in out
    assert "`d -> c` fails: it is undercut by `u`, which is accepted by default" in out
    assert "accept `b` (assumption, now rejected (eval)) → in" in out


def test_cli_json_has_every_claim_and_inference(tmp_path: Path) -> None:
    """--format json -o writes every claim's status and strength, the inferences and the explanation."""
    out_path = tmp_path / "e.json"
    path = Path(__file__).parent / "evaluation_cases" / "linked-one-rejected.arg"
    status, _, _ = run(["evaluate", str(path), "--format", "json", "-o", str(out_path), "--assume", "b=0.9"])
    assert status == 0
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert list(data["claims"]) == ["c", "a", "b", "d", "u"]
    assert data["claims"]["b"] == {
        "status": "in", "strength": 0.9, "kind": "assumption", "verdict": "accept",
        "verdict_source": "assume", "base": 0.9,
    }
    assert data["claims"]["c"]["status"] == "in"
    assert [i["status"] for i in data["inferences"]] == ["in", "out", "in"]
    assert data["explanations"][0]["claim"] == "c"
    assert data["load_bearing"] == [
        {"claim": "a", "now": "accept", "then": "reject", "main_becomes": "out"},
        {"claim": "b", "now": "accept", "then": "reject", "main_becomes": "out"},
    ]


def test_cli_markdown_escapes_claim_ids_and_text() -> None:
    """The Markdown report puts ids in code spans and escapes the table's cells."""
    status, out, _ = run(["evaluate", str(SUMMIT), "--format", "markdown", "--why", "revolt"])
    assert status == 0
    assert "## Main conclusion `blueprint`: in" in out
    assert "## Claim `revolt`: out" in out
    assert "| out | 0.00 | `revolt` | conclusion | follows its reasons |" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--assume", "words_are_deds=reject"], "no claim has the id 'words_are_deds': did you mean 'words_are_deeds'?"),
        (["--assume", "trends"], "'trends' is not ID=VERDICT"),
        (["--assume", "trends=maybe"], "'maybe' in 'trends=maybe' is not a verdict or a credence"),
        (["--assume", "trends=reject", "--assume", "trends=accept"], "'trends' is given twice"),
        (["--why", "blueprnt"], "--why: no claim has the id 'blueprnt': did you mean 'blueprint'?"),
    ],
)
def test_cli_bad_options_exit_2_with_a_clear_message(argv: list[str], message: str) -> None:
    """A bad --assume or --why is a usage error (exit 2) that says what is wrong."""
    status, out, err = run(["evaluate", str(SUMMIT), *argv])
    assert status == 2
    assert message in err
    assert out == ""


def test_cli_refuses_a_file_with_errors(tmp_path: Path) -> None:
    """A map with errors is not evaluated: its diagnostics are printed and the exit status is 1."""
    path = tmp_path / "bad.arg"
    path.write_text("main conclusion c: C.\npremise a: A.\n  eval: rejected\na -> c\n", encoding="utf-8")
    status, out, err = run(["evaluate", str(path)])
    assert status == 1
    assert "bad value for 'eval': 'rejected' is not a verdict: did you mean 'reject'?" in err
    assert out == ""


@pytest.mark.parametrize(
    ("prop", "message"),
    [
        ("eval: 0.7", "'0.7' is a number, not a verdict: write accept, reject or doubt, or give a degree of belief as 'credence: 0.7'"),
        ("eval: dubious", "'dubious' is not a verdict: did you mean 'doubt'?"),
        ("credence: likely", "'likely' is not a credence: write a number from 0 to 1"),
        ("credence: 1.2", "'1.2' is outside 0–1"),
        ("credence: accept", "'accept' is a verdict, not a credence: write 'eval: accept'"),
    ],
)
def test_bad_verdicts_and_credences_are_k002_with_specific_messages(prop: str, message: str) -> None:
    """A malformed eval: or credence: is a K002 error whose message says what to write instead."""
    amap = argmap.resolve(argmap.parse(f"main conclusion c: C.\npremise a: A.\n  {prop}\na -> c\n"))
    errors = [d for d in amap.errors if d.code == "K002"]
    assert len(errors) == 1 and message in errors[0].message
    assert errors[0].span.line == 3


def test_bad_link_weight_is_k002() -> None:
    """A link weight outside 0–1 is a K002 error on the link's property."""
    amap = argmap.resolve(argmap.parse("main conclusion c: C.\npremise a: A.\na -> c\n  weight: 2\n"))
    assert [d.code for d in amap.errors] == ["K002"]


def test_report_json_round_trips_hostile_text() -> None:
    """Quotes, angle brackets and newlines in a title survive the JSON report unchanged."""
    amap = _load('title: "<b>&\\\\</b>"\nmain conclusion c: C.\npremise a: A.\na -> c\n')
    data = json.loads(to_json(make_report(evaluate(amap))))
    assert data["claims"]["c"]["status"] == "in"


def test_preferred_readings_are_counted() -> None:
    """Under preferred semantics the report says how many readings there are, and which claims are
    in some of them."""
    amap = _load((Path(__file__).parent / "evaluation_cases" / "even-cycle.arg").read_text(encoding="utf-8"))
    ev = evaluate(amap, semantics=Semantics.PREFERRED)
    assert ev.readings == 2
    assert ev.in_some_reading("c") and ev.status("c") is Status.UNDECIDED


def test_too_many_readings_is_reported_not_hung() -> None:
    """A part with more readings than the search budget raises TooManyReadings."""
    attackers = [[i ^ 1] for i in range(40)]  # 20 even cycles, joined by one argument attacked by all
    attackers.append(list(range(40)))
    for i in range(40):
        attackers[i].append(40)
    with pytest.raises(dung.TooManyReadings):
        dung.preferred(attackers, budget=1000)


def test_teaching_page_shows_what_evaluate_prints() -> None:
    """Each `argmap evaluate` command in docs/teaching.md prints the output shown under it."""
    page = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    pairs = re.findall(r"```\n(argmap evaluate [^`]*?)\n```\n```\n(.*?)\n```", page, re.S)
    assert len(pairs) == 2
    for command, shown in pairs:
        argv = command.replace("\\\n", " ").split()[1:]
        status, out, _ = run(argv)
        assert status == 0
        for line in shown.splitlines():
            assert line in out.splitlines(), line


def test_render_evaluate_marks_every_box_and_explains_the_marks(tmp_path: Path) -> None:
    """render --evaluate gives every box a status mark and badge, failing links a label, and the key a row per status."""
    path = Path(__file__).parent / "evaluation_cases" / "linked-one-rejected.arg"
    dot = tmp_path / "m.dot"
    status, _, _ = run(["render", str(path), "--evaluate", "--theme", "print", "-o", str(dot)])
    assert status == 0
    text = dot.read_text(encoding="utf-8")
    assert len(re.findall(r'class="claim [^"]*eval-claim-in"', text)) == 3
    assert len(re.findall(r'class="claim [^"]*eval-claim-out"', text)) == 2
    assert '✘ OUT · strength 0.00<BR ALIGN="LEFT"/>your verdict: reject' in text
    assert "does not stand (out)" in text and "stands (in)" in text
    assert text.count('class="link support linked eval-link-out"') == 3  # a + b -> c: two premises and the arrow
    assert text.count('class="link support eval-link-out"') == 2  # d -> c, undercut: to its junction and on
    assert "#D55E00" not in text  # the print theme is black and white


def test_render_evaluate_in_colour_differs_from_print_only_in_colour(tmp_path: Path) -> None:
    """In the default theme the marks have their colours; the line styles and badges are the same as in print."""
    path = Path(__file__).parent / "evaluation_cases" / "linked-one-rejected.arg"
    outs = {}
    for theme in ("default", "print"):
        dot = tmp_path / f"{theme}.dot"
        assert run(["render", str(path), "--evaluate", "--theme", theme, "-o", str(dot)])[0] == 0
        outs[theme] = dot.read_text(encoding="utf-8")
    assert 'color="#D55E00"' in outs["default"] and 'color="#0072B2"' in outs["default"]
    assert outs["default"].count("dashed") == outs["print"].count("dashed")
    assert outs["default"].count("✔ IN · strength") == outs["print"].count("✔ IN · strength") == 6  # label, tooltip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--assume", "b=reject"], "--assume and --semantics need --evaluate"),
        (["--evaluate", "--assume", "bb=reject"], "no claim has the id 'bb': did you mean 'b'?"),
    ],
)
def test_render_evaluate_usage_errors(argv: list[str], message: str, tmp_path: Path) -> None:
    """render's evaluation options fail as usage errors (exit 2), writing nothing."""
    path = Path(__file__).parent / "evaluation_cases" / "linked-one-rejected.arg"
    out = tmp_path / "m.dot"
    status, _, err = run(["render", str(path), "-o", str(out), *argv])
    assert status == 2 and message in err and not out.exists()


@pytest.mark.needs_dot
def test_render_evaluate_draws_with_dot(tmp_path: Path) -> None:
    """The evaluated map goes through Graphviz's dot to SVG, badges and all."""
    out = tmp_path / "m.svg"
    status, _, err = run(["render", str(SUMMIT), "--evaluate", "--assume", "trends=reject", "-o", str(out)])
    assert status == 0, err
    svg = out.read_text(encoding="utf-8")
    assert "✘ OUT" in svg and "✔ IN" in svg and "assumed: reject (--assume)" in svg


@pytest.mark.needs_dot
def test_reading_view_can_show_the_evaluation(tmp_path: Path) -> None:
    """annotate --evaluate puts the evaluated map, badges and key, beside the source text."""
    out = tmp_path / "r.html"
    status, _, err = run(["annotate", str(SUMMIT), "--evaluate", "--assume", "trends=reject", "-o", str(out)])
    assert status == 0, err
    page = out.read_text(encoding="utf-8")
    assert page.count("eval-claim-out") == 3  # trends, blueprint and revolt
    assert "✔ IN" in page and "does not stand (out)" in page
    assert 'id="source"' in page


def test_strengths_that_drift_are_reported_not_hidden() -> None:
    """Even cycles joined through one claim have a range of DF-QuAD fixed points; the iteration
    drifts, and the report says the strengths did not settle instead of passing them off."""
    lines = ["main conclusion c: C.", "premise a: A.", "objection h: H.", "a -> c", "h -x c"]
    for i in range(3):
        lines += [f"claim x{i}: X{i}.", f"claim y{i}: Y{i}.", f"x{i} -x y{i}", f"y{i} -x x{i}"]
        lines += [f"x{i} -x h", f"h -x y{i}"]
    report = make_report(evaluate(_load("\n".join(lines) + "\n")))
    assert report.evaluation.strengths.unsettled == (("h", "x0", "y0", "x1", "y1", "x2", "y2"),)
    assert "the strengths of a cycle did not settle" in to_text(report)
    assert json.loads(to_json(report))["strengths_settled"] is False
