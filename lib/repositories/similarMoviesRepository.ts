import type { Client, InStatement, InValue } from '@libsql/client';
import type { Movie } from '../schemas/movies';
import { movieColumnsOf, toMovie } from './movieRows';
import { explain } from './queryPlan';

/**
 * Similar films, bounded however many ratings the catalogue holds. Co-ratings read at most SIMILAR_FANS
 * people who rated the film 4-5 (one range of ratings_by_movie_value_user, 5s first) and, for each of them, at
 * most SIMILAR_LIKES_PER_FAN films they rated 4-5 (one range of ratings_by_user_value_movie): at most
 * 16 + 16 × 16 = 272 index entries (each co-rated entry costs ~15 µs on the bench's machine, so this is what
 * fits in 10 ms). The director's films are one range of movies_by_director (at most SIMILAR_CANDIDATES), and
 * films sharing a genre are looked for among the SIMILAR_CANDIDATES films nearest in year on each side (two
 * ranges of movies_by_year, each film's genres checked through its own index).
 */
const SIMILAR_FANS = 16;
const SIMILAR_LIKES_PER_FAN = 16;
const SIMILAR_CANDIDATES = 200;

function similarStatement(id: number, limit: number): InStatement {
  return {
    sql: `WITH target AS (SELECT id, director, year, genres FROM movies WHERE id = :id),
      fans AS (
        SELECT user_id FROM ratings WHERE movie_id = :id AND value >= 4 AND user_id IS NOT NULL ORDER BY value DESC LIMIT ${SIMILAR_FANS}
      ),
      co_rated AS (
        SELECT m.id, 0 AS stage, -count(*) AS closeness
        FROM fans f JOIN movies m ON m.id IN (
          SELECT movie_id FROM ratings WHERE user_id = f.user_id AND value >= 4 AND user_id IS NOT NULL
          ORDER BY value DESC LIMIT ${SIMILAR_LIKES_PER_FAN}
        )
        WHERE m.id <> :id
        GROUP BY m.id
      ),
      same_director AS (
        SELECT c.id, 1 AS stage, coalesce(abs(c.year - t.year), 1e9) AS closeness
        FROM target t JOIN (
          SELECT id, year FROM movies WHERE director = (SELECT director FROM target) AND director IS NOT NULL LIMIT ${SIMILAR_CANDIDATES}
        ) c ON c.id <> t.id
      ),
      near_in_year AS (
        SELECT * FROM (SELECT id, year FROM movies WHERE year >= (SELECT year FROM target) ORDER BY year LIMIT ${SIMILAR_CANDIDATES})
        UNION ALL
        SELECT * FROM (SELECT id, year FROM movies WHERE year < (SELECT year FROM target) ORDER BY year DESC LIMIT ${SIMILAR_CANDIDATES})
      ),
      same_genre AS (
        SELECT c.id, 2 AS stage, abs(c.year - t.year) AS closeness
        FROM target t JOIN near_in_year c ON c.id <> t.id
        WHERE EXISTS (
          SELECT 1 FROM movie_genres g WHERE g.movie_id = c.id AND g.genre IN (SELECT value FROM json_each(t.genres))
        )
      ),
      candidates AS (
        SELECT id, stage, closeness, row_number() OVER (PARTITION BY id ORDER BY stage, closeness) AS nth
        FROM (SELECT * FROM co_rated UNION ALL SELECT * FROM same_director UNION ALL SELECT * FROM same_genre)
      ),
      best AS (SELECT id, stage, closeness FROM candidates WHERE nth = 1 ORDER BY stage, closeness, id LIMIT :limit)
      SELECT ${movieColumnsOf('m')} FROM best b JOIN movies m ON m.id = b.id ORDER BY b.stage, b.closeness, b.id`,
    args: { id, limit },
  };
}

/** Films like a given one, read in one bounded query. */
export function createSimilarMoviesRepository(db: Client) {
  return {
    /**
     * The films most like this one, best first (see similarStatement); undefined when the movie does not exist.
     * Both reads run in one round trip, from one snapshot.
     */
    async similarTo(id: number, limit: number): Promise<Movie[] | undefined> {
      const [exists, similar] = await db.batch(
        [{ sql: 'SELECT 1 FROM movies WHERE id = ?', args: [id] }, similarStatement(id, limit)],
        'read',
      );
      return exists!.rows.length === 0 ? undefined : similar!.rows.map(toMovie);
    },

    /** How SQLite runs the similar-films query: for the test that keeps its reads bounded. */
    async similarQueryPlan(id: number, limit: number): Promise<string[]> {
      const { sql, args } = similarStatement(id, limit) as { sql: string; args: Record<string, InValue> };
      return explain(db, { sql, args });
    },
  };
}

export type SimilarMoviesRepository = ReturnType<typeof createSimilarMoviesRepository>;
