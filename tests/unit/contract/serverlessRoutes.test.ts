import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildOpenApiDocument } from '../../../lib/openapi/document';
import { allRoutes } from '../../../lib/schemas/routes';

interface HttpApiEvent {
  httpApi?: { method: string; path: string };
}
interface ServerlessFunction {
  handler: string;
  events?: HttpApiEvent[];
}

const projectRoot = join(__dirname, '..', '..', '..');
const serverless = parse(readFileSync(join(projectRoot, 'serverless.yml'), 'utf8')) as { functions: Record<string, ServerlessFunction> };
const functions = serverless.functions;

const withoutSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Every httpApi route of serverless.yml, the slash twins folded into one. */
const serverlessRoutes = () =>
  new Set(
    Object.values(functions).flatMap((fn) => (fn.events ?? []).flatMap((e) => (e.httpApi ? [key(e.httpApi.method, withoutSlash(e.httpApi.path))] : []))),
  );

describe('serverless.yml, the route contracts and the OpenAPI document agree', () => {
  it.each(allRoutes.map((route) => [route.functionName, route] as const))(
    '%s has a function whose httpApi events are its method and path, with and without the trailing slash',
    (name, route) => {
      const fn = functions[name];

      expect(fn).toBeDefined();
      const events = (fn?.events ?? []).map((event) => event.httpApi && key(event.httpApi.method, event.httpApi.path)).sort();
      const bare = withoutSlash(route.path);
      // The root is its own slash twin.
      const paths = bare === '/' ? ['/'] : [bare, `${bare}/`];
      expect(events).toEqual(paths.map((path) => key(route.method, path)).sort());
      expect(fn?.handler).toMatch(new RegExp(`^functions/[a-z]+/${name}\\.handler$`));
      expect(existsSync(join(projectRoot, `${fn?.handler.replace(/\.handler$/, '')}.ts`))).toBe(true);
    },
  );

  it('has no HTTP function without a route contract', () => {
    const httpFunctions = Object.entries(functions).filter(([, fn]) => (fn.events ?? []).some((event) => event.httpApi));
    expect(httpFunctions.map(([name]) => name).sort()).toEqual(allRoutes.map((route) => route.functionName).sort());
  });

  it('documents every route of serverless.yml, and nothing else', () => {
    const document = buildOpenApiDocument(allRoutes);
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => key(method, withoutSlash(path))),
    );

    expect(documented.sort()).toEqual([...serverlessRoutes()].sort());
  });
});

describe('the docsAsset package', () => {
  it('ships every Swagger UI file the Lambda serves beside its bundle', async () => {
    const { swaggerUiDistFiles } = await import('../../../lib/docs/swaggerUi');
    const patterns = (functions.docsAsset as ServerlessFunction & { package?: { patterns?: string[] } }).package?.patterns ?? [];

    expect(patterns.sort()).toEqual(['package.json', ...swaggerUiDistFiles].map((file) => `node_modules/swagger-ui-dist/${file}`).sort());
  });
});

describe('the web page packages', () => {
  it.each(['webPage', 'webAsset'])('%s ships every file of public/ the page links beside its bundle', async (name) => {
    const { webAssetFiles } = await import('../../../lib/web/assets');
    const patterns = (functions[name] as ServerlessFunction & { package?: { patterns?: string[] } }).package?.patterns ?? [];

    expect(patterns.sort()).toEqual(webAssetFiles.map((file) => `public/${file}`).sort());
  });
});
