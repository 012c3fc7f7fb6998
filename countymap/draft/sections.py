"""The report's structure from its headings: parts 一、二、… and sub-parts （一）（二）….

A heading starts a line of the text as given (the PDF keeps headings on their
own lines even when it breaks sentences elsewhere). Each part's year and phase
come from its heading's words: ``2022 年工作回顾`` is a review of 2022,
``2023 年重点工作安排`` a plan for 2023; a heading without a year is a plan for
the report's own year (the year of the date under the title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMERALS = "一二三四五六七八九十"
_PART = re.compile(rf"^[ \t\u3000]*([{NUMERALS}]{{1,2}})、(.*)$", re.M)
_SUB = re.compile(rf"^[ \t\u3000]*[（(]([{NUMERALS}]{{1,2}})[)）]", re.M)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月")
REVIEW_WORDS = ("回顾", "总结", "过去")
REVIEW, PLAN = "review", "plan"
NO_HEADINGS = "no_headings"  # the warning of a text without a part heading, read as one part
WHOLE = "一"  # the code of that one part
PREAMBLE_CHARS = 500  # the date under the title stands in the first lines


@dataclass(frozen=True)
class Section:
    """One part or sub-part of the report, in offsets of the text as given.

    ``code`` is what ``source_section`` stores (``一`` or ``一(四)``); ``phase``
    is ``review`` (what was done in ``year``) or ``plan`` (what ``year`` will do).
    """

    part: str
    sub: str
    start: int
    end: int
    year: int
    phase: str

    @property
    def code(self) -> str:
        """``一`` for a part, ``一(四)`` for a sub-part."""
        return f"{self.part}({self.sub})" if self.sub else self.part


def report_year(raw: str) -> int | None:
    """The year of the report: the first date before the first part, else the latest year in a part heading."""
    first_part = _PART.search(raw)
    date = _DATE.search(raw[: first_part.start()] if first_part else raw[:PREAMBLE_CHARS])
    if date:
        return int(date.group(1))
    years = [int(y) for m in _PART.finditer(raw) for y in _YEAR.findall(m.group(2))]
    return max(years) if years else None


def part_year(heading: str, this_year: int | None) -> tuple[int | None, str]:
    """Year and phase a part heading speaks of (see the module doc)."""
    explicit = _YEAR.search(heading)
    review = any(word in heading for word in REVIEW_WORDS)
    if explicit:
        year = int(explicit.group(1))
        return year, REVIEW if review or (this_year is not None and year < this_year) else PLAN
    if review:
        return (this_year - 1 if this_year else None), REVIEW
    return this_year, PLAN


def find_sections(raw: str) -> list[Section]:
    """Every part and sub-part, in order of the text; text before the first part belongs to none."""
    this_year = report_year(raw)
    parts = list(_PART.finditer(raw))
    sections: list[Section] = []
    for index, part in enumerate(parts):
        end = parts[index + 1].start() if index + 1 < len(parts) else len(raw)
        year, phase = part_year(part.group(2), this_year)
        numeral = part.group(1)
        subs = [m for m in _SUB.finditer(raw, part.end(), end)]
        first_sub = subs[0].start() if subs else end
        sections.append(Section(numeral, "", part.start(), first_sub, year or 0, phase))
        for sub_index, sub in enumerate(subs):
            sub_end = subs[sub_index + 1].start() if sub_index + 1 < len(subs) else end
            sections.append(Section(numeral, sub.group(1), sub.start(), sub_end, year or 0, phase))
    return sections


def whole_text(raw: str) -> Section:
    """The whole text as one part: a plan for the report's year (a page of a report without its headings)."""
    year, phase = part_year("", report_year(raw))
    return Section(WHOLE, "", 0, len(raw), year or 0, phase)


def preamble(raw: str) -> list[tuple[int, int]]:
    """The span of the title and date above the speech (up to the end of the date's line), if a date is there.

    In a text without headings it is the only text that is not item text.
    """
    date = _DATE.search(raw[:PREAMBLE_CHARS])
    if date is None:
        return []
    end = raw.find("\n", date.end())
    return [(0, end + 1 if end >= 0 else len(raw))]


def section_at(sections: list[Section], offset: int) -> Section | None:
    """The section holding ``offset`` (an offset into the text as given), or ``None`` before the first part."""
    found = None
    for section in sections:
        if section.start <= offset < section.end:
            found = section
    return found


def heading_ends(raw: str) -> list[tuple[int, int]]:
    """Spans of the heading sentences (a part's heading line; a sub-part's first sentence): not item text."""
    spans = [(m.start(), m.end()) for m in _PART.finditer(raw)]
    for match in _SUB.finditer(raw):
        stop = raw.find("。", match.end())
        spans.append((match.start(), stop + 1 if stop >= 0 else match.end()))
    return sorted(spans)
