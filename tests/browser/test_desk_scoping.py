"""An officer of commune A who types commune B's dossier URL gets the 404 page, not the dossier."""

from types import SimpleNamespace

import pytest

from motcua.accounts.models import Role
from tests.desk.conftest import make_procedure, receive
from tests.factories import make_tree, make_user
from tests.web_dossier.conftest import vn

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_of_commune_a_gets_404_for_commune_bs_dossier(page, login):
    _, _, commune_a, commune_b, *_ = make_tree()
    procedure = make_procedure()
    officer_a = make_user("motcua_a", commune_a, Role.DESK_OFFICER)
    officer_b = make_user("motcua_b", commune_b, Role.DESK_OFFICER)

    desk_b = SimpleNamespace(officer=officer_b, unit=commune_b, procedure=procedure)
    dossier = receive(desk_b, vn(2023, 6, 5, 8, 0), applicant={"name": "Trịnh Thị Bích", "id_number": "038090001234", "phone": "0987654321"})

    login(officer_a)
    response = page.goto(f"/can-bo/ho-so/{dossier.code}/")
    assert response.status == 404
    body = page.content()
    assert "Trịnh Thị Bích" not in body and "0987654321" not in body and "038090001234" not in body
    # Nor can an action be posted from A's session.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        f"/can-bo/ho-so/{dossier.code}/withdraw/",
        form={"expected_version": "1", "reason": "x"},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert answer.status == 404
    dossier.refresh_from_db()
    assert dossier.status == "received"

    # The officer of B opens it.
    page.context.clear_cookies()
    login(officer_b)
    assert page.goto(f"/can-bo/ho-so/{dossier.code}/").status == 200
    assert "Trịnh Thị Bích" in page.content()
