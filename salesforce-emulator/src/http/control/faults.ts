/**
 * Faults a test injects into the next requests matching a path pattern, to see a client live through what real
 * orgs do to it: sessions that expire mid-run, 503s, row-lock errors, slow answers and dropped connections.
 */

/** What happens to a matching request. */
export type FaultKind =
  /** The caller's session ends, and the request answers 401 INVALID_SESSION_ID. */
  | 'expiredSession'
  /** 503 Service Unavailable (jsforce retries GET, PUT, DELETE on it). */
  | 'unavailable'
  /** UNABLE_TO_LOCK_ROW: per record (200) for sObject Collections, as the request's error (400) otherwise. */
  | 'unableToLockRow'
  /**
   * A validation rule of the org refuses the records: FIELD_CUSTOM_VALIDATION_EXCEPTION with `message` and `fields`,
   * per record (200) for sObject Collections, as the request's error (400) otherwise. Nothing is written.
   */
  | 'validationRule'
  /** The request waits `delayMs`, then proceeds normally. */
  | 'delay'
  /** The connection is destroyed without an answer (the client sees a socket error). */
  | 'drop';

export interface FaultSpec {
  kind: FaultKind;
  /** Matched against `pathname` (no query): a regular expression source, e.g. `/sobjects/Account`. */
  path: string;
  /** Only requests with this method. Default: any. */
  method?: string;
  /** How many matching requests it hits. Default: 1. */
  count?: number;
  /** For `delay`: milliseconds. Default: 1000. */
  delayMs?: number;
  /** For `validationRule`: the rule's error message. Default: `Record refused by a validation rule`. */
  message?: string;
  /** For `validationRule`: the fields the rule names. Default: none. */
  fields?: string[];
}

export interface Fault extends Required<Omit<FaultSpec, 'method'>> {
  id: number;
  method: string | undefined;
  pattern: RegExp;
  /** Requests it has hit so far. */
  hits: number;
}

export class FaultInjector {
  private readonly faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      id: this.nextId++,
      kind: spec.kind,
      path: spec.path,
      pattern: new RegExp(spec.path),
      method: spec.method?.toUpperCase(),
      count: spec.count ?? 1,
      delayMs: spec.delayMs ?? 1000,
      message: spec.message ?? 'Record refused by a validation rule',
      fields: spec.fields ?? [],
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  /** The first armed fault matching the request, counted as hit; undefined when none. */
  take(method: string, pathname: string): Fault | undefined {
    const fault = this.faults.find((candidate) => candidate.hits < candidate.count && (!candidate.method || candidate.method === method) && candidate.pattern.test(pathname));
    if (fault) fault.hits++;
    return fault;
  }

  list(): Omit<Fault, 'pattern'>[] {
    return this.faults.map(({ pattern: _pattern, ...rest }) => rest);
  }

  clear(): void {
    this.faults.length = 0;
  }
}

export const FAULT_KINDS: readonly FaultKind[] = ['expiredSession', 'unavailable', 'unableToLockRow', 'validationRule', 'delay', 'drop'];
