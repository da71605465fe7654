import { appendFileSync } from 'node:fs';
import { createResponseValidator, type ObservedResponse, type ResponseValidator } from '../support/responseValidator';

/**
 * Every response an e2e test receives through ./http is held to the OpenAPI document the API serves, before the
 * test sees it: an undeclared status, header or body shape fails the test that met it. One validator per server
 * (the request-counter suite runs its own), built from that server's /openapi.json.
 */
const validators = new Map<string, Promise<ResponseValidator>>();
let validated = 0;

const validatorFor = (base: string) => {
  let validator = validators.get(base);
  if (!validator) {
    validator = fetch(`${base}/openapi.json`)
      .then((response) => response.json() as Promise<object>)
      .then(createResponseValidator);
    validators.set(base, validator);
  }
  return validator;
};

export async function validateResponse(base: string, response: ObservedResponse): Promise<void> {
  const problems = (await validatorFor(base)).problemsOf(response);
  validated += 1;
  if (problems.length > 0) throw new Error(`the response breaks the OpenAPI document:\n  ${problems.join('\n  ')}`);
}

/** Adds this test file's count to the run's tally, which globalTeardown sums and prints. */
export function recordValidatedCount(): void {
  const log = process.env.E2E_VALIDATION_LOG;
  if (log && validated > 0) appendFileSync(log, `${validated}\n`);
  validated = 0;
}
