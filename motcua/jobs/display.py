"""A job's stored texts (label, progress message, summary, error) in the reader's language.

Jobs run in threads without a request and store their texts in Vietnamese,
the first language. The pages translate them when shown: a fixed text is
looked up in the catalog as it is; a text with numbers or names in it is
matched against the patterns below and its catalog entry filled in again.
A text that matches nothing is shown as it was stored.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext

# (pattern of the stored Vietnamese text, its msgid with the same named groups).
PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^Đọc (?P<count>\d+) báo cáo kỳ (?P<period>\S+)$"), "Đọc %(count)s báo cáo kỳ %(period)s"),
    (re.compile(r"^Đang đọc tệp (?P<number>\d+)/(?P<total>\d+): (?P<name>.*)$"),
     "Đang đọc tệp %(number)s/%(total)s: %(name)s"),
    (re.compile(r"^Đã xử lý (?P<done>\d+)/(?P<total>\d+) tệp$"), "Đã xử lý %(done)s/%(total)s tệp"),
    (re.compile(r"^Đã đọc (?P<read>\d+)/(?P<total>\d+) tệp, phát hiện (?P<breaches>\d+) vi phạm$"),
     "Đã đọc %(read)s/%(total)s tệp, phát hiện %(breaches)s vi phạm"),
    (re.compile(r"^Không đọc được báo cáo nào trong (?P<total>\d+) tệp$"),
     "Không đọc được báo cáo nào trong %(total)s tệp"),
    (re.compile(r"^Tác vụ gặp lỗi không lường trước \((?P<name>[^)]*)\); "
                r"quản trị viên xem chi tiết trong nhật ký máy chủ\.$"),
     "Tác vụ gặp lỗi không lường trước (%(name)s); quản trị viên xem chi tiết trong nhật ký máy chủ."),
    # Data loads (motcua.administration.loads); line counts are written 20.000.
    (re.compile(r"^Nạp đơn vị hành chính từ tệp (?P<name>.*)$"), "Nạp đơn vị hành chính từ tệp %(name)s"),
    (re.compile(r"^Nạp thủ tục hành chính từ tệp (?P<name>.*)$"), "Nạp thủ tục hành chính từ tệp %(name)s"),
    (re.compile(r"^Nạp hồ sơ từ tệp (?P<name>.*)$"), "Nạp hồ sơ từ tệp %(name)s"),
    (re.compile(r"^Đang đọc tệp: (?P<lines>[\d.]+) dòng…$"), "Đang đọc tệp: %(lines)s dòng…"),
    (re.compile(r"^Đang kiểm tra và nạp (?P<lines>[\d.]+) dòng \(tất cả hoặc không dòng nào\)…$"),
     "Đang kiểm tra và nạp %(lines)s dòng (tất cả hoặc không dòng nào)…"),
    (re.compile(r"^Đã kiểm tra (?P<lines>[\d.]+) dòng: có lỗi, không nạp dòng nào\.$"),
     "Đã kiểm tra %(lines)s dòng: có lỗi, không nạp dòng nào."),
    (re.compile(r"^Đã nạp xong (?P<lines>[\d.]+) dòng\.$"), "Đã nạp xong %(lines)s dòng."),
    (re.compile(r"^Không nạp gì: (?P<bad>\d+) dòng có lỗi\.$"), "Không nạp gì: %(bad)s dòng có lỗi."),
    (re.compile(r"^Đã nạp (?P<created>\d+) đơn vị mới, (?P<updated>\d+) cập nhật, (?P<unchanged>\d+) không đổi\.$"),
     "Đã nạp %(created)s đơn vị mới, %(updated)s cập nhật, %(unchanged)s không đổi."),
    (re.compile(r"^Đã nạp (?P<created>\d+) thủ tục mới, (?P<updated>\d+) cập nhật, (?P<unchanged>\d+) không đổi\.$"),
     "Đã nạp %(created)s thủ tục mới, %(updated)s cập nhật, %(unchanged)s không đổi."),
    (re.compile(r"^Đã nạp (?P<created>\d+) hồ sơ mới, (?P<unchanged>\d+) không đổi\.$"),
     "Đã nạp %(created)s hồ sơ mới, %(unchanged)s không đổi."),
]


def job_text(text) -> str:
    """Return a job's stored text in the active language (unchanged in Vietnamese)."""
    if text in (None, ""):
        return ""
    text = str(text)
    translated = gettext(text)
    if translated != text:
        return translated
    for pattern, msgid in PATTERNS:
        m = pattern.match(text)
        if m:
            return gettext(msgid) % m.groupdict()
    return text
