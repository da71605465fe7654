import { brokenPromises, documentedCommands, shapeProblems, type CommandOutcome } from '../../support/readmeCommands';

const ok = (stdout: string, statuses = [200]): CommandOutcome => ({ exitCode: 0, stdout, stderr: '', statuses });

describe("the README's commands and their promises", () => {
  const markdown = [
    '## Quick start',
    '```sh',
    'npm start   # serves',
    '```',
    '## A tour',
    '```sh',
    'API=http://127.0.0.1:3000',
    "curl -si -X POST $API/movies/ -H 'content-type: application/json' \\",
    `  -d '{"title": "A # not a comment"}'   # 201, Location: /movies/<id>/`,
    'TOKEN=$(curl -s $API/x |',
    "  node -pe 'JSON.parse(1)')",
    'curl -s $API/import/',
    '# {"rows":6,',
    '#  "unmatched":[{"title":"…"}]}',
    '# then the same without the dry run',
    'curl -s $API/y/',
    '```',
  ].join('\n');

  it('reads each command with its continuation lines as written, its trailing comment and the JSON lines below it', () => {
    const commands = documentedCommands(markdown, (section) => section !== 'Quick start');

    expect(commands.map(({ section, line, text, promise }) => ({ section, line, text, promise }))).toEqual([
      { section: 'A tour', line: 7, text: 'API=http://127.0.0.1:3000', promise: '' },
      {
        section: 'A tour',
        line: 8,
        text: `curl -si -X POST $API/movies/ -H 'content-type: application/json' \\\n  -d '{"title": "A # not a comment"}'`,
        promise: '201, Location: /movies/<id>/',
      },
      { section: 'A tour', line: 10, text: "TOKEN=$(curl -s $API/x |\n  node -pe 'JSON.parse(1)')", promise: '' },
      { section: 'A tour', line: 12, text: 'curl -s $API/import/', promise: '{"rows":6, "unmatched":[{"title":"…"}]}' },
      { section: 'A tour', line: 16, text: 'curl -s $API/y/', promise: '' },
    ]);
  });

  it('compares an answer with the shape of its example: keys, kinds, exact strings unless elided', () => {
    const example = { status: 'ok', rows: 120, unmatched: [{ title: '…', reason: 'no film' }], invalid: [] };

    expect(
      shapeProblems(example, { status: 'ok', rows: 6, unmatched: [{ title: 'Parasite', reason: 'no film' }], invalid: [], more: 1 }),
    ).toEqual([]);
    expect(shapeProblems(example, { status: 'error', rows: '6', unmatched: [{ title: 7, reason: 'no film' }] })).toEqual([
      '$.status: "ok", not "error"',
      '$.rows: a number, not "6"',
      '$.unmatched[0].title: a string, not 7',
      '$.invalid: missing',
    ]);
  });

  it('holds a command to its status, its Location, its JSON, its saved file, and to no HTTP error', () => {
    const [, created, , imported, plain] = documentedCommands(markdown, (section) => section !== 'Quick start');
    const headers = (status: number, location: string) => `HTTP/1.1 ${status} X\r\nlocation: ${location}\r\n\r\n{}`;

    expect(brokenPromises(created!, ok(headers(201, '/movies/3170/'), [201]), '/nowhere')).toEqual([]);
    expect(brokenPromises(created!, ok(headers(200, '/films/1/'), [200]), '/nowhere')).toEqual([
      'answered 200, not 201',
      'no Location: /movies/<id>/ among its headers',
    ]);
    const replayed = { ...created!, promise: '201, Location: /movies/<id>/, the same answer, Idempotency-Replayed: true' };
    expect(brokenPromises(replayed, ok(headers(201, '/movies/7/'), [201]), '/nowhere')).toEqual([
      'no Idempotency-Replayed: true among its headers',
    ]);
    expect(brokenPromises(imported!, ok('{"rows":6,"unmatched":[{"title":"Parasite"}]}'), '/nowhere')).toEqual([]);
    expect(brokenPromises(imported!, ok('{"rows":6}'), '/nowhere')).toEqual(['$.unmatched: missing']);
    expect(brokenPromises(plain!, { ...ok('{}', [400]), exitCode: 26, stderr: 'read error' }, '/nowhere')).toEqual([
      'exited 26: read error',
      'answered 400: {}',
    ]);
    expect(brokenPromises({ ...plain!, promise: 'saves ratings.csv' }, ok(''), '/nowhere')).toEqual(['saved no ratings.csv']);
  });
});
