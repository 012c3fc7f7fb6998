"""An item's status from the verbs around it, by the status rules and the part's phase."""

from __future__ import annotations

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


def _masked(text: str, lexicon: Lexicon) -> str:
    for phrase in lexicon.masked:
        text = text.replace(phrase, "\0" * len(phrase))
    return text


def call_status(cue_text: str, lexicon: Lexicon, phase: str) -> StatusCall:
    """The status the cue's words give by the status rules, in the rules' order.

    The rules' own verbs are looked for first (``加快`` in ``加快建设``), then the
    phase's synonyms (``成功创建`` for ``创建成功``), so ``启动…创建`` is a start,
    not an honour. Money phrases (``完成投资``) are not verbs of the work; alone,
    they mean it is being built. A "finished" verb next to a part word
    (``主体工程完工``) means the work as a whole is still in progress.
    """
    text = _masked(cue_text, lexicon)
    synonyms = lexicon.synonyms.get(phase, {})
    found = None
    for rule in lexicon.rules:
        verb = next((v for v in rule.verbs(phase) if v in text), None)
        if verb:
            found = (rule.code, verb, verb)
            break
    if found is None:
        for word in sorted(synonyms, key=len, reverse=True):
            rule = next((r for r in lexicon.rules if word in text and synonyms[word] in r.verbs(phase)), None)
            if rule is not None:
                found = (rule.code, word, synonyms[word])
                break
    if found is None:
        money = next((phrase for phrase in lexicon.masked if phrase in cue_text), "")
        if money:
            return StatusCall(lexicon.masked_status, money, "")
        return StatusCall(DEFAULT.get(phase, DEFAULT_PLAN), "", "")
    code, word, verb = found
    if code == "completed" and any(p in cue_text for p in lexicon.partial_words):
        code = "in_progress"
    return StatusCall(code, word, verb)
