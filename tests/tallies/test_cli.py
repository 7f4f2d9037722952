"""`motcua tallies refresh` stores every past month's tally; `motcua tallies check` finds a tally that differs from its records."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.tallies.models import Tally
from motcua.units.models import Unit
from tests.desk.conftest import vn

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("tallies", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_refresh_then_check(desk):
    # Two dossiers of commune A: received 10 Apr and 3 May 2023; the months from April 2023 to the last one are over.
    for code, day in (("X", vn(2023, 4, 10, 9)), ("Y", vn(2023, 5, 3, 9))):
        Dossier.objects.create(code=code, unit=desk.unit, procedure=desk.procedure, channel="counter",
                               received_at=day, due_at=day + dt.timedelta(days=3))
    units = Unit.objects.count()
    out, _ = run("refresh", "--since", "2023-04")
    today = timezone.localdate()
    months = (today.year - 2023) * 12 + (today.month - 4)  # April 2023 up to the month before this one
    assert out.startswith(f"đã lưu {units * months} số liệu đơn vị-tháng")
    assert Tally.objects.get(unit_id=desk.unit.pk, month=dt.date(2023, 4, 1)).received == 1
    # Nothing left to store; the stored tallies are their records'.
    assert run("refresh", "--since", "2023-04")[0].startswith("đã lưu 0 số liệu")
    assert run("check") == ("các số liệu đã lưu khớp với hồ sơ\n", "")
    # A tally altered behind the records' back (no trigger watches the tallies themselves): check names it.
    Tally.objects.filter(unit_id=desk.unit.pk, month=dt.date(2023, 5, 1)).update(received=7)
    with pytest.raises(SystemExit) as exit:
        run("check")
    assert exit.value.code == 1


def test_check_names_the_row(desk, capsys):
    Dossier.objects.create(code="X", unit=desk.unit, procedure=desk.procedure, channel="counter",
                           received_at=vn(2023, 4, 10, 9), due_at=vn(2023, 4, 13, 9))
    run("refresh", "--since", "2023-04")
    Tally.objects.filter(unit_id=desk.unit.pk, month=dt.date(2023, 4, 1)).update(received=7)
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("tallies", "check", stdout=io.StringIO(), stderr=err)
    assert f"đơn vị {desk.unit.pk}, tháng 04/2023: received lưu 7, đếm lại 1" in err.getvalue()
    assert "1 số liệu đã lưu khác với hồ sơ" in err.getvalue()


def test_a_bad_month_is_refused():
    with pytest.raises(CommandError, match="--since cần một tháng dạng NNNN-TT"):
        run("refresh", "--since", "2023-13")
