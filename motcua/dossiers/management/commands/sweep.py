"""`motcua sweep`: e-mail reminders of dossiers due soon or overdue, once each, and list the apologies to prepare."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.dossiers.sweep import DEFAULT_WITHIN_HOURS, summary, sweep


class Command(BaseCommand):
    help = (
        "Nhắc hồ sơ sắp đến hạn (trong N giờ làm việc) và quá hạn qua thư điện tử, mỗi thông báo một lần; "
        "liệt kê hồ sơ quá hạn cần lập văn bản xin lỗi. Chạy định kỳ vài phút một lần."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--within-hours",
            type=float,
            default=DEFAULT_WITHIN_HOURS,
            help=f"hồ sơ đến hạn trong bao nhiêu giờ làm việc tới là sắp đến hạn (mặc định {DEFAULT_WITHIN_HOURS})",
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không gửi thư và không ghi nhận")
        # For tests and for replaying a missed run: the sweep's "now".
        parser.add_argument("--at", help="thời điểm quét, ISO 8601 có múi giờ (mặc định: bây giờ)")

    def handle(self, *args, within_hours, dry_run, at, **options):
        if within_hours < 0:
            raise CommandError("--within-hours phải là số không âm")
        now = None
        if at:
            try:
                now = dt.datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(f"--at {at!r} không phải thời điểm ISO 8601") from None
            if timezone.is_naive(now):
                raise CommandError("--at phải có múi giờ, ví dụ 2025-08-07T16:00+07:00")
        result = sweep(now=now, within_hours=within_hours, dry_run=dry_run)
        self.stdout.write(summary(result))
        if result.failures:
            raise CommandError(f"{len(result.failures)} thư chưa gửi được")
