import type { Client, InStatement, InValue, Row } from '@libsql/client';
import type { Movie } from '../schemas/movies';
import { FAVOURITE_GENRES, FILL_POOL, LIKERS_PER_FILM, LIKES_PER_LIKER, MAX_REASONS, RECENT_LIKES } from '../schemas/recommendations';
import { movieColumnsOf, toMovie } from './movieRows';
import { explain } from './queryPlan';
import { column } from './rows';

/**
 * The bounds of the one read (lib/schemas/recommendations.ts, where the contract's description reads them too), so its
 * work does not grow with the catalogue or the ratings (migration 013's indexes, newest first): the caller's
 * RECENT_LIKES most recent likes (ratings of 4-5); for each, its LIKERS_PER_FILM most recent other likers; for each
 * liker, their LIKES_PER_LIKER most recent likes: at most 10 + 10 × 5 + 50 × 8 = 460 index entries. The fill-up reads
 * the FILL_POOL best-scored films the caller has not rated (one backward range of movies_by_score, skipping the
 * caller's own films) and keeps, first, those of the caller's FAVOURITE_GENRES.
 */
export { RECENT_LIKES, LIKERS_PER_FILM, LIKES_PER_LIKER, FAVOURITE_GENRES, FILL_POOL, MAX_REASONS };

/**
 * "Liked" is a rating of 4-5 by a signed-in user: the terms migration 013's partial indexes are defined by. Each
 * step names its index (INDEXED BY): the planner would otherwise pick migration 007's (user_id, value, movie_id),
 * which reads every like of a film and sorts them, and a film's likes grow without bound.
 */
const LIKED = 'value >= 4 AND user_id IS NOT NULL';
const NOT_RATED_BY_CALLER = (movieId: string) =>
  `NOT EXISTS (SELECT 1 FROM ratings mr WHERE mr.movie_id = ${movieId} AND mr.user_id = :me)`;
/** The top-rated order of `ordering=-score`, which every stage ends with. */
const TOP_RATED = (alias: string) => `${alias}.score DESC, ${alias}.reference_score DESC, ${alias}.id DESC`;

/**
 * Stage 0: films the caller's fellow likers liked, by support (how many of them liked it); stage 1: the best-scored
 * films of the caller's favourite genres (the genres of their recent likes, most frequent first); stage 2: the
 * top-rated films. Each film once, in its first stage; never one the caller rated. Reasons: for stage 0 the caller's
 * films that led to it through the most likers, for stage 1 those sharing most of its favourite genres (ties by id).
 */
function recommendationsStatement(me: number, limit: number): InStatement {
  return {
    sql: `WITH mine AS MATERIALIZED (
        SELECT movie_id FROM ratings INDEXED BY ratings_liked_by_user WHERE user_id = :me AND ${LIKED}
        ORDER BY updated_at DESC, movie_id DESC LIMIT ${RECENT_LIKES}
      ),
      likers AS MATERIALIZED (
        SELECT s.movie_id AS seed, u.id AS liker FROM mine s JOIN users u ON u.id IN (
          SELECT user_id FROM ratings INDEXED BY ratings_liked_by_movie WHERE movie_id = s.movie_id AND ${LIKED} AND user_id <> :me
          ORDER BY updated_at DESC, user_id DESC LIMIT ${LIKERS_PER_FILM}
        )
      ),
      their_likes AS MATERIALIZED (
        SELECT l.liker, m.id AS movie_id FROM (SELECT DISTINCT liker FROM likers) l JOIN movies m ON m.id IN (
          SELECT movie_id FROM ratings INDEXED BY ratings_liked_by_user WHERE user_id = l.liker AND ${LIKED}
          ORDER BY updated_at DESC, movie_id DESC LIMIT ${LIKES_PER_LIKER}
        )
        WHERE ${NOT_RATED_BY_CALLER('m.id')}
      ),
      favourite_genres AS MATERIALIZED (
        SELECT g.genre FROM mine s CROSS JOIN movie_genres g ON g.movie_id = s.movie_id
        GROUP BY g.genre ORDER BY count(*) DESC, g.genre LIMIT ${FAVOURITE_GENRES}
      ),
      pool AS MATERIALIZED (
        SELECT m.id FROM movies m WHERE ${NOT_RATED_BY_CALLER('m.id')} ORDER BY ${TOP_RATED('m')} LIMIT ${FILL_POOL}
      ),
      candidates AS (
        SELECT movie_id AS id, 0 AS stage, count(*) AS support FROM their_likes GROUP BY movie_id
        UNION ALL
        SELECT p.id, 1, 0 FROM pool p
        WHERE EXISTS (SELECT 1 FROM movie_genres g WHERE g.movie_id = p.id AND g.genre IN (SELECT genre FROM favourite_genres))
        UNION ALL
        SELECT id, 2, 0 FROM pool
      ),
      chosen AS MATERIALIZED (
        SELECT c.id, min(c.stage) AS stage, max(c.support) AS support FROM candidates c GROUP BY c.id
      ),
      best AS MATERIALIZED (
        SELECT c.id, c.stage, c.support FROM chosen c JOIN movies m ON m.id = c.id
        ORDER BY c.stage, c.support DESC, ${TOP_RATED('m')} LIMIT :limit
      ),
      paths AS (
        SELECT b.id, l.seed, count(*) AS strength FROM best b
        JOIN their_likes t ON b.stage = 0 AND t.movie_id = b.id JOIN likers l ON l.liker = t.liker
        GROUP BY b.id, l.seed
        UNION ALL
        SELECT b.id, s.movie_id, count(*) FROM best b JOIN movie_genres g ON b.stage = 1 AND g.movie_id = b.id
        JOIN favourite_genres f ON f.genre = g.genre CROSS JOIN mine s
        WHERE EXISTS (SELECT 1 FROM movie_genres sg WHERE sg.movie_id = s.movie_id AND sg.genre = g.genre)
        GROUP BY b.id, s.movie_id
      ),
      reasons AS (
        SELECT id, seed, row_number() OVER (PARTITION BY id ORDER BY strength DESC, seed) AS nth FROM paths
      ),
      because AS (
        SELECT id, ${Array.from({ length: MAX_REASONS }, (_, i) => `max(CASE nth WHEN ${i + 1} THEN seed END) AS because_${i + 1}`).join(', ')}
        FROM reasons WHERE nth <= ${MAX_REASONS} GROUP BY id
      )
      SELECT ${movieColumnsOf('m')}, ${Array.from({ length: MAX_REASONS }, (_, i) => `r.because_${i + 1}`).join(', ')}
      FROM best b JOIN movies m ON m.id = b.id LEFT JOIN because r ON r.id = b.id
      ORDER BY b.stage, b.support DESC, ${TOP_RATED('m')}`,
    args: { me, limit },
  };
}

export interface Recommendation {
  movie: Movie;
  /** The caller's films that led to it, the strongest reason first; empty for a top-rated fill-up. */
  because: number[];
}

const reasonsOf = (row: Row): number[] =>
  Array.from({ length: MAX_REASONS }, (_, i) => column<number | null>(row, `because_${i + 1}`)).filter((id): id is number => id !== null);

/** Films for one person, read in one bounded query from one snapshot. */
export function createRecommendationsRepository(db: Client) {
  return {
    /** At most `limit` films for user `me`, best first (see recommendationsStatement). */
    async recommendFor(me: number, limit: number): Promise<Recommendation[]> {
      const result = await db.execute(recommendationsStatement(me, limit));
      return result.rows.map((row) => ({ movie: toMovie(row), because: reasonsOf(row) }));
    },

    /** How SQLite runs the recommendations query: for the test that keeps its reads bounded. */
    async recommendationsQueryPlan(me: number, limit: number): Promise<string[]> {
      const { sql, args } = recommendationsStatement(me, limit) as { sql: string; args: Record<string, InValue> };
      return explain(db, { sql, args });
    },
  };
}

export type RecommendationsRepository = ReturnType<typeof createRecommendationsRepository>;
