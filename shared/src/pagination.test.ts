import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, keysetSql, pageQuery, SqlParams, toConnection } from './pagination.ts';
import { ConfigError, parseConfig, env } from './config.ts';

describe('connection arguments', () => {
  it('defaults to 20, refuses first with last, sizes out of range and foreign cursors, naming the argument', () => {
    expect(pageQuery({})).toMatchObject({ limit: 20, backward: false, after: null });
    expect(() => pageQuery({ first: 1, last: 1 })).toThrow('last: cannot be combined with first');
    expect(() => pageQuery({ first: 201 })).toThrow('first: must be a whole number from 0 to 200 (got 201)');
    expect(() => pageQuery({ last: -1 })).toThrow('last: must be a whole number');
    expect(() => pageQuery({ after: 'garbage' })).toThrow('after: is not a cursor this list returned');
    expect(decodeCursor(encodeCursor(['2026-01-01', 'id-1']), 'after')).toEqual(['2026-01-01', 'id-1']);
  });

  it('pages backwards by flipping the order and the rows back', () => {
    const query = pageQuery({ last: 2, before: encodeCursor(['m', 'id-m']) });
    const params = new SqlParams();
    const sql = keysetSql(query, { sortExpr: 'name', sortType: 'text', idExpr: 'id', descending: false }, params.add);
    expect(sql).toMatchObject({ where: '(name, id) < ($1::text, $2)', orderBy: 'name desc, id desc', limit: 3 });
    const rows = [{ id: 'l' }, { id: 'k' }, { id: 'j' }];
    const connection = toConnection(rows, query, (row) => [row.id, row.id], async () => 3);
    expect(connection.nodes.map((n) => n.id)).toEqual(['k', 'l']);
    expect(connection.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });
});

describe('configuration', () => {
  it('names every bad variable and the reason', () => {
    try {
      parseConfig({ PORT: env.port(1), SECRET: env.secret('x'.repeat(16)) }, { PORT: 'eighty', SECRET: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(/PORT: Expected number, received nan \(got "eighty"\); SECRET: must be at least 16 characters \(got "short"\)/);
    }
  });
});
