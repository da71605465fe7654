// Stryker's statuses, counted the way its own mutation score counts them: timeouts are detected, errors and
// ignored mutants are not valid mutants and stay out of the score.
const columns = {
  Killed: 'killed',
  Survived: 'survived',
  Timeout: 'timeout',
  NoCoverage: 'noCoverage',
  Ignored: 'ignored',
  CompileError: 'errors',
  RuntimeError: 'errors',
};

function emptyRow(folder) {
  return { folder, mutants: 0, killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0, errors: 0, score: NaN };
}

function withScore(row) {
  const detected = row.killed + row.timeout;
  const valid = detected + row.survived + row.noCoverage;
  return { ...row, score: valid === 0 ? NaN : (detected / valid) * 100 };
}

/**
 * One row per folder (subfolders included), or per file when a file is given, of a mutation-testing report such as
 * Stryker's incremental file.
 */
export function scoresByFolder(report, folders) {
  return folders.map((folder) => {
    const row = emptyRow(folder);
    for (const [file, { mutants }] of Object.entries(report.files)) {
      if (file !== folder && !file.startsWith(`${folder}/`)) continue;
      for (const { status } of mutants) {
        row.mutants += 1;
        const column = columns[status];
        if (column) row[column] += 1;
      }
    }
    return withScore(row);
  });
}

const counted = ['mutants', 'killed', 'survived', 'timeout', 'noCoverage', 'ignored', 'errors'];

/** The rows as the markdown table docs/TESTING.md carries, with a total row. */
export function scoresTable(rows) {
  const total = withScore(
    rows.reduce((sum, row) => {
      for (const key of counted) sum[key] += row[key];
      return sum;
    }, emptyRow('**all**')),
  );
  const line = (row) =>
    `| ${row.folder} | ${counted.map((key) => row[key]).join(' | ')} | ${Number.isNaN(row.score) ? 'n/a' : `${row.score.toFixed(2)} %`} |`;
  return [
    '| folder | mutants | killed | survived | timeout | no coverage | ignored | errors | score |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(line),
    line(total),
  ].join('\n');
}
