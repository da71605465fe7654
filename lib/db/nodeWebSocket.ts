/*
 * What the bundles give @libsql/hrana-client in place of @libsql/isomorphic-ws (serverless.yml's custom.esbuild
 * alias): Node's own WebSocket (global since Node 22). hrana-client imports a WebSocket even where only its HTTP client
 * is used, as deployed functions use it; without this every bundle carried the ws package (48 KB minified) for nothing.
 */
export const WebSocket = globalThis.WebSocket;
