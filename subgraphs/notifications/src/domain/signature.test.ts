import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, newSigningSecret, signatureHeader, verifySignature } from './signature.ts';

const body = '{"id":"e1","type":"LeadAssigned"}';
const secret = 'whsec_test-secret';
const t = 1_780_000_000;

describe('webhook signatures', () => {
  it('are t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">, as a receiver recomputes them by hand', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureHeader(body, [secret], t)).toBe(`t=${t},v1=${expected}`);
    expect(computeSignature(secret, t, body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verify with the secret, within five minutes either way', () => {
    const header = signatureHeader(body, [secret], t);
    expect(verifySignature(header, body, secret, { nowSeconds: t })).toEqual({ valid: true, timestamp: t });
    expect(verifySignature(header, body, secret, { nowSeconds: t + 300 }).valid).toBe(true);
    expect(verifySignature(header, body, secret, { nowSeconds: t + 301 })).toEqual({ valid: false, reason: 'timestamp is more than 300 s from now' });
    expect(verifySignature(header, body, secret, { nowSeconds: t - 301 }).valid).toBe(false);
  });

  it('fail for another body, another secret, a replayed signature with a fresh timestamp, or a broken header', () => {
    const header = signatureHeader(body, [secret], t);
    const now = { nowSeconds: t };
    expect(verifySignature(header, body.replace('e1', 'e2'), secret, now)).toEqual({ valid: false, reason: 'no signature matches the body and the secret' });
    expect(verifySignature(header, body, 'whsec_other', now).valid).toBe(false);
    expect(verifySignature(header.replace(`t=${t}`, `t=${t + 60}`), body, secret, { nowSeconds: t + 60 }).valid).toBe(false);
    expect(verifySignature(undefined, body, secret, now)).toEqual({ valid: false, reason: 'no signature header' });
    expect(verifySignature(`v1=${computeSignature(secret, t, body)}`, body, secret, now).valid).toBe(false);
    expect(verifySignature(`t=${t}`, body, secret, now)).toEqual({ valid: false, reason: 'no v1 signature in the signature header' });
    expect(verifySignature(`t=${t},v1=zz`, body, secret, now).valid).toBe(false);
  });

  it('carry one v1 per secret while a rotated-out secret is valid; either secret verifies', () => {
    const header = signatureHeader(body, ['whsec_new', 'whsec_old'], t);
    expect(header.split(',')).toHaveLength(3);
    expect(verifySignature(header, body, 'whsec_new', { nowSeconds: t }).valid).toBe(true);
    expect(verifySignature(header, body, 'whsec_old', { nowSeconds: t }).valid).toBe(true);
    expect(() => signatureHeader(body, [], t)).toThrow(/at least one/);
  });

  it('use fresh 256-bit secrets with a recognisable prefix', () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(a);
  });
});
