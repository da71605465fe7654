/**
 * The layers of docs/ARCHITECTURE.md, enforced over the whole tree (`npm run depcruise`, and in .ci/run):
 * functions → (container, lib/http) → services → repositories → db; schemas and errors are leaves; and the
 * workshop (tools → harness, tests → harness) stands apart from the product (lib, functions, scripts).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles: a cycle makes two modules one, and their load order fragile.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'http-knows-no-domain',
      comment:
        'lib/http is the HTTP stack: it knows nothing of services, repositories, the database or the container (functions/ hands it the container).',
      severity: 'error',
      from: { path: '^lib/http/' },
      to: {
        path: '^lib/(services|repositories|db|llm)/|^lib/container\\.ts$',
      },
    },
    {
      name: 'repositories-import-no-services',
      comment: 'Repositories hold SQL and nothing above it.',
      severity: 'error',
      from: { path: '^lib/repositories/' },
      to: { path: '^lib/(services|llm|http)/|^lib/container\\.ts$' },
    },
    {
      name: 'repositories-report-refusals-as-values',
      comment:
        'A repository says what the database answered, refusals included, as values or typed results (a guard that ' +
        'failed, a cap reached); the service that asked turns them into domain errors, and lib/http into answers.',
      severity: 'error',
      from: { path: '^lib/repositories/' },
      to: { path: '^lib/errors\\.ts$|^lib/http/' },
    },
    {
      name: 'services-know-no-http',
      comment: 'Domain rules do not speak HTTP; the stack maps their errors and results.',
      severity: 'error',
      from: { path: '^lib/services/' },
      to: { path: '^lib/http/|^lib/container\\.ts$' },
    },
    {
      name: 'services-reach-data-through-repositories',
      comment: 'Services are handed repositories by the container; the database client and its SQL are below them.',
      severity: 'error',
      from: { path: '^lib/services/' },
      to: { path: '^lib/db/' },
    },
    {
      name: 'logger-is-the-ground-floor',
      comment:
        'lib/logger.ts is what every layer logs with: it imports nothing of the database, the request duties or the ' +
        'HTTP stack; a request gets its logger (with its id) from its context, not from a store.',
      severity: 'error',
      from: { path: '^lib/logger\\.ts$' },
      to: { path: '^lib/(db|http|services|repositories)/|^lib/(requestDuties|container)\\.ts$' },
    },
    {
      name: 'functions-through-container-and-http',
      comment:
        'A handler reaches lib only through the container, the HTTP stack and the leaves (schemas, errors). The ' +
        'presentation layer beside the HTTP stack (the web page and its files, Swagger UI, the generated OpenAPI ' +
        'document, served as they are) is read directly: it is content, not domain.',
      severity: 'error',
      from: { path: '^functions/' },
      to: {
        path: '^lib/',
        pathNot: '^lib/(container\\.ts|errors\\.ts|http/|schemas/|web/|docs/|static/|openapi/openapi\\.json)',
      },
    },
    {
      name: 'schemas-are-leaves',
      comment: 'Schemas and route contracts are leaves everyone may import: they import only schemas and errors.',
      severity: 'error',
      from: { path: '^lib/schemas/' },
      to: { path: '^lib/', pathNot: '^lib/(schemas/|errors\\.ts$)' },
    },
    {
      name: 'client-runs-on-fetch-alone',
      comment:
        'The typed client (lib/client) runs in a browser: at run time it imports only its generated route table. The ' +
        'contracts (and zod) it is typed by are imported as types, which leave no trace in a bundle.',
      severity: 'error',
      from: { path: '^lib/client/' },
      to: { pathNot: '^lib/client/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'client-types-only-from-contracts',
      comment: 'The client is typed by the route contracts and their schemas, nothing else of lib.',
      severity: 'error',
      from: { path: '^lib/client/' },
      to: { path: '^lib/', pathNot: '^lib/(client|schemas)/' },
    },
    {
      name: 'page-runs-on-the-client-alone',
      comment:
        "The web page's script (web/, bundled into public/app.js) runs in a browser: at run time it imports itself and " +
        'the typed client only; the contracts and schemas it is checked against, as types.',
      severity: 'error',
      from: { path: '^web/' },
      to: { pathNot: '^(web|lib/client)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-serving-imports-the-client',
      comment: 'The client calls the API from outside (tests, the web page, the bench): no handler or lib module uses it.',
      severity: 'error',
      from: { path: '^(functions|lib)/', pathNot: '^lib/client/' },
      to: { path: '^lib/client/' },
    },
    {
      name: 'lib-imports-no-functions-scripts-or-tests',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(functions|scripts|tests)/' },
    },
    {
      name: 'product-imports-no-workshop',
      comment:
        'The product (lib, functions, and the scripts npm start, migrate, seed, refresh-scores, create-admin, openapi ' +
        'and client:routes run) never reaches into the workshop: the bench, the artifact check, mutation testing ' +
        '(tools), what tests and tools share (harness) and the tests.',
      severity: 'error',
      from: { path: '^(lib|functions|scripts)/' },
      to: { path: '^(tools|harness|tests)/' },
    },
    {
      name: 'harness-imports-only-the-product',
      comment: 'The harness serves both tests and tools, so it imports neither; of the product, lib and functions only.',
      severity: 'error',
      from: { path: '^harness/' },
      to: { path: '^(tests|tools|scripts)/' },
    },
    {
      name: 'tools-import-no-tests',
      comment: 'Tools share what they need with the tests through the harness, never by importing the tests.',
      severity: 'error',
      from: { path: '^tools/' },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
