import { and, type Connection, fetchPage, insertRow, type PageQuery, type Queryable, type Scope, searchCondition, SqlParams, updateRow } from '@l2c/shared';
import type { AccountRow, AccountType, ContactRow } from './rows.ts';
import { scopeSql } from './scope.ts';

export interface AccountFilter {
  type?: AccountType[] | null;
  search?: string | null;
  servicingDealerId?: string | null;
}

export type AccountSortField = 'NAME' | 'CREATED_AT';

const ACCOUNT_SORT: Record<AccountSortField, { expr: string; type: string }> = {
  NAME: { expr: 'a.name', type: 'text' },
  CREATED_AT: { expr: 'a.created_at', type: 'timestamptz' },
};

export async function accountsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<AccountRow[]> {
  const p = new SqlParams();
  const where = and([`a.id = any(${p.add(ids)})`, scopeSql.account(scope, 'a', p.add)]);
  return db.query<AccountRow>(`select a.* from accounts a where ${where.join(' and ')}`, p.values);
}

export async function listAccounts(
  db: Queryable,
  scope: Scope,
  filter: AccountFilter,
  order: { field: AccountSortField; direction: 'ASC' | 'DESC' },
  page: PageQuery,
): Promise<Connection<AccountRow>> {
  const p = new SqlParams();
  const where = and([
    scopeSql.account(scope, 'a', p.add),
    filter.type?.length ? `a.type = any(${p.add(filter.type)})` : null,
    filter.servicingDealerId ? `a.dealer_id = ${p.add(filter.servicingDealerId)}` : null,
    filter.search ? searchCondition(['a.name', 'a.city', 'a.dealer_code'], filter.search, p.add) : null,
  ]);
  const sort = ACCOUNT_SORT[order.field];
  return fetchPage<AccountRow>(db, {
    columns: 'a.*',
    from: 'accounts a',
    where,
    params: p,
    sort: { sortExpr: sort.expr, sortType: sort.type, idExpr: 'a.id', descending: order.direction === 'DESC' },
  }, page);
}

export function insertAccount(db: Queryable, row: Omit<AccountRow, 'created_at' | 'updated_at'>): Promise<AccountRow> {
  return insertRow<AccountRow>(db, 'accounts', { ...row });
}

export function updateAccountRow(db: Queryable, id: string, changes: Partial<AccountRow>): Promise<AccountRow | null> {
  return updateRow<AccountRow>(db, 'accounts', id, changes);
}

/** Dealers (all of them: matching looks across the network, scope is applied to what is returned). */
export async function allDealers(db: Queryable): Promise<AccountRow[]> {
  return db.query<AccountRow>("select a.* from accounts a where a.type = 'DEALER' order by a.name, a.id");
}

export async function contactsByAccountIds(db: Queryable, scope: Scope, accountIds: readonly string[]): Promise<ContactRow[]> {
  const p = new SqlParams();
  const where = and([`c.account_id = any(${p.add(accountIds)})`, scopeSql.contact(scope, 'c', p.add)]);
  return db.query<ContactRow>(`select c.* from contacts c where ${where.join(' and ')} order by c.last_name, c.id`, p.values);
}

export async function contactsByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<ContactRow[]> {
  const p = new SqlParams();
  const where = and([`c.id = any(${p.add(ids)})`, scopeSql.contact(scope, 'c', p.add)]);
  return db.query<ContactRow>(`select c.* from contacts c where ${where.join(' and ')}`, p.values);
}

export async function listContacts(
  db: Queryable,
  scope: Scope,
  filter: { accountId?: string | null; search?: string | null },
  page: PageQuery,
): Promise<Connection<ContactRow>> {
  const p = new SqlParams();
  const where = and([
    scopeSql.contact(scope, 'c', p.add),
    filter.accountId ? `c.account_id = ${p.add(filter.accountId)}` : null,
    filter.search ? searchCondition(["coalesce(c.first_name, '') || ' ' || c.last_name", 'c.email'], filter.search, p.add) : null,
  ]);
  return fetchPage<ContactRow>(db, {
    columns: 'c.*',
    from: 'contacts c',
    where,
    params: p,
    sort: { sortExpr: 'c.last_name', sortType: 'text', idExpr: 'c.id', descending: false },
  }, page);
}

export function insertContact(db: Queryable, row: Omit<ContactRow, 'created_at' | 'updated_at'>): Promise<ContactRow> {
  return insertRow<ContactRow>(db, 'contacts', { ...row });
}

export function updateContactRow(db: Queryable, id: string, changes: Partial<ContactRow>): Promise<ContactRow | null> {
  return updateRow<ContactRow>(db, 'contacts', id, changes);
}

export async function accountIdsWithDealerCode(db: Queryable, code: string): Promise<string[]> {
  return (await db.query<{ id: string }>('select id from accounts where dealer_code = $1', [code])).map((row) => row.id);
}
