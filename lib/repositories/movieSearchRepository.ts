import type { Client, InStatement, InValue } from '@libsql/client';
import { RELEVANCE, type MovieOrdering, type MOVIE_ORDER_FIELDS } from '../schemas/movieOrdering';
import type { Movie } from '../schemas/movies';
import { MOVIE_AS_JSON, MOVIE_COLUMNS, movieFromJson, toMovie } from './movieRows';
import { explain } from './queryPlan';
import { column } from './rows';

type MovieOrderField = (typeof MOVIE_ORDER_FIELDS)[number];

export interface MovieListQuery {
  offset: number;
  limit: number;
  /** Words that must each start a word of the title, in any order. */
  search?: string;
  genre?: string;
  /** A field, prefixed with - for descending order, or relevance; by relevance with a search, else by title, when absent. */
  ordering?: MovieOrdering;
}

/** Each listing order as SQL, matching its index in migration 003 (title's collation included; score's in 007). */
const ORDER_EXPRESSIONS: Record<MovieOrderField, string> = {
  title: 'title COLLATE NOCASE',
  year: 'year',
  rating: 'rating',
  rating_count: 'rating_count',
  // Unrated films (a null score) are ordered among themselves by their IMDb reference score: see migration 007 (`007_catalogue_quality`).
  score: 'score',
  created_at: 'created_at',
};

function orderBy(ordering: Exclude<MovieOrdering, typeof RELEVANCE>): string {
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

const TITLE_MATCHES = 'SELECT rowid FROM movies_fts WHERE movies_fts MATCH ?';
// Ranking needs each match's bm25 (lower is closer), so the matches are joined to the page rather than only filtered by.
const RANKED_TITLE_MATCHES =
  'JOIN (SELECT rowid AS match_id, bm25(movies_fts) AS match_rank FROM movies_fts WHERE movies_fts MATCH ?) ON match_id = id';

/**
 * Best matches first: the title that is the search itself, then titles starting with it, then the closest by bm25
 * (the words found among fewer others), then the better-scored film, as "top rated" orders them.
 */
const relevanceOrder = (search: string) => ({
  sql: "ORDER BY title = ? COLLATE NOCASE DESC, title LIKE ? ESCAPE '\\' DESC, match_rank, score DESC, reference_score DESC, id",
  args: [search, `${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`],
});

function listStatements({ offset, limit, search, genre, ordering }: MovieListQuery): ListStatements | undefined {
  const where: string[] = [];
  const args: InValue[] = [];
  const match = search === undefined ? undefined : titleMatchQuery(search);
  if (match === null) return undefined;
  const ranked = search !== undefined && (ordering === undefined || ordering === RELEVANCE);
  if (genre !== undefined) {
    // movie_genres.genre is NOCASE, so this compares case-insensitively through its primary key.
    where.push('id IN (SELECT movie_id FROM movie_genres WHERE genre = ?)');
    args.push(genre);
  }
  const byGenre = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const filter = match === undefined ? byGenre : `WHERE ${[`id IN (${TITLE_MATCHES})`, ...where].join(' AND ')}`;
  const filterArgs = match === undefined ? args : [match, ...args];
  const page = ranked
    ? { from: `movies ${RANKED_TITLE_MATCHES} ${byGenre}`, order: relevanceOrder(search) }
    : {
        from: `movies ${filter}`,
        order: { sql: orderBy(ordering === undefined || ordering === RELEVANCE ? 'title' : ordering), args: [] },
      };
  return {
    // The whole catalogue's count is its tally (migration 014), exact in every snapshot; a filter's, its matches.
    count: filter
      ? { sql: `SELECT count(*) AS count FROM movies ${filter}`, args: filterArgs }
      : { sql: 'SELECT movie_count AS count FROM catalogue_stats WHERE id = 1', args: [] },
    page: {
      sql: `SELECT ${MOVIE_COLUMNS} FROM ${page.from} ${page.order.sql} LIMIT ? OFFSET ?`,
      args: [...filterArgs, ...page.order.args, limit, offset],
    },
  };
}

/** Listing and searching the catalogue: a page in any order, filtered by title words and genre. */
export function createMovieSearchRepository(db: Client) {
  return {
    /** One page of the catalogue and the number of movies in it, read from one snapshot. */
    async list(query: MovieListQuery): Promise<{ count: number; movies: Movie[] }> {
      const statements = listStatements(query);
      if (!statements) return { count: 0, movies: [] };
      const [counted, page] = await db.batch([statements.count, statements.page], 'read');
      return { count: column<number>(counted!.rows[0]!, 'count'), movies: page!.rows.map(toMovie) };
    },

    /**
     * The movies of these ids in the order given, unknown ids left out: one statement, a primary-key read per id, so
     * at most ids.length rows whatever the catalogue. Each row comes as one JSON text (MOVIE_AS_JSON), which the bench
     * found 2.8 times cheaper for 100 movies than two dozen columns each; the order is restored here.
     */
    async byIds(ids: readonly number[]): Promise<Movie[]> {
      const result = await db.execute({
        sql: `SELECT ${MOVIE_AS_JSON} FROM movies WHERE id IN (SELECT value FROM json_each(?))`,
        args: [JSON.stringify(ids)],
      });
      const found = new Map(result.rows.map((row) => toMovie(movieFromJson(row))).map((movie) => [movie.id, movie]));
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    /** How SQLite runs a listing's page (or count) query, step by step: for tests and the bench to check index use. */
    async listQueryPlan(query: MovieListQuery, part: keyof ListStatements = 'page'): Promise<string[]> {
      const statements = listStatements(query);
      if (!statements) return [];
      const { sql, args } = statements[part] as { sql: string; args: InValue[] };
      return explain(db, { sql, args });
    },
  };
}

export type MovieSearchRepository = ReturnType<typeof createMovieSearchRepository>;
