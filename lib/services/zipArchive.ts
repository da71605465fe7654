import { BadRequest } from '../errors';

/**
 * What a ZIP archive may hold, checked as it is read rather than as it declares: a 1 MiB upload may declare small
 * files and inflate a thousandfold (a zip bomb), or hold tens of thousands of empty entries (files or folders).
 */
export const ZIP_LIMITS = { entries: 1000, inflatedBytes: 16 * 1024 * 1024 };

/** The compressed bytes are fed to the inflater in slices this small, so one step's output stays small too. */
const SLICE_BYTES = 1024;

const LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];

export interface ZipContents {
  /** The name of every file in the archive, in its order (folders left out). */
  names: string[];
  /** The files asked for, inflated. */
  files: Map<string, Uint8Array>;
}

const concat = (parts: readonly Uint8Array[]) => Buffer.concat(parts);

/**
 * Reads a ZIP archive, inflating only the files `wanted` names, and refuses (400) one that is not a ZIP, that holds
 * more than ZIP_LIMITS.entries entries, or whose wanted files inflate past ZIP_LIMITS.inflatedBytes in all. fflate is
 * loaded here, on the first archive: no function but the import carries it (serverless.yml leaves it out of the
 * bundles; the import's package holds it beside its bundle).
 */
export async function readZipArchive(bytes: Uint8Array, wanted: (name: string) => boolean): Promise<ZipContents> {
  if (!LOCAL_FILE_HEADER.every((byte, index) => bytes[index] === byte)) throw new BadRequest('the body is not a ZIP archive');
  const { Unzip, UnzipInflate } = await import('fflate');
  const names: string[] = [];
  const parts = new Map<string, Uint8Array[]>();
  let entries = 0;
  let inflated = 0;
  let refusal: BadRequest | undefined;

  const unzip = new Unzip((file) => {
    if (refusal) return;
    if (++entries > ZIP_LIMITS.entries) {
      refusal = new BadRequest(`the ZIP archive holds more than ${ZIP_LIMITS.entries} entries`);
      return;
    }
    if (!file.name.endsWith('/')) names.push(file.name);
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    parts.set(file.name, chunks);
    file.ondata = (error, data) => {
      if (refusal) return;
      if (error) {
        refusal = new BadRequest(`the ZIP archive cannot be read: ${file.name} is damaged`);
        return;
      }
      inflated += data.length;
      if (inflated > ZIP_LIMITS.inflatedBytes) {
        refusal = new BadRequest(`the ZIP archive inflates to more than ${ZIP_LIMITS.inflatedBytes / (1024 * 1024)} MiB`);
        file.terminate();
        return;
      }
      chunks.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let start = 0; start < bytes.length && !refusal; start += SLICE_BYTES) {
      unzip.push(bytes.subarray(start, start + SLICE_BYTES), start + SLICE_BYTES >= bytes.length);
    }
  } catch {
    // fflate throws on an archive it cannot follow (an unknown compression method, a truncated entry).
    refusal ??= new BadRequest('the ZIP archive cannot be read');
  }
  if (refusal) throw refusal;
  return { names, files: new Map([...parts].map(([name, chunks]) => [name, concat(chunks)])) };
}
