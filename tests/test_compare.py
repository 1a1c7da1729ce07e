"""argmap compare: alignment, link differences, kinds, the rubric, feedback, JSON, the difference map, the CLI.

The student variants in tests/teaching/variants/ are maps written the way
students err; each says in `# expect:` comments which differences it has and in
`# expect-score:` its score under the default rubric, and the tests hold the
comparison to exactly that.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.analysis import ArgumentMap
from argmap.cli import main
from argmap.drawing import to_dot
from argmap.language.schema import STATEMENT_KINDS
from argmap.teaching.align import Method, align
from argmap.teaching.assignment import best_assignment
from argmap.teaching.compare import Comparison, compare, key_problems
from argmap.teaching.confirmations import to_confirm_toml
from argmap.teaching.differences import Issue, Line
from argmap.teaching.evidence import ID_FLOOR, quote_overlap
from argmap.teaching.feedback import feedback, shown
from argmap.teaching.kinds import STATEMENT_MEANINGS
from argmap.teaching.maps import difference_map
from argmap.teaching.rubric import DEFAULT_RUBRIC, CompareError, Rubric, rubric_from_toml, rubric_toml
from argmap.teaching.score import Skill
from argmap.teaching.similarity import text_similarity

from .conftest import ROOT

TEACHING = Path(__file__).parent / "teaching"
KEY = TEACHING / "key.arg"
VARIANTS = sorted((TEACHING / "variants").glob("*.arg"))


def key() -> ArgumentMap:
    amap = argmap.check(str(KEY))
    assert amap.ok
    return amap


def load_text(text: str, tmp_path: Path, name: str = "student.arg") -> ArgumentMap:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return argmap.check(str(path))


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    return status, out.getvalue(), err.getvalue()


# --- the student variants: exactly the expected differences and score -----------------


def expectations(path: Path) -> tuple[set[str], float]:
    text = path.read_text(encoding="utf-8")
    expected = set(re.findall(r"^# expect: (.+)$", text, re.MULTILINE))
    score = re.search(r"^# expect-score: ([\d.]+)$", text, re.MULTILINE)
    assert score is not None, f"{path.name} has no '# expect-score:'"
    return expected, float(score.group(1))


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.stem)
def test_variant_has_exactly_its_expected_differences_and_score(path: Path) -> None:
    """Each student variant yields exactly the differences and the score its comments state."""
    student = argmap.check(str(path))
    assert student.ok, [d.message for d in student.errors]
    comparison = compare(student, key())
    expected, score = expectations(path)
    found = {f"{d.issue.value} {d.subject}" for d in comparison.differences}
    assert found == expected
    assert comparison.total == score


def test_the_key_compared_with_itself_is_perfect() -> None:
    """The key against itself: every claim matched by id, every link right, full marks."""
    comparison = compare(key(), key())
    assert comparison.total == 100 and comparison.percent == 100
    assert comparison.differences == ()
    assert all(match.method is Method.ID for match in comparison.matches)
    assert "Nothing to work on" in feedback(comparison)


def test_scores_per_rubric_line_for_linked_as_separate() -> None:
    """Two linked groups drawn as separate reasons keep their arrows and lose the two
    linked-or-separate choices (1.5 each of the links' weight of 19.5)."""
    comparison = compare(argmap.check(str(TEACHING / "variants" / "separate.arg")), key())
    links = comparison.score(Line.LINKS)
    assert (links.credited, links.items, links.points) == (16.5, 19.5, 42.31)
    assert comparison.score(Line.CLAIMS).points == 20
    assert comparison.score(Line.MAIN).points == 10
    linked = comparison.skill(Skill.LINKED)
    assert linked is not None and (linked.right, linked.count) == (1, 3)


# --- alignment ------------------------------------------------------------------------


def test_paraphrase_aligns_by_quote_and_by_wording() -> None:
    """A map with its own ids aligns stated claims by quote, assumptions by wording (flagged for review)."""
    student = argmap.check(str(TEACHING / "variants" / "paraphrase.arg"))
    matches = {m.key: m for m in align(student, key()).matches}
    assert matches["fares_income"].method is Method.QUOTE and matches["fares_income"].student == "p1"
    assert matches["not_worth"].method is Method.TEXT and not matches["not_worth"].review
    assert "roads" not in matches  # optional, and the student left it out


def test_wording_similarity_ignores_stop_words_and_keeps_negation() -> None:
    """Similar wordings score high; a negation makes two texts differ."""
    assert text_similarity("Fares barely cover the cost of collecting them.",
                           "Bus fares hardly cover what collecting them costs.") >= DEFAULT_RUBRIC.text_similarity
    assert text_similarity("The partnership is carved in stone.", "The partnership isn't carved in stone.") < 1
    assert text_similarity("Clean air is worth paying for.", "Taxes are too high.") == 0


def test_same_id_for_a_different_claim_is_not_aligned_by_id(tmp_path: Path) -> None:
    """A student's 'p1' that says something else is not the key's 'p1' (ID_FLOOR)."""
    key_map = load_text("main conclusion c: Cities should plant trees.\npremise p1: Trees cool streets.\np1 -> c\n",
                        tmp_path, "key.arg")
    student = load_text("main conclusion c: Cities should plant trees.\npremise p1: Parks raise house prices.\n"
                        "p1 -> c\n", tmp_path)
    assert text_similarity("Trees cool streets.", "Parks raise house prices.") < ID_FLOOR
    comparison = compare(student, key_map)
    assert comparison.missing == ("p1",) and comparison.extra == ("p1",)


def test_alt_ids_and_alt_wordings_align(tmp_path: Path) -> None:
    """A key claim's alt: lists other ids and wordings that count as the same claim."""
    key_map = load_text(
        "main conclusion c: Cities should plant trees.\n"
        "premise a: Trees cool streets.\n  alt: shade; Streets under trees stay cooler in summer\n"
        "premise b: Trees clean the air.\n  alt: air\n"
        "a, b -> c\n",
        tmp_path, "key.arg",
    )
    student = load_text(
        "main conclusion c: Cities should plant trees.\npremise s: Streets under trees stay cooler in summer.\n"
        "premise air: Leaves filter dust.\ns, air -> c\n",
        tmp_path,
    )
    methods = {m.key: m.method for m in align(student, key_map).matches}
    assert methods == {"c": Method.ID, "b": Method.ALT_ID, "a": Method.TEXT}
    assert compare(student, key_map).total == 100


def test_student_quotes_are_found_in_the_keys_source_without_a_source_header() -> None:
    """Quote alignment works when the student's map names no source."""
    student = argmap.check(str(TEACHING / "variants" / "paraphrase.arg"))
    assert student.grounding is None
    assert sum(1 for m in align(student, key()).matches if m.method is Method.QUOTE) == 12


def test_alignment_is_the_best_total_not_greedy_first_come(tmp_path: Path) -> None:
    """One global assignment: a student claim that fits two key claims equally well goes where it
    leaves the other student claim a match too (greedy, in key order, would strand it)."""
    key_map = load_text(
        "main conclusion c: Schools should start later.\n"
        "premise a: Tired pupils learn less in lessons.\n"
        "premise b: Tired pupils forget lessons in the morning.\n"
        "a, b -> c\n",
        tmp_path, "key.arg",
    )
    student = load_text(
        "main conclusion t: Schools should start later.\n"
        "premise x: Tired pupils learn less in lessons and forget them in the morning.\n"
        "premise y: Sleepy pupils learn less.\n"
        "x, y -> t\n",
        tmp_path,
    )
    matches = {m.key: m.student for m in align(student, key_map).matches}
    assert matches == {"c": "t", "a": "y", "b": "x"}


def test_an_optional_claim_never_takes_a_required_ones_place(tmp_path: Path) -> None:
    """A student claim worded as much like an optional assumption as like a required claim is the
    required claim."""
    key_map = load_text(
        "main conclusion c: Schools should start at nine.\n"
        "premise tired: Tired pupils learn less.\n"
        "assumption eight: Pupils in class at eight must get up early.\n  optional: yes\n"
        "tired -> c\neight -> c\n  optional: yes\n",
        tmp_path, "key.arg",
    )
    student = load_text(
        "main conclusion t: Schools should start at nine.\npremise p: Pupils in class at eight learn less.\np -> t\n",
        tmp_path,
    )
    comparison = compare(student, key_map)
    assert comparison.student_for("tired") == "p" and comparison.skipped == ("eight",)
    assert comparison.total == 100


def test_half_of_the_keys_quote_is_a_match() -> None:
    """Quotes match by containment: a student who quotes half of the key's passage (and nothing
    else) quotes the same claim."""
    assert quote_overlap(frozenset(range(100)), frozenset(range(50, 100))) == 0.75
    assert quote_overlap(frozenset(range(100)), frozenset(range(100, 120))) == 0
    student = argmap.parse(
        "main conclusion c: Free buses.\n  quote: Our city should make its buses free to ride\n"
        "premise d: Most new riders had driven.\n  quote: the new riders\n"
        "premise w: Free buses fill up with walkers.\n  quote: fill up with people who would otherwise have walked\n"
        "d -x w\nw -x c\n",
        path="s.arg",
    )
    matches = {m.key: m for m in align(argmap.resolve(student), key()).matches}
    assert matches["drivers"].student == "d" and matches["drivers"].method is Method.QUOTE


def test_a_map_in_the_students_own_words_is_recognised_by_its_structure(tmp_path: Path) -> None:
    """No quotes, other ids, other words: claims in the same place of the map (same target, same
    partner, same role) are taken for the key's, so the right structure scores as such."""
    student = load_text(
        "main conclusion m: Taking the bus should cost nothing in our town.\n"
        "premise f1: The tickets earned just 4 million last year.\n"
        "premise f2: Getting the money in cost 3 million.\n"
        "conclusion f3: Ticket money hardly pays for gathering it.\n"
        "assumption f4: A fee that hardly pays for its own gathering is pointless.\n"
        "premise t1: In Tallinn 14% more trips were made the year after.\n"
        "assumption t2: Our town would react like Tallinn.\n"
        "prediction t3: People will drive less and ride more.\n"
        "conclusion t4: The centre will have cleaner air.\n"
        "premise t5: Cleaner air is worth the money.\n"
        "objection o1: Walkers will crowd the buses.\n"
        "premise o2: The Tallinn riders used to drive.\n"
        "objection o3: The council would lose money it needs.\n"
        "premise o4: The net loss is a mere 1 million.\n"
        "f1 + f2 -> f3\nf3 + f4 -> m\nt1 + t2 -> t3\nt3 -> t4\nt4 + t5 -> m\no1 -x t3\no2 -x o1\no3 -x m\no4 -x o3\n",
        tmp_path,
    )
    comparison = compare(student, key())
    assert comparison.total >= 90, [(m.key, m.student) for m in comparison.matches]
    assert not [d for d in shown(comparison) if d.issue is Issue.MISSING_CLAIM]


def test_a_box_holding_two_claims_is_not_told_it_leaves_one_out(tmp_path: Path) -> None:
    """A student who writes two claims of the text in one box (quoting both) has the second in their
    map: it costs the claim, but the feedback does not say it is left out."""
    text = (TEACHING / "variants" / "perfect.arg").read_text(encoding="utf-8")
    old = "premise collection_cost: Collecting the fares cost the transport company 3 million euros last year.\n"
    assert old in text
    text = text.replace(old, "").replace("fares_income + collection_cost -> barely_cover", "fares_income -> barely_cover")
    text = text.replace(
        "premise fares_income: Last year bus fares brought in only 4 million euros.",
        "premise fares_income: Fares brought in 4 million euros and collecting them cost 3 million.\n"
        "  quote: fares brought in only 4 million euros, while collecting them cost the transport company 3 million euros",
    )
    comparison = compare(load_text(text, tmp_path), key())
    assert comparison.missing == ("collection_cost",)
    assert "collection_cost" in comparison.alignment.possible
    assert not [d for d in shown(comparison) if "collection_cost" in d.key_claims]


def test_a_claim_in_words_argmap_cannot_match_is_offered_to_the_teacher(tmp_path: Path) -> None:
    """A claim with no word in common with the key's, in its place in the map, is not told missing to
    the student; the teacher's to-confirm.toml offers it, ready to count."""
    text = (TEACHING / "variants" / "perfect.arg").read_text(encoding="utf-8")
    old = "premise air_worth: Clean air is worth paying for."
    assert old in text
    text = text.replace(old, "premise air_worth_it: We should spend money on that.")
    text = text.replace("clean_centre + air_worth -> free", "clean_centre + air_worth_it -> free")
    comparison = compare(load_text(text, tmp_path), key())
    assert comparison.missing == ("air_worth",) and comparison.alignment.possible["air_worth"] == ("air_worth_it",)
    assert not [d for d in shown(comparison) if "air_worth" in d.key_claims]
    listed = to_confirm_toml({"ana": comparison})
    assert '# ? "air_worth_it" = "air_worth"' in listed


def test_a_nearly_empty_map_scores_near_zero(tmp_path: Path) -> None:
    """A vague thesis and one reason: no point for the thesis, and kinds counted over the key's
    claims, not only over the two the map has."""
    student = load_text("main conclusion t: Buses are good.\npremise r: Buses are cheap.\nr -> t\n", tmp_path)
    comparison = compare(student, key())
    assert comparison.total <= 10 and comparison.score(Line.KINDS).points <= 2


def test_weight_makes_the_point_of_the_exercise_count(tmp_path: Path) -> None:
    """worth: 3 on the key's linked pair makes drawing it as separate reasons cost three times as much."""
    separate = argmap.check(str(TEACHING / "variants" / "separate.arg"))
    plain = compare(separate, key())
    text = KEY.read_text(encoding="utf-8").replace(
        "tallinn + similar_city -> more_riders\n", "tallinn + similar_city -> more_riders\n  worth: 3\n"
    )
    shutil.copy(TEACHING / "buses.txt", tmp_path / "buses.txt")
    weighted = compare(separate, load_text(text, tmp_path, "key.arg"))

    def cost(comparison: Comparison) -> float:
        return next(d.cost for d in comparison.differences if d.subject == "tallinn + similar_city -> more_riders")

    assert weighted.total < plain.total - 2
    assert cost(weighted) > 2 * cost(plain)


@given(st.lists(st.lists(st.sampled_from([0.0, 0.1, 0.3, 0.5, 0.7, 1.0]), min_size=3, max_size=3), max_size=4))
def test_best_assignment_is_as_good_as_any(matrix: list[list[float]]) -> None:
    """The Hungarian algorithm's pairs have the greatest total a one-to-one choice can have."""
    pairs = best_assignment(matrix)
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
    got = sum(matrix[r][c] for r, c in pairs)
    size = max(len(matrix), 3)
    best = max(
        sum(matrix[r][c] for r, c in enumerate(perm) if r < len(matrix) and c < 3)
        for perm in itertools.permutations(range(size))
    )
    assert got == pytest.approx(best)


# --- links and kinds --------------------------------------------------------------------


def test_optional_claim_left_out_costs_nothing_and_its_link_still_counts() -> None:
    """'roads' is optional: leaving it out keeps the linked rebuttal right without it."""
    comparison = compare(argmap.check(str(TEACHING / "variants" / "paraphrase.arg")), key())
    assert comparison.skipped == ("roads",)
    rebuttal = next(link for link in comparison.key_links if link.step.words().startswith("net_cost"))
    assert rebuttal.credit == 1


def test_link_alternative_is_accepted() -> None:
    """'drivers -> more_riders' is the key's alt: for 'drivers -x walkers'."""
    comparison = compare(argmap.check(str(TEACHING / "variants" / "paraphrase.arg")), key())
    statuses = {link.step.words(): link.status.value for link in comparison.key_links}
    assert statuses["drivers -x walkers"] == "alternative"


def test_optional_link_missing_costs_nothing(tmp_path: Path) -> None:
    """A key link marked optional: yes is not counted when the student leaves it out."""
    key_map = load_text(
        "main conclusion c: Cities should plant trees.\npremise a: Trees cool streets.\n"
        "premise b: Trees clean the air.\na -> c\nb -> c\n  optional: yes\n",
        tmp_path, "key.arg",
    )
    student = load_text(
        "main conclusion c: Cities should plant trees.\npremise a: Trees cool streets.\n"
        "premise b: Trees clean the air.\na -> c\n", tmp_path,
    )
    comparison = compare(student, key_map)
    assert comparison.total == 100
    assert [d.counted for d in comparison.differences] == [False]


def test_added_co_premise_of_the_students_own_is_not_an_error() -> None:
    """Completing a reason with one's own assumption keeps the key's link right."""
    comparison = compare(argmap.check(str(TEACHING / "variants" / "extras.arg")), key())
    link = next(link for link in comparison.key_links if link.step.words() == "more_riders -> clean_centre")
    assert link.status.value == "right"
    assert comparison.extra == ("cars_pollute",)


def test_accepted_alt_kind_is_not_wrong() -> None:
    """net_cost marked interpretation is accepted through the key's alt-kind."""
    comparison = compare(argmap.check(str(TEACHING / "variants" / "kinds.arg")), key())
    assert "net_cost" not in {d.subject for d in comparison.differences}


def test_require_statement_kind_counts_missing_kinds() -> None:
    """With require_statement_kind, a matched claim without kind: is a wrong statement kind."""
    sparse = argmap.check(str(TEACHING / "variants" / "sparse.arg"))
    assert compare(sparse, key()).score(Line.KINDS).items == 14  # no kinds given: a claim kind each
    strict = compare(sparse, key(), Rubric(require_statement_kind=True))
    assert strict.score(Line.KINDS).items == 17  # a statement kind each, and three claim kinds that matter
    assert strict.score(Line.KINDS).points == 0
    assert sum(1 for d in strict.differences if d.issue is Issue.WRONG_STATEMENT_KIND) == 5


def test_a_thesis_may_be_a_conclusion_or_a_recommendation(tmp_path: Path) -> None:
    """A key's main recommendation written as the student's main conclusion is no wrong kind."""
    key_map = load_text("main recommendation c: The council should plant trees.\npremise a: Trees cool streets.\na -> c\n",
                        tmp_path, "key.arg")
    student = load_text("main conclusion t: The council should plant trees.\npremise s: Trees cool streets.\ns -> t\n",
                        tmp_path)
    assert compare(student, key_map).total == 100


def test_statement_meanings_cover_every_statement_kind() -> None:
    """Each statement kind has words for feedback and worksheets."""
    assert set(STATEMENT_MEANINGS) == set(STATEMENT_KINDS)


# --- the summit example -------------------------------------------------------------------


def test_summit_compared_with_itself_is_perfect() -> None:
    """The seed example against itself: full marks, no differences."""
    summit = argmap.check(str(ROOT / "examples" / "summit" / "summit.arg"))
    comparison = compare(summit, summit)
    assert comparison.total == 100 and comparison.differences == ()


def test_summit_degraded_copy_has_the_expected_differences(tmp_path: Path) -> None:
    """A copy of the summit map with four typical errors shows exactly those four."""
    text = (ROOT / "examples" / "summit" / "summit.arg").read_text(encoding="utf-8")
    degraded = (
        text.replace("track_record + reliable_forecaster -> blueprint", "track_record, reliable_forecaster -> blueprint")
        .replace("may_diverge -> not_stone", "not_stone -> may_diverge")
        .replace(
            "declare an open revolt against the US-led world order\n  by: author\n  kind: interpretation",
            "declare an open revolt against the US-led world order\n  by: author\n  kind: fact",
        )
        .replace("routine_wording -x (cohesive + minority -> revolt)\n", "")
    )
    degraded = re.sub(r"objection routine_wording:.*?\n\n", "", degraded, flags=re.DOTALL)
    shutil.copy(ROOT / "examples" / "summit" / "article.txt", tmp_path / "article.txt")
    student = load_text(degraded, tmp_path)
    assert student.ok
    comparison = compare(student, argmap.check(str(ROOT / "examples" / "summit" / "summit.arg")))
    assert {f"{d.issue.value} {d.subject}" for d in comparison.differences} == {
        "linked-as-separate track_record + reliable_forecaster -> blueprint",
        "reversed may_diverge -> not_stone",
        "missing-undercut routine_wording -x (minority + cohesive -> revolt)",
        "missing-claim routine_wording",
        "wrong-statement-kind revolt",
    }
    assert comparison.total < 100


# --- feedback -------------------------------------------------------------------------------


def test_feedback_quotes_claim_texts_and_asks_a_question() -> None:
    """The linked-as-separate sentence quotes both claims and asks what one needs the other for."""
    comparison = compare(argmap.check(str(TEACHING / "variants" / "separate.arg")), key())
    text = feedback(comparison, hints=2)
    assert (
        "Your map treats “Last year bus fares brought in only 4 million euros” and “Collecting the fares "
        "cost the transport company 3 million euros last…” as separate reasons for “Bus fares barely cover "
        "the cost of collecting them”; in the text they only work together. What does “Last year bus fares "
        "brought in only 4 million euros” need “Collecting the fares cost the transport company 3 million "
        "euros last…” for?"
    ) in text
    assert "Score: 92.31 of 100" in text


def test_feedback_does_not_repeat_what_another_sentence_says() -> None:
    """A missing assumption named in a missing-co-premise sentence gets no sentence of its own."""
    comparison = compare(argmap.check(str(TEACHING / "variants" / "no_assumptions.arg")), key())
    assert [d.issue for d in shown(comparison)] == [Issue.MISSING_CO_PREMISE, Issue.MISSING_CO_PREMISE]


def test_feedback_names_a_skipped_step() -> None:
    """A premise linked straight to the thesis is told which intermediate claim it skips."""
    text = feedback(compare(argmap.check(str(TEACHING / "variants" / "sparse.arg")), key()), hints=2, points=20)
    assert ("in the text it supports “Bus fares barely cover the cost of collecting them”, which in turn "
            "supports “The city should make its buses free to ride”. Your map skips that step.") in text


def test_markdown_feedback_escapes_the_students_text(tmp_path: Path) -> None:
    """Markup in a student's claim reaches the Markdown feedback escaped, and only where Markdown
    would read it as markup."""
    text = (TEACHING / "variants" / "perfect.arg").read_text(encoding="utf-8")
    old = "Bus journeys in Tallinn rose by 14 per cent within a year of its buses becoming free."
    assert old in text
    text = text.replace(old + "\n  kind: fact", "Bus journeys in Tallinn (2013) rose <script>alert(1)</script> *bold* "
                        "[link](http://x).\n  kind: value")
    student = load_text(text, tmp_path)
    markdown = feedback(compare(student, key()), markdown=True, hints=2)
    assert not re.search(r"(?<!\\)<script>", markdown) and "\\<script>" in markdown
    assert "\\*bold\\*" in markdown and "Tallinn (2013)" in markdown


# --- rubric ----------------------------------------------------------------------------------


def test_default_rubric_round_trips_through_its_toml() -> None:
    """The TOML that --print-rubric prints reads back as the default rubric."""
    assert rubric_from_toml(rubric_toml()) == DEFAULT_RUBRIC
    assert DEFAULT_RUBRIC.total == 100


def test_rubric_weights_change_the_score() -> None:
    """A teacher's weights: links worth 60, and linked-or-separate worth nothing."""
    rubric = rubric_from_toml("[points]\nlinks = 60\n[weights]\nlinked = 0\n")
    comparison = compare(argmap.check(str(TEACHING / "variants" / "separate.arg")), key(), rubric)
    assert comparison.maximum == 110
    assert comparison.score(Line.LINKS).points == 60


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[point]\nmain = 3\n", "unknown table [point] (did you mean [points]?)"),
        ("[points]\nmian = 3\n", "unknown line 'mian' in [points] (did you mean 'main'?)"),
        ("[credit]\ntarget = 2\n", "[credit] target must be from 0 to 1, not 2"),
        ("[credit]\ngrouping = 0\n", "unknown line 'grouping' in [credit]"),
        ("[points]\nmain = 'ten'\n", "[points] main must be a number, not 'ten'"),
        ("[points]\nmain = 0\nclaims = 0\nlinks = 0\nkinds = 0\n", "the points add up to 0"),
        ("[points\n", "not valid TOML"),
    ],
)
def test_bad_rubric_is_reported(text: str, message: str) -> None:
    """A bad rubric file names the table or line and what is wrong."""
    with pytest.raises(CompareError) as caught:
        rubric_from_toml(text, "rubric.toml")
    assert message in str(caught.value)


# --- the key -----------------------------------------------------------------------------------


def test_key_alternative_naming_an_unknown_claim_is_a_key_problem(tmp_path: Path) -> None:
    """A link alt: that names no claim of the key makes the key unusable."""
    key_map = load_text("main conclusion c: Trees.\npremise a: Shade.\na -> c\n  alt: b -> c\n", tmp_path, "k.arg")
    assert key_problems(key_map) == (f"{key_map.path}:4:3: error: the alternative 'b -> c' names 'b', which is no claim of the key",)


def test_resolver_checks_the_new_key_properties(tmp_path: Path) -> None:
    """alt:, alt-kind: and optional: values are checked like every property."""
    amap = load_text(
        "main conclusion c: Trees.\n  alt-kind: opinion\npremise a: Shade.\n  optional: maybe\n"
        "a -> c\n  alt: a => c\n",
        tmp_path,
    )
    assert [d.code for d in amap.errors] == ["K002", "K002", "K002"]


# --- JSON and the difference map -----------------------------------------------------------------


def test_json_report_has_scores_alignment_links_and_differences() -> None:
    """The JSON report carries everything a tool needs, in plain data."""
    data = compare(argmap.check(str(TEACHING / "variants" / "flipped.arg")), key()).to_json()
    assert data["score"]["total"] == 88.31  # type: ignore[index]
    assert {d["issue"] for d in data["differences"]} == {"reversed", "attack-as-support"}  # type: ignore[attr-defined]
    assert json.loads(json.dumps(data)) == data


def test_difference_map_dot_marks_missing_extra_and_wrong() -> None:
    """The difference map's DOT gives missing, extra and wrong links and claims their own classes."""
    comparison = compare(argmap.check(str(TEACHING / "variants" / "extras.arg")), key())
    union, marks = difference_map(comparison)
    dot = to_dot(union, marks=marks)
    assert "diff-wrong" in dot and "diff-extra" in dot
    comparison = compare(argmap.check(str(TEACHING / "variants" / "no_assumptions.arg")), key())
    union, marks = difference_map(comparison)
    assert "diff-missing" in to_dot(union, marks=marks)


@pytest.mark.needs_dot
def test_difference_map_svg_parses_and_draws_each_mark_distinctly(tmp_path: Path) -> None:
    """argmap compare --map writes an SVG with distinct styles for missing, extra and wrong links."""
    student = tmp_path / "student.arg"
    text = (TEACHING / "variants" / "extras.arg").read_text(encoding="utf-8")
    text = text.replace("afford -x free\n", "").replace("tallinn + similar_city -> more_riders",
                                                          "tallinn, similar_city -> more_riders")
    student.write_text(text, encoding="utf-8")
    out = tmp_path / "diff.svg"
    status, _, err = run(["compare", str(student), str(KEY), "--map", str(out)])
    assert status == 0, err
    root = ET.fromstring(out.read_bytes())
    svg = "{http://www.w3.org/2000/svg}"
    styles: dict[str, set[str]] = {}
    for group in root.iter(f"{svg}g"):
        classes = set((group.get("class") or "").split())
        if "link" not in classes:
            continue
        path = group.find(f"{svg}path")
        assert path is not None
        look = (path.get("stroke"), path.get("stroke-dasharray"), path.get("stroke-width"))
        for mark in ("diff-missing", "diff-extra", "diff-wrong"):
            if mark in classes:
                styles.setdefault(mark, set()).add(str(look))
    assert set(styles) == {"diff-missing", "diff-extra", "diff-wrong"}
    looks = [styles[mark] for mark in ("diff-missing", "diff-extra", "diff-wrong")]
    assert not (looks[0] & looks[1]) and not (looks[0] & looks[2]) and not (looks[1] & looks[2])


# --- the command line ------------------------------------------------------------------------------


def test_cli_compare_text_json_and_markdown() -> None:
    """argmap compare prints the teacher's report, JSON, or the student's Markdown feedback."""
    student = str(TEACHING / "variants" / "separate.arg")
    status, out, _ = run(["compare", student, str(KEY)])
    assert status == 0 and "Alignment (key ← student):" in out and "linked-as-separate" in out
    status, out, _ = run(["compare", student, str(KEY), "--format", "json"])
    assert status == 0 and json.loads(out)["score"]["total"] == 92.31
    status, out, _ = run(["compare", student, str(KEY), "--format", "markdown"])
    assert status == 0 and out.startswith("# Feedback on") and "## What to work on" in out


def test_cli_compare_exit_statuses(tmp_path: Path) -> None:
    """0 compared; 1 a key with errors or an unreadable student map; 2 usage; 3 a missing file."""
    broken = tmp_path / "broken.arg"
    broken.write_text("premis a: Trees.\n", encoding="utf-8")
    student = str(TEACHING / "variants" / "perfect.arg")
    assert run(["compare", student, str(broken)])[0] == 1
    status, _, err = run(["compare", str(broken), str(KEY)])
    assert status == 1 and "unknown claim kind 'premis'" in err
    assert run(["compare", student])[0] == 2
    assert run(["compare", student, str(KEY), "--map", str(tmp_path / "x.jpeg")])[0] == 2
    assert run(["compare", str(tmp_path / "nope.arg"), str(KEY)])[0] == 3
    rubric = tmp_path / "rubric.toml"
    rubric.write_text("[points]\nmian = 1\n", encoding="utf-8")
    status, _, err = run(["compare", student, str(KEY), "--rubric", str(rubric)])
    assert status == 1 and "did you mean 'main'?" in err


def test_cli_print_rubric() -> None:
    """--print-rubric prints the defaults as TOML a teacher can edit."""
    status, out, _ = run(["compare", "--print-rubric"])
    assert status == 0 and rubric_from_toml(out) == DEFAULT_RUBRIC


def test_cli_compare_map_without_dot_is_an_environment_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without Graphviz's dot, --map fails with exit 3 and says how to install it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    status, out, err = run(["compare", str(TEACHING / "variants" / "perfect.arg"), str(KEY), "--map",
                            str(tmp_path / "d.svg")])
    assert status == 3 and "Graphviz's dot is not installed" in err
    assert "Score: 100 of 100" in out
