export function killingOrder(files: string[], mutatedFiles: string[], rootDir: string): string[];
