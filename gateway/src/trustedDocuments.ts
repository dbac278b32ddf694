import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { HTTPGraphQLRequest } from '@apollo/server';
import { hasRole, type Identity } from '@l2c/shared';

/**
 * Who is held to the trusted documents: nobody (`off`), partner tokens (`partners`, the default: partner apps are
 * built against the manifest, and their tokens run nothing else), or every caller (`all`).
 */
export type TrustedDocumentsMode = 'off' | 'partners' | 'all';

/** The trusted operations by id (sha256 of the body, hex), from a persisted query manifest. */
export type TrustedDocuments = ReadonlyMap<string, string>;

/** Why a request was refused; answered as HTTP 400 with `code` in the error's extensions. */
export interface TrustedDocumentRefusal {
  code: 'PERSISTED_QUERY_NOT_IN_LIST' | 'OPERATION_NOT_TRUSTED';
  message: string;
}

/** Reads a persisted query manifest (`apollo-persisted-query-manifest`, version 1), checking every id against its body. */
export async function loadTrustedDocuments(path: string): Promise<TrustedDocuments> {
  let manifest: { format?: unknown; version?: unknown; operations?: { id: string; body: string }[] };
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new Error(`cannot read the trusted documents manifest at ${path} (TRUSTED_DOCUMENTS_PATH): ${(error as Error).message}`);
  }
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${path} is not a persisted query manifest (format apollo-persisted-query-manifest, version 1)`);
  }
  const documents = new Map<string, string>();
  for (const operation of manifest.operations) {
    if (sha256(operation.body) !== operation.id) throw new Error(`${path}: operation ${operation.id} does not hash to its id; regenerate it with npm run codegen`);
    documents.set(operation.id, operation.body);
  }
  return documents;
}

/**
 * Applies the trusted documents to one HTTP request, in place: an id the manifest knows (`documentId`, or Apollo's
 * `extensions.persistedQuery.sha256Hash` without a query) gets its body filled in; a caller held to the manifest is
 * refused anything else: an unknown id, or a document of its own. Callers not held keep Apollo's automatic persisted
 * queries (a hash registered with its query on first use).
 */
export function applyTrustedDocuments(request: HTTPGraphQLRequest, identity: Identity, documents: TrustedDocuments, mode: TrustedDocumentsMode): TrustedDocumentRefusal | null {
  const held = mode === 'all' || (mode === 'partners' && hasRole(identity, 'partner'));
  const bodies = Array.isArray(request.body) ? (request.body as unknown[]) : [request.body];
  for (const body of bodies) {
    const refusal = typeof body === 'object' && body !== null ? applyToBody(body as GraphQLBody, documents, held) : null;
    if (refusal) return refusal;
  }
  if (held && request.method === 'GET') {
    const query = new URLSearchParams(request.search).get('query');
    if (query !== null && !documents.has(sha256(query))) return notTrusted();
  }
  return null;
}

interface GraphQLBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

function applyToBody(body: GraphQLBody, documents: TrustedDocuments, held: boolean): TrustedDocumentRefusal | null {
  const id = typeof body.documentId === 'string' ? body.documentId : body.extensions?.persistedQuery?.sha256Hash;
  if (typeof id === 'string' && body.query === undefined) {
    const known = documents.get(id);
    if (known !== undefined) {
      body.query = known;
      delete body.documentId;
      return null;
    }
    if (!held && body.documentId === undefined) return null; // an automatic persisted query: Apollo knows it or asks for it
    return {
      code: 'PERSISTED_QUERY_NOT_IN_LIST',
      message: `operation ${JSON.stringify(id)} is not in the trusted documents manifest; ids are the sha256 of each operation in gateway/src/__generated__/persisted-query-manifest.json`,
    };
  }
  if (held && typeof body.query === 'string' && !documents.has(sha256(body.query))) return notTrusted();
  return null;
}

function notTrusted(): TrustedDocumentRefusal {
  return {
    code: 'OPERATION_NOT_TRUSTED',
    message:
      'this caller may run only the trusted operations of the manifest (gateway/src/__generated__/persisted-query-manifest.json): send an operation\'s id as extensions.persistedQuery.sha256Hash or documentId, or its exact body; this document is not one of them',
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
