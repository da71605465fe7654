// Jest reads testTimeout only from the root configuration, not from a project's, so the e2e project
// sets its own here: requests go through serverless-offline and scrypt at full cost.
jest.setTimeout(60_000);
