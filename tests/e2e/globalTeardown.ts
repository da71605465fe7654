import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eState } from './state';

/** Sums what every test file validated, prints it, and keeps it in test-output/ for the record. */
function reportValidatedResponses(log: string | undefined): void {
  if (!log || !existsSync(log)) return;
  const total = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line), 0);
  const line = `e2e: ${total} responses validated against the API's OpenAPI document (status, headers, body)`;
  console.log(`\n${line}`);
  const folder = join(__dirname, '..', '..', 'test-output');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'e2e-validated-responses.txt'), `${line}\n`);
}

export default async function globalTeardown(): Promise<void> {
  const state = e2eState.get();
  if (!state) return;
  reportValidatedResponses(process.env.E2E_VALIDATION_LOG);
  await state.api.stop();
  await state.llm.close();
  await state.sqld.close();
  rmSync(state.folder, { recursive: true, force: true });
}
