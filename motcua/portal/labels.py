"""Translating, at display, the Vietnamese text the portal shows but does not write itself.

Two kinds of such text reach the public pages:

- labels of model choices (a dossier's status, channel, outcome, its steps, a
  rating, a feedback's kind and status): the Vietnamese label is the msgid, so
  `label()` is gettext on it (the English is in locale/en/LC_MESSAGES/portal.po);
- messages of the domain functions (do_submit_online_dossier, check_upload,
  do_rate_dossier_online, do_submit_feedback …) and of motcua.lib.cccd, which
  are written in Vietnamese with values inside. `message()` recognises the ones
  a citizen can meet, by the Vietnamese pattern that is their msgid, and
  translates them with their values; any other message is shown as it came.

With Vietnamese active both return their argument unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.translation import gettext, gettext_noop

# Messages of the domain, first letter in lower case as the domain writes them.
# A %(name)s stands for any text; %(status)s values are labels, translated too.
MESSAGES = [
    # motcua.dossiers.online.check_upload and the file checks of motcua.dossiers.actions
    gettext_noop("không đọc được tệp «%(name)s»"),
    gettext_noop("tệp «%(name)s» rỗng"),
    gettext_noop("tệp «%(name)s» không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên)"),
    gettext_noop("tệp «%(name)s» có dung lượng %(size)s MB, vượt giới hạn %(limit)s MB"),
    gettext_noop("tệp «%(name)s» vượt giới hạn %(limit)s MB"),
    # motcua.dossiers.online.do_submit_online_dossier
    gettext_noop("thủ tục %(code)s không được cung cấp trực tuyến"),
    gettext_noop("thủ tục %(code)s không có hiệu lực vào ngày %(day)s"),
    gettext_noop("thủ tục %(code)s không áp dụng tại %(unit)s"),
    gettext_noop("thủ tục %(code)s chưa có thời hạn giải quyết"),
    gettext_noop("%(unit)s không còn hoạt động vào ngày %(day)s"),
    gettext_noop("%(unit)s chưa hoạt động vào ngày %(day)s (hoạt động từ %(since)s)"),
    gettext_noop("cần đính kèm ít nhất một thành phần hồ sơ"),
    gettext_noop("nhận kết quả qua bưu chính cần địa chỉ nhận"),
    gettext_noop("cần ghi tên người nộp hồ sơ"),
    gettext_noop("cần ghi số định danh cá nhân (CCCD) của công dân"),
    gettext_noop("số định danh cá nhân không hợp lệ: %(problem)s"),
    # motcua.dossiers.actions.do_receive_dossier (a backdated receipt) and do_issue_apology
    gettext_noop(
        "thời điểm tiếp nhận %(at)s sớm hơn hiện tại quá %(minutes)s phút: cần ghi lý do tiếp nhận lùi thời gian "
        "(ví dụ: hệ thống gián đoạn, hồ sơ nhận trên giấy)"
    ),
    gettext_noop(
        "hồ sơ còn %(hours)s giờ làm việc đến hạn %(due)s, đủ cho các bước còn lại: chưa cần xin lỗi và hẹn lại"
    ),
    # motcua.dossiers.actions.do_correct_applicant
    gettext_noop("thông tin người nộp không có gì thay đổi"),
    gettext_noop("cần ghi lý do sửa thông tin người nộp"),
    # motcua.dossiers.online.do_rate_dossier_online
    gettext_noop("hồ sơ %(code)s chưa có kết quả giải quyết nên chưa thể đánh giá"),
    gettext_noop("xin chọn một mức độ hài lòng"),
    gettext_noop("hồ sơ %(code)s đã được đánh giá trực tuyến; mỗi hồ sơ chỉ đánh giá một lần"),
    # motcua.dossiers.actions and motcua.dossiers.results: draft results and signing
    gettext_noop("chỉ tải dự thảo kết quả khi hồ sơ %(code)s đang xử lý hoặc chờ lãnh đạo quyết định"),
    gettext_noop("dự thảo kết quả «%(name)s» phải là tệp PDF"),
    gettext_noop(
        "thủ tục %(code)s có kết quả là giấy tờ: chuyên viên cần tải lên dự thảo kết quả (PDF) trước khi phê duyệt"
    ),
    gettext_noop("tài khoản %(username)s chưa được cấu hình chứng thư số để ký kết quả; báo quản trị hệ thống"),
    gettext_noop("chưa đặt biến môi trường %(name)s (mật khẩu chứng thư số) trên máy chủ; báo quản trị hệ thống"),
    gettext_noop("tên biến môi trường %(name)s không hợp lệ cho mật khẩu chứng thư số; báo quản trị hệ thống"),
    gettext_noop(
        "không ký số được: chứng thư số không mở được (sai mật khẩu, thiếu tệp hoặc tệp không phải PKCS#12) "
        "hoặc dự thảo không phải PDF hợp lệ; báo quản trị hệ thống"
    ),
    # motcua.lib.cccd: why an identity number is malformed
    gettext_noop("số định danh phải là một chuỗi 12 chữ số"),
    gettext_noop("số định danh phải gồm đúng 12 chữ số"),
    gettext_noop("mã tỉnh nơi đăng ký khai sinh %(province)s không có trong danh sách 63 tỉnh, thành phố"),
    gettext_noop("chữ số thế kỷ và giới tính %(digit)s không hợp lệ (cho phép 0–5)"),
    gettext_noop("năm sinh %(year)s sau năm hiện tại %(this_year)s"),
    # motcua.feedback.actions
    gettext_noop("xin chọn cơ quan, đơn vị đang hoạt động"),
    gettext_noop("xin chọn phản ánh hoặc kiến nghị"),
    gettext_noop("cần ghi tiêu đề"),
    gettext_noop("cần ghi nội dung"),
    gettext_noop("cần ghi họ tên người gửi"),
    gettext_noop("cần ghi nội dung trả lời"),
    gettext_noop("tiêu đề dài quá %(limit)s ký tự"),
    gettext_noop("nội dung dài quá %(limit)s ký tự"),
    gettext_noop("họ tên người gửi dài quá %(limit)s ký tự"),
    gettext_noop("nội dung trả lời dài quá %(limit)s ký tự"),
    gettext_noop("số điện thoại chỉ gồm chữ số (8–20 ký tự), ví dụ 0912 345 678"),
    gettext_noop("địa chỉ thư điện tử không hợp lệ"),
    gettext_noop("cần số điện thoại hoặc thư điện tử để cơ quan liên hệ khi cần"),
    gettext_noop("không có hồ sơ mã %(code)s tại %(unit)s"),
    gettext_noop("phản ánh không thuộc phạm vi đơn vị của bạn"),
    gettext_noop("vai trò của bạn không được tiếp nhận xử lý phản ánh"),
    gettext_noop("vai trò của bạn không được trả lời phản ánh"),
    gettext_noop("phản ánh đã được người khác thay đổi, vui lòng tải lại"),
    gettext_noop("không thể tiếp nhận xử lý phản ánh: phản ánh %(code)s đang ở trạng thái «%(status)s»"),
    gettext_noop("không thể trả lời phản ánh: phản ánh %(code)s đang ở trạng thái «%(status)s»"),
    # motcua.lib.periods: the title of a reporting period
    gettext_noop("năm %(year)s"),
    gettext_noop("quý I năm %(year)s"),
    gettext_noop("quý II năm %(year)s"),
    gettext_noop("quý III năm %(year)s"),
    gettext_noop("quý IV năm %(year)s"),
    gettext_noop("6 tháng đầu năm %(year)s"),
    gettext_noop("6 tháng cuối năm %(year)s"),
    gettext_noop("9 tháng năm %(year)s"),
    gettext_noop("từ ngày %(start)s đến ngày %(end)s"),
]
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Values that are themselves labels to translate.
_LABEL_VALUES = {"status"}


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[re.Pattern, str]]:
    out = []
    for msgid in MESSAGES:
        parts, pos = [], 0
        for m in _PLACEHOLDER.finditer(msgid):
            parts.append(re.escape(msgid[pos : m.start()]))
            parts.append(f"(?P<{m[1]}>.+?)")
            pos = m.end()
        parts.append(re.escape(msgid[pos:]))
        out.append((re.compile("".join(parts), re.S), msgid))
    return out


def label(text) -> str:
    """Return a Vietnamese label of a model choice in the active language."""
    return gettext(str(text)) if text else ""


def message(text) -> str:
    """Return a Vietnamese domain message in the active language, keeping its first letter's case and final period."""
    text = str(text or "")
    if not text:
        return text
    period = "." if text.endswith(".") else ""
    body = text[: len(text) - len(period)]
    lowered = body[:1].lower() + body[1:]
    for pattern, msgid in _patterns():
        m = pattern.fullmatch(lowered)
        if m is None:
            continue
        values = {k: (gettext(v) if k in _LABEL_VALUES else v) for k, v in m.groupdict().items()}
        if "problem" in values:
            values["problem"] = message(values["problem"])
        translated = gettext(msgid) % values if values else gettext(msgid)
        if body[:1].isupper():
            translated = translated[:1].upper() + translated[1:]
        return translated + period
    return text
