import { recordValidatedCount } from './responseValidation';

// Jest reads testTimeout only from the root configuration, not from a project's, so the e2e project
// sets its own here: requests go through serverless-offline and scrypt at full cost.
jest.setTimeout(60_000);

// Each test file adds how many responses it validated against the OpenAPI document to the run's tally.
afterAll(recordValidatedCount);
