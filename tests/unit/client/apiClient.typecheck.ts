/**
 * Type-level tests of the typed client, run by `tsc --noEmit -p .` (npm run typecheck, and CI): each
 * `@ts-expect-error` line must be a type error, or the check fails ("unused directive"). Nothing here is executed;
 * the functions are only declared, so that the calls type-check without a server.
 */
import type { ApiClient } from '../../../lib/client/apiClient';

export async function callsThatTypeCheck(api: ApiClient) {
  const created = await api.createMovie({ body: { title: 'Heat', year: 1995, genres: ['Crime'] } });
  if (created.status === 201) {
    const title: string = created.body.title;
    const id: number = created.body.id;
    void [title, id];
  } else {
    // @ts-expect-error -- a problem has no movie fields until the status says 201
    void created.body.genres;
    const problem: string = created.body.title;
    void problem;
  }

  const read = await api.getMovie({ params: { id: 7 }, ifNoneMatch: '"abc"' });
  if (read.status === 404) {
    const detail: string | undefined = read.body.detail;
    void detail;
  }
  if (read.status === 304) {
    const nothing: undefined = read.body;
    void nothing;
  }

  // Every query parameter is optional, so is the whole request.
  const page = await api.listMovies();
  if (page.status === 200) {
    const count: number = page.body.count;
    void count;
  }
  await api.listMovies({ query: { search: 'heat', page_size: 5 } });

  // The CSV import sends text, and says whether it is a dry run.
  await api.importMyRatings({ body: 'Title,Year,Rating\nHeat,1995,4\n', query: { dry_run: true }, idempotencyKey: 'k-1' });
  // Letterboxd's ZIP goes as bytes, named as such; a media type the route does not take is refused.
  await api.importMyRatings({ body: new Uint8Array([0x50, 0x4b]), contentType: 'application/zip' });
  // @ts-expect-error the import takes text/csv or application/zip
  await api.importMyRatings({ body: 'Title,Year,Rating\n', contentType: 'text/plain' });

  // A 204 has no body.
  const deleted = await api.deleteMovie({ params: { id: 7 }, token: 'admin-token' });
  if (deleted.status === 204) {
    const nothing: undefined = deleted.body;
    void nothing;
  }
}

export async function callsThatDoNot(api: ApiClient) {
  // @ts-expect-error -- no such route
  await api.getFilm({ params: { id: 7 } });

  // @ts-expect-error -- getMovie needs its id
  await api.getMovie();

  // @ts-expect-error -- the path parameter is id, not movieId
  await api.getMovie({ params: { movieId: 7 } });

  // @ts-expect-error -- a title is text
  await api.createMovie({ body: { title: 42 } });

  // @ts-expect-error -- createMovie's body needs a title
  await api.createMovie({ body: { year: 1995 } });

  // @ts-expect-error -- listMovies has no colour parameter
  await api.listMovies({ query: { colour: 'red' } });

  // @ts-expect-error -- no such ordering: a parameter the contract reads through a preprocess is typed by what it accepts
  await api.listMovies({ query: { ordering: 'colour' } });

  // @ts-expect-error -- a page is a number or its digits, not a yes
  await api.listMovies({ query: { page: true } });

  // @ts-expect-error -- dry_run is true or false, not a number
  await api.importMyRatings({ body: 'Title,Year,Rating\n', query: { dry_run: 1 } });

  // @ts-expect-error -- the import's body is CSV text, not JSON
  await api.importMyRatings({ body: { rows: [] } });

  // @ts-expect-error -- getMovie takes no body
  await api.getMovie({ params: { id: 7 }, body: { title: 'x' } });

  const read = await api.getMovie({ params: { id: 7 } });
  // @ts-expect-error -- getMovie never answers 201
  if (read.status === 201) void read;
}
