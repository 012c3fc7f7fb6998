"""An item's status from the verbs around it, by the status rules and the part's phase."""

from __future__ import annotations

import re
from dataclasses import dataclass

from countymap.draft.lexicon import Lexicon
from countymap.draft.sections import REVIEW

DEFAULT = {REVIEW: "completed"}  # a review reports what was done; a plan, what will be
DEFAULT_PLAN = "planned"


@dataclass(frozen=True)
class StatusCall:
    """The status, the report's word that decided it (``""`` when defaulted), and that word as a rule verb."""

    code: str
    word: str
    verb: str


def verbs_in(text: str, lexicon: Lexicon, phase: str) -> list[tuple[str, str]]:
    """``(word as written, rule verb)`` for each status word in ``text``, leftmost-longest.

    Money phrases (``完成投资``) are masked first; a phase's synonyms
    (``成功创建`` -> ``创建成功``) are read as the rule verb they stand for.
    """
    for phrase in lexicon.masked:
        text = text.replace(phrase, "\0" * len(phrase))
    synonyms = lexicon.synonyms.get(phase, {})
    words = sorted(set(lexicon.all_status_words()) | set(synonyms), key=len, reverse=True)
    found = []
    for match in re.finditer("|".join(re.escape(w) for w in words), text):
        word = match.group()
        found.append((word, synonyms.get(word, word)))
    return found


def call_status(cue_text: str, lexicon: Lexicon, phase: str) -> StatusCall:
    """The first rule (in the rules' order) with a verb among the cue's words; else the phase's default.

    A "finished" verb next to a part word (``主体工程完工``) means the work as a
    whole is still in progress; so does a money phrase alone (``完成投资``).
    """
    found = verbs_in(cue_text, lexicon, phase)
    verbs = {verb for _, verb in found}
    for rule in lexicon.rules:
        hit = next((verb for verb in rule.verbs(phase) if verb in verbs), None)
        if hit is None:
            continue
        word = next(w for w, v in found if v == hit)
        if rule.code == "completed" and any(p in cue_text for p in lexicon.partial_words):
            return StatusCall("in_progress", word, hit)
        return StatusCall(rule.code, word, hit)
    money = next((phrase for phrase in lexicon.masked if phrase in cue_text), "")
    if money:
        return StatusCall(lexicon.masked_status, money, "")
    return StatusCall(DEFAULT.get(phase, DEFAULT_PLAN), "", "")
