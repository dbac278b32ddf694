import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_GATEWAY_SIGNING_SECRET, DEV_JWT_SECRET, env, isDevelopment, parseConfig, z } from './config.ts';

const shape = () => ({
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_SIGNING_SECRET: env.secret(DEV_GATEWAY_SIGNING_SECRET),
  JWT_SECRET: env.secret(DEV_JWT_SECRET, { unusedWhen: 'JWKS_URL' }),
  JWKS_URL: env.url().optional(),
});

function refusal(source: Record<string, string>): ConfigError {
  try {
    parseConfig(shape(), source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('development secrets', () => {
  it('are accepted on a developer machine: no NODE_ENV=production, HOST unset or loopback', () => {
    expect(parseConfig(shape(), {}).GATEWAY_SIGNING_SECRET).toBe(DEV_GATEWAY_SIGNING_SECRET);
    expect(parseConfig(shape(), { HOST: 'localhost', NODE_ENV: 'development' }).JWT_SECRET).toBe(DEV_JWT_SECRET);
  });

  it('are refused with NODE_ENV=production, naming each variable and why', () => {
    const error = refusal({ NODE_ENV: 'production' });
    expect(error.issues.map((issue) => issue.variable)).toEqual(['GATEWAY_SIGNING_SECRET', 'JWT_SECRET']);
    expect(error.message).toContain('GATEWAY_SIGNING_SECRET: is the development default, which is refused outside development (NODE_ENV=production)');
  });

  it('are refused on a non-loopback HOST, even when set explicitly to the default', () => {
    const error = refusal({ HOST: '0.0.0.0', GATEWAY_SIGNING_SECRET: DEV_GATEWAY_SIGNING_SECRET, JWT_SECRET: 'a-real-secret-of-our-own-0123' });
    expect(error.issues.map((issue) => issue.variable)).toEqual(['GATEWAY_SIGNING_SECRET']);
    expect(error.message).toContain('HOST=0.0.0.0 is not a loopback address');
  });

  it('leave JWT_SECRET alone when JWKS_URL makes it unused', () => {
    const config = parseConfig(shape(), { NODE_ENV: 'production', GATEWAY_SIGNING_SECRET: 'a-real-secret-of-our-own-0123', JWKS_URL: 'https://idp.example/jwks' });
    expect(config.JWKS_URL).toBe('https://idp.example/jwks');
  });

  it('isDevelopment reads NODE_ENV and HOST', () => {
    expect(isDevelopment({})).toBe(true);
    expect(isDevelopment({ HOST: '::1' })).toBe(true);
    expect(isDevelopment({ HOST: '10.0.0.5' })).toBe(false);
    expect(isDevelopment({ NODE_ENV: 'production' })).toBe(false);
  });
});
