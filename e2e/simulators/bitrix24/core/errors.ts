// REST error with the real HTTP status and body `{error, error_description}` (ref §2, §3.3).
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | number,
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
  }
}

export type NotFoundStyle = 'documented' | 'NOT_FOUND';

export const restErrors = {
  noAuth: () => new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
  expiredToken: () => new RestError(401, 'expired_token', 'The access token provided has expired.'),
  invalidToken: () => new RestError(401, 'invalid_token', 'The access token provided is invalid.'),
  insufficientScope: () =>
    new RestError(403, 'insufficient_scope', 'The request requires higher privileges than provided by the webhook token'),
  // ref §1.3 Disagreement: REST on a plan without it.
  commercialOnly: () => new RestError(403, 'ACCESS_DENIED', 'REST API is available only on commercial plans.'),
  methodNotFound: () => new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'),
  internal: () => new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
  // ref §3.1: 503 since Dec 2024.
  queryLimit: () => new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'),
  // ref §3.2.
  operationTimeLimit: () => new RestError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.'),
  batchLength: () => new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded'),
  batchMethodNotAllowed: () => new RestError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage'),
  core: (description: string) => new RestError(400, 'ERROR_CORE', description),
  argument: (description: string) => new RestError(400, 'INVALID_ARG_VALUE', description),
  // crm.item.* (D crm-item-get.md): 400 NOT_FOUND.
  itemNotFound: () => new RestError(400, 'NOT_FOUND', 'Element not found'),
  spaNotFound: () => new RestError(400, 'NOT_FOUND', 'Smart process not found'),
  missingParam: (name: string) => new RestError(400, 100, `Could not find value for parameter {${name}}`),
  expectedIterable: () => new RestError(400, 100, 'Expected iterable value for multiple field.'),
};

/**
 * Not-found of the deprecated/catalog methods. The docs show an EMPTY error code with a description only
 * (D crm-contact-get.md: `{"error":"","error_description":"Not found"}`; catalog-product-get.md:
 * `product does not exist.`). `NOT_FOUND` style gives the uniform code instead (option `notFoundStyle`).
 */
export function legacyNotFound(style: NotFoundStyle, description = 'Not found'): RestError {
  return new RestError(400, style === 'NOT_FOUND' ? 'NOT_FOUND' : '', description);
}
