"""The drafter's vocabulary: ``lexicon.toml`` (data) and the status verbs of :data:`STATUS_RULES`.

The status verbs are read from the schema's rules, so the drafter and the README's
status table cannot disagree. A rule's year (``2022 年：…``) is read as a phase: the
earlier year of the rules is the review, the later one the plan, so the rules apply
to a report of any year.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from countymap.draft.sections import PLAN, REVIEW
from countymap.schema import CATEGORIES, ITEM_KINDS, STATUS_RULES, StatusRule

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")
_RULE_YEAR = re.compile(r"^\s*(\d{4})\s*年：")
_PARENTHESIS = re.compile(r"（[^）]*）")


@dataclass(frozen=True)
class StatusVerbs:
    """The verbs of one status rule: ``anytime`` apply in both phases, the others in one."""

    code: str
    anytime: tuple[str, ...]
    review: tuple[str, ...]
    plan: tuple[str, ...]

    def verbs(self, phase: str) -> tuple[str, ...]:
        """The verbs that give this status in ``phase``."""
        return self.anytime + (self.review if phase == REVIEW else self.plan)


def _rule_verbs(rule: StatusRule, review_year: int) -> StatusVerbs:
    by_phase: dict[str, list[str]] = {"anytime": [], REVIEW: [], PLAN: []}
    for segment in rule.verbs_zh.split("；"):
        year = _RULE_YEAR.match(segment)
        phase = "anytime" if not year else (REVIEW if int(year.group(1)) <= review_year else PLAN)
        words = _RULE_YEAR.sub("", segment)
        by_phase[phase] += [_PARENTHESIS.sub("", w).strip() for w in words.split("、") if w.strip()]
    return StatusVerbs(rule.code, tuple(by_phase["anytime"]), tuple(by_phase[REVIEW]), tuple(by_phase[PLAN]))


def status_verbs(rules: tuple[StatusRule, ...] = STATUS_RULES) -> tuple[StatusVerbs, ...]:
    """Each rule's verbs by phase, in the rules' order (the first rule that matches wins)."""
    years = [int(m.group(1)) for r in rules for s in r.verbs_zh.split("；") if (m := _RULE_YEAR.match(s))]
    review_year = min(years) if years else 0
    return tuple(_rule_verbs(rule, review_year) for rule in rules)


@dataclass(frozen=True)
class Lexicon:
    """Everything the patterns need, read from ``lexicon.toml``; word lists are longest first."""

    work_suffixes: tuple[str, ...]
    part_words: tuple[str, ...]
    noun_compounds: tuple[str, ...]
    common_words: tuple[str, ...]
    county_town_words: tuple[str, ...]
    county_town_kinds: tuple[str, ...]
    trailing_words: tuple[str, ...]
    leading_words: tuple[str, ...]
    place_kinds: tuple[str, ...]
    list_joiners: tuple[str, ...]
    unsplittable: tuple[str, ...]
    vague_names: tuple[str, ...]
    vague_words: tuple[str, ...]
    not_works: tuple[str, ...]
    build_verbs: tuple[str, ...]
    locatives: tuple[str, ...]
    units: tuple[str, ...]
    indicator_words: tuple[str, ...]
    work_counts: tuple[str, ...]
    investment_words: tuple[str, ...]
    total_words: tuple[str, ...]
    pooled_words: tuple[str, ...]
    target_words: tuple[str, ...]
    synonyms: dict[str, dict[str, str]]
    masked: tuple[str, ...]
    masked_status: str
    partial_words: tuple[str, ...]
    categories: dict[str, tuple[str, ...]]
    item_kinds: dict[str, tuple[str, ...]]
    rules: tuple[StatusVerbs, ...]

    def all_status_words(self) -> tuple[str, ...]:
        """Every verb of every rule and every synonym, longest first."""
        words = {w for rule in self.rules for w in rule.anytime + rule.review + rule.plan}
        words |= {w for table in self.synonyms.values() for w in table}
        return _longest_first(words)


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | Path = LEXICON_PATH) -> Lexicon:
    """Read and check the lexicon (an unknown category code is an error, not a silent miss)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    unknown = (set(data["categories"]) - set(CATEGORIES)) | (set(data["item_kinds"]) - set(ITEM_KINDS))
    if unknown:
        raise ValueError(f"{path}: unknown categories or item kinds {sorted(unknown)}")
    rules = status_verbs()
    leading = set(data["names"]["leading_words"]) | {w for r in rules for w in r.anytime + r.review + r.plan}
    return Lexicon(
        work_suffixes=_longest_first(data["names"]["work_suffixes"]),
        part_words=_longest_first(data["names"]["part_words"]),
        noun_compounds=tuple(data["names"]["noun_compounds"]),
        common_words=tuple(data["names"]["common_words"]),
        county_town_words=_longest_first(data["names"]["county_town_words"]),
        county_town_kinds=tuple(data["names"]["county_town_kinds"]),
        trailing_words=_longest_first(data["names"]["trailing_words"]),
        leading_words=_longest_first(leading),
        place_kinds=_longest_first(data["names"]["place_kinds"]),
        list_joiners=tuple(data["names"]["list_joiners"]),
        unsplittable=tuple(data["names"]["unsplittable"]),
        vague_names=tuple(data["names"]["vague_names"]),
        vague_words=_longest_first(data["names"]["vague_words"]),
        not_works=tuple(data["names"]["not_works"]),
        build_verbs=tuple(data["names"]["build_verbs"]),
        locatives=tuple(data["names"]["locatives"]),
        units=_longest_first(data["counts"]["units"]),
        indicator_words=tuple(data["counts"]["indicator_words"]),
        work_counts=tuple(data["counts"]["work_counts"]),
        investment_words=tuple(data["amounts"]["investment_words"]),
        total_words=tuple(data["amounts"]["total_words"]),
        pooled_words=tuple(data["amounts"]["pooled_words"]),
        target_words=_longest_first(data["amounts"]["target_words"]),
        synonyms={REVIEW: dict(data["status"]["synonyms_review"]), PLAN: dict(data["status"]["synonyms_plan"])},
        masked=_longest_first(data["status"]["masked"]),
        masked_status=data["status"]["masked_status"],
        partial_words=tuple(data["status"]["partial_words"]),
        categories={code: _longest_first(words) for code, words in data["categories"].items()},
        item_kinds={code: _longest_first(words) for code, words in data["item_kinds"].items()},
        rules=rules,
    )
