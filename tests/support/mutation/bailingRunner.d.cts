export function runUntilFailure<T>(tests: T[], runOne: (test: T) => Promise<unknown>, hasFailed: () => boolean): Promise<void>;
