import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** One line of docs/PERFORMANCE.md's table: a figure, and where it has one, its floor, ratio and target. */
export interface BenchRow {
  scenario: string;
  figure: string;
  floor?: string;
  ratio?: number;
  target?: string;
  met?: boolean;
}

/** A function's Lambda entry as a bundle exports it. */
export type BundledHandler = (
  event: APIGatewayProxyEventV2,
  context: unknown,
  options: unknown,
) => Promise<{ statusCode: number; body?: string }>;
