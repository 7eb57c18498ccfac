/*
 * No imports, so that the end-to-end scripts Node runs directly (e2e/*.mts)
 * can load this file by its path.
 */

/**
 * A call to a running backend's `/api/<url>` with `token` (a JSON body when
 * `body` is given); the answer's status and its body, parsed as JSON when
 * there is one.
 */
export async function callApi(
  baseUrl: string,
  token: string | undefined,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/${url}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
