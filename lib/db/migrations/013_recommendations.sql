-- Recommendations (GET /users/me/recommendations/) start from the caller's most recent likes (ratings of 4-5), go
-- to each of those films' most recent likers, then to each liker's most recent likes: each step one bounded range
-- of one of these indexes, newest first. They cover what each step reads (the next id and the value), so no step
-- reads the ratings table itself. Only likes by signed-in users are indexed: anonymous ratings have no one to follow.
CREATE INDEX ratings_liked_by_user ON ratings (user_id, updated_at, movie_id, value) WHERE value >= 4 AND user_id IS NOT NULL;
CREATE INDEX ratings_liked_by_movie ON ratings (movie_id, updated_at, user_id, value) WHERE value >= 4 AND user_id IS NOT NULL;
