"""`motcua payment-sim [--host H] [--port P]`: run the local payment gateway simulator (motcua.payments.simulator)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from motcua.payments.simulator import serve


class Command(BaseCommand):
    help = "Chạy cổng thanh toán mô phỏng cho bản trình diễn và kiểm thử (xác nhận hoặc từ chối theo yêu cầu)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8766, help="mặc định 8766 (8765 là Cổng DVC quốc gia giả lập); 0: một cổng còn trống")

    def handle(self, *args, **options):
        def ready(url):
            # The first line on stdout names the address: scripts and tests read it.
            self.stdout.write(f"payment-sim listening on {url}")
            self.stdout.flush()

        try:
            serve(options["host"], options["port"], settings.MOTCUA_PAYMENT_GATEWAY_SECRET, ready=ready)
        except KeyboardInterrupt:
            pass
