-- Movies keep their rating aggregates beside them so reading a movie never scans its ratings:
-- the average is rating_sum / rating_count, both updated in the same batch as every rating write.
CREATE TABLE movies (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description TEXT,
  genres TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(genres) AND json_type(genres) = 'array'),
  year INTEGER,
  rating_sum INTEGER NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
  rating_count INTEGER NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
  summary TEXT,
  summary_source TEXT,
  -- A short lease so that only one Lambda instance at a time asks the LLM for this movie's summary.
  summary_lease_owner TEXT,
  summary_lease_expires_at INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One row per (genre, movie), kept in step with movies.genres by triggers, so genre filters use an index.
CREATE TABLE movie_genres (
  genre TEXT NOT NULL COLLATE NOCASE,
  movie_id INTEGER NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
  PRIMARY KEY (genre, movie_id)
) WITHOUT ROWID;
CREATE INDEX movie_genres_by_movie ON movie_genres (movie_id);

CREATE TRIGGER movies_genres_after_insert AFTER INSERT ON movies BEGIN
  INSERT OR IGNORE INTO movie_genres (genre, movie_id) SELECT value, NEW.id FROM json_each(NEW.genres);
END;

CREATE TRIGGER movies_genres_after_update AFTER UPDATE OF genres ON movies BEGIN
  DELETE FROM movie_genres WHERE movie_id = NEW.id;
  INSERT OR IGNORE INTO movie_genres (genre, movie_id) SELECT value, NEW.id FROM json_each(NEW.genres);
END;

CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  movie_id INTEGER NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
  user_id INTEGER,
  value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX ratings_by_movie ON ratings (movie_id);
