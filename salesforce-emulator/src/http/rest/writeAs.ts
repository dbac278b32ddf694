import { callOptionsClient, changeOriginFor, withChangeOrigin } from '../../streaming/changeOrigin.ts';
import type { ApiRequest } from '../types.ts';

/**
 * Runs a write on behalf of a REST request, so Change Data Capture names the API and client that made the change
 * (`com/salesforce/api/rest/60.0;client=…`).
 */
export function writeAs<T>(request: ApiRequest, work: () => T): T {
  return withChangeOrigin(changeOriginFor('rest', request.version, callOptionsClient(request.headers['sforce-call-options'])), work);
}
