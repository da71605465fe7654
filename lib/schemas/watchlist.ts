import * as z from 'zod';
import { idParam, Timestamp } from './common';
import { MovieWithoutSummary } from './movies';
import { pageOf } from './pagination';

export const WatchlistPathParams = z.object({ movie_id: idParam });

export const WatchlistEntry = z.object({ movie: MovieWithoutSummary, added_at: Timestamp }).meta({ id: 'WatchlistEntry' });
export type WatchlistEntry = z.infer<typeof WatchlistEntry>;

export const WatchlistPage = pageOf(WatchlistEntry).meta({ id: 'WatchlistPage' });
