"""The single source of truth for every data file of the project.

Each table (``projects.csv``, ``geodata/places.csv``, ``indicators.csv``) and each
GeoJSON layer under ``geodata/`` is described here declaratively: its fields, their
types and their vocabularies. The validator, the loaders, the README's column
table and the app's labels all read these definitions, so a change here is a
change everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REPORT_SHA256 = "a5d65001b649e26a3a582b9f89f3ed33ed1058300eda0e06a365c6d41ef71d87"
REPORT_FILENAME = "000_7e2e0f9dafc359a0.txt"
REPORT_BYTES = 54_158  # size of the file with REPORT_SHA256
REPORT_DATE = "2023-02-08"
COUNTY_ADCODE = "500242"
COUNTY_NAME_ZH = "酉阳土家族苗族自治县"
COUNTY_AREA_KM2 = 5173.0
MULTI_SEP = "|"

# --- vocabularies: code -> (Chinese label, English label) -------------------

CATEGORIES: dict[str, tuple[str, str]] = {
    "scenic": ("文旅景区", "Tourism & scenic"),
    "reservoir": ("水库", "Reservoirs"),
    "road": ("公路交通", "Roads"),
    "rail": ("铁路", "Rail"),
    "power": ("电力能源", "Power & energy"),
    "water": ("供水水利", "Water supply & works"),
    "school": ("教育", "Education"),
    "health": ("医疗卫生", "Health"),
    "industry": ("工业", "Industry"),
    "agriculture": ("农业", "Agriculture"),
    "urban": ("城市建设", "Urban development"),
    "housing": ("住房", "Housing"),
    "commerce": ("商贸物流", "Commerce & logistics"),
    "ecology": ("生态环保", "Ecology & environment"),
    "culture": ("文化体育", "Culture & sport"),
    "telecom": ("通信数字", "Telecom & digital"),
    "rural": ("乡村振兴", "Rural revitalisation"),
    "welfare": ("民生保障", "Social welfare"),
    "other": ("其他", "Other"),
}

STATUSES: dict[str, tuple[str, str]] = {
    "completed": ("已完成", "Completed"),
    "in_progress": ("在建", "In progress"),
    "planned": ("计划", "Planned"),
    "preparatory": ("前期", "Preparatory"),
    "designated": ("已获评", "Designated"),
}


@dataclass(frozen=True)
class StatusRule:
    """How the report's words map to one status: the verbs (Chinese, as data) and what they mean."""

    code: str
    verbs_zh: str
    verbs_en: str
    meaning_zh: str
    meaning_en: str


# How the report's verbs map to a status, as of the report date (2023-02-08).
# The order matters: the first rule whose verbs match the item's clause wins.
STATUS_RULES: tuple[StatusRule, ...] = (
    StatusRule(
        "designated",
        "获评、入选、晋级、创建成功、获批、成为（称号）",
        "awarded, selected, promoted, recognised, approved, became (a title)",
        "获得了某项称号或认定",
        "an honour or designation was awarded",
    ),
    StatusRule(
        "completed",
        "2022 年：建成、完工、投用、投运、投产、达产、落成、完成",
        "2022: built, finished, put into use or operation or production, completed",
        "2022 年回顾中写明已完工",
        "the 2022 review says the work is finished",
    ),
    StatusRule(
        "preparatory",
        "前期工作、达到开工条件、预可研、勘察设计、纳入规划、争取、申报、储备",
        "preparatory work, ready to start, pre-feasibility study, survey and design, included in a plan, "
        "seeking, applying, in reserve",
        "只有研究、审批或准备，尚未施工",
        "only studies, approvals or preparation, no construction",
    ),
    StatusRule(
        "in_progress",
        "2022 年：开工、启动、加快建设、复工、续建；2023 年：完工、投用、扫尾、加快、推进、续建、完成（已在建项目）",
        "2022: started, launched, sped up, resumed, continued; 2023: to be finished, put into use, "
        "wound up, sped up, pushed on, continued (works already under way)",
        "报告日已在施工",
        "construction under way at the report date",
    ),
    StatusRule(
        "planned",
        "2023 年：启动、新建、建设、实施、打造、建成（新项目）",
        "2023: to start, build, carry out, create or complete (new works)",
        "报告计划 2023 年开始的工作",
        "work the report plans to start in 2023",
    ),
)

PRECISIONS: dict[str, tuple[str, str]] = {
    "exact": ("精确位置", "Exact site"),
    "approximate": ("大致位置", "Approximate site"),
    "township": ("乡镇级", "Township level"),
    "line": ("示意线路", "Schematic line"),
    "inferred": ("据名推断", "Inferred from the name"),
    "county": ("全县范围", "County-wide"),
    "unknown": ("位置待查", "Place not yet known"),
    "site": ("编辑标定位置", "Site placed by an editor"),
}

# What each precision means on the map (shown on the About page).
PRECISION_MEANINGS: dict[str, tuple[str, str]] = {
    "exact": ("已查明的具体位置", "a researched site"),
    "approximate": ("大致位置，误差可达数公里", "an approximate site, possibly a few kilometres off"),
    "township": (
        "仅知所在乡镇：画在乡镇内的示意位置，并非实际地点",
        "only the township is known: drawn inside it, not at the site",
    ),
    "line": ("示意线路，只连接已知节点", "a schematic line through known way-points"),
    "inferred": (
        "只按名称推断出的乡镇或线路端点（如水库与某村同名），没有来源证实：画成空心虚线圆点或点线，并非实际地点",
        "a township or line end guessed from the name alone (e.g. a reservoir named like a village), confirmed by "
        "no source: drawn as a hollow dashed dot or a dotted line, not at the site",
    ),
    "county": ("全县范围，不在图上标点", "county-wide: not pinned on the map"),
    "unknown": ("报告点名的地点，位置尚未查明：不在图上标点", "a named site not yet placed: not pinned on the map"),
    "site": (
        "县里的编辑在地图上标定的实际位置，附有依据（只来自数据库中的更新，不写在项目表里）",
        "the site as placed on the map by a county editor, with evidence (only from an update in the database, "
        "never in a projects file)",
    ),
}

PLACE_PRECISIONS: dict[str, tuple[str, str]] = {
    "exact": ("精确位置", "Exact site"),
    "approximate": ("大致位置", "Approximate site"),
    "township": ("乡镇级", "Township level"),
    "inferred": ("据名推断的乡镇", "Township inferred from the name"),
    "county": ("全县范围", "County-wide"),
    "unknown": ("位置未知", "Unknown"),
}

PLACE_TYPES: dict[str, tuple[str, str]] = {
    "scenic": ("景区景点", "Scenic area"),
    "reservoir": ("水库", "Reservoir"),
    "river": ("河流", "River"),
    "village": ("村", "Village"),
    "community": ("社区", "Community"),
    "town_area": ("集镇片区", "Town district"),
    "park": ("园区", "Park"),
    "industrial": ("工业园区", "Industrial site"),
    "station": ("站点", "Station"),
    "waypoint": ("线路节点", "Route way-point"),
    "external_waypoint": ("县外方向点", "Way-point outside the county (direction only)"),
    "facility": ("设施", "Facility"),
    "company": ("企业", "Company"),
    "mountain": ("山地", "Mountain"),
    "other": ("其他", "Other"),
}

YEARS = ("2022", "2023")

# --- the living map: what an editor's update can change (countymap.living) ---------

# Progress milestones an editor records with their date.
MILESTONES: dict[str, tuple[str, str]] = {
    "started": ("开工", "Work started"),
    "structure_done": ("主体完工", "Main works finished"),
    "in_service": ("通车/投用", "Opened / in service"),
}

# The fields of an update (countymap.living.values checks each one's value).
UPDATE_FIELDS: dict[str, tuple[str, str]] = {
    "status": ("状态", "Status"),
    "milestone": ("进度节点", "Milestone"),
    "progress": ("完成比例", "Progress (percent)"),
    "site": ("实际位置", "Site"),
    "townships": ("所在乡镇", "Townships"),
    "amount": ("投资", "Investment"),
    "name": ("名称", "Name"),
    "note": ("说明", "Note"),
}

# An account's role: codes only (their words are the string table's ``ed_role_*``).
ROLES = ("editor", "admin")

# What an amount measures. Sums never mix kinds (see countymap.core.stats).
INVESTMENT_KINDS: dict[str, tuple[str, str]] = {
    "completed_in_2022": ("2022年完成投资", "invested in 2022"),
    "planned_for_2023": ("2023年计划投资", "planned for 2023"),
    "total": ("总投资", "total investment"),
    "pooled_fund": ("统筹资金", "pooled funds"),
}

# What kind of thing an item is, so that works, honours and firms can be told apart.
ITEM_KINDS: dict[str, tuple[str, str]] = {
    "work": ("工程", "Work"),
    "programme": ("项目群", "Programme"),
    "designation": ("称号认定", "Designation"),
    "enterprise": ("企业", "Enterprise"),
    "plan": ("规划研究", "Plan or study"),
}

# How exact a figure is, as the report words it (an amount of a project, a target of an indicator).
QUALIFIERS: dict[str, tuple[str, str]] = {
    "at_least": ("以上", "at least"),
    "over": ("突破、超过", "over"),
    "about": ("约", "about"),
}
LOWER_BOUNDS = ("at_least", "over")  # a sum with one of these figures is a lower bound

TOWNSHIP_KINDS: dict[str, tuple[str, str]] = {
    "街道": ("街道", "Subdistrict"),
    "镇": ("镇", "Town"),
    "乡": ("乡", "Township"),
    "苏木": ("苏木", "Sumu"),  # Inner Mongolia's townships
    "其他": ("其他乡级单位", "Other township-level unit"),  # development zones, farms ...: named by no suffix
}

ROUTE_KINDS: dict[str, tuple[str, str]] = {
    "expressway": ("高速公路", "Expressway"),
    "road": ("公路", "Road"),
    "rail": ("铁路", "Railway"),
    "power": ("输电线路", "Power line"),
    "pipeline": ("管道", "Pipeline"),
}

INDICATOR_KINDS: dict[str, tuple[str, str]] = {
    "actual": ("实际", "Actual"),
    "growth": ("增速", "Growth"),
    "target": ("目标", "Target"),
    "target_growth": ("目标增速", "Target growth"),
}


# --- field definitions --------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One column of a table or one property of a GeoJSON feature.

    Parameters
    ----------
    name : str
        Column name as it appears in the header.
    kind : str
        ``str``, ``float``, ``int``, ``spans`` (``start:end|...``) or ``list``
        (``|``-separated strings).
    required : bool
        Whether an empty value is an error.
    vocab : dict or None
        Allowed codes (for ``list`` fields: allowed items).
    pattern : str or None
        Regular expression the whole value must match.
    minimum : float or None
        Smallest allowed number.
    doc_zh, doc_en : str
        What the column means (rendered into README and the About page).
    """

    name: str
    kind: str = "str"
    required: bool = False
    vocab: dict[str, tuple[str, str]] | None = None
    pattern: str | None = None
    minimum: float | None = None
    doc_zh: str = ""
    doc_en: str = ""
    max_length: int = 2000


ID_PATTERN = r"[a-z0-9][a-z0-9\-]{1,79}"

PROJECT_FIELDS: tuple[Field, ...] = (
    Field("id", required=True, pattern=ID_PATTERN, doc_zh="稳定唯一编号", doc_en="Unique, stable id"),
    Field("name_zh", required=True, max_length=120, doc_zh="项目名称（按报告）", doc_en="Name as in the report"),
    Field("name_en", required=True, max_length=200, doc_zh="英文名称", doc_en="English name"),
    Field("category", required=True, vocab=CATEGORIES, doc_zh="类别", doc_en="Sector"),
    Field(
        "item_kind",
        required=True,
        vocab=ITEM_KINDS,
        doc_zh="类型：工程、项目群、称号认定、企业、规划研究",
        doc_en="Kind: work, programme, designation, enterprise, plan or study",
    ),
    Field(
        "status",
        vocab=STATUSES,
        doc_zh="状态（截至报告日）；企业可为空",
        doc_en="Status at the report date; may be empty for an enterprise",
    ),
    Field(
        "years",
        kind="list",
        required=True,
        pattern=r"\d{4}( ?\| ?\d{4})*",  # which years: the edition's (dataset.toml), checked with its context
        doc_zh="报告年份：回顾之年和/或计划之年（酉阳 2023 年版为 2022、2023）",
        doc_en="the edition's review year and/or plan year (2022 and 2023 in Youyang's 2023 edition)",
    ),
    Field(
        "townships",
        kind="list",
        doc_zh="所在乡镇（官方全称）",
        doc_en="Townships (official names); empty = county-wide",
    ),
    Field(
        "place_ids", kind="list", doc_zh="地点或线路编号", doc_en="Ids in geodata/places.csv or geodata/routes.geojson"
    ),
    Field("precision", required=True, vocab=PRECISIONS, doc_zh="位置精度", doc_en="Location precision"),
    Field(
        "investment_yi",
        kind="float",
        minimum=0.0,
        doc_zh="投资（亿元），空=未披露",
        doc_en="Investment in 100 million yuan; empty = not disclosed",
    ),
    Field("investment_kind", vocab=INVESTMENT_KINDS, doc_zh="投资口径", doc_en="What the investment figure measures"),
    Field(
        "investment_qualifier",
        vocab=QUALIFIERS,
        doc_zh="金额限定：以上、突破或超过、约；空=确数",
        doc_en="at_least (以上), over (突破/超过) or about (约); empty = exact",
    ),
    Field("quantity", kind="float", minimum=0.0, doc_zh="规模数量", doc_en="Size or count"),
    Field("quantity_unit", max_length=20, doc_zh="数量单位", doc_en="Unit of the quantity (公里, 亩, 个 ...)"),
    Field(
        "part_of",
        pattern=ID_PATTERN,
        doc_zh="所属项目群的编号：仅限报告写明的关系（标题下的列举、“其中”、各部分合成的计数）",
        doc_en="Id of the programme this item is part of, only where the report states it "
        "(a list under a heading, 其中, a count the parts make up)",
    ),
    Field(
        "related_to",
        kind="list",
        doc_zh="报告未写明、只是可能相关的项目编号（不影响任何合计）",
        doc_en="Ids of items the report suggests but does not state a link to (no effect on any total)",
    ),
    Field(
        "related_spans",
        kind="spans",
        doc_zh="每个 related_to 对应一个提示该关系的报告区间",
        doc_en="One passage per related_to id: the report's words that suggest the link",
    ),
    Field(
        "summary_zh", required=True, max_length=400, doc_zh="简介（自写）", doc_en="Chinese summary in our own words"
    ),
    Field("summary_en", required=True, max_length=600, doc_zh="英文简介", doc_en="English summary in our own words"),
    Field(
        "source_spans",
        kind="spans",
        required=True,
        doc_zh="报告字符区间",
        doc_en="start:end offsets into the report, one per mention",
    ),
    Field(
        "source_section",
        required=True,
        pattern=r"[一二三四五](\([一二三四五六七]\))?(\|[一二三四五](\([一二三四五六七]\))?)*",
        doc_zh="报告章节",
        doc_en="Report section, e.g. 一(四)",
    ),
)

PLACE_FIELDS: tuple[Field, ...] = (
    Field("place_id", required=True, pattern=ID_PATTERN, doc_zh="地点编号", doc_en="Unique place id"),
    Field("name_zh", required=True, max_length=60, doc_zh="名称", doc_en="Chinese name"),
    Field("name_en", max_length=120, doc_zh="英文名称", doc_en="English name"),
    Field("type", required=True, vocab=PLACE_TYPES, doc_zh="类型", doc_en="Place type"),
    Field("township", doc_zh="所在乡镇，空=未知", doc_en="Township (official name); empty = unknown"),
    Field("lon", kind="float", doc_zh="经度 WGS-84", doc_en="Longitude, WGS-84"),
    Field("lat", kind="float", doc_zh="纬度 WGS-84", doc_en="Latitude, WGS-84"),
    Field("precision", required=True, vocab=PLACE_PRECISIONS, doc_zh="位置精度", doc_en="Location precision"),
    Field("source", required=True, max_length=600, doc_zh="依据来源", doc_en="Where the fact came from"),
)

INDICATOR_FIELDS: tuple[Field, ...] = (
    Field("id", required=True, pattern=ID_PATTERN, doc_zh="指标编号", doc_en="Indicator id"),
    Field("name_zh", required=True, doc_zh="指标名称", doc_en="Chinese name"),
    Field("name_en", required=True, doc_zh="英文名称", doc_en="English name"),
    Field("value", kind="float", required=True, doc_zh="数值", doc_en="Value"),
    Field("unit", required=True, doc_zh="单位", doc_en="Unit"),
    Field("year", required=True, vocab={y: (y, y) for y in YEARS}, doc_zh="年份", doc_en="Year"),
    Field("kind", required=True, vocab=INDICATOR_KINDS, doc_zh="口径", doc_en="Actual, growth, target"),
    Field(
        "qualifier",
        vocab=QUALIFIERS,
        doc_zh="数值限定：以上、突破或超过、约；空=确数",
        doc_en="at_least (以上), over (突破/超过) or about (约); empty = exact",
    ),
    Field("source_spans", kind="spans", required=True, doc_zh="报告字符区间", doc_en="Offsets into the report"),
    Field("source_section", required=True, doc_zh="报告章节", doc_en="Report section"),
)

TOWNSHIP_PROPERTIES: tuple[Field, ...] = (
    Field("name_zh", required=True),
    Field("short_zh", required=True),
    Field("name_en", required=True),
    Field("kind", required=True, vocab=TOWNSHIP_KINDS),
    Field("code", required=True, pattern=r"\d{9}000"),
    Field("aliases", kind="list"),
    Field("source", required=True),
    Field("precision", required=True),
)

ROUTE_PROPERTIES: tuple[Field, ...] = (
    Field("route_id", required=True, pattern=ID_PATTERN),
    Field("name_zh", required=True),
    Field("name_en", required=True),
    Field("kind", required=True, vocab=ROUTE_KINDS),
    Field("waypoints", kind="list", required=True),
    Field("precision", required=True, vocab={"line_schematic": ("示意线路", "Schematic line")}),
    Field("source", required=True),
)


@dataclass(frozen=True)
class Table:
    """A CSV table: where it lives and which fields it has."""

    name: str
    path: str
    fields: tuple[Field, ...]
    key: str
    extra: dict = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        """Column names in their canonical order."""
        return [f.name for f in self.fields]


PROJECTS = Table("projects", "projects.csv", PROJECT_FIELDS, key="id")
PLACES = Table("places", "geodata/places.csv", PLACE_FIELDS, key="place_id")
INDICATORS = Table("indicators", "indicators.csv", INDICATOR_FIELDS, key="id")

VILLAGE_FIELDS: tuple[Field, ...] = (
    Field("code", required=True, pattern=r"\d{12}", doc_zh="统计区划代码", doc_en="12-digit statistical code"),
    Field("name_zh", required=True, doc_zh="村（社区）名称", doc_en="Village or community name"),
    Field("township", required=True, doc_zh="所属乡镇", doc_en="Township (official name)"),
)

VILLAGES = Table("villages", "geodata/villages.csv", VILLAGE_FIELDS, key="code")

GEODATA_FILES = {
    "villages": "geodata/villages.csv",
    "county": "geodata/county.geojson",
    "neighbors": "geodata/neighbors.geojson",
    "townships": "geodata/townships.geojson",
    "areas": "geodata/township_areas.geojson",
    "rivers": "geodata/rivers.geojson",
    "places": "geodata/places.csv",
    "routes": "geodata/routes.geojson",
}


def label(vocab: dict[str, tuple[str, str]], code: str, lang: str = "zh") -> str:
    """Return the display label of ``code`` in ``lang`` (``zh`` or ``en``).

    Unknown codes are returned unchanged so that a bad value stays visible.
    """
    pair = vocab.get(code)
    if pair is None:
        return code
    return pair[0] if lang == "zh" else pair[1]


def columns_markdown(table: Table) -> str:
    """Markdown table documenting ``table``'s columns (pasted into README; a test keeps it in sync)."""
    lines = ["| column | required | values | 说明 | meaning |", "|---|---|---|---|---|"]
    for spec in table.fields:
        values = ", ".join(f"`{code}`" for code in spec.vocab) if spec.vocab else spec.kind
        required = "yes" if spec.required else ""
        lines.append(f"| `{spec.name}` | {required} | {values} | {spec.doc_zh} | {spec.doc_en} |")
    return "\n".join(lines)


def status_rules_markdown() -> str:
    """Markdown table of :data:`STATUS_RULES` (pasted into README; a test keeps it in sync)."""
    lines = ["| status | verbs | meaning |", "|---|---|---|"]
    lines += [f"| `{rule.code}` | {rule.verbs_zh} | {rule.meaning_en} |" for rule in STATUS_RULES]
    return "\n".join(lines)
