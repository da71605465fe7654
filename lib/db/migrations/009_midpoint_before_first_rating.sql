-- Until the catalogue holds a rating, C (catalogue_stats.rating_mean) is unknown. 007 let each movie's own mean
-- stand in for it, which made every score the plain mean until the first refresh: one 5 outranked thirty 5s.
-- C is now the scale's midpoint, 3, until a refresh first finds a rating, so the score is fair from the first one.
-- (3.0, a REAL: the whole formula stays in floating point when rating_mean is NULL.)
DROP VIEW movie_scores;
CREATE VIEW movie_scores AS
SELECT m.id,
  CASE WHEN m.rating_count = 0 THEN NULL ELSE
    (m.rating_sum + s.score_min_votes * coalesce(s.rating_mean, 3.0)) / (m.rating_count + s.score_min_votes)
  END AS score,
  CASE WHEN m.imdb_rating IS NULL OR m.imdb_votes IS NULL OR s.imdb_mean IS NULL THEN NULL ELSE
    (m.imdb_votes * m.imdb_rating + 25000 * s.imdb_mean) / (m.imdb_votes + 25000)
  END AS reference_score
FROM movies m JOIN catalogue_stats s ON s.id = 1;

-- The films rated before any refresh were scored by their own mean: they are scored again with C = 3.
UPDATE movies SET score = c.score FROM movie_scores c WHERE c.id = movies.id AND movies.score IS NOT c.score;
