"""GET /healthz: is the database answering, is a worker reporting in, how many tasks wait (exchange.md, Operations).

Public (a load balancer or monitor calls it without signing in) and free of personal data.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from motcua.jobs.workers import queue_length, worker_state


@never_cache
@require_GET
def healthz(request):
    """Answer 200 with the worker's state and the queue length, or 503 when the database is unreachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        state, waiting = worker_state(), queue_length()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "worker": state.value, "queue": waiting})
