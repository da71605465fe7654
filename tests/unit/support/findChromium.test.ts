import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../support/chromium';

describe('findChromium (the browser the browser test drives)', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'find-chromium-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const fakeBrowser = (name: string) => {
    const file = join(folder, name);
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    return file;
  };

  it('takes CHROMIUM_PATH first, over a system browser', async () => {
    const chosen = fakeBrowser('my-chrome');

    const chromium = await findChromium({ env: { CHROMIUM_PATH: chosen }, systemPaths: [fakeBrowser('chromium')] });

    expect(chromium).toEqual({ executablePath: chosen, source: 'CHROMIUM_PATH', env: {} });
  });

  it('refuses a CHROMIUM_PATH that names no file, rather than fall back silently', async () => {
    await expect(findChromium({ env: { CHROMIUM_PATH: join(folder, 'missing') }, systemPaths: [] })).rejects.toThrow(
      `CHROMIUM_PATH=${join(folder, 'missing')} is not an executable file`,
    );
  });

  it('takes the first system Chromium or Chrome it finds', async () => {
    const system = fakeBrowser('google-chrome');

    const chromium = await findChromium({ env: {}, systemPaths: [join(folder, 'chromium'), system] });

    expect(chromium).toEqual({ executablePath: system, source: 'system', env: {} });
  });

  it('says what to do where neither exists and npm ships no build for the platform', async () => {
    await expect(findChromium({ env: {}, systemPaths: [], platform: 'darwin', arch: 'arm64' })).rejects.toThrow(/set CHROMIUM_PATH/);
  });

  it('unpacks the Chromium build shipped in @sparticuz/chromium on Linux x64 without a system browser, with its libraries and fonts, and reuses it', async () => {
    const cacheFolder = join(folder, 'cache');

    const chromium = await findChromium({ env: {}, systemPaths: [], platform: 'linux', arch: 'x64', cacheFolder });

    expect(chromium.source).toBe('@sparticuz/chromium');
    expect(chromium.executablePath.startsWith(cacheFolder)).toBe(true);
    const version = execFileSync(chromium.executablePath, ['--version'], { env: { ...process.env, ...chromium.env } }).toString();
    expect(version).toMatch(/^Chromium \d+\./);
    expect(chromium.env.LD_LIBRARY_PATH?.split(':')[0]).toBe(join(cacheFolder, 'al2023', 'lib'));
    expect(existsSync(join(cacheFolder, 'al2023', 'lib', 'libnss3.so'))).toBe(true);
    expect(readFileSync(chromium.env.FONTCONFIG_FILE ?? '', 'utf8')).toContain(join(cacheFolder, 'fonts'));
    expect(await findChromium({ env: {}, systemPaths: [], platform: 'linux', arch: 'x64', cacheFolder })).toEqual(chromium);
  });
});
