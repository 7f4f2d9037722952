"""`motcua export dossiers --unit CODE [--period P] [-o FILE]` and `motcua export units [-o FILE]`: write canonical JSON Lines."""

import sys

from django.core.management.base import BaseCommand, CommandError

from motcua.exchange.exporting import export_dossiers
from motcua.lib.periods import parse_period
from motcua.privacy.log import log_command_export


class Command(BaseCommand):
    help = "Xuất hồ sơ của một đơn vị và các đơn vị cấp dưới, hoặc toàn bộ đơn vị hành chính, thành JSON Lines (docs/exchange.md)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["dossiers", "units"], help="loại dữ liệu: dossiers hoặc units")
        parser.add_argument("--unit", help="mã đơn vị hành chính (bắt buộc với dossiers)")
        parser.add_argument("--period", help="kỳ: 2023-Q2, 2023-H1, 2023-9M, 2023 hoặc 2023-04-01..2023-06-30")
        parser.add_argument("-o", "--output", help="tệp ghi ra (mặc định: đầu ra chuẩn)")

    def handle(self, *args, kind, unit, period, output, **options):
        from motcua.exchange.units import export_units
        from motcua.units.models import find_unit

        if kind == "units":
            def write(out, to):
                return export_units(out)

            noun = "đơn vị"
        else:
            if not unit:
                raise CommandError("thiếu --unit: mã đơn vị có hồ sơ cần xuất", returncode=2)
            if period is not None:
                try:
                    period = parse_period(period)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
            # The unit holding the code at the period's end (today without a period): units.models.find_unit.
            unit_obj = find_unit(unit, on=period.end if period is not None else None)
            if unit_obj is None:
                raise CommandError(f"không tìm thấy đơn vị có mã {unit}")

            def write(out, to):
                count = export_dossiers(unit_obj, period, out=out)
                # Citizens' personal data left the system: recorded (motcua/privacy).
                log_command_export(unit_obj, count, f"JSONL motcua export → {to}")
                return count

            noun = "hồ sơ"
        if output:
            try:
                fh = open(output, "w", encoding="utf-8", newline="\n")
            except OSError as exc:
                raise CommandError(f"không ghi được tệp {output}: {exc.strerror}") from None
            with fh:
                count = write(fh, output)
            self.stdout.write(f"đã xuất {count} {noun} vào {output}")
            return
        out = self.stdout._out
        if out is sys.stdout:
            try:
                sys.stdout.reconfigure(encoding="utf-8")
            except (AttributeError, ValueError):
                pass
        try:
            write(out, "stdout")
            out.flush()
        except BrokenPipeError:
            # The reader went away (`motcua export … | head`): not an error of ours.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
