"""Mentions of the same work become one draft row in the projects schema, plus ``confidence`` and ``evidence``.

Mentions merge when their name keys are equal (:func:`countymap.draft.match.name_key`).
A merged item takes its status from the review when the review speaks of it (that
is the state at the report date), else from the plan. Summaries stay empty: the
editor writes them; the report's sentences are never copied into a row.
"""

from __future__ import annotations

import re

import pandas as pd

from countymap.draft.clean import CleanText
from countymap.draft.gazetteer import Gazetteer
from countymap.draft.lexicon import Lexicon
from countymap.draft.match import name_key, similarity
from countymap.draft.mentions import Mention
from countymap.draft.sections import REVIEW
from countymap.schema import INVESTMENT_KINDS, PROJECTS
from countymap.text.format import number
from countymap.text.pinyin import pinyin, pinyin_name

DRAFT_EXTRA = ("investment_qualifier", "confidence", "evidence")
DRAFT_COLUMNS = tuple(PROJECTS.columns) + tuple(c for c in DRAFT_EXTRA if c not in PROJECTS.columns)
ROUTE_SIMILARITY = 0.8
MAX_NAME = 60


CROSS_PHASE_SIMILARITY = 0.85
CROSS_PHASE_MIN_KEY = 4


def mention_key(mention: Mention) -> str:
    """The key a mention merges by: its name with its group title (``黑水`` + ``县级示范乡镇``)."""
    return name_key(mention.name + mention.qualifier)


def same_work(a: Mention, b: Mention) -> bool:
    """Whether two mentions speak of one work.

    The same key, or a review and a plan mention whose names are nearly the same
    (``高速`` / ``高速公路``) and the same places. Two counts of the same programme in different parts
    are two batches (4G base stations built last year, more planned this year).
    """
    key_a, key_b = mention_key(a), mention_key(b)
    if a.section.phase != b.section.phase and a.quantity is not None and b.quantity is not None:
        return False
    if key_a == key_b:
        return True
    if a.section.phase == b.section.phase or min(len(key_a), len(key_b)) < CROSS_PHASE_MIN_KEY:
        return False
    if {h.word for h in a.places} != {h.word for h in b.places}:
        return False  # 某镇卫生院… is not the same work as 卫生院…
    return similarity(key_a, key_b, contained=False) >= CROSS_PHASE_SIMILARITY


def group_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of the same work (:func:`same_work` with a group's first mention) grouped, in order of appearance."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        group = next((g for g in groups if same_work(g[0], mention)), None)
        if group is None:
            groups.append([mention])
        else:
            group.append(mention)
    return groups


def category_of(group: list[Mention], lexicon: Lexicon) -> tuple[str, str]:
    """The category whose longest keyword is in the name (else in the clause), and that keyword."""
    for text in (group[0].name + group[0].qualifier, " ".join(m.clause for m in group)):
        best = max(
            ((word, code) for code, words in lexicon.categories.items() for word in words if word in text),
            key=lambda pair: len(pair[0]),
            default=None,
        )
        if best:
            return best[1], best[0]
    return "other", ""


# How a mention was found (countymap/draft/mentions.py) decides the item kind before any word does.
MENTION_ITEM_KINDS = {
    "honoured": "designation",
    "counted": "programme",
    "budget": "programme",
    "target": "programme",
    "grouped": "programme",
}


def item_kind_of(group: list[Mention], lexicon: Lexicon) -> str:
    """The schema's item_kind of a group.

    By how it was found; else a programme when it counts works (``水利工程 7 个``);
    else by a word of its name or its group (``甲（县级示范乡镇）``); else a work.
    """
    for mention in group:
        if mention.kind in MENTION_ITEM_KINDS:
            return MENTION_ITEM_KINDS[mention.kind]
    if any(m.quantity is not None and m.quantity.unit in lexicon.work_counts for m in group):
        return "programme"
    name = group[0].name + group[0].qualifier
    return next((kind for kind, words in lexicon.item_kinds.items() if any(w in name for w in words)), "work")


def _kind_code(prefix: str) -> str:
    return next(code for code in INVESTMENT_KINDS if code.startswith(prefix))


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def matching_route(name: str, gazetteer: Gazetteer):
    """The route of the gazetteer this name is (names nearly the same), or ``None``."""
    scored = [(similarity(route.name, name, contained=False), route) for route in gazetteer.routes]
    best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best[1] if best[0] >= ROUTE_SIMILARITY else None


def _place(group: list[Mention], gazetteer: Gazetteer) -> dict[str, str]:
    """Townships, place ids and precision: the route it is, else the places its names name, else its topic's."""
    hits = [h for m in group for h in m.places]
    townships = _unique(t for h in hits for t in h.townships)
    route = matching_route(group[0].name, gazetteer)
    if route is not None:
        return {
            "townships": "|".join(_unique(townships + list(route.townships))),
            "place_ids": route.route_id,
            "precision": "line",
        }
    if not townships:
        townships = next((list(m.context.townships) for m in group if m.context is not None), [])
    place_ids = _unique(h.place_id for h in hits if h.place_id)
    located = any(h.located for h in hits if h.place_id)
    precision = "approximate" if located else "township" if townships else "county"
    ids = place_ids if precision != "county" else []
    return {"townships": "|".join(townships), "place_ids": "|".join(ids), "precision": precision}


def _spans(group: list[Mention], text: CleanText) -> tuple[str, str]:
    pairs = sorted({(text.to_original(s, e), m.section.code) for m in group for s, e in m.spans})
    return "|".join(f"{a}:{b}" for (a, b), _ in pairs), "|".join(code for _, code in pairs)


def _status(group: list[Mention]) -> tuple[str, Mention]:
    review = [m for m in group if m.section.phase == REVIEW]
    deciding = review[0] if review else group[-1]
    return deciding.status.code, deciding


def _figures(group: list[Mention]) -> dict[str, str]:
    with_amount = next((m for m in group if m.amount is not None), None)
    with_quantity = next((m for m in group if m.quantity is not None), None)
    out = {"investment_yi": "", "investment_kind": "", "investment_qualifier": "", "quantity": "", "quantity_unit": ""}
    if with_amount is not None:
        out["investment_yi"] = number(with_amount.amount.yi, "zh", 6)
        out["investment_kind"] = _kind_code(with_amount.amount_kind)
        out["investment_qualifier"] = with_amount.amount.qualifier
    if with_quantity is not None:
        out["quantity"] = number(with_quantity.quantity.value, "zh", 4)
        out["quantity_unit"] = with_quantity.quantity.unit
    return out


def _evidence(group: list[Mention], deciding: Mention, category_word: str, place: dict[str, str]) -> str:
    cues = list(dict.fromkeys(c for m in group for c in m.cues))
    status = deciding.status
    cues.append(f"status={status.word or '—'}→{status.code} ({deciding.section.phase} {deciding.section.year})")
    if category_word:
        cues.append(f"category={category_word}")
    places = list(dict.fromkeys(f"{h.word}→{'/'.join(h.townships) or '?'}" for m in group for h in m.places))
    if places:
        cues.append("places=" + ",".join(places))
    own = any(h.townships for m in group for h in m.places)
    context = next((m.context for m in group if m.context is not None), None)
    if context is not None and not own:
        cues.append(f"topic={context.word}→{'/'.join(context.townships)}")
    if place["precision"] == "line":
        cues.append(f"route={place['place_ids']}")
    return "; ".join(cues)


def _slug(category: str, name: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", f"{category}-{pinyin(name_key(name))}").strip("-")[:70]
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def draft_row(group: list[Mention], text: CleanText, lexicon: Lexicon, gazetteer: Gazetteer, used: set[str]) -> dict:
    """One draft row for a group of mentions of the same work."""
    first = group[0]
    name = (first.name + (f"（{first.qualifier}）" if first.qualifier else ""))[:MAX_NAME]
    category, category_word = category_of(group, lexicon)
    status, deciding = _status(group)
    place = _place(group, gazetteer)
    spans, sections = _spans(group, text)
    years = sorted({str(m.section.year) for m in group})
    confidence = min(0.99, max(m.confidence for m in group) + 0.05 * (len(group) - 1))
    row = {
        "id": _slug(category, first.name, used),
        "name_zh": name,
        "name_en": pinyin_name(name_key(first.name)),
        "category": category,
        "item_kind": item_kind_of(group, lexicon),
        "status": status,
        "years": "|".join(years),
        **place,
        **_figures(group),
        "summary_zh": "",
        "summary_en": "",
        "source_spans": spans,
        "source_section": sections,
        "confidence": f"{confidence:.2f}",
        "evidence": _evidence(group, deciding, category_word, place),
    }
    return {column: row.get(column, "") for column in DRAFT_COLUMNS}


def draft_frame(mentions: list[Mention], text: CleanText, lexicon: Lexicon, gazetteer: Gazetteer) -> pd.DataFrame:
    """All draft rows, in report order, every cell a string."""
    used: set[str] = set()
    rows = [draft_row(group, text, lexicon, gazetteer, used) for group in group_mentions(mentions)]
    return pd.DataFrame(rows, columns=list(DRAFT_COLUMNS), dtype=str)
