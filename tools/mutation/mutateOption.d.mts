export function mutateOption(args: string[], cwd?: string): string[];
