import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResponseValidator, type ObservedResponse, type ResponseValidator } from '../support/responseValidator';

/**
 * Every response an e2e test receives through ./http is held to the OpenAPI document before the test sees it: an
 * undeclared status, header or body shape fails the test that met it. The document is the one the openapi function
 * serves, lib/openapi/openapi.json, written from the route contracts when serverless-offline started; it is read
 * from the file rather than fetched, so that validating adds no request to what the request counter counts.
 */
let validator: Promise<ResponseValidator> | undefined;
let validated = 0;

const servedDocument = () => JSON.parse(readFileSync(join(__dirname, '..', '..', 'lib', 'openapi', 'openapi.json'), 'utf8')) as object;

export async function validateResponse(response: ObservedResponse): Promise<void> {
  validator ??= createResponseValidator(servedDocument());
  const problems = (await validator).problemsOf(response);
  validated += 1;
  if (problems.length > 0) throw new Error(`the response breaks the OpenAPI document:\n  ${problems.join('\n  ')}`);
}

/** Adds this test file's count to the run's tally, which globalTeardown sums and prints. */
export function recordValidatedCount(): void {
  const log = process.env.E2E_VALIDATION_LOG;
  if (log && validated > 0) appendFileSync(log, `${validated}\n`);
  validated = 0;
}
