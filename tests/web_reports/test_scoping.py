"""Every report page looks its unit up among the user's units: another unit's is a 404, anonymous users sign in."""

import pytest
from django.urls import reverse

Q2 = {"period": "2023-Q2"}


@pytest.mark.parametrize(
    "url",
    [
        reverse("reports:report"),
        reverse("reports:dashboard"),
        reverse("reports:report_download", args=["phu-luc-json"]),
    ],
)
def test_commune_leader_cannot_open_the_other_communes_report(as_user, staff, url):
    response = as_user(staff.leader_a).get(url, {"unit": "16004", **Q2})
    assert response.status_code == 404


def test_drilldown_of_another_unit_is_404(as_user, staff):
    response = as_user(staff.leader_a).get(
        reverse("reports:drilldown"), {"unit": "16004", "indicator": "3.3.1", **Q2}
    )
    assert response.status_code == 404


def test_commune_leader_cannot_open_the_districts_report(as_user, staff):
    assert as_user(staff.leader_a).get(reverse("reports:report"), {"unit": "388", **Q2}).status_code == 404


def test_oversight_sees_communes_below_but_not_another_province(as_user, staff):
    client = as_user(staff.district)
    assert client.get(reverse("reports:report"), {"unit": "16003", **Q2}).status_code == 200
    assert client.get(reverse("reports:report"), {"unit": "17001", **Q2}).status_code == 404
    assert client.get(reverse("reports:report"), {"unit": "38", **Q2}).status_code == 404


def test_posting_values_for_another_unit_is_404_and_saves_nothing(as_user, staff):
    from motcua.reports.models import ManualValue

    response = as_user(staff.leader_b).post(
        reverse("reports:report_entered_values"), {"unit": "16003", "period": "2023-Q2", "v-1.1.1": "5"}
    )
    assert response.status_code == 404
    assert not ManualValue.objects.exists()


def test_anonymous_user_is_sent_to_login(client, scenario):
    response = client.get(reverse("reports:report"), {"unit": "16003", **Q2})
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_unknown_drilldown_indicator_is_404(as_user, staff):
    response = as_user(staff.leader_a).get(
        reverse("reports:drilldown"), {"unit": "16003", "indicator": "1.1.1", **Q2}
    )
    assert response.status_code == 404
