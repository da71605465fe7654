import { rmSync } from 'node:fs';
import { e2eState } from './state';

export default async function globalTeardown(): Promise<void> {
  const state = e2eState.get();
  if (!state) return;
  await state.api.stop();
  await state.llm.close();
  rmSync(state.folder, { recursive: true, force: true });
}
