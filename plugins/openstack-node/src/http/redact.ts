/** Fernet tokens as Keystone issues them. */
const FERNET_TOKEN = /gAAAAA[A-Za-z0-9_\-=]{20,}/g;

/** Removes tokens and configured secrets from a text. */
export function redact(text: string, secrets: string[]): string {
  let out = text.replace(FERNET_TOKEN, '[token]');
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[secret]');
  }
  return out;
}

/** Short, safe description of an OpenStack error body. */
export function describeErrorBody(body: unknown): string {
  if (!body || typeof body !== 'object') {
    return typeof body === 'string' ? body.slice(0, 300) : '';
  }
  const b = body as Record<string, unknown>;
  const inner = (b.error ??
    b.NeutronError ??
    b.badRequest ??
    b.itemNotFound ??
    b.forbidden ??
    Object.values(b)[0]) as { message?: unknown } | undefined;
  const message =
    inner?.message ?? b.faultstring ?? b.message ?? b.title ?? b.description;
  return typeof message === 'string' ? message.slice(0, 300) : '';
}
