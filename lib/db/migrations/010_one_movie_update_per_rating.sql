-- A rating write rewrote its movie row three times: the repository's UPDATE of rating_sum/rating_count, the
-- score trigger that UPDATE fired, and the distribution trigger the rating's own INSERT/UPDATE/DELETE fired. One
-- trigger per kind of rating write now moves the sum, the count, the distribution and the score in one UPDATE,
-- inside the very statement that writes the rating: every kind of write (create, re-rate, PUT/PATCH, delete, a
-- deleted account's or movie's ratings) keeps them exact, and concurrent writers are serialised by the write lock
-- around that one statement. The score is movie_scores' formula (009) over the new sum and count, SET seeing the
-- row as it was: v/(v+m)·R + m/(v+m)·C with C = 3 until a refresh first finds a rating.
DROP TRIGGER movies_score_after_aggregates;
DROP TRIGGER ratings_distribution_after_insert;
DROP TRIGGER ratings_distribution_after_delete;
DROP TRIGGER ratings_distribution_after_update;

CREATE TRIGGER ratings_aggregates_after_insert AFTER INSERT ON ratings BEGIN
  UPDATE movies SET
    rating_sum = rating_sum + NEW.value,
    rating_count = rating_count + 1,
    rating_count_1 = rating_count_1 + (NEW.value = 1), rating_count_2 = rating_count_2 + (NEW.value = 2),
    rating_count_3 = rating_count_3 + (NEW.value = 3), rating_count_4 = rating_count_4 + (NEW.value = 4),
    rating_count_5 = rating_count_5 + (NEW.value = 5),
    score = (rating_sum + NEW.value + s.score_min_votes * coalesce(s.rating_mean, 3.0)) / (rating_count + 1 + s.score_min_votes)
  FROM catalogue_stats s
  WHERE s.id = 1 AND movies.id = NEW.movie_id;
END;

CREATE TRIGGER ratings_aggregates_after_delete AFTER DELETE ON ratings BEGIN
  UPDATE movies SET
    rating_sum = rating_sum - OLD.value,
    rating_count = rating_count - 1,
    rating_count_1 = rating_count_1 - (OLD.value = 1), rating_count_2 = rating_count_2 - (OLD.value = 2),
    rating_count_3 = rating_count_3 - (OLD.value = 3), rating_count_4 = rating_count_4 - (OLD.value = 4),
    rating_count_5 = rating_count_5 - (OLD.value = 5),
    score = CASE WHEN rating_count = 1 THEN NULL ELSE
      (rating_sum - OLD.value + s.score_min_votes * coalesce(s.rating_mean, 3.0)) / (rating_count - 1 + s.score_min_votes)
    END
  FROM catalogue_stats s
  WHERE s.id = 1 AND movies.id = OLD.movie_id;
END;

CREATE TRIGGER ratings_aggregates_after_update AFTER UPDATE OF value ON ratings WHEN OLD.value <> NEW.value BEGIN
  UPDATE movies SET
    rating_sum = rating_sum - OLD.value + NEW.value,
    rating_count_1 = rating_count_1 - (OLD.value = 1) + (NEW.value = 1), rating_count_2 = rating_count_2 - (OLD.value = 2) + (NEW.value = 2),
    rating_count_3 = rating_count_3 - (OLD.value = 3) + (NEW.value = 3), rating_count_4 = rating_count_4 - (OLD.value = 4) + (NEW.value = 4),
    rating_count_5 = rating_count_5 - (OLD.value = 5) + (NEW.value = 5),
    score = (rating_sum - OLD.value + NEW.value + s.score_min_votes * coalesce(s.rating_mean, 3.0)) / (rating_count + s.score_min_votes)
  FROM catalogue_stats s
  WHERE s.id = 1 AND movies.id = NEW.movie_id;
END;
