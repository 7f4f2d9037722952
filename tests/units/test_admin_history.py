"""The unit admin page: stable id, the history of codes and names, overlaps refused in Vietnamese."""

import datetime as dt

import pytest
from django.test import Client

from motcua.units.models import Unit, UnitDesignation
from tests.factories import make_tree, make_unit

pytestmark = pytest.mark.django_db


def _form(unit, rows, **changes):
    data = {
        "code": unit.code, "name": unit.name, "uid": unit.uid, "level": unit.level_id,
        "parent": unit.parent_id or "", "agency_id": unit.agency_id,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else "",
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else "",
        "designations-TOTAL_FORMS": str(len(rows)), "designations-INITIAL_FORMS": str(unit.designations.count()),
        "designations-MIN_NUM_FORMS": "0", "designations-MAX_NUM_FORMS": "1000",
    }
    existing = list(unit.designations.order_by("pk"))
    for i, (code, name, start, end) in enumerate(rows):
        data.update({
            f"designations-{i}-id": existing[i].pk if i < len(existing) else "",
            f"designations-{i}-unit": unit.pk,
            f"designations-{i}-code": code, f"designations-{i}-name": name,
            f"designations-{i}-valid_from": start, f"designations-{i}-valid_to": end,
        })
    data.update(changes)
    return data


@pytest.fixture
def admin_client(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x-test-pass")
    client = Client()
    client.force_login(root)
    return client


def test_a_history_that_gives_a_code_to_two_units_at_once_is_refused(admin_client):
    province, district, luu, *_ = make_tree()
    luu.valid_to = dt.date(2025, 6, 30)
    luu.save()
    chau = make_unit("16003", "Xã Hoằng Châu", "commune", province, "H56.83", valid_from=dt.date(2025, 7, 1))
    url = f"/admin/units/unit/{chau.pk}/change/"
    page = admin_client.post(url, _form(chau, [("16003", "Xã Hoằng Châu", "2025-01-01", "")]))
    assert page.status_code == 200
    assert "mã đơn vị 16003 của Xã Hoằng Châu (từ 01/01/2025) trùng thời gian với Xã Hoằng Lưu" in page.content.decode()
    assert UnitDesignation.objects.get(unit=chau).valid_from == dt.date(2025, 7, 1)
    # A rename on 1 Jan 2028 is a second row; the unit's name follows the latest.
    rows = [("16003", "Xã Hoằng Châu", "2025-07-01", "2027-12-31"), ("16003", "Phường Hoằng Châu", "2028-01-01", "")]
    assert admin_client.post(url, _form(chau, rows)).status_code == 302
    chau.refresh_from_db()
    assert (chau.uid, chau.name, chau.designations.count()) == ("16003-2025", "Phường Hoằng Châu", 2)
    assert Unit.objects.get(uid="16003").name == "Xã Hoằng Lưu"
