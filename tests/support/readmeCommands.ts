import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** One shell command of a document's ```sh block, with what its comment promises it answers. */
export interface DocumentedCommand {
  /** The heading (## or ###) it sits under. */
  section: string;
  /** Its line in the document, from 1. */
  line: number;
  /** The command as written, continuation lines joined. */
  text: string;
  /** Its trailing comment, and the comment lines right below it that carry on a JSON answer. */
  promise: string;
}

/** What running a command gave. */
export interface CommandOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The HTTP status of each of its curl calls, in order. */
  statuses: number[];
}

/** Where `#` starts a comment: outside quotes, at the start or after a space. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(line[index - 1]!))) {
      return index;
    }
  }
  return -1;
}

/** Whether the brackets of a JSON text, outside its strings, are all closed. */
function bracketsClosed(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  return depth <= 0;
}

/** Every command of the document's ```sh blocks whose heading `keep` accepts. */
export function documentedCommands(markdown: string, keep: (section: string) => boolean = () => true): DocumentedCommand[] {
  const lines = markdown.split('\n');
  const commands: DocumentedCommand[] = [];
  let section = '';
  for (let index = 0; index < lines.length; index++) {
    const heading = /^#{2,3} (.*)/.exec(lines[index]!);
    if (heading) section = heading[1]!.trim();
    if (lines[index]!.trim() !== '```sh') continue;
    // The command whose answer the comment lines below may go on describing.
    let last: DocumentedCommand | undefined;
    for (index++; index < lines.length && lines[index]!.trim() !== '```'; index++) {
      const line = lines[index]!;
      if (!line.trim()) continue;
      if (line.trimStart().startsWith('#')) {
        const text = line.trimStart().replace(/^#\s?/, '').trim();
        const continues = last && ((last.promise && !bracketsClosed(last.promise)) || (!last.promise && /^[{[]/.test(text)));
        if (last && continues) last.promise = `${last.promise} ${text}`.trim();
        else last = undefined; // prose about what follows
        continue;
      }
      const start = index;
      let joined = line;
      // Kept as written: bash reads a trailing backslash or pipe as the command going on.
      while (/[\\|]\s*$/.test(joined) && index + 1 < lines.length) joined = `${joined}\n${lines[++index]}`;
      const hash = commentStart(joined);
      const command: DocumentedCommand = {
        section,
        line: start + 1,
        text: (hash < 0 ? joined : joined.slice(0, hash)).trimEnd(),
        promise: hash < 0 ? '' : joined.slice(hash + 1).trim(),
      };
      if (keep(section)) commands.push(command);
      last = command;
    }
  }
  return commands;
}

/** The body of an answer that `curl -i` may have prefixed with its status line and headers. */
export function bodyOf(stdout: string): string {
  if (!stdout.startsWith('HTTP/')) return stdout;
  const end = stdout.search(/\r?\n\r?\n/);
  return end < 0 ? '' : stdout.slice(end).trim();
}

/** A JSON example as documents write it: `…` for any string, `,…` for "and more". */
function parseExample(text: string): unknown {
  return JSON.parse(text.replace(/,\s*…(?=\s*[}\]])/g, ''));
}

/**
 * Where `actual` departs from the example's shape: every key it shows is there, with a value of its kind; strings
 * are exact unless the example elides them (`…`); numbers are examples of a number; the first item of a list shows
 * what each item is like.
 */
export function shapeProblems(example: unknown, actual: unknown, path = '$'): string[] {
  if (typeof example === 'string') {
    if (example.includes('…')) return typeof actual === 'string' ? [] : [`${path}: a string, not ${JSON.stringify(actual)}`];
    return actual === example ? [] : [`${path}: ${JSON.stringify(example)}, not ${JSON.stringify(actual)}`];
  }
  if (typeof example === 'number') return typeof actual === 'number' ? [] : [`${path}: a number, not ${JSON.stringify(actual)}`];
  if (example === null || typeof example !== 'object') {
    return actual === example ? [] : [`${path}: ${JSON.stringify(example)}, not ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${path}: a list, not ${JSON.stringify(actual)}`];
    return example.length > 0 && actual.length > 0 ? shapeProblems(example[0], actual[0], `${path}[0]`) : [];
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: an object, not ${JSON.stringify(actual)}`];
  return Object.entries(example).flatMap(([key, value]) =>
    key in actual ? shapeProblems(value, (actual as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}: missing`],
  );
}

/**
 * What is wrong with a command's outcome: it must exit 0 with every HTTP answer below 400, and hold what its
 * comment promises: a leading status (`# 201, …`, `# 204; …`), headers (`Location: /movies/<id>/`), a JSON answer's shape,
 * a file it `saves`. Any other comment is prose, and only success is checked.
 */
export function brokenPromises(command: DocumentedCommand, outcome: CommandOutcome, folder: string): string[] {
  const problems: string[] = [];
  if (outcome.exitCode !== 0) problems.push(`exited ${outcome.exitCode}: ${outcome.stderr.trim()}`);
  const failed = outcome.statuses.filter((status) => status >= 400);
  if (failed.length > 0) problems.push(`answered ${failed.join(', ')}: ${bodyOf(outcome.stdout).slice(0, 300)}`);
  const { promise } = command;
  const status = /^(\d{3})\b/.exec(promise);
  if (status && outcome.statuses.at(-1) !== Number(status[1])) problems.push(`answered ${outcome.statuses.at(-1)}, not ${status[1]}`);
  const json = promise.search(/[{[]/);
  // Headers it promises (`Location: /movies/<id>/`, `Idempotency-Replayed: true`), where its answer is no JSON.
  for (const [, name, value] of json < 0 ? promise.matchAll(/\b([A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*): ([^\s,;]+)/g) : []) {
    const escaped = value!.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/<[^>]+>/g, '\\d+');
    if (!new RegExp(`^${name}: ${escaped}\\s*$`, 'im').test(outcome.stdout)) problems.push(`no ${name}: ${value} among its headers`);
  }
  if (json >= 0 && !status) {
    try {
      problems.push(...shapeProblems(parseExample(promise.slice(json)), JSON.parse(bodyOf(outcome.stdout))));
    } catch (error) {
      problems.push(`not the JSON its comment shows (${(error as Error).message}): ${outcome.stdout.slice(0, 300)}`);
    }
  }
  const saved = /\bsaves (\S+)/.exec(promise);
  if (saved && !existsSync(join(folder, saved[1]!))) problems.push(`saved no ${saved[1]}`);
  return problems;
}

/** The address the documents' commands are written for; the tests' API runs on a free port instead. */
const DOCUMENTED_HOST = '127.0.0.1:3000';

/**
 * Runs the commands in order in one bash, as a reader pastes them, so $API and $ACCESS carry on from one to the next,
 * against `baseUrl` (the one change to what is written), in `folder`: there `docs/` is the project's, as in a clone,
 * and what the commands save lands. Each curl call's HTTP status is noted on stderr, its answer left untouched.
 */
export async function runDocumentedCommands(
  commands: readonly DocumentedCommand[],
  { baseUrl, folder, projectRoot }: { baseUrl: string; folder: string; projectRoot: string },
): Promise<CommandOutcome[]> {
  mkdirSync(join(folder, 'out'), { recursive: true });
  symlinkSync(join(projectRoot, 'docs'), join(folder, 'docs'));
  const file = (index: number, kind: string) => join(folder, 'out', `${index}.${kind}`);
  const script = [
    `curl() { command curl -w '%{stderr}\\nHTTP_STATUS %{http_code}\\n' "$@"; }`,
    // A group, not a subshell, so an assignment such as ACCESS=$(…) stays for the commands after it.
    ...commands.map(
      (command, index) =>
        `{ ${command.text.replaceAll(DOCUMENTED_HOST, new URL(baseUrl).host)}\n} > ${file(index, 'out')} 2> ${file(index, 'err')}; echo $? > ${file(index, 'rc')}`,
    ),
  ].join('\n');
  writeFileSync(join(folder, 'out', 'commands.sh'), script);
  await promisify(execFile)('bash', [join(folder, 'out', 'commands.sh')], { cwd: folder, maxBuffer: 64 * 1024 * 1024 });
  return commands.map((_, index) => {
    const stderr = readFileSync(file(index, 'err'), 'utf8');
    return {
      exitCode: Number(readFileSync(file(index, 'rc'), 'utf8')),
      stdout: readFileSync(file(index, 'out'), 'utf8'),
      stderr: stderr.replace(/\n?HTTP_STATUS \d+\n/g, ''),
      statuses: [...stderr.matchAll(/HTTP_STATUS (\d+)/g)].map((match) => Number(match[1])),
    };
  });
}
