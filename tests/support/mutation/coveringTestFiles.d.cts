export function coveringTestFiles(
  testNamePattern: string | null | undefined,
  recorded: { file: string; tests: string[] }[],
): Set<string> | undefined;
