import { badInput, conflict, emailValue, forbidden, notFound, optionalText, requiredText, type Queryable } from '@l2c/shared';
import { addressColumns, type AddressInput } from '../domain/leadInput.ts';
import { accountIdsWithDealerCode, contactsByIds, insertAccount, insertContact, updateAccountRow, updateContactRow } from '../store/accounts.ts';
import type { AccountRow, AccountType, ContactRow } from '../store/rows.ts';
import { assertCanWrite, idSource, readAccount, readDealer, type CommandContext } from './context.ts';
import { withoutUndefined } from './leads.ts';

export interface AccountInput {
  name?: string | null;
  type?: AccountType;
  dealerCode?: string | null;
  servicingDealerId?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  address?: AddressInput | null;
}

/** Creates an account. Partners create customer accounts only, served by their own dealer. */
export async function createAccount(ctx: CommandContext, input: AccountInput & { name: string; type: AccountType }): Promise<AccountRow> {
  assertCanWrite(ctx, 'createAccount');
  const columns = accountColumns(input, input.type);
  return ctx.store.transaction(async (tx) => {
    let dealerId = columns.dealer_id ?? null;
    if (ctx.scope.kind === 'dealer') {
      if (input.type !== 'CUSTOMER') throw forbidden(`input.type: a partner creates customer accounts only, not ${input.type}`);
      if (dealerId && dealerId !== ctx.scope.dealerAccountId) throw forbidden(`input.servicingDealerId: a partner's customers are served by its own dealer ${ctx.scope.dealerAccountId}`);
      dealerId = ctx.scope.dealerAccountId;
    } else if (dealerId) {
      await readDealer(tx, dealerId, 'input.servicingDealerId');
    }
    await assertDealerCodeFree(tx, columns.dealer_code ?? null, null);
    return insertAccount(tx, {
      id: idSource(ctx)(),
      name: requiredText('input.name', input.name, 255),
      type: input.type,
      dealer_code: columns.dealer_code ?? null,
      dealer_id: dealerId,
      email: columns.email ?? null,
      phone: columns.phone ?? null,
      website: columns.website ?? null,
      ...addressColumns('input.address', input.address ?? null),
    });
  });
}

export async function updateAccount(ctx: CommandContext, id: string, input: AccountInput): Promise<AccountRow> {
  assertCanWrite(ctx, 'updateAccount');
  return ctx.store.transaction(async (tx) => {
    const account = await readAccount(tx, ctx, id);
    if (ctx.scope.kind === 'dealer' && input.servicingDealerId !== undefined && input.servicingDealerId !== ctx.scope.dealerAccountId) {
      throw forbidden('input.servicingDealerId: a partner cannot hand a customer to another dealer');
    }
    const columns = accountColumns(input, account.type);
    if (columns.dealer_id) await readDealer(tx, columns.dealer_id, 'input.servicingDealerId');
    await assertDealerCodeFree(tx, columns.dealer_code ?? null, id);
    return (await updateAccountRow(tx, id, withoutUndefined(columns)))!;
  });
}

export interface ContactInput {
  accountId?: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
}

export async function createContact(ctx: CommandContext, input: ContactInput & { accountId: string; lastName: string }): Promise<ContactRow> {
  assertCanWrite(ctx, 'createContact');
  const columns = contactColumns(input);
  return ctx.store.transaction(async (tx) => {
    await readAccount(tx, ctx, input.accountId, 'input.accountId');
    return insertContact(tx, {
      id: idSource(ctx)(),
      account_id: input.accountId,
      first_name: columns.first_name ?? null,
      last_name: requiredText('input.lastName', input.lastName, 80),
      email: columns.email ?? null,
      phone: columns.phone ?? null,
      title: columns.title ?? null,
    });
  });
}

export async function updateContact(ctx: CommandContext, id: string, input: ContactInput): Promise<ContactRow> {
  assertCanWrite(ctx, 'updateContact');
  const columns = contactColumns(input);
  return ctx.store.transaction(async (tx) => {
    if (!(await contactsByIds(tx, ctx.scope, [id]))[0]) throw notFound('Contact', id);
    return (await updateContactRow(tx, id, withoutUndefined(columns)))!;
  });
}

function accountColumns(input: AccountInput, type: AccountType) {
  if (input.dealerCode && type !== 'DEALER') throw badInput('input.dealerCode', input.dealerCode, 'only dealer accounts have a dealer code');
  if (input.servicingDealerId && type !== 'CUSTOMER') throw badInput('input.servicingDealerId', input.servicingDealerId, 'only customer accounts have a servicing dealer');
  return {
    name: input.name == null ? undefined : requiredText('input.name', input.name, 255),
    dealer_code: optionalText('input.dealerCode', input.dealerCode, 20),
    dealer_id: input.servicingDealerId,
    email: emailValue('input.email', input.email),
    phone: optionalText('input.phone', input.phone, 40),
    website: optionalText('input.website', input.website, 255),
    ...(input.address === undefined ? {} : addressColumns('input.address', input.address)),
  };
}

function contactColumns(input: ContactInput) {
  return {
    first_name: optionalText('input.firstName', input.firstName, 40),
    last_name: input.lastName == null ? undefined : requiredText('input.lastName', input.lastName, 80),
    email: emailValue('input.email', input.email),
    phone: optionalText('input.phone', input.phone, 40),
    title: optionalText('input.title', input.title, 128),
  };
}

async function assertDealerCodeFree(tx: Queryable, code: string | null, exceptId: string | null): Promise<void> {
  if (!code) return;
  const holders = (await accountIdsWithDealerCode(tx, code)).filter((id) => id !== exceptId);
  if (holders.length > 0) throw conflict(`input.dealerCode: dealer code ${JSON.stringify(code)} is already used by account ${holders[0]}`, { field: 'input.dealerCode' });
}
