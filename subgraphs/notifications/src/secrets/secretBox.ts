import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts webhook signing secrets at rest. They cannot be stored hashed, as API keys are: the worker needs the secret
 * itself to compute each delivery's HMAC, and a hash only lets one check a secret somebody presents. So they are
 * encrypted with AES-256-GCM under a key that lives in configuration (`WEBHOOK_SECRET_KEY`), never in the store: a
 * copy of the database alone reveals no secret. The subscription id is bound in as associated data, so a ciphertext
 * copied onto another subscription's row does not decrypt.
 */
export interface SecretBox {
  seal(plaintext: string, boundTo: string): string;
  /** Throws when the ciphertext was altered, belongs to another row, or was sealed under another key. */
  open(ciphertext: string, boundTo: string): string;
}

/** Format version, so the scheme (or the key, with a key id) can change without guessing what a stored value is. */
const VERSION = 'v1';

/** A secret box whose AES key is derived (HKDF-SHA256) from `key`, a configured string of at least 32 characters. */
export function createSecretBox(key: string): SecretBox {
  if (key.length < 32) throw new Error('the webhook secret key must be at least 32 characters');
  const aesKey = Buffer.from(hkdfSync('sha256', key, 'l2c-notifications', 'webhook signing secrets v1', 32));
  return {
    seal(plaintext, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
      cipher.setAAD(Buffer.from(boundTo));
      const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), encrypted].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(ciphertext, boundTo) {
      const [version, iv, tag, encrypted] = ciphertext.split('.');
      if (version !== VERSION || !iv || !tag || encrypted === undefined) throw new Error(`not a sealed webhook secret (expected ${VERSION}.<iv>.<tag>.<data>)`);
      const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(boundTo));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
