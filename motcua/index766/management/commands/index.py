"""`motcua index --unit CODE --period P [--format json|xlsx] [-o FILE]`: the unit's QĐ 766 service index (exchange.md)."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.index766.compute import compute_index
from motcua.index766.workbook import index_workbook
from motcua.lib.periods import parse_period
from motcua.units.models import find_unit


class Command(BaseCommand):
    help = "Chỉ số phục vụ người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg của một đơn vị trong một kỳ"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="mã đơn vị (gồm đơn vị cấp dưới và đơn vị đã sáp nhập vào)")
        parser.add_argument("--period", required=True, help="kỳ: tháng 2026-11, quý 2026-Q3, năm 2026 hoặc 2026-01-01..2026-03-31")
        parser.add_argument("--format", choices=("json", "xlsx"), default="json")
        parser.add_argument("-o", "--output", help="tệp ghi ra (mặc định: màn hình; bắt buộc với xlsx)")

    def handle(self, *args, unit, period, format, output, **options):
        try:
            period = parse_period(period, settings.MOTCUA_PERIOD_CALENDAR)
        except ValueError as error:
            raise CommandError(str(error)) from None
        found = find_unit(unit, on=period.end)
        if found is None:
            raise CommandError(f"không có đơn vị mã {unit}")
        result = compute_index(found, period)
        if format == "json":
            text = json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
            if output:
                with open(output, "w", encoding="utf-8") as f:
                    f.write(text)
            else:
                self.stdout.write(text, ending="")
            return
        if not output:
            raise CommandError("định dạng xlsx cần tệp ghi ra: -o TỆP.xlsx")
        index_workbook(result).save(output)
        self.stderr.write(f"đã ghi {output}")
