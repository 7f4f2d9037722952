"""The QĐ 766/QĐ-TTg service index as data: groups, indicators, points, thresholds, and our own rules.

Pure data (index766.md). Each indicator says what it counts over what, in
Vietnamese for the page and the workbook; `zero` says what a zero denominator
scores ("full" for the feedback rules, "none" elsewhere). Every rule the
national portal does not publish is written once, in OUR_RULES, and the
indicators that follow one name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Group:
    key: str
    number: str
    name: str
    max: Decimal


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    name: str
    max: Decimal
    numerator: str
    denominator: str
    threshold: Decimal | None = None  # full points from this rate (0–1)
    zero: str = "none"  # what a zero denominator scores: "full" or "none"
    our_rule: str = ""  # key of OUR_RULES when the portal publishes no rule
    counts: str = "dossiers"  # what the numerator and denominator count: dossiers, procedures, feedback


GROUPS: tuple[Group, ...] = (
    Group("transparency", "1", "Công khai, minh bạch", Decimal(18)),
    Group("progress", "2", "Tiến độ, kết quả giải quyết", Decimal(20)),
    Group("online", "3", "Cung cấp dịch vụ trực tuyến", Decimal(12)),
    Group("payment", "3'", "Thanh toán trực tuyến", Decimal(10)),
    Group("digitization", "4", "Số hóa hồ sơ", Decimal(22)),
    Group("satisfaction", "5", "Mức độ hài lòng", Decimal(18)),
)

OUR_RULES: dict[str, str] = {
    "announced": "motcua không lưu ngày quyết định công bố: thủ tục được tính là công bố đúng hạn khi có ngày công bố "
    "không muộn hơn ngày cuối kỳ.",
    "updated": "motcua không lưu ngày đăng tải: thủ tục được tính là cập nhật, công khai đúng hạn khi đã công bố "
    "và có quy trình nội bộ được phê duyệt.",
    "complete": "Thủ tục đủ bộ phận khi có tên, trình tự (các bước xử lý), cách thức (cơ chế), thành phần hồ sơ, "
    "thời hạn giải quyết và cơ quan thực hiện (đơn vị áp dụng).",
    "online_split": "Chỉ số 3.1 và 3.3 chia đều 12 điểm của nhóm 3 (mỗi chỉ số 6 điểm).",
    "zero": "Mẫu số bằng 0: 0 điểm và hiển thị «N/A», trừ 5.2 và 5.3 (không có phản ánh, kiến nghị) được đủ điểm.",
    "e_copy": "Cung cấp bản sao điện tử có chứng thực: tỷ lệ hồ sơ lĩnh vực chứng thực trong kỳ có kết quả điện tử.",
    "population": "Thủ tục sử dụng Cơ sở dữ liệu quốc gia về dân cư: thủ tục áp dụng có ít nhất một hồ sơ trong kỳ "
    "của người nộp đã xác thực VNeID.",
    "feedback_due": "Hạn xử lý phản ánh, kiến nghị là 10 ngày làm việc kể từ khi tiếp nhận (Nghị định 20/2008/NĐ-CP), "
    "tính theo lịch làm việc của đơn vị và ghi cố định khi tiếp nhận.",
    "feedback_rating": "motcua chưa ghi nhận đánh giá của người dân về việc xử lý phản ánh, kiến nghị: chỉ số 5.3 "
    "không có mẫu số và được đủ điểm như khi không có phản ánh.",
    "online_payment": "Thủ tục có phí, lệ phí: có ít nhất một khoản phí, lệ phí khác 0 đồng; cho phép thanh toán "
    "trực tuyến khi danh mục ghi «thanh toán trực tuyến». Thanh toán trực tuyến: một khoản nộp qua Cổng DVC quốc gia "
    "hoặc Cổng thanh toán của tỉnh (3.5b: nộp trong kỳ cho hồ sơ của đơn vị).",
    "fee_owed": "Hồ sơ có phí, lệ phí: hồ sơ của thủ tục có phí, lệ phí, trừ hồ sơ không phải nộp (mọi khoản được miễn "
    "theo đối tượng, hoặc được miễn có lý do); được tính là thanh toán trực tuyến khi đã nộp trực tuyến trước khi hết kỳ.",
    "refusal_end": "Hồ sơ bị từ chối sau khi xử lý được tính là kết thúc xử lý tại thời điểm từ chối.",
}

_80 = Decimal("0.8")
_50 = Decimal("0.5")

INDICATORS: tuple[Indicator, ...] = (
    Indicator("1.1", "transparency", "Công bố, công khai thủ tục hành chính đúng hạn", Decimal(6),
              "thủ tục đã công bố đúng hạn", "thủ tục áp dụng tại đơn vị", our_rule="announced", counts="procedures"),
    Indicator("1.2", "transparency", "Cập nhật, công khai thủ tục hành chính đúng hạn", Decimal(4),
              "thủ tục cập nhật, công khai đúng hạn", "thủ tục áp dụng tại đơn vị", our_rule="updated", counts="procedures"),
    Indicator("1.3", "transparency", "Công khai thủ tục hành chính đầy đủ các bộ phận", Decimal(2),
              "thủ tục đủ bộ phận", "thủ tục áp dụng tại đơn vị", our_rule="complete", counts="procedures"),
    Indicator("1.4", "transparency", "Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia", Decimal(6),
              "hồ sơ tiếp nhận trong kỳ đã đồng bộ", "hồ sơ tiếp nhận trong kỳ"),
    Indicator("2.1", "progress", "Hồ sơ giải quyết trước hạn, đúng hạn", Decimal(20),
              "hồ sơ tiếp nhận trong kỳ giải quyết trước hạn, đúng hạn", "hồ sơ tiếp nhận trong kỳ", our_rule="refusal_end"),
    Indicator("3.1", "online", "Thủ tục cung cấp dịch vụ công trực tuyến", Decimal(6),
              "thủ tục trực tuyến một phần hoặc toàn trình", "thủ tục áp dụng tại đơn vị", threshold=_80,
              our_rule="online_split", counts="procedures"),
    Indicator("3.3", "online", "Hồ sơ nộp trực tuyến", Decimal(6),
              "hồ sơ tiếp nhận trực tuyến trong kỳ (× tỷ lệ đồng bộ)", "hồ sơ tiếp nhận trong kỳ", threshold=_50,
              our_rule="online_split"),
    Indicator("3.5", "payment", "Thủ tục có phí, lệ phí cho phép thanh toán trực tuyến", Decimal(2),
              "thủ tục có phí cho phép thanh toán trực tuyến", "thủ tục có phí, lệ phí", threshold=_80, our_rule="online_payment",
              counts="procedures"),
    Indicator("3.5b", "payment", "Thủ tục có phí, lệ phí đã phát sinh thanh toán trực tuyến", Decimal(2),
              "thủ tục có phí có ít nhất một hồ sơ thanh toán trực tuyến", "thủ tục có phí, lệ phí", our_rule="online_payment",
              counts="procedures"),
    Indicator("3.6", "payment", "Hồ sơ thanh toán trực tuyến", Decimal(6),
              "hồ sơ thanh toán trực tuyến", "hồ sơ tiếp nhận trong kỳ của thủ tục có phí, lệ phí", our_rule="fee_owed"),
    Indicator("4.1", "digitization", "Hồ sơ có kết quả điện tử", Decimal(6),
              "hồ sơ có tệp kết quả điện tử", "hồ sơ của thủ tục có kết quả là giấy tờ"),
    Indicator("4.2", "digitization", "Hồ sơ được số hóa", Decimal(4),
              "hồ sơ có thành phần được số hóa (và kết quả điện tử khi kết quả là giấy tờ)", "hồ sơ tiếp nhận trong kỳ",
              threshold=_80),
    Indicator("4.2c", "digitization", "Cung cấp bản sao điện tử có chứng thực", Decimal(2),
              "hồ sơ chứng thực có kết quả điện tử", "hồ sơ chứng thực tiếp nhận trong kỳ", our_rule="e_copy"),
    Indicator("4.3", "digitization", "Hồ sơ tái sử dụng dữ liệu số hóa", Decimal(2),
              "hồ sơ có thành phần tái sử dụng", "hồ sơ tiếp nhận trong kỳ", threshold=_80),
    Indicator("4.4", "digitization", "Hồ sơ liên thông kho dữ liệu của công dân", Decimal(4),
              "hồ sơ lấy giấy tờ từ kho hoặc đưa kết quả vào kho", "hồ sơ tiếp nhận trong kỳ"),
    Indicator("4.5b", "digitization", "Hồ sơ sử dụng Cơ sở dữ liệu quốc gia về dân cư", Decimal(2),
              "hồ sơ có người nộp xác thực VNeID", "hồ sơ tiếp nhận trong kỳ"),
    Indicator("4.5a", "digitization", "Thủ tục sử dụng Cơ sở dữ liệu quốc gia về dân cư", Decimal(2),
              "thủ tục có hồ sơ xác thực VNeID", "thủ tục áp dụng tại đơn vị", our_rule="population", counts="procedures"),
    Indicator("5.2", "satisfaction", "Phản ánh, kiến nghị được xử lý đúng hạn", Decimal(6),
              "phản ánh, kiến nghị trả lời đúng hạn", "phản ánh, kiến nghị đến hạn trong kỳ", zero="full",
              our_rule="feedback_due", counts="feedback"),
    Indicator("5.3", "satisfaction", "Mức độ hài lòng về xử lý phản ánh, kiến nghị", Decimal(6),
              "lượt hài lòng", "lượt đánh giá việc xử lý phản ánh, kiến nghị", zero="full", our_rule="feedback_rating",
              counts="feedback"),
    Indicator("5.4", "satisfaction", "Mức độ hài lòng trong giải quyết thủ tục hành chính", Decimal(6),
              "hồ sơ tiếp nhận trong kỳ trừ số trễ hạn và số bị phản ánh hoặc đánh giá không hài lòng",
              "hồ sơ tiếp nhận trong kỳ", threshold=Decimal("0.9")),
)

BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}


def indicators_of(group: str) -> tuple[Indicator, ...]:
    return tuple(i for i in INDICATORS if i.group == group)
