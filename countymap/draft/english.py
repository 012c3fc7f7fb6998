"""English names of drafts: what the lexicon translates, and pinyin for the proper-noun stems only.

A name is read left to right, taking at each point the longest of: a word of
the lexicon's ``[english]`` table (水库 -> Reservoir, 扩建工程 -> expansion), a
gazetteer place (a township or village: its stem in pinyin, its kind translated,
龙泉村 -> Longquan Village) or a run of ASCII (G211, 35kV). Whatever is left
between them is a proper noun: one pinyin word (黄芩 -> Huangqin). The words keep
the Chinese order, which reads well for the report's noun phrases
("Huangqin Reservoir expansion", not "Huangqinshuikukuojian").
"""

from __future__ import annotations

import re

from countymap.draft.gazetteer import Gazetteer
from countymap.draft.lexicon import Lexicon
from countymap.draft.match import name_key
from countymap.text.pinyin import pinyin_name

_ASCII = re.compile(r"[0-9A-Za-z.%-]+")
PLACE_KINDS = ("township", "village")


def _place(word: str, lexicon: Lexicon) -> str:
    """A place name in English: its stem in pinyin, then its kind (龙泉村 -> Longquan Village)."""
    for kind, english in sorted(lexicon.english_places.items(), key=lambda pair: -len(pair[0])):
        if word.endswith(kind) and len(word) > len(kind):
            return f"{pinyin_name(word[: -len(kind)])} {english}"
    return pinyin_name(word)


def _places_at(name: str, gazetteer: Gazetteer | None) -> dict[int, str]:
    """Start -> the township or village name that starts there."""
    if gazetteer is None:
        return {}
    # Only townships and villages: a named place such as a reservoir is translated word by word.
    return {hit.start: name[hit.start : hit.end] for hit in gazetteer.find(name) if hit.kind in PLACE_KINDS}


def _words(name: str, lexicon: Lexicon, gazetteer: Gazetteer | None) -> list[str]:
    """The English words of ``name``, in its order (see the module doc)."""
    longest = max((len(w) for w in lexicon.english), default=0)
    places, words, stem, index = _places_at(name, gazetteer), [], "", 0
    while index < len(name):
        ascii_run = _ASCII.match(name, index)
        word = next(
            (
                name[index:end]
                for end in range(min(len(name), index + longest), index, -1)
                if name[index:end] in lexicon.english
            ),
            "",
        )
        place = places.get(index, "")
        found = max((place, word, ascii_run.group() if ascii_run else ""), key=len)
        if not found:
            stem, index = stem + name[index], index + 1
            continue
        words += [pinyin_name(stem)] if stem else []
        stem = ""
        words.append(_place(found, lexicon) if found == place else lexicon.english.get(found, found))
        index += len(found)
    return words + ([pinyin_name(stem)] if stem else [])


def english_name(name_zh: str, lexicon: Lexicon, gazetteer: Gazetteer | None = None) -> str:
    """A draft's English name from its Chinese name (its key: no notes, no generic tail such as 项目)."""
    words = _words(re.sub(r"[（）()“”《》·、]", " ", name_key(name_zh)).replace(" ", ""), lexicon, gazetteer)
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:]
