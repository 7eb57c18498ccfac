/**
 * The message to show for a failed request: the backend's own message when
 * the error is a `ResponseError` carrying one (with its HTTP status), the
 * error's message otherwise.
 *
 * @public
 */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const { cause, statusCode, message } = error as {
      cause?: { message?: unknown };
      statusCode?: unknown;
      message?: unknown;
    };
    if (cause && typeof cause.message === 'string' && cause.message) {
      return typeof statusCode === 'number'
        ? `${cause.message} (HTTP ${statusCode})`
        : cause.message;
    }
    if (typeof message === 'string' && message) {
      return message;
    }
  }
  return String(error);
}
