"""Each event the applicant hears of gives the right notices with the right text, on the channels chosen.

Received Mon 05/06/2023 08:00 at Xã Hoằng Lưu (code H56.20.03), 3 working days: due Thu 08/06/2023 08:00.
The expected texts are written out by hand from motcua/notices/texts.py.
"""

import pytest
from django.core import mail

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode
from motcua.dossiers.models import Dossier
from motcua.notices.models import Notice
from motcua.portal.senders import ConsoleSmsSender
from tests.desk.conftest import receive, vn
from tests.notices.conftest import APPLICANT

pytestmark = pytest.mark.django_db

URL = "https://dichvucong.example.vn/tra-cuu/"


@pytest.fixture
def act(django_capture_on_commit_callbacks):
    """Run one action and what its commit sets off (the notices' writing and, tasks being immediate, sending)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def received(desk, act, at, notify=("sms", "email"), **applicant):
    return act(receive, desk, at, applicant={**APPLICANT, **applicant}, notify=list(notify))


def sms(code):
    return [(n.kind, n.text) for n in Notice.objects.filter(dossier__code=code, channel="sms").order_by("id")]


def test_receipt_apology_and_result_on_both_channels(desk, act):
    d = received(desk, act, vn(2023, 6, 5, 8, 0))
    code = "H56.20.03-230605-0001"
    assert d.code == code and (d.notify_sms, d.notify_email) == (True, True)
    d = act(a.do_assign_dossier, desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = act(a.do_start_processing, desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    # Wed 07/06 16:00: 2 working hours left before Thu 08:00, the apology is due (tests/desk/test_apology.py).
    d = act(a.do_issue_apology, desk.leader, d, vn(2023, 6, 9, 17, 0), "Chờ xác minh thông tin nơi sinh", at=vn(2023, 6, 7, 16, 0))
    d = act(a.do_submit_for_decision, desk.specialist, d, at=vn(2023, 6, 9, 9, 0))
    d = act(a.do_approve_dossier, desk.leader, d, at=vn(2023, 6, 9, 10, 0))

    assert sms(code) == [
        ("receipt", f"Hồ sơ {code} đã được tiếp nhận, trạng thái: Mới tiếp nhận. Tra cứu: {URL}{code}/"),
        (
            "apology",
            f"Hồ sơ {code} không trả được kết quả đúng hẹn, thành thật xin lỗi ông/bà. "
            f"Hẹn trả kết quả lại vào 17:00 ngày 09/06/2023. Tra cứu: {URL}{code}/",
        ),
        ("result", f"Hồ sơ {code} đã có kết quả, trạng thái: Đã giải quyết. Mời ông/bà nhận kết quả. Tra cứu: {URL}{code}/"),
    ]
    # Assign, start, submit: the applicant is not told of the office's inner steps.
    assert Notice.objects.filter(dossier=d).count() == 6
    assert set(Notice.objects.values_list("status", "attempts")) == {("sent", 1)}
    assert [(to, text) for to, text in ConsoleSmsSender.outbox] == [("0912345678", text) for _, text in sms(code)]

    assert [m.subject for m in mail.outbox] == [
        f"Hồ sơ {code} đã được tiếp nhận",
        f"Hồ sơ {code}: thư xin lỗi và hẹn lại ngày trả kết quả",
        f"Hồ sơ {code} đã có kết quả giải quyết",
    ]
    assert {tuple(m.to) for m in mail.outbox} == {("nguyenvana@example.vn",)}
    footer = (
        f"Tra cứu tình trạng hồ sơ tại {URL}{code}/ bằng mã hồ sơ và 4 số cuối của số điện thoại hoặc số định danh.\n\n"
        "Thư này được gửi tự động, xin đừng trả lời.\nXã Hoằng Lưu"
    )
    assert mail.outbox[0].body == (
        "Kính gửi ông/bà Nguyễn Văn A,\n\n"
        f"Xã Hoằng Lưu đã tiếp nhận hồ sơ {code} của ông/bà (Thủ tục đăng ký khai sinh) lúc 08:00 ngày 05/06/2023.\n"
        "Hẹn trả kết quả: 08:00 ngày 08/06/2023.\n\n" + footer
    )
    assert mail.outbox[1].body == (
        "Kính gửi ông/bà Nguyễn Văn A,\n\n"
        f"Xã Hoằng Lưu thành thật xin lỗi ông/bà vì hồ sơ {code} (Thủ tục đăng ký khai sinh) không trả được kết quả "
        "đúng hẹn 08:00 ngày 08/06/2023.\n"
        "Lý do: Chờ xác minh thông tin nơi sinh\n"
        "Hẹn trả kết quả lại vào 17:00 ngày 09/06/2023.\n\n" + footer
    )
    assert mail.outbox[2].body == (
        "Kính gửi ông/bà Nguyễn Văn A,\n\n"
        f"Hồ sơ {code} (Thủ tục đăng ký khai sinh) của ông/bà đã có kết quả giải quyết.\n"
        "Mời ông/bà nhận kết quả tại Bộ phận Một cửa của Xã Hoằng Lưu.\n\n" + footer
    )


def test_supplement_request_and_refusal(desk, act):
    d = received(desk, act, vn(2023, 6, 5, 8, 0), notify=["sms"])
    act(a.do_request_supplement, desk.officer, d, "Thiếu Giấy chứng sinh bản chính", at=vn(2023, 6, 5, 9, 0))
    code = d.code
    e = received(desk, act, vn(2023, 6, 5, 10, 0), notify=["email"])
    e = act(a.do_assign_dossier, desk.officer, e, desk.specialist, at=vn(2023, 6, 5, 10, 30))
    e = act(a.do_start_processing, desk.specialist, e, at=vn(2023, 6, 5, 11, 0))
    e = act(a.do_submit_for_decision, desk.specialist, e, at=vn(2023, 6, 6, 9, 0))
    e = act(a.do_refuse_dossier, desk.leader, e, ["Người đi đăng ký không phải cha, mẹ hoặc người được ủy quyền"], at=vn(2023, 6, 6, 10, 0))

    assert sms(code) == [
        ("receipt", f"Hồ sơ {code} đã được tiếp nhận, trạng thái: Mới tiếp nhận. Tra cứu: {URL}{code}/"),
        (
            "supplement",
            f"Hồ sơ {code} cần bổ sung giấy tờ, trạng thái: Chờ bổ sung hồ sơ. Mời ông/bà liên hệ Bộ phận Một cửa. "
            f"Tra cứu: {URL}{code}/",
        ),
    ]
    assert not Notice.objects.filter(dossier=d, channel="email").exists()
    assert not Notice.objects.filter(dossier=e, channel="sms").exists()
    # The refused dossier chose e-mail only: its receipt and refusal went by mail.
    assert [m.subject for m in mail.outbox] == [f"Hồ sơ {e.code} đã được tiếp nhận", f"Hồ sơ {e.code} bị từ chối giải quyết"]
    assert mail.outbox[1].body.split("\n\n")[1] == (
        f"Xã Hoằng Lưu từ chối giải quyết hồ sơ {e.code} (Thủ tục đăng ký khai sinh) của ông/bà.\n"
        "Lý do: Người đi đăng ký không phải cha, mẹ hoặc người được ủy quyền\n"
        "Mời ông/bà nhận văn bản trả lời tại Bộ phận Một cửa của Xã Hoằng Lưu."
    )
    # The refusal SMS text, had it been chosen, says the status only.
    from motcua.notices.texts import sms_text

    refusal = e.events.get(verb="refuse")
    assert sms_text("refusal", e, refusal) == f"Hồ sơ {e.code} bị từ chối giải quyết, trạng thái: Từ chối giải quyết. Tra cứu: {URL}{e.code}/"


def test_no_sms_carries_personal_data(desk, act):
    d = received(desk, act, vn(2023, 6, 5, 8, 0))
    act(a.do_request_supplement, desk.officer, d, "Ông Nguyễn Văn A bổ sung CCCD 038090001234", at=vn(2023, 6, 5, 9, 0))
    texts = [text for _, text in ConsoleSmsSender.outbox]
    assert len(texts) == 2
    for text in texts:
        for personal in ("Nguyễn Văn A", "038090001234", "0912345678", "nguyenvana", "Thôn 3", "bổ sung CCCD"):
            assert personal not in text
    # The e-mail greets by name and carries the reason.
    assert "Kính gửi ông/bà Nguyễn Văn A," in mail.outbox[1].body and "bổ sung CCCD 038090001234" in mail.outbox[1].body


def test_channel_none_sends_nothing(desk, act):
    d = received(desk, act, vn(2023, 6, 5, 8, 0), notify=[])
    act(a.do_request_supplement, desk.officer, d, "Thiếu tờ khai", at=vn(2023, 6, 5, 9, 0))
    assert (d.notify_sms, d.notify_email) == (False, False)
    assert Notice.objects.count() == 0 and ConsoleSmsSender.outbox == [] and mail.outbox == []


def test_a_channel_without_its_contact_is_refused_and_nothing_is_received(desk, act):
    with pytest.raises(DossierActionError) as refused:
        received(desk, act, vn(2023, 6, 5, 8, 0), notify=["email"], email="")
    assert refused.value.code == DossierErrorCode.INVALID_NOTIFY
    assert refused.value.message == "muốn nhận thông báo qua thư điện tử cần ghi địa chỉ thư điện tử của người nộp"
    with pytest.raises(DossierActionError) as refused:
        received(desk, act, vn(2023, 6, 5, 8, 0), notify=["fax"])
    assert refused.value.message == "cách nhận thông báo «fax» không hợp lệ (sms, email)"
    assert Dossier.objects.count() == 0 and Notice.objects.count() == 0


def test_the_same_event_announced_twice_writes_its_notices_once(desk, act):
    from motcua.notices.sending import create_notices

    d = received(desk, act, vn(2023, 6, 5, 8, 0))
    event = d.events.get(verb="receive")
    assert create_notices(event) == []
    assert Notice.objects.count() == 2 and len(ConsoleSmsSender.outbox) == 1 and len(mail.outbox) == 1
