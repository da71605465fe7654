import { strToU8, zipSync } from 'fflate';
/** One request to one function, as API Gateway would send it. */
export interface ArtifactRequest {
  method: string;
  /** The route's path as in its contract, e.g. /movies/{id}/ (or any path for the catch-all). */
  route: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The body's media type, when not JSON (the ratings import's text/csv or application/zip, whose bytes are a Uint8Array). */
  contentType?: string;
  token?: string;
}

export interface ArtifactAnswer {
  status: number;
  headers: Record<string, string>;
  /** Parsed when JSON, else the text. */
  body: unknown;
}

export interface Expectation {
  /** The status expected, when not the contract's success status. */
  status?: number;
  /** What else the answer must show: a problem to report, or undefined. */
  check?: (answer: ArtifactAnswer) => string | undefined;
}

/** Calls a function's deployed package; the answer has been checked against the function's contract. */
export type CallFunction = (functionName: string, request: ArtifactRequest, expectation?: Expectation) => Promise<ArtifactAnswer>;

interface Tokens {
  access_token: string;
  refresh_token: string;
  user: { id: number };
}

const field = <T>(answer: ArtifactAnswer) => answer.body as T;

/**
 * A user's day through every function, each request answered by the function's own zip: register, sign in,
 * refresh, add a movie, rate it, read it with its LLM summary, keep a collection, and the admin's routes.
 * Every function of today's API is called here at least once with a request that succeeds.
 */
export async function runScenario(call: CallFunction, admin: { email: string; password: string }): Promise<void> {
  const unique = Date.now().toString(36);
  const credentials = { email: `artifact-${unique}@example.com`, password: 'correct horse battery' };

  await call('health', { method: 'GET', route: '/health/' });
  await call('ready', { method: 'GET', route: '/health/ready/' });
  await call('webPage', { method: 'GET', route: '/' });
  await call('webAsset', { method: 'GET', route: '/assets/{file}', pathParameters: { file: 'app.js' } });
  await call('openapi', { method: 'GET', route: '/openapi.json' });
  await call('docs', { method: 'GET', route: '/docs/' });
  await call('docsAsset', { method: 'GET', route: '/docs/{asset}', pathParameters: { asset: 'swagger-ui.css' } });
  await call('unmatchedRoute', { method: 'GET', route: '/no-such-page/' }, { status: 404 });

  await call('registerUser', { method: 'POST', route: '/auth/register/', body: { ...credentials, username: `artifact ${unique}` } });
  const signedIn = field<Tokens>(await call('issueToken', { method: 'POST', route: '/auth/token/', body: credentials }));
  const refreshed = field<Tokens>(
    await call('refreshToken', { method: 'POST', route: '/auth/refresh/', body: { refresh_token: signedIn.refresh_token } }),
  );
  const token = refreshed.access_token;
  await call('verifyToken', { method: 'POST', route: '/auth/verify/', body: { token } });
  await call('getMe', { method: 'GET', route: '/users/me/', token });
  await call('getUser', { method: 'GET', route: '/users/{id}/', pathParameters: { id: String(signedIn.user.id) }, token });

  const title = `Packages of ${unique}`;
  const movie = field<{ id: number }>(
    await call('createMovie', { method: 'POST', route: '/movies/', body: { title, genres: ['Drama'], year: 2001 } }),
  );
  const movieId = { id: String(movie.id) };
  await call('listMovies', { method: 'GET', route: '/movies/', query: { search: unique } });
  const rating = field<{ id: number }>(
    await call('createRating', { method: 'POST', route: '/ratings/', body: { movie: movie.id, value: 4 }, token }),
  );
  const ratingId = { id: String(rating.id) };
  await call(
    'getMovie',
    { method: 'GET', route: '/movies/{id}/', pathParameters: movieId },
    {
      check: ({ body }) => {
        const { summary, summary_source } = body as { summary: string | null; summary_source: string | null };
        return summary?.includes(title) && summary_source?.startsWith('openai:')
          ? undefined
          : `no summary from the openai client: ${summary_source}, ${summary}`;
      },
    },
  );
  await call('getRating', { method: 'GET', route: '/ratings/{id}/', pathParameters: ratingId, token });
  await call('changeRating', { method: 'PUT', route: '/ratings/{id}/', pathParameters: ratingId, body: { value: 5 }, token });
  await call('changeRating', { method: 'PATCH', route: '/ratings/{id}/', pathParameters: ratingId, body: { value: 3 }, token });
  await call('listRatings', { method: 'GET', route: '/ratings/', token });
  await call('listMyRatings', { method: 'GET', route: '/users/me/ratings/', token });
  // The CSV routes parse and write with csv-parse and csv-stringify: bundled, so the zip alone must serve them.
  await call('importMyRatings', {
    method: 'POST',
    route: '/users/me/ratings/import/',
    body: `Title,Year,Rating\n"${title.replaceAll('"', '""')}",2001,4.5\n`,
    contentType: 'text/csv',
    token,
  });
  // A ZIP is read with fflate, which is left out of the bundles: the import's zip must carry it beside its bundle.
  await call('importMyRatings', {
    method: 'POST',
    route: '/users/me/ratings/import/',
    body: zipSync({
      'ratings.csv': strToU8(`Date,Name,Year,Letterboxd URI,Rating\r\n"${title.replaceAll('"', '""')}",2001,https://boxd.it/x,4\r\n`),
    }),
    contentType: 'application/zip',
    token,
  });
  await call('exportMyRatings', { method: 'GET', route: '/users/me/ratings/export/', token });
  const watched = { movie_id: String(movie.id) };
  await call('addToWatchlist', { method: 'PUT', route: '/users/me/watchlist/{movie_id}/', pathParameters: watched, token });
  await call('listWatchlist', { method: 'GET', route: '/users/me/watchlist/', token });
  await call('removeFromWatchlist', { method: 'DELETE', route: '/users/me/watchlist/{movie_id}/', pathParameters: watched, token });

  const collection = field<{ id: number }>(
    await call('createCollection', { method: 'POST', route: '/collections/', body: { title: 'Packed', movies: [movie.id] }, token }),
  );
  const collectionId = { id: String(collection.id) };
  await call('listCollections', { method: 'GET', route: '/collections/', token });
  await call('getCollection', { method: 'GET', route: '/collections/{id}/', pathParameters: collectionId, token });
  await call('replaceCollection', {
    method: 'PUT',
    route: '/collections/{id}/',
    pathParameters: collectionId,
    body: { title: 'Repacked', movies: [movie.id] },
    token,
  });
  await call('deleteCollection', { method: 'DELETE', route: '/collections/{id}/', pathParameters: collectionId, token });
  await call('deleteRating', { method: 'DELETE', route: '/ratings/{id}/', pathParameters: ratingId, token });

  await call('getRequestCount', { method: 'GET', route: '/request-count/' });
  const adminToken = field<Tokens>(await call('issueToken', { method: 'POST', route: '/auth/token/', body: admin })).access_token;
  await call('createUser', {
    method: 'POST',
    route: '/users/',
    body: { email: `made-${unique}@example.com`, password: 'another long password' },
    token: adminToken,
  });
  await call('resetRequestCount', { method: 'POST', route: '/request-count/reset/', token: adminToken });
}
