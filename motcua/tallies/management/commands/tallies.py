"""`motcua tallies refresh|check [--since YYYY-MM]`: fill the monthly tallies, or compare them with the records."""

from __future__ import annotations

import datetime as dt
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from motcua.tallies import tally


def _month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise CommandError(f"--since cần một tháng dạng NNNN-TT, ví dụ 2023-01: {text!r}") from None


class Command(BaseCommand):
    help = ("Số liệu cộng dồn theo tháng của từng đơn vị (bộ nhớ đệm của phụ lục 01b và số liệu công khai): "
            "refresh tính và lưu các tháng đã qua còn thiếu; check đối chiếu các số đã lưu với hồ sơ")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=("refresh", "check"), help="refresh: tính và lưu; check: đối chiếu")
        parser.add_argument("--since", help="từ tháng NNNN-TT (mặc định: tháng của hồ sơ đầu tiên)")

    def handle(self, *args, action, since, **options):
        since = _month(since) if since else None
        started = time.monotonic()
        if action == "refresh":
            stored = tally.refresh(since=since)
            self.stdout.write(f"đã lưu {stored} số liệu đơn vị-tháng trong {time.monotonic() - started:.1f} s")
            return
        problems = tally.check(since=since)
        for line in problems:
            self.stderr.write(line)
        if problems:
            self.stderr.write(f"{len(problems)} số liệu đã lưu khác với hồ sơ")
            sys.exit(1)
        self.stdout.write("các số liệu đã lưu khớp với hồ sơ")
