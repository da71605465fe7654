import { join } from 'node:path';

type PathRule = { path?: string | string[]; pathNot?: string | string[] };
type Rule = { name: string; from: PathRule; to: PathRule & { circular?: boolean } };

const root = join(__dirname, '..', '..');
const config = require(join(root, '.dependency-cruiser.cjs')) as { forbidden: Rule[] };

const anyOf = (pattern: string | string[] | undefined) => (Array.isArray(pattern) ? pattern.join('|') : pattern);
const matches = (rule: PathRule, file: string) => {
  const path = anyOf(rule.path);
  const pathNot = anyOf(rule.pathNot);
  return (path === undefined || new RegExp(path).test(file)) && (pathNot === undefined || !new RegExp(pathNot).test(file));
};

/** Whether some path rule of .dependency-cruiser.cjs forbids `from` importing `to` (the rules without a path condition aside). */
export const forbids = (from: string, to: string): boolean =>
  config.forbidden.some(
    (rule) => (rule.to.path !== undefined || rule.to.pathNot !== undefined) && matches(rule.from, from) && matches(rule.to, to),
  );
