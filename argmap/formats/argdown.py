"""Argdown: export a map as ``.argdown`` source, import Argdown's JSON export.

**Export.** Each claim is an Argdown statement titled with its id, with its
claim kind, ``main`` and properties as YAML data: ``[c]: Text. {kind:
"conclusion", main: true}``. Sections are headings (``##`` is ``#``). A link
with one premise, no label and no undercut is a statement relation written
under its target (``[c]`` / ``  + [a]`` / ``  - [o]``); every other link is an
argument with a premise-conclusion structure, titled after the link
(``<a + b → c>``), its label as the argument's description:

- a linked or undercut support: ``(1) [a]`` ``(2) [b]`` ``----`` ``(3) [c]``;
- an attack: Argdown has no linked attack and no inference into an attack, so
  the premises conclude a statement made for it, ``[L2_not]: It is not the
  case that: … {argmap: "negation"}``, which attacks the target (``-> [c]``);
- an undercut with one premise is written ``<_ [u]`` under the inference line
  it attacks; a linked or undercut undercut concludes a made statement
  ``{argmap: "undercut"}`` that undercuts the argument (``_> <…>``).

Argdown's tools read the file; the statements argmap made are marked, and
argmap's import folds them back into the attack or undercut they stand for.
The header goes into the front matter; comments do not survive.

**Import.** Argdown's JSON export (``argdown json``, or the VS Code and
``@argdown/node`` "export-json", whose ``map`` is ignored so both give the
same map): statements (equivalence classes) become claims, arguments without a
premise-conclusion structure claims whose text is the description, arguments
with one inferences (each conclusion's premises are the statements since the
previous conclusion, and that conclusion; ``uses`` in the inference's data
narrows them). Relations: support and entails are ``->``, attack ``-x``,
undercut ``-x (…)``; contrary and contradictory (strict mode) are read as
attacks both ways, with a warning. A relation from an argument is its
conclusion's; an attack on an argument with a premise-conclusion structure is
an undercut of its last inference. YAML data ``kind`` and ``main`` and any
argmap property (``quote``, ``by``, …) are kept; tags become ``tags:``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

from argmap import __version__
from argmap.analysis.argument_map import ArgumentMap, Inference
from argmap.core.model import ClaimKind, LinkType
from argmap.language.schema import CLAIM_PROPERTIES, LINK_PROPERTIES

from .arg import is_claim_id
from .build import ClaimTarget, InferenceTarget, MapBuilder
from .result import Conversion, FormatError, load_json

__all__ = ["escape_argdown", "export_argdown", "import_argdown_json", "looks_like_argdown_json"]

FORMAT_NAME = "Argdown JSON export"

PROPERTIES = "properties"
"""The data key of a claim's properties, in order, when one of them is given twice."""
STATEMENT_KIND = "statement-kind"
"""The data key of a claim's ``kind:`` property (fact, value, …): ``kind`` is the claim's kind."""

_SHORTCODES = frozenset(
    "A E O P -> <-> ~ ^ v v_ <> [] happy smile smiley laugh lol rofl joy heart ? question love wink "
    "shush meh eye-roll sad disappointed scream +1 up -1 down think star y agree n disagree".split()
)
"""Argdown's shortcodes: ``:name:`` and ``.name.`` in text become a symbol unless escaped."""
_ALWAYS = re.compile(r"[\\\[\]<>{}#*_@]|/(?=[/*])|=(?==)|(?<==)=")  # "==" runs: front matter
_SHORTCODE = re.compile(r"([.:])(\S+?)\1")
_KINDS = {kind.value: kind for kind in ClaimKind}
_TAG = re.compile(r"\w+(?:[ -]\w+)*")
"""A tag Argdown's ``#(…)`` holds as it is: words, single spaces and hyphens."""


def escape_argdown(text: str) -> str:
    """Text written so Argdown reads it as the same plain text: every character that could
    start markup (a reference, tag, bold, data, comment, mention, shortcode) escaped with ``\\``."""
    flat = " ".join(text.split())
    out = _ALWAYS.sub(lambda match: "\\" + match.group(), flat)
    # Argdown reads ".name." and ":name:" as one token, a symbol when it knows the name: escape
    # the first '.' or ':' of one that is a shortcode, or that holds an escape Argdown would then
    # keep. From the end backwards, so each is judged with the escapes after it in place.
    escaped = set()
    position = 0
    while position < len(out):
        if out[position] == "\\":
            escaped.add(position + 1)
            position += 1
        position += 1
    tail = ""
    for position in range(len(out) - 1, -1, -1):
        char = out[position]
        if char in ".:" and position not in escaped:
            match = _SHORTCODE.match(char + tail)
            if match is not None and (match.group(2) in _SHORTCODES or "\\" in match.group(2)):
                char = "\\" + char
        tail = char + tail
    return tail


def _yaml(value: object) -> str:
    """A value as YAML flow: strings as JSON strings with the braces that end Argdown's data
    blocks and the ``=`` that ends its front matter escaped; lists and maps of them."""
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml(key)}: {_yaml(item)}" for key, item in value.items()) + "}"
    if not isinstance(value, str):
        return json.dumps(value)
    escaped = json.dumps(value, ensure_ascii=False)
    return escaped.replace("{", "\\u007b").replace("}", "\\u007d").replace("=", "\\u003d")


def _data(items: Sequence[tuple[str, object]]) -> str:
    if not items:
        return ""
    return " {" + ", ".join(f"{key}: {_yaml(value)}" for key, value in items) + "}"


def _as_tags(value: str) -> str | None:
    """``tags: a, b`` as Argdown tags `` #(a) #(b)``, or None when Argdown's tags cannot say it exactly."""
    items = [item.strip() for item in value.split(",")]
    if ", ".join(items) != value or len(set(items)) < len(items) or not all(_TAG.fullmatch(i) for i in items):
        return None
    return "".join(f" #({item})" for item in items)


def _sources(premises: Sequence[str], linked: bool) -> str:
    return (" + " if linked else ", ").join(premises)


class _Writer:
    """Writes one map as Argdown; see the module's docstring for the layout."""

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.lines: list[str] = []
        inferences = amap.inferences
        self.undercut_by: dict[int, list[Inference]] = {}
        for inference in inferences:
            if inference.target_inference is not None:
                self.undercut_by.setdefault(inference.target_inference, []).append(inference)
        self.simple = {inference.index for inference in inferences if self.is_simple(inference)}
        self.titles = {inference.index: self.title(inference) for inference in inferences}

    def is_simple(self, inference: Inference) -> bool:
        """A link Argdown can write as a relation between statements."""
        return (
            len(inference.premises) == 1
            and not inference.linked
            and inference.label is None
            and not inference.link.properties
            and inference.index not in self.undercut_by
        )

    def title(self, inference: Inference) -> str:
        target: str
        if inference.target is not None:
            target = inference.target
        else:
            assert inference.target_inference is not None
            target = "(" + self.title(self.amap.inferences[inference.target_inference]) + ")"
        arrow = "→" if inference.type is LinkType.SUPPORT else "-x"
        title = f"{_sources(inference.premises, inference.linked or len(inference.premises) > 1)} {arrow} {target}"
        # "<_", "<-" and "<+" open relations in Argdown: a title starts with a letter or digit.
        return title if title[0].isalnum() else "link " + title

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def write(self) -> str:
        amap = self.amap
        document = amap.document
        lines = self.lines
        if document.header:
            lines.append("===")
            lines.extend(f"{field.key}: {_yaml(field.value)}" for field in document.header)
            lines.append("===")
            lines.append("")
        lines.append(f"// Exported from {document.path} by argmap {__version__}.")
        by_section: dict[int | None, list[int]] = {}
        for index, claim in enumerate(amap.claims):
            by_section.setdefault(claim.section, []).append(index)
        self.statements(by_section.get(None, []))
        for index, section in enumerate(document.sections):
            self.blank()
            lines.append("#" * section.level + " " + escape_argdown(section.title))
            self.statements(by_section.get(index, []))
        relations: dict[str, list[Inference]] = {}
        for inference in amap.inferences:
            if inference.index in self.simple and inference.target is not None:
                relations.setdefault(inference.target, []).append(inference)
        for target, incoming in relations.items():
            self.blank()
            lines.append(f"[{target}]")
            for inference in incoming:
                lines.append(f"  {'+' if inference.type is LinkType.SUPPORT else '-'} [{inference.premises[0]}]")
        for inference in amap.inferences:
            if inference.index not in self.simple and not self.folded(inference):
                self.argument(inference)
        return "\n".join(lines) + "\n"

    def statements(self, indexes: list[int]) -> None:
        for index in indexes:
            claim = self.amap.claims[index]
            data: list[tuple[str, object]] = [("kind", claim.kind.value)]
            if claim.main or (index == 0 and self.amap.main is None):
                data.append(("main", claim.main))  # "main: false" says that the map has none
            tags = ""
            properties: list[tuple[str, str]] = []
            for number, prop in enumerate(claim.properties):
                # Argdown's own tags, when they can say it; last, where the import puts them back.
                if prop.key == "tags" and number == len(claim.properties) - 1 and _as_tags(prop.value):
                    tags = _as_tags(prop.value) or ""
                else:
                    properties.append((STATEMENT_KIND if prop.key == "kind" else prop.key, prop.value))
            if len({key for key, _ in properties}) < len(properties):
                # A key given twice (a quote for each passage): YAML data cannot repeat a key, so
                # the properties go in order into one list.
                data.append((PROPERTIES, [{key: value} for key, value in properties]))
            else:
                data.extend(properties)
            self.blank()
            self.lines.append(f"[{claim.id}]: {escape_argdown(claim.text)}{tags}{_data(data)}")

    def folded(self, inference: Inference) -> bool:
        """An undercut written as ``<_ [u]`` under the inference it attacks."""
        return (
            inference.target_inference is not None
            and len(inference.premises) == 1
            and not inference.linked
            and inference.label is None
            and not inference.link.properties
            and inference.index not in self.undercut_by
        )

    def argument(self, inference: Inference) -> None:
        lines = self.lines
        title = self.titles[inference.index]
        data = [(p.key, p.value) for p in inference.link.properties]
        self.blank()
        description = escape_argdown(inference.label) if inference.label else ""
        lines.append(f"<{title}>: {description}" if description else f"<{title}>")
        lines.append("")
        for number, premise in enumerate(inference.premises, start=1):
            lines.append(f"({number}) [{premise}]")
        if data:
            lines.extend(["--", _data(data).strip(), "--"])
        else:
            lines.append("----")
        for undercut in self.undercut_by.get(inference.index, []):
            if self.folded(undercut):
                lines.append(f"  <_ [{undercut.premises[0]}]")
        conclusion = f"({len(inference.premises) + 1}) "
        if inference.type is LinkType.SUPPORT:
            assert inference.target is not None
            lines.append(conclusion + f"[{inference.target}]")
        elif inference.target is not None:
            text = self.amap.by_id[inference.target].text
            made = f"{self.made_title(inference)}"
            lines.append(conclusion + f"[{made}]: " + escape_argdown(f"It is not the case that: {text}")
                         + _data([("argmap", "negation")]))
            lines.append(f"  -> [{inference.target}]")
        else:
            assert inference.target_inference is not None
            attacked = self.titles[inference.target_inference]
            made = f"{self.made_title(inference)}"
            lines.append(conclusion + f"[{made}]: " + escape_argdown(f"The inference {attacked} does not hold.")
                         + _data([("argmap", "undercut")]))
            lines.append(f"  _> <{attacked}>")

    def made_title(self, inference: Inference) -> str:
        """A statement title no claim has: the statement argmap makes for an attack."""
        title = f"L{inference.index + 1}_not"
        while title in self.amap.by_id:
            title = "_" + title
        return title


def export_argdown(amap: ArgumentMap) -> str:
    """The map as Argdown source (see the module's docstring)."""
    return _Writer(amap).write()


# --- import ------------------------------------------------------------------------------


def looks_like_argdown_json(data: object) -> TypeGuard[dict[str, Any]]:
    """Whether a loaded JSON document is Argdown's JSON export."""
    return isinstance(data, dict) and isinstance(data.get("statements"), dict) and "arguments" in data


def _objects(value: object) -> list[dict[str, Any]]:
    """The objects of a JSON list (anything else in it, or a value that is no list, is ignored)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _element(value: dict[str, Any]) -> dict[str, Any]:
    """A statement, argument or member with the fields argmap reads typed as Argdown writes them."""
    clean = dict(value)
    clean["members"] = [_element(member) for member in _objects(value.get("members"))]
    clean["pcs"] = [_element(statement) for statement in _objects(value.get("pcs"))]
    tags = value.get("tags")
    clean["tags"] = [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []
    clean["ranges"] = _objects(value.get("ranges"))
    for key in ("data", "inference"):
        if not isinstance(value.get(key), dict):
            clean.pop(key, None)
    clean["title"] = str(value.get("title", ""))
    return clean


def _member_text(member: Mapping[str, Any]) -> str:
    text = member.get("text")
    if not isinstance(text, str):
        return ""
    tags = [
        (r["start"], r["stop"]) for r in member["ranges"]
        if r.get("type") == "tag" and isinstance(r.get("start"), int) and isinstance(r.get("stop"), int)
    ]
    if tags and not text.isascii():
        # Argdown counts in JavaScript's UTF-16 code units: a character beyond U+FFFF is two.
        at = [0]
        for char in text:
            at.append(at[-1] + (2 if ord(char) > 0xFFFF else 1))
        index = {units: position for position, units in enumerate(at)}
        tags = [(index.get(start, start), index.get(stop + 1, stop + 1) - 1) for start, stop in tags]
    for start, stop in sorted(tags, reverse=True):
        text = text[:start] + text[stop + 1 :]
    return " ".join(text.split())


def _first_text(element: Mapping[str, Any]) -> str:
    for member in element["members"]:
        text = _member_text(member)
        if text:
            return text
    return ""


def _merged_data(element: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for member in (element, *element["members"]):
        for key, value in member.get("data", {}).items():
            data.setdefault(str(key), value)
    return data


class _Importer:
    def __init__(self, data: Mapping[str, Any], path: str) -> None:
        self.path = path
        self.build = MapBuilder(os.path.basename(path), FORMAT_NAME)
        statements = data.get("statements")
        arguments = data.get("arguments", {})
        if not isinstance(statements, dict) or not isinstance(arguments, dict):
            raise FormatError(path, "not an Argdown JSON export: 'statements' and 'arguments' must be objects")
        self.statements = {str(k): _element(v) for k, v in statements.items() if isinstance(v, dict)}
        self.arguments = {str(k): _element(v) for k, v in arguments.items() if isinstance(v, dict)}
        relations = data.get("relations", [])
        if not isinstance(relations, list):
            raise FormatError(path, "'relations' is not a list")
        self.relations = [
            {key: str(r.get(key)) for key in ("relationType", "from", "fromType", "to", "toType")}
            | {"conclusionIndex": r.get("conclusionIndex")}
            for r in _objects(relations)
        ]
        self.sections: dict[str, int] = {}
        self.made: dict[str, tuple[str, int, str]] = {}
        """Statements argmap made for an attack or undercut: title -> (argument, index, 'negation'|'undercut')."""
        self.alias: dict[str, str] = {}
        """An inference folded into the attack or undercut it stands for: its key -> the relation's key."""
        self.premises_of: dict[str, list[str]] = {}
        self.data_of: dict[str, tuple[str | None, tuple[tuple[str, str], ...]]] = {}

    def section(self, element: Mapping[str, Any]) -> int | None:
        return self.sections.get(str(element.get("section")))

    def add_sections(self, sections: object, depth: int = 1) -> None:
        """Argdown's tree of headings, depth first (a level that does not fit its nesting is corrected)."""
        if depth > 50:
            return
        for section in _objects(sections):
            title = " ".join(str(section.get("title") or "").split())
            level = section.get("level")
            if not (isinstance(level, int) and depth <= level <= max(depth, 9)):
                level = depth  # Argdown's headings go to level 6; one out of place goes at its depth
            index = self.build.add_section(title, level, f"section {section.get('id')}")
            self.sections[str(section.get("id"))] = index
            self.add_sections(section.get("children"), depth + 1)

    def properties(self, data: Mapping[str, Any], kind: ClaimKind, where: str) -> list[tuple[str, str]]:
        """The argmap properties in a claim's YAML data (in order; any other data is reported)."""
        items = list(data.items())
        if isinstance(data.get(PROPERTIES), list):
            listed = [item for entry in data[PROPERTIES] if isinstance(entry, dict) for item in entry.items()]
            items = [item for item in items if item[0] != PROPERTIES] + listed
        props = []
        for key, value in items:
            if key in ("kind", "main", "argmap"):
                continue
            prop = "kind" if key == STATEMENT_KIND else key
            spec = CLAIM_PROPERTIES.get(prop)
            if spec is None or (spec.kinds is not None and kind not in spec.kinds) or isinstance(value, (dict, list)):
                self.build.warn(f"the data '{key}: {json.dumps(value, ensure_ascii=False)[:60]}' is not an argmap property: dropped", where)
                continue
            props.append((prop, "yes" if value is True else "no" if value is False else str(value)))
        return props

    def claim(self, key: str, title: str, element: Mapping[str, Any], where: str, untold: str) -> None:
        """A statement, or an argument without premises, as a claim: its first text (else its title,
        with the warning ``untold``), YAML data and tags."""
        text = _first_text(element)
        if not text:
            self.build.warn(untold + ": its title is its text", where)
            text = title
        data = _merged_data(element)
        kind_name = data.get("kind")
        kind = _KINDS.get(kind_name) if isinstance(kind_name, str) else None
        if kind_name is not None and kind is None:
            self.build.warn(f"the data 'kind: {kind_name}' is not a claim kind: the links decide", where)
        id_hint = title if is_claim_id(title) else title.lower()
        tags = element["tags"]
        props = self.properties(data, kind or ClaimKind.CLAIM, where)
        if tags:
            props.append(("tags", ", ".join(tags)))
        if "main" in data:
            self.build.main_stated = True
        self.build.add_claim(key, text, where, id_hint=id_hint, kind=kind, main=data.get("main") is True,
                             properties=props, section=self.section(element))

    def run(self) -> Conversion:
        build = self.build
        for title, argument in self.arguments.items():
            for index, statement in enumerate(argument["pcs"]):
                element = self.statements.get(statement["title"])
                made = _merged_data(element).get("argmap") if element is not None else None
                if "inference" in statement and made in ("negation", "undercut"):
                    self.made[statement["title"]] = (title, index, str(made))
        for title, element in self.statements.items():
            if title not in self.made:
                self.claim("s:" + title, title, element, f"statement [{title}]", "the statement has no text")
        for title, argument in self.arguments.items():
            if not argument["pcs"]:
                self.claim("a:" + title, title, argument, f"argument <{title}>",
                           "the argument has neither a description nor premises")
        for title, argument in self.arguments.items():
            if argument["pcs"]:
                self.inferences(title, argument)
        self.read_relations()
        return build.conversion()

    def inferences(self, title: str, argument: Mapping[str, Any]) -> None:
        where = f"argument <{title}>"
        label = _first_text(argument) or None
        pcs = argument["pcs"]
        since: list[str] = []
        previous: str | None = None
        for index, statement in enumerate(pcs):
            statement_title = statement["title"]
            inference = statement.get("inference")
            if not isinstance(inference, dict):
                since.append(statement_title)
                continue
            premises = since + ([previous] if previous is not None and previous not in since else [])
            data = inference.get("data")
            uses = data.get("uses") if isinstance(data, dict) else None
            if isinstance(uses, list) and all(isinstance(n, int) and 1 <= n <= index for n in uses):
                premises = [pcs[n - 1]["title"] for n in uses]
            key = f"{title}#{index}"
            props = self.link_properties(data, f"{where}, inference {index + 1}")
            self.premises_of[key] = ["s:" + p for p in premises]
            self.data_of[key] = (label, props)
            if statement_title not in self.made:
                self.build.add_inference(key, LinkType.SUPPORT, self.premises_of[key], ClaimTarget("s:" + statement_title),
                                         where, label=label, properties=props)
            since, previous = [], statement_title
        if previous is None:
            self.build.warn("the premise-conclusion structure has no inference line: no link", where)

    def link_properties(self, data: object, where: str) -> tuple[tuple[str, str], ...]:
        """An inference's YAML data as link properties (note, waive, alt, optional); ``uses`` is read elsewhere."""
        if not isinstance(data, dict):
            return ()
        props = []
        for key, value in data.items():
            if key == "uses":
                continue
            if key not in LINK_PROPERTIES or isinstance(value, (dict, list)):
                self.build.warn(f"the data '{key}: {json.dumps(value, ensure_ascii=False)[:60]}' is not a link property: dropped", where)
                continue
            props.append((str(key), "yes" if value is True else "no" if value is False else str(value)))
        return tuple(props)

    def last_inference(self, title: str) -> str | None:
        indexes = [n for n, s in enumerate(self.arguments[title]["pcs"]) if "inference" in s]
        return f"{title}#{indexes[-1]}" if indexes else None

    def read_relations(self) -> None:
        by_argument: dict[str, list[str]] = {}
        keyed = [(f"r{number}", relation) for number, relation in enumerate(self.relations)]
        # Relations from the statements argmap made come first: they name the folded inferences.
        keyed.sort(key=lambda item: str(item[1].get("from")) not in self.made)
        for key, relation in keyed:
            source = str(relation.get("from"))
            made = self.made.get(source) if relation.get("fromType") == "equivalence-class" else None
            if made is not None:
                self.alias[f"{made[0]}#{made[1]}"] = key
            if relation["fromType"] == "argument" and source in self.arguments and not self.arguments[source]["pcs"]:
                by_argument.setdefault(source, []).append(key)
        for key, relation in keyed:
            self.relation(key, relation, by_argument)

    def relation(self, key: str, relation: Mapping[str, Any], by_argument: dict[str, list[str]]) -> None:
        build = self.build
        kind = str(relation.get("relationType"))
        source, target = str(relation.get("from")), str(relation.get("to"))
        from_type, to_type = relation.get("fromType"), relation.get("toType")
        where = f"relation {kind} from {source} to {target}"
        label: str | None = None
        props: tuple[tuple[str, str], ...] = ()
        premises: list[str]
        if from_type == "argument":
            argument = self.arguments.get(source)
            if argument is None:
                build.warn("it starts at an argument the file does not have: dropped", where)
                return
            last = self.last_inference(source)
            if last is None:
                premises = ["a:" + source]
            else:
                conclusion = argument["pcs"][int(last.rsplit("#", 1)[1])]["title"]
                premises = ["s:" + conclusion]
        elif source in self.made:
            argument_title, index, _ = self.made[source]
            folded = f"{argument_title}#{index}"
            premises = self.premises_of.get(folded, [])
            label, props = self.data_of.get(folded, (None, ()))
        else:
            premises = ["s:" + source]
        link_type = LinkType.SUPPORT if kind in ("support", "entails") else LinkType.ATTACK
        if kind not in ("support", "entails", "attack", "undercut", "contrary", "contradictory"):
            build.warn(f"argmap does not know the relation {kind!r}: dropped", where)
            return
        if kind in ("entails", "contrary", "contradictory"):
            build.warn(f"a {kind} relation (strict mode) is read as {'a support' if kind == 'entails' else 'an attack'}"
                       + (", both ways" if kind != "entails" else ""), where)
        targets: list[ClaimTarget | InferenceTarget] = []
        if to_type == "inference":
            inference_key = f"{target}#{relation.get('conclusionIndex')}"
            targets.append(InferenceTarget(self.alias.get(inference_key, inference_key)))
        elif to_type == "argument":
            argument = self.arguments.get(target)
            if argument is None:
                build.warn("it points at an argument the file does not have: dropped", where)
                return
            last = self.last_inference(target)
            if last is not None:
                if link_type is LinkType.SUPPORT:
                    build.warn("argmap cannot support an argument's inference: dropped", where)
                    return
                targets.append(InferenceTarget(self.alias.get(last, last)))
            elif kind == "undercut":
                outgoing = by_argument.get(target, [])
                if len(outgoing) != 1:
                    build.warn(f"the undercut argument <{target}> has {len(outgoing)} outgoing links, not one: dropped", where)
                    return
                targets.append(InferenceTarget(outgoing[0]))
            else:
                targets.append(ClaimTarget("a:" + target))
        elif target in self.made:
            build.warn("it points at a statement argmap made for an attack: dropped", where)
            return
        else:
            if kind == "undercut":
                build.warn("an undercut of a statement is read as an attack on it", where)
            targets.append(ClaimTarget("s:" + target))
        build.add_inference(key, link_type, premises, targets[0], where, label=label, properties=props)
        if kind in ("contrary", "contradictory") and from_type == "equivalence-class" and to_type == "equivalence-class":
            build.add_inference(key + "~", LinkType.ATTACK, ["s:" + target], ClaimTarget("s:" + source), where)


def import_argdown_json(data: bytes, path: str) -> Conversion:
    """The map of an Argdown JSON export."""
    loaded = load_json(data, path)
    if not looks_like_argdown_json(loaded):
        raise FormatError(path, "not an Argdown JSON export: expected 'statements' and 'arguments'")
    importer = _Importer(loaded, path)
    importer.add_sections(loaded.get("sections"))
    return importer.run()
