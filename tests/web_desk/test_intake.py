"""The intake page: procedure search without diacritics, receipt, and every bad input refused next to its field."""

import re
from html import unescape

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import Procedure
from motcua.dossiers.models import CounterRefusal, DailySequence, Dossier, DossierEvent
from tests.desk.conftest import make_procedure
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db

URL = "/can-bo/tiep-nhan/"


@pytest.fixture
def counter(db, client):
    province, district, commune_a, commune_b, *_ = make_tree()
    birth = make_procedure("1.001193")  # "Thủ tục đăng ký khai sinh", 3 working days
    marriage = make_procedure("1.000894", steps=False)
    marriage.name = "Đăng ký kết hôn"
    marriage.save()
    # Applies only in commune B: commune A must not find it nor receive it.
    only_b = make_procedure("1.999999", steps=False)
    only_b.name = "Đăng ký khai sinh lưu động"
    only_b.save()
    only_b.units.add(commune_b)
    officer = make_user("motcua", commune_a, Role.DESK_OFFICER)
    client.force_login(officer)
    return type("Counter", (), dict(unit=commune_a, unit_b=commune_b, birth=birth, marriage=marriage, only_b=only_b, officer=officer, district=district))


def good(counter, **overrides):
    data = {
        "procedure": str(counter.birth.pk),
        "channel": "counter",
        "applicant_kind": "citizen",
        "applicant_name": "Nguyễn Văn Bình",
        "applicant_id_number": "038090001234",
        "applicant_phone": "0912345678",
        "applicant_address": "Thôn 3, xã Hoằng Lưu",
        "applicant_email": "",
        "result_delivery": "counter",
        "received_at": "",
        "comp-0-name": "Tờ khai đăng ký khai sinh",
        "comp-0-form": "original",
        "comp-0-quantity": "1",
        "comp-1-name": "Giấy chứng sinh",
        "comp-1-form": "copy",
        "comp-1-quantity": "2",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def rows():
    return (Dossier.objects.count(), DossierEvent.objects.count(), DailySequence.objects.count(), CounterRefusal.objects.count())


def field_error(html, name):
    match = re.search(r'<small class="field-error" id="err-%s">(.*?)</small>' % re.escape(name), html, re.S)
    return unescape(match.group(1)).strip() if match else None


def found(client, q):
    html = client.get(URL + "thu-tuc/", {"q": q}).content.decode()
    return re.findall(r"<strong>([^<]+)</strong> <small", html)


def test_search_ignores_diacritics_and_matches_codes(client, counter):
    assert found(client, "khai sinh") == ["Thủ tục đăng ký khai sinh"]
    assert found(client, "dang ky") == ["Đăng ký kết hôn", "Thủ tục đăng ký khai sinh"]
    assert found(client, "ĐĂNG KÝ KẾT") == ["Đăng ký kết hôn"]
    assert found(client, "1.000894") == ["Đăng ký kết hôn"]
    assert found(client, "luu dong") == []  # commune B's procedure
    assert found(client, "") == []
    assert "Không tìm thấy thủ tục nào khớp «xyz»" in client.get(URL + "thu-tuc/", {"q": "xyz"}).content.decode()


def test_chosen_procedure_shows_duration_and_expected_due(client, counter):
    html = client.get(f"{URL}thu-tuc/{counter.birth.pk}/").content.decode()
    assert "Thời hạn giải quyết: <strong>3 ngày làm việc</strong>" in html
    assert 'class="intake-expected-due"' in html
    assert 'name="comp-0-name"' in html and "Bản sao chứng thực" in html
    assert client.get(f"{URL}thu-tuc/{counter.only_b.pk}/").status_code == 404


def test_intake_issues_code_and_shows_receipt(client, counter):
    response = client.post(URL, good(counter))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert re.fullmatch(r"H56\.20\.03-\d{6}-0001", dossier.code)
    assert response["Location"] == f"/can-bo/tiep-nhan/bien-nhan/{dossier.code}/"
    assert dossier.components == [
        {"name": "Tờ khai đăng ký khai sinh", "form": "original", "quantity": 1},
        {"name": "Giấy chứng sinh", "form": "copy", "quantity": 2},
    ]
    assert (dossier.applicant_name, dossier.applicant_phone, dossier.channel) == ("Nguyễn Văn Bình", "0912345678", "counter")
    assert dossier.events.get().actor == counter.officer
    html = client.get(response["Location"]).content.decode()
    assert dossier.code in html
    assert f'href="/ho-so/{dossier.code}/bieu-mau/receipt.pdf"' in html
    assert f'href="/can-bo/ho-so/{dossier.code}/"' in html
    assert "In giấy tiếp nhận (Mẫu 01)" in html and "Tiếp nhận hồ sơ khác" in html
    pdf = client.get(f"/ho-so/{dossier.code}/bieu-mau/receipt.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_organisation_needs_no_cccd(client, counter):
    response = client.post(URL, good(counter, applicant_kind="organisation", applicant_name="HTX Hoằng Lưu", applicant_id_number=""))
    assert response.status_code == 302
    assert Dossier.objects.get().applicant_kind == "organisation"


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"procedure": "999999"}, "procedure", "Thủ tục không có trong danh mục áp dụng tại đơn vị"),
        ({"procedure": "abc"}, "procedure", "Thủ tục không hợp lệ"),
        ({"procedure": ""}, "procedure", "Hãy chọn thủ tục hành chính."),
        ({"applicant_id_number": "123"}, "applicant_id_number", "Số CCCD không hợp lệ: số định danh phải gồm đúng 12 chữ số."),
        ({"applicant_id_number": "999090001234"}, "applicant_id_number", "mã tỉnh nơi đăng ký khai sinh 999"),
        ({"applicant_id_number": ""}, "applicant_id_number", "Cần ghi số định danh cá nhân (CCCD) của công dân."),
        ({"applicant_name": "  "}, "applicant_name", "Cần điền mục này."),
        ({"channel": "fax"}, "channel", "Giá trị «fax» không có trong danh sách."),
        ({"result_delivery": "drone"}, "result_delivery", "Giá trị «drone» không có trong danh sách."),
        ({"applicant_kind": "robot"}, "applicant_kind", "Giá trị «robot» không có trong danh sách."),
        ({"received_at": "2099-01-01T08:00"}, "received_at", "Thời điểm tiếp nhận không được ở tương lai."),
        ({"received_at": "hôm qua"}, "received_at", "Thời điểm không hợp lệ"),
        ({"applicant_phone": "09abc"}, "applicant_phone", "Số điện thoại chỉ gồm 9–12 chữ số"),
        ({"applicant_email": "khong-phai-email"}, "applicant_email", "Địa chỉ thư điện tử không hợp lệ."),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_saves_nothing(client, counter, overrides, field, message):
    before = rows()
    response = client.post(URL, good(counter, **overrides))
    assert response.status_code == 422
    html = response.content.decode()
    error = field_error(html, field)
    assert error is not None and message in error, (field, error)
    assert rows() == before == (0, 0, 0, 0)


def test_another_units_procedure_is_refused(client, counter):
    response = client.post(URL, good(counter, procedure=str(counter.only_b.pk)))
    assert "Thủ tục không có trong danh mục áp dụng tại đơn vị" in field_error(response.content.decode(), "procedure")
    assert rows() == (0, 0, 0, 0)


def test_action_refusal_lands_on_the_procedure_field(client, counter):
    # The form cannot know a procedure lacks a duration; do_receive_dossier refuses it.
    no_duration = make_procedure("2.000003", value=None, steps=False)
    response = client.post(URL, good(counter, procedure=str(no_duration.pk)))
    assert response.status_code == 422
    assert field_error(response.content.decode(), "procedure") == "Thủ tục 2.000003 chưa có thời hạn giải quyết."
    assert rows() == (0, 0, 0, 0)


def test_bad_component_row_is_refused_beside_the_row(client, counter):
    response = client.post(URL, good(counter, **{"comp-1-quantity": "0"}))
    html = response.content.decode()
    assert "Số lượng phải là số nguyên từ 1 đến 99." in html
    assert "Danh mục thành phần hồ sơ có dòng chưa hợp lệ." in html
    assert rows() == (0, 0, 0, 0)
    # What was typed stays, the chosen procedure too.
    assert 'value="Giấy chứng sinh"' in html
    assert 'class="intake-procedure-detail" data-procedure="%d"' % counter.birth.pk in html


def test_forged_post_without_csrf_token_is_refused(counter):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(counter.officer)
    assert strict.post(URL, good(counter)).status_code == 403
    assert rows() == (0, 0, 0, 0)


def test_only_desk_staff_reach_the_intake_page(client, counter):
    specialist = make_user("tuphap", counter.unit, Role.SPECIALIST)
    client.force_login(specialist)
    assert client.get(URL).status_code == 403
    assert client.post(URL, good(counter)).status_code == 403
    assert rows() == (0, 0, 0, 0)


def test_receipt_of_another_units_dossier_is_not_found(client, counter):
    client.post(URL, good(counter))
    code = Dossier.objects.get().code
    officer_b = make_user("motcua_b", counter.unit_b, Role.DESK_OFFICER)
    client.force_login(officer_b)
    assert client.get(f"/can-bo/tiep-nhan/bien-nhan/{code}/").status_code == 404


def test_refusal_at_the_counter_creates_no_dossier(client, counter):
    response = client.post(
        URL + "tu-choi/",
        {
            "refusal-kind": "instructed",
            "refusal-procedure": str(counter.birth.pk),
            "refusal-applicant_name": "Lê Thị Hoa",
            "refusal-applicant_id_number": "",
            "refusal-reasons": "Thiếu giấy chứng sinh\n\nTờ khai chưa ký",
        },
    )
    refusal = CounterRefusal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/can-bo/tiep-nhan/tu-choi/{refusal.pk}/"
    assert (refusal.kind, refusal.procedure, refusal.reasons) == ("instructed", counter.birth, ["Thiếu giấy chứng sinh", "Tờ khai chưa ký"])
    assert (Dossier.objects.count(), DailySequence.objects.count()) == (0, 0)
    html = client.get(response["Location"]).content.decode()
    assert f'href="/tu-choi-tiep-nhan/{refusal.pk}.pdf"' in html and "Không cấp mã hồ sơ" in html


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"refusal-reasons": "  "}, "refusal-reasons", "Cần ghi rõ lý do từ chối hoặc nội dung hướng dẫn."),
        ({"refusal-applicant_name": ""}, "refusal-applicant_name", "Cần ghi tên người nộp hồ sơ."),
        ({"refusal-applicant_id_number": "12345"}, "refusal-applicant_id_number", "Số CCCD không hợp lệ"),
        ({"refusal-kind": "ignored"}, None, "Giá trị «ignored» không có trong danh sách."),
    ],
)
def test_bad_refusal_is_refused_next_to_its_field(client, counter, overrides, field, message):
    data = {"refusal-kind": "refused", "refusal-applicant_name": "Lê Thị Hoa", "refusal-reasons": "Không thuộc thẩm quyền"}
    data.update(overrides)
    response = client.post(URL + "tu-choi/", data)
    assert response.status_code == 422
    html = response.content.decode()
    if field:
        assert message in (field_error(html, field) or ""), html
    else:
        assert message in unescape(html)
    assert rows() == (0, 0, 0, 0)


def test_a_backdated_receipt_asks_for_its_reason(client, counter):
    # 05/06/2023 08:00 is long before now: the form says why next to the reason field, nothing is written.
    response = client.post(URL, good(counter, received_at="2023-06-05T08:00"))
    assert response.status_code == 422
    assert field_error(response.content.decode(), "backdate_reason") == (
        "Thời điểm tiếp nhận 08:00 05/06/2023 sớm hơn hiện tại quá 10 phút: hãy ghi lý do tiếp nhận lùi thời gian."
    )
    assert rows() == (0, 0, 0, 0)
    response = client.post(
        URL, good(counter, received_at="2023-06-05T08:00", backdate_reason="Mất điện, nhận trên giấy")
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.events.get(verb="receive").reason == "Mất điện, nhận trên giấy"
    # The history on the dossier page shows the reason and that it was entered later.
    html = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "Mất điện, nhận trên giấy" in html
    assert "Tiếp nhận ghi lùi thời gian, nhập vào hệ thống lúc" in html
