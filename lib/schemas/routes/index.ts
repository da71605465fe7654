import type { RouteContract } from '../../http/route';
import { docsAssetRoute, docsRoute, openapiRoute } from './docs';
import { healthRoute } from './health';
import { createMovieRoute, getMovieRoute, listMoviesRoute } from './movies';
import { createRatingRoute } from './ratings';
import { getRequestCountRoute } from './requestCount';

/** Every endpoint of the API; the OpenAPI document and the serverless.yml check read this list. */
export const allRoutes: readonly RouteContract[] = [
  healthRoute,
  createMovieRoute,
  getMovieRoute,
  listMoviesRoute,
  createRatingRoute,
  getRequestCountRoute,
  openapiRoute,
  docsRoute,
  docsAssetRoute,
];
