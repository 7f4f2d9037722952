"""`motcua serve`: the production web server (gunicorn), refusing to start without its secret key."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.ops import serve


class Command(BaseCommand):
    help = "Chạy máy chủ web thật (gunicorn, kèm tệp tĩnh) với số tiến trình và thời hạn lấy từ MOTCUA_SERVE_*."
    # serve runs the checks itself, with the deployment ones (check --deploy).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--addr", type=serve.address, default=settings.MOTCUA_SERVE_ADDR,
            help=f"địa chỉ:cổng lắng nghe (mặc định MOTCUA_SERVE_ADDR = {settings.MOTCUA_SERVE_ADDR})",
        )
        parser.add_argument(
            "--workers", type=serve.positive, default=settings.MOTCUA_SERVE_WORKERS,
            help=f"số tiến trình phục vụ (mặc định MOTCUA_SERVE_WORKERS = {settings.MOTCUA_SERVE_WORKERS})",
        )

    def handle(self, *args, **options):
        if settings.SECRET_KEY_FILE is not None:
            raise CommandError(
                "chưa đặt MOTCUA_SECRET_KEY: máy chủ thật cần khóa bí mật riêng, ví dụ "
                "MOTCUA_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
            )
        self.stdout.write(f"motcua phục vụ tại http://{options['addr']}/ ({options['workers']} tiến trình)")
        self.stdout.flush()
        serve.run(options["addr"], options["workers"])
