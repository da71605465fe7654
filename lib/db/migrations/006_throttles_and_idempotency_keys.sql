-- The one throttling mechanism (lib/services/throttling): a counter per key, shared by every instance.
-- A fixed window counts hits from window_start_ms (per-client limits, budgets); a backoff counts
-- attempts in a row and waits from last_hit_ms. Rows untouched for a day are pruned.
CREATE TABLE throttle_counters (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL CHECK (count >= 0),
  window_start_ms INTEGER NOT NULL,
  last_hit_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX throttle_counters_by_last_hit ON throttle_counters (last_hit_ms);

-- Safe retries: the first request with an Idempotency-Key claims it (status NULL while in flight, until
-- locked_until_ms), and its answer is stored for 24 hours, per caller and route.
CREATE TABLE idempotency_keys (
  caller TEXT NOT NULL,
  route TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER,
  headers TEXT,
  body TEXT,
  locked_until_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  PRIMARY KEY (caller, route, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at_ms);
