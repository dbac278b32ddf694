import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, MetadataError } from './buildSchema.ts';
import type { ObjectDefinition, OrgSchema } from './types.ts';
import { validateDefinition } from './validateDefinition.ts';

/** The standard, industry and package objects shipped with the emulator: `salesforce-emulator/metadata/objects`. */
export const BUILT_IN_METADATA_DIR = fileURLToPath(new URL('../../metadata/objects', import.meta.url));

export interface LoadMetadataOptions {
  /**
   * Folders of extra definitions read after the built-in ones (`SF_EMULATOR_METADATA_DIR`): `*.json` files in the
   * folder and in its `objects/` subfolder, in name order. A file for a new object adds it; a file for an existing
   * object adds or replaces fields. Default: none.
   */
  extraDirs?: readonly string[];
  /** Definitions given in code, applied last (tests). Default: none. */
  extraDefinitions?: readonly ObjectDefinition[];
  /** Read the built-in objects. Default: true. */
  builtIn?: boolean;
}

/** Reads the metadata files and builds the org schema; throws `MetadataError` naming the file at fault. */
export function loadMetadata(options: LoadMetadataOptions = {}): OrgSchema {
  const definitions: ObjectDefinition[] = [];
  if (options.builtIn ?? true) definitions.push(...readDefinitions(BUILT_IN_METADATA_DIR));
  for (const dir of options.extraDirs ?? []) {
    if (!existsSync(dir)) throw new MetadataError(`Metadata folder ${dir} does not exist`);
    definitions.push(...readDefinitions(dir));
    const objects = join(dir, 'objects');
    if (existsSync(objects)) definitions.push(...readDefinitions(objects));
  }
  definitions.push(...(options.extraDefinitions ?? []));
  return buildSchema(definitions);
}

function readDefinitions(dir: string): ObjectDefinition[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(dir, file);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new MetadataError(`${path}: ${(error as Error).message}`);
      }
      return validateDefinition(parsed, path);
    });
}
