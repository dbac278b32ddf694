import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startStack, type Stack } from './harness.ts';

let stack: Stack;
let staff: string;
beforeAll(async () => {
  stack = await startStack();
  staff = await stack.token('staff');
});
afterAll(() => stack?.[Symbol.asyncDispose]());

const ITEM_FIELDS = 'productCode productName productType quantity notes';
const SELLER_FIELDS = 'reason notes dealer { id name }';

async function dealer(name: string, code: string): Promise<string> {
  return ok(await stack.graphql<{ createAccount: { id: string } }>(staff, `mutation($name: String!, $code: String!) { createAccount(input: { name: $name, type: DEALER, dealerCode: $code }) { id } }`, { name, code })).createAccount.id;
}

describe('converting a lead through the gateway', () => {
  it('yields an account, a contact and an opportunity whose line items and preferred sellers equal the lead’s', async () => {
    const stuttgart = await dealer('Autohaus Stuttgart', 'STR');
    const ulm = await dealer('Autohaus Ulm', 'ULM');
    const partner = await stack.token('partner', stuttgart);
    const created = ok(
      await stack.graphql<{ createLead: { id: string } }>(
        partner,
        `mutation($input: CreateLeadInput!) { createLead(input: $input) { id } }`,
        {
          input: {
            firstName: 'Jonas',
            lastName: 'Weber',
            company: 'Weber Bau GmbH',
            email: 'jonas@weber-bau.example',
            sourceChannel: 'DEALER',
            latestInterestDate: '2099-06-30',
            lineItems: [
              { productCode: 'VAN-L', productName: 'Transit Van L', productType: 'VEHICLE', quantity: 3, notes: 'with shelving' },
              { productCode: 'SP-WIPER', productName: 'Wiper blades', productType: 'SPARE_PART', quantity: 6 },
              { productName: 'Tow bar', productType: 'ACCESSORY', quantity: 3 },
            ],
            preferredSellers: [
              { dealerId: stuttgart, reason: 'GENERATED_LEAD', notes: 'walked in' },
              { dealerId: ulm, reason: 'PREVIOUS_PURCHASE' },
            ],
          },
        },
      ),
    ).createLead.id;

    const refused = await stack.graphql(partner, `mutation($id: ID!) { convertLead(id: $id) { opportunity { id } } }`, { id: created });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', rule: 'LEAD_NOT_QUALIFIED' } });
    expect(refused.errors?.[0]?.message).toContain('only a qualified lead can be converted');

    ok(await stack.graphql(partner, `mutation($id: ID!) { qualifyLead(id: $id, input: { need: true, authority: true, abilityToDeliver: true }) { status } }`, { id: created }));
    const result = ok(
      await stack.graphql<{
        convertLead: {
          lead: { isConverted: boolean; lineItems: unknown[]; preferredSellers: unknown[]; convertedOpportunity: { id: string } };
          account: { id: string; name: string; type: string; servicingDealer: { id: string } };
          contact: { name: string; email: string; account: { id: string } };
          opportunity: { id: string; name: string; stage: string; closeDate: string; account: { id: string }; contact: { email: string }; dealer: { id: string }; lead: { id: string }; lineItems: unknown[]; preferredSellers: unknown[] };
        };
      }>(
        partner,
        `mutation($id: ID!) { convertLead(id: $id) {
          lead { isConverted convertedOpportunity { id } lineItems { ${ITEM_FIELDS} } preferredSellers { ${SELLER_FIELDS} } }
          account { id name type servicingDealer { id } }
          contact { name email account { id } }
          opportunity { id name stage closeDate account { id } contact { email } dealer { id } lead { id }
            lineItems { ${ITEM_FIELDS} } preferredSellers { ${SELLER_FIELDS} } }
        } }`,
        { id: created },
      ),
    ).convertLead;

    expect(result.account).toMatchObject({ name: 'Weber Bau GmbH', type: 'CUSTOMER', servicingDealer: { id: stuttgart } });
    expect(result.contact).toEqual({ name: 'Jonas Weber', email: 'jonas@weber-bau.example', account: { id: result.account.id } });
    expect(result.opportunity).toMatchObject({
      name: 'Weber Bau GmbH – Transit Van L',
      stage: 'Prospecting',
      closeDate: '2099-06-30',
      account: { id: result.account.id },
      contact: { email: 'jonas@weber-bau.example' },
      dealer: { id: stuttgart },
      lead: { id: created },
    });
    expect(result.lead.isConverted).toBe(true);
    expect(result.lead.convertedOpportunity.id).toBe(result.opportunity.id);
    expect(result.lead.lineItems).toHaveLength(3);
    expect(result.opportunity.lineItems).toEqual(result.lead.lineItems);
    // The partner sees its own dealer by name and the other preferred seller as null, on both sides alike.
    expect(result.opportunity.preferredSellers).toEqual(result.lead.preferredSellers);
    const asStaff = ok(
      await stack.graphql<{ opportunity: { preferredSellers: unknown[] }; lead: { preferredSellers: unknown[] } }>(
        staff,
        `query($o: ID!, $l: ID!) { opportunity(id: $o) { preferredSellers { ${SELLER_FIELDS} } } lead(id: $l) { preferredSellers { ${SELLER_FIELDS} } } }`,
        { o: result.opportunity.id, l: created },
      ),
    );
    expect(asStaff.opportunity.preferredSellers).toEqual(asStaff.lead.preferredSellers);
    expect(asStaff.lead.preferredSellers).toEqual([
      { reason: 'GENERATED_LEAD', notes: 'walked in', dealer: { id: stuttgart, name: 'Autohaus Stuttgart' } },
      { reason: 'PREVIOUS_PURCHASE', notes: null, dealer: { id: ulm, name: 'Autohaus Ulm' } },
    ]);

    const again = await stack.graphql(partner, `mutation($id: ID!) { convertLead(id: $id) { opportunity { id } } }`, { id: created });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', rule: 'LEAD_CONVERTED', opportunityId: result.opportunity.id } });
  });

  it('reports bad input with the field named and the BAD_USER_INPUT code', async () => {
    const response = await stack.graphql(staff, `mutation { createLead(input: { lastName: "X", sourceChannel: WEB, email: "nope" }) { id } }`);
    expect(response.errors?.[0]).toMatchObject({ message: 'input.email: must be an e-mail address like name@example.com (got "nope")', extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } });
    const date = await stack.graphql(staff, `mutation { createLead(input: { lastName: "X", sourceChannel: WEB, latestInterestDate: "2026-02-30" }) { id } }`);
    expect(date.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(date.errors?.[0]?.message).toContain('must be a calendar date');
  });

  it('lets engineers read but not write', async () => {
    const engineer = await stack.token('engineer');
    expect(ok(await stack.graphql<{ leads: { totalCount: number } }>(engineer, '{ leads { totalCount } }')).leads.totalCount).toBeGreaterThan(0);
    const write = await stack.graphql(engineer, `mutation { createLead(input: { lastName: "X", sourceChannel: WEB }) { id } }`);
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
