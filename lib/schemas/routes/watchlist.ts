import { defineRoute } from './contract';
import { PaginationQuery } from '../pagination';
import { WatchlistPage, WatchlistPathParams } from '../watchlist';

export const listWatchlistRoute = defineRoute({
  functionName: 'listWatchlist',
  method: 'GET',
  path: '/users/me/watchlist/',
  summary: 'A page of the films on your watchlist, newest first',
  tags: ['watchlist'],
  access: 'user',
  query: PaginationQuery,
  response: { status: 200, description: 'a page of watchlist entries, movies without summaries', schema: WatchlistPage },
});

export const addToWatchlistRoute = defineRoute({
  functionName: 'addToWatchlist',
  method: 'PUT',
  path: '/users/me/watchlist/{movie_id}/',
  summary: 'Put a film on your watchlist',
  description: 'Idempotent: a film already on it stays, with the date it was first added. Rating the film takes it off.',
  tags: ['watchlist'],
  access: 'user',
  params: WatchlistPathParams,
  response: { status: 204, description: 'on your watchlist' },
});

export const removeFromWatchlistRoute = defineRoute({
  functionName: 'removeFromWatchlist',
  method: 'DELETE',
  path: '/users/me/watchlist/{movie_id}/',
  summary: 'Take a film off your watchlist',
  description: 'Idempotent: 204 whether or not it was on it.',
  tags: ['watchlist'],
  access: 'user',
  params: WatchlistPathParams,
  response: { status: 204, description: 'not on your watchlist' },
});
