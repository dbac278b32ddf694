import type { ObjectType } from './logEntry.ts';

/**
 * The cases an object belongs to. An opportunity is its own case; a lead not (yet) converted is a case of its own
 * (it counts in the funnel); any other object belongs to the cases of the objects it links to upwards (an order to its
 * quote's opportunity, an invoice to the opportunities of the orders it bills). An object with no way up yet belongs
 * to no case until a link arrives. Pure; cycles (which links never form) cannot loop.
 */
export function casesOf(ids: Iterable<string>, types: ReadonlyMap<string, ObjectType>, parents: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const memo = new Map<string, string[]>();
  const visiting = new Set<string>();
  const resolve = (id: string): string[] => {
    const known = memo.get(id);
    if (known) return known;
    if (visiting.has(id)) return [];
    visiting.add(id);
    const type = types.get(id);
    let cases: string[];
    if (type === 'Opportunity') cases = [id];
    else {
      const ups = parents.get(id) ?? [];
      cases = [...new Set(ups.flatMap(resolve))].sort();
      if (cases.length === 0 && type === 'Lead') cases = [id];
    }
    visiting.delete(id);
    memo.set(id, cases);
    return cases;
  };
  const result = new Map<string, string[]>();
  for (const id of ids) result.set(id, resolve(id));
  return result;
}
