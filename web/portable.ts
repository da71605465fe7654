// Your ratings in and out: the import's form and report, and the export's download.
import { signedInCall, type BodyOf } from './api';
import { byId, el } from './dom';
import { onSubmit } from './forms';
import { showError } from './messages';

const FORMAT_NAMES: Record<string, string> = { imdb: 'IMDb', letterboxd: 'Letterboxd' };
const rowsText = (count: number) => (count === 1 ? '1 row' : `${count} rows`);

/** The import's report: the counts in one sentence, then each row that was not taken and why. */
function renderImportReport(report: BodyOf<'importMyRatings'>, dryRun: boolean) {
  const counts = `${report.imported} imported, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped.`;
  const checked = dryRun ? ' Only checked: nothing was stored.' : '';
  byId('import-report').textContent = `${FORMAT_NAMES[report.format] ?? report.format} file, ${rowsText(report.rows)}: ${counts}${checked}`;
  byId('import-unmatched').replaceChildren(
    ...report.unmatched.map((row) => el('li', {}, `Row ${row.row}: ${row.title}${row.year ? ` (${row.year})` : ''}: ${row.reason}`)),
  );
  byId('import-invalid').replaceChildren(...report.invalid.map((row) => el('li', {}, `Row ${row.row}: ${row.message}`)));
  byId('import-result').hidden = false;
}

async function downloadExport() {
  const status = byId('export-status');
  status.textContent = 'Preparing the file…';
  const answer = await signedInCall((api, auth) => api.exportMyRatings({ headers: { accept: 'text/csv' }, ...auth }));
  const name = /filename="([^"]+)"/.exec(answer.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const link = el('a', { href: URL.createObjectURL(new Blob([answer.body], { type: 'text/csv' })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  status.textContent = `Downloaded ${name}.`;
}

export function wireImportAndExport(): void {
  onSubmit('import-form', async (data) => {
    const file = data.get('file');
    if (!(file instanceof File)) throw new Error('no file was chosen');
    const dryRun = data.get('dry_run') === 'on';
    byId('import-result').hidden = true;
    const body = await file.text();
    const { body: report } = await signedInCall((api, auth) =>
      api.importMyRatings({ body, contentType: 'text/csv', query: dryRun ? { dry_run: true } : {}, ...auth }),
    );
    renderImportReport(report, dryRun);
  });

  byId('export-button').addEventListener('click', () => downloadExport().catch((error) => showError(error)));
}
