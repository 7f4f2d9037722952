"""`motcua sync`: the national portal's synchronisation (exchange.md, "National portal").

    motcua sync push --unit CODE [--period P]   queue the current state of the unit's dossiers (received in P)
    motcua sync status --unit CODE              print "delivered N, pending N, failed N" (the unit's messages)
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.figures import InPeriod, covered_units, dossiers_of
from motcua.lib.periods import parse_period
from motcua.nationalportal.delivery import push_current_state, sync_counts
from motcua.nationalportal.models import OutboxMessage
from motcua.units.models import find_unit

PERIOD_HELP = "kỳ: 2023-Q2, 2023-H1, 2023-9M, 2023 hoặc 2023-04-01..2023-06-30 (theo ngày tiếp nhận)"


class Command(BaseCommand):
    help = "Đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia: gửi lại trạng thái hiện tại (push), xem tình hình (status)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{push,status}")
        push = actions.add_parser("push", help="đưa trạng thái hiện tại của các hồ sơ vào hàng đợi gửi Cổng")
        push.add_argument("--unit", required=True, help="mã đơn vị hành chính")
        push.add_argument("--period", help=PERIOD_HELP)
        status = actions.add_parser("status", help="in số thông điệp đã gửi, đang chờ, không thành công")
        status.add_argument("--unit", required=True, help="mã đơn vị hành chính")

    def handle(self, *args, action, unit, period=None, **options):
        period_obj = None
        if period:
            try:
                period_obj = parse_period(period, settings.MOTCUA_PERIOD_CALENDAR)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        unit_obj = find_unit(unit, on=period_obj.end if period_obj else None)
        if unit_obj is None:
            raise CommandError(f"không tìm thấy đơn vị có mã {unit}")
        if action == "push":
            dossiers = dossiers_of(unit_obj)
            if period_obj is not None:
                dossiers = dossiers.filter(InPeriod(period_obj).received)
            count = push_current_state(dossiers)
            self.stdout.write(f"đã đưa {count} hồ sơ vào hàng đợi gửi Cổng DVC quốc gia")
            return
        counts = sync_counts(OutboxMessage.objects.filter(dossier__unit__in=covered_units(unit_obj)))
        self.stdout.write(f"delivered {counts['delivered']}, pending {counts['pending']}, failed {counts['failed']}")
