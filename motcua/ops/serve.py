"""The production web server: gunicorn running motcua's WSGI application.

`motcua serve` and `motcua demo` both come here; Django's development server
is never used to serve motcua. Static files are served by whitenoise from the
same process (settings.MIDDLEWARE).
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.core.management.base import CommandError

logger = logging.getLogger(__name__)


def address(text: str) -> str:
    """Validate HOST:PORT for argparse (a bad one is a bad argument: exit status 2)."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"địa chỉ phải có dạng HOST:CỔNG, ví dụ 127.0.0.1:8000: {text!r}")
    return text


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"phải là số nguyên dương: {text!r}")
    return int(text)


@dataclass(frozen=True)
class CheckReport:
    errors: list[checks.CheckMessage]
    warnings: list[checks.CheckMessage]


def deploy_checks() -> CheckReport:
    """Run every system check with Django's deployment checks (`check --deploy`).

    ERROR and CRITICAL messages stop the server; warnings (HSTS, HTTPS redirect,
    secure cookies — often the reverse proxy's job) are printed and let it start.
    """
    messages = checks.run_checks(include_deployment_checks=True)
    messages = [m for m in messages if not m.is_silenced()]
    return CheckReport(
        errors=[m for m in messages if m.level >= checks.ERROR],
        warnings=[m for m in messages if checks.WARNING <= m.level < checks.ERROR],
    )


def gunicorn_options(addr: str, workers: int) -> dict:
    """The gunicorn settings motcua runs with, from its own MOTCUA_SERVE_* settings."""
    threads = settings.MOTCUA_SERVE_THREADS
    logging_config = dict(settings.LOGGING)
    # gunicorn's own loggers hand their records to motcua's root handler (text or JSON lines).
    logging_config["loggers"] = {
        "gunicorn.error": {"level": settings.MOTCUA_LOG_LEVEL, "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": True},
    }
    return {
        "bind": [addr],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": settings.MOTCUA_SERVE_TIMEOUT,
        "graceful_timeout": 30,
        "proc_name": "motcua",
        # No control socket in the home directory: several servers may run on one machine.
        "control_socket_disable": True,
        "logconfig_dict": logging_config,
    }


def run(addr: str, workers: int, *, show_warnings: bool = True) -> None:
    """Check the deployment, then serve until stopped (SIGINT / SIGTERM)."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    report = deploy_checks()
    if show_warnings:
        for message in report.warnings:
            logger.warning("cảnh báo triển khai: %s", message)
    if report.errors:
        for message in report.errors[1:]:
            logger.error("lỗi triển khai: %s", message)
        raise CommandError(f"không chạy máy chủ vì kiểm tra triển khai (check --deploy) báo lỗi: {report.errors[0]}")
    # The workers are forked from this process: none may inherit its database connection.
    connections.close_all()

    options = gunicorn_options(addr, workers)

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from motcua.wsgi import application

            return application

    Server().run()
