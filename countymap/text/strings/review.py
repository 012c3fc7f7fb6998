"""The review-drafts page.

One part of the string table (:mod:`countymap.text.strings`), by screen: ``(中文, English)`` per key.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- review drafts page ----------------------------------------------------------------
    "page_review": ("草稿审核", "Review drafts"),
    "review_intro": (
        "上传新一年政府工作报告的文本（UTF-8 或 GBK 的 .txt），系统按章节列出候选项目及其原文依据；"
        "请逐条采纳、修改或不采纳，并用自己的话写简介，然后下载项目表。所有内容只保存在您的会话中。",
        "Upload a new year's work report as text (.txt in UTF-8 or GBK). Candidate items appear by section with "
        "the passage behind each; accept, edit or reject each one, write the summary in your own words, then "
        "download the projects file. Everything stays in your session.",
    ),
    "review_upload": ("上传报告文本（.txt，最大 {kb:,.0f} KB）", "Upload the report text (.txt, up to {kb:,.0f} KB)"),
    "review_bad_file": ("无法读取该文件：{err}", "The file cannot be read: {err}"),
    "review_compare": ("与地图上已有项目比对", "Compare with the items on the map"),
    "review_count": ("共 {n} 条草稿，分布在 {s} 个章节。", "{n} drafts in {s} sections."),
    "review_none": ("没有找到候选项目。", "No candidate items were found."),
    "review_passages_cut": (
        "仅显示前 {shown} 条草稿的原文（共 {n:,} 条）；下表列出全部草稿。",
        "Passages of the first {shown} drafts shown ({n:,} in all); the table below lists every draft.",
    ),
    "review_no_headings": (
        "文中没有“一、二、……”这样的部分标题：全文按一个部分（今年计划）读取，请核对各条的年份和状态。",
        "The text has no part headings (一、二、…): it was read as one part (this year's plan); "
        "check each draft's year and status.",
    ),
    "review_draft_timeout": (
        "起草超过 {s:.0f} 秒，已停止：请上传较短的文本，或按部分分开上传。",
        "Drafting took longer than {s:.0f} s and was stopped: upload a shorter text, or one part at a time.",
    ),
    "review_draft_memory": (
        "起草所需内存超出上限，已停止：请上传较短的文本。",
        "Drafting needed more memory than allowed and was stopped: upload a shorter text.",
    ),
    "review_draft_failed": (
        "起草时出错，未生成草稿。请把该文件发给维护者。",
        "Drafting failed and made no drafts. Please send the file to the maintainers.",
    ),
    "review_section": ("第{section}部分 · {n} 条", "Part {section} · {n} draft(s)"),
    "review_passages": ("原文依据（高亮为识别出的词）", "Passages (highlighted: the words that were recognised)"),
    "review_decision": ("处理", "Decision"),
    "decision_pending": ("待定", "Pending"),
    "decision_accept": ("采纳", "Accept"),
    "decision_reject": ("不采纳", "Reject"),
    "review_confidence": ("可信度", "Confidence"),
    "review_confidence_note": ("（可信度 {c}）", " (confidence {c})"),
    "review_changes": ("已有项目的状态变化（旧 → 新）", "Status of existing items (before → draft)"),
    "review_no_changes": ("没有与已有项目对应的草稿。", "No draft matches an existing item."),
    "review_before": ("原状态", "Before"),
    "review_after": ("草稿状态", "Draft"),
    "review_result": ("已采纳 {n} 条。", "{n} accepted."),
    "review_problems": (
        "下载前请解决以下问题（如填写简介）：",
        "Fix these before downloading (for example, write the summaries):",
    ),
    "review_download": ("下载项目表（CSV）", "Download the projects file (CSV)"),
    "review_nothing": ("尚未采纳任何草稿。", "No draft has been accepted yet."),
    "review_publish": ("发布为新版本", "Publish as a new edition"),
    "review_publish_intro": (
        "把已采纳的草稿存入地图数据库，作为新一年报告的版本：公众地图的“最新”视图随即显示它。已发布的版本不再更改。",
        "Store the accepted drafts in the map's database as the next report's edition: the public map's "
        "“latest” view shows it at once. A published edition never changes.",
    ),
    "review_publish_edition": ("版本（报告年份）", "Edition (the report's year)"),
    "review_publish_summary": (
        "将发布 {n} 个项目：{linked} 个接续已有项目（保留其编号和更新记录），{new} 个为新项目。",
        "{n} items will be published: {linked} continue existing items (keeping their ids and updates), {new} are new.",
    ),
    "review_publish_confirm": ("确认发布 {edition} 版本", "I confirm: publish edition {edition}"),
    "review_publish_button": ("发布", "Publish"),
    "review_published": (
        "已发布 {edition} 版本：{n} 个项目（{linked} 个接续已有项目，{new} 个新项目）。",
        "Edition {edition} is published: {n} items ({linked} continuing existing items, {new} new).",
    ),
    "review_publish_refused": ("未发布：", "Not published: "),
    "review_publish_sign_in": (
        "已登录的编辑可以在这里把已采纳的草稿发布为新版本（在“编辑登录”页登录）。",
        "A signed-in editor can publish the accepted drafts here as a new edition (sign in on the Editors page).",
    ),
    "review_tally": (
        "本部分：采纳 {accept} 条，不采纳 {reject} 条，待定 {pending} 条。",
        "This part: {accept} accepted, {reject} rejected, {pending} pending.",
    ),
    "review_resume": (
        "本次会话中的审核仍保留（已采纳 {n} 条）：重新上传同一文件即可继续。",
        "Your review in this session is kept ({n} accepted): upload the same file again to continue.",
    ),
}
