-- A hard cap on a counter (per-client write limits, the LLM budget): the counter's hit rides in the same
-- batch as the work it pays for, and a hit past the cap aborts the statement, so the whole batch, the work
-- included, rolls back and nothing is stored. Counters without a cap (the /auth/* limit, the backoff) count on.
ALTER TABLE throttle_counters ADD COLUMN cap INTEGER CHECK (cap IS NULL OR cap >= 0);

CREATE TRIGGER throttle_counters_cap_on_update BEFORE UPDATE OF count ON throttle_counters
WHEN NEW.cap IS NOT NULL AND NEW.count > NEW.cap
BEGIN
  SELECT RAISE(ABORT, 'throttle cap reached');
END;

CREATE TRIGGER throttle_counters_cap_on_insert BEFORE INSERT ON throttle_counters
WHEN NEW.cap IS NOT NULL AND NEW.count > NEW.cap
BEGIN
  SELECT RAISE(ABORT, 'throttle cap reached');
END;
