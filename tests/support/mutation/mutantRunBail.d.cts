export class MutantRunBail {
  startRun(): void;
  hasFailed(): boolean;
  handle(event: { name: string; test?: { errors: unknown[]; mode?: string } }, state: { rootDescribeBlock: unknown }): void;
}
export const mutantRunBail: MutantRunBail;
