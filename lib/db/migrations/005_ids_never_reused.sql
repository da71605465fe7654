-- (Runs after the rebuild in 005_ids_never_reused.ts has made users, movies, ratings and collections
-- AUTOINCREMENT, so no id is ever handed out twice, and tied ratings.user_id to users.)

-- One row per sign-in: every access and refresh token names the sign-in it belongs to (`sid`), and a
-- token is honoured only while its sign-in is here and not revoked. Logging out, a detected refresh-token
-- reuse and deleting the account end a sign-in, and with it every token issued in it, at once.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- A refresh token's family has always been its sign-in: the families issued before this migration become
-- sign-ins, so refresh tokens already out keep working (and revoked families stay revoked).
INSERT INTO sessions (id, user_id, created_at, revoked_at)
  SELECT family, min(user_id), min(created_at), max(revoked_at) FROM refresh_tokens GROUP BY family;
