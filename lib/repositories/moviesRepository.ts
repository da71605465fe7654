import type { Client, InStatement, InValue, Row } from '@libsql/client';
import type { Movie, MovieOrdering, MOVIE_ORDER_FIELDS } from '../schemas/movies';

type MovieOrderField = (typeof MOVIE_ORDER_FIELDS)[number];
import { column } from './rows';
import { SQL_NOW } from '../db/sql';

/** An admin's changes to a movie's facts: undefined leaves a field as it is. */
export interface MovieChanges {
  title?: string;
  description?: string | null;
  genres?: string[];
  year?: number | null;
}

export interface NewMovie {
  title: string;
  description?: string | null;
  genres?: string[];
  year?: number | null;
}

/** The columns every movie read selects; the average is derived here, never aggregated over ratings. */
export const MOVIE_COLUMNS =
  'id, title, description, genres, year, director, running_time_min, rating_sum, rating_count, ' +
  'rating_count_1, rating_count_2, rating_count_3, rating_count_4, rating_count_5, score, summary, summary_source, summary_generated_at, ' +
  'import_key, imdb_rating, imdb_votes, rotten_tomatoes, created_at';

/** MOVIE_COLUMNS qualified by a table alias, for queries that join movies to something else. */
export const movieColumnsOf = (alias: string) =>
  MOVIE_COLUMNS.split(', ')
    .map((name) => `${alias}.${name}`)
    .join(', ');

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

/** A film from the bundled dataset, identified by its import key. */
export interface ImportedMovie {
  title: string;
  year: number | null;
  genres: string[];
  director: string | null;
  running_time_min: number | null;
  import_key: string;
  imdb?: { rating: number; votes: number } | null;
  rotten_tomatoes?: number | null;
}

export interface RefreshedScores {
  /** C: the mean of every rating in the catalogue, null while there is none. */
  ratingMean: number | null;
  /** How many movies' stored scores changed. */
  changed: number;
}

export interface MovieListQuery {
  offset: number;
  limit: number;
  /** Words that must each start a word of the title, in any order. */
  search?: string;
  genre?: string;
  /** A field, prefixed with - for descending order; by title when absent. */
  ordering?: MovieOrdering;
}

/** Each listing order as SQL, matching its index in migration 003 (title's collation included). */
const ORDER_EXPRESSIONS: Record<MovieOrderField, string> = {
  title: 'title COLLATE NOCASE',
  year: 'year',
  rating: 'rating',
  rating_count: 'rating_count',
  // Unrated films (a null score) are ordered among themselves by their IMDb reference score: see migration 006.
  score: 'score',
  created_at: 'created_at',
};

function orderBy(ordering: MovieOrdering = 'title'): string {
  const descending = ordering.startsWith('-');
  const field = (descending ? ordering.slice(1) : ordering) as MovieOrderField;
  const direction = descending ? 'DESC' : 'ASC';
  const keys = field === 'score' ? ['score', 'reference_score', 'id'] : [ORDER_EXPRESSIONS[field], 'id'];
  return `ORDER BY ${keys.map((key) => `${key} ${direction}`).join(', ')}`;
}

/**
 * The FTS5 query for a user's search: each word quoted (so quotes, `*`, `-`, NEAR, AND… are only ever
 * text) and made a prefix, all of them required. Words are split as the unicode61 tokenizer splits
 * titles, on anything but letters and digits. Null when the search holds no word at all.
 */
export function titleMatchQuery(search: string): string | null {
  const words = search.match(/[\p{L}\p{N}]+/gu);
  return words ? words.map((word) => `"${word}"*`).join(' ') : null;
}

interface ListStatements {
  count: InStatement;
  page: InStatement;
}

function listStatements({ offset, limit, search, genre, ordering }: MovieListQuery): ListStatements | undefined {
  const where: string[] = [];
  const args: InValue[] = [];
  if (search !== undefined) {
    const match = titleMatchQuery(search);
    if (match === null) return undefined;
    where.push('id IN (SELECT rowid FROM movies_fts WHERE movies_fts MATCH ?)');
    args.push(match);
  }
  if (genre !== undefined) {
    // movie_genres.genre is NOCASE, so this compares case-insensitively through its primary key.
    where.push('id IN (SELECT movie_id FROM movie_genres WHERE genre = ?)');
    args.push(genre);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return {
    count: { sql: `SELECT count(*) AS count FROM movies ${filter}`, args },
    page: {
      sql: `SELECT ${MOVIE_COLUMNS} FROM movies ${filter} ${orderBy(ordering)} LIMIT ? OFFSET ?`,
      args: [...args, limit, offset],
    },
  };
}

const MOVIE_COUNT = 'SELECT count(*) AS count FROM movies';

/** Columns of type REAL: SQLite writes a real into JSON with 15 significant digits, so they travel beside it. */
const REAL_COLUMNS = new Set(['score', 'imdb_rating']);

/**
 * The movie's columns as one JSON text plus its reals: the driver builds three values instead of two dozen, which
 * more than halves getMovie's read (91 to 38 µs here). toMovie reads the parsed object like a row.
 */
const MOVIE_AS_JSON = `json_object(${MOVIE_COLUMNS.split(', ')
  .filter((name) => !REAL_COLUMNS.has(name))
  .map((name) => `'${name}', ${name}`)
  .join(', ')}) AS movie, ${[...REAL_COLUMNS].join(', ')}`;

const movieFromJson = (row: Row): Row => {
  const movie = JSON.parse(column<string>(row, 'movie')) as Record<string, unknown>;
  for (const name of REAL_COLUMNS) movie[name] = row[name];
  return movie as unknown as Row;
};

/** Rows per INSERT statement: 9 arguments each stays far below SQLite's limit on bound variables. */
const IMPORT_ROWS_PER_STATEMENT = 250;

/** A summary to store: its text and where it came from. */
export interface NewSummary {
  summary: string;
  summary_source: string;
}

export interface StoredSummary extends NewSummary {
  summary_generated_at: string;
}

/** Only films from the dataset have reference figures; a movie created through the API has none at all. */
function externalRatings(row: Row): Movie['external_ratings'] {
  if (column<string | null>(row, 'import_key') === null) return null;
  const [rating, votes] = [column<number | null>(row, 'imdb_rating'), column<number | null>(row, 'imdb_votes')];
  return {
    imdb: rating === null || votes === null ? null : { rating, votes },
    rotten_tomatoes: column<number | null>(row, 'rotten_tomatoes'),
  };
}

export function toMovie(row: Row): Movie {
  const ratingCount = column<number>(row, 'rating_count');
  return {
    id: column<number>(row, 'id'),
    title: column<string>(row, 'title'),
    rating: ratingCount === 0 ? null : column<number>(row, 'rating_sum') / ratingCount,
    rating_count: ratingCount,
    rating_distribution: {
      1: column<number>(row, 'rating_count_1'),
      2: column<number>(row, 'rating_count_2'),
      3: column<number>(row, 'rating_count_3'),
      4: column<number>(row, 'rating_count_4'),
      5: column<number>(row, 'rating_count_5'),
    },
    score: column<number | null>(row, 'score'),
    summary: column<string | null>(row, 'summary'),
    summary_source: column<string | null>(row, 'summary_source'),
    summary_generated_at: column<string | null>(row, 'summary_generated_at'),
    description: column<string | null>(row, 'description'),
    genres: JSON.parse(column<string>(row, 'genres')) as string[],
    year: column<number | null>(row, 'year'),
    director: column<string | null>(row, 'director'),
    running_time_min: column<number | null>(row, 'running_time_min'),
    external_ratings: externalRatings(row),
    created_at: column<string>(row, 'created_at'),
  };
}

/**
 * The steps of SQLite's plan for a statement. Read inside a batch, which ends its transaction: an EXPLAIN run
 * alone by the local driver leaves its read snapshot open, and the connection's next write then fails as busy.
 */
async function explain(db: Client, { sql, args }: { sql: string; args: InValue[] | Record<string, InValue> }): Promise<string[]> {
  const [plan] = await db.batch([{ sql: `EXPLAIN QUERY PLAN ${sql}`, args }], 'read');
  return plan!.rows.map((row) => String(row.detail));
}

export function createMoviesRepository(db: Client) {
  return {
    async create(movie: NewMovie): Promise<Movie> {
      const result = await db.execute({
        sql: `INSERT INTO movies (title, description, genres, year) VALUES (?, ?, ?, ?) RETURNING ${MOVIE_COLUMNS}`,
        args: [movie.title, movie.description ?? null, JSON.stringify(movie.genres ?? []), movie.year ?? null],
      });
      return toMovie(result.rows[0]!);
    },

    /**
     * Inserts imported films in one atomic batch; those whose import key is already stored get the dataset's
     * facts instead (director, running time, external ratings), their summary cleared when a fact changed so
     * the next read writes one from the new facts. Answers how many films were added and how many filled in.
     */
    async insertImported(films: readonly ImportedMovie[]): Promise<{ added: number; filledIn: number }> {
      if (films.length === 0) return { added: 0, filledIn: 0 };
      const statements: InStatement[] = [MOVIE_COUNT];
      for (let start = 0; start < films.length; start += IMPORT_ROWS_PER_STATEMENT) {
        const chunk = films.slice(start, start + IMPORT_ROWS_PER_STATEMENT);
        statements.push({
          sql: `INSERT INTO movies (title, year, genres, director, running_time_min, import_key, imdb_rating, imdb_votes, rotten_tomatoes)
                VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
                ON CONFLICT (import_key) DO UPDATE SET
                  director = excluded.director, running_time_min = excluded.running_time_min, imdb_rating = excluded.imdb_rating,
                  imdb_votes = excluded.imdb_votes, rotten_tomatoes = excluded.rotten_tomatoes,
                  summary = NULL, summary_source = NULL, summary_generated_at = NULL
                WHERE movies.director IS NOT excluded.director OR movies.running_time_min IS NOT excluded.running_time_min
                   OR movies.imdb_rating IS NOT excluded.imdb_rating OR movies.imdb_votes IS NOT excluded.imdb_votes
                   OR movies.rotten_tomatoes IS NOT excluded.rotten_tomatoes`,
          args: chunk.flatMap((film) => [
            film.title,
            film.year,
            JSON.stringify(film.genres),
            film.director,
            film.running_time_min,
            film.import_key,
            film.imdb?.rating ?? null,
            film.imdb?.votes ?? null,
            film.rotten_tomatoes ?? null,
          ]),
        });
      }
      statements.push(MOVIE_COUNT);
      const results = await db.batch(statements, 'write');
      const countAt = (index: number) => column<number>(results.at(index)!.rows[0]!, 'count');
      const added = countAt(-1) - countAt(0);
      const written = results.slice(1, -1).reduce((sum, result) => sum + result.rowsAffected, 0);
      return { added, filledIn: written - added };
    },

    /**
     * Stores C (the mean of every rating, from the movies' own sums: no scan of the ratings), m and the mean
     * IMDb rating, then rewrites the scores that changed with them, all in one atomic batch.
     */
    async refreshScores(minVotes: number): Promise<RefreshedScores> {
      const [, changed, stats] = await db.batch(
        [
          {
            sql: `UPDATE catalogue_stats SET
                    rating_mean = (SELECT CAST(sum(rating_sum) AS REAL) / nullif(sum(rating_count), 0) FROM movies),
                    imdb_mean = (SELECT avg(imdb_rating) FROM movies WHERE imdb_votes IS NOT NULL),
                    score_min_votes = ?, refreshed_at = ${SQL_NOW}
                  WHERE id = 1`,
            args: [minVotes],
          },
          `UPDATE movies SET score = c.score, reference_score = c.reference_score
           FROM movie_scores c
           WHERE c.id = movies.id AND (movies.score IS NOT c.score OR movies.reference_score IS NOT c.reference_score)`,
          'SELECT rating_mean FROM catalogue_stats WHERE id = 1',
        ],
        'write',
      );
      return { ratingMean: column<number | null>(stats!.rows[0]!, 'rating_mean'), changed: changed!.rowsAffected };
    },

    /** One page of the catalogue and the number of movies in it, read from one snapshot. */
    async list(query: MovieListQuery): Promise<{ count: number; movies: Movie[] }> {
      const statements = listStatements(query);
      if (!statements) return { count: 0, movies: [] };
      const [counted, page] = await db.batch([statements.count, statements.page], 'read');
      return { count: column<number>(counted!.rows[0]!, 'count'), movies: page!.rows.map(toMovie) };
    },

    /** How SQLite runs the page query of a listing, step by step: for tests and the bench to check index use. */
    async listQueryPlan(query: MovieListQuery): Promise<string[]> {
      const statements = listStatements(query);
      if (!statements) return [];
      const { sql, args } = statements.page as { sql: string; args: InValue[] };
      return explain(db, { sql, args });
    },

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

    /** Those of the ids that name no movie, in the order given. */
    async findMissing(ids: readonly number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      const result = await db.execute({
        sql: 'SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM movies) ORDER BY key',
        args: [JSON.stringify(ids)],
      });
      return result.rows.map((row) => column<number>(row, 'id'));
    },

    async isEmpty(): Promise<boolean> {
      const result = await db.execute('SELECT NOT EXISTS (SELECT 1 FROM movies) AS empty');
      return column<number>(result.rows[0]!, 'empty') === 1;
    },

    async findById(id: number): Promise<Movie | undefined> {
      const result = await db.execute({ sql: `SELECT ${MOVIE_AS_JSON} FROM movies WHERE id = ?`, args: [id] });
      const row = result.rows[0];
      return row ? toMovie(movieFromJson(row)) : undefined;
    },

    /**
     * An admin's correction: the given fields change; if any of them really changes, the stored summary (written
     * from the old facts) is cleared so the next read writes a new one. Undefined when the movie does not exist.
     */
    async update(id: number, changes: MovieChanges): Promise<Movie | undefined> {
      const values: Record<string, InValue> = {
        title: changes.title,
        description: changes.description,
        genres: changes.genres === undefined ? undefined : JSON.stringify(changes.genres),
        year: changes.year,
      } as Record<string, InValue>;
      const fields = Object.keys(values).filter((field) => values[field] !== undefined);
      if (fields.length === 0) return this.findById(id);
      const changed = fields.map((field) => `${field} IS NOT :${field}`).join(' OR ');
      const clearIfChanged = (column: string) => `${column} = CASE WHEN ${changed} THEN NULL ELSE ${column} END`;
      const result = await db.execute({
        sql: `UPDATE movies SET ${fields.map((field) => `${field} = :${field}`).join(', ')},
                ${['summary', 'summary_source', 'summary_generated_at'].map(clearIfChanged).join(', ')},
                updated_at = CASE WHEN ${changed} THEN ${SQL_NOW} ELSE updated_at END
              WHERE id = :id RETURNING ${MOVIE_COLUMNS}`,
        args: { id, ...Object.fromEntries(fields.map((field) => [field, values[field]!])) },
      });
      const row = result.rows[0];
      return row ? toMovie(row) : undefined;
    },

    /** Deletes a movie; its ratings, genres, search entry and places in collections go with it. */
    async delete(id: number): Promise<boolean> {
      const result = await db.execute({ sql: 'DELETE FROM movies WHERE id = ?', args: [id] });
      return result.rowsAffected === 1;
    },

    /** Stores a summary in place of whatever was stored; undefined when the movie no longer exists. */
    async replaceSummary(id: number, { summary, summary_source }: NewSummary): Promise<Movie | undefined> {
      const result = await db.execute({
        sql: `UPDATE movies SET summary = ?, summary_source = ?, summary_generated_at = ${SQL_NOW}, updated_at = ${SQL_NOW}
              WHERE id = ? RETURNING ${MOVIE_COLUMNS}`,
        args: [summary, summary_source, id],
      });
      const row = result.rows[0];
      return row ? toMovie(row) : undefined;
    },

    /** Takes the right to generate this movie's summary unless it has one or someone holds a live lease. */
    async claimSummaryLease(id: number, owner: string, nowMs: number, leaseMs: number): Promise<boolean> {
      const result = await db.execute({
        sql: `UPDATE movies SET summary_lease_owner = ?, summary_lease_expires_at = ?
              WHERE id = ? AND summary IS NULL AND (summary_lease_expires_at IS NULL OR summary_lease_expires_at <= ?)`,
        args: [owner, nowMs + leaseMs, id, nowMs],
      });
      return result.rowsAffected === 1;
    },

    /** Stores a summary unless one was stored meanwhile; either way answers the one now stored. */
    async storeSummary(id: number, { summary, summary_source }: NewSummary): Promise<StoredSummary | undefined> {
      await db.execute({
        sql: `UPDATE movies SET summary = ?, summary_source = ?, summary_lease_owner = NULL, summary_lease_expires_at = NULL,
                summary_generated_at = ${SQL_NOW}, updated_at = ${SQL_NOW}
              WHERE id = ? AND summary IS NULL`,
        args: [summary, summary_source, id],
      });
      return (await this.findSummary(id)) ?? undefined;
    },

    async releaseSummaryLease(id: number, owner: string): Promise<void> {
      await db.execute({
        sql: 'UPDATE movies SET summary_lease_owner = NULL, summary_lease_expires_at = NULL WHERE id = ? AND summary_lease_owner = ?',
        args: [id, owner],
      });
    },

    /** The stored summary, if any; null when the movie no longer exists. */
    async findSummary(id: number): Promise<StoredSummary | undefined | null> {
      const result = await db.execute({ sql: 'SELECT summary, summary_source, summary_generated_at FROM movies WHERE id = ?', args: [id] });
      const row = result.rows[0];
      if (!row) return null;
      const summary = column<string | null>(row, 'summary');
      return summary === null
        ? undefined
        : {
            summary,
            summary_source: column<string>(row, 'summary_source'),
            summary_generated_at: column<string>(row, 'summary_generated_at'),
          };
    },
  };
}

export type MoviesRepository = ReturnType<typeof createMoviesRepository>;
