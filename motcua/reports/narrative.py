"""The report's sections I–V, drafted from the appendix values and editable per unit and period.

Every figure the draft states is read from the same `Appendix.values` the
table prints (or from `field_statistics` and the period's ratings, which agree
with it), so narrative and table cannot disagree (rule C10). A value that is
null is written "chưa có số liệu", never guessed. A section text the unit saved
(`ReportSectionText`) replaces that section's draft as a whole; one paragraph
a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.dossiers.figures import RatingCounts, rating_counts
from motcua.index766.compute import IndexResult, compute_index
from motcua.lib.numbers import percent
from motcua.lib.periods import Period
from motcua.reform.figures import RegisterFacts, register_facts
from motcua.reports.compute import Appendix, compute_appendix
from motcua.reports.findings import missing_rows, missing_sentence
from motcua.reports.index_quote import index_paragraphs
from motcua.reports.indicators import BY_CODE
from motcua.reports.models import ReportSectionText
from motcua.reports.statistics import FieldStatistics, HandlingCounts, field_statistics
from motcua.reports.wording import (
    NO_DATA,
    count_phrase,
    flag_sentence,
    percent_phrase,
    body_name,
    body_noun,
    next_period_title,
    number_text,
    percent_text,
)
from motcua.units.models import Unit, subtree_with_predecessors

# (key, level, title); "{next}" is the next period's title in capitals.
SECTIONS = (
    ("intro", 0, ""),
    ("I", 1, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH VÀ TRIỂN KHAI THỰC HIỆN CẢI CÁCH HÀNH CHÍNH"),
    ("II", 1, "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"),
    ("II.1", 2, "1. Cải cách thể chế"),
    ("II.2", 2, "2. Cải cách thủ tục hành chính"),
    ("II.3", 2, "3. Cải cách tổ chức bộ máy hành chính"),
    ("II.4", 2, "4. Cải cách chế độ công vụ"),
    ("II.5", 2, "5. Cải cách tài chính công"),
    ("II.6", 2, "6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"),
    ("III", 1, "III. ĐÁNH GIÁ CHUNG"),
    ("III.1", 2, "1. Ưu điểm"),
    ("III.2", 2, "2. Tồn tại, hạn chế"),
    ("IV", 1, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM {next}"),
    ("V", 1, "V. ĐỀ XUẤT, KIẾN NGHỊ"),
    ("closing", 0, ""),
)
SECTION_KEYS: tuple[str, ...] = tuple(key for key, _, _ in SECTIONS)


@dataclass
class Section:
    key: str
    # 0 = untitled (opening and closing paragraphs), 1 = I–V, 2 = their numbered parts.
    level: int
    title: str
    paragraphs: list[str]
    # True when the unit's saved text replaced the draft.
    edited: bool = False
    # Paragraphs quoted from computed figures (the QĐ 766 index in II.6): rebuilt on every build, printed after
    # `paragraphs`, never saved nor replaced by the unit's text.
    quoted: list[str] = field(default_factory=list)

    @property
    def printed(self) -> list[str]:
        """Return every paragraph the report prints: the draft or the unit's text, then the quoted figures."""
        return self.paragraphs + self.quoted


@dataclass
class Narrative:
    sections: list[Section]

    def section(self, key: str) -> Section:
        """Return the section with this key; KeyError names an unknown one."""
        for found in self.sections:
            if found.key == key:
                return found
        raise KeyError(key)

    def text(self) -> str:
        """Return the whole narrative as plain text, titles included, one paragraph a line."""
        lines = []
        for found in self.sections:
            if found.title:
                lines.append(found.title)
            lines.extend(found.printed)
        return "\n".join(lines)


@dataclass
class Facts:
    """Everything the draft states: the appendix values plus the breakdowns the table has no row for."""

    unit: Unit
    period: Period
    values: dict
    statistics: FieldStatistics
    ratings: RatingCounts
    # The body above the unit on the period's end ("UBND huyện"), None for a province.
    parent_noun: str | None = None
    extra: dict = field(default_factory=dict)
    # What the registers add beyond the table (tasks on time, departments inspected, communication …).
    registers: RegisterFacts = field(default_factory=RegisterFacts)
    # The rows the unit enters that are still blank (motcua.reports.findings), in the table's order.
    missing: tuple[str, ...] = ()


# ---------------------------------------------------------------- drafting


def draft_sections(facts: Facts) -> dict[str, list[str]]:
    """Return the drafted paragraphs of every section key, from the facts alone."""
    v, period = facts.values, facts.period
    noun, full = body_noun(facts.unit), body_name(facts.unit)
    stats: HandlingCounts = facts.statistics.total
    parent = facts.parent_noun or "cấp trên"
    drafts: dict[str, list[str]] = {key: [] for key in SECTION_KEYS}

    plan = v.get("1.1")
    plan_ref = f" (Quyết định số {plan})" if plan else ""
    drafts["intro"] = [
        f"Thực hiện Kế hoạch cải cách hành chính (CCHC) năm {period.year}{plan_ref}, {full} báo cáo kết quả "
        f"thực hiện công tác cải cách hành chính {period.title}; phương hướng, nhiệm vụ "
        f"{next_period_title(period)} như sau:"
    ]

    done_share = ""
    if isinstance(v.get("1.1.1"), (int, float)) and isinstance(v.get("1.1.2"), (int, float)) and v["1.1.1"]:
        done_share = f" (đạt {percent_text(percent(v['1.1.2'], v['1.1.1']))})"
    survey = v.get("1.4.2")
    survey_form = BY_CODE["1.4.2"].legend.get(survey, "") if survey is not None else ""
    responses = v.get("1.4.1")
    if responses is None:
        survey_sentence = f"Khảo sát sự hài lòng của người dân, tổ chức: {NO_DATA}."
    elif responses == 0:
        survey_sentence = f"Trong {period.title}, {noun} chưa thu thập được phiếu khảo sát sự hài lòng nào."
    else:
        survey_sentence = (
            f"Trong {period.title}, {noun} đã thu thập {number_text(responses)} phiếu khảo sát sự hài lòng "
            f"của người dân, tổ chức (hình thức khảo sát: {survey_form.lower()})."
        )
    reg = facts.registers
    drafts["I"] = [
        f"Về chỉ đạo, điều hành: Kế hoạch CCHC năm {period.year}: {plan or NO_DATA}; số nhiệm vụ đề ra trong "
        f"kế hoạch: {count_phrase(v, '1.1.1', 'nhiệm vụ')}; số nhiệm vụ đã hoàn thành đến hết kỳ báo cáo: "
        f"{count_phrase(v, '1.1.2', 'nhiệm vụ')}{done_share}; số văn bản chỉ đạo CCHC đã ban hành: "
        f"{count_phrase(v, '1.1.3', 'văn bản')}.",
        f"Về kiểm tra CCHC: số bộ phận chuyên môn đã kiểm tra: {count_phrase(v, '1.2.1', 'bộ phận')}; số vấn đề "
        f"phát hiện qua kiểm tra: {count_phrase(v, '1.2.2', 'vấn đề')}; số vấn đề đã xử lý xong: "
        f"{count_phrase(v, '1.2.3', 'vấn đề')}.",
        f"Về thực hiện nhiệm vụ {parent}, Chủ tịch {parent} giao: tổng số nhiệm vụ được giao: "
        f"{count_phrase(v, '1.3.1', 'nhiệm vụ')}; số nhiệm vụ đã hoàn thành đúng hạn: {count_phrase(v, '1.3.2', 'nhiệm vụ')}; "
        f"số nhiệm vụ đã hoàn thành nhưng quá hạn: {count_phrase(v, '1.3.3', 'nhiệm vụ')}.",
        survey_sentence,
        flag_sentence(v, "1.5", f"trong kỳ, {noun}"),
    ]
    tasks_sentence, inspected_sentence = _register_plan_sentences(reg)
    if inspected_sentence:
        drafts["I"].insert(2, inspected_sentence)
    if tasks_sentence:
        drafts["I"].insert(1, tasks_sentence)
    if reg.survey_responses:
        drafts["I"].insert(-1, _survey_register_sentence(reg))
    if reg.kept:
        drafts["I"].append(_communication_sentence(reg))

    drafts["II.1"] = [
        f"Số văn bản quy phạm pháp luật (VBQPPL) đã ban hành/tham mưu ban hành: {count_phrase(v, '2.1', 'văn bản')}; "
        f"số VBQPPL đã kiểm tra theo thẩm quyền: {count_phrase(v, '2.2', 'văn bản')}; số VBQPPL đã rà soát: "
        f"{count_phrase(v, '2.3', 'văn bản')}; số VBQPPL đã kiến nghị xử lý sau kiểm tra, rà soát: "
        f"{count_phrase(v, '2.4', 'văn bản')}; số VBQPPL có kiến nghị xử lý đã được xử lý xong: "
        f"{count_phrase(v, '2.5', 'văn bản')}.",
    ]

    resolved = stats.resolved
    on_time_share = percent(stats.resolved_early + stats.resolved_on_time, resolved)
    ratings = facts.ratings
    if ratings.total:
        satisfied_share = percent(ratings.very_satisfied + ratings.satisfied, ratings.total)
        rating_sentence = (
            f"Đánh giá chất lượng giải quyết TTHC: trong kỳ có {number_text(ratings.total)} lượt đánh giá sự hài "
            f"lòng của người dân, tổ chức ({number_text(ratings.online)} lượt trực tuyến, "
            f"{number_text(ratings.forms)} lượt qua phiếu hoặc máy đánh giá), trong đó rất hài lòng "
            f"{number_text(ratings.very_satisfied)} lượt, hài lòng {number_text(ratings.satisfied)} lượt, không hài "
            f"lòng {number_text(ratings.unsatisfied)} lượt; tỷ lệ hài lòng đạt {percent_text(satisfied_share)}."
        )
    else:
        rating_sentence = "Đánh giá chất lượng giải quyết TTHC: trong kỳ chưa có lượt đánh giá sự hài lòng nào."
    apologies = v.get("3.5")
    if apologies is None:
        apology_sentence = f"Công khai xin lỗi trong giải quyết TTHC: {NO_DATA}."
    elif apologies == 0:
        apology_sentence = "Trong kỳ không có trường hợp nào phải công khai xin lỗi trong giải quyết TTHC."
    else:
        apology_sentence = (
            f"Trong kỳ đã ban hành {number_text(apologies)} văn bản xin lỗi tổ chức, cá nhân do giải quyết hồ sơ "
            "quá hạn và hẹn lại ngày trả kết quả."
        )
    drafts["II.2"] = [
        f"Tổng số TTHC đang áp dụng: {count_phrase(v, '3.1.3', 'thủ tục')}; trong kỳ đã công bố, công bố mới "
        f"{count_phrase(v, '3.1.1', 'thủ tục')}, bãi bỏ, thay thế {count_phrase(v, '3.1.2', 'thủ tục')}.",
        f"Thực hiện cơ chế một cửa, một cửa liên thông: {count_phrase(v, '3.2.1', 'TTHC')} thực hiện theo cơ chế một "
        f"cửa, {count_phrase(v, '3.2.2', 'TTHC')} liên thông cùng cấp, {count_phrase(v, '3.2.3', 'TTHC')} liên thông giữa các "
        f"cấp chính quyền; tỷ lệ TTHC đã được phê duyệt quy trình nội bộ: {percent_phrase(v, '3.2.4')}; tỷ lệ quy trình "
        f"nội bộ đã được điện tử hóa: {percent_phrase(v, '3.2.5')}; số TTHC tiếp nhận và giải quyết không phụ thuộc vào "
        f"địa giới hành chính: {count_phrase(v, '3.2.6', 'thủ tục')}; số TTHC đã tích hợp thanh toán trực tuyến: "
        f"{count_phrase(v, '3.4.3', 'thủ tục')}.",
        f"Trong {period.title}, {noun} đã tiếp nhận {count_phrase(v, '3.3.1', 'hồ sơ')}, trong đó tiếp nhận trực tiếp "
        f"{count_phrase(v, '3.3.1.a', 'hồ sơ')}, qua dịch vụ bưu chính công ích {count_phrase(v, '3.3.1.b', 'hồ sơ')}, trực "
        f"tuyến một phần {count_phrase(v, '3.3.1.c', 'hồ sơ')}, trực tuyến toàn trình {count_phrase(v, '3.3.1.d', 'hồ sơ')}; "
        f"đã giải quyết đúng hạn {count_phrase(v, '3.3.2', 'hồ sơ')} (tiếp nhận trực tiếp "
        f"{count_phrase(v, '3.3.2.a', 'hồ sơ')}, qua dịch vụ bưu chính công ích {count_phrase(v, '3.3.2.b', 'hồ sơ')}, trực "
        f"tuyến một phần {count_phrase(v, '3.3.2.c', 'hồ sơ')}, trực tuyến toàn trình {count_phrase(v, '3.3.2.d', 'hồ sơ')}), "
        f"trong đó lĩnh vực đất đai {count_phrase(v, '3.3.3', 'hồ sơ')}, lĩnh vực xây dựng "
        f"{count_phrase(v, '3.3.4', 'hồ sơ')}.",
        f"Tổng số hồ sơ đã có kết quả giải quyết trong kỳ: {number_text(resolved)} hồ sơ (giải quyết trước hạn "
        f"{number_text(stats.resolved_early)}, đúng hạn {number_text(stats.resolved_on_time)}, quá hạn "
        f"{number_text(stats.resolved_late)} hồ sơ; tỷ lệ đúng hạn "
        f"{percent_text(on_time_share) if on_time_share is not None else NO_DATA}); số hồ sơ kỳ trước chuyển "
        f"sang: {number_text(stats.carried_over)}; số hồ sơ rút: {number_text(stats.withdrawn)}; số hồ sơ đang "
        f"giải quyết đến hết kỳ: {number_text(stats.open)} hồ sơ, trong đó quá hạn "
        f"{number_text(stats.open_past_due)} hồ sơ (chi tiết theo lĩnh vực tại Phụ lục 02).",
        f"Công khai kết quả giải quyết: {count_phrase(v, '3.4.1', 'hồ sơ')} đã giải quyết được công khai trên Cổng dịch "
        f"vụ công của tỉnh, {count_phrase(v, '3.4.2', 'hồ sơ')} trên trang thông tin điện tử của đơn vị.",
        apology_sentence,
        rating_sentence,
    ]

    drafts["II.3"] = [
        f"Số liệu về biên chế cán bộ, công chức: tổng số biên chế được giao trong năm: "
        f"{count_phrase(v, '4.1.1', 'người')}; tổng số biên chế có mặt tại thời điểm báo cáo: "
        f"{count_phrase(v, '4.1.2', 'người')}; số biên chế đã tinh giản trong kỳ: {count_phrase(v, '4.1.3', 'người')}; tỷ lệ "
        f"biên chế đã tinh giản so với năm 2015: {percent_phrase(v, '4.1.4')}.",
    ]
    if reg.qualifications:
        drafts["II.3"].append(_qualification_sentence(reg))
    drafts["II.4"] = [
        flag_sentence(v, "5.4.1", noun),
        f"Tỷ lệ đơn vị được kiểm tra kỷ luật, kỷ "
        f"cương hành chính: {percent_phrase(v, '5.4.2')}; số cán bộ, công chức bị xử lý kỷ luật trong kỳ: "
        f"{count_phrase(v, '5.4', 'người')}, trong đó lãnh đạo cấp xã: {count_phrase(v, '5.4.5', 'người')}, công chức cấp "
        f"xã: {count_phrase(v, '5.4.6', 'người')}.",
    ]
    drafts["II.5"] = [flag_sentence(v, "6.1", noun), flag_sentence(v, "6.2", noun)]

    received, online = v.get("3.3.1"), None
    if received is not None and v.get("3.3.1.c") is not None and v.get("3.3.1.d") is not None:
        online = v["3.3.1.c"] + v["3.3.1.d"]
    online_share = percent(online, received) if online is not None else None
    online_sentence = (
        f" Trong kỳ đã tiếp nhận trực tuyến {number_text(online)} hồ sơ, chiếm {percent_text(online_share)} tổng "
        "số hồ sơ tiếp nhận."
        if online_share is not None
        else ""
    )
    drafts["II.6"] = [
        " ".join(flag_sentence(v, code, noun) for code in ("7.1", "7.2.1", "7.4.1")),
        f"Tổng số văn bản đi giữa các cơ quan nhà nước: {count_phrase(v, '7.2.3', 'văn bản')}; tỷ lệ văn bản được gửi "
        f"hoàn toàn dưới dạng điện tử: {percent_phrase(v, '7.2.3.a')}; tỷ lệ văn bản gửi dưới dạng điện tử song song với "
        f"văn bản giấy: {percent_phrase(v, '7.2.3.b')}.",
        f"Dịch vụ công trực tuyến: {count_phrase(v, '7.5.1', 'TTHC')} cung cấp trực tuyến một phần (mức độ 3), "
        f"{count_phrase(v, '7.5.2', 'TTHC')} cung cấp trực tuyến toàn trình (mức độ 4).{online_sentence}",
        flag_sentence(v, "7.6", noun),
    ]

    strengths = [
        "Công tác cải cách hành chính được quan tâm chỉ đạo, triển khai thực hiện; hoạt động tiếp nhận và trả kết "
        "quả theo cơ chế một cửa, một cửa liên thông được duy trì nền nếp."
    ]
    if on_time_share is not None:
        strengths.append(f"Tỷ lệ hồ sơ giải quyết đúng hạn trong kỳ đạt {percent_text(on_time_share)}.")
    if online_share:
        strengths.append(f"Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt {percent_text(online_share)}.")
    if apologies == 0:
        strengths.append("Không có trường hợp phải công khai xin lỗi trong giải quyết TTHC.")
    if ratings.total:
        strengths.append(f"Tỷ lệ người dân, tổ chức hài lòng đạt {percent_text(satisfied_share)}.")
    drafts["III.1"] = [" ".join(strengths)]

    limits = []
    if stats.resolved_late:
        limits.append(f"Còn {number_text(stats.resolved_late)} hồ sơ giải quyết quá hạn.")
    if stats.open_past_due:
        limits.append(f"Đến hết kỳ còn {number_text(stats.open_past_due)} hồ sơ đang giải quyết đã quá hạn.")
    if ratings.unsatisfied:
        limits.append(f"Có {number_text(ratings.unsatisfied)} lượt đánh giá không hài lòng.")
    if online_share is not None and online_share < 50:
        limits.append(f"Tỷ lệ hồ sơ tiếp nhận trực tuyến mới đạt {percent_text(online_share)}.")
    if facts.missing:
        limits.append(missing_sentence(facts.missing))
    drafts["III.2"] = [" ".join(limits) if limits else "Qua số liệu thống kê trong kỳ, chưa phát hiện tồn tại, hạn chế."]

    upcoming = [
        "Tiếp tục nâng cao chất lượng xây dựng, kiểm tra, rà soát văn bản quy phạm pháp luật; kịp thời kiến nghị "
        "sửa đổi, bổ sung, thay thế, bãi bỏ văn bản không còn phù hợp.",
        "Thực hiện đầy đủ, kịp thời việc niêm yết, công khai TTHC; rà soát, cắt giảm thời gian giải quyết; công khai "
        "kết quả giải quyết và công khai xin lỗi khi giải quyết hồ sơ quá hạn theo quy định.",
    ]
    if stats.open_past_due:
        upcoming.append(f"Tập trung giải quyết dứt điểm {number_text(stats.open_past_due)} hồ sơ đang quá hạn.")
    upcoming += [
        "Tiếp tục khảo sát, đánh giá mức độ hài lòng của người dân, tổ chức đối với việc giải quyết TTHC.",
        "Đẩy mạnh cung cấp dịch vụ công trực tuyến, tiếp nhận và trả kết quả qua dịch vụ bưu chính công ích; duy "
        "trì, cải tiến Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015.",
        "Siết chặt kỷ luật, kỷ cương hành chính, nâng cao trách nhiệm, đạo đức công vụ của cán bộ, công chức.",
    ]
    drafts["IV"] = upcoming
    drafts["V"] = ["Không có."]
    drafts["closing"] = [
        f"Trên đây là báo cáo kết quả thực hiện cải cách hành chính {period.title} của {full}./."
    ]
    return drafts


def _register_plan_sentences(reg: RegisterFacts) -> tuple[str, str]:
    """Return what the registers add on plan tasks and on inspections ("" when nothing)."""
    if not reg.kept:
        return "", ""
    tasks, inspected = "", ""
    done = reg.plan_tasks_on_time + reg.plan_tasks_late
    if done:
        tasks = (
            f"Trong số {number_text(done)} nhiệm vụ của kế hoạch đã hoàn thành, {number_text(reg.plan_tasks_on_time)} "
            f"nhiệm vụ hoàn thành đúng hạn, {number_text(reg.plan_tasks_late)} nhiệm vụ hoàn thành quá hạn."
        )
    if reg.inspected_departments:
        inspected = f"Các bộ phận được kiểm tra CCHC trong kỳ: {', '.join(reg.inspected_departments)}."
    return tasks, inspected


def _survey_register_sentence(reg: RegisterFacts) -> str:
    """Return the sentence on the survey campaigns of the period."""
    satisfied = percent(reg.survey_satisfied, reg.survey_responses)
    return (
        f"Qua {'các đợt' if len(reg.survey_campaigns) > 1 else 'đợt'} khảo sát ({'; '.join(reg.survey_campaigns)}), "
        f"đã thu về {number_text(reg.survey_responses)} phiếu phát trực tiếp hoặc qua máy đánh giá, trong đó "
        f"{number_text(reg.survey_satisfied)} phiếu hài lòng ({percent_text(satisfied)})."
    )


def _communication_sentence(reg: RegisterFacts) -> str:
    """Return the sentence on the period's reform communication ("tuyên truyền") and dialogues."""
    parts = [
        f"tổ chức {number_text(reg.meetings)} hội nghị tuyên truyền",
        f"phát {number_text(reg.broadcasts)} tin, bài trên đài truyền thanh",
    ]
    if reg.other_communication:
        parts.append(f"{number_text(reg.other_communication)} hoạt động tuyên truyền khác")
    if reg.dialogues:
        parts.append(f"{number_text(reg.dialogues)} buổi đối thoại của lãnh đạo với người dân")
    attended = f" với {number_text(reg.participants)} lượt người tham dự" if reg.participants else ""
    return f"Công tác tuyên truyền CCHC: trong kỳ đã {', '.join(parts)}{attended}."


def _qualification_sentence(reg: RegisterFacts) -> str:
    """Return the staff's qualification breakdown: "Trên Đại học: 2 người = 20%; …"."""
    parts = [
        f"{label}: {number_text(count)} người = {percent_text(percent(count, reg.staff_in_post))}"
        for label, count in reg.qualifications
    ]
    return (
        f"Về trình độ chuyên môn của {number_text(reg.staff_in_post)} cán bộ, công chức có mặt tại thời điểm báo "
        f"cáo: {'; '.join(parts)}."
    )


def parent_body(unit: Unit, period: Period) -> Unit | None:
    """Return the unit above `unit` on the period's end: from 1 Jul 2025 (no districts) the province."""
    import datetime as dt

    ancestors = unit.ancestors()
    if not ancestors:
        return None
    if period.end >= dt.date(2025, 7, 1):
        return ancestors[-1]
    for candidate in ancestors:
        if candidate.is_valid_on(period.end):
            return candidate
    return ancestors[0]


def section_texts(unit: Unit, period: Period) -> dict[str, str]:
    """Return the saved texts of the unit's report for the period, by section key."""
    rows = ReportSectionText.objects.filter(unit=unit, period_start=period.start, period_end=period.end)
    return {row.section_key: row.text for row in rows}


def set_section_text(unit: Unit, period: Period, key: str, text: str, user=None) -> ReportSectionText | None:
    """Save the text that replaces a section's draft; an empty text restores the draft."""
    if key not in SECTION_KEYS:
        raise ValueError(f"mục báo cáo không hợp lệ: {key!r} (cho phép: {', '.join(SECTION_KEYS)})")
    where = {"unit": unit, "period_start": period.start, "period_end": period.end, "section_key": key}
    if not (text or "").strip():
        ReportSectionText.objects.filter(**where).delete()
        return None
    row, _ = ReportSectionText.objects.update_or_create(
        **where, defaults={"text": text.strip(), "updated_by": user}
    )
    return row


def paragraphs_of(text: str) -> list[str]:
    """Split a saved text into paragraphs: one a non-blank line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def build_narrative(
    unit: Unit,
    period: Period,
    appendix: Appendix | None = None,
    statistics: FieldStatistics | None = None,
    index: IndexResult | None = None,
) -> Narrative:
    """Return sections I–V of the unit's report: the saved text where there is one, else the draft.

    Section II.6 (digital government) also quotes the unit's QĐ 766 index over the period, after its draft or
    saved text: those paragraphs are computed on every build (motcua.reports.index_quote), never saved.
    """
    appendix = appendix or compute_appendix(unit, period)
    statistics = statistics or field_statistics(unit, period)
    quoted = {"II.6": index_paragraphs(index or compute_index(unit, period), body_noun(unit))}
    parent = parent_body(unit, period)
    facts = Facts(
        unit=unit,
        period=period,
        values=appendix.values,
        statistics=statistics,
        ratings=rating_counts(unit, period),
        parent_noun=body_noun(parent) if parent else None,
        registers=register_facts(unit, subtree_with_predecessors(unit), period),
        missing=missing_rows(appendix.values, appendix.origins),
    )
    drafts = draft_sections(facts)
    saved = section_texts(unit, period)
    upcoming = next_period_title(period).upper()
    sections = []
    for key, level, title in SECTIONS:
        edited = key in saved
        paragraphs = paragraphs_of(saved[key]) if edited else drafts[key]
        sections.append(Section(key, level, title.format(next=upcoming), paragraphs, edited, quoted.get(key, [])))
    return Narrative(sections)
