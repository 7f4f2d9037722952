"""The forms follow the rules in force when the dossier was received: TT 01/2018 until 30/06/2025, TT 03/2025 from 01/07/2025."""

import datetime as dt

import pytest

from motcua.dossiers import actions as a
from motcua.forms import available_forms, render_form
from motcua.forms.rulesets import TT01_2018, TT03_2025, ruleset_for, ruleset_for_dossier
from tests.forms.conftest import full_history, pdf_text, receive, vn

UTC = dt.timezone.utc


def test_rule_set_switches_on_1_july_2025_local_time():
    assert ruleset_for(vn(2025, 6, 30, 23, 59)) is TT01_2018
    assert ruleset_for(vn(2025, 6, 30, 23, 59, 59, 999999)) is TT01_2018
    assert ruleset_for(vn(2025, 7, 1, 0, 0)) is TT03_2025
    assert ruleset_for(dt.date(2025, 6, 30)) is TT01_2018
    assert ruleset_for(dt.date(2025, 7, 1)) is TT03_2025
    assert ruleset_for(vn(2019, 1, 8, 8, 0)) is TT01_2018
    assert ruleset_for(vn(2026, 3, 2, 8, 0)) is TT03_2025


def test_rule_set_uses_the_local_day_of_instants_stored_in_utc():
    # 16:59 UTC on 30/06 is 23:59 in Việt Nam; 17:00 UTC is already 1 July there.
    assert ruleset_for(dt.datetime(2025, 6, 30, 16, 59, tzinfo=UTC)) is TT01_2018
    assert ruleset_for(dt.datetime(2025, 6, 30, 17, 0, tzinfo=UTC)) is TT03_2025
    with pytest.raises(ValueError):
        ruleset_for(dt.datetime(2025, 7, 1, 0, 0))


@pytest.mark.django_db
def test_receipts_either_side_of_midnight_30_june_2025(desk):
    before = receive(desk, vn(2025, 6, 30, 23, 59))
    after = receive(desk, vn(2025, 7, 1, 0, 0))
    # Read back from the database, where the instants are stored in UTC.
    before.refresh_from_db()
    after.refresh_from_db()
    assert before.received_at.utcoffset() == after.received_at.utcoffset() == dt.timedelta(0)
    assert ruleset_for_dossier(before) is TT01_2018
    assert ruleset_for_dossier(after) is TT03_2025

    old = pdf_text(render_form(before, "receipt")).replace("\n", " ")
    assert "Thông tư số 01/2018/TT-VPCP" in old
    assert "Nghị định số 61/2018/NĐ-CP" in old
    assert "Bộ phận Tiếp nhận và Trả kết quả xã Hoằng Lưu tiếp nhận hồ sơ" in old
    assert "03/2025/TT-VPCP" not in old and "Trung tâm Phục vụ hành chính công" not in old
    assert "23 giờ 59 phút, ngày 30/06/2025" in old

    new = pdf_text(render_form(after, "receipt")).replace("\n", " ")
    assert "Thông tư số 03/2025/TT-VPCP" in new
    assert "Nghị định số 118/2025/NĐ-CP" in new
    assert "Trung tâm Phục vụ hành chính công xã Hoằng Lưu" in new
    assert "01/2018/TT-VPCP" not in new
    assert "00 giờ 00 phút, ngày 01/07/2025" in new


@pytest.mark.django_db
def test_apology_wording_follows_the_receipt_date_not_the_printing_date(desk):
    # Received under the 2018 rules, apologised in 2023: the 2018 form.
    old = pdf_text(render_form(full_history(desk, vn(2023, 6, 5, 8, 0)), "apology"))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in old
    assert "xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả" in old.replace("\n", " ")
    assert "Mẫu số 04 ban hành kèm theo Thông tư số 01/2018/TT-VPCP" in old.replace("\n", " ")
    new = pdf_text(render_form(full_history(desk, vn(2025, 8, 4, 8, 0)), "apology"))
    # TT 03/2025 names Mẫu 04 "Văn bản xin lỗi và đề nghị gia hạn" (spec rules.md), nothing more in the title.
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN" in new
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN" not in new
    assert "đề nghị gia hạn thời gian giải quyết hồ sơ" in new.replace("\n", " ")
    assert "PHIẾU XIN LỖI" not in new


@pytest.mark.django_db
def test_dossier_received_on_30_june_keeps_the_2018_forms_when_apologised_in_july(desk):
    # Mon 30/06/2025 16:00, 3 working days → due Thu 03/07/2025 16:00.
    d = receive(desk, vn(2025, 6, 30, 16, 0))
    d = a.do_issue_apology(desk.officer, d, vn(2025, 7, 7, 17, 0), "Chờ xác minh", at=vn(2025, 7, 3, 10, 0))
    text = pdf_text(render_form(d, "apology"))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Hoằng Lưu, ngày 03 tháng 7 năm 2025" in text


@pytest.mark.django_db
def test_stop_notice_exists_only_under_the_2025_rules(desk):
    old = receive(desk, vn(2025, 6, 30, 9, 0))
    old = a.do_withdraw_dossier(desk.officer, old, "Xin rút hồ sơ", at=vn(2025, 6, 30, 10, 0))
    assert "stop_notice" not in available_forms(old)
    new = receive(desk, vn(2025, 7, 1, 9, 0))
    new = a.do_withdraw_dossier(desk.officer, new, "Người nộp đề nghị dừng để bổ sung giấy tờ", at=vn(2025, 7, 1, 10, 0))
    assert available_forms(new) == ["receipt", "stop_notice", "control_sheet"]
    text = pdf_text(render_form(new, "stop_notice")).replace("\n", " ")
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Mẫu số 05 ban hành kèm theo Thông tư số 03/2025/TT-VPCP" in text
    assert "Người nộp đề nghị dừng để bổ sung giấy tờ" in text
    assert new.code in text


def test_register_is_mau_05_then_mau_07():
    assert TT01_2018.form("register").label == "Mẫu số 05"
    assert TT03_2025.form("register").label == "Mẫu số 07"
    assert not TT01_2018.has("stop_notice")
