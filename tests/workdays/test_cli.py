"""`motcua calendar`: through call_command and through the real console command."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from motcua.workdays.models import DayKind, DeclaredDay


def _call(*args):
    from io import StringIO

    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestCallCommand:
    def test_due_spec_example(self, units):
        out = _call("due", "--unit", "16003", "--received", "2023-04-27T09:00:00+07:00", "--duration", "3d")
        assert out == "2023-05-05T09:00:00+07:00\n"

    def test_due_utc_and_hours(self, units):
        # 02:00Z = 09:00 local; 24 working hours = 3 working days.
        out = _call("due", "--unit", "16003", "--received", "2023-04-27T02:00:00Z", "--duration", "24h")
        assert out == "2023-05-05T09:00:00+07:00\n"

    def test_time_without_offset_is_local(self, units):
        out = _call("due", "--unit", "16003", "--received", "2024-03-12T11:00:00", "--duration", "1h")
        assert out == "2024-03-12T14:00:00+07:00\n"

    def test_between(self, units):
        # Fri 15 Mar 2024 15:00 → Mon 18 Mar 09:30: Fri 15:00–17:00 (2 h) + Mon 07:00–09:30 (2.5 h) = 4.5 h.
        out = _call("between", "--unit", "16003", "--start", "2024-03-15T15:00+07:00", "--end", "2024-03-18T09:30")
        assert out == "4.5\n"
        # Thu 27 Apr 2023 09:00 (02:00Z) → Tue 9 May 10:30: 3 days to Fri 5 May 09:00 (24 h),
        # Fri 5 May 09:00–17:00 (6 h), Mon 8 May (8 h), Tue 9 May 07:00–10:30 (3.5 h) = 41.5 h.
        out = _call("between", "--unit", "16003", "--start", "2023-04-27T02:00Z", "--end", "2023-05-09T10:30+07:00")
        assert out == "41.5\n"

    def test_between_rounds_to_the_hundredth_and_is_zero_backwards(self, units):
        # 09:00 → 09:20 = 20 min = 0.333… h → 0.33; end before start → 0.
        assert _call("between", "--unit", "16003", "--start", "2024-03-12T09:00", "--end", "2024-03-12T09:20") == "0.33\n"
        assert _call("between", "--unit", "16003", "--start", "2024-03-12T10:00", "--end", "2024-03-12T09:00") == "0\n"

    def test_days_lists_names(self, units):
        DeclaredDay.objects.create(province=units["province"], date=dt.date(2024, 3, 16), kind=DayKind.WORKING_DAY)
        lines = _call("days", "--unit", "16003", "--year", "2024").splitlines()
        assert "2024-04-18\tThứ Năm\tnghỉ\tNgày Giỗ Tổ Hùng Vương" in lines
        assert "2024-05-04\tThứ Bảy\tlàm việc\tLàm bù cho ngày 29/04/2024" in lines
        assert "2024-03-16\tThứ Bảy\tlàm việc\tNgày làm bù (khai báo)" in lines
        assert lines == sorted(lines)

    @pytest.mark.parametrize(
        "args, message",
        [
            (["--unit", "99999", "--received", "2023-04-27T09:00:00+07:00", "--duration", "3d"], "không có đơn vị mã 99999"),
            (["--unit", "16003", "--received", "27/04/2023 9h", "--duration", "3d"], "thời điểm --received không hợp lệ"),
            (["--unit", "16003", "--received", "2023-04-27T09:00+07:00", "--duration", "3 days"], "thời hạn --duration không hợp lệ"),
            (["--unit", "16003", "--received", "2023-04-27T09:00:00+07:00", "--duration=-1d"], "thời hạn --duration không hợp lệ"),
        ],
    )
    def test_user_errors(self, units, args, message):
        with pytest.raises(CommandError, match=message):
            _call("due", *args)

    def test_duration_past_year_9999(self, units):
        with pytest.raises(CommandError, match="không tính được hạn trả kết quả"):
            _call("due", "--unit", "16003", "--received", "9999-12-01T09:00:00+07:00", "--duration", "100d")


# The real console command, in a fresh process with its own embedded SQLite
# database (DATABASE_URL dropped so a PostgreSQL run never touches a real database).
@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["MOTCUA_HOME"] = str(tmp_path_factory.mktemp("motcua-home"))

    def run(*args):
        command = [sys.executable, "-m", "motcua", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    setup = run(
        "shell",
        "-c",
        "from django.core.management import call_command; call_command('migrate', verbosity=0)\n"
        "from motcua.units.models import Unit, UnitLevel\n"
        "level = UnitLevel.objects.get_or_create(code='province', defaults={'name': 'Tỉnh', 'rank': 1})[0]\n"
        "Unit.objects.create(code='16003', name='Xã Hoằng Lưu', level=level)\n",
    )
    assert setup.returncode == 0, setup.stderr
    return run


def test_cli_due_prints_iso_time(cli):
    result = cli("calendar", "due", "--unit", "16003", "--received", "2023-04-27T09:00:00+07:00", "--duration", "3d")
    assert (result.returncode, result.stdout, result.stderr) == (0, "2023-05-05T09:00:00+07:00\n", "")


def test_cli_between(cli):
    # Mon 11 Mar 2024 11:00 → 14:00: 11:00–11:30 + 13:30–14:00 = 1 h.
    result = cli("calendar", "between", "--unit", "16003", "--start", "2024-03-11T11:00", "--end", "2024-03-11T14:00")
    assert (result.returncode, result.stdout) == (0, "1\n")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--unit", "99999", "--received", "2023-04-27T09:00:00+07:00", "--duration", "3d"], "không có đơn vị mã 99999"),
        (["--unit", "16003", "--received", "tomorrow", "--duration", "3d"], "thời điểm --received không hợp lệ"),
        (["--unit", "16003", "--received", "2023-04-27T09:00:00+07:00", "--duration", "3w"], "thời hạn --duration không hợp lệ"),
    ],
)
def test_cli_user_error_exits_1_with_one_line(cli, args, message):
    result = cli("calendar", "due", *args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--unit", "16003"],
        ["days", "--unit", "16003", "--year", "twenty"],
        ["fortnight"],
        [],
    ],
)
def test_cli_bad_arguments_exit_2(cli, args):
    result = cli("calendar", *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
