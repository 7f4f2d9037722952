"""`motcua demo`: idempotent load, demo logins, Vietnamese admin pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.demo import install

from .conftest import NOW

pytestmark = pytest.mark.django_db

# Only the last 12 months (no whole extra year) keep the command test quick.
ARGS = ["--no-serve", "--years", "--now", NOW.isoformat()]


def _counts():
    from motcua.accounts.models import User
    from motcua.catalog.models import Procedure, ProcedureStep
    from motcua.dossiers.models import Dossier, Rating
    from motcua.units.models import Unit

    from motcua.nationalportal.models import OutboxMessage

    return {m.__name__: m.objects.count() for m in (Unit, Procedure, ProcedureStep, Dossier, Rating, User, OutboxMessage)}


@pytest.fixture
def demo_users(demo_catalog):
    """The demo's units, catalog and logins, without dossiers: what the admin pages need."""
    install.ensure_users()


def test_running_the_demo_twice_gives_the_same_counts():
    from motcua.accounts.models import User

    out = StringIO()
    call_command("demo", *ARGS, stdout=out)
    first = _counts()
    assert first["Dossier"] > 1000 and first["User"] == len(install.DEMO_USERS)
    printed = out.getvalue()
    assert "Thủ tục hành chính: 35 thuộc 13 lĩnh vực" in printed
    assert "Xã Hoằng Thanh (16000)" in printed
    assert install.DEMO_PASSWORD in printed
    # The main commune's dossiers of the last 92 days are queued for the national portal, once each.
    assert 0 < first["OutboxMessage"] < first["Dossier"]
    assert f"Hồ sơ chờ đồng bộ lên Cổng DVC quốc gia: {first['OutboxMessage']:,}".replace(",", ".") in printed
    for spec in install.DEMO_USERS:
        assert spec.username in printed

    again = StringIO()
    call_command("demo", *ARGS, stdout=again)
    assert _counts() == first
    already = f"{first['Dossier']:,}".replace(",", ".")
    assert f"(mới 0, đã có {already})" in again.getvalue()
    assert User.objects.get(username="quantri").check_password(install.DEMO_PASSWORD)


def test_demo_users_have_their_roles_units_and_password(demo_users):
    from motcua.accounts.models import User

    expected = {
        "motcua": ("desk_officer", "16000"),
        "chuyenvien": ("specialist", "16000"),
        "lanhdao": ("leader", "16000"),
        "hoangchau": ("leader", "15976"),
        "huyen": ("oversight", "399"),
        "tinh": ("oversight", "38"),
        "quantri": ("administrator", "38"),
    }
    for username, (role, unit) in expected.items():
        user = User.objects.get(username=username)
        assert (user.role, user.unit.code, user.is_staff) == (role, unit, True)
        assert user.check_password(install.DEMO_PASSWORD)
        assert user.is_superuser == (username == "quantri")
    assert install.ensure_users() == 0


@pytest.mark.parametrize(
    "url",
    [
        "/admin/units/unit/",
        "/admin/units/unit/?q=Hoằng&hieu_luc=het",
        "/admin/units/unitlevel/",
        "/admin/catalog/procedure/",
        "/admin/catalog/procedure/?q=khai+sinh&online__exact=full&tinh_trang=con",
        "/admin/catalog/field/",
        "/admin/accounts/user/",
        "/admin/accounts/user/?role__exact=oversight",
        "/admin/accounts/user/add/",
    ],
)
def test_admin_pages_answer_for_the_administrator(demo_users, url):
    from motcua.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    response = client.get(url)
    assert response.status_code == 200, url


def test_admin_change_pages_show_steps_and_successors(demo_users):
    from motcua.accounts.models import User
    from motcua.catalog.models import Procedure
    from motcua.units.models import Unit

    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    page = client.get(f"/admin/catalog/procedure/{Procedure.objects.get(code='1.001193').pk}/change/").content.decode()
    assert "Tiếp nhận, kiểm tra hồ sơ" in page and "Cán bộ một cửa" in page
    page = client.get(f"/admin/units/unit/{Unit.objects.get(code='16003').pk}/change/").content.decode()
    assert "Xã Hoằng Thanh" in page
    page = client.get(f"/admin/accounts/user/{User.objects.get(username='motcua').pk}/change/").content.decode()
    assert "Đơn vị và vai trò" in page


def test_demo_staff_cannot_reach_the_admin(demo_users):
    from motcua.accounts.models import User

    # The admin bypasses the dossiers' history: the installation's superuser only (motcua/core/admin_site.py).
    client = Client()
    client.force_login(User.objects.get(username="motcua"))
    for url in ("/admin/catalog/procedure/", "/admin/accounts/user/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_moving_a_unit_in_the_admin_moves_the_units_below(db):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from motcua.units.models import Unit
    from tests.factories import make_tree

    province, district, commune_a, commune_b, other_province, _ = make_tree()
    district.parent = other_province
    admin = site._registry[Unit]
    admin.save_model(RequestFactory().post("/"), district, form=None, change=True)
    commune_a.refresh_from_db()
    assert commune_a.path == "40/388/16003/"


def test_bad_now_is_a_user_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("demo", "--no-serve", "--now", "2026-11-25T17:00")
