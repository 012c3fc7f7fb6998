"""Rules the embedded data is read against, each taken from the words (cases by hand in test_data_rules.py).

- :func:`claims_completion`: does a summary say the item is finished (建成, 完工, built, finished ...)?
  A completion word does not count when its clause puts it in the future (今年要…, to be …), denies or
  hedges it (未, nearly, still being built), speaks of money (完成投资) or of a part (主体, 其中, main works,
  of its).
- :func:`pinyin_runs`: runs of capitalised words that are pinyin, with their syllable counts.
- :func:`stated_qualifier`: what the report says about a figure: 以上 → ``at_least``, 突破/超过 → ``over``,
  约/左右 → ``about``, read next to the figure (签约 holds 约 but says nothing about 61).
- :func:`compact`, :func:`spans_of`, :func:`passage`: the report's words without the PDF's line breaks and footers.
"""

from __future__ import annotations

import functools
import re

from pypinyin import Style, lazy_pinyin

# --- the report's words ---------------------------------------------------------------------------


def compact(text: str) -> str:
    """``text`` without whitespace and page footers (the PDF breaks lines anywhere)."""
    return re.sub(r"\s+|— \d+ —", "", text)


def spans_of(cell: str) -> list[tuple[int, int]]:
    """A ``start:end|...`` cell as pairs of offsets."""
    return [tuple(int(n) for n in item.split(":")) for item in cell.split("|") if item]


def passage(report_text: str, cell: str) -> str:
    """The report's words at the spans of ``cell``, compacted."""
    return compact("".join(report_text[a:b] for a, b in spans_of(cell)))


# --- completion claims --------------------------------------------------------------------------

CLAIM_ZH = re.compile(r"建成|完工|竣工|完成|投用|投运|投产|达产|落成|建好|投入使用|投入运行")
CLAIM_EN = re.compile(
    r"\b(?:built|finished|completed|complete|opened|put into (?:use|operation|service)|in use|in operation)\b", re.I
)
# Words earlier in the same clause that make a completion word no claim about the item as it stands.
FUTURE_ZH = ("今年", "年内", "要", "将", "计划", "力争", "争取", "预计", "拟", "目标", "推动", "加快", "待", "准备")
NOT_ZH = ("未", "没", "不", "尚未", "接近", "基本")
PART_ZH = ("主体", "大坝", "一期", "首期", "其中", "部分")
FUTURE_EN = re.compile(
    r"\b(?:to be|is to|are to|will|due|planned|plans?|aims?|expected|about to|set to|seeks?)\b|\bto\s+$", re.I
)
NOT_EN = re.compile(r"\b(?:not|never|nearly|almost|yet|essentially|being)\b", re.I)  # "being built": under way
PART_EN = re.compile(
    r"\b(?:main works|main structure|main dam|dam body|phase 1|first phase|of its|of which|part of)\b", re.I
)
MONEY_ZH = re.compile(r"^完成投资|^完成\d|投资完成$|^完成[^，。；]*?(?:\d+(?:\.\d+)?(?:亿元|万元|%))")
CLAUSE_ZH = re.compile(r"[，。；：,;:]")
CLAUSE_EN = re.compile(r"[;:.]\s|,\s|[;:.]$")


def _zh_claim(clause: str) -> bool:
    for match in CLAIM_ZH.finditer(clause):
        before, rest = clause[: match.start()], clause[match.start() :]
        if any(w in before for w in FUTURE_ZH + NOT_ZH + PART_ZH) or MONEY_ZH.search(rest) or before.endswith("投资"):
            continue
        return True
    return False


def _en_claim(clause: str) -> bool:
    for match in CLAIM_EN.finditer(clause):
        before = clause[: match.start()]
        if FUTURE_EN.search(before) or NOT_EN.search(before) or PART_EN.search(before):
            continue
        return True
    return False


def claims_completion(text: str, lang: str) -> bool:
    """Whether ``text`` says, in some clause, that the item is finished (see the module docstring)."""
    if lang == "zh":
        return any(_zh_claim(clause) for clause in CLAUSE_ZH.split(text))
    return any(_en_claim(clause) for clause in CLAUSE_EN.split(text))


# --- pinyin in English names ----------------------------------------------------------------------

# Syllables of one letter or a bare nasal are left out: English words would parse into them.
_NOT_COUNTED = {"n", "m", "ng", "hm", "hng", "r", "ei", "yo", "lo", "o", "e", "a"}


@functools.cache
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from pypinyin's readings of the CJK block), less the one-letter ones."""
    found = set()
    for code in range(0x4E00, 0x9FA6):
        reading = lazy_pinyin(chr(code), style=Style.NORMAL, errors="ignore")
        if reading and reading[0].isascii() and reading[0].isalpha():
            found.add(reading[0])
    return frozenset(found - _NOT_COUNTED)


def syllable_count(word: str) -> int | None:
    """How many pinyin syllables ``word`` splits into (fewest; an apostrophe ends one), ``None`` if not pinyin."""
    counts = [_syllables_in(part) for part in word.lower().split("'")]
    return None if None in counts or not any(counts) else sum(counts)


@functools.cache
def _syllables_in(letters: str) -> int | None:
    if not letters:
        return 0
    best = None
    for size in range(min(6, len(letters)), 0, -1):
        if letters[:size] in syllables():
            rest = _syllables_in(letters[size:])
            if rest is not None and (best is None or rest + 1 < best):
                best = rest + 1
    return best


def pinyin_runs(name: str) -> list[tuple[int, tuple[str, ...]]]:
    """Runs of capitalised pinyin words joined by spaces, with their syllable counts.

    Anything else ends a run: an English word, a bracket, a comma, a hyphen or a dash (``Mawang–Youshuihe``
    names two places).
    """
    runs, words, count = [], [], 0
    for token in re.findall(r"[A-Za-z']+|[^A-Za-z' ]+| +", name.replace("’", "'")):
        if token.startswith(" "):
            continue
        n = syllable_count(token) if re.fullmatch(r"[A-Z][a-z']*", token) else None
        if n:
            words.append(token)
            count += n
            continue
        if words:
            runs.append((count, tuple(words)))
        words, count = [], 0
    if words:
        runs.append((count, tuple(words)))
    return runs


# --- qualifiers of figures ---------------------------------------------------------------------------

_BEFORE = {"突破": "over", "超过": "over", "约": "about", "近": "about"}


def stated_qualifier(passage: str, value: float) -> str | None:
    """The qualifier the report gives ``value`` in ``passage`` (``""`` if none), ``None`` if the value is absent.

    Whitespace is ignored; the words must stand next to the figure: 突破/超过/约 right before it,
    以上/左右 after its unit, before the clause ends.
    """
    compact = re.sub(r"\s+", "", passage)
    for written in dict.fromkeys((f"{value:g}", f"{value * 10000:g}")):
        pattern = rf"(突破|超过|约|近)?(?<![\d.]){re.escape(written)}(?![\d.])([^，、。；：,\d]{{0,8}})"
        match = re.search(pattern, compact)
        if match is None:
            continue
        before, tail = match.group(1), match.group(2)
        if "以上" in tail:
            return "at_least"
        if before:
            return _BEFORE[before]
        return "about" if "左右" in tail else ""
    return None
