import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';

/**
 * Validates responses the API actually sent against its OpenAPI 3.1 document: the status must be declared for the
 * operation, the media type must be one declared for that status, a JSON body must match its schema, a required
 * header must be there, and no header the contract speaks of (Location, ETag, Allow, …) may come undeclared.
 *
 * openapi-backend routes the request to its operation (trailing slashes ignored, as the API ignores them) and
 * validates application/json bodies and header values with Ajv; it runs in quick mode, because its own check of
 * the document is OpenAPI 3.0's (redocly lints the 3.1 document in CI), and with Ajv's JSON Schema 2020-12 class,
 * the dialect of OpenAPI 3.1. Other JSON media types (problem+json) are compiled here with the same settings.
 */

/** The headers the contract (docs/USAGE.md, Errors) says the document must declare wherever a route sends them. */
export const CONTRACT_HEADERS = [
  'location',
  'etag',
  'allow',
  'retry-after',
  'ratelimit-policy',
  'ratelimit',
  'idempotency-replayed',
  'www-authenticate',
];

/** A response as a client saw it. */
export interface ObservedResponse {
  method: string;
  /** The path asked for, with or without a query string. */
  path: string;
  status: number;
  headers: Headers;
  /** The raw body; empty when there was none. */
  text: string;
}

interface HeaderObject {
  required?: boolean;
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, HeaderObject>;
}

/** Where the document declares what the catch-all answers: a request that matches no operation. */
const UNMATCHED = 'x-unmatched-requests';

const mediaType = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

const newAjv = (options: object = {}) => {
  // OpenAPI adds keywords of its own (example, discriminator, xml) to JSON Schema: not strict.
  const ajv = new Ajv2020({ ...options, strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
};

export interface ResponseValidator {
  /** Every way the response breaks the document; empty when it keeps it. */
  problemsOf(response: ObservedResponse): string[];
}

/**
 * The document with each path written without its trailing slash: every route answers both forms, and
 * openapi-backend strips the slash from the request (ignoreTrailingSlashes) but not from the document's paths.
 */
function withoutTrailingSlashes(document: object): Document {
  // Copied as JSON, as the document is served: an object the document holds twice (one `$ref` shared by two
  // responses) becomes two, because the dereferencer visits an object once and would leave the second `$ref` as is.
  const copy = JSON.parse(JSON.stringify(document)) as { paths?: Record<string, unknown> };
  copy.paths = Object.fromEntries(
    Object.entries(copy.paths ?? {}).map(([path, item]) => [path.length > 1 ? path.replace(/\/$/, '') : path, item]),
  );
  return copy as Document;
}

export async function createResponseValidator(document: object): Promise<ResponseValidator> {
  const api = new OpenAPIBackend({
    definition: withoutTrailingSlashes(document),
    quick: true,
    strict: true,
    customizeAjv: (_ajv, options) => newAjv(options),
  });
  await api.init();
  const definition = api.definition as unknown as Record<string, unknown>;
  const unmatched = (definition[UNMATCHED] ?? {}) as Record<string, ResponseObject>;
  const jsonValidators = new Map<unknown, ValidateFunction>();
  const ajv = newAjv();
  const validatorFor = (schema: object) => {
    let validate = jsonValidators.get(schema);
    if (!validate) jsonValidators.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };

  return {
    problemsOf(response) {
      const path = response.path.split('?')[0]!;
      const where = `${response.method} ${path} → ${response.status}`;
      const operation = api.router.matchOperation({ method: response.method.toLowerCase(), path, headers: {} }) as Operation | undefined;
      const responses = (operation?.responses ?? unmatched) as Record<string, ResponseObject>;
      const declared = responses[String(response.status)];
      if (!declared) {
        const name = operation?.operationId ?? 'a request no operation matches';
        return [`${where}: status ${response.status} is not declared for ${name} (declared: ${Object.keys(responses).join(', ')})`];
      }
      const problems: string[] = [];

      const type = mediaType(response.headers.get('content-type'));
      const content = declared.content ?? {};
      if (response.text === '') {
        if (Object.keys(content).length > 0 && response.status !== 304 && response.method !== 'HEAD')
          problems.push(`${where}: no body, but one is declared`);
      } else {
        const declaredType = Object.keys(content).find((candidate) => candidate === '*/*' || mediaType(candidate) === type);
        if (!declaredType) {
          problems.push(
            `${where}: media type ${type || '(none)'} is not declared (declared: ${Object.keys(content).join(', ') || 'no body'})`,
          );
        } else if (isJson(type)) {
          let body: unknown;
          try {
            body = JSON.parse(response.text);
          } catch {
            problems.push(`${where}: the body is not JSON`);
          }
          const schema = content[declaredType]?.schema;
          if (body !== undefined && schema) {
            const result =
              operation && type === 'application/json'
                ? api.validator.validateResponse(body, operation, response.status)
                : (() => {
                    const validate = validatorFor(schema as object);
                    return { errors: validate(body) ? null : validate.errors };
                  })();
            for (const error of result.errors ?? []) problems.push(`${where}: body${error.instancePath} ${error.message}`);
          }
        }
      }

      const headers = Object.fromEntries([...response.headers.entries()].map(([name, value]) => [name.toLowerCase(), value]));
      const declaredHeaders = Object.fromEntries(
        Object.entries(declared.headers ?? {}).map(([name, header]) => [name.toLowerCase(), header]),
      );
      for (const name of CONTRACT_HEADERS) {
        if (headers[name] !== undefined && !declaredHeaders[name]) problems.push(`${where}: header ${name} is sent but not declared`);
      }
      for (const [name, header] of Object.entries(declaredHeaders)) {
        if (header.required && headers[name] === undefined) problems.push(`${where}: required header ${name} is missing`);
      }
      if (operation) {
        const result = api.validator.validateResponseHeaders(headers, operation, {
          statusCode: response.status,
          setMatchType: 'any' as never,
        });
        for (const error of result.errors ?? []) problems.push(`${where}: header${error.instancePath} ${error.message}`);
      }
      return problems;
    },
  };
}
