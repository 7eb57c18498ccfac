import { ResponseError } from '@backstage/errors';

/**
 * The error a Canopy client throws for a Backstage error response with
 * `status` and `message` (to `url`), as a fake API should throw it.
 *
 * @public
 */
export function backendError(
  status: number,
  message: string,
  url = '/api/...',
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'GET', url },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 503 ? 'Service Unavailable' : 'Error',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
