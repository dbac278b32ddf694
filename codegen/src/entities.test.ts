import { describe, expect, it } from 'vitest';
import { resolvableEntities } from './entities.ts';

describe('resolvableEntities', () => {
  it('finds object types and extensions with a resolvable @key, sorted', () => {
    const sdl = `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Zebra @key(fields: "id") { id: ID! }
      type Stub @key(fields: "id", resolvable: false) { id: ID! }
      type Plain { id: ID! }
      extend type Apple @key(fields: "sku") @key(fields: "id", resolvable: false) { sku: ID! id: ID! }
    `;
    expect(resolvableEntities(sdl)).toEqual(['Apple', 'Zebra']);
  });

  it('follows the name the @link import gives @key', () => {
    const renamed = `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [{ name: "@key", as: "@id" }])
      type A @id(fields: "id") { id: ID! }
      type B @key(fields: "id") { id: ID! }
    `;
    expect(resolvableEntities(renamed)).toEqual(['A']);
    const prefixed = `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])
      type A @federation__key(fields: "id") { id: ID! }
    `;
    expect(resolvableEntities(prefixed)).toEqual(['A']);
  });
});
