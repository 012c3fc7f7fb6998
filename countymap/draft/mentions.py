"""Every candidate mention of the report: clause by clause, with section, status, figures and places."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from countymap.draft.clauses import Piece, clauses, sentences, split_piece
from countymap.draft.clean import CleanText, clean
from countymap.draft.extract import (
    QUOTED,
    ROUTE,
    ClauseParts,
    Member,
    analyse,
    designation,
    fill_verb_only,
    read_member,
    share_heads,
)
from countymap.draft.figures import AMOUNT, NUMBER, Amount, Quantity, parse_amount, quantity_pattern
from countymap.draft.gazetteer import Gazetteer, Hit
from countymap.draft.lexicon import Lexicon
from countymap.draft.programmes import (
    BUDGET,
    GROUPED,
    TARGET,
    Where,
    counts_works,
    give_locative,
    investment_target,
    is_budget_line,
    join_budget_lines,
    join_townships,
    strip_locative,
    target_status,
)
from countymap.draft.sections import (
    NO_HEADINGS,
    Section,
    find_sections,
    heading_ends,
    preamble,
    section_at,
    whole_text,
)
from countymap.draft.status import StatusCall, call_status

BASE_CONFIDENCE = {
    "named": 0.75,
    "route": 0.75,
    "honoured": 0.7,
    "listed": 0.7,
    "grouped": 0.65,
    "shared": 0.65,
    "counted": 0.6,
    "budget": 0.6,
    "target": 0.55,
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
    warnings: tuple[str, ...] = ()  # codes, such as NO_HEADINGS: the reader shows them, never a silent 0


_COUNTED_PEOPLE = re.compile(rf"{NUMBER}万?(?:户|人|名|道|场|家|项|件|次)")


def _has_category_word(text: str, lexicon: Lexicon) -> bool:
    return any(word in text for words in lexicon.categories.values() for word in words)


def _rejected(name: str, lexicon: Lexicon) -> bool:
    """Too short, a figure, an activity or a rule rather than a work."""
    return (
        len(name) < 2
        or name in lexicon.vague_names
        or name.isascii()
        or AMOUNT.search(name) is not None
        or "%" in name
        or _COUNTED_PEOPLE.search(name) is not None
        or any(word in name for word in lexicon.not_works)
    )


def _is_item(member: Member, lead: str, lexicon: Lexicon, gazetteer: Gazetteer) -> str:
    """The member's kind of item, or ``""`` when it is not one (see the module doc of ``extract``)."""
    name = member.name
    if _rejected(name, lexicon):
        return ""
    if member.kind == TARGET:
        return TARGET
    if is_budget_line(name, lexicon):
        in_hand = member.kind == BUDGET or (counts_works(member, lexicon) and lead)  # 实施…项目 N 个, not 签约项目 N 个
        return BUDGET if in_hand else ""
    builds = any(verb in lead for verb in lexicon.build_verbs)
    if member.kind == "honoured":
        return "honoured"
    if member.kind == "shared":
        return "shared" if _has_category_word(name, lexicon) else ""
    if member.kind in ("listed", GROUPED):
        group = member.qualifier or name
        work_group = any(s in group for s in lexicon.work_suffixes) or _has_category_word(group, lexicon)
        return member.kind if work_group and not any(w in group for w in lexicon.not_works) else ""
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


def _county_town(text: str, gazetteer: Gazetteer, lexicon: Lexicon, hits: list[Hit]) -> list[Hit]:
    """``县城`` in ``text`` (outside a gazetteer name): the townships of the county town's kinds, if any."""
    towns = tuple(t for t, kind in gazetteer.kinds.items() if kind in lexicon.county_town_kinds)
    taken = {i for hit in hits for i in range(hit.start, hit.end)}
    found = []
    for word in lexicon.county_town_words if towns else ():
        for m in re.finditer(re.escape(word), text):
            if not taken & set(range(m.start(), m.end())):
                found.append(Hit(word, m.start(), m.end(), "town", towns))
                taken |= set(range(m.start(), m.end()))
    return found


def places_in(text: str, gazetteer: Gazetteer, lexicon: Lexicon, *, endpoints: bool = False) -> list[Hit]:
    """Gazetteer names in ``text``, except inside a common word (``宜居宜业``), and the county town's words."""
    covered = {
        i
        for word in lexicon.common_words
        for m in re.finditer(re.escape(word), text)
        for i in range(m.start(), m.end())
    }
    hits = [hit for hit in gazetteer.find(text, endpoints=endpoints) if hit.start not in covered]
    return sorted(hits + _county_town(text, gazetteer, lexicon, hits), key=lambda hit: hit.start)


def _place_prefix(text: str, gazetteer: Gazetteer) -> int:
    """Length of the gazetteer name that opens ``text`` (0 if none)."""
    hits = gazetteer.find(text)
    return hits[0].end if hits and hits[0].start == 0 else 0


def _is_township(text: str, gazetteer: Gazetteer) -> bool:
    """Whether ``text`` is only a township's name."""
    hits = gazetteer.find(text)
    return len(hits) == 1 and hits[0].kind == "township" and (hits[0].start, hits[0].end) == (0, len(text))


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
    """The clause's amount and what it measures (a prefix of an investment kind code)."""
    amount = parse_amount(clause.text)
    if amount is None or not any(w in clause.text for w in lexicon.investment_words):
        return None, ""
    if any(w in clause.text for w in lexicon.pooled_words):
        return amount, "pooled"
    if any(w in clause.text for w in lexicon.total_words):
        return amount, "total"
    return amount, "completed" if phase == "review" else "planned"


def _members(parts: ClauseParts, where: Where | None, lexicon: Lexicon, gazetteer: Gazetteer, units) -> list[Member]:
    """The clause's object read as members: an investment target, or a list (heads shared, lines joined)."""
    target = investment_target(parts.obj, lexicon)
    pieces = split_piece(parts.obj, lexicon.list_joiners, keep=lexicon.unsplittable)
    members = [target] if target else [read_member(p, lexicon, units) for p in pieces]
    give_locative(members, where)
    members = join_budget_lines(members, lexicon)
    share_heads(members, lexicon, lambda text: _place_prefix(text, gazetteer))
    members = join_townships(members, lexicon, lambda text: _is_township(text, gazetteer))
    designation(members, parts.tail, lexicon)
    fill_verb_only(members)
    return members


def clause_mentions(clause: Piece, section: Section, lexicon: Lexicon, gazetteer: Gazetteer, units: re.Pattern):
    """The mentions of one clause and the clause's investment amount (with its kind)."""
    if clause.text.isascii():  # no name of an item (all ASCII) and no amount (亿元, 万元): nothing to read
        return [], (None, "")
    where, body = strip_locative(clause, lexicon, units)
    parts = analyse(body, lexicon)
    amount = _investment(clause, lexicon, section.phase)
    if not parts.obj.text:
        return [], amount
    members = _members(parts, where, lexicon, gazetteer, units)
    found = []
    for member in members:
        part = _cut_part(member, lexicon)
        kind = _is_item(member, "".join(member.lead + parts.lead), lexicon, gazetteer)
        if not kind:
            continue
        if kind == TARGET:
            status = target_status(parts.tail.text, lexicon, section.phase)
        else:
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
TOPIC_REACH = 3  # a topic names its setting in one of its first sentences, or has none


class Topic:
    """The setting of a topic: the one place named, outside any item, by one of its first sentences.

    A report's plan lists its works under short topic sentences (``改造提升老城``);
    one of the topic's first :data:`TOPIC_REACH` sentences often names where they
    are (``完成某新城详细规划编制``, ``疏解某坝、某坝城区小巷…``). Every item of the
    topic whose names name no place takes that setting, the items before that
    sentence too. A short sentence that is itself an item (``改造 26 个老旧小区``)
    opens no topic.
    """

    def __init__(self) -> None:
        self.place: Hit | None = None
        self.open = False
        self.seen = 0
        self.mentions: list[Mention] = []

    def see(self, sentence: Piece, hits: list[Hit], found: list[Mention]) -> None:
        """Open a topic at a topic sentence; take the setting from the first sentence that gives one."""
        if len(sentence.text) <= TOPIC_MAX and "，" not in sentence.text and not found:
            self.place, self.open, self.seen, self.mentions = None, True, 0, []
            return
        if not self.open:
            return
        self.mentions += found
        self.seen += 1
        if self.place is None and self.seen <= TOPIC_REACH:
            named = _named_in(found, {h.word for h in hits})
            outside = [h for h in hits if h.kind != "township" and h.word not in named]
            townships = {t for hit in outside for t in hit.townships}
            self.place = next((h for h in outside if h.townships), None) if len(townships) == 1 else None
        if self.place is None:
            return
        for mention in self.mentions:
            if mention.context is None and not any(h.townships for h in mention.places):
                mention.context = self.place
        self.mentions = []  # given their setting once: a long topic costs linear time, not quadratic


def _named_in(found: list[Mention], words: set[str]) -> set[str]:
    """The ``words`` that stand inside one of the mentions' names (one pass per name and word length)."""
    lengths = {len(word) for word in words}
    return {
        m.name[i : i + n]
        for m in found
        for n in lengths
        for i in range(len(m.name) - n + 1)
        if m.name[i : i + n] in words
    }


def read_report(raw: str, lexicon: Lexicon, gazetteer: Gazetteer) -> Reading:
    """Clean the text, find its sections and every candidate mention (with its topic's setting)."""
    text = clean(raw)
    sections, headings, warnings = find_sections(raw), heading_ends(raw), ()
    if not sections:  # a page of a report, or a report without 一、二、…: one part, said so
        sections, headings, warnings = [whole_text(raw)], preamble(raw), (NO_HEADINGS,)
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
        mentions += found
    return Reading(text, sections, mentions, warnings)


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
