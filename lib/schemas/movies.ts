import * as z from 'zod';
import { integerBetween, multilineText, rule, Timestamp, trimmedText } from './common';
import { MOVIE_ORDER_FIELDS, MOVIE_ORDERINGS, RELEVANCE } from './movieOrdering';
import { integerQueryParam, OptionalPaginationQuery, pageOf } from './pagination';

// What other modules take from here besides the schemas, so their imports stay as they were.
export { MOVIE_ORDER_FIELDS, RELEVANCE, type MovieOrdering } from './movieOrdering';

/** Genres compare case-insensitively; the first spelling of a repeated genre is kept. */
const Genres = z
  .array(trimmedText(1, 50), { error: rule('must be an array of at most 10 genres') })
  .max(10, { error: 'must be an array of at most 10 genres' })
  .transform((genres) => genres.filter((genre, i) => genres.findIndex((g) => g.toLowerCase() === genre.toLowerCase()) === i));

export const CreateMovieBody = z
  .object({
    title: trimmedText(1, 200),
    description: multilineText(0, 2000)
      .nullish()
      .transform((text) => (text ? text : null)),
    genres: Genres.optional().transform((genres) => genres ?? []),
    year: integerBetween(1870, 2100)
      .nullish()
      .transform((year) => year ?? null),
  })
  .meta({ id: 'CreateMovieBody' });
export type CreateMovieBody = z.output<typeof CreateMovieBody>;

const count = z.number().int().nonnegative();
export const RatingDistribution = z
  .object({ 1: count, 2: count, 3: count, 4: count, 5: count })
  .describe('how many ratings of each value the movie has; the counts add up to rating_count')
  .meta({ id: 'RatingDistribution' });

export const Movie = z
  .object({
    id: z.number().int().positive(),
    title: z.string(),
    rating: z.number().nullable().describe('exact mean of the ratings, null when there are none'),
    rating_count: z.number().int().nonnegative(),
    rating_distribution: RatingDistribution,
    score: z
      .number()
      .nullable()
      .describe('the Bayesian average v/(v+m)·R + m/(v+m)·C (m = SCORE_MIN_VOTES, C the mean of every rating); null when unrated'),
    summary: z.string().nullable(),
    summary_source: z.string().nullable().describe('"openai:<model>", or "facts" when written offline from the catalogue\'s facts'),
    summary_generated_at: Timestamp.nullable().describe('when the stored summary was written'),
    description: z.string().nullable(),
    genres: z.array(z.string()),
    year: z.number().int().nullable(),
    director: z.string().nullable().describe('known for films imported from the dataset'),
    running_time_min: z.number().int().positive().nullable().describe('known for films imported from the dataset'),
    external_ratings: z
      .object({
        imdb: z.object({ rating: z.number().min(0).max(10), votes: z.number().int().nonnegative() }).nullable(),
        rotten_tomatoes: z.number().int().min(0).max(100).nullable().describe('the Tomatometer, in percent'),
      })
      .nullable()
      .describe('the reference figures the bundled film dataset carries; null for movies created through the API')
      .meta({ id: 'ExternalRatings' }),
    created_at: Timestamp,
  })
  .meta({ id: 'Movie' });
export type Movie = z.infer<typeof Movie>;

const orderingMessage = `must be one of ${MOVIE_ORDER_FIELDS.join(', ')}, each optionally prefixed with - for descending order, or ${RELEVANCE}`;

/** A movie inside another answer (a profile, a collection): listings never carry summaries. */
export const MovieWithoutSummary = Movie.omit({ summary: true, summary_source: true, summary_generated_at: true }).meta({
  id: 'MovieWithoutSummary',
});
export type MovieWithoutSummary = z.infer<typeof MovieWithoutSummary>;

/** An admin's correction of a movie's facts: only the fields given change; null clears description or year. */
export const UpdateMovieBody = z
  .object({
    title: trimmedText(1, 200).optional(),
    description: multilineText(0, 2000)
      .nullish()
      .transform((text) => (text === undefined ? undefined : text || null)),
    genres: Genres.optional(),
    year: integerBetween(1870, 2100).nullish(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: 'must change at least one of title, description, genres, year',
  })
  .meta({ id: 'UpdateMovieBody' });
export type UpdateMovieBody = z.output<typeof UpdateMovieBody>;

export const SimilarMoviesQuery = z.object({
  limit: integerQueryParam(1, 50).default(10).meta({ default: 10, description: 'how many films to answer at most' }),
});
export type SimilarMoviesQuery = z.output<typeof SimilarMoviesQuery>;

export const SimilarMovies = z
  .object({ results: z.array(MovieWithoutSummary) })
  .describe(
    'films the people who rated this one 4-5 also rated 4-5, most shared first; then films by its director, then films sharing a genre, nearest in year first',
  )
  .meta({ id: 'SimilarMovies' });
export type SimilarMovies = z.infer<typeof SimilarMovies>;

export const MAX_LOOKUP_IDS = 100;
const idsMessage = `must list 1 to ${MAX_LOOKUP_IDS} positive integer ids separated by commas`;

/** `ids=12,3,7`: distinct positive ids, in the order the answer keeps; each mistake named in its message. */
const MovieIds = z
  .string({ error: idsMessage })
  .transform((text, ctx) => {
    const parts = text.split(',');
    const notAnId = parts.find((part) => !/^[0-9]{1,15}$/.test(part) || Number(part) < 1);
    const ids = parts.map(Number);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    const message =
      text === ''
        ? idsMessage
        : notAnId !== undefined
          ? `${idsMessage}; ${JSON.stringify(notAnId)} is not one`
          : parts.length > MAX_LOOKUP_IDS
            ? `must list at most ${MAX_LOOKUP_IDS} ids; ${parts.length} were given`
            : repeated !== undefined
              ? `must list each id once; ${repeated} is repeated`
              : undefined;
    if (message === undefined) return ids;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  })
  .meta({
    type: 'string',
    pattern: `^[0-9]+(,[0-9]+){0,${MAX_LOOKUP_IDS - 1}}$`,
    example: '12,3,7',
    description:
      `1 to ${MAX_LOOKUP_IDS} distinct movie ids, separated by commas: the answer is those movies in that order, unknown ids left out, ` +
      'all on one page (page 1, page_size the number of ids, count the movies found). Not combined with search, genre, ordering, page or page_size',
  });

/** What a lookup by ids does not take: it has its own order and answers one page. */
const NOT_WITH_IDS = ['search', 'genre', 'ordering', 'page', 'page_size'] as const;

export const ListMoviesQuery = OptionalPaginationQuery.extend({
  genre: trimmedText(1, 50).optional().describe('only movies of this genre (compared case-insensitively)'),
  ordering: z
    .preprocess((text) => (text === '' ? undefined : text), z.enum(MOVIE_ORDERINGS, { error: orderingMessage }).optional())
    .meta({
      // No single default: a search is by relevance, any other listing by title.
      description:
        'the order of the results: relevance with a search, else title. Ties are broken by id in the same direction; unknown years and unrated movies count lowest. ' +
        '-score is "top rated": films rated here by score, then the unrated by their IMDb rating weighed by its votes. ' +
        "relevance (a search's default) is best matches first: the title that is the search, then titles starting with it, " +
        'then by how closely the title matches (FTS5 bm25: fewer other words first), then by score',
    }),
  search: trimmedText(0, 200)
    .optional()
    .transform((text) => text || undefined)
    .describe('words that start words of the title, in any order and case'),
  ids: MovieIds.optional(),
}).superRefine((query, ctx) => {
  if (query.ids === undefined) return;
  for (const name of NOT_WITH_IDS) {
    if (query[name] !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'cannot be combined with ids' });
  }
});
export type ListMoviesQuery = z.output<typeof ListMoviesQuery>;

export const MoviePage = pageOf(Movie).meta({ id: 'MoviePage' });
