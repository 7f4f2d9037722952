"""Which forms, titles and wording the one-stop desk prints, by the rules in force on a date: the only place that knows.

A dossier is judged by the rules in force when it was received (rules.md), so
its forms are too — a dossier received on 30 Jun 2025 keeps the 2018 forms
even when its apology is printed in August.

Sources:
* Nghị định 61/2018/NĐ-CP (23/4/2018), amended by Nghị định 107/2021/NĐ-CP
  (06/12/2021), and Thông tư 01/2018/TT-VPCP (23/11/2018), Mẫu 01–06: the
  one-stop mechanism until 30 Jun 2025. The provincial desk is the "Trung tâm
  Phục vụ hành chính công", district and commune desks the "Bộ phận Tiếp nhận
  và Trả kết quả".
* Nghị định 118/2025/NĐ-CP (09/6/2025), in force from 1 Jul 2025: the desks
  are "Bộ phận Một cửa", organised at provincial and commune level as the
  "Trung tâm Phục vụ hành chính công". Thông tư 03/2025/TT-VPCP (15/9/2025),
  Phụ lục I: Mẫu 01 receipt, 02 supplement request, 03 refusal, 04 "Văn bản
  xin lỗi và đề nghị gia hạn", 05 "Thông báo dừng giải
  quyết hồ sơ" (new), 06 control sheet, 07 register (the register moves from
  Mẫu 05 to Mẫu 07).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from motcua.dossiers.timeliness import LOCAL_TZ

# Form names: stable identifiers used in URLs and by callers, whatever number
# a circular gives the form.
RECEIPT = "receipt"
SUPPLEMENT_REQUEST = "supplement_request"
REFUSAL = "refusal"
APOLOGY = "apology"
STOP_NOTICE = "stop_notice"
CONTROL_SHEET = "control_sheet"
REGISTER = "register"

# The first day of Nghị định 118/2025/NĐ-CP, local (Việt Nam) calendar.
SWITCH_2025 = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class FormSpec:
    number: str  # "01" → "Mẫu số 01"
    title: str  # printed in bold capitals

    @property
    def label(self) -> str:
        return f"Mẫu số {self.number}"


@dataclass(frozen=True)
class RuleSet:
    key: str
    # Local dates, inclusive; None = open-ended.
    valid_from: dt.date | None
    valid_to: dt.date | None
    decree: str
    circular: str
    forms: dict[str, FormSpec]
    # Desk name by whether the unit is a province (rank 1) or below.
    desk_name_province: str
    desk_name_local: str
    # Phrases that differ between the rule sets.
    wording: dict[str, str] = field(default_factory=dict)

    def applies_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def has(self, form_name: str) -> bool:
        return form_name in self.forms

    def form(self, form_name: str) -> FormSpec:
        return self.forms[form_name]

    def desk_name(self, unit) -> str:
        """Return the name of the unit's one-stop desk under these rules."""
        return self.desk_name_province if unit.level.rank == 1 else self.desk_name_local

    def basis(self, form_name: str) -> str:
        """Return the legal basis printed in the footer of a form."""
        return f"{self.form(form_name).label} ban hành kèm theo {self.circular}, hướng dẫn {self.decree}."


TT01_2018 = RuleSet(
    key="tt01_2018",
    valid_from=None,
    valid_to=SWITCH_2025 - dt.timedelta(days=1),
    decree="Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ (sửa đổi, bổ sung bởi Nghị định số 107/2021/NĐ-CP)",
    circular="Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ",
    forms={
        RECEIPT: FormSpec("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
        SUPPLEMENT_REQUEST: FormSpec("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        REFUSAL: FormSpec("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        APOLOGY: FormSpec("04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
        REGISTER: FormSpec("05", "SỔ THEO DÕI HỒ SƠ"),
        CONTROL_SHEET: FormSpec("06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    },
    desk_name_province="Trung tâm Phục vụ hành chính công",
    desk_name_local="Bộ phận Tiếp nhận và Trả kết quả",
    wording={
        "apology_request": "xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả như sau",
        "apology_new_date": "Thời gian hẹn trả kết quả",
    },
)

TT03_2025 = RuleSet(
    key="tt03_2025",
    valid_from=SWITCH_2025,
    valid_to=None,
    decree="Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ",
    circular="Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ",
    forms={
        RECEIPT: FormSpec("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
        SUPPLEMENT_REQUEST: FormSpec("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        REFUSAL: FormSpec("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        APOLOGY: FormSpec("04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN"),
        STOP_NOTICE: FormSpec("05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
        CONTROL_SHEET: FormSpec("06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
        REGISTER: FormSpec("07", "SỔ THEO DÕI HỒ SƠ"),
    },
    # Nghị định 118/2025: the local Bộ phận Một cửa is the Trung tâm Phục vụ hành chính công.
    desk_name_province="Trung tâm Phục vụ hành chính công",
    desk_name_local="Trung tâm Phục vụ hành chính công",
    wording={
        "apology_request": "xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ như sau",
        "apology_new_date": "Thời gian đề nghị gia hạn trả kết quả đến",
    },
)

RULESETS: tuple[RuleSet, ...] = (TT01_2018, TT03_2025)


def local_date(moment: dt.datetime | dt.date) -> dt.date:
    """Return the Việt Nam calendar date of an aware instant (a date is returned as is)."""
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{moment.isoformat()} has no time zone; pass an aware datetime")
        return moment.astimezone(LOCAL_TZ).date()
    return moment


def ruleset_for(moment: dt.datetime | dt.date) -> RuleSet:
    """Return the rule set in force on the local date of `moment` (a dossier's receipt, a refusal's time …)."""
    day = local_date(moment)
    for ruleset in RULESETS:
        if ruleset.applies_on(day):
            return ruleset
    raise LookupError(f"no rule set covers {day}")


def ruleset_for_dossier(dossier) -> RuleSet:
    """Return the rule set a dossier is judged by: the one in force when it was received."""
    return ruleset_for(dossier.received_at)
