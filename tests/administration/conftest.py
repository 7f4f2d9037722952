"""Fixtures of the administration tests: two provinces, administrators at each level, a procedure with three steps."""

from types import SimpleNamespace

import pytest

from motcua.accounts.models import Role
from tests.desk.conftest import make_procedure
from tests.factories import make_tree, make_user


@pytest.fixture
def env(db):
    province, district, commune_a, commune_b, other_province, other_commune = make_tree()
    procedure = make_procedure()  # 3 working days, steps 2 + 12 + 4 = 18 working hours
    procedure.units.set([commune_a, commune_b])
    return SimpleNamespace(
        province=province,
        district=district,
        commune_a=commune_a,
        commune_b=commune_b,
        other_province=other_province,
        other_commune=other_commune,
        procedure=procedure,
        admin=make_user("quantri_tinh", province, Role.ADMINISTRATOR, last_name="Hoàng Văn", first_name="Nam"),
        district_admin=make_user("quantri_huyen", district, Role.ADMINISTRATOR),
        other_admin=make_user("quantri_na", other_province, Role.ADMINISTRATOR),
        officer=make_user("motcua", commune_a, Role.DESK_OFFICER, first_name="Lan"),
        officer_other=make_user("motcua_na", other_commune, Role.DESK_OFFICER),
        province_officer=make_user("tinh", province, Role.OVERSIGHT),
    )


@pytest.fixture
def as_admin(client, env):
    client.force_login(env.admin)
    return client


def errors_of(response, field):
    """Return the messages a re-shown form puts next to one field."""
    form = response.context["form"]
    return form.errors.get(field, [])


def section(response, key):
    """Return a list section (papers, steps …) of a re-shown procedure page."""
    return next(s for s in response.context["sections"] if s.spec.key == key)
