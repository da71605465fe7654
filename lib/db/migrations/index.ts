import movieAndRatings from './001_movies_and_ratings.sql';
import users from './002_users.sql';
import catalogue from './003_catalogue.sql';
import collections from './004_collections.sql';
import catalogueQuality from './006_catalogue_quality.sql';

export interface Migration {
  /** The numbered file name; recorded in schema_migrations once applied. */
  name: string;
  sql: string;
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
  { name: '006_catalogue_quality', sql: catalogueQuality },
];
