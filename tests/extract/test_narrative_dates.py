"""C10 and C11 on generated reports: silent on a consistent one, precise on a contradicted one."""

from motcua.reports.extract import extract_text
from motcua.reports.extract.dates import report_date
from tests.extract.documents import CONSISTENT, text_layout

HEADING = dict(unit="Xã Hoằng Đông", place="Hoằng Đông", period_title="quý II năm 2023", date_line="ngày 05 tháng 7 năm 2023")


def test_consistent_report_raises_no_alarm():
    assert extract_text(text_layout(CONSISTENT, **HEADING))["checks"] == []


def test_narrative_figure_differing_from_the_table_is_c10():
    text = text_layout(CONSISTENT, **HEADING).replace("đúng hạn 398 hồ sơ", "đúng hạn 400 hồ sơ")
    found = [b for b in extract_text(text)["checks"] if b["rule"] == "C10"]
    assert [(b["rows"], b["message"]) for b in found] == [
        (["3.3.2"], "phần thuyết minh nêu giải quyết đúng hạn 400 hồ sơ nhưng 3.3.2 = 398")
    ]


def test_impossible_and_later_dates_are_c11():
    text = text_layout(CONSISTENT, **HEADING).replace(
        "ngày 06/01/2023", "ngày 31/02/2023; Kế hoạch số 09/KH-UBND ngày 20/07/2023"
    )
    messages = [b["message"] for b in extract_text(text)["checks"] if b["rule"] == "C11"]
    assert messages == [
        "ngày 31/02/2023 (Kế hoạch số 03/KH-UBND) không có thật",
        "ngày 20/07/2023 (Kế hoạch số 09/KH-UBND) sau ngày báo cáo 05/07/2023",
    ]


def test_report_date_falls_back_to_signature_then_to_the_month_after_the_period():
    import datetime as dt

    blank = "Hoằng Lưu, ngày       tháng       năm 2023\n"
    assert report_date(blank + "2023-06-12T09:19:33+0700\n", dt.date(2023, 6, 30)) == (dt.date(2023, 6, 12), "ngày ký số")
    assert report_date(blank, dt.date(2023, 6, 30))[0] == dt.date(2023, 7, 31)
    assert report_date(blank, dt.date(2023, 12, 31))[0] == dt.date(2023, 12, 31)


def test_people_attending_a_dialogue_are_not_survey_responses():
    # 1.4.1 = 60; a dialogue's attendees ("lượt người tham dự") are no rating, however many.
    extra = "Công tác tuyên truyền CCHC: 1 buổi đối thoại của lãnh đạo với người dân với 150 lượt người tham dự."
    text = text_layout(CONSISTENT, **HEADING).replace("II. KẾT QUẢ THỰC HIỆN", extra + "\nII. KẾT QUẢ THỰC HIỆN")
    assert extract_text(text)["checks"] == []


def test_people_who_rated_above_the_survey_count_are_c10():
    text = text_layout(CONSISTENT, **HEADING).replace("được 40 lượt người", "được 90 lượt người")
    found = [b for b in extract_text(text)["checks"] if b["rule"] == "C10"]
    assert [(b["rows"], b["message"]) for b in found] == [
        (["1.4.1"], "1.4.1 = 60 nhưng phần thuyết minh nêu 20 phiếu khảo sát, 20 phiếu đánh giá, 90 lượt người đánh giá")
    ]


def test_the_reporting_period_stated_is_no_cited_date():
    # Issued on 05/07/2023 about a period ending later (the current quarter, or a cut-off calendar's).
    text = text_layout(CONSISTENT, **HEADING).replace(
        "Phụ lục 01b", "Phụ lục 01b\nKỳ báo cáo: quý III năm 2023 (từ ngày 01/07/2023 đến ngày 30/09/2023)"
    )
    assert [b for b in extract_text(text)["checks"] if b["rule"] == "C11"] == []
    cited = text.replace("(từ ngày 01/07/2023 đến ngày 30/09/2023)", "(Kế hoạch số 09/KH-UBND ngày 30/09/2023)")
    assert [b["message"] for b in extract_text(cited)["checks"] if b["rule"] == "C11"] == [
        "ngày 30/09/2023 (Kế hoạch số 09/KH-UBND) sau ngày báo cáo 05/07/2023"
    ]
    impossible = text.replace("30/09/2023", "31/09/2023")
    assert [b["message"] for b in extract_text(impossible)["checks"] if b["rule"] == "C11"] == [
        "ngày 31/09/2023 không có thật"
    ]
