"""Django's database cache with an atomic `incr`, so counters hold across worker processes.

Django's `BaseCache.incr` reads the value and writes the sum: two workers
counting at once both write the same number and one count is lost. Here the
write is a compare-and-swap: `UPDATE … WHERE value = <what was read>`; a
writer that lost the race reads again. PostgreSQL re-checks the condition
after the other writer's commit, SQLite serialises writers, so no count is lost.
"""

from __future__ import annotations

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils import timezone

_TRIES = 100


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, value_, key_, expires_ = quote(self._table), quote("value"), quote("cache_key"), quote("expires")
        for _ in range(_TRIES):
            now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {value_} FROM {table} WHERE {key_} = %s AND {expires_} >= %s", [key, now])
                row = cursor.fetchone()
                if row is None:
                    raise ValueError(f"Key '{key}' not found")
                new = pickle.loads(base64.b64decode(row[0].encode())) + delta
                encoded = base64.b64encode(pickle.dumps(new, self.pickle_protocol)).decode("latin1")
                cursor.execute(
                    f"UPDATE {table} SET {value_} = %s WHERE {key_} = %s AND {value_} = %s AND {expires_} >= %s",
                    [encoded, key, row[0], now],
                )
                if cursor.rowcount == 1:
                    return new
        raise RuntimeError(f"the counter {key!r} kept changing under {_TRIES} tries")
