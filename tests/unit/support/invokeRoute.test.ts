import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { HttpReply } from '../../../lib/http/reply';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { invokeRoute, invokeRouteHandler, routeHandler, type AnyImplementation, type RouteHandler } from '../../support/invokeRoute';
import { createTestServices, type TestServices } from '../../support/services';

// Handler tests check every answer against its route's contract (as Hono's strictResponse does), so a wrong shape
// fails where the handler is, not only in the end-to-end run.
const route = defineRoute({
  functionName: 'shapeProbe',
  method: 'GET',
  path: '/shape-probe/',
  summary: 'A route for checking answers against their contract',
  tags: ['test'],
  access: 'public',
  response: { status: 200, description: 'a count', schema: z.object({ count: z.number().int() }) },
});
const answering =
  (status: number, body: unknown): AnyImplementation<typeof route> =>
  async () =>
    new HttpReply(status, body) as never;

describe('invokeRoute', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
  });

  it('hands back an answer that keeps the contract', async () => {
    const response = await invokeRoute(route, answering(200, { count: 3 }), services);

    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ count: 3 });
  });

  it('fails the test when the body breaks the response schema', async () => {
    await expect(invokeRoute(route, answering(200, { count: 'three' }), services)).rejects.toThrow(/body\/count must be integer/);
  });

  it('fails the test when the status is not one the route declares', async () => {
    await expect(invokeRoute(route, answering(201, { count: 3 }), services)).rejects.toThrow(/status 201 is not declared/);
  });

  /** The route's entry, noting each event it is handed. */
  const recording = (events: APIGatewayProxyEventV2[]): RouteHandler => {
    const entry = routeHandler(route, answering(200, { count: 1 }), services);
    return (event, context, options) => (events.push(event), entry(event, context, options));
  };

  it('sends the path as the client wrote it, the source address and the method asked for', async () => {
    const events: APIGatewayProxyEventV2[] = [];

    const response = await invokeRouteHandler(route, recording(events), { rawPath: '/shape-probe', sourceIp: '203.0.113.5' });

    expect(response.statusCode).toBe(200);
    expect(events[0]).toMatchObject({ rawPath: '/shape-probe', requestContext: { http: { method: 'GET', sourceIp: '203.0.113.5' } } });
  });

  it("checks the answer of a Lambda entry the test did not build against the route's contract too", async () => {
    const entry = routeHandler(route, answering(200, { count: 'three' }), services);

    await expect(invokeRouteHandler(route, entry)).rejects.toThrow(/body\/count must be integer/);
  });
});
