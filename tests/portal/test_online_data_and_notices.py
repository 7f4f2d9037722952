"""The online form asks the procedure's own data fields (as the counter does) and the citizen's notice channels."""

import pytest

from motcua.dossiers.models import Dossier
from motcua.notices.models import Notice
from tests.portal.conftest import prove
from tests.portal.test_online_submission import form, media, online  # noqa: F401

pytestmark = pytest.mark.django_db

CHILD = [
    {"key": "child_name", "label": "Họ, chữ đệm, tên của trẻ", "type": "text", "required": True},
    {"key": "birth_date", "label": "Ngày sinh", "type": "date", "required": True},
    {"key": "sex", "label": "Giới tính", "type": "choice", "required": True,
     "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
]


@pytest.fixture
def khai_sinh(online):
    online.procedure.data_fields = CHILD
    online.procedure.save()
    return online


def page_of(client, desk) -> str:
    return client.get(f"/nop-truc-tuyen/?unit={desk.unit.pk}&procedure={desk.procedure.pk}").content.decode()


def test_the_form_shows_the_procedures_data_fields_and_keeps_their_values(client, khai_sinh):
    prove(client)
    page = page_of(client, khai_sinh)
    for label in ("Họ, chữ đệm, tên của trẻ", "Ngày sinh", "Giới tính"):
        assert label in page
    response = client.post("/nop-truc-tuyen/", form(
        khai_sinh, data__child_name="Lê Minh An", data__birth_date="2023-06-01", data__sex="nu"
    ))
    assert response.status_code == 302
    assert Dossier.objects.get().data == {"child_name": "Lê Minh An", "birth_date": "2023-06-01", "sex": "nu"}


def test_a_missing_data_field_is_named_and_nothing_is_filed(client, khai_sinh):
    prove(client)
    response = client.post("/nop-truc-tuyen/", form(khai_sinh, data__child_name="Lê Minh An", data__sex="nu"))
    assert response.status_code == 200 and not Dossier.objects.exists()
    body = response.content.decode()
    assert 'id="err-data__birth_date"' in body


def test_notices_by_sms_need_nothing_more_and_are_queued_on_receipt(client, online, django_capture_on_commit_callbacks):
    prove(client)
    # Notices are written once the receipt's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/nop-truc-tuyen/", form(online, notify=["sms"]))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.notify_sms, dossier.notify_email) == (True, False)
    notice = Notice.objects.get(dossier=dossier)
    assert notice.channel == "sms" and dossier.code in notice.text and "Trần Thị Bích" not in notice.text


def test_notices_by_email_need_an_address(client, online):
    prove(client)
    response = client.post("/nop-truc-tuyen/", form(online, notify=["email"], email=""))
    assert response.status_code == 200 and not Dossier.objects.exists()
    assert "Muốn nhận thư điện tử, hãy ghi địa chỉ thư điện tử của người nộp." in response.content.decode()
