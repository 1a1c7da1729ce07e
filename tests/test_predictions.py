"""Predictions: word scales, scores computed by hand, the report in every format."""

from __future__ import annotations

import csv
import datetime
import io
import json
import math

import pytest

import argmap
from argmap.analysis.predictions import (
    Prediction,
    brier,
    calibration,
    collect,
    joins_two_outcomes,
    log_score,
    report_data,
    table_row,
)
from argmap.analysis.scales import SCALES
from argmap.cli import main

from .conftest import ROOT

SEED = ROOT / "examples" / "summit" / "summit.arg"

SCORED = """\
title: Scored
author: Ann Forecaster
main conclusion c: Ann forecasts well.
prediction a: Trams return by 2030.
  made: 2024-01-01
  deadline: 2030-12-31
  criteria: A tram line carries passengers in 2030.
  p: 0.8
  status: yes
  resolved-on: 2031-01-05
  evidence: Transit report 2030
prediction b: Rents fall by 2030.
  made: 2024-01-01
  deadline: 2030-12-31
  criteria: The rent index falls 10%.
  p: 60%
  status: no
  resolved-on: 2031-01-05
  evidence: Rent index 2030
prediction d: Parks double by 2030.
  made: 2024-01-01
  deadline: 2030-12-31
  criteria: Park area doubles.
  p: 0.3
  status: no
  resolved-on: 2031-01-05
  evidence: Parks census 2030
prediction e: Bikes win by 2030.
  made: 2024-01-01
  deadline: 2030-12-31
  criteria: More bike trips than car trips.
  likelihood: likely
  status: yes
  resolved-on: 2031-01-05
  evidence: Travel survey 2030
prediction f: The mayor resigns by 2030.
  made: 2024-01-01
  deadline: 2030-12-31
  criteria: The mayor leaves office early.
  likelihood: might
  status: ambiguous
  resolved-on: 2031-01-05
  evidence: Council minutes
a, b, d, e, f -> c
"""


def _predictions(text: str) -> list[Prediction]:
    amap = argmap.resolve(argmap.parse(text, "scored.arg"))
    return collect([(amap.document, amap.claims)])


def test_scales_map_words_to_documented_ranges() -> None:
    """'likely' is 55–80% on ICD 203, 63–87% for Kent, 66–100% on IPCC AR5; case and spacing do not matter."""
    assert SCALES["icd203"].range_of("Likely") == (0.55, 0.80)
    assert SCALES["kent"].range_of("likely") == (0.63, 0.87)
    assert SCALES["ipcc-ar5"].range_of(" likely ") == (0.66, 1.0)
    assert SCALES["icd203"].range_of("may") is None


def test_brier_and_log_score_by_hand() -> None:
    """Brier and log scores equal values worked out by hand for three forecasts."""
    pairs = [(0.8, 1), (0.6, 0), (0.3, 0)]
    # Brier: (0.2² + 0.6² + 0.3²) / 3 = 0.49 / 3
    assert brier(pairs) == pytest.approx(0.49 / 3)
    # log: (log2 0.8 + 1) + (log2 0.4 + 1) + (log2 0.7 + 1), over 3
    assert log_score(pairs) == pytest.approx((0.678072 - 0.321928 + 0.485427) / 3, abs=1e-6)
    assert brier([]) is None and log_score([]) is None
    assert log_score([(1.0, 0)]) == pytest.approx(math.log2(0.001) + 1)


def test_unquantified_words_are_never_fifty_percent() -> None:
    """'might' has no probability: the prediction is listed but not scored."""
    preds = {p.id: p for p in _predictions(SCORED)}
    assert preds["f"].unquantified
    assert preds["f"].probability("icd203") is None
    assert preds["b"].p == pytest.approx(0.6)


def test_track_record_counts_scores_and_scale_sensitivity() -> None:
    """Counts first; scores over yes/no with a probability; the word's scale changes the score."""
    data = report_data(_predictions(SCORED), "icd203")
    (author,) = data["authors"]  # type: ignore[misc]
    assert author["author"] == "Ann Forecaster"
    assert author["counts"] == {
        "made": 5, "resolved": 5, "yes": 2, "no": 2, "partly": 0, "ambiguous": 1,
        "annulled": 0, "unscorable": 1, "open": 0,
    }
    fixed = [(0.8, 1), (0.6, 0), (0.3, 0)]
    for scale, likely in (("icd203", 0.675), ("kent", 0.75), ("ipcc-ar5", 0.83)):
        scores = author["scores"][scale]
        assert scores["n"] == 4
        assert scores["brier"] == pytest.approx(brier([*fixed, (likely, 1)]))
        assert scores["log"] == pytest.approx(log_score([*fixed, (likely, 1)]))
    assert author["anecdotal"] is True
    assert author["not_scored"] == [{"id": "f", "status": "ambiguous"}]
    assert author["unscorable"] == [{"id": "f", "reasons": ["'might' carries no definite probability"]}]


def test_calibration_has_every_bin_with_its_count() -> None:
    """Ten bins, each with a count (zero included); 1.0 falls in the last bin."""
    bins = calibration([(0.8, 1), (0.6, 0), (0.3, 0), (0.675, 1), (1.0, 1)])
    assert [b.count for b in bins] == [0, 0, 0, 1, 0, 0, 2, 0, 1, 1]
    assert bins[6].mean_forecast == pytest.approx((0.6 + 0.675) / 2)
    assert bins[6].observed == pytest.approx(0.5)


def test_seed_example_reports_the_earlier_predictions_as_self_graded() -> None:
    """The author's earlier predictions are self-graded: claimed yes, nobody resolved them."""
    amap = argmap.check(str(SEED))
    self_graded = {d.span.line for d in amap.diagnostics if d.code == "P007"}
    claimed = [c for c in amap.claims if c.get("claimed") is not None]
    assert len(claimed) >= 3
    assert {c.get("claimed").span.line for c in claimed} == self_graded  # type: ignore[union-attr]
    data = report_data(collect([(amap.document, amap.claims)]), "icd203")
    (author,) = data["authors"]  # type: ignore[misc]
    n = len(claimed)
    assert author["self_graded"] == f"claims {n} of {n} came true; independently resolved: 0 of {n} (0 yes), {n} open"


def test_report_formats(tmp_path: pytest.TempPathFactory) -> None:
    """text, JSON, CSV and Markdown reports all list every prediction."""
    path = tmp_path / "scored.arg"  # type: ignore[operator]
    path.write_text(SCORED, encoding="utf-8")
    outputs = {}
    for fmt in ("text", "json", "csv", "markdown"):
        out, err = io.StringIO(), io.StringIO()
        assert main(["predictions", "--format", fmt, str(path)], out, err) == 0, err.getvalue()
        outputs[fmt] = out.getvalue()
    assert "Track record: Ann Forecaster" in outputs["text"]
    assert "Anecdotal" in outputs["text"]
    assert [p["id"] for p in json.loads(outputs["json"])["predictions"]] == ["a", "b", "d", "e", "f"]
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert [r["id"] for r in rows] == ["a", "b", "d", "e", "f"]
    assert rows[3]["probability"] == "55–80%"
    assert rows[1]["probability"] == "60% (p)"
    assert "| id | by | made |" in outputs["markdown"]
    assert "## Track record: Ann Forecaster" in outputs["markdown"]


def test_compound_prediction_heuristic() -> None:
    """Two verb phrases joined by 'and' are flagged; coordinated names are not."""
    assert joins_two_outcomes("Xi and Putin would synchronise their watches and cooperate more closely.") == "cooperate"
    assert joins_two_outcomes("China may grow more vocal with Russia and Japan.") is None
    assert joins_two_outcomes("Prices will rise in Europe and Asia.") is None


def test_early_no_uses_today_when_unresolved_date() -> None:
    """A 'no' with no resolution date is compared with today, which the caller can fix."""
    text = (
        "main conclusion c: C.\nprediction a: X will happen.\n  made: 2024-01-01\n  deadline: 2030-01-01\n"
        "  criteria: X happens.\n  status: no\n  evidence: report\na -> c\n"
    )
    early = argmap.resolve(argmap.parse(text), today=datetime.date(2025, 1, 1))
    late = argmap.resolve(argmap.parse(text), today=datetime.date(2031, 1, 1))
    assert "P006" in [d.code for d in early.diagnostics]
    assert "P006" not in [d.code for d in late.diagnostics]


def test_plain_will_is_read_as_the_authors_certainty_on_every_scale() -> None:
    """'will' (the commonest forecast word) states the outcome unhedged: each scale's band just short of certain."""
    expected = {"icd203": (0.95, 0.99), "kent": (0.87, 0.99), "ipcc-ar5": (0.95, 1.0)}
    for name, bounds in expected.items():
        for word in ("will", "Will", "won't", "is going to", "shall not"):
            assert SCALES[name].range_of(word) == bounds, (name, word)


def test_a_misspelt_word_gets_a_suggestion_and_an_unknown_one_gets_none() -> None:
    """P003 suggests a known word only for a near spelling, never one of another meaning."""
    head = "main conclusion c: C.\n"
    body = "  made: 2024-01-01\n  deadline: 2030-01-01\n  criteria: Counted.\nf -> c\n"
    misspelt = argmap.resolve(argmap.parse(head + "prediction f: Prices fall.\n  likelihood: likley\n" + body))
    (p003,) = [d for d in misspelt.diagnostics if d.code == "P003"]
    assert p003.message.endswith("did you mean 'likely'?")
    unknown = argmap.resolve(argmap.parse(head + "prediction f: Prices fall.\n  likelihood: expected\n" + body))
    (p003,) = [d for d in unknown.diagnostics if d.code == "P003"]
    assert p003.message == "the likelihood word 'expected' is on no scale"
    certain = argmap.resolve(argmap.parse(head + "prediction f: Prices will fall.\n  likelihood: will\n" + body))
    assert [d.code for d in certain.diagnostics if d.code.startswith("P")] == []


def test_a_prediction_nobody_checked_says_no_status_in_the_report_as_on_the_map() -> None:
    """Without 'status:' the box says 'no status'; so do the report's table and its JSON (null), not 'open'."""
    amap = argmap.resolve(argmap.parse("main conclusion c: C.\nprediction f: Prices will fall.\n  likelihood: likely\nf -> c\n"))
    (prediction,) = collect([(amap.document, amap.claims)])
    assert prediction.status == "open" and not prediction.status_given  # it counts as open
    assert table_row(prediction, "icd203")["status"] == "no status"
    assert report_data([prediction], "icd203")["predictions"][0]["status"] is None  # type: ignore[index]
