"""The words reports use for each figure, written in Vietnamese and matched on folded text.

A phrase is written with its diacritics ("đúng hạn") and compiled to a pattern
over folded text that also matches it typed without them ("dung han") and with
the letters a PDF text layer drops ("  úng h n"): every letter carrying a mark,
and "đ", may be missing or be a blank. Phrases may use regex groups ("(qua )?").

Words fall into kinds: a *base* says what happened to the dossiers (received,
resolved, still in progress), a *qualifier* narrows it (on time, online, carried
over), a *blocker* says the number is something else (a field, a level of online
service, a comparison, a target), a *hedge* makes it approximate.
"""

from __future__ import annotations

import re
from functools import lru_cache

from motcua.reports.extract.fold import fold_char

# Bases.
RECEIVE, RESOLVE, PENDING = "receive", "resolve", "pending"
BOTH = "received_and_resolved"  # "tiếp nhận và giải quyết N": either, unless a qualifier says resolved
# Qualifiers.
TOTAL, NEW, CARRIED, ONLINE, DIRECT, POST = "total", "new", "carried", "online", "direct", "post"
EARLY, ON_TIME, EARLY_OR_ON_TIME, LATE, WITHIN = "early", "on_time", "early_or_on_time", "late", "within"
WITHDRAWN = "withdrawn"


def compile_phrase(phrase: str) -> str:
    """Return the regex source matching `phrase` on folded, possibly damaged text."""
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
        elif ch.isascii():
            out.append(ch)
        else:
            out.append(f"(?:{re.escape(fold_char(ch))}|\\s)?")
    return "".join(out)


@lru_cache(maxsize=None)
def pattern(*phrases: str) -> re.Pattern:
    """Return one pattern matching any of `phrases` as whole words."""
    body = "|".join(compile_phrase(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")


BASES = {
    RECEIVE: (
        "tiếp nhận", "nhận được", "đã nhận", "nhận giải quyết", "nhận mới", "tiếp nhận mới", "phải giải quyết", "cần giải quyết",
        "phải xử lý", "cần xử lý", "tổng số hồ sơ", "tổng hồ sơ", "hồ sơ nộp", "nộp hồ sơ", "hồ sơ đến",
    ),
    RESOLVE: (
        "giải quyết", "đã giải quyết", "giải quyết xong", "xử lý", "đã xử lý", "xử lý xong", "trả kết quả",
        "đã trả kết quả", "có kết quả", "đã giải quyết xong",
    ),
    BOTH: (
        "tiếp nhận và giải quyết", "nhận và giải quyết", "tiếp nhận, giải quyết", "tiếp nhận và xử lý",
        "nhận và xử lý", "tiếp nhận và trả kết quả", "tiếp nhận, xử lý",
    ),
    PENDING: (
        "chưa giải quyết xong", "chưa xử lý xong", "chưa được giải quyết", "chưa được xử lý", "chưa hoàn thành",
        "đang giải quyết", "đang xử lý", "chưa giải quyết", "chưa xử lý", "đang thụ lý", "đang trong quá trình giải quyết",
        "chưa có kết quả", "chưa trả kết quả", "chuyển sang kỳ sau", "chuyển kỳ sau", "chuyển sang quý sau",
        "chuyển sang kỳ tiếp theo", "chuyển tiếp sang kỳ sau", "tồn chuyển kỳ sau", "còn tồn", "còn lại",
        "đang giải quyết trong hạn", "chưa đến hạn",
    ),
}

QUALIFIERS = {
    TOTAL: ("tổng số", "tổng cộng"),
    NEW: (
        "tiếp nhận mới", "mới tiếp nhận", "hồ sơ mới", "nhận mới", "phát sinh mới", "mới phát sinh",
        "phát sinh trong kỳ", "mới", "tiếp nhận trong kỳ mới",
    ),
    CARRIED: (
        "(tồn )?(từ )?(kỳ|quý|tháng|năm|đợt) trước (chuyển )?(sang|qua)", "(tồn )?(từ )?(kỳ|quý|tháng|năm) trước chuyển",
        "tồn (từ )?(kỳ|quý|tháng|năm) trước", "chuyển (tiếp )?từ (kỳ|quý|tháng|năm) trước( sang)?", "tồn đầu kỳ",
        "tồn đọng (kỳ|quý|năm) trước", "số dư (kỳ|quý) trước", "kỳ trước chuyển sang", "tồn kỳ trước chuyển sang",
    ),
    ONLINE: (
        "trực tuyến", "qua mạng", "qua môi trường mạng", "dịch vụ công trực tuyến", "qua cổng dịch vụ công",
        "trên cổng dịch vụ công", "qua hệ thống dịch vụ công", "nộp trực tuyến", "tiếp nhận trực tuyến",
    ),
    DIRECT: (
        "trực tiếp", "tiếp nhận trực tiếp", "nộp trực tiếp", "trực tiếp (tại bộ phận một cửa )?và (qua )?(dịch vụ )?bưu chính( công ích)?",
        "trực tiếp, (qua )?(dịch vụ )?bưu chính( công ích)?", "trực tiếp và (qua )?bcci",
    ),
    POST: ("(qua )?(dịch vụ )?bưu chính( công ích)?", "bcci"),
    EARLY: ("trước hạn", "sớm hạn", "trước thời hạn", "sớm hơn hạn", "trước hẹn", "sớm hẹn"),
    ON_TIME: ("đúng hạn", "đúng hẹn", "đúng thời hạn", "đúng thời gian quy định"),
    EARLY_OR_ON_TIME: (
        "đúng và trước hạn", "trước và đúng hạn", "đúng hạn và trước hạn", "trước hạn và đúng hạn",
        "đúng hạn, trước hạn", "trước hạn, đúng hạn", "đúng hoặc trước hạn", "trước hoặc đúng hạn",
        "đúng, trước hạn", "trước, đúng hạn", "đúng và trước hẹn", "trước và đúng hẹn", "đúng hẹn và trước hẹn",
        "trước hẹn và đúng hẹn", "đúng hạn và sớm hạn", "sớm và đúng hạn", "đúng hạn, sớm hạn",
    ),
    LATE: (
        "quá hạn", "trễ hạn", "chậm hạn", "trễ hẹn", "quá hẹn", "chậm trễ", "chậm muộn", "trễ", "chậm",
        "quá thời hạn", "muộn", "quá hạn giải quyết",
    ),
    WITHDRAWN: ("rút hồ sơ", "hồ sơ rút", "rút", "xin rút", "đã rút", "rút lại", "số hồ sơ rút"),
    WITHIN: ("trong hạn", "còn hạn", "chưa quá hạn", "trong thời hạn", "chưa đến hạn", "đang trong hạn"),
}

# A number near one of these is not a core figure of the whole desk.
BLOCKERS = (
    "mức độ", "một phần", "toàn trình", "lĩnh vực", "rút ngắn", "cắt giảm", "thời gian", "số hóa", "chứng thực",
    "xin lỗi", "phản ánh", "kiến nghị", "bổ sung", "trả lại", "từ chối", "không đủ điều kiện",
    "tăng(?! cường)", "giảm", "so với", "cùng kỳ", "lũy kế", "kế hoạch", "chỉ tiêu", "phấn đấu", "mục tiêu",
    "liên thông", "thanh toán", "lệ phí", "phí", "bình quân", "trung bình", "đánh giá", "khảo sát",
    "hài lòng", "tin nhắn", "cán bộ", "công chức", "dự kiến", "năm trước", "kỳ trước đạt", "đạt chỉ tiêu",
    "thanh tra", "kiểm tra", "tái sử dụng", "ký số", "điện tử", "công khai", "niêm yết", "tập trung", "dứt điểm",
    "tiếp tục", "đề nghị", "yêu cầu",
)

# Hedges: written right before the number (or "trở lên" after it).
HEDGES = (
    "hơn", "trên", "gần", "khoảng", "xấp xỉ", "gần như", "ước", "ước tính", "ước đạt", "ước khoảng", "chừng",
    "ngót", "ngót nghét", "trên dưới", "khoảng chừng", "gần như là", "hàng", "độ chừng", "tầm", "dưới", "chưa đến",
    "khoảng hơn", "khoảng gần", "hơn gần", "xấp xỉ khoảng", "ước chừng", "có thể",
)
HEDGES_AFTER = ("trở lên", "có lẻ", "trở xuống", "hơn", "ngoài", "dư")

# Units after a number.
DOSSIER_UNIT = pattern("hồ sơ", "hồ sơ thủ tục hành chính", "hồ sơ tthc", "hs", "bộ hồ sơ")
PROCEDURE_UNIT = pattern("thủ tục hành chính", "thủ tục", "tthc", "dịch vụ công", "dvc", "dịch vụ công trực tuyến")
# What else a number counts: people, forms, days … (any of these right after the number).
OTHER_UNIT = pattern(
    "người", "lượt", "phiếu", "cán bộ", "công chức", "văn bản", "lĩnh vực", "buổi", "cuộc", "lớp", "đơn vị", "xã",
    "phường", "cơ quan", "tin", "bài", "kế hoạch", "quyết định", "nhiệm vụ", "máy", "bộ", "học viên", "đoàn",
    "phản ánh", "kiến nghị", "giấy", "chứng thư", "tài khoản", "điểm", "triệu đồng", "đồng", "lần", "trường hợp",
    "đơn", "đơn thư", "vụ", "vụ việc", "việc", "ý kiến", "câu hỏi", "hộ", "trang", "bản", "tài liệu", "cuộc gọi",
    "chữ ký", "thẻ", "mẫu", "biểu mẫu", "sản phẩm", "lượt truy cập", "con dấu", "tỷ đồng", "bước", "cấp",
)
PROCEDURE_WORDS = pattern("thủ tục hành chính", "thủ tục", "tthc", "dịch vụ công")
PROCEDURE_TOTAL = pattern("tổng số", "đang áp dụng", "đang thực hiện", "hiện hành", "thuộc thẩm quyền", "hiện có", "tổng cộng")
PROCEDURE_FULL = pattern("toàn trình", "mức độ 4", "mức độ bốn")
PROCEDURE_PARTIAL = pattern("một phần", "mức độ 3", "mức độ ba")
PROCEDURE_BLOCKERS = pattern(
    "công bố", "bãi bỏ", "sửa đổi", "thay thế", "rà soát", "đơn giản hóa", "cắt giảm", "niêm yết", "liên thông",
    "phát sinh", "đề xuất", "chưa", "không phát sinh", "ban hành", "tích hợp", "rút ngắn", "quy trình", "bổ sung",
)
DOSSIER_WORDS = pattern("hồ sơ", "hs")
RATE_WORDS = pattern("tỷ lệ", "tỉ lệ", "đạt", "chiếm", "bằng", "=", "tương ứng")
# Words that end the few words read after a number.
RIGHT_STOP = re.compile(r"[,;:.()\[\]]|(?<![a-z])(?:trong do|bao gom|gom|voi|chiem|dat|tang|giam)(?![a-z])")
# A clause starting like this inherits what the sentence before was about ("Trong đó: trước hạn 500").
CONTINUES = pattern("trong đó", "bao gồm", "gồm", "cụ thể", "chia ra", "trong số đó", "trong đó có")

# One pattern per phrase: a short phrase matching first ("nộp trực tiếp") must not hide a longer one
# overlapping it ("trực tiếp và qua bưu chính").
BASE_PATTERNS = {kind: [pattern(p) for p in phrases] for kind, phrases in BASES.items()}
QUALIFIER_PATTERNS = {kind: [pattern(p) for p in phrases] for kind, phrases in QUALIFIERS.items()}
BLOCKER_PATTERN = pattern(*BLOCKERS)
HEDGE_BEFORE = re.compile(pattern(*HEDGES).pattern + r"\s*(?:la\s+|duoc\s+|dat\s+)?$")
HEDGE_AFTER = re.compile(rf"^\s*(?:ho so\s+)?(?:{'|'.join(compile_phrase(h) for h in HEDGES_AFTER)})(?![a-z])")


def last_match(patterns: dict[str, list[re.Pattern]], text: str) -> tuple[str, int, int] | None:
    """Return (kind, start, end) of the match ending last in `text` (the longest when two end together)."""
    best = None
    for kind, compiled_list in patterns.items():
        for m in (m for compiled in compiled_list for m in compiled.finditer(text)):
            candidate = (m.end(), m.end() - m.start(), kind, m.start())
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return None
    return best[2], best[3], best[0]


def first_match(patterns: dict[str, list[re.Pattern]], text: str) -> str | None:
    """Return the kind matching first in `text` (the longest when two start together)."""
    best = None
    for kind, compiled_list in patterns.items():
        for m in (compiled.search(text) for compiled in compiled_list):
            if m and (best is None or (m.start(), -(m.end() - m.start())) < best[:2]):
                best = (m.start(), -(m.end() - m.start()), kind)
    return best[2] if best else None


def figure_of(base: str | None, qualifier: str | None) -> str | None:
    """Return the figure key a (base, qualifier) pair of a dossier count names, None when it is no core figure."""
    if base == BOTH:
        if qualifier not in (EARLY, ON_TIME, EARLY_OR_ON_TIME, LATE):
            return None
        base = RESOLVE
    if qualifier == CARRIED:
        return "carried_over" if base in (None, RECEIVE) else None
    if qualifier == NEW:
        return "received_new" if base in (None, RECEIVE) else None
    if qualifier == ONLINE:
        return "online_received" if base in (None, RECEIVE) else None
    if qualifier == DIRECT:
        return "direct_received" if base in (None, RECEIVE) else None
    if qualifier == POST:
        return None
    if qualifier == WITHDRAWN:
        return "withdrawn"
    if qualifier in (EARLY, ON_TIME, EARLY_OR_ON_TIME):
        if base in (None, RESOLVE):
            return {EARLY: "resolved_early", ON_TIME: "resolved_on_time", EARLY_OR_ON_TIME: "resolved_early_or_on_time"}[qualifier]
        return None
    if qualifier == LATE:
        return {RESOLVE: "resolved_late", PENDING: "in_progress_overdue"}.get(base)
    if qualifier == WITHIN:
        return "in_progress_within_deadline" if base in (None, PENDING) else None
    if qualifier == TOTAL and base is None:
        return None
    return {RECEIVE: "received_total", RESOLVE: "resolved_total", PENDING: "in_progress"}.get(base)
