/** The Express 5 peer: one app serving getMovie, createRating and listMovies, wrapped by serverless-http. */
import express from 'express';
import serverless from 'serverless-http';
// As ours imports it: zod 4's namespace import lets esbuild leave out what the schema does not use.
import * as z from 'zod';
import { findMovie, listMovies, positiveInteger, rateMovie } from './catalogue';

const RatingBody = z.object({ movie: z.number().int().positive(), value: z.number().int().min(1).max(5) });

const app = express();
app.use(express.json());

app.get('/movies/:id/', async (request, response) => {
  const id = positiveInteger(request.params.id);
  const movie = id === undefined ? undefined : await findMovie(id);
  if (!movie) return void response.status(404).json({ detail: 'no such movie' });
  response.json(movie);
});

app.post('/ratings/', async (request, response) => {
  const body = RatingBody.safeParse(request.body);
  if (!body.success) return void response.status(400).json({ detail: 'invalid body', errors: body.error.issues });
  const rating = await rateMovie(body.data.movie, body.data.value);
  if (!rating) return void response.status(404).json({ detail: 'no such movie' });
  response.status(201).json(rating);
});

app.get('/movies/', async (request, response) => {
  const page = request.query.page === undefined ? 1 : positiveInteger(request.query.page);
  if (page === undefined) return void response.status(400).json({ detail: 'page must be a positive integer' });
  response.json(await listMovies(page));
});

export const handler = serverless(app);
