"""`motcua load units|procedures|dossiers FILE`: load a JSON Lines file, all or nothing."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from motcua.exchange.loading import KINDS, load_file
from motcua.tallies.tally import refresh


class Command(BaseCommand):
    help = "Nạp tệp JSON Lines đơn vị, thủ tục hoặc hồ sơ (docs/exchange.md); có dòng lỗi thì không nạp gì."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="loại dữ liệu: units, procedures hoặc dossiers")
        parser.add_argument("file", help="tệp JSON Lines (UTF-8, mỗi dòng một đối tượng)")

    def handle(self, *args, kind, file, **options):
        try:
            report = load_file(kind, file)
        except FileNotFoundError:
            raise CommandError(f"không tìm thấy tệp {file}") from None
        except IsADirectoryError:
            raise CommandError(f"{file} là thư mục, không phải tệp") from None
        except PermissionError:
            raise CommandError(f"không có quyền đọc tệp {file}") from None
        if report.errors:
            self.stderr.write("\n".join(report.error_lines()))
            self.stderr.write(report.summary())
            self.stderr.flush()
            sys.exit(1)
        if report.created or report.updated:
            refresh_planner_statistics()
            # The months already over, tallied now, so the first report reads them rather than the dossiers.
            refresh()
        self.stdout.write(report.summary())


def refresh_planner_statistics() -> None:
    """Refresh PostgreSQL's table statistics after a bulk load.

    Until autovacuum analyses them, a freshly loaded tree of units looks like a
    handful of rows to the planner, which then picks nested loops that make
    province reports several times slower.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

