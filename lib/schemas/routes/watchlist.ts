import { defineRoute } from './contract';
import type * as pagination from '../pagination';
import type * as watchlist from '../watchlist';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types): it reads these contracts.
declare const require: (id: string) => unknown;
/** The schema modules these contracts name, each evaluated when a contract's schema is first read. */
const shapes = {
  pagination: () => require('../pagination') as typeof pagination,
  watchlist: () => require('../watchlist') as typeof watchlist,
};

export const listWatchlistRoute = /* @__PURE__ */ defineRoute({
  functionName: 'listWatchlist',
  method: 'GET',
  path: '/users/me/watchlist/',
  summary: 'A page of the films on your watchlist, newest first',
  tags: ['watchlist'],
  access: 'user',
  get query() {
    return shapes.pagination().PaginationQuery;
  },
  response: {
    status: 200,
    description: 'a page of watchlist entries, movies without summaries',
    get schema() {
      return shapes.watchlist().WatchlistPage;
    },
  },
});

export const addToWatchlistRoute = /* @__PURE__ */ defineRoute({
  functionName: 'addToWatchlist',
  method: 'PUT',
  path: '/users/me/watchlist/{movie_id}/',
  summary: 'Put a film on your watchlist',
  description: 'Idempotent: a film already on it stays, with the date it was first added. Rating the film takes it off.',
  tags: ['watchlist'],
  access: 'user',
  get params() {
    return shapes.watchlist().WatchlistPathParams;
  },
  response: { status: 204, description: 'on your watchlist' },
});

export const removeFromWatchlistRoute = /* @__PURE__ */ defineRoute({
  functionName: 'removeFromWatchlist',
  method: 'DELETE',
  path: '/users/me/watchlist/{movie_id}/',
  summary: 'Take a film off your watchlist',
  description: 'Idempotent: 204 whether or not it was on it.',
  tags: ['watchlist'],
  access: 'user',
  get params() {
    return shapes.watchlist().WatchlistPathParams;
  },
  response: { status: 204, description: 'not on your watchlist' },
});
