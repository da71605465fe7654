-- Accounts. Emails are stored lower-cased and compared without case, so Ann@x and ann@x are one account.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (email = lower(email)),
  username TEXT,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'basic' CHECK (role IN ('basic', 'admin')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Every refresh token issued, by its jti. Tokens descending from one sign-in share a family: a token
-- presented a second time means it leaked, and the whole family is revoked.
CREATE TABLE refresh_tokens (
  jti TEXT PRIMARY KEY,
  family TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  used_at TEXT,
  revoked_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family);

-- One rating per signed-in user and movie. Anonymous ratings have a NULL user_id, and NULLs are
-- distinct in a UNIQUE index, so they stay unlimited.
CREATE UNIQUE INDEX ratings_one_per_user_and_movie ON ratings (movie_id, user_id);
CREATE INDEX ratings_by_user ON ratings (user_id, id) WHERE user_id IS NOT NULL;
