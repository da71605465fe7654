-- How a movie's ratings spread over the five values, kept beside rating_sum/rating_count so a read never
-- scans ratings. Triggers on ratings keep them in the very statement that writes a rating, so every kind of
-- rating write (create, re-rate, update, delete, a deleted account's or movie's ratings) moves them with it.
ALTER TABLE movies ADD COLUMN rating_count_1 INTEGER NOT NULL DEFAULT 0 CHECK (rating_count_1 >= 0);
ALTER TABLE movies ADD COLUMN rating_count_2 INTEGER NOT NULL DEFAULT 0 CHECK (rating_count_2 >= 0);
ALTER TABLE movies ADD COLUMN rating_count_3 INTEGER NOT NULL DEFAULT 0 CHECK (rating_count_3 >= 0);
ALTER TABLE movies ADD COLUMN rating_count_4 INTEGER NOT NULL DEFAULT 0 CHECK (rating_count_4 >= 0);
ALTER TABLE movies ADD COLUMN rating_count_5 INTEGER NOT NULL DEFAULT 0 CHECK (rating_count_5 >= 0);

UPDATE movies SET
  rating_count_1 = d.n1, rating_count_2 = d.n2, rating_count_3 = d.n3, rating_count_4 = d.n4, rating_count_5 = d.n5
FROM (
  SELECT movie_id, sum(value = 1) AS n1, sum(value = 2) AS n2, sum(value = 3) AS n3, sum(value = 4) AS n4, sum(value = 5) AS n5
  FROM ratings GROUP BY movie_id
) AS d
WHERE d.movie_id = movies.id;

CREATE TRIGGER ratings_distribution_after_insert AFTER INSERT ON ratings BEGIN
  UPDATE movies SET
    rating_count_1 = rating_count_1 + (NEW.value = 1), rating_count_2 = rating_count_2 + (NEW.value = 2),
    rating_count_3 = rating_count_3 + (NEW.value = 3), rating_count_4 = rating_count_4 + (NEW.value = 4),
    rating_count_5 = rating_count_5 + (NEW.value = 5)
  WHERE id = NEW.movie_id;
END;

CREATE TRIGGER ratings_distribution_after_delete AFTER DELETE ON ratings BEGIN
  UPDATE movies SET
    rating_count_1 = rating_count_1 - (OLD.value = 1), rating_count_2 = rating_count_2 - (OLD.value = 2),
    rating_count_3 = rating_count_3 - (OLD.value = 3), rating_count_4 = rating_count_4 - (OLD.value = 4),
    rating_count_5 = rating_count_5 - (OLD.value = 5)
  WHERE id = OLD.movie_id;
END;

CREATE TRIGGER ratings_distribution_after_update AFTER UPDATE OF value ON ratings WHEN OLD.value <> NEW.value BEGIN
  UPDATE movies SET
    rating_count_1 = rating_count_1 - (OLD.value = 1) + (NEW.value = 1), rating_count_2 = rating_count_2 - (OLD.value = 2) + (NEW.value = 2),
    rating_count_3 = rating_count_3 - (OLD.value = 3) + (NEW.value = 3), rating_count_4 = rating_count_4 - (OLD.value = 4) + (NEW.value = 4),
    rating_count_5 = rating_count_5 - (OLD.value = 5) + (NEW.value = 5)
  WHERE id = NEW.movie_id;
END;

-- The figures the bundled dataset carries for imported films; null for the rest.
ALTER TABLE movies ADD COLUMN imdb_rating REAL CHECK (imdb_rating IS NULL OR imdb_rating BETWEEN 0 AND 10);
ALTER TABLE movies ADD COLUMN imdb_votes INTEGER CHECK (imdb_votes IS NULL OR imdb_votes >= 0);
ALTER TABLE movies ADD COLUMN rotten_tomatoes INTEGER CHECK (rotten_tomatoes IS NULL OR rotten_tomatoes BETWEEN 0 AND 100);

-- The catalogue-wide figures the scores are built from, in one row: C (the mean of every rating), m
-- (SCORE_MIN_VOTES) and the mean IMDb rating of the films that have one. A scheduled function refreshes them.
CREATE TABLE catalogue_stats (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  rating_mean REAL,
  score_min_votes INTEGER NOT NULL DEFAULT 10 CHECK (score_min_votes >= 0),
  imdb_mean REAL,
  refreshed_at TEXT
);
INSERT INTO catalogue_stats (id, rating_mean, imdb_mean, refreshed_at)
SELECT 1,
  (SELECT CAST(sum(rating_sum) AS REAL) / nullif(sum(rating_count), 0) FROM movies),
  NULL,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

-- The one home of both score formulas. score: the Bayesian average v/(v+m)·R + m/(v+m)·C, null while unrated
-- (until C is first known, a movie's own mean stands in for it). reference_score: the same formula over the
-- film's IMDb rating and votes (m = 25,000 votes, IMDb's own Top 250 threshold, on its 1-10 scale), used only
-- to order films that have no score of their own, so "top rated" means something before anyone has rated.
CREATE VIEW movie_scores AS
SELECT m.id,
  CASE WHEN m.rating_count = 0 THEN NULL ELSE
    (m.rating_sum + s.score_min_votes * coalesce(s.rating_mean, CAST(m.rating_sum AS REAL) / m.rating_count))
      / (m.rating_count + s.score_min_votes)
  END AS score,
  CASE WHEN m.imdb_rating IS NULL OR m.imdb_votes IS NULL OR s.imdb_mean IS NULL THEN NULL ELSE
    (m.imdb_votes * m.imdb_rating + 25000 * s.imdb_mean) / (m.imdb_votes + 25000)
  END AS reference_score
FROM movies m JOIN catalogue_stats s ON s.id = 1;

ALTER TABLE movies ADD COLUMN score REAL;
ALTER TABLE movies ADD COLUMN reference_score REAL;
UPDATE movies SET score = c.score FROM movie_scores c WHERE c.id = movies.id AND movies.rating_count > 0;

-- A movie's own score follows its ratings at once, with the C last stored, in the statement that moves its
-- aggregates (so in the same atomic batch as the rating).
CREATE TRIGGER movies_score_after_aggregates AFTER UPDATE OF rating_sum, rating_count ON movies BEGIN
  UPDATE movies SET score = (SELECT score FROM movie_scores WHERE id = NEW.id) WHERE id = NEW.id;
END;

-- "Top rated" (ordering=-score) reads this index backwards: rated films by score, then the unrated by their
-- reference score, each tie broken by the rowid the index ends with.
CREATE INDEX movies_by_score ON movies (score, reference_score);

-- Similar films: films by the same director, and, for co-ratings, the fans of a film (who rated it 4-5) and
-- the films each of them liked, read as bounded index ranges. Anonymous ratings have no user and stay out.
CREATE INDEX movies_by_director ON movies (director) WHERE director IS NOT NULL;
CREATE INDEX ratings_by_movie_value_user ON ratings (movie_id, value, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX ratings_by_user_value_movie ON ratings (user_id, value, movie_id) WHERE user_id IS NOT NULL;

-- When the stored summary was written. Summaries stored before this migration were written when their row
-- was last updated (storing one is the only later write to a movie's row).
ALTER TABLE movies ADD COLUMN summary_generated_at TEXT;
UPDATE movies SET summary_generated_at = updated_at WHERE summary IS NOT NULL;
-- The old offline writer's text ("Its story is yours to discover.") said nothing: it is dropped so that the
-- next read writes a facts summary in its place. LLM-written summaries stay.
UPDATE movies SET summary = NULL, summary_source = NULL, summary_generated_at = NULL WHERE summary_source = 'simulated';
