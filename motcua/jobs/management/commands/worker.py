"""`motcua worker`: run queued jobs (report reading, loads, notices, sweeps on their schedule) until stopped.

The loop is django-tasks-db's own worker (`db_worker`): it claims one task at a time
in a locking transaction (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, an exclusive
transaction on SQLite), so several workers may run at once and never run one task
twice. Around it this command adds what motcua needs: a heartbeat row, failing the
jobs of workers that died, and queueing the periodic sweep (motcua.jobs.workers).
SIGTERM/SIGINT stop it after the running task; a second signal stops it at once.
"""

import logging

from django.core.management.base import BaseCommand
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from motcua.jobs.workers import Housekeeping, new_worker_id

logger = logging.getLogger("motcua.jobs")


class Command(BaseCommand):
    help = (
        "Chạy các tác vụ nền trong hàng đợi (đọc báo cáo, nạp dữ liệu, nhắc hạn theo lịch) cho đến khi bị dừng; "
        "có thể chạy nhiều tiến trình cùng lúc."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="số giây chờ giữa hai lần xem hàng đợi khi không có việc (mặc định 1)"
        )
        parser.add_argument("--batch", action="store_true", help="chạy hết các tác vụ đang chờ rồi dừng")

    def handle(self, *args, interval, batch, **options):
        if interval < 0:
            interval = 0.0
        worker_id = new_worker_id()
        if not logging.getLogger("motcua.jobs").hasHandlers():
            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
        housekeeping = Housekeeping(worker_id)
        housekeeping.start()
        self.stdout.write(f"motcua worker {worker_id}: đang chờ tác vụ (Ctrl+C để dừng)")
        self.stdout.flush()
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not batch,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()
            housekeeping.stop()
            housekeeping.sign_off()
            self.stdout.write(f"motcua worker {worker_id}: đã dừng")
