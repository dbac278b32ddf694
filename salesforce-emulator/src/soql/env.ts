/**
 * Sets up one query call: the shared environment (options, clock, record URLs) and the semi-join compiler, and
 * resolves the object a SELECT reads.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { SObjectSchema } from '../metadata/types.ts';
import { errors } from './errors.ts';
import { resolvePath } from './fieldPath.ts';
import type { Locator } from './locate.ts';
import type { Env, QueryCallOptions, QueryOrg, Scope } from './scope.ts';
import { valueKind } from './values.ts';
import { compileWhere } from './where.ts';

export function createEnv(org: QueryOrg, soql: string, options: QueryCallOptions): Env {
  const read = { includeDeleted: options.includeDeleted ?? false };
  const env: Env = {
    soql,
    schema: org.schema,
    source: org.source,
    now: org.now?.() ?? new Date(),
    read,
    urlPrefix: `/services/data/v${options.apiVersion}/sobjects/`,
    semiJoin: (inner, region) => {
      const object = resolveObject(env, inner, () => region);
      const scope: Scope = { env, object, alias: inner.sObjectAlias, region: () => region };
      const selected = inner.fields ?? [];
      const only = selected[0];
      if (selected.length !== 1 || !only || (only.type !== 'Field' && only.type !== 'FieldRelationship')) {
        throw errors.malformed(soql, region.clause('SELECT'), 'semi join sub selects must select exactly one Id or reference field');
      }
      const written = only.type === 'Field' ? only.field : (only.rawValue ?? [...only.relationships, only.field].join('.'));
      const path = resolvePath(scope, written, 'SELECT');
      if (valueKind(path.field.type) !== 'id') throw errors.malformed(soql, region.path(written, 'SELECT'), 'semi join sub selects can only select Id or reference fields');
      const filter = compileWhere(scope, inner.where);
      return lazy(() => {
        const ids = new Set<string>();
        for (const row of env.source.records(object.name, read)) {
          if (filter && !filter(row)) continue;
          const id = path.read(row);
          if (typeof id === 'string') ids.add(id);
        }
        return ids;
      });
    },
  };
  return env;
}

export function resolveObject(env: Env, query: Query, region: () => Locator): SObjectSchema {
  const name = query.sObject ?? '';
  const object = env.schema.object(name);
  if (!object) throw errors.unknownObject(env.soql, region().word(name, 'FROM'), name);
  return object;
}

export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}


