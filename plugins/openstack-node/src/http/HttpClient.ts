import { readFileSync } from 'node:fs';
import { Agent, Dispatcher, fetch, RetryAgent } from 'undici';
import { UpstreamError } from './errors';
import { describeErrorBody, redact } from './redact';

export interface HttpOptions {
  /** Budget of one call, retries included. */
  timeoutMs: number;
  /** Retries of an idempotent GET. */
  retries: number;
  /** Values to scrub from every error text (configured secrets). */
  secrets: string[];
  caFile?: string;
  /** The connection pool (tests give a loopback-only one). */
  dispatcher?: Dispatcher;
}

/** @public */
export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: unknown;
}

/**
 * What the Keystone sessions need of HTTP; tests give a fake OpenStack.
 *
 * @public
 */
export interface Http {
  request(
    method: 'GET' | 'POST',
    url: string,
    init: { headers?: Record<string, string>; body?: unknown; what: string },
  ): Promise<HttpResponse>;
}

/** Answers worth another try: overload, rate limits and gateway trouble. */
const RETRY_STATUS = [429, 500, 502, 503, 504];
/** Connection failures worth another try. */
const RETRY_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
];

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.cause?.code ?? e?.code;
}

/**
 * HTTP for OpenStack APIs. Idempotent GETs are retried by undici's
 * `RetryAgent` on 429 and 5xx answers and on connection resets, with
 * exponential backoff, honouring `Retry-After` (capped), a bounded number
 * of times; POSTs are never retried. One timeout covers a call with its
 * retries: a timeout is not retried, the caller's budget is spent. Error
 * texts are scrubbed of tokens and configured secrets.
 */
export class HttpClient implements Http {
  private readonly once: Dispatcher;
  private readonly retrying: Dispatcher;

  constructor(private readonly options: HttpOptions) {
    this.once =
      options.dispatcher ??
      new Agent(
        options.caFile
          ? { connect: { ca: readFileSync(options.caFile, 'utf8') } }
          : {},
      );
    this.retrying = new RetryAgent(this.once, {
      maxRetries: options.retries,
      minTimeout: 100,
      maxTimeout: Math.min(5_000, options.timeoutMs),
      timeoutFactor: 2,
      statusCodes: RETRY_STATUS,
      errorCodes: RETRY_CODES,
      methods: ['GET'],
      retryAfter: true,
      // The final answer is ours to judge: a 503 after the last retry is an answer.
      throwOnError: false,
    });
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    init: { headers?: Record<string, string>; body?: unknown; what: string },
  ): Promise<HttpResponse> {
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
        dispatcher: method === 'GET' ? this.retrying : this.once,
      });
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new UpstreamError(
          `${init.what}: no answer within ${this.options.timeoutMs} ms`,
          'timeout',
        );
      }
      const code = errorCode(error) ?? name ?? 'unknown error';
      throw new UpstreamError(
        redact(
          `${init.what}: connection failed (${code})`,
          this.options.secrets,
        ),
        'error',
      );
    }
    const text = await response.text();
    let body: unknown = text;
    if (text && (response.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (response.ok) {
      return { status: response.status, headers: response.headers, body };
    }
    const detail = describeErrorBody(body);
    throw new UpstreamError(
      redact(
        `${init.what}: HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
        this.options.secrets,
      ),
      response.status === 403 ? 'forbidden' : 'error',
      response.status,
    );
  }
}
