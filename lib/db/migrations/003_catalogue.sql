-- Films imported from the bundled dataset carry what it knows of them; both columns stay null for the rest.
ALTER TABLE movies ADD COLUMN director TEXT CHECK (director IS NULL OR length(director) BETWEEN 1 AND 200);
ALTER TABLE movies ADD COLUMN running_time_min INTEGER CHECK (running_time_min IS NULL OR running_time_min > 0);

-- The import identifies a film by its normalised title and year ("2005:king kong"), so a second run adds
-- nothing and remakes stay apart. Only imported rows have a key (NULLs never collide), so a movie a user
-- creates is never refused for sharing a title and year with one from the dataset.
ALTER TABLE movies ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX movies_by_import_key ON movies (import_key);

-- Title search: an FTS5 index over movies.title (external content: the text lives only in movies), kept
-- in step by triggers. unicode61 folds case and strips accents, so "amelie" finds "Amélie".
CREATE VIRTUAL TABLE movies_fts USING fts5 (title, content = 'movies', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
-- Movies stored before this migration are indexed once here.
INSERT INTO movies_fts (movies_fts) VALUES ('rebuild');

CREATE TRIGGER movies_fts_after_insert AFTER INSERT ON movies BEGIN
  INSERT INTO movies_fts (rowid, title) VALUES (NEW.id, NEW.title);
END;

CREATE TRIGGER movies_fts_after_delete AFTER DELETE ON movies BEGIN
  INSERT INTO movies_fts (movies_fts, rowid, title) VALUES ('delete', OLD.id, OLD.title);
END;

CREATE TRIGGER movies_fts_after_update_title AFTER UPDATE OF title ON movies BEGIN
  INSERT INTO movies_fts (movies_fts, rowid, title) VALUES ('delete', OLD.id, OLD.title);
  INSERT INTO movies_fts (rowid, title) VALUES (NEW.id, NEW.title);
END;

-- The mean rating as a column, so listings can order by it through an index; null while unrated.
ALTER TABLE movies ADD COLUMN rating REAL GENERATED ALWAYS AS (
  CASE WHEN rating_count = 0 THEN NULL ELSE CAST(rating_sum AS REAL) / rating_count END
) VIRTUAL;

-- One index per listing order (each ends with the rowid, which breaks ties), so a page is read in order
-- rather than sorted from the whole table.
CREATE INDEX movies_by_title ON movies (title COLLATE NOCASE);
CREATE INDEX movies_by_year ON movies (year);
CREATE INDEX movies_by_rating ON movies (rating);
CREATE INDEX movies_by_rating_count ON movies (rating_count);
CREATE INDEX movies_by_created_at ON movies (created_at);

-- Every request of every function adds one to a shard picked at random, so concurrent Lambdas rarely
-- write the same row; the count is the sum of the shards. A shard's row is made by its first increment.
CREATE TABLE request_counter_shards (
  shard INTEGER PRIMARY KEY CHECK (shard >= 0),
  count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0)
);
