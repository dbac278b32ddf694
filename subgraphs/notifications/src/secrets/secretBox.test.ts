import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secretBox.ts';

const box = createSecretBox('test-webhook-secret-key-0123456789abcdef');

describe('the secret box', () => {
  it('seals a secret so that only the same key, for the same subscription, opens it', () => {
    const sealed = box.seal('whsec_abc', 'sub-1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.seal('whsec_abc', 'sub-1')).not.toBe(sealed);
    expect(box.open(sealed, 'sub-1')).toBe('whsec_abc');
    expect(() => box.open(sealed, 'sub-2')).toThrow();
    expect(() => createSecretBox('another-key-0123456789abcdef-0123456789').open(sealed, 'sub-1')).toThrow();
  });

  it('refuses altered ciphertexts and keys shorter than 32 characters', () => {
    const [version, iv, tag, data] = box.seal('whsec_abc', 'sub-1').split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'), 'sub-1')).toThrow();
    expect(() => box.open('plaintext', 'sub-1')).toThrow(/not a sealed webhook secret/);
    expect(() => createSecretBox('short')).toThrow(/at least 32/);
  });
});
