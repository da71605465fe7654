import type { RouteContract } from '../../http/route';
import { issueTokenRoute, refreshTokenRoute, registerUserRoute, verifyTokenRoute } from './auth';
import {
  createCollectionRoute,
  deleteCollectionRoute,
  getCollectionRoute,
  listCollectionsRoute,
  replaceCollectionRoute,
} from './collections';
import { docsAssetRoute, docsRoute, openapiRoute } from './docs';
import { healthRoute } from './health';
import { createMovieRoute, getMovieRoute, listMoviesRoute } from './movies';
import { createUserRoute, getMeRoute, getUserRoute, listMyRatingsRoute } from './users';
import { createRatingRoute, deleteRatingRoute, getRatingRoute, listRatingsRoute, replaceRatingRoute, updateRatingRoute } from './ratings';
import { getRequestCountRoute, resetRequestCountRoute } from './requestCount';
import { webAssetRoute, webPageRoute } from './web';

/** Every endpoint of the API; the OpenAPI document and the serverless.yml check read this list. */
export const allRoutes: readonly RouteContract[] = [
  healthRoute,
  createMovieRoute,
  getMovieRoute,
  listMoviesRoute,
  createRatingRoute,
  getRequestCountRoute,
  resetRequestCountRoute,
  openapiRoute,
  docsRoute,
  docsAssetRoute,
  registerUserRoute,
  issueTokenRoute,
  refreshTokenRoute,
  verifyTokenRoute,
  listRatingsRoute,
  getRatingRoute,
  replaceRatingRoute,
  updateRatingRoute,
  deleteRatingRoute,
  getMeRoute,
  getUserRoute,
  listMyRatingsRoute,
  createUserRoute,
  createCollectionRoute,
  listCollectionsRoute,
  getCollectionRoute,
  replaceCollectionRoute,
  deleteCollectionRoute,
  webPageRoute,
  webAssetRoute,
];
