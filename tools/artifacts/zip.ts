import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * Extracts a zip as Lambda does before it starts a function: every file, stored or deflated, with its Unix mode.
 * Enough for the archives serverless writes (no zip64, no encryption); anything else is refused, not guessed at.
 */
export function extractZip(zipFile: string, folder: string): string[] {
  const zip = readFileSync(zipFile);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < 0) throw new Error(`${zipFile} is not a zip archive`);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`${zipFile}: damaged central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    const target = normalize(join(folder, name));
    if (!target.startsWith(normalize(folder) + sep)) throw new Error(`${zipFile}: ${name} would be written outside the folder`);
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`${zipFile}: damaged entry ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    const content = method === 0 ? data : method === 8 ? inflateRawSync(data) : undefined;
    if (!content) throw new Error(`${zipFile}: ${name} uses compression method ${method}`);
    if (content.length !== size) throw new Error(`${zipFile}: ${name} unpacked to ${content.length} bytes, not ${size}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    if (mode & 0o777) chmodSync(target, mode & 0o777);
    names.push(name);
  }
  return names;
}
