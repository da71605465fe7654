import path from 'node:path';

/** A path a document names, where it names it. */
export interface NamedPath {
  /** As written, after any `:line` or `:function` suffix is cut off. */
  readonly written: string;
  /** Repository-relative, resolved against the document's folder when it is a link. */
  readonly target: string;
  readonly line: number;
}

/** Where the repository's own paths start: a word starting so names a file or folder of this repository. */
const TOP_FOLDERS = ['lib', 'tests', 'scripts', 'functions', 'docs', 'public', 'types', 'reports', '.ci'];
const PATH_WORD = new RegExp(
  `(?<![\\w./@~:-])(?:${TOP_FOLDERS.map((folder) => folder.replace('.', '\\.')).join('|')})/[^\\s\`'"()\\[\\],;]*`,
  'g',
);
const LINK = /\[[^\]\n]*\]\(([^)\s]+)\)/g;

/** What a path ends with that is prose, not path: a sentence's full stop, a `:line` or `:function` reference. */
const tidy = (word: string) =>
  word
    .replace(/#.*$/, '')
    .replace(/[.:]+$/, '')
    .replace(/:[\w.#-]*$/, '')
    .replace(/[.:]+$/, '');

/**
 * The repository paths a markdown document names: words starting with one of the repository's top folders
 * (in code spans, fences and prose alike; a URL's path is not one) and the targets of relative links.
 */
export const pathsNamedIn = (document: string, markdown: string): NamedPath[] => {
  const folder = path.posix.dirname(document);
  return markdown.split('\n').flatMap((text, index) => {
    const line = index + 1;
    const words = [...text.matchAll(PATH_WORD)].map(([word]) => tidy(word)).filter((word) => word.includes('/'));
    const links = [...text.matchAll(LINK)]
      .map(([, target]) => target!)
      .filter((target) => !/^(?:[a-z][a-z+.-]*:|#|\/)/i.test(target))
      .map((target) => target.replace(/#.*$/, ''))
      .filter(Boolean);
    return [
      ...words.map((written) => ({ written, target: written, line })),
      ...links.map((written) => ({ written, target: path.posix.normalize(path.posix.join(folder, written)), line })),
    ];
  });
};

/**
 * A path with placeholders matches the files it stands for: `<name>` and `…` stand for part of one name, `*` for
 * part of one name and `**` for any folders. A folder (a trailing `/`, or a path some file lies under) matches too,
 * and a module named as an import names it, without its extension.
 */
export const matcherOf = (target: string): RegExp => {
  const pattern = target
    .replace(/\/$/, '')
    .split(/(\*\*\/?|\*|<[^>/]+>|…)/)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      return part.startsWith('**') ? '(?:.*/)?' : '[^/]+';
    })
    .join('');
  return new RegExp(`^${pattern}(?:/.*|\\.[a-z]+)?$`);
};

export const isPlaceholder = (target: string) => /[*<…]/.test(target);

/** A `file:name` reference: the name of a function, method or constant the file declares. */
export interface NamedDeclaration {
  readonly file: string;
  readonly name: string;
  readonly line: number;
}

const DECLARATION_REFERENCE = /(?<![\w./@~:-])((?:lib|tests|scripts|functions)\/[\w./-]+\.(?:ts|js|mjs|cjs)):([A-Za-z_$][\w$]*)/g;

export const declarationsNamedIn = (markdown: string): NamedDeclaration[] =>
  markdown
    .split('\n')
    .flatMap((text, index) =>
      [...text.matchAll(DECLARATION_REFERENCE)].map(([, file, name]) => ({ file: file!, name: name!, line: index + 1 })),
    );

/** Whether `source` declares `name`: a function, a class, a variable, or a method or property of an object it builds. */
export const declares = (source: string, name: string): boolean =>
  new RegExp(
    `(?:\\b(?:function\\*?|class|const|let|var)\\s+${name}\\b|^\\s*(?:async\\s+)?${name}\\s*(?:<[^>]*>)?\\([^;\\n]*$|^\\s*${name}\\s*:)`,
    'm',
  ).test(source);
