"""Small word lists for heuristics: common English verbs, pronouns, indicator words.

The checks that use them are warnings, never errors: a heuristic can be wrong,
and every check that uses these lists can be switched off.
"""

from __future__ import annotations

import functools

_VERBS = """
accept achieve act add admit affect agree aim allow announce answer appear apply argue arrive ask
attack attempt avoid back ban become begin believe belong benefit block boost break bring build buy
call cancel care carry cause challenge change choose claim close collapse come commit compete complain
condemn confirm consider continue contribute control cooperate cost count create criticise criticize
cut damage deal decide decline defend deliver demand deny depend describe design destroy develop die
disappear discover divide do double drive drop earn ease emerge encourage end endorse enforce engage
enjoy ensure enter escalate establish expand expect explain export face fail fall feel fight fill find
finish follow force forge form gain get give go grow happen hate have hear help hide hit hold hope
hurt identify ignore impose improve include increase influence insist intend introduce invade invest
join keep kill know last launch lead learn leave lend let lie like limit link live look lose love
maintain make manage mark matter mean meet move need negotiate note notice obtain occupy offer open
oppose order own pass pay permit persuade place plan play point prefer prepare present press prevent
produce promise promote protect prove provide publish pull push put raise reach read realise realize
receive recognise recognize reduce refuse reject release rely remain remember remove replace report
require resist respond rest result return reveal rise rule run save say see seek seem sell send serve
set settle shape share shift show shrink sign sink sit slow solve speak spend split spread stand
start stay stop strengthen strike struggle succeed suffer suggest supply support surge survive
suspend synchronise synchronize take talk target tell tend test think threaten tighten trade train
travel treat trigger try turn undermine understand unite use vote wait walk want warn watch weaken
win withdraw work worry write yield
"""

_IRREGULAR = """
arose became began bent bound brought bought built caught chose came cost dealt did drew drove ate fell
felt fought found flew forgot froze got gave went grew hung had heard hid held hurt kept knew laid led
left lent let lay lost made meant met paid put quit read rode rang rose ran said saw sought sold sent
set shook shone shot showed shut sang sank sat slept spoke spent spread stood stole stuck struck swore
swept swam took taught tore told thought threw understood woke wore won wrote
become begun chosen done drawn driven eaten fallen forgotten frozen given gone grown hidden known
ridden risen seen shaken shown spoken stolen sworn taken thrown woken worn written
"""

VERBS = frozenset(_VERBS.split()) | frozenset(_IRREGULAR.split())
"""Base forms of common verbs, including those of political and economic forecasts."""

_PRONOUNS = "it this that these those they them he she him her his its their we us our you i"
PRONOUNS = frozenset(_PRONOUNS.split())
"""Words that make a claim lean on another sentence when it starts with them."""


@functools.lru_cache(maxsize=4096)
def is_verb(word: str) -> bool:
    """True for a common verb in its base, -s, -ed or -ing form, or a word ending in -ise/-ize/-ify."""
    w = word.lower()
    if w in VERBS:
        return True
    for suffix, replacements in (
        ("ies", ("y",)),
        ("es", ("", "e")),
        ("s", ("",)),
        ("ied", ("y",)),
        ("ed", ("", "e")),
        ("ing", ("", "e")),
    ):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if any(stem + r in VERBS for r in replacements):
                return True
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in VERBS:
                return True  # stopped, planning
    return w.endswith(("ise", "ize", "ify"))
