import type { Client } from '@libsql/client';

const SYNTHETIC_GENRES = ['Drama', 'Comedy', 'Action', 'Thriller', 'Horror', 'Romance', 'Documentary', 'Adventure'];

/** A CTE counting 1..n, for generating rows inside the database rather than shipping them over. */
const counting = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;

/**
 * Adds `movies` synthetic movies (with stored summaries, so reads never call the LLM) and `ratings` ratings
 * spread evenly over them, with exact aggregates. Returns the id range of the synthetic movies.
 */
export async function addSyntheticCatalogue(db: Client, movies: number, ratings: number): Promise<{ firstId: number; lastId: number }> {
  const genres = JSON.stringify(SYNTHETIC_GENRES);
  const before = Number((await db.execute('SELECT coalesce(max(id), 0) AS id FROM movies')).rows[0]?.id);
  await db.execute(
    `${counting(movies)}
     INSERT INTO movies (title, genres, year, summary, summary_source)
     SELECT 'Synthetic film ' || i, json_array(json_extract('${genres}', '$[' || (i % 8) || ']')), 1900 + i % 125,
            'A stored summary of synthetic film ' || i || '.', 'facts'
     FROM n`,
  );
  const firstId = before + 1;
  const lastId = before + movies;
  await db.execute(`${counting(ratings)} INSERT INTO ratings (movie_id, value) SELECT ${firstId} + (i % ${movies}), 1 + (i % 5) FROM n`);
  await db.execute(
    `UPDATE movies SET rating_sum = r.s, rating_count = r.c
     FROM (SELECT movie_id, sum(value) AS s, count(*) AS c FROM ratings WHERE movie_id BETWEEN ${firstId} AND ${lastId} GROUP BY movie_id) AS r
     WHERE movies.id = r.movie_id`,
  );
  return { firstId, lastId };
}

/** Gives one movie `count` more ratings and keeps its aggregate exact. */
export async function addRatingsTo(db: Client, movieId: number, count: number): Promise<void> {
  await db.batch(
    [
      `${counting(count)} INSERT INTO ratings (movie_id, value) SELECT ${movieId}, 1 + (i % 5) FROM n`,
      `UPDATE movies SET rating_sum = (SELECT sum(value) FROM ratings WHERE movie_id = ${movieId}),
                         rating_count = (SELECT count(*) FROM ratings WHERE movie_id = ${movieId})
       WHERE id = ${movieId}`,
    ],
    'write',
  );
}
