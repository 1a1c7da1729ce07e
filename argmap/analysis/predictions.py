"""Predictions: read them off the map, check they can be scored, and score authors.

A ``prediction`` claim's properties become a :class:`Prediction`. The checks
here run inside the resolver (so ``argmap check`` reports them); the report
(``argmap predictions``) collects predictions across files and keeps a track
record per author.

Scoring conventions (docs/predictions.md):

- **Brier score**: the mean of (p − o)² over resolved yes/no predictions, where
  o is 1 for yes and 0 for no. 0 is perfect, 0.25 is always saying 50%, 1 is
  the worst. (This is the binary form; Brier's original sums over both
  outcomes and is twice this.)
- **Log score**: log₂(p) + 1 for yes, log₂(1 − p) + 1 for no, averaged; 0 is
  always saying 50%, higher is better, 1 is the best. p is clipped to
  [0.001, 0.999] so one certain miss does not make the score minus infinity.
- The probability of a prediction is its explicit ``p:`` if it has one,
  else the midpoint of its likelihood word's range on the scale in use.
  Unquantified words (may, might, could, possible …) have no probability.
- ``partly``, ``ambiguous`` and ``annulled`` resolutions are counted and
  listed but not scored: they are neither a hit nor a miss.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import attrs

from argmap.core.diagnostics import Note
from argmap.core.model import Claim, ClaimKind, Document, Property, Span
from argmap.core.suggest import Guesser, closest
from argmap.language.schema import DATE_SHAPED, parse_date, parse_probability, split_list

from .findings import Report
from .scales import DEFAULT_SCALE, SCALES, UNQUANTIFIED, known_words, midpoint, normalise

RESOLVED = ("yes", "no", "partly", "ambiguous", "annulled")
_ID_LIKE = re.compile(r"[^\W\d]\w*(?:-\w+)*")
_BEFORE = re.compile(r"before\s+(\S+)", re.IGNORECASE)


@attrs.frozen
class Prediction:
    """What a map records about one prediction, typed and checked."""

    id: str
    text: str
    by: str
    """Who made it: the ``by:`` value, with ``author`` replaced by the header's author."""
    made: datetime.date | None
    """When it was made, if given as an absolute date (``before DATE`` gives DATE)."""
    made_text: str | None
    made_in: str | None
    word: str | None
    """The likelihood word, verbatim."""
    p: float | None
    """An explicit probability."""
    deadline: datetime.date | None
    criteria: str | None
    claimed: str | None
    status: str
    """The independent resolution; ``open`` when not given (it counts as open)."""
    status_given: bool
    """Whether the map gives a status at all: none means nobody has checked it yet, which the box
    and the table show as "no status"."""
    resolved_on: datetime.date | None
    resolved_by: str | None
    evidence: tuple[str, ...]
    path: str
    span: Span

    def probability(self, scale: str) -> float | None:
        """The probability to score with on ``scale``: explicit p, else the word's midpoint."""
        if self.p is not None:
            return self.p
        bounds = self.range(scale)
        return midpoint(bounds) if bounds is not None else None

    def range(self, scale: str) -> tuple[float, float] | None:
        """The probability range on ``scale``: (p, p) for an explicit p, the word's range, or None."""
        if self.p is not None:
            return (self.p, self.p)
        if self.word is None:
            return None
        return SCALES[scale].range_of(self.word)

    @property
    def unquantified(self) -> bool:
        """True when the only likelihood is a word with no definite probability (may, might …)."""
        return self.p is None and self.word is not None and normalise(self.word) in UNQUANTIFIED

    def unscorable_reasons(self, scale: str) -> tuple[str, ...]:
        """Why the prediction cannot be scored as written; empty when it can."""
        reasons = []
        if self.made is None:
            reasons.append("no absolute date it was made")
        if self.deadline is None:
            reasons.append("no deadline")
        if not self.criteria:
            reasons.append("no resolution criteria")
        if self.probability(scale) is None:
            if self.unquantified:
                reasons.append(f"'{self.word}' carries no definite probability")
            elif self.word is None:
                reasons.append("no likelihood word or probability")
            else:
                reasons.append(f"'{self.word}' is on no scale")
        return tuple(reasons)

    def to_json(self, scale: str) -> dict[str, object]:
        """A plain dictionary for the JSON report."""
        bounds = self.range(scale)
        return {
            "id": self.id,
            "file": self.path,
            "line": self.span.line,
            "text": self.text,
            "by": self.by,
            "made": self.made.isoformat() if self.made else None,
            "made_text": self.made_text,
            "made_in": self.made_in,
            "word": self.word,
            "p": self.p,
            "range": list(bounds) if bounds else None,
            "unquantified": self.unquantified,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "criteria": self.criteria,
            "claimed": self.claimed,
            "status": self.status if self.status_given else None,
            "resolved_on": self.resolved_on.isoformat() if self.resolved_on else None,
            "resolved_by": self.resolved_by,
            "evidence": list(self.evidence),
            "unscorable": list(self.unscorable_reasons(scale)),
        }


def _properties(claim: Claim) -> dict[str, Property]:
    """The claim's properties by key: the first of each, as :meth:`Claim.get` gives it."""
    return {prop.key: prop for prop in reversed(claim.properties)}


def _value(props: dict[str, Property], key: str) -> str | None:
    prop = props.get(key)
    if prop is None:
        return None
    value = prop.value.strip()
    return value or None


_date = functools.lru_cache(maxsize=1024)(parse_date)
"""Dates recur (a map's predictions are often made on the day of its text): each is read once."""


def _made_date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    date = _date(text)
    if date is not None:
        return date
    before = _BEFORE.fullmatch(text.strip())
    return _date(before.group(1)) if before else None


def read_prediction(claim: Claim, document: Document) -> Prediction:
    """The typed prediction a claim records (values that fail validation read as missing)."""
    return _read_prediction(claim, _properties(claim), document)


class _Values(NamedTuple):
    """What a prediction's properties say, typed as :class:`Prediction` has it: what the checks
    read, without the rest of a Prediction (made for each prediction of a map, then dropped)."""

    made_text: str | None
    made: datetime.date | None
    p: float | None
    deadline: datetime.date | None
    claimed: str | None
    status: str
    status_given: bool
    resolved_on: datetime.date | None
    evidence: tuple[str, ...]


def _read_values(props: dict[str, Property]) -> _Values:
    """The typed values of a prediction's properties (values that fail validation read as missing)."""
    given = _value(props, "status")
    status = (given or "open").lower()
    if status not in ("open", *RESOLVED):
        status = "open"
    claimed = _value(props, "claimed")
    if claimed is not None:
        claimed = claimed.lower()
        if claimed not in ("yes", "no", "partly"):
            claimed = None
    p_text = _value(props, "p")
    evidence_text = _value(props, "evidence")
    made_text = _value(props, "made")
    return _Values(
        made_text=made_text,
        made=_made_date(made_text),
        p=parse_probability(p_text) if p_text else None,
        deadline=_date(_value(props, "deadline") or ""),
        claimed=claimed,
        status=status,
        status_given=given is not None,
        resolved_on=_date(_value(props, "resolved-on") or ""),
        evidence=split_list(evidence_text) if evidence_text else (),
    )


def _read_prediction(claim: Claim, props: dict[str, Property], document: Document) -> Prediction:
    """:func:`read_prediction`, given the claim's properties by key."""
    by = _value(props, "by") or "author"
    if by.lower() == "author":
        by = document.header_value("author") or "the author"
    values = _read_values(props)
    return Prediction(
        id=claim.id,
        text=claim.text,
        by=by,
        made=values.made,
        made_text=values.made_text,
        made_in=_value(props, "made-in"),
        word=_value(props, "likelihood"),
        p=values.p,
        deadline=values.deadline,
        criteria=_value(props, "criteria"),
        claimed=values.claimed,
        status=values.status,
        status_given=values.status_given,
        resolved_on=values.resolved_on,
        resolved_by=_value(props, "resolved-by"),
        evidence=values.evidence,
        path=document.path,
        span=claim.span,
    )


def scale_of(document: Document) -> str:
    """The scale named in the header, or the default (an unknown name is reported elsewhere)."""
    name = (document.header_value("scale") or DEFAULT_SCALE).strip().lower()
    return name if name in SCALES else DEFAULT_SCALE


# --- checks -----------------------------------------------------------------------

def joins_two_outcomes(text: str) -> str | None:
    """The word after 'and' when a forecast joins two clauses ("… will X and Y …"), else None."""
    from .lint import second_clause

    return second_clause(text)


def check_predictions(
    claims: Iterable[Claim],
    document: Document,
    report: Report,
    today: datetime.date,
    claim_ids: set[str],
) -> None:
    """Report what makes each prediction unscorable or inconsistent (codes P001–P009)."""
    words = known_words()
    on_a_scale = frozenset(word for scale in SCALES.values() for word in scale.words)
    guess_id: Guesser | None = None  # suggestions for unknown evidence ids (P008)
    prediction = ClaimKind.PREDICTION
    for claim in claims:
        if claim.kind is not prediction:
            continue
        props = _properties(claim)
        pred = _read_values(props)
        made = props.get("made")
        if made is None:
            report(
                "P001",
                f"prediction '{claim.id}' does not say when it was made: without a date it cannot be scored",
                claim.kind_span,
                Note("add 'made: YYYY-MM-DD' (the date of the text where the prediction first appeared)"),
            )
        elif pred.made is None and made.value.strip() and not DATE_SHAPED.fullmatch(made.value.strip()):
            report(
                "P001",
                f"'{made.value}' is not an absolute date: prediction '{claim.id}' cannot be scored",
                made.value_span,
                Note("write the date itself, 'made: 2022-02-01', or a bound, 'made: before 2022-02-04'"),
            )
        missing = [key for key in ("deadline", "criteria") if key not in props]
        if pred.made is not None:
            for key, date in (("deadline", pred.deadline), ("resolved-on", pred.resolved_on)):
                if date is not None and date < pred.made:
                    prop = props.get(key)
                    assert prop is not None
                    report(
                        "P010",
                        f"'{key}: {date.isoformat()}' comes before the prediction was made "
                        f"({pred.made.isoformat()})",
                        prop.value_span,
                    )
        if missing:
            report(
                "P002",
                f"prediction '{claim.id}' has no {' and no '.join(missing)}: it cannot be scored as written",
                claim.kind_span,
                Note("a scorable forecast says by when ('deadline: 2030-12-31') and what counts "
                     "('criteria: …')"),
            )
        word = props.get("likelihood")
        if word is not None and word.value.strip() and pred.p is None:
            normal = normalise(word.value)
            if normal not in UNQUANTIFIED and normal not in on_a_scale:
                # Only a near spelling ('likley'): a word merely close in letters may mean the
                # opposite ('will' is four letters from 'may well').
                nearest = closest(normal, words, 0.8)
                hint = f": did you mean '{nearest}'?" if nearest else ""
                report(
                    "P003",
                    f"the likelihood word '{word.value}' is on no scale{hint}",
                    word.value_span,
                    Note("keep the author's word, and add 'p: 0.7' if you know what he meant"),
                )
        status = props.get("status")
        if pred.status in RESOLVED and status is not None:
            if not pred.evidence:
                report(
                    "P004",
                    f"prediction '{claim.id}' is resolved '{pred.status}' but gives no evidence",
                    status.value_span,
                    Note("add 'evidence:' with the ids of claims in this map, or citations"),
                )
            if pred.resolved_on is None:
                report(
                    "P005",
                    f"prediction '{claim.id}' is resolved '{pred.status}' but does not say when",
                    status.value_span,
                    Note("add 'resolved-on: YYYY-MM-DD'"),
                )
            if pred.status == "no" and pred.deadline is not None:
                settled = pred.resolved_on or today
                if settled < pred.deadline:
                    report(
                        "P006",
                        f"prediction '{claim.id}' is resolved 'no' on {settled.isoformat()}, before its "
                        f"deadline {pred.deadline.isoformat()}: it could still come true",
                        status.value_span,
                    )
        if pred.claimed is not None and pred.status == "open":
            claimed = props.get("claimed")
            assert claimed is not None
            report(
                "P007",
                f"self-graded: the author says '{pred.claimed}' of prediction '{claim.id}', "
                "and no one has resolved it independently",
                claimed.key_span,
            )
        for item in pred.evidence:
            if _ID_LIKE.fullmatch(item) and item not in claim_ids and " " not in item:
                if guess_id is None:
                    guess_id = Guesser(claim_ids, 0.75)
                nearest = guess_id(item)
                if nearest is not None:
                    prop = props.get("evidence")
                    assert prop is not None
                    report(
                        "P008",
                        f"evidence '{item}' is not a claim id in this map: did you mean '{nearest}'?",
                        prop.value_span,
                    )
        second = joins_two_outcomes(claim.text)
        if second is not None:
            report(
                "P009",
                f"prediction '{claim.id}' joins two outcomes ('… and {second} …'): split it so each "
                "can come true or not on its own",
                claim.text_span,
            )


# --- scoring ------------------------------------------------------------------------


def brier(pairs: Sequence[tuple[float, int]]) -> float | None:
    """Mean (p − o)² over (probability, outcome) pairs; None when there are none."""
    if not pairs:
        return None
    return sum((p - o) ** 2 for p, o in pairs) / len(pairs)


def log_score(pairs: Sequence[tuple[float, int]]) -> float | None:
    """Mean of log₂(p) + 1 (yes) or log₂(1 − p) + 1 (no), with p clipped to [0.001, 0.999]."""
    if not pairs:
        return None
    total = 0.0
    for p, outcome in pairs:
        q = min(max(p, 0.001), 0.999)
        total += math.log2(q if outcome else 1 - q) + 1
    return total / len(pairs)


BINS = tuple((i / 10, (i + 1) / 10) for i in range(10))


@attrs.frozen
class CalibrationBin:
    """Forecasts whose probability falls in [low, high): how many, what they said, what happened."""

    low: float
    high: float
    count: int
    mean_forecast: float | None
    observed: float | None


def calibration(pairs: Sequence[tuple[float, int]]) -> tuple[CalibrationBin, ...]:
    """Ten bins of width 0.1 (the last includes 1.0), each with its count, even when zero."""
    out = []
    for number, (low, high) in enumerate(BINS):
        last = number == len(BINS) - 1
        inside = [(p, o) for p, o in pairs if low <= p < high or (last and p == 1.0)]
        mean = sum(p for p, _ in inside) / len(inside) if inside else None
        observed = sum(o for _, o in inside) / len(inside) if inside else None
        out.append(CalibrationBin(low, high, len(inside), mean, observed))
    return tuple(out)


@attrs.frozen
class TrackRecord:
    """One author's predictions: counts first, then scores."""

    author: str
    predictions: tuple[Prediction, ...]
    scale: str

    def count(self, status: str) -> int:
        """Predictions resolved (independently) with this status."""
        return sum(1 for p in self.predictions if p.status == status)

    @property
    def resolved(self) -> int:
        """Predictions with an independent resolution other than open."""
        return sum(1 for p in self.predictions if p.status in RESOLVED)

    @property
    def unscorable(self) -> tuple[Prediction, ...]:
        """Predictions that cannot be scored as written, whatever their status."""
        return tuple(p for p in self.predictions if p.unscorable_reasons(self.scale))

    def pairs(self, scale: str) -> list[tuple[float, int]]:
        """(probability, outcome) for predictions resolved yes or no that have a probability."""
        out = []
        for p in self.predictions:
            probability = p.probability(scale)
            if p.status in ("yes", "no") and probability is not None:
                out.append((probability, 1 if p.status == "yes" else 0))
        return out

    @property
    def anecdotal(self) -> bool:
        """Fewer than ten resolved predictions: any score is an anecdote."""
        return self.resolved < 10

    @property
    def self_graded(self) -> tuple[Prediction, ...]:
        """Predictions the author graded himself."""
        return tuple(p for p in self.predictions if p.claimed is not None)

    def claimed_summary(self) -> str | None:
        """"claims 3 of 3 came true; independently resolved: 0 of 3, 3 open", or None."""
        graded = self.self_graded
        if not graded:
            return None
        yes = sum(1 for p in graded if p.claimed == "yes")
        partly = sum(1 for p in graded if p.claimed == "partly")
        claim = f"claims {yes} of {len(graded)} came true"
        if partly:
            claim += f" and {partly} partly"
        resolved = [p for p in graded if p.status in RESOLVED]
        indep_yes = sum(1 for p in resolved if p.status == "yes")
        still_open = len(graded) - len(resolved)
        return (
            f"{claim}; independently resolved: {len(resolved)} of {len(graded)}"
            f" ({indep_yes} yes), {still_open} open"
        )


def track_records(predictions: Sequence[Prediction], scale: str) -> tuple[TrackRecord, ...]:
    """One track record per author, in order of first appearance."""
    by_author: dict[str, list[Prediction]] = {}
    for prediction in predictions:
        by_author.setdefault(prediction.by, []).append(prediction)
    return tuple(TrackRecord(author, tuple(preds), scale) for author, preds in by_author.items())


# --- the report ---------------------------------------------------------------------

COLUMNS = ("id", "by", "made", "deadline", "word", "probability", "claimed", "status", "evidence")
COUNTS = ("made", "resolved", "yes", "no", "partly", "ambiguous", "annulled", "unscorable", "open")


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def format_range(bounds: tuple[float, float] | None, prediction: Prediction) -> str:
    """'55–80%', '70%' (explicit p), 'unquantified' or '—'."""
    if bounds is None:
        return "unquantified" if prediction.unquantified else "—"
    low, high = bounds
    if low == high:
        return _percent(low) + (" (p)" if prediction.p is not None else "")
    return f"{low * 100:.0f}–{high * 100:.0f}%"


def table_row(prediction: Prediction, scale: str) -> dict[str, str]:
    """One prediction as the report's table shows it."""
    return {
        "id": prediction.id,
        "by": prediction.by,
        "made": (
            f"before {prediction.made.isoformat()}"
            if prediction.made and (prediction.made_text or "").lower().startswith("before")
            else prediction.made.isoformat()
            if prediction.made
            else prediction.made_text or "—"
        ),
        "deadline": prediction.deadline.isoformat() if prediction.deadline else "—",
        "word": prediction.word or "—",
        "probability": format_range(prediction.range(scale), prediction),
        "claimed": prediction.claimed or "—",
        "status": prediction.status if prediction.status_given else "no status",
        "evidence": ", ".join(prediction.evidence) or "—",
    }


def record_counts(record: TrackRecord) -> dict[str, int]:
    """Counts first: made, resolved, each resolution, unscorable, open."""
    return {
        "made": len(record.predictions),
        "resolved": record.resolved,
        "yes": record.count("yes"),
        "no": record.count("no"),
        "partly": record.count("partly"),
        "ambiguous": record.count("ambiguous"),
        "annulled": record.count("annulled"),
        "unscorable": len(record.unscorable),
        "open": record.count("open"),
    }


def record_scores(record: TrackRecord) -> dict[str, dict[str, float | int | None]]:
    """Brier and log score under each scale, with how many predictions they rest on."""
    out: dict[str, dict[str, float | int | None]] = {}
    for name in SCALES:
        pairs = record.pairs(name)
        out[name] = {"n": len(pairs), "brier": brier(pairs), "log": log_score(pairs)}
    return out


def report_data(predictions: Sequence[Prediction], scale: str) -> dict[str, object]:
    """Everything the report says, as plain data (the JSON format)."""
    authors = []
    for record in track_records(predictions, scale):
        pairs = record.pairs(scale)
        authors.append(
            {
                "author": record.author,
                "counts": record_counts(record),
                "self_graded": record.claimed_summary(),
                "anecdotal": record.anecdotal,
                "scores": record_scores(record),
                "calibration": [attrs.asdict(b) for b in calibration(pairs)],
                "unscorable": [
                    {"id": p.id, "reasons": list(p.unscorable_reasons(scale))} for p in record.unscorable
                ],
                "not_scored": [
                    {"id": p.id, "status": p.status}
                    for p in record.predictions
                    if p.status in ("partly", "ambiguous", "annulled")
                ],
            }
        )
    return {
        "scale": scale,
        "predictions": [p.to_json(scale) for p in predictions],
        "authors": authors,
    }


def _fmt(value: float | int | None, digits: int = 3) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> list[str]:
    if markdown:
        out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        for row in rows:
            out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        return out
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return lines


def report_text(predictions: Sequence[Prediction], scale: str, markdown: bool = False) -> str:
    """The human report: a table of predictions, then one track record per author."""
    title = SCALES[scale].title
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    out = [f"{h1}Predictions ({len(predictions)}; likelihood words read on the {title} scale)", ""]
    rows = [[table_row(p, scale)[c] for c in COLUMNS] for p in predictions]
    out += _table(COLUMNS, rows, markdown)
    for record in track_records(predictions, scale):
        counts = record_counts(record)
        out += ["", f"{h2}Track record: {record.author}", ""]
        out += _table(COUNTS, [[str(counts[c]) for c in COUNTS]], markdown)
        out.append("")
        summary = record.claimed_summary()
        if summary:
            out.append(f"Self-graded: {summary}.")
        if record.anecdotal:
            out.append(
                f"Anecdotal: {record.resolved} resolved prediction"
                + ("" if record.resolved == 1 else "s")
                + " (fewer than 10); no score below means much yet."
            )
        scores = record_scores(record)
        if any(s["n"] for s in scores.values()):
            out.append("")
            out.append("Scores over resolved yes/no predictions with a probability "
                       "(Brier: lower is better, 0.25 = always 50%; log: higher is better, 0 = always 50%):")
            out.append("")
            out += _table(
                ("scale", "n", "Brier", "log"),
                [[name, _fmt(s["n"]), _fmt(s["brier"]), _fmt(s["log"])] for name, s in scores.items()],
                markdown,
            )
            out.append("")
            out.append(f"Calibration ({scale}):")
            out.append("")
            bins = calibration(record.pairs(scale))
            out += _table(
                ("forecast", "n", "mean forecast", "came true"),
                [
                    [
                        f"{_percent(b.low)}–{_percent(b.high)}",
                        str(b.count),
                        _fmt(b.mean_forecast, 2),
                        _fmt(b.observed, 2),
                    ]
                    for b in bins
                ],
                markdown,
            )
        else:
            out.append("No scores: no prediction with a probability has been resolved yes or no.")
        if record.unscorable:
            out += ["", "Unscorable as written:"]
            for p in record.unscorable:
                out.append(f"- {p.id}: " + "; ".join(p.unscorable_reasons(scale)))
        not_scored = [p for p in record.predictions if p.status in ("partly", "ambiguous", "annulled")]
        if not_scored:
            out += ["", "Resolved but not scored:"]
            for p in not_scored:
                out.append(f"- {p.id}: {p.status}")
    return "\n".join(out) + "\n"


def report_csv(predictions: Sequence[Prediction], scale: str) -> str:
    """One row per prediction: the table's columns plus the reasons it is unscorable."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*COLUMNS, "file", "line", "unscorable"])
    for p in predictions:
        row = table_row(p, scale)
        writer.writerow([*(row[c] for c in COLUMNS), p.path, p.span.line, "; ".join(p.unscorable_reasons(scale))])
    return buffer.getvalue()


def collect(maps: Iterable[tuple[Document, Iterable[Claim]]]) -> list[Prediction]:
    """Every prediction in these documents, in file and source order."""
    out = []
    for document, claims in maps:
        for claim in claims:
            if claim.kind is ClaimKind.PREDICTION:
                out.append(read_prediction(claim, document))
    return out
