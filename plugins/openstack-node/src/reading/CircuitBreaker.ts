/** What a source's last failure was, to report again while its breaker is open. */
export interface BreakerFailure {
  status: 'error' | 'timeout' | 'forbidden';
  message: string;
}

/**
 * The breaker of one credential's view of one source: (cloud, mapped project,
 * region, service). Each project is read with its own credential, so one
 * project's failure (a 403 from its restricted application credential, say)
 * neither blocks nor shows up in another project's reads.
 */
export function breakerKey(
  target: { cloud: string; project: { key: string } },
  region: string,
  service: string,
): string {
  return [target.cloud, target.project.key, region, service].join('\u0000');
}

/**
 * One breaker per (cloud, project, region, service): see `breakerKey`. A failure opens it for a window:
 * while open, reads of that source fail at once with the remembered failure
 * (a hanging service costs one timeout per window, not one per request).
 * After the window one read is let through; success closes the breaker, a
 * further failure opens it again for a doubled window, up to `maxWindowMs`.
 * A 403 is held for `forbiddenWindowMs`: permissions do not change by the
 * second.
 */
export class CircuitBreakers {
  private readonly open = new Map<
    string,
    { failure: BreakerFailure; until: number; windowMs: number; trial: boolean }
  >();

  constructor(
    private readonly options: {
      windowMs: number;
      maxWindowMs: number;
      forbiddenWindowMs: number;
      now: () => number;
    },
  ) {}

  /**
   * The failure to report instead of reading, or undefined when the source
   * may be read (closed, or the one trial after a window).
   */
  check(source: string): BreakerFailure | undefined {
    const state = this.open.get(source);
    if (!state) return undefined;
    if (state.until > this.options.now() || state.trial) {
      const seconds = Math.max(
        1,
        Math.ceil((state.until - this.options.now()) / 1000),
      );
      return {
        status: state.failure.status,
        message: `${state.failure.message} (not asked again for ${seconds} s)`,
      };
    }
    state.trial = true;
    return undefined;
  }

  succeeded(source: string) {
    this.open.delete(source);
  }

  failed(source: string, failure: BreakerFailure) {
    const previous = this.open.get(source);
    // Reads of one source that were already under way when it failed do
    // not widen the window; only a failed trial does.
    if (previous && !previous.trial && previous.until > this.options.now()) {
      return;
    }
    const windowMs =
      failure.status === 'forbidden'
        ? this.options.forbiddenWindowMs
        : Math.min(
            previous?.trial ? previous.windowMs * 2 : this.options.windowMs,
            this.options.maxWindowMs,
          );
    this.open.set(source, {
      failure,
      windowMs,
      until: this.options.now() + windowMs,
      trial: false,
    });
  }
}
