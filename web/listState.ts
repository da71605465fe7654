import type { ApiClient } from '../lib/client/apiClient';

/** An order the listing takes, as its contract names them: a change there fails the page's type-check. */
export type Ordering = NonNullable<NonNullable<NonNullable<Parameters<ApiClient['listMovies']>[0]>['query']>['ordering']>;

/** What a list shows, all of it in the address so back, forward and a shared link show the same. */
export interface ListState {
  search: string;
  genre: string;
  /** The order chosen, or '' for the list's own. */
  sort: string;
  page: number;
}

/** The two lists: every film by title, and the top rated (by score, the unrated by their reference ratings). */
export const LISTS = {
  all: { path: '/', title: 'Find a film', ordering: 'title' },
  top: { path: '/top', title: 'Top rated', ordering: '-score' },
} as const satisfies Record<string, { path: string; title: string; ordering: Ordering }>;
export type ListName = keyof typeof LISTS;

const ORDERINGS = new Set<string>([
  'relevance',
  ...(['title', 'year', 'rating', 'rating_count', 'score', 'created_at'] as const).flatMap((field) => [field, `-${field}` as const]),
] satisfies Ordering[]);

/** A list's order unless another is chosen: a search of every film shows its best matches first. */
export const defaultOrdering = (list: ListName, search: string): Ordering =>
  list === 'all' && search ? 'relevance' : LISTS[list].ordering;

/** The order to ask for: the one chosen when the API knows it, else the list's own. */
export const orderingOf = ({ sort, search }: ListState, list: ListName): Ordering =>
  ORDERINGS.has(sort) ? (sort as Ordering) : defaultOrdering(list, search);

export function listHash({ search = '', genre = '', sort = '', page = 1 }: Partial<ListState>, list: ListName = 'all'): string {
  const query = new URLSearchParams();
  if (search) query.set('search', search);
  if (genre) query.set('genre', genre);
  if (sort && sort !== defaultOrdering(list, search)) query.set('sort', sort);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  const path = `#${LISTS[list].path}`;
  return text ? `${path}?${text}` : path;
}

/** Which list an address shows, or undefined when it is no list. */
export const listOf = (hash: string): ListName | undefined => {
  const [path] = (hash.slice(1) || '/').split('?');
  return (Object.keys(LISTS) as ListName[]).find((list) => LISTS[list].path === path);
};

/** The list state an address names (missing parts are the defaults). */
export function listState(hash: string): ListState {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  return {
    search: (query.get('search') ?? '').trim(),
    genre: (query.get('genre') ?? '').trim(),
    sort: query.get('sort') ?? '',
    page: Math.max(Number.parseInt(query.get('page') ?? '1', 10) || 1, 1),
  };
}
