"""Every candidate mention of the report: clause by clause, with section, status, figures and places."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from countymap.draft.clauses import Piece, clauses, sentences, split_piece
from countymap.draft.clean import CleanText, clean
from countymap.draft.extract import (
    QUOTED,
    ROUTE,
    Member,
    analyse,
    designation,
    fill_verb_only,
    read_member,
    share_heads,
)
from countymap.draft.figures import AMOUNT, Amount, Quantity, parse_amount, quantity_pattern
from countymap.draft.gazetteer import Gazetteer, Hit
from countymap.draft.lexicon import Lexicon
from countymap.draft.match import name_key
from countymap.draft.sections import Section, find_sections, heading_ends, section_at
from countymap.draft.status import StatusCall, call_status

BASE_CONFIDENCE = {
    "named": 0.75,
    "route": 0.75,
    "honoured": 0.7,
    "listed": 0.7,
    "shared": 0.65,
    "counted": 0.6,
    "quoted": 0.5,
    "place": 0.5,
}


@dataclass
class Mention:
    """One mention of a candidate item; spans are offsets into the cleaned text."""

    name: str
    kind: str
    section: Section
    spans: list[tuple[int, int]]
    status: StatusCall
    qualifier: str = ""
    quantity: Quantity | None = None
    amount: Amount | None = None
    amount_kind: str = ""
    places: list[Hit] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    clause: str = ""
    context: Hit | None = None  # the place its topic speaks of, when its own name names none

    @property
    def confidence(self) -> float:
        """0 to 1: how sure the pattern is (kind, a status verb found, a place found)."""
        value = BASE_CONFIDENCE.get(self.kind, 0.5) + (0.1 if self.status.word else 0) + (0.05 if self.places else 0)
        return round(min(value, 0.95), 2)


@dataclass
class Reading:
    """The report as the drafter read it: cleaned text, sections and mentions."""

    text: CleanText
    sections: list[Section]
    mentions: list[Mention]


_COUNTED_PEOPLE = re.compile(r"\d+(?:\.\d+)?万?(?:户|人|名|道|场|家|项|件|次)")


def _has_category_word(text: str, lexicon: Lexicon) -> bool:
    return any(word in text for words in lexicon.categories.values() for word in words)


def _is_vague(name: str, lexicon: Lexicon) -> bool:
    """``县级重点项目``: nothing but budget words and a generic tail."""
    rest = name_key(name)
    for word in lexicon.vague_words:
        rest = rest.replace(word, "")
    return len(rest) < 2


def _rejected(name: str, lexicon: Lexicon) -> bool:
    """Too short, vague, a figure, an activity or a rule rather than a work."""
    return (
        len(name) < 2
        or name in lexicon.vague_names
        or name.isascii()
        or AMOUNT.search(name) is not None
        or "%" in name
        or _COUNTED_PEOPLE.search(name) is not None
        or any(word in name for word in lexicon.not_works)
        or _is_vague(name, lexicon)
    )


def _is_item(member: Member, lead: str, lexicon: Lexicon, gazetteer: Gazetteer) -> str:
    """The member's kind of item, or ``""`` when it is not one (see the module doc of ``extract``)."""
    name = member.name
    if _rejected(name, lexicon):
        return ""
    builds = any(verb in lead for verb in lexicon.build_verbs)
    if member.kind == "honoured":
        return "honoured"
    if member.kind == "shared":
        return "shared" if _has_category_word(name, lexicon) else ""
    if member.kind == "listed":
        group = member.qualifier
        work_group = any(s in group for s in lexicon.work_suffixes) or _has_category_word(group, lexicon)
        return "listed" if work_group and not any(w in group for w in lexicon.not_works) else ""
    has_suffix = any(s in name for s in lexicon.work_suffixes)
    if has_suffix:
        return "named" if not any(w in name for w in lexicon.indicator_words) or builds else ""
    if any(w in name for w in lexicon.indicator_words):
        return ""
    if ROUTE.search(name):
        return "route"
    if member.quantity is not None:
        return "counted" if builds and _has_category_word(name, lexicon) else ""
    if QUOTED.search(name):
        return "quoted" if builds and _has_category_word(name, lexicon) else ""
    if lead and any(hit.kind != "township" for hit in gazetteer.find(name)):
        return "place"
    return ""


def places_in(text: str, gazetteer: Gazetteer, lexicon: Lexicon, *, endpoints: bool = False) -> list[Hit]:
    """Gazetteer names in ``text``, except inside a common word (``宜居宜业``)."""
    covered = {
        i
        for word in lexicon.common_words
        for m in re.finditer(re.escape(word), text)
        for i in range(m.start(), m.end())
    }
    return [hit for hit in gazetteer.find(text, endpoints=endpoints) if hit.start not in covered]


def _place_prefix(text: str, gazetteer: Gazetteer) -> int:
    """Length of the gazetteer name that opens ``text`` (0 if none)."""
    hits = gazetteer.find(text)
    return hits[0].end if hits and hits[0].start == 0 else 0


def _cut_part(member: Member, lexicon: Lexicon) -> str:
    """``某水库大坝主体工程`` names the reservoir: keep the name before the part word."""
    for word in lexicon.part_words:
        position = member.name.find(word)
        if position > 1:
            member.name = member.name[:position]
            member.cues.append(f"part={word}")
            return word
    return ""


def _investment(clause: Piece, lexicon: Lexicon, phase: str) -> tuple[Amount | None, str]:
    amount = parse_amount(clause.text)
    if amount is None or not any(w in clause.text for w in lexicon.investment_words):
        return None, ""
    if any(w in clause.text for w in lexicon.total_words):
        return amount, "total"
    return amount, "completed" if phase == "review" else "planned"


def clause_mentions(clause: Piece, section: Section, lexicon: Lexicon, gazetteer: Gazetteer, units: re.Pattern):
    """The mentions of one clause and the clause's investment amount (with its kind)."""
    parts = analyse(clause, lexicon)
    amount = _investment(clause, lexicon, section.phase)
    if not parts.obj.text:
        return [], amount
    pieces = split_piece(parts.obj, lexicon.list_joiners, keep=lexicon.unsplittable)
    members = [read_member(p, lexicon, re.compile(units.pattern)) for p in pieces]
    share_heads(members, lexicon, lambda text: _place_prefix(text, gazetteer))
    designation(members, parts.tail, lexicon)
    fill_verb_only(members)
    found = []
    for member in members:
        part = _cut_part(member, lexicon)
        kind = _is_item(member, "".join(member.lead + parts.lead), lexicon, gazetteer)
        if not kind:
            continue
        status = call_status("".join(member.lead + parts.lead) + part + parts.tail.text, lexicon, section.phase)
        places = places_in(member.name, gazetteer, lexicon, endpoints=kind == "route")
        cues = [*member.cues, f"kind={kind}"]
        found.append(
            Mention(
                member.name,
                kind,
                section,
                [(clause.start, clause.end)],
                status,
                member.qualifier,
                member.quantity,
                places=places,
                cues=cues,
                clause=clause.text,
            )
        )
    return found, amount


def _heading_free(sentence: Piece, text: CleanText, headings: list[tuple[int, int]]) -> Piece | None:
    """The sentence without a heading at its start; ``None`` if it is all heading."""
    for start, end in headings:
        if start <= text.origin[sentence.start] < end:
            cut = text.to_clean(end)
            return sentence.sub(cut - sentence.start) if cut < sentence.end else None
    return sentence


def _attach(mentions: list[Mention], amount: tuple[Amount | None, str], clause: Piece) -> bool:
    target = next((m for m in mentions if m.amount is None), None)
    if target is None or amount[0] is None:
        return False
    target.amount, target.amount_kind = amount
    if (clause.start, clause.end) not in target.spans:
        target.spans.append((clause.start, clause.end))
    target.cues.append(f"amount={amount[0].text}")
    return True


TOPIC_MAX = 12  # a sentence this short and without a comma opens a topic (``加快新型城镇化``)


class Topic:
    """The setting of a topic: the one place named, outside any item, by the topic's first sentence.

    A report's plan lists its works under short topic sentences; the first
    sentence after one often names where they are (``完成某新城详细规划编制``).
    Items of the topic whose names name no place take that setting.
    """

    def __init__(self) -> None:
        self.place: Hit | None = None
        self.fresh = False

    def see(self, sentence: Piece, hits: list[Hit], found: list[Mention]) -> None:
        """Open a topic at a topic sentence; take the setting from the sentence after it."""
        if len(sentence.text) <= TOPIC_MAX and "，" not in sentence.text:
            self.place, self.fresh = None, True
            return
        if not self.fresh:
            return
        self.fresh = False
        outside = [h for h in hits if h.kind != "township" and not any(h.word in m.name for m in found)]
        townships = {t for hit in outside for t in hit.townships}
        self.place = next((h for h in outside if h.townships), None) if len(townships) == 1 else None

    def give(self, mentions: list[Mention]) -> None:
        """The setting to each mention whose name names no township."""
        for mention in mentions:
            if self.place is not None and not any(h.townships for h in mention.places):
                mention.context = self.place


def read_report(raw: str, lexicon: Lexicon, gazetteer: Gazetteer) -> Reading:
    """Clean the text, find its sections and every candidate mention (with its topic's setting)."""
    text = clean(raw)
    sections, headings = find_sections(raw), heading_ends(raw)
    units = quantity_pattern(lexicon.units)
    mentions: list[Mention] = []
    topic, current = Topic(), None
    for whole in sentences(text.text):
        section = section_at(sections, text.origin[whole.start])
        sentence = _heading_free(whole, text, headings)
        if section is None or sentence is None:
            continue
        if section is not current:
            topic, current = Topic(), section
        found = _sentence_mentions(sentence, section, lexicon, gazetteer, units)
        topic.see(sentence, places_in(sentence.text, gazetteer, lexicon), found)
        topic.give(found)
        mentions += found
    return Reading(text, sections, mentions)


def _sentence_mentions(sentence: Piece, section: Section, lexicon: Lexicon, gazetteer: Gazetteer, units) -> list:
    """The mentions of one sentence; an investment clause without items goes to the sentence's first item."""
    in_sentence, pending = [], []
    for clause in clauses(sentence):
        found, amount = clause_mentions(clause, section, lexicon, gazetteer, units)
        if amount[0] is not None and not _attach(found, amount, clause):
            pending.append((amount, clause))
        in_sentence += found
    for amount, clause in pending:
        _attach(in_sentence, amount, clause)
    return in_sentence
