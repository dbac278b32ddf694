import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuitBreaker.ts';

function breaker() {
  let now = 1_000;
  const circuit = new CircuitBreaker({ failureThreshold: 3, openMs: 5_000, now: () => now });
  return { circuit, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and forgets failures after a success', () => {
    const { circuit } = breaker();
    circuit.failed('ECONNREFUSED');
    circuit.failed('ECONNREFUSED');
    circuit.succeeded();
    circuit.failed('ECONNREFUSED');
    circuit.failed('ECONNREFUSED');
    expect(circuit.tryCall()).toEqual({ allowed: true });
    expect(circuit.state).toEqual({ phase: 'closed', consecutiveFailures: 2 });
  });

  it('opens after consecutive failures and refuses calls with the time left and the last error', () => {
    const { circuit, advance } = breaker();
    for (let i = 0; i < 3; i++) circuit.failed(`failure ${i}`);
    expect(circuit.tryCall()).toEqual({ allowed: false, retryInMs: 5_000, lastError: 'failure 2' });
    advance(2_000);
    expect(circuit.tryCall()).toEqual({ allowed: false, retryInMs: 3_000, lastError: 'failure 2' });
  });

  it('lets one trial through when the time is up: success closes, failure re-opens for another period', () => {
    const { circuit, advance } = breaker();
    for (let i = 0; i < 3; i++) circuit.failed('down');
    advance(5_000);
    expect(circuit.tryCall()).toEqual({ allowed: true });
    expect(circuit.tryCall().allowed).toBe(false); // only one trial at a time
    circuit.failed('still down');
    expect(circuit.state.phase).toBe('open');
    expect(circuit.tryCall()).toEqual({ allowed: false, retryInMs: 5_000, lastError: 'still down' });
    advance(5_000);
    expect(circuit.tryCall()).toEqual({ allowed: true });
    circuit.succeeded();
    expect(circuit.state).toEqual({ phase: 'closed', consecutiveFailures: 0 });
    expect(circuit.tryCall()).toEqual({ allowed: true });
  });
});
