"""`motcua portal-sim`: run the national portal simulator (motcua.nationalportal.simulator) until stopped."""

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.nationalportal.simulator import make_server


class Command(BaseCommand):
    help = (
        "Chạy máy chủ giả lập Cổng Dịch vụ công quốc gia: nhận thông điệp đồng bộ hồ sơ, "
        "có thể giả lập lỗi, treo, trả lời chậm hoặc ngừng hoạt động."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8765", help="địa chỉ lắng nghe host:cổng (mặc định 127.0.0.1:8765)")
        parser.add_argument(
            "--token", default=None, help="mã truy cập (Bearer) được chấp nhận (mặc định: MOTCUA_PORTAL_TOKEN)"
        )
        parser.add_argument("--fail-every", type=int, default=0, help="trả lỗi 503 cho mỗi yêu cầu thứ N (0 = không)")
        parser.add_argument("--slow", type=float, default=0.0, help="số giây chờ trước mỗi câu trả lời")

    def handle(self, *args, addr, token, fail_every, slow, **options):
        server = make_server(addr, settings.MOTCUA_PORTAL_TOKEN if token is None else token, fail_every, slow)
        host, port = server.server_address[:2]
        self.stdout.write(f"Cổng DVC giả lập: http://{host}:{port}/ (Ctrl+C để dừng)")
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
