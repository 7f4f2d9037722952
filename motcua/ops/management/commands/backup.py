"""`motcua backup -o FILE`: the database and every uploaded file in one file, while the system runs."""

from django.core.management.base import BaseCommand, CommandError

from motcua.ops import archive


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và mọi tệp đính kèm vào một tệp (tar.gz), trong khi hệ thống vẫn chạy."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="tệp sao lưu cần ghi, ví dụ motcua-2026-12-05.tar.gz")

    def handle(self, *args, **options):
        try:
            manifest = archive.backup(options["output"])
        except archive.OpsError as error:
            raise CommandError(str(error)) from None
        rows = manifest["database"]["rows"]
        media = manifest["media"]
        self.stdout.write(
            f"Đã sao lưu {options['output']}: {manifest['database']['engine']}, {len(rows)} bảng, "
            f"{sum(rows.values())} dòng, {media['files']} tệp đính kèm ({media['bytes']} byte)"
        )
