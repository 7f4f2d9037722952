"""The rows of appendix 01b (indicators.md) as data: code, label, unit, kind, legend and source.

Pure data, no Django: the checks and a future importer of existing reports use it too.
Labels are the Vietnamese text of indicators.md exactly; the one row the table
prints as a range ("3.3.2.a–d") is split into its four codes, each labelled
with its part of the printed label ("… mức độ 3 / mức độ 4" shares the prefix
"Giải quyết trực tuyến").
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Value kinds.
HEADING = "heading"
COUNT = "count"
PERCENT = "percent"
FLAG = "flag"
TEXT = "text"
KINDS = (HEADING, COUNT, PERCENT, FLAG, TEXT)

# Sources, as the `source` column of indicators.md spells them.
DOSSIERS = "dossiers"
CATALOG = "catalog"
REGISTER = "register"
MANUAL = "manual"
REGISTER_DOSSIERS = "register + dossiers"
SOURCES = (DOSSIERS, CATALOG, REGISTER, MANUAL, REGISTER_DOSSIERS)

# Rows the system computes; only register and manual rows are entered by hand
# (register rows until their register exists).
COMPUTED_SOURCES = frozenset({DOSSIERS, CATALOG, REGISTER_DOSSIERS})
ENTERED_SOURCES = frozenset({REGISTER, MANUAL})


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    # The unit column as printed ("Thủ tục", "%", a flag's legend …); "" when blank.
    unit: str
    kind: str
    source: str
    rule: str = ""
    # Flags only: allowed value → its label, in printed order.
    legend: dict[int, str] = field(default_factory=dict)

    @property
    def has_value(self) -> bool:
        return self.kind != HEADING

    @property
    def computed(self) -> bool:
        return self.source in COMPUTED_SOURCES

    @property
    def entered(self) -> bool:
        return self.source in ENTERED_SOURCES

    def legend_text(self) -> str:
        """Return the legend as printed, e.g. "Không = 0, Có = 1"."""
        return ", ".join(f"{label} = {value}" for value, label in self.legend.items())


def _legend(text: str) -> dict[int, str]:
    """Parse a printed legend "Trực tuyến = 0, Phát phiếu = 1" into {0: "Trực tuyến", 1: "Phát phiếu"}."""
    result = {}
    for part in text.split(", "):
        label, value = part.rsplit(" = ", 1)
        result[int(value)] = label
    return result


# (code, kind, label, unit as printed, source, rule) in the table's order.
_ROWS = [
    ("1", HEADING, "Công tác chỉ đạo điều hành CCHC", "", "", ""),
    ("1.1", TEXT, "Kế hoạch CCHC", "", REGISTER, "number and date of the year's plan decision, e.g. \"252/QĐ-UBND ngày 30/12/2022\""),
    ("1.1.1", COUNT, "Số nhiệm vụ đề ra trong kế hoạch", "Nhiệm vụ", REGISTER, "tasks in the year's plan"),
    ("1.1.2", COUNT, "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", REGISTER, "plan tasks completed by end of P"),
    ("1.1.3", COUNT, "Số văn bản chỉ đạo CCHC đã ban hành", "Văn bản", REGISTER, "reform directive documents issued in the year up to end of P"),
    ("1.2", HEADING, "Kiểm tra CCHC", "", "", ""),
    ("1.2.1", COUNT, "Số bộ phận chuyên môn cấp xã đã kiểm tra", "Bộ phận chuyên môn", REGISTER, "departments inspected in P"),
    ("1.2.2", COUNT, "Số vấn đề phát hiện qua kiểm tra", "Vấn đề", REGISTER, "issues found by those inspections"),
    ("1.2.3", COUNT, "Số vấn đề phát hiện đã xử lý xong", "Vấn đề", REGISTER, "of those, resolved by end of P"),
    ("1.3", HEADING, "Thực hiện nhiệm vụ UBND huyện, Chủ tịch UBND huyện giao", "", "", "tasks assigned by the level above"),
    ("1.3.1", COUNT, "Tổng số nhiệm vụ được giao", "Nhiệm vụ", REGISTER, "tasks assigned, year up to end of P"),
    ("1.3.2", COUNT, "Số nhiệm vụ đã hoàn thành đúng hạn", "Nhiệm vụ", REGISTER, "completed on or before their deadline"),
    ("1.3.3", COUNT, "Số nhiệm vụ đã hoàn thành nhưng quá hạn", "Nhiệm vụ", REGISTER, "completed after their deadline"),
    ("1.4", HEADING, "Khảo sát sự hài lòng của người dân, tổ chức", "", "", ""),
    ("1.4.1", COUNT, "Số lượng phiếu khảo sát", "Số lượng", REGISTER_DOSSIERS, "satisfaction responses collected in P, all channels (paper forms, kiosk, online ratings)"),
    ("1.4.2", FLAG, "Hình thức khảo sát", "Trực tuyến = 0, Phát phiếu = 1, Kết hợp = 2", REGISTER_DOSSIERS, "from the channels used in P; blank when 1.4.1 = 0"),
    ("1.5", FLAG, "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp", "Không = 0, Có = 1", REGISTER, "a dialogue activity held in P"),
    ("2", HEADING, "Cải cách thể chế", "", "", ""),
    ("2.1", COUNT, "Số VBQPPL đã ban hành/tham mưu ban hành", "Văn bản", REGISTER, "in P"),
    ("2.2", COUNT, "Số VBQPPL đã kiểm tra theo thẩm quyền", "Văn bản", REGISTER, "in P"),
    ("2.3", COUNT, "Số VBQPPL đã rà soát", "Văn bản", REGISTER, "in P"),
    ("2.4", COUNT, "Số VBQPPL đã kiến nghị xử lý sau kiểm tra, rà soát", "Văn bản", REGISTER, "in P"),
    ("2.5", COUNT, "Số VBQPPL có kiến nghị xử lý đã được xử lý xong", "Văn bản", REGISTER, "by end of P"),
    ("3", HEADING, "Cải cách thủ tục hành chính", "", "", ""),
    ("3.1", COUNT, "Thống kê TTHC", "Thủ tục", CATALOG, "= 3.1.3"),
    ("3.1.1", COUNT, "Số TTHC/danh mục TTHC thuộc thẩm quyền giải quyết đã công bố, công bố mới", "Thủ tục", CATALOG, "procedures announced in P"),
    ("3.1.2", COUNT, "Số TTHC thuộc thẩm quyền giải quyết đã bãi bỏ, thay thế", "Thủ tục", CATALOG, "abolished or replaced in P"),
    ("3.1.3", COUNT, "Tổng số TTHC đang áp dụng", "Thủ tục", CATALOG, "in force at end of P for this unit"),
    ("3.2", HEADING, "Thực hiện cơ chế một cửa, một cửa liên thông", "", "", ""),
    ("3.2.1", COUNT, "Số TTHC đưa vào thực hiện theo cơ chế một cửa tại cấp xã", "Thủ tục", CATALOG, "in force, mechanism one-stop"),
    ("3.2.2", COUNT, "Số TTHC liên thông cùng cấp", "Thủ tục", CATALOG, "in force, interlinked at the same level"),
    ("3.2.3", COUNT, "Số TTHC liên thông giữa các cấp chính quyền", "Thủ tục", CATALOG, "in force, interlinked across levels"),
    ("3.2.4", PERCENT, "Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ (theo tiêu chuẩn ISO)", "%", CATALOG, "in-force procedures with an approved internal process ÷ 3.1.3"),
    ("3.2.5", PERCENT, "Tỷ lệ quy trình nội bộ giải quyết TTHC đã được điện tử hóa", "%", CATALOG, "of those processes, the share run electronically in the system"),
    ("3.2.6", COUNT, "Số TTHC đã thực hiện tiếp nhận và giải quyết hồ sơ không phụ thuộc vào địa giới hành chính", "Thủ tục", CATALOG, "in force, accepted regardless of residence"),
    ("3.3", HEADING, "Kết quả giải quyết TTHC", "", "", ""),
    ("3.3.1", COUNT, "Số lượng hồ sơ đã tiếp nhận", "Số lượng hồ sơ", DOSSIERS, "received in P"),
    ("3.3.1.a", COUNT, "Trong đó: Tiếp nhận trực tiếp", "", DOSSIERS, "channel counter"),
    ("3.3.1.b", COUNT, "Tiếp nhận qua BCCI", "", DOSSIERS, "channel postal"),
    ("3.3.1.c", COUNT, "Tiếp nhận trực tuyến mức độ 3 (một phần)", "", DOSSIERS, "channel online_partial"),
    ("3.3.1.d", COUNT, "Tiếp nhận trực tuyến mức độ 4 (toàn trình)", "", DOSSIERS, "channel online_full"),
    ("3.3.2", COUNT, "Số lượng hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hẹn", "Số lượng hồ sơ", DOSSIERS, "resolved in P (approved or refused) at or before the due time in force"),
    ("3.3.2.a", COUNT, "Trả trực tiếp", "", DOSSIERS, "3.3.2 received at the counter"),
    ("3.3.2.b", COUNT, "Trả qua BCCI", "", DOSSIERS, "3.3.2 received by post"),
    ("3.3.2.c", COUNT, "Giải quyết trực tuyến mức độ 3", "", DOSSIERS, "3.3.2 received online, partial"),
    ("3.3.2.d", COUNT, "Giải quyết trực tuyến mức độ 4", "", DOSSIERS, "3.3.2 received online, full"),
    ("3.3.3", COUNT, "Số lượng hồ sơ TTHC về lĩnh vực đất đai được giải quyết đúng hẹn", "Số lượng hồ sơ", DOSSIERS, "3.3.2 restricted to procedures of the land field"),
    ("3.3.4", COUNT, "Số lượng hồ sơ TTHC về lĩnh vực xây dựng được giải quyết đúng hẹn", "Số lượng hồ sơ", DOSSIERS, "3.3.2 restricted to the construction field (printed as 3.3.5 in the reference report)"),
    ("3.4", HEADING, "Công khai kết quả giải quyết", "", "", ""),
    ("3.4.1", COUNT, "Công khai kết quả giải quyết trên Cổng dịch vụ công của tỉnh", "Số hồ sơ đã giải quyết", DOSSIERS, "resolved in P and published on the provincial portal"),
    ("3.4.2", COUNT, "Công khai kết quả giải quyết trên trang TTĐT của đơn vị", "Số hồ sơ đã giải quyết", DOSSIERS, "resolved in P and published on the unit's website"),
    ("3.4.3", COUNT, "Số TTHC đã tích hợp dịch vụ thanh toán trực tuyến trên Cổng dịch vụ công", "Thủ tục", CATALOG, "in force with online payment"),
    ("3.5", COUNT, "Số thư/trường hợp đã công khai xin lỗi", "", DOSSIERS, "apologies issued in P"),
    ("4", HEADING, "Cải cách tổ chức bộ máy hành chính nhà nước", "", "", ""),
    ("4.1.1", COUNT, "Tổng số biên chế được giao trong năm", "Người", REGISTER, "staffing quota for the year"),
    ("4.1.2", COUNT, "Tổng số biên chế có mặt tại thời điểm báo cáo", "Người", REGISTER, "staff in post at end of P"),
    ("4.1.3", COUNT, "Số biên chế đã tinh giản trong kỳ báo cáo", "Người", REGISTER, "left in P under staff reduction"),
    ("4.1.4", PERCENT, "Tỷ lệ phần trăm biên chế đã tinh giản so với năm 2015", "%", REGISTER, "reductions since 2015 ÷ the 2015 quota"),
    ("5", HEADING, "Cải cách chế độ công vụ", "", "", ""),
    ("5.4", COUNT, "Thực hiện kỷ luật, kỷ cương hành chính; số liệu về xử lý kỷ luật cán bộ, công chức", "Người", REGISTER, "disciplined in P (party and government)"),
    ("5.4.1", FLAG, "Xây dựng kế hoạch tự kiểm tra kỷ luật, kỷ cương hành chính", "Có = 1, Không = 0", REGISTER, "a self-inspection plan issued this year"),
    ("5.4.2", PERCENT, "Số lượng, tỷ lệ đơn vị được kiểm tra kỷ luật, kỷ cương hành chính", "%", REGISTER, ""),
    ("5.4.5", COUNT, "Số lãnh đạo cấp xã bị kỷ luật", "Người", REGISTER, "in P"),
    ("5.4.6", COUNT, "Số lượng công chức cấp xã bị kỷ luật", "Người", REGISTER, "in P"),
    ("6.1", FLAG, "Đơn vị đã thực hiện xây dựng Quy chế chi tiêu nội bộ", "Có = 1, Không = 0", MANUAL, ""),
    ("6.2", FLAG, "Đơn vị đã thực hiện Quy chế quản lý tài sản công", "Có = 1, Không = 0", MANUAL, ""),
    ("7.1", FLAG, "Xây dựng và vận hành Hệ thống họp trực tuyến", "Chưa có = 0, 2 cấp = 1, 3 cấp = 2", MANUAL, ""),
    ("7.2.1", FLAG, "Thực hiện kết nối, liên thông các Hệ thống quản lý văn bản điều hành từ tỉnh, huyện đến cấp xã", "Đã kết nối = 1, Chưa = 0", MANUAL, ""),
    ("7.2.3", COUNT, "Tổng số văn bản đi giữa các cơ quan nhà nước trên địa bàn xã", "Văn bản", REGISTER, "outgoing documents to state agencies in P"),
    ("7.2.3.a", PERCENT, "Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử (chữ ký số, chứng thư số)", "%", REGISTER, "electronic only ÷ 7.2.3"),
    ("7.2.3.b", PERCENT, "Tỷ lệ văn bản được gửi dưới dạng điện tử và song song với văn bản giấy", "%", REGISTER, "electronic and paper ÷ 7.2.3"),
    ("7.4.1", FLAG, "Kết nối liên thông với Hệ thống một cửa điện tử cấp huyện, tỉnh", "Đã kết nối = 1, Chưa = 0", MANUAL, ""),
    ("7.5.1", COUNT, "Tổng số TTHC cung cấp trực tuyến mức độ 3 (một phần)", "TTHC", CATALOG, "in force, online partial"),
    ("7.5.2", COUNT, "Tổng số TTHC cung cấp trực tuyến mức độ 4 (toàn trình)", "TTHC", CATALOG, "in force, online full"),
    ("7.6", FLAG, "Thực hiện duy trì, áp dụng hệ thống ISO 9001 tại UBND cấp xã", "Có = 1, Không = 0", MANUAL, ""),
]

INDICATORS: tuple[Indicator, ...] = tuple(
    Indicator(code, label, unit, kind, source, rule, _legend(unit) if kind == FLAG else {})
    for code, kind, label, unit, source, rule in _ROWS
)
BY_CODE: dict[str, Indicator] = {row.code: row for row in INDICATORS}

# Group headings the printed table (the reference report's Phụ lục 01b) carries
# and indicators.md leaves out, each keyed by the row it goes right before. They
# hold no value, so they are not in INDICATORS (the spec's rows, which the
# checks, the exchange and the extraction of printed reports read).
GROUP_HEADINGS: dict[str, Indicator] = {
    before: Indicator(code, label, "", HEADING, "")
    for before, code, label in (
        ("4.1.1", "4.1", "Số liệu về biên chế cán bộ, công chức"),
        ("6.1", "6", "Cải cách tài chính công"),
        ("7.1", "7", "Xây dựng và phát triển Chính quyền điện tử"),
        ("7.2.1", "7.2", "Số liệu về trao đổi văn bản điện tử"),
        ("7.4.1", "7.4", "Vận hành Hệ thống thông tin một cửa điện tử"),
        ("7.5.1", "7.5", "Dịch vụ công trực tuyến"),
    )
}
# Every row of the printed table in its order: INDICATORS with the group headings.
PRINTED_ROWS: tuple[Indicator, ...] = tuple(
    printed
    for row in INDICATORS
    for printed in ((GROUP_HEADINGS[row.code], row) if row.code in GROUP_HEADINGS else (row,))
)
# The keys of an appendix's `values`, in the table's order (exchange.md).
VALUE_CODES: tuple[str, ...] = tuple(row.code for row in INDICATORS if row.has_value)


def indicator(code: str) -> Indicator:
    """Return the row with this code; KeyError names an unknown one."""
    return BY_CODE[code]
