/**
 * `current` (docs/PERFORMANCE.md) with `text` in place of the section under `heading`, or after everything when it has
 * none. A section ends where the next one begins: at its `## ` heading, or at a marker line (`<!-- … -->`) that opens
 * it, as `npm run lighthouse` writes its section between markers.
 */
export function replaceSection(current: string, heading: string, text: string): string {
  const at = current.indexOf(heading);
  if (at === -1) return `${current.trimEnd()}\n\n${text}`;
  const next = current.slice(at + heading.length).search(/\n(## |<!-- )/);
  const rest = next === -1 ? '' : `\n${current.slice(at + heading.length + next + 1)}`;
  return `${current.slice(0, at)}${text.trimEnd()}\n${rest}`;
}
