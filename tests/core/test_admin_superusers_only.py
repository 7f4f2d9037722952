"""Django's admin writes rows without motcua's change history: only the installation's superusers may use it."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from motcua.accounts.models import Role
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/admin/", "/admin/catalog/procedure/", "/admin/workdays/declaredday/", "/admin/accounts/user/"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_roles_with_admin_permissions_cannot_reach_the_admin():
    province, district, commune, *_ = make_tree()
    for role in (Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER, Role.OVERSIGHT, Role.ADMINISTRATOR):
        # Staff status and every model permission, as the demo's logins once had.
        user = make_user(f"u_{role}", commune, role, is_staff=True)
        user.user_permissions.set(Permission.objects.all())
        client = signed_in(user)
        for url in ADMIN_PAGES:
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), (role, url)
        # Nor can they write through it.
        response = client.post("/admin/workdays/declaredday/add/", {"date": "2024-09-03", "kind": "day_off"})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_superuser_of_the_installation_uses_the_admin():
    province, *_ = make_tree()
    root = make_user("quantri", province, Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client = signed_in(root)
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url
