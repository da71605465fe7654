// A mutant run stops at its first failing test file (`bail` in jest.mutation.config.cjs), so a killed mutant costs
// as little as the files loaded before the one that fails. Most kills come from the unit tests of the mutated
// module's own folder (lib/db/… → tests/unit/db/), then from other unit tests; the handler tests, slower and wider,
// go last. Within a group the given order (Jest's) stands.
const path = require('node:path');

/** The top folder under lib/ of a mutated file (in the project or in a Stryker sandbox copy of it), if any. */
function libFolder(file) {
  const parts = file.split(path.sep);
  const lib = parts.lastIndexOf('lib');
  return lib >= 0 && parts.length - lib > 2 ? parts[lib + 1] : undefined;
}

function killingOrder(files, mutatedFiles, rootDir) {
  const ownFolders = new Set(mutatedFiles.map(libFolder).filter(Boolean));
  const unitRoot = path.join(rootDir, 'tests', 'unit') + path.sep;
  const rank = (file) => {
    if (!file.startsWith(unitRoot)) return 2;
    const folder = file.slice(unitRoot.length).split(path.sep)[0];
    return ownFolders.has(folder) ? 0 : 1;
  };
  return files
    .map((file, index) => ({ file, index, rank: rank(file) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ file }) => file);
}

module.exports = { killingOrder };
