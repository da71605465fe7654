import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeModules, scheduleModules } from '../../../lib/schemas/routes';

/*
 * One name per domain: its contracts lib/schemas/routes/<name>.ts, its functions functions/<name>/, its service
 * lib/services/<name>Service.ts and its tests named <name>…, so that a newcomer finds a route's parts by one name.
 */
const projectRoot = join(__dirname, '..', '..', '..');
const filesOf = (folder: string) => readdirSync(join(projectRoot, folder)).filter((name) => name.endsWith('.ts'));
const foldersOf = (folder: string) =>
  readdirSync(join(projectRoot, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
const withoutTs = (file: string) => file.replace(/\.ts$/, '');

/** The names of the functions a module of contracts declares: route contracts and scheduled functions alike. */
const functionNamesOf = (module: Record<string, unknown>): string[] =>
  Object.values(module).flatMap((value) =>
    typeof value === 'object' && value !== null && 'functionName' in value && typeof value.functionName === 'string'
      ? [value.functionName]
      : [],
  );

const contractModuleOf = (domain: string): Record<string, unknown> | undefined => {
  // The catch-all is no route of the API, so its contract stays outside lib/schemas/routes and the OpenAPI document.
  const file = ['lib/schemas/routes', 'lib/schemas'].map((folder) => join(projectRoot, folder, `${domain}.ts`)).find(existsSync);
  return file === undefined ? undefined : (require(file) as Record<string, unknown>);
};

describe('a domain has one name across contracts, functions, services and tests', () => {
  it.each(Object.entries({ ...routeModules, ...scheduleModules }))(
    'the functions of lib/schemas/routes/%s.ts live in functions/ under its name',
    (domain, module) => {
      const misplaced = functionNamesOf(module).filter((name) => !existsSync(join(projectRoot, 'functions', domain, `${name}.ts`)));

      expect(misplaced).toEqual([]);
    },
  );

  it.each(foldersOf('functions'))('functions/%s/ holds the functions its contract module of the same name declares', (domain) => {
    const module = contractModuleOf(domain);

    expect(module).toBeDefined();
    const declared = functionNamesOf(module ?? {});
    expect(
      filesOf(`functions/${domain}`)
        .map(withoutTs)
        .filter((name) => !declared.includes(name)),
    ).toEqual([]);
  });

  // The shapes every domain uses: ids and problems, pages, uploaded files.
  const sharedSchemas = ['common', 'pagination', 'uploadedFile'];

  it.each(Object.keys(routeModules))(
    'lib/schemas/routes/%s.ts takes its shapes from the schemas of its name and the shared ones',
    (domain) => {
      const source = readFileSync(join(projectRoot, 'lib/schemas/routes', `${domain}.ts`), 'utf8');
      const schemaModules = [...source.matchAll(/from '\.\.\/(\w+)'/g)].map((match) => match[1]!);

      expect(schemaModules.filter((name) => name !== domain && !sharedSchemas.includes(name))).toEqual([]);
    },
  );

  it('names every service module the container loads <domain>Service, or for what it is when it serves no domain', () => {
    const loaded = [
      ...readFileSync(join(projectRoot, 'lib/containerModules.ts'), 'utf8').matchAll(/require\('\.\/services\/(\w+)'\)/g),
    ].map((match) => match[1]!);
    // Helpers of several services, named for what they do rather than for a domain.
    const helpers = ['passwords', 'throttling', 'tokens'];

    expect(loaded.filter((name) => !name.endsWith('Service') && !helpers.includes(name))).toEqual([]);
  });

  const testFiles = (folder: string): string[] =>
    readdirSync(join(projectRoot, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
      .map((entry) => entry.name);
  const handlerAndUnitTests = [...testFiles('tests/handlers'), ...testFiles('tests/unit')];

  it.each(filesOf('lib/services').filter((file) => file.endsWith('Service.ts')))(
    'lib/services/%s has a handler or unit test named for its domain',
    (file) => {
      const domain = file.replace(/Service\.ts$/, '');

      expect(handlerAndUnitTests.filter((test) => test.startsWith(domain))).not.toEqual([]);
    },
  );
});
