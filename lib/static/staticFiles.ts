import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { noneMatchHits } from '../http/entityTag';
import { HttpReply } from '../http/reply';

/** A file the API serves as it is: its bytes, its type, and a digest that changes whenever they do. */
export interface StaticFile {
  body: string | Buffer;
  contentType: string;
  /** A digest of the content, for URLs (`?v=`) and the ETag. */
  version: string;
  etag: string;
}

/** Browsers may keep a file for a year when its URL carries the version of its content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Browsers keep the file but ask again (If-None-Match) before each use. */
export const REVALIDATE = 'no-cache';

/** A short, URL-safe digest of some content: 120 bits of SHA-256, enough that two versions never meet. */
export const contentVersion = (content: string | Buffer) => createHash('sha256').update(content).digest('base64url').slice(0, 20);

/** A StaticFile of content built in memory, such as a page. */
export function staticFile(body: string | Buffer, contentType: string): StaticFile {
  const version = contentVersion(body);
  return { body, contentType, version, etag: `"${version}"` };
}

/** Text travels as text; anything else (images) as bytes, which API Gateway carries base64-encoded. */
const isText = (contentType: string) => contentType.startsWith('text/');

export interface StaticFolder {
  /** The file names published from the folder, and nothing else of it. */
  readonly names: readonly string[];
  /** A published file, read once per container; undefined for any other name. */
  file(name: string): StaticFile | undefined;
}

/**
 * Files shipped beside the bundles (serverless.yml `package.patterns`) and read from disk, never compiled
 * into a Lambda. The folder is looked for from here upwards, as Node looks for node_modules: that finds it
 * at the root of the Lambda zip, in the project under serverless-offline (whose bundles sit in .esbuild/),
 * and in tests. `files` maps each published name to its content type; any other name is unknown, so a path
 * trick such as `..%2Fpackage.json` can never reach the disk.
 */
export function staticFolder(relativePath: string, files: Readonly<Record<string, string>>, from = __dirname): StaticFolder {
  const names = Object.keys(files);
  const [probe] = names;
  if (!probe) throw new Error(`no file is published from ${relativePath}`);
  let folder: string | undefined;
  const locate = () => {
    if (folder) return folder;
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, relativePath);
      if (existsSync(join(candidate, probe))) return (folder = candidate);
      if (dirname(dir) === dir) throw new Error(`${relativePath} is not installed beside this code`);
    }
  };
  const cache = new Map<string, StaticFile>();
  return {
    names,
    file(name) {
      const contentType = Object.hasOwn(files, name) ? files[name] : undefined;
      if (!contentType) return undefined;
      let file = cache.get(name);
      if (!file) {
        const bytes = readFileSync(join(locate(), name));
        file = staticFile(isText(contentType) ? bytes.toString('utf8') : bytes, contentType);
        cache.set(name, file);
      }
      return file;
    },
  };
}

/** The file with its ETag and caching rule, or 304 with no body when the browser already holds this version. */
export function staticReply(file: StaticFile, ifNoneMatch: string | undefined, cacheControl: string): HttpReply {
  const headers = { etag: file.etag, 'cache-control': cacheControl };
  if (noneMatchHits(ifNoneMatch, file.etag)) return new HttpReply(304, undefined, headers);
  return new HttpReply(200, file.body, { ...headers, 'content-type': file.contentType });
}
