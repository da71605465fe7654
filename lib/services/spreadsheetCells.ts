/**
 * A cell a spreadsheet would run as a formula begins with one of these (OWASP, CSV injection). A cell that begins with
 * quotes and then one of them is one this module neutralised, or one that would read back as such: both gain a quote.
 */
const RUNS_OR_LOOKS_NEUTRALISED = /^'*[=+\-@\t\r]/;
/** What a neutralised cell looks like: the writer puts each in double quotes, as OWASP asks. */
export const NEUTRALISED_CELL = /^'+[=+\-@\t\r]/;

/**
 * The cell as the export writes it: a quote before anything a spreadsheet would run, so Excel, LibreOffice and Google
 * Sheets show it as text. A cell already beginning with quotes before such a character gains one more, so that
 * `restoredCell` gives every cell back exactly.
 */
export const neutralisedCell = (cell: string): string => (RUNS_OR_LOOKS_NEUTRALISED.test(cell) ? `'${cell}` : cell);

/** The cell as it was before `neutralisedCell`: one leading quote taken off a quoted formula character. */
export const restoredCell = (cell: string): string => (NEUTRALISED_CELL.test(cell) ? cell.slice(1) : cell);
