-- The films a user means to watch. An entry goes with its account and with its movie (ON DELETE CASCADE); adding
-- one twice keeps the first (the primary key), and the rowid breaks ties of added_at, newest first.
CREATE TABLE watchlist (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  movie_id INTEGER NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (user_id, movie_id)
);
CREATE INDEX watchlist_by_user_added ON watchlist (user_id, added_at);
CREATE INDEX watchlist_by_movie ON watchlist (movie_id);

-- Rating a film takes it off its rater's watchlist, in the statement that writes the rating (so in the same atomic
-- write, whichever writes it: POST /ratings/, a changed rating, an import). Anonymous ratings have no watchlist.
CREATE TRIGGER ratings_leave_watchlist_after_insert AFTER INSERT ON ratings WHEN NEW.user_id IS NOT NULL BEGIN
  DELETE FROM watchlist WHERE user_id = NEW.user_id AND movie_id = NEW.movie_id;
END;

CREATE TRIGGER ratings_leave_watchlist_after_update AFTER UPDATE OF value ON ratings WHEN NEW.user_id IS NOT NULL BEGIN
  DELETE FROM watchlist WHERE user_id = NEW.user_id AND movie_id = NEW.movie_id;
END;
