import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildOpenApiDocument } from '../../../lib/openapi/document';
import { allRoutes, allSchedules } from '../../../lib/schemas/routes';
import { methodsOf } from '../../../lib/schemas/routes/contract';

interface HttpApiEvent {
  httpApi?: { method: string; path: string } | '*';
  schedule?: string;
}
interface ServerlessFunction {
  handler: string;
  events?: HttpApiEvent[];
  timeout?: number;
  package?: { patterns?: string[] };
}

const projectRoot = join(__dirname, '..', '..', '..');
const serverlessYml = parse(readFileSync(join(projectRoot, 'serverless.yml'), 'utf8')) as { functions: unknown };

/** What `serverless` itself reads: serverless.yml's `functions:` names this loader, which reads the route contracts. */
const loadFunctions = async (): Promise<Record<string, ServerlessFunction>> => {
  const loader = require('../../../scripts/serverless/functions.js') as () => Promise<Record<string, ServerlessFunction>>;
  return loader();
};

let functions: Record<string, ServerlessFunction>;
beforeAll(async () => {
  functions = await loadFunctions();
});

const withoutSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Every httpApi route serverless deploys, the slash twins folded into one, the catch-all left out. */
const serverlessRoutes = () =>
  new Set(
    Object.values(functions).flatMap((fn) =>
      (fn.events ?? []).flatMap((e) => (e.httpApi && e.httpApi !== '*' ? [key(e.httpApi.method, withoutSlash(e.httpApi.path))] : [])),
    ),
  );

describe('serverless.yml, the route contracts and the OpenAPI document agree', () => {
  it('takes its functions from the route contracts, so none is declared by hand', () => {
    expect(serverlessYml.functions).toBe('${file(./scripts/serverless/functions.js)}');
  });

  it.each(allRoutes.map((route) => [route.functionName, route] as const))(
    '%s has a function whose httpApi events are its methods and path, with and without the trailing slash',
    (name, route) => {
      const fn = functions[name];

      expect(fn).toBeDefined();
      const events = (fn?.events ?? [])
        .map((event) => event.httpApi && event.httpApi !== '*' && key(event.httpApi.method, event.httpApi.path))
        .sort();
      const bare = withoutSlash(route.path);
      // The root is its own slash twin.
      const paths = bare === '/' ? ['/'] : [bare, `${bare}/`];
      expect(events).toEqual(
        methodsOf(route)
          .flatMap((method) => paths.map((path) => key(method, path)))
          .sort(),
      );
      expect(fn?.handler).toMatch(new RegExp(`^functions/[a-zA-Z]+/${name}\\.handler$`));
      expect(existsSync(join(projectRoot, `${fn?.handler.replace(/\.handler$/, '')}.ts`))).toBe(true);
    },
  );

  it('has no function without a route contract, besides the catch-all and the scheduled ones', () => {
    const scheduled = allSchedules.map((schedule) => schedule.functionName);
    expect(Object.keys(functions).sort()).toEqual([...allRoutes.map((route) => route.functionName), ...scheduled, 'unmatchedRoute'].sort());
  });

  it('answers PUT and PATCH /ratings/{id}/ with one function, changeRating: a rating has one changeable field', () => {
    const events = (functions.changeRating?.events ?? []).map(
      (event) => event.httpApi !== '*' && key(event.httpApi!.method, event.httpApi!.path),
    );

    expect(events.sort()).toEqual(['PATCH /ratings/{id}', 'PATCH /ratings/{id}/', 'PUT /ratings/{id}', 'PUT /ratings/{id}/']);
    expect(functions).not.toHaveProperty('replaceRating');
    expect(functions).not.toHaveProperty('updateRating');
  });

  it('sends every request no route matches to the catch-all function ($default)', () => {
    expect(functions.unmatchedRoute).toEqual({ handler: 'functions/unmatchedRoute/unmatchedRoute.handler', events: [{ httpApi: '*' }] });
  });

  it('gives getMovie the longer timeout its LLM call needs, and the openai package beside its bundle', () => {
    expect(functions.getMovie?.timeout).toBe(20);
    expect(functions.getMovie?.package?.patterns).toEqual(['node_modules/openai/**']);
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
    const patterns = functions.docsAsset?.package?.patterns ?? [];

    expect([...patterns].sort()).toEqual(
      ['package.json', ...swaggerUiDistFiles].map((file) => `node_modules/swagger-ui-dist/${file}`).sort(),
    );
  });
});

describe('the web page packages', () => {
  it.each(['webPage', 'webAsset'])('%s ships every file of public/ the page links beside its bundle', async (name) => {
    const { webAssetFiles } = await import('../../../lib/web/assets');
    const patterns = functions[name]?.package?.patterns ?? [];

    expect([...patterns].sort()).toEqual(webAssetFiles.map((file) => `public/${file}`).sort());
  });
});

describe("a schedule's rate from its environment variable", () => {
  const { serverlessFunctions } =
    require('../../../scripts/serverless/contracts') as typeof import('../../../scripts/serverless/contracts');
  const refreshEvents = (env: Record<string, string>) => serverlessFunctions(projectRoot, [], allSchedules, env).refreshScores?.events;

  it("keeps the contract's rate (every 5 minutes) when SCORE_REFRESH_RATE is unset or empty", () => {
    expect(refreshEvents({})).toEqual([{ schedule: 'rate(5 minutes)' }]);
    expect(refreshEvents({ SCORE_REFRESH_RATE: '' })).toEqual([{ schedule: 'rate(5 minutes)' }]);
  });

  it('takes SCORE_REFRESH_RATE as the refresh of C runs under serverless-offline and deployed', () => {
    expect(refreshEvents({ SCORE_REFRESH_RATE: 'rate(1 minute)' })).toEqual([{ schedule: 'rate(1 minute)' }]);
    expect(refreshEvents({ SCORE_REFRESH_RATE: 'rate(15 minutes)' })).toEqual([{ schedule: 'rate(15 minutes)' }]);
  });

  it.each(['rate(1 minutes)', 'rate(2 minute)', 'rate(0 minutes)', 'every minute', 'cron(0/5 * * * ? *)', 'rate(30 seconds)'])(
    'refuses SCORE_REFRESH_RATE=%s, naming the variable',
    (rate) => {
      expect(() => refreshEvents({ SCORE_REFRESH_RATE: rate })).toThrow(/SCORE_REFRESH_RATE must be a rate/);
    },
  );
});
