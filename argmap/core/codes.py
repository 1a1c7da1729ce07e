"""The registry of diagnostic codes: one entry per thing argmap can report.

This module is data: it imports nothing of argmap's, so every stage can use
it. docs/diagnostics.md is generated from this table by ``argmap codes
--markdown`` (:mod:`argmap.cli.codes`, which runs each example through the
parser and the checks), and a test checks that the page is current and that
every ``bad`` example really produces its code while its ``fix`` does not.
Codes are stable: never renumber one; retire it instead.

Families (:data:`FAMILIES`): ``S`` syntax, ``N`` names and references, ``G``
the graph of support and attack, ``H`` the header, ``K`` properties, ``F``
files, ``Q`` quotes and grounding, ``P`` predictions, ``C`` claim writing,
``T`` analysis mode.
"""

from __future__ import annotations

import enum

import attrs


class Severity(enum.Enum):
    """How serious a finding is. Errors fail ``argmap check``; warnings do with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    """Information worth knowing (for example "self-graded"); never fails a check."""

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for notes: sort order, worst first."""
        return {"error": 0, "warning": 1, "note": 2}[self.value]


WAIVABLE_FAMILIES = "CTP"
"""The families whose notes and warnings ``waive:`` may silence (see :attr:`Code.waivable`)."""

E = Severity.ERROR
W = Severity.WARNING
I = Severity.NOTE  # noqa: E741 - a one-letter alias keeps the table readable


@attrs.frozen
class Code:
    """One diagnostic code and its documentation."""

    code: str
    name: str
    """A short kebab-case name, stable like the code."""
    severity: Severity
    summary: str
    """One sentence: what the diagnostic means."""
    bad: str
    """A small ``.arg`` file that produces this code ("" when no file can show it)."""
    fix: str
    """The same file, fixed: it must not produce this code."""
    explanation: str = ""
    """Why it matters and how to fix it, for the diagnostics page."""
    files: tuple[tuple[str, str], ...] = ()
    """Other files the example needs beside it (name, text), such as its source text."""

    @property
    def waivable(self) -> bool:
        """Whether ``waive:`` can silence it: the notes and warnings of the claim-writing (C),
        analysis-mode (T) and prediction (P) families, which are advice about one claim or link.
        Errors never are (a map with an error is not drawn), nor are the structural warnings,
        which a fix in the map answers."""
        return self.code[0] in WAIVABLE_FAMILIES and self.severity is not Severity.ERROR


_HEAD = "main conclusion c: Cities should plant more trees.\n"
_SOURCE = (
    "Street trees cool the pavement by several degrees in summer. Shade also cuts the\n"
    "energy bills of nearby homes. Because of this, cities should plant more street trees.\n"
    "Critics say young trees need years of watering. Yet rainwater can water them for free.\n"
    "Trees also need space. Trees also need care.\n"
)
_WITH_SOURCE = (("text.txt", _SOURCE),)
_GROUNDED = "source: text.txt\nmain conclusion c: Cities should plant more street trees.\n  quote: cities should plant more street trees\n"
_SCORABLE = (
    "  made: 2024-05-01\n  deadline: 2030-12-31\n"
    "  criteria: Official counts show more street trees than in 2024.\n"
)

_CODES = [
    # --- syntax --------------------------------------------------------------
    Code(
        "S001", "unexpected-token", E,
        "The parser met something it did not expect at this point of a line.",
        "premise a: Trees cool streets.\na => c\n" + _HEAD,
        "premise a: Trees cool streets.\na -> c\n" + _HEAD,
        "The message names what was found and what could come there instead. "
        "Links are written `a -> c` (support) or `a -x c` (attack).",
    ),
    Code(
        "S002", "unknown-keyword", E,
        "A line starts with a word that is not a claim kind or `main`.",
        "premis a: Trees cool streets.\na -> c\n" + _HEAD,
        "premise a: Trees cool streets.\na -> c\n" + _HEAD,
        "Claims start with their kind: `claim`, `premise`, `assumption`, `conclusion`, "
        "`prediction`, `objection` or `recommendation`. A misspelt kind gets a "
        "\"did you mean\".",
    ),
    Code(
        "S003", "control-character", E,
        "The file contains a control character (such as NUL) that cannot appear in text.",
        "premise a: Trees cool\x00 streets.\na -> c\n" + _HEAD,
        "premise a: Trees cool streets.\na -> c\n" + _HEAD,
        "Control characters are invisible in most editors and break other tools "
        "(a NUL ends a string for Graphviz). Tabs and line breaks (LF or CRLF) are "
        "fine; a carriage return on its own is not. Delete the character.",
    ),
    Code(
        "S004", "not-utf8", E,
        "The file is not valid UTF-8 text.",
        "premise a: Caf\udce9 trees cool streets.\na -> c\n" + _HEAD,
        "premise a: Café trees cool streets.\na -> c\n" + _HEAD,
        "argmap reads files as UTF-8 (a byte-order mark is allowed). Save the file as "
        "UTF-8 in your editor; the error points at the first byte that is not UTF-8. "
        "(In the example the bad byte is shown as a lone surrogate.)",
    ),
    Code(
        "S005", "empty-file", E,
        "The file has nothing in it but white space.",
        "\n\n",
        _HEAD,
        "An `.arg` file needs at least one claim.",
    ),
    Code(
        "S006", "unexpected-end", E,
        "The file ends in the middle of something, such as a link with no target.",
        "premise a: Trees cool streets.\n" + _HEAD + "a ->",
        "premise a: Trees cool streets.\n" + _HEAD + "a -> c",
    ),
    Code(
        "S007", "missing-colon", E,
        "A claim's id must be followed by a colon before its text.",
        "premise a Trees cool streets.\na -> c\n" + _HEAD,
        "premise a: Trees cool streets.\na -> c\n" + _HEAD,
    ),
    Code(
        "S008", "missing-id", E,
        "A claim has no id: `premise: text` instead of `premise ID: text`.",
        "premise: Trees cool streets.\n" + _HEAD,
        "premise a: Trees cool streets.\na -> c\n" + _HEAD,
        "Every claim needs an id so that links can name it.",
    ),
    Code(
        "S009", "unclosed-parenthesis", E,
        "An inference in parentheses (the target of an undercut) is not closed.",
        "premise a: Trees cool streets.\nobjection u: Cool streets need not mean more trees.\n"
        + _HEAD + "a -> c\nu -x (a -> c\n",
        "premise a: Trees cool streets.\nobjection u: Cool streets need not mean more trees.\n"
        + _HEAD + "a -> c\nu -x (a -> c)\n",
    ),
    Code(
        "S010", "stray-indent", E,
        "An indented line that does not belong to a claim or a link.",
        "title: Trees\n  author: Ann\n" + _HEAD,
        "title: Trees\nauthor: Ann\n" + _HEAD,
        "Indented lines continue the claim or link just above them (a property or "
        "more text). Header fields and section headings start at the left margin.",
    ),
    Code(
        "S011", "mixed-link", E,
        "A link mixes `,` (separate reasons) and `+` (linked premises).",
        "premise a: Trees cool streets.\npremise b: Shade saves energy.\n"
        "premise d: Heat kills.\na, b + d -> c\n" + _HEAD,
        "premise a: Trees cool streets.\npremise b: Shade saves energy.\n"
        "premise d: Heat kills.\na, b -> c\na + d -> c\n" + _HEAD,
        "`a, b -> c` says a and b are separate reasons; `a + b -> c` says they only "
        "work together. Write one link per reason.",
    ),
    Code(
        "S012", "missing-text", E,
        "A claim has an id but no text.",
        "premise a:\n" + _HEAD,
        "premise a: Trees cool streets.\na -> c\n" + _HEAD,
        "A claim needs text after its colon (or on the indented line below).",
    ),
    Code(
        "S013", "main-on-own-line", E,
        "An indented line reads just `main`; the main conclusion is marked on its first line.",
        "conclusion c: Cities should plant more trees.\n  main\npremise a: Trees cool streets.\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
        "Write `main conclusion c: ...`. An indented line would otherwise be more of the claim's text.",
    ),
    Code(
        "S014", "indented-statement", E,
        "An indented line looks like a claim or a link, but indented lines are read as more text.",
        _HEAD + "premise a: Trees cool streets.\n  premise b: Shade saves energy.\na, b -> c\n",
        _HEAD + "premise a: Trees cool streets.\npremise b: Shade saves energy.\na, b -> c\n",
        "Claims and links start at the left margin. Indented, `premise b: ...` would become "
        "part of the text of the claim above, and `b` would not exist.",
    ),
    Code(
        "S015", "nesting-too-deep", E,
        "Undercuts of undercuts are nested more than 100 deep.",
        "",
        "",
        "A limit that keeps argmap fast and safe on any input; real maps nest two or three deep.",
    ),
    Code(
        "S016", "empty-heading", E,
        "A section heading (`## `) has no title.",
        _HEAD + "## \npremise a: Trees cool streets.\na -> c\n",
        _HEAD + "## The reasons\npremise a: Trees cool streets.\na -> c\n",
        "A section becomes a frame on the map, titled by its heading; one without a title cannot be "
        "named. Write the title after the hashes, or delete the line.",
    ),
    # --- names ---------------------------------------------------------------
    Code(
        "N001", "unknown-id", E,
        "A link names a claim id that no claim defines.",
        "premise a: Trees cool streets.\nb -> c\n" + _HEAD,
        "premise a: Trees cool streets.\na -> c\n" + _HEAD,
        "Ids are case-sensitive. The message suggests the closest defined id (for the first "
        "100 different unknown ids of a map: a map with more has been renamed, not mistyped).",
    ),
    Code(
        "N002", "duplicate-id", E,
        "Two claims have the same id.",
        "premise a: Trees cool streets.\npremise a: Shade saves energy.\na -> c\n" + _HEAD,
        "premise a: Trees cool streets.\npremise b: Shade saves energy.\na, b -> c\n" + _HEAD,
        "Links could not tell the two apart. The note points at the first definition.",
    ),
    Code(
        "N003", "unknown-inference", E,
        "An undercut names an inference (a link in parentheses) that the map does not have.",
        "premise a: Trees cool streets.\nobjection u: Cool streets need not mean more trees.\n"
        + _HEAD + "a -> c\nu -x (a -x c)\n",
        "premise a: Trees cool streets.\nobjection u: Cool streets need not mean more trees.\n"
        + _HEAD + "a -> c\nu -x (a -> c)\n",
        "An undercut says \"that does not follow\" about one link of the map. Write the "
        "link inside the parentheses exactly as it is written elsewhere: the same "
        "premises, the same arrow, the same target.",
    ),
    # --- graph ---------------------------------------------------------------
    Code(
        "G001", "self-support", E,
        "A claim supports or attacks itself, or undercuts an inference it is a premise of.",
        "premise a: Trees cool streets.\na -> a\na -> c\n" + _HEAD,
        "premise a: Trees cool streets.\na -> c\n" + _HEAD,
    ),
    Code(
        "G002", "support-cycle", E,
        "Claims support each other in a circle: circular reasoning.",
        "conclusion a: Trees cool streets.\nconclusion b: Shaded streets are cooler.\n"
        "a -> b\nb -> a\na -> c\n" + _HEAD,
        "conclusion a: Trees cool streets.\nconclusion b: Shaded streets are cooler.\n"
        "b -> a\na -> c\n" + _HEAD,
        "A claim cannot be a reason for itself, however long the way round. The message "
        "prints the circle; remove the link that goes the wrong way.",
    ),
    Code(
        "G003", "several-main", E,
        "More than one claim is marked as the main conclusion.",
        "main conclusion a: Trees cool streets.\n" + _HEAD + "a -> c\n",
        "conclusion a: Trees cool streets.\n" + _HEAD + "a -> c\n",
        "A map has one main conclusion, the thesis of the text; the others are "
        "intermediate conclusions.",
    ),
    Code(
        "G004", "no-main", W,
        "No claim is marked as the main conclusion.",
        "conclusion c: Cities should plant more trees.\npremise a: Trees cool streets.\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
        "Write `main conclusion` before the thesis of the text. Without it argmap "
        "cannot tell which claims lead nowhere.",
    ),
    Code(
        "G005", "isolated-claim", W,
        "A claim is linked to nothing.",
        _HEAD + "premise a: Trees cool streets.\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
        "Every box in a map supports, attacks or is argued for by another. Link it, "
        "or delete it.",
    ),
    Code(
        "G006", "unreachable", W,
        "A claim is linked, but its links do not lead to the main conclusion.",
        _HEAD + "premise a: Trees cool streets.\npremise b: Shade saves energy.\n"
        "premise d: Trees need water.\na -> c\nd -> b\n",
        _HEAD + "premise a: Trees cool streets.\npremise b: Shade saves energy.\n"
        "premise d: Trees need water.\na -> c\nb -> c\nd -x c\n",
        "Every claim should be part of the argument for the main conclusion. One exception "
        "is not reported: a side conclusion, a claim the text draws from the reasons of its "
        "main argument (for example a recommendation) that is not itself a reason for anything.",
    ),
    Code(
        "G007", "idle-objection", W,
        "An objection attacks nothing.",
        _HEAD + "premise a: Trees cool streets.\nobjection o: Trees cost money.\na -> c\no -> c\n",
        _HEAD + "premise a: Trees cool streets.\nobjection o: Trees cost money.\na -> c\no -x c\n",
        "An objection is a claim against another claim or an inference; draw it with `-x`.",
    ),
    Code(
        "G008", "linked-group-of-one", W,
        "A linked group (`+`) has only one distinct premise.",
        _HEAD + "premise a: Trees cool streets.\n+ a -> c\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
        "`+` joins premises that only work together; with one premise there is "
        "nothing to join. Add the co-premise it needs (often an unstated assumption) "
        "or write a plain link.",
    ),
    Code(
        "G009", "duplicate-text", W,
        "Two claims have the same text.",
        _HEAD + "premise a: Trees cool streets.\npremise b: Trees cool streets.\na, b -> c\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
        "Usually one claim was entered twice; merge them and keep one id.",
    ),
    Code(
        "G010", "duplicate-link", W,
        "The same link is written twice.",
        _HEAD + "premise a: Trees cool streets.\na -> c\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
    ),
    Code(
        "G011", "main-not-conclusion", E,
        "`main` marks a premise or an objection, which cannot be the thesis.",
        "main premise c: Cities should plant more trees.\npremise a: Trees cool streets.\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
        "The main claim is what the whole text argues for. It may be a `conclusion`, a "
        "`recommendation` (\"the city should …\"), a `prediction` or a plain `claim`, or an "
        "`assumption` when the text never states its thesis and the reader supplies it. A premise "
        "(a reason) or an objection (a reason against) is never the thesis.",
    ),
    Code(
        "G012", "undercut-of-several", E,
        "An undercut in parentheses names several separate reasons.",
        _HEAD + "premise a: Trees cool streets.\npremise b: Shade saves energy.\n"
        "objection u: Cooler is not better.\na, b -> c\nu -x (a, b -> c)\n",
        _HEAD + "premise a: Trees cool streets.\npremise b: Shade saves energy.\n"
        "objection u: Cooler is not better.\na, b -> c\nu -x (a -> c)\n",
        "`a, b -> c` is two inferences; an undercut attacks one of them. Write one "
        "undercut per inference.",
    ),
    Code(
        "G013", "no-claims", W,
        "The file has no claims.",
        "title: Trees\n# nothing mapped yet\n",
        "title: Trees\n" + _HEAD,
    ),
    Code(
        "G014", "support-and-attack", W,
        "A claim both supports and attacks the same target.",
        _HEAD + "premise a: Trees cool streets.\na -> c\na -x c\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
    ),
    Code(
        "G015", "support-of-inference", E,
        "A support arrow `->` points at an inference in parentheses; only an undercut `-x` can.",
        _HEAD + "premise a: Trees cool streets.\nassumption b: Cool streets are worth it.\n"
        "premise u: The cooling is measured in one street only.\na + b -> c\nu -> (a + b -> c)\n",
        _HEAD + "premise a: Trees cool streets.\nassumption b: Cool streets are worth it.\n"
        "objection u: The cooling is measured in one street only.\na + b -> c\nu -x (a + b -> c)\n",
        "An inference in parentheses is the target of an undercut: a reason to doubt that the step "
        "follows. A claim can support another claim, so point `->` at the claim itself; to say the "
        "step does not follow, write `-x`. The link is left out of the map until it is fixed.",
    ),
    # --- header --------------------------------------------------------------
    Code(
        "H001", "unknown-header-field", E,
        "A header line (`key: value` at the left margin) has a key argmap does not know.",
        "titel: Trees\n" + _HEAD,
        "title: Trees\n" + _HEAD,
        "Header fields are listed in docs/language.md. "
        "Properties of a claim are indented under it.",
    ),
    Code(
        "H003", "late-header-field", W,
        "A header field comes after the first claim.",
        _HEAD + "premise a: Trees cool streets.\na -> c\ntitle: Trees\n",
        "title: Trees\n" + _HEAD + "premise a: Trees cool streets.\na -> c\n",
        "Header fields describe the whole file and belong at the top; one further down is "
        "easy to miss, and is often a property that lost its indentation.",
    ),
    Code(
        "H002", "duplicate-header-field", E,
        "A header field is given twice.",
        "title: Trees\ntitle: More trees\n" + _HEAD,
        "title: More trees\n" + _HEAD,
    ),
    # --- properties ----------------------------------------------------------
    Code(
        "K001", "property-not-allowed", E,
        "A property that this kind of claim (or a link) does not take, or that argmap does not know.",
        _HEAD + "premise a: Trees cool streets.\n  bye: the mayor\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\n  by: the mayor\na -> c\n",
        "The message suggests the nearest property this kind takes. Prediction "
        "properties (made, deadline, status, …) belong on `prediction` claims.",
    ),
    Code(
        "K002", "bad-value", E,
        "A property's value is malformed: a date that is not a date, a probability outside 0–1, an unknown word.",
        _HEAD + "prediction a: Cities will plant a million trees.\n  made: 2024-05-01\n"
        "  deadline: next spring\n  criteria: Official counts show a million new trees.\na -> c\n",
        _HEAD + "prediction a: Cities will plant a million trees.\n  made: 2024-05-01\n"
        "  deadline: 2030-12-31\n  criteria: Official counts show a million new trees.\na -> c\n",
        "Dates are written YYYY-MM-DD (or YYYY-MM, or YYYY); probabilities as 0.7 or 70%. "
        "The message lists the words a property accepts.",
    ),
    Code(
        "K003", "duplicate-property", E,
        "A claim has the same property twice.",
        _HEAD + "premise a: Trees cool streets.\n  by: author\n  by: the mayor\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\n  by: the mayor\na -> c\n",
        "Properties that take several values (tags, evidence) take them as a comma-separated list.",
    ),
    Code(
        "K004", "empty-value", E,
        "A property has no value.",
        _HEAD + "premise a: Trees cool streets.\n  by:\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\n  by: the mayor\na -> c\n",
    ),
    Code(
        "K005", "bad-waiver", W,
        "A `waive:` names something that cannot be waived: no diagnostic code, or an error or "
        "structural warning that only a fix answers.",
        _HEAD + "premise a: Trees cool streets.\n  waive: G005, C04\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\n  waive: C004\na -> c\n",
        "Only the notes and warnings of the C (claim writing), T (analysis mode) and P (predictions) "
        "families can be waived: `argmap codes` marks them, and so does this page. The rest of the "
        "waiver still applies, and the map is drawn.",
    ),
    # --- files ---------------------------------------------------------------
    Code(
        "F001", "unreadable-file", E,
        "A file named on the command line cannot be read (it does not exist, or permission is denied).",
        "",
        "",
        "`argmap check` reports it, checks the other files, and exits with status 3.",
    ),
    # --- quotes ---------------------------------------------------------------
    Code(
        "Q001", "quoted-assumption", W,
        "An assumption carries a quote, but assumptions are what the text leaves unsaid.",
        _HEAD + "premise a: Trees cool streets.\nassumption b: Cooler streets are better.\n"
        "  quote: cooler streets\na + b -> c\n",
        _HEAD + "premise a: Trees cool streets.\nassumption b: Cooler streets are better.\n"
        "a + b -> c\n",
        "If the text says it, it is a premise: change the kind. If it does not, drop the quote.",
    ),
    Code(
        "Q002", "quote-not-found", E,
        "A claim's quote does not occur in the source text.",
        _GROUNDED + "premise a: Trees cool streets.\n  quote: street trees cool the pavement by a few degrees\na -> c\n",
        _GROUNDED + "premise a: Trees cool streets.\n  quote: Street trees cool the pavement by several degrees\na -> c\n",
        "Quotes are the source's words in order. White space and line breaks, straight and "
        "curly quote marks, and hyphens and dashes may differ; letters and case may not. "
        "Write … (or ...) for words you leave out, up to 300 characters. The message shows "
        "the most similar passage of the source and its line.",
        _WITH_SOURCE,
    ),
    Code(
        "Q003", "quote-ambiguous", W,
        "A quote occurs more than once in the source, so it does not say which passage is meant.",
        _GROUNDED + "premise a: Trees need space and care.\n  quote: Trees also need\na -> c\n",
        _GROUNDED + "premise a: Trees need space and care.\n  quote: Trees also need\n  occurrence: 2\na -> c\n",
        "Lengthen the quote until it is unique, or add `occurrence: N` to choose the N-th "
        "match (counting from 1, in reading order).",
        _WITH_SOURCE,
    ),
    Code(
        "Q004", "source-unreadable", E,
        "The header's source file cannot be read: it is missing, unreadable, or not UTF-8.",
        "source: missing.txt\nmain conclusion c: Cities should plant more street trees.\n"
        "  quote: cities should plant more street trees\n",
        _GROUNDED,
        "Reported once for the file, not once per quote. The path is relative to the folder "
        "of the .arg file.",
        _WITH_SOURCE,
    ),
    Code(
        "Q005", "source-outside-folder", E,
        "The header's source lies outside the .arg file's folder.",
        "source: ../text.txt\nmain conclusion c: Cities should plant more street trees.\n",
        "source: text.txt\nmain conclusion c: Cities should plant more street trees.\n",
        "So that a service that checks uploaded maps cannot be made to read other files on "
        "its machine, argmap reads sources only in the .arg file's folder or below it "
        "(symbolic links are followed before the check). Copy the text beside the map, or "
        "pass `--allow-outside-source` when you trust the file.",
        _WITH_SOURCE,
    ),
    Code(
        "Q006", "occurrence-out-of-range", E,
        "`occurrence: N` asks for a match the source does not have.",
        _GROUNDED + "premise a: Trees need space and care.\n  quote: Trees also need\n  occurrence: 3\na -> c\n",
        _GROUNDED + "premise a: Trees need space and care.\n  quote: Trees also need\n  occurrence: 2\na -> c\n",
        "",
        _WITH_SOURCE,
    ),
    Code(
        "Q007", "quotes-unchecked", I,
        "Claims carry quotes, but the header names no source to check them against.",
        "main conclusion c: Cities should plant more street trees.\n  quote: cities should plant more street trees\n",
        "source: text.txt\nmain conclusion c: Cities should plant more street trees.\n"
        "  quote: cities should plant more street trees\n",
        "Add `source: FILE` to the header (the text file the map is a reading of).",
        _WITH_SOURCE,
    ),
    Code(
        "Q008", "source-is-url", W,
        "The header's source is a web address; argmap does not fetch pages, so quotes are not checked.",
        "source: https://example.org/trees\nmain conclusion c: Cities should plant more street trees.\n",
        "source: text.txt\nmain conclusion c: Cities should plant more street trees.\n",
        "Save the text as a UTF-8 file beside the map and name that file. Keep the address "
        "in a comment or a note if you want it.",
        _WITH_SOURCE,
    ),
    Code(
        "P010", "dates-out-of-order", W,
        "A prediction's deadline or resolution date comes before the date it was made.",
        _HEAD + "prediction a: Cities will plant more trees.\n  made: 2024-05-01\n  deadline: 2023-12-31\n"
        "  criteria: Official counts show more street trees than in 2024.\na -> c\n",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "a -> c\n",
        "Usually a typing slip in a year. A forecast must be made before it can be settled.",
    ),
    # --- claim writing ---------------------------------------------------------
    Code(
        "C001", "reasoning-in-claim", W,
        "A claim contains a reasoning or contrast word (because, therefore, since, but …): it holds an argument, not a claim.",
        _HEAD + "premise a: Trees cool streets because they give shade.\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\npremise b: Trees give shade.\nb -> a\na -> c\n",
        "Split it: the reason becomes its own claim, linked with `->` (for 'because') or "
        "`-x` (for 'but'). 'since' naming a time ('since 2014', 'ever since the patch'), "
        "'because of' a noun, 'not … but …' and idioms such as 'all but', 'thus far', "
        "'so-called' are not reported; words inside quotation marks are ignored. A connective "
        "that only opens the claim is C007.",
    ),
    Code(
        "C002", "compound-claim", W,
        "A claim looks like two claims: a semicolon, or 'and' joining two clauses (reported only under `lint: all`).",
        "lint: all\n" + _HEAD + "premise a: Trees cool streets and they cut energy bills.\na -> c\n",
        "lint: all\n" + _HEAD + "premise a: Trees cool streets.\npremise b: Trees cut energy bills.\na, b -> c\n",
        "One claim per box. 'and' between names or nouns ('Russia and China', 'politics, "
        "economics and security') is not reported, nor two verbs sharing what follows ('identify "
        "and protect sites'), verbs in a relative clause or gerunds: only 'and' followed by a "
        "verb, an auxiliary, or a new subject with its verb; a semicolon only between two "
        "clauses. Off by default: judged on the labelled set (docs/teaching.md) it is right "
        "less than 80 % of the time; switch it on with `lint: all` in the header.",
    ),
    Code(
        "C003", "question-claim", W,
        "A claim is a question; a claim is a statement that can be true or false.",
        _HEAD + "premise a: Don't trees cool streets?\na -> c\n",
        _HEAD + "premise a: Trees cool streets.\na -> c\n",
        "Write the statement the question stands for (a rhetorical question usually asserts its answer).",
    ),
    Code(
        "C004", "pronoun-start", W,
        "A claim starts with a pronoun (it, this, they …) and cannot be read on its own.",
        _HEAD + "premise a: They cool the streets in summer.\na -> c\n",
        _HEAD + "premise a: Street trees cool the streets in summer.\na -> c\n",
        "Every box should make sense anywhere on the map. An empty 'it' ('It is clear that …', "
        "'It would be wise to …', 'It turns out …'), 'This year …', 'This study …', 'That said', "
        "'Those who …' and names ('They Live', 'IT departments') are not reported.",
    ),
    Code(
        "C005", "long-claim", W,
        "A claim is longer than 30 words.",
        _HEAD + "premise a: Trees that are planted along the streets of a city cool the pavement and the "
        "air around it by several degrees on hot summer afternoons, according to many careful "
        "measurements made by researchers in several countries.\na -> c\n",
        _HEAD + "premise a: Street trees cool the pavement by several degrees in summer.\na -> c\n",
        "Keep the claim; move details and hedges to a `note:`.",
    ),
    Code(
        "C006", "single-premise-reason", I,
        "Reasons with a single premise may hide an unstated co-premise (one note per file lists them).",
        "main conclusion c: Cities should plant more trees.\npremise a: Trees cool streets.\na -> c\n",
        "main conclusion c: Cities should plant more trees.\npremise a: Trees cool streets.\n"
        "assumption b: Cooler streets are worth what trees cost.\na + b -> c\n",
        "The golden rule of argument mapping: a reason usually needs at least two premises, one "
        "of them often unstated. A note, not a warning, and one per file: many single-premise "
        "reasons are fine. Waive it on a link with `waive: C006`, or for the file in the header.",
    ),
    Code(
        "C007", "leading-connective", I,
        "A claim opens with a connective ('But', 'Because', 'Therefore') that only marks its link to another claim.",
        "main conclusion c: Cities should plant more trees.\npremise a: Because trees cool streets.\na -> c\n",
        "main conclusion c: Cities should plant more trees.\npremise a: Trees cool streets.\na -> c\n",
        "Writers copy the connective with the sentence. In a map the arrow says how the claim "
        "relates to another, so the word can go: the box is then a claim that reads on its own. "
        "A connective inside the claim (two claims in one box) is C001.",
    ),
    # --- analysis ---------------------------------------------------------------
    Code(
        "T001", "rabbit-rule", W,
        "In analysis mode, a significant word of a conclusion appears in none of the premises of its reason.",
        "mode: analysis\nmain conclusion c: Cities should plant more trees.\n"
        "premise a: Trees cool streets.\nassumption b: Cities should cool streets.\na + b -> c\n",
        "mode: analysis\nmain conclusion c: Cities should plant more trees.\n"
        "premise a: Planting trees cools streets.\nassumption b: Cities should do what cools streets.\n"
        "a + b -> c\n",
        "The Rabbit rule: you cannot pull a rabbit out of a hat you did not put it in. Words are "
        "compared after stemming (Snowball) and without stop words. Declare synonyms in the "
        "header (`terms: revolt = rebel, rebelling`) or waive the rule on a link (`waive: T001`). "
        "Run it with `mode: analysis` in the header or `argmap check --analysis`.",
    ),
    # --- predictions -----------------------------------------------------------
    Code(
        "P001", "made-not-absolute", W,
        "A prediction does not say, as a date, when it was made: it cannot be scored.",
        _HEAD + "prediction a: Cities will plant a million trees by 2030.\n  made: before the election\n"
        "  deadline: 2030-12-31\n  criteria: Official counts show a million new street trees.\na -> c\n",
        _HEAD + "prediction a: Cities will plant a million trees by 2030.\n  made: 2024-05-01\n"
        "  deadline: 2030-12-31\n  criteria: Official counts show a million new street trees.\na -> c\n",
        "A forecast is scored against what was knowable when it was made, so the date matters. "
        "Write the date of the text where it first appeared (`made: 2024-05-01`), or an upper "
        "bound (`made: before 2024-06-01`). Relative dates (\"before the summit\") and a missing "
        "date both make it unscorable.",
    ),
    Code(
        "P002", "no-deadline-or-criteria", W,
        "A prediction has no deadline or no resolution criteria: it cannot be scored as written.",
        _HEAD + "prediction a: Cities will plant more trees.\n  made: 2024-05-01\na -> c\n",
        _HEAD + "prediction a: Cities will plant more trees.\n  made: 2024-05-01\n"
        "  deadline: 2030-12-31\n  criteria: Official counts show more street trees than in 2024.\na -> c\n",
        "\"Will X happen?\" needs \"by when?\" and \"what exactly counts?\". Most opinion "
        "pieces leave both out; adding them is the operationalisation exercise.",
    ),
    Code(
        "P003", "unknown-likelihood-word", W,
        "A likelihood word that no scale knows and that is not a known unquantified word.",
        _HEAD + "prediction a: Cities will plant more trees.\n  likelihood: bound to\n  made: 2024-05-01\n"
        "  deadline: 2030-12-31\n  criteria: Official counts show more trees.\na -> c\n",
        _HEAD + "prediction a: Cities will plant more trees.\n  likelihood: bound to\n  p: 0.9\n"
        "  made: 2024-05-01\n  deadline: 2030-12-31\n  criteria: Official counts show more trees.\na -> c\n",
        "Keep the author's word verbatim; argmap cannot put a number on it. Add an explicit "
        "`p:` if you know what the author meant: the word is then kept as written and `p` is "
        "scored, so P003 no longer applies. The scales and "
        "their words are in docs/predictions.md.",
    ),
    Code(
        "P004", "resolved-without-evidence", E,
        "A prediction is resolved (yes, no, partly, ambiguous, annulled) but names no evidence.",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  status: yes\n  resolved-on: 2031-01-10\n"
        "a -> c\n",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  status: yes\n  resolved-on: 2031-01-10\n"
        "  evidence: City tree census 2030\na -> c\n",
        "A resolution is only as good as its evidence: claim ids in this map, or citations.",
    ),
    Code(
        "P005", "resolved-without-date", E,
        "A prediction is resolved but does not say when.",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  status: yes\n"
        "  evidence: City tree census 2030\na -> c\n",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  status: yes\n  resolved-on: 2031-01-10\n"
        "  evidence: City tree census 2030\na -> c\n",
    ),
    Code(
        "P006", "settled-no-too-early", W,
        "A prediction is resolved `no` before its deadline has passed.",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  status: no\n"
        "  resolved-on: 2025-01-10\n  evidence: City tree census 2024\na -> c\n",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  status: open\n"
        "a -> c\n",
        "Until the deadline the event can still happen, so \"no\" cannot be settled early "
        "(\"yes\" can: the event happened).",
    ),
    Code(
        "P007", "self-graded", I,
        "The author grades his own prediction (`claimed`) and no one has resolved it independently.",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  claimed: yes\na -> c\n",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  claimed: yes\n  status: yes\n"
        "  resolved-on: 2031-01-10\n  evidence: City tree census 2030\na -> c\n",
        "Self-graded track records flatter their authors. The map shows the prediction as "
        "self-graded until an independent `status` with evidence is added.",
    ),
    Code(
        "P008", "evidence-id-misspelt", W,
        "An evidence item looks like a misspelt claim id.",
        _HEAD + "premise census: The 2030 census counts 12,000 new trees.\n"
        "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  status: yes\n  resolved-on: 2031-01-10\n"
        "  evidence: censsus\na -> c\ncensus -> a\n",
        _HEAD + "premise census: The 2030 census counts 12,000 new trees.\n"
        "prediction a: Cities will plant more trees.\n" + _SCORABLE + "  status: yes\n  resolved-on: 2031-01-10\n"
        "  evidence: census\na -> c\ncensus -> a\n",
        "Evidence may be free text; an item that is one word and close to a claim id is "
        "probably that id misspelt. Checked for the first 100 different such items of a map.",
    ),
    Code(
        "P009", "compound-prediction", I,
        "A prediction joins two outcomes (\"will X and Y\"): each could come true without the other.",
        _HEAD + "prediction a: Cities will plant more trees and reduce parking.\n" + _SCORABLE + "a -> c\n",
        _HEAD + "prediction a: Cities will plant more trees.\n" + _SCORABLE + "prediction b: Cities will reduce parking.\n" + _SCORABLE
        + "a, b -> c\n",
        "Split it into one prediction per outcome, so that each can be resolved on its own. "
        "(A heuristic: it looks for a second verb after 'and' in a forecast.)",
    ),
]

REGISTRY: dict[str, Code] = {code.code: code for code in _CODES}
"""Every code argmap can report, by code."""


def code(code_id: str) -> Code:
    """The registry entry for ``code_id``; a KeyError names a code that is not registered."""
    return REGISTRY[code_id]


FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("S", "Syntax", "The file cannot be parsed. argmap reports the first problem and stops."),
    ("N", "Names and references", "Ids that are unknown, repeated, or links that do not exist."),
    ("G", "The graph of support and attack", "How the claims hang together."),
    ("H", "The header", "The `key: value` fields at the top of the file."),
    ("K", "Properties", "The indented `key: value` lines under claims and links."),
    ("F", "Files", "Problems reading a file named on the command line."),
    ("Q", "Quotes and grounding", "Claims and the words of the source text."),
    ("P", "Predictions", "Forecasts recorded so that they can be scored."),
    ("C", "Claim writing", "Heuristics for well-written claims; switch them off with `lint: off`, "
     "`waive:` or `--no-lint`."),
    ("T", "Analysis mode", "Term checks between conclusions and premises (`mode: analysis`)."),
)
"""The code families, in the order of the diagnostics page: letter, title, what they are about."""
