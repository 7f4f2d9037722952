"""Fixtures of the feedback tests: the desk's commune and staff (tests/desk/conftest.py), a fresh rate-limit cache; the public form's post."""

from tests.desk.conftest import desk  # noqa: F401
from tests.portal.conftest import _fresh_rate_limit  # noqa: F401 - autouse, as on the portal's pages

SENDER = {"name": "Phạm Thị Hằng", "phone": "0977 111 222", "email": "hang.pt@example.vn"}
SUBJECT = "Hẹn trả kết quả bị trễ"
CONTENT = "Tôi nộp hồ sơ khai sinh ngày 5/6, đến nay chưa có kết quả."


def post(client, desk, **overrides):
    """Send the public feedback form of the desk's commune: a complaint by SENDER, with `overrides`."""
    data = {
        "unit": desk.unit.code,
        "kind": "complaint",
        "subject": SUBJECT,
        "content": CONTENT,
        "dossier_code": "",
        "sender_name": SENDER["name"],
        "sender_phone": SENDER["phone"],
        "sender_email": SENDER["email"],
    }
    data.update(overrides)
    return client.post("/phan-anh/", data)
