import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';

/** A failed upstream call, with a message that never carries tokens or secrets. */
export class UpstreamError extends Error {
  readonly kind: 'error' | 'timeout';
  readonly status?: number;

  constructor(message: string, kind: 'error' | 'timeout', status?: number) {
    super(message);
    this.name = 'UpstreamError';
    this.kind = kind;
    this.status = status;
  }
}

export interface HttpOptions {
  timeoutMs: number;
  retries: number;
  /** Values to scrub from every error text (configured secrets). */
  secrets: string[];
  caFile?: string;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: any;
}

const FERNET_TOKEN = /gAAAAA[A-Za-z0-9_\-=]{20,}/g;
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Removes tokens and configured secrets from a text. */
export function redact(text: string, secrets: string[]): string {
  let out = text.replace(FERNET_TOKEN, '[token]');
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[secret]');
  }
  return out;
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.cause?.code ?? e?.code;
}

/** Short, safe description of an OpenStack error body. */
function describeBody(body: unknown): string {
  if (!body || typeof body !== 'object') {
    return typeof body === 'string' ? body.slice(0, 300) : '';
  }
  const b = body as any;
  const inner =
    b.error ??
    b.NeutronError ??
    b.badRequest ??
    b.itemNotFound ??
    b.forbidden ??
    Object.values(b)[0];
  const message =
    inner?.message ?? b.faultstring ?? b.message ?? b.title ?? b.description;
  return typeof message === 'string' ? message.slice(0, 300) : '';
}

/**
 * HTTP client for OpenStack APIs: a per-call timeout, bounded retries with
 * exponential backoff for idempotent GETs on 5xx and connection resets, an
 * optional CA bundle, and error texts scrubbed of tokens and secrets.
 */
export class HttpClient {
  private readonly options: HttpOptions;
  private readonly dispatcher?: Agent;

  constructor(options: HttpOptions) {
    this.options = options;
    if (options.caFile) {
      this.dispatcher = new Agent({
        connect: { ca: readFileSync(options.caFile, 'utf8') },
      });
    }
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    init: { headers?: Record<string, string>; body?: unknown; what: string },
  ): Promise<HttpResponse> {
    const attempts = method === 'GET' ? this.options.retries + 1 : 1;
    let lastError = new UpstreamError(`${init.what}: not attempted`, 'error');
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        const backoff =
          Math.min(2000, 100 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
        await new Promise(r => setTimeout(r, backoff));
      }
      let response: Awaited<ReturnType<typeof fetch>>;
      try {
        response = await fetch(url, {
          method,
          headers: {
            Accept: 'application/json',
            ...(init.body !== undefined
              ? { 'Content-Type': 'application/json' }
              : {}),
            ...init.headers,
          },
          body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
          signal: AbortSignal.timeout(this.options.timeoutMs),
          dispatcher: this.dispatcher,
        });
      } catch (error) {
        const name = (error as Error)?.name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          // A timeout is not retried: the caller's budget is spent.
          throw new UpstreamError(
            `${init.what}: no answer within ${this.options.timeoutMs} ms`,
            'timeout',
          );
        }
        const code = errorCode(error) ?? name ?? 'unknown error';
        lastError = new UpstreamError(
          redact(
            `${init.what}: connection failed (${code})`,
            this.options.secrets,
          ),
          'error',
        );
        if (RETRYABLE_CODES.has(code)) continue;
        throw lastError;
      }
      const text = await response.text();
      let body: any = text;
      if (
        text &&
        (response.headers.get('content-type') ?? '').includes('json')
      ) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      if (response.ok) {
        return { status: response.status, headers: response.headers, body };
      }
      const detail = describeBody(body);
      lastError = new UpstreamError(
        redact(
          `${init.what}: HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
          this.options.secrets,
        ),
        'error',
        response.status,
      );
      if (!RETRYABLE_STATUS.has(response.status)) throw lastError;
    }
    throw lastError;
  }
}
