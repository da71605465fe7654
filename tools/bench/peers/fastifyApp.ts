/** The Fastify 5 peer: one app serving getMovie, createRating and listMovies, wrapped by @fastify/aws-lambda. */
import awsLambdaFastify from '@fastify/aws-lambda';
import Fastify from 'fastify';
import { findMovie, listMovies, positiveInteger, rateMovie } from './catalogue';

const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });

app.get<{ Params: { id: string } }>('/movies/:id/', async (request, reply) => {
  const id = positiveInteger(request.params.id);
  const movie = id === undefined ? undefined : await findMovie(id);
  return movie ?? reply.code(404).send({ detail: 'no such movie' });
});

// Validated as Fastify validates: a JSON schema, compiled by its ajv when the app gets ready.
const ratingBody = {
  type: 'object',
  required: ['movie', 'value'],
  properties: { movie: { type: 'integer', minimum: 1 }, value: { type: 'integer', minimum: 1, maximum: 5 } },
} as const;

app.post<{ Body: { movie: number; value: number } }>('/ratings/', { schema: { body: ratingBody } }, async (request, reply) => {
  const rating = await rateMovie(request.body.movie, request.body.value);
  return rating ? reply.code(201).send(rating) : reply.code(404).send({ detail: 'no such movie' });
});

app.get<{ Querystring: { page?: string } }>('/movies/', async (request, reply) => {
  const page = request.query.page === undefined ? 1 : positiveInteger(request.query.page);
  return page === undefined ? reply.code(400).send({ detail: 'page must be a positive integer' }) : listMovies(page);
});

export const handler = awsLambdaFastify(app);
