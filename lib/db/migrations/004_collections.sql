-- A user's named lists of movies. Only the owner ever sees one; deleting the user deletes them.
CREATE TABLE collections (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description TEXT CHECK (description IS NULL OR length(description) <= 2000),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX collections_by_user ON collections (user_id, id);

-- The movies of a collection in the order the owner gave, each at most once (at most 500: the API's rule).
CREATE TABLE collection_movies (
  collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  movie_id INTEGER NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
  PRIMARY KEY (collection_id, position),
  UNIQUE (collection_id, movie_id)
) WITHOUT ROWID;
CREATE INDEX collection_movies_by_movie ON collection_movies (movie_id);
