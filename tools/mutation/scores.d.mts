export interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}
export interface FolderScore {
  folder: string;
  mutants: number;
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  ignored: number;
  errors: number;
  /** detected (killed + timeout) over valid mutants, in percent; NaN without valid mutants */
  score: number;
}
export function scoresByFolder(report: MutationReport, folders: string[]): FolderScore[];
export function scoresTable(rows: FolderScore[]): string;
