import movieAndRatings from './001_movies_and_ratings.sql';
import users from './002_users.sql';
import catalogue from './003_catalogue.sql';
import collections from './004_collections.sql';
import { idsNeverReused } from './005_ids_never_reused';
import throttlesAndIdempotencyKeys from './006_throttles_and_idempotency_keys.sql';
import catalogueQuality from './007_catalogue_quality.sql';
import throttleCaps from './008_throttle_caps.sql';
import midpointBeforeFirstRating from './009_midpoint_before_first_rating.sql';
import oneMovieUpdatePerRating from './010_one_movie_update_per_rating.sql';
import { titleKeys } from './011_title_keys';
import watchlist from './012_watchlist.sql';
import recommendations from './013_recommendations.sql';
import movieCount from './014_movie_count.sql';
import { datasetTitles } from './015_dataset_titles';
import type { Client } from '@libsql/client';

export interface Migration {
  /** The numbered file name; recorded in schema_migrations once applied. */
  name: string;
  /** The script, or what builds it from the database it will run on (a table rebuild reads the table's schema). */
  sql: string | ((db: Client) => Promise<string>);
  /** The name it shipped under before it was renumbered: a database that recorded that name has it already. */
  formerly?: string;
  /** Runs with foreign keys off, as a table rebuild must (a dropped parent would cascade into its children). */
  foreignKeysOff?: boolean;
}

/**
 * Every migration in the order it must run. The .sql files are imported as text so they travel
 * inside each Lambda bundle; add a new numbered file here and never edit one that has shipped.
 */
export const migrations: readonly Migration[] = [
  { name: '001_movies_and_ratings', sql: movieAndRatings },
  { name: '002_users', sql: users },
  { name: '003_catalogue', sql: catalogue },
  { name: '004_collections', sql: collections },
  { name: '005_ids_never_reused', sql: idsNeverReused, foreignKeysOff: true },
  // Three shipped as 005, 006 and 007 beside another 005; renumbered, they keep their old names as aliases.
  { name: '006_throttles_and_idempotency_keys', formerly: '005_throttles_and_idempotency_keys', sql: throttlesAndIdempotencyKeys },
  { name: '007_catalogue_quality', formerly: '006_catalogue_quality', sql: catalogueQuality },
  { name: '008_throttle_caps', formerly: '007_throttle_caps', sql: throttleCaps },
  { name: '009_midpoint_before_first_rating', sql: midpointBeforeFirstRating },
  { name: '010_one_movie_update_per_rating', sql: oneMovieUpdatePerRating },
  { name: '011_title_keys', sql: titleKeys },
  { name: '012_watchlist', sql: watchlist },
  { name: '013_recommendations', sql: recommendations },
  { name: '014_movie_count', sql: movieCount },
  { name: '015_dataset_titles', sql: datasetTitles },
];
