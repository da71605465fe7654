import { defineRoute } from '../../http/route';
import { CreateRatingBody, Rating } from '../ratings';

export const createRatingRoute = defineRoute({
  functionName: 'createRating',
  method: 'POST',
  path: '/ratings/',
  summary: 'Rate a movie from 1 to 5',
  tags: ['ratings'],
  access: 'public',
  body: CreateRatingBody,
  response: { status: 201, description: 'the rating', schema: Rating },
  errors: [404],
});
