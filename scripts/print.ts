/** Where a script says what it did: a line at a time, to the console or to whoever runs it (start.mjs, a test). */
export type Print = (line: string) => void;
