/**
 * A circuit breaker for one subgraph: after `failureThreshold` consecutive failures the circuit opens and calls fail at
 * once, without waiting for a timeout, for `openMs`; then one trial call is let through (half-open), and its outcome
 * closes the circuit again or re-opens it for another `openMs`. Pure state over a clock, so it is tested without I/O.
 */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before it lets one trial through, in ms. Default 10000. */
  openMs?: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

export type CircuitState =
  | { phase: 'closed'; consecutiveFailures: number }
  | { phase: 'open'; since: number; until: number; lastError: string }
  | { phase: 'half-open'; lastError: string };

/** Whether a call may go ahead; when not, why and until when. */
export type CircuitDecision = { allowed: true } | { allowed: false; retryInMs: number; lastError: string };

export class CircuitBreaker {
  readonly #threshold: number;
  readonly #openMs: number;
  readonly #now: () => number;
  #state: CircuitState = { phase: 'closed', consecutiveFailures: 0 };

  constructor(options: CircuitBreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? 5;
    this.#openMs = options.openMs ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Asks before a call. An open circuit whose time is up lets exactly one trial through and refuses the rest. */
  tryCall(): CircuitDecision {
    const state = this.#state;
    if (state.phase === 'closed') return { allowed: true };
    if (state.phase === 'open' && this.#now() >= state.until) {
      this.#state = { phase: 'half-open', lastError: state.lastError };
      return { allowed: true };
    }
    const retryInMs = state.phase === 'open' ? state.until - this.#now() : this.#openMs;
    return { allowed: false, retryInMs: Math.max(0, retryInMs), lastError: state.lastError };
  }

  /** Reports a call that reached the subgraph and got an answer. */
  succeeded(): void {
    this.#state = { phase: 'closed', consecutiveFailures: 0 };
  }

  /** Reports a call that failed for the subgraph's sake (unreachable, timed out, 5xx). */
  failed(reason: string): void {
    const state = this.#state;
    const failures = state.phase === 'closed' ? state.consecutiveFailures + 1 : this.#threshold;
    if (failures < this.#threshold) {
      this.#state = { phase: 'closed', consecutiveFailures: failures };
      return;
    }
    const since = this.#now();
    this.#state = { phase: 'open', since, until: since + this.#openMs, lastError: reason };
  }
}
