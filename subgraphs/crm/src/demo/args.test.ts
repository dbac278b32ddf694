import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from './args.ts';

describe('parseDemoArgs', () => {
  it('defaults to size 10, seed 1 and the embedded store', () => {
    expect(parseDemoArgs([])).toEqual({ size: 10, seed: 1, databaseUrl: undefined, dataDir: undefined, help: false });
  });

  it('reads every flag; a seed that is not a number stays a string', () => {
    expect(parseDemoArgs(['--size', '3', '--seed', 'spring-show', '--data-dir', '/tmp/x'])).toMatchObject({ size: 3, seed: 'spring-show', dataDir: '/tmp/x' });
    expect(parseDemoArgs(['--seed=7', '--database-url', 'postgres://localhost/db'])).toMatchObject({ seed: 7, databaseUrl: 'postgres://localhost/db' });
  });

  it('names the flag that is wrong', () => {
    expect(() => parseDemoArgs(['--sise', '3'])).toThrow(/'--sise'/);
    expect(() => parseDemoArgs(['--size'])).toThrow(/--size/);
    expect(() => parseDemoArgs(['--size', 'ten'])).toThrow('--size must be a whole number from 1 to 10000 (got "ten")');
    expect(() => parseDemoArgs(['--size', '0'])).toThrow(/--size/);
    expect(() => parseDemoArgs(['--database-url', 'localhost'])).toThrow(/--database-url must be a postgres:\/\//);
    expect(() => parseDemoArgs(['--database-url', 'postgres://h/db', '--data-dir', 'x'])).toThrow(/--data-dir/);
    expect(() => parseDemoArgs(['extra'])).toThrow(/extra/);
  });
});
