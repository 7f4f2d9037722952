"""`motcua restore FILE [--force]`: put a backup back into an empty database and data directory."""

from django.core.management.base import BaseCommand, CommandError

from motcua.ops import archive


class Command(BaseCommand):
    help = (
        "Phục hồi tệp sao lưu vào cơ sở dữ liệu và thư mục dữ liệu trống; "
        "từ chối nơi đã có dữ liệu trừ khi có --force. Hãy dừng máy chủ web trước."
    )
    # The target may be an empty file without any table yet: no checks that read the database.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp do motcua backup ghi")
        parser.add_argument("--force", action="store_true", help="thay thế dữ liệu đang có ở nơi phục hồi")

    def handle(self, *args, **options):
        try:
            manifest = archive.restore(options["file"], force=options["force"])
        except archive.OpsError as error:
            raise CommandError(str(error)) from None
        rows = manifest["database"]["rows"]
        self.stdout.write(
            f"Đã phục hồi bản sao lưu lúc {manifest['created_at']}: {len(rows)} bảng, {sum(rows.values())} dòng, "
            f"{manifest['media']['files']} tệp đính kèm; số dòng và SHA-256 khớp manifest"
        )
