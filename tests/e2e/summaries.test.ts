import { randomUUID } from 'node:crypto';
import { api, createMovie, llmCallsAbout } from './http';

// Other suites ask for summaries in parallel, so calls are counted per (unique) title.
describe('LLM summaries over HTTP, written by the openai client against a loopback OpenAI server', () => {
  it('writes the summary with the configured model and stores it: ten reads cost one call', async () => {
    const title = `Memento ${randomUUID()}`;
    const movie = await createMovie({ title, year: 2000 });

    const reads = [];
    for (let i = 0; i < 10; i++) reads.push(await api(`/movies/${movie.id}/`));

    expect(await llmCallsAbout(title)).toBe(1);
    expect(reads[0]?.body).toMatchObject({ summary: `A film called "${title}", told with care.`, summary_source: 'openai:gpt-4o-mini' });
    expect(new Set(reads.map((read) => JSON.stringify(read.body))).size).toBe(1);
  });

  it('shares one call between 30 concurrent first reads', async () => {
    const title = `Crowd ${randomUUID()}`;
    const movie = await createMovie({ title });

    const reads = await Promise.all(Array.from({ length: 30 }, () => api(`/movies/${movie.id}/`)));

    expect(reads.every((read) => read.status === 200)).toBe(true);
    expect(reads.every((read) => (read.body as { summary: string }).summary === `A film called "${title}", told with care.`)).toBe(true);
    expect(await llmCallsAbout(title)).toBe(1);
  });
});
