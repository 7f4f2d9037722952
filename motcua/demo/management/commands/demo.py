"""`motcua demo`: load the demo province, print the demo logins, serve the web application."""

import datetime as dt
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from motcua.demo import generate, install
from motcua.ops import serve

def _n(value: int) -> str:
    # Vietnamese groups thousands with dots: 5.634.
    return f"{value:,}".replace(",", ".")


def _d(day) -> str:
    return day.strftime("%d/%m/%Y")


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (Tỉnh Thanh Hóa, Huyện Hoằng Hóa và các xã, danh mục thủ tục, hồ sơ) "
        "và chạy ứng dụng web tại 127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="chỉ nạp dữ liệu, không chạy máy chủ web")
        parser.add_argument("--addr", type=serve.address, default="127.0.0.1:8000", help="địa chỉ:cổng của máy chủ web (mặc định 127.0.0.1:8000)")
        parser.add_argument(
            "--seed", type=int, default=generate.DEFAULT_SEED, help=f"hạt giống sinh hồ sơ (mặc định {generate.DEFAULT_SEED})"
        )
        parser.add_argument(
            "--years",
            type=int,
            nargs="*",
            default=list(generate.DEFAULT_YEARS),
            help="các năm sinh hồ sơ trọn năm, ngoài 12 tháng gần nhất (mặc định: 2023)",
        )
        parser.add_argument(
            "--portal-sim",
            type=serve.address,
            default="127.0.0.1:8765",
            help="địa chỉ:cổng của Cổng DVC quốc gia giả lập chạy cùng bản dùng thử khi chưa đặt MOTCUA_PORTAL_URL (mặc định 127.0.0.1:8765)",
        )
        parser.add_argument(
            "--now",
            help="sinh hồ sơ như thể lúc này là thời điểm đã cho (ISO 8601, ví dụ 2026-11-25T17:00:00+07:00), để tái lập đúng bộ dữ liệu",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        now = None
        if options["now"]:
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError:
                raise CommandError(f"--now không phải thời điểm ISO 8601: {options['now']!r}") from None
            if now.tzinfo is None:
                raise CommandError(f"--now cần độ lệch múi giờ, ví dụ 2026-11-25T17:00:00+07:00: {options['now']!r}")
        try:
            summary = install.load_demo(seed=options["seed"], years=options["years"], now=now)
        except install.DemoLoadError as exc:
            raise CommandError(str(exc)) from None
        self._print_summary(summary, time.monotonic() - started)
        self._print_logins()
        if options["no_serve"]:
            return
        host = options["addr"]
        self.stdout.write(
            f"\nCán bộ đăng nhập: http://{host}/dang-nhap/   Công dân tra cứu: http://{host}/tra-cuu/   "
            f"API: http://{host}/api/docs   (Ctrl+C để dừng)\n"
        )
        # The national portal simulator, unless a real portal is configured: the desk's state changes
        # show up at http://<portal-sim>/ as the worker delivers them.
        env = None
        if not settings.MOTCUA_PORTAL_URL:
            from motcua.nationalportal.simulator import start_for_demo

            env = start_for_demo(options["portal_sim"])
            self.stdout.write(f"Cổng DVC quốc gia giả lập: {settings.MOTCUA_PORTAL_URL}/ (các thông điệp đồng bộ hồ sơ)\n")
        # The payment gateway simulator, unless a real gateway is configured: a citizen filing online for a
        # fee-bearing procedure pays there (confirm or fail) and comes back to the demo.
        if not settings.MOTCUA_PAYMENT_GATEWAY_URL:
            from motcua.payments.simulator import start_for_demo as start_payment_sim

            env = {**(env or os.environ), **start_payment_sim(public_url=f"http://{host}")}
            self.stdout.write(f"Cổng thanh toán giả lập: {settings.MOTCUA_PAYMENT_GATEWAY_URL}/\n")
        # A background worker beside the server runs the demo's jobs (report reading, loads, sweeps, the portal's outbox).
        from motcua.jobs.workers import start_worker_process

        start_worker_process(env=env)
        # The production server (gunicorn), with the development key generated in MOTCUA_HOME;
        # the deployment warnings (HTTPS, HSTS) do not concern a demo on this machine.
        serve.run(host, settings.MOTCUA_SERVE_WORKERS, show_warnings=False)

    def _print_summary(self, summary, seconds: float):
        from motcua.catalog.models import Field, Procedure
        from motcua.dossiers.models import Dossier
        from motcua.units.models import Unit

        out = self.stdout.write
        u, p, d = summary.units, summary.procedures, summary.dossiers
        out("Dữ liệu mẫu motcua — Tỉnh Thanh Hóa, Huyện Hoằng Hóa (đến 30/06/2025) và các xã")
        out(f"  Đơn vị hành chính: {_n(Unit.objects.count())} (mới {u.created}, cập nhật {u.updated}, không đổi {u.unchanged})")
        out(
            f"  Thủ tục hành chính: {_n(Procedure.objects.count())} thuộc {Field.objects.count()} lĩnh vực "
            f"(mới {p.created}, cập nhật {p.updated}, không đổi {p.unchanged})"
        )
        periods = ", ".join(f"{_d(a)}–{_d(b)}" for a, b in summary.periods)
        out(f"  Hồ sơ: {_n(Dossier.objects.count())} (mới {_n(d.created)}, đã có {_n(summary.dossiers_already_there)}); kỳ sinh: {periods}")
        rows = (
            Unit.objects.filter(code__in=install.commune_codes())
            .annotate(n=Count("dossiers"))
            .order_by("code", "valid_from")
            .values_list("name", "code", "n")
        )
        for name, code, n in rows:
            out(f"    {name} ({code}): {_n(n)} hồ sơ")
        if summary.register_years:
            out(f"  Sổ theo dõi cải cách hành chính: {summary.register_years} lượt xã–năm mới ghi")
        if summary.feedback:
            out(f"  Phản ánh, kiến nghị mẫu: {summary.feedback}")
        if summary.portal_queued:
            out(f"  Hồ sơ chờ đồng bộ lên Cổng DVC quốc gia: {_n(summary.portal_queued)}")
        took = f"{seconds:.1f}".replace(".", ",")
        out(f"  Tài khoản mới: {summary.users_created}. Xong sau {took} giây.")

    def _print_logins(self):
        from motcua.accounts.models import Role, User

        out = self.stdout.write
        names = dict(Role.choices)
        users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in install.DEMO_USERS]).select_related("unit")}
        out("")
        out(f"Tài khoản dùng thử — mật khẩu chung: {install.DEMO_PASSWORD}")
        out("(chỉ dành cho dữ liệu mẫu; không dùng các tài khoản này khi triển khai thật)")
        rows = [("Tên đăng nhập", "Vai trò", "Đơn vị")]
        for spec in install.DEMO_USERS:
            user = users.get(spec.username)
            unit = f"{user.unit.name} ({user.unit.code})" if user and user.unit else ""
            rows.append((spec.username, names.get(spec.role, spec.role), unit))
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for i, row in enumerate(rows):
            out("  " + "  ".join(cell.ljust(widths[j]) for j, cell in enumerate(row)).rstrip())
            if i == 0:
                out("  " + "  ".join("-" * w for w in widths))
