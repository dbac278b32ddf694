import DataLoader from 'dataloader';

export { DataLoader };

/** A per-request loader of one row per key: `fetch` gets every key asked for in one tick and runs one statement. */
export function rowLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader of the rows that belong to each key (children of a parent), in one statement for all keys. */
export function childrenLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<readonly V[]>,
  parentOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const parent = parentOf(row);
      const group = groups.get(parent);
      if (group) group.push(row);
      else groups.set(parent, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
