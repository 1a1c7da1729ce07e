"""Words of estimative probability: scales that turn a likelihood word into a range.

A prediction's ``likelihood:`` keeps the author's word verbatim; the file's
``scale:`` header (default ``icd203``) says which table reads it. Words that
carry no definite probability (``may``, ``might``, ``could``, ``possible`` …)
are *unquantified*: they have no range and are never treated as 50%.

Sources (see docs/predictions.md):

- ``icd203``: US Office of the Director of National Intelligence,
  Intelligence Community Directive 203, *Analytic Standards* (2015), the
  expressions of likelihood table.
- ``kent``: Sherman Kent, "Words of Estimative Probability", *Studies in
  Intelligence* (1964): the percentage with its "give or take" spread.
- ``ipcc-ar5``: Mastrandrea et al., *Guidance Note for Lead Authors of the
  IPCC Fifth Assessment Report on Consistent Treatment of Uncertainties*
  (2010): the likelihood scale, whose ranges overlap by design.
"""

from __future__ import annotations

import re

import attrs


@attrs.frozen
class Scale:
    """A named table from likelihood words to probability ranges (0–1)."""

    name: str
    title: str
    source: str
    words: dict[str, tuple[float, float]]
    """Normalised word → (low, high)."""

    def range_of(self, word: str) -> tuple[float, float] | None:
        """The range for ``word`` on this scale, or None when the scale does not have it."""
        return self.words.get(normalise(word))


def normalise(word: str) -> str:
    """Lower case, single spaces, curly apostrophes straightened, outer punctuation dropped."""
    text = word.replace("’", "'").lower()
    text = re.sub(r"\s+", " ", text).strip(" .,;:!?\"'“”")
    return text


def _expand(table: dict[tuple[str, ...], tuple[float, float]]) -> dict[str, tuple[float, float]]:
    return {word: bounds for words, bounds in table.items() for word in words}


UNHEDGED: tuple[str, ...] = (
    "will",
    "will not",
    "won't",
    "shall",
    "shall not",
    "is going to",
    "are going to",
    "is not going to",
    "are not going to",
)
"""A forecast stated without a hedge ("X will happen"): the author's certainty. Each scale reads
these as its band just short of certain (icd203 "almost certain", kent "almost certain",
ipcc-ar5 "extremely likely"), so that an author who says "will" and is wrong scores as one who
was sure, which is what the words claim; docs/predictions.md gives the reasons."""


ICD203 = Scale(
    "icd203",
    "US Intelligence Community Directive 203",
    "ODNI, Intelligence Community Directive 203: Analytic Standards (2015)",
    _expand(
        {
            ("almost no chance", "remote"): (0.01, 0.05),
            ("very unlikely", "highly improbable"): (0.05, 0.20),
            ("unlikely", "improbable", "improbably"): (0.20, 0.45),
            ("roughly even chance", "roughly even odds", "even chance", "even odds"): (0.45, 0.55),
            ("likely", "probable", "probably"): (0.55, 0.80),
            ("very likely", "highly probable"): (0.80, 0.95),
            ("almost certain", "almost certainly", "nearly certain", *UNHEDGED): (0.95, 0.99),
        }
    ),
)

KENT = Scale(
    "kent",
    "Sherman Kent's words of estimative probability",
    "Sherman Kent, 'Words of Estimative Probability', Studies in Intelligence (1964)",
    _expand(
        {
            ("certain",): (1.0, 1.0),
            ("almost certain", "almost certainly", "virtually certain", "all but certain",
             "highly probable", "highly likely", *UNHEDGED): (0.87, 0.99),
            ("probable", "probably", "likely", "we believe", "we estimate",
             "chances are good"): (0.63, 0.87),
            ("chances about even", "about even", "even chance", "chances slightly better than even",
             "chances slightly less than even"): (0.40, 0.60),
            ("probably not", "unlikely", "improbable", "we believe not"): (0.20, 0.40),
            ("almost certainly not", "highly improbable", "almost no chance",
             "virtually impossible"): (0.02, 0.12),
            ("impossible",): (0.0, 0.0),
        }
    ),
)

IPCC_AR5 = Scale(
    "ipcc-ar5",
    "IPCC AR5 likelihood scale",
    "Mastrandrea et al., IPCC AR5 Guidance Note on Consistent Treatment of Uncertainties (2010)",
    _expand(
        {
            ("virtually certain",): (0.99, 1.0),
            ("extremely likely", *UNHEDGED): (0.95, 1.0),
            ("very likely",): (0.90, 1.0),
            ("likely",): (0.66, 1.0),
            ("more likely than not",): (0.50, 1.0),
            ("about as likely as not",): (0.33, 0.66),
            ("unlikely",): (0.0, 0.33),
            ("very unlikely",): (0.0, 0.10),
            ("extremely unlikely",): (0.0, 0.05),
            ("exceptionally unlikely",): (0.0, 0.01),
        }
    ),
)

SCALES: dict[str, Scale] = {scale.name: scale for scale in (ICD203, KENT, IPCC_AR5)}
"""The built-in scales, by the name used in ``scale:``."""

DEFAULT_SCALE = "icd203"

UNQUANTIFIED = frozenset(
    {
        "may",
        "might",
        "could",
        "can",
        "possible",
        "possibly",
        "a real possibility",
        "real possibility",
        "a serious possibility",
        "serious possibility",
        "perhaps",
        "conceivably",
        "conceivable",
        "potentially",
        "fair chance",
        "a fair chance",
        "not out of the question",
        "may well",
        "might well",
        "could well",
    }
)
"""Words with no definite probability: readers' estimates for them range from 15% to 80%."""


def known_words() -> list[str]:
    """Every word some scale or the unquantified list knows, sorted."""
    words: set[str] = set(UNQUANTIFIED)
    for scale in SCALES.values():
        words.update(scale.words)
    return sorted(words)


def midpoint(bounds: tuple[float, float]) -> float:
    """The middle of a range: the probability used for scoring a word."""
    return (bounds[0] + bounds[1]) / 2
