"""`motcua export dossiers --unit CODE [--period P] [-o FILE]`: write canonical JSON Lines."""

import sys

from django.core.management.base import BaseCommand, CommandError

from motcua.exchange.exporting import export_dossiers
from motcua.lib.periods import parse_period
from motcua.privacy.log import log_command_export


class Command(BaseCommand):
    help = "Xuất hồ sơ của một đơn vị và các đơn vị cấp dưới thành JSON Lines (docs/exchange.md)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["dossiers"], help="loại dữ liệu (hiện có: dossiers)")
        parser.add_argument("--unit", required=True, help="mã đơn vị hành chính")
        parser.add_argument("--period", help="kỳ: 2023-Q2, 2023-H1, 2023-9M, 2023 hoặc 2023-04-01..2023-06-30")
        parser.add_argument("-o", "--output", help="tệp ghi ra (mặc định: đầu ra chuẩn)")

    def handle(self, *args, kind, unit, period, output, **options):
        from motcua.units.models import Unit

        try:
            unit_obj = Unit.objects.get(code=unit)
        except Unit.DoesNotExist:
            raise CommandError(f"không tìm thấy đơn vị có mã {unit}") from None
        if period is not None:
            try:
                period = parse_period(period)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        if output:
            try:
                fh = open(output, "w", encoding="utf-8", newline="\n")
            except OSError as exc:
                raise CommandError(f"không ghi được tệp {output}: {exc.strerror}") from None
            with fh:
                count = export_dossiers(unit_obj, period, out=fh)
            log_command_export(unit_obj, count, f"JSONL motcua export → {output}")  # personal data (motcua/privacy)
            self.stdout.write(f"đã xuất {count} hồ sơ vào {output}")
            return
        out = self.stdout._out
        if out is sys.stdout:
            try:
                sys.stdout.reconfigure(encoding="utf-8")
            except (AttributeError, ValueError):
                pass
        try:
            count = export_dossiers(unit_obj, period, out=out)
            out.flush()
            log_command_export(unit_obj, count, "JSONL motcua export → stdout")  # personal data (motcua/privacy)
        except BrokenPipeError:
            # The reader went away (`motcua export … | head`): not an error of ours.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
