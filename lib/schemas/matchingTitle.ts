/**
 * What a title is matched by when ratings are imported (docs/USAGE.md, Your ratings, portable): the same title with case,
 * accents and surrounding spaces ignored. Stored beside every movie (movies.title_key, migration 011) so an import
 * matches thousands of rows with a few indexed lookups; SQLite cannot strip accents, so the key is made here, by
 * every writer of a title, and nowhere else.
 */
export const matchingTitle = (title: string): string => title.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase().trim();
