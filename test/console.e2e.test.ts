/**
 * The admin console in a real browser (Debian's Chromium through playwright-core) against the real stack: an admin
 * signs in with a development role, starts a sync and watches its bar reach 100 % from the subscription, retries a
 * record the org refused (a validation rule injected through the emulator's control hook), resolves a conflict by
 * editing the kept version; the jobs and process map pages show what they should; a partner sees its own webhook's
 * deliveries, redelivers one, and sees nothing of the sync. Screenshots of every page land in test-results/console/.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@l2c/shared';
import { ensureConsoleBuilt } from '@l2c/console';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { startConsoleStack, type ConsoleStack } from './consoleStack.ts';
import { ok } from './harness.ts';

const SHOTS = join(repoRoot, 'test-results', 'console');
const WAIT = 60_000;
let stack: ConsoleStack;
let browser: TestBrowser;
let page: Page;
let endpoint: Server;
let endpointUrl: string;
let endpointFails = true;
let dealerId: string;
/** A dealer whose leads reach no webhook of the test's partner. */
let otherDealerId: string;
const received: number[] = [];

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  // The test builds the console itself (or reuses a current build), so a fresh clone's `npm test` needs no other step.
  await ensureConsoleBuilt();
  stack = await startConsoleStack();
  endpoint = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = endpointFails ? 500 : 204;
      received.push(status);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hooks`;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

// A failed step leaves a picture of the page, and what the page itself complained about.
const pageErrors: string[] = [];
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail' || !page) return;
  await page.screenshot({ path: join(SHOTS, `failed-${task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true }).catch(() => undefined);
  if (pageErrors.length) console.error(`errors in the page:\n${pageErrors.join('\n')}`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (endpoint ? endpoint.close(resolve) : resolve(undefined)));
  await stack?.close();
});

/** A lead of the other dealer, qualified and converted through the graph: an opportunity, so a case of the process log. */
async function convertedLead(lastName: string): Promise<void> {
  const { createLead } = ok(
    await stack.graphql<{ createLead: { id: string } }>('staff', 'mutation($dealer: ID!, $name: String!) { createLead(input: { lastName: $name, company: "Map GmbH", sourceChannel: WEB, dealerId: $dealer }) { id } }', { dealer: otherDealerId, name: lastName }),
  );
  ok(await stack.graphql('staff', 'mutation($id: ID!) { qualifyLead(id: $id, input: { need: true, authority: true, abilityToDeliver: true }) { status } }', { id: createLead.id }));
  ok(await stack.graphql('staff', 'mutation($id: ID!) { convertLead(id: $id) { opportunity { id } } }', { id: createLead.id }));
}

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = WAIT): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Picks objects, mode and direction on the sync page, starts the sync and waits for the bar to reach 100 %. */
async function syncFromPage(options: { objects?: string[]; mode: 'Incremental' | 'Full reload'; direction: 'Both' | 'Salesforce → graph' | 'Graph → Salesforce' }) {
  await page.locator('[data-testid="nav-sync"]').click();
  const objects = page.locator('[data-testid="sync-objects"]');
  await objects.click();
  for (const object of options.objects ?? []) await page.getByRole('option', { name: object, exact: true }).click();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="sync-mode"]').getByText(options.mode, { exact: true }).click();
  await page.locator('[data-testid="sync-direction"]').getByText(options.direction, { exact: true }).click();
  const previous = await page.locator('[data-testid="tracked-job"]').getAttribute('data-job-id', { timeout: 1 }).catch(() => null);
  await page.locator('[data-testid="start-sync"]').click();
  const tracked = page.locator(previous ? `[data-testid="tracked-job"]:not([data-job-id="${previous}"])` : '[data-testid="tracked-job"]');
  await tracked.locator('[data-testid="tracked-status"]', { hasText: 'Completed' }).waitFor();
  await expect(tracked.locator('[data-testid="sync-progress"]').innerText()).resolves.toBe('100 %');
  // Picking an object again takes it off, for the next sync.
  if (options.objects?.length) {
    await objects.click();
    for (const object of options.objects) await page.getByRole('option', { name: object, exact: true }).click();
    await page.keyboard.press('Escape');
  }
}

async function salesforceLead(localId: string): Promise<{ Id: string; Phone: string | null; Email: string | null }> {
  const q = encodeURIComponent(`SELECT Id, Phone, Email FROM Lead WHERE L2C_Id__c = '${localId}'`);
  const { records } = (await stack.salesforce('GET', `/query?q=${q}`)) as { records: { Id: string; Phone: string | null; Email: string | null }[] };
  return records[0]!;
}

describe('admin console', () => {
  it('signs an sf_admin in by development role, starts a full sync and shows its progress reaching 100 %', async () => {
    await page.goto(`${stack.base}/console/`);
    await page.getByRole('tab', { name: 'Development role' }).waitFor();
    await shot('01-login');
    await page.getByRole('button', { name: 'Sign in as sf_admin' }).click();
    await expect(page.locator('[data-testid="viewer-role"]').first().textContent()).resolves.toBe('sf_admin');
    await page.getByRole('heading', { name: 'Salesforce sync' }).waitFor();
    await page.locator('[data-testid="live-status"]', { hasText: 'live' }).waitFor();

    await syncFromPage({ mode: 'Full reload', direction: 'Both' });
    // The objects table follows: every object has run, leads are linked, and the schedule's next run is shown.
    const lead = page.locator('[data-testid="sync-objects-table"] tr[data-object="Lead"]');
    await lead.getByText('Completed').waitFor();
    await expect(lead.innerText()).resolves.toMatch(/in \d+ min/);
    await page.locator('[data-testid="api-usage-used"]').waitFor();
    await shot('02-sync');
  }, 180_000);

  it('lists a record the org refused with its code and fields, and retries it into Salesforce', async () => {
    const { leads } = ok(await stack.graphql<{ leads: { nodes: { id: string }[] } }>('staff', '{ leads(first: 2) { nodes { id } } }'));
    const leadId = leads.nodes[0]!.id;
    const before = (await salesforceLead(leadId)).Phone;
    await stack.control('POST', 'faults', { kind: 'validationRule', path: '/composite/sobjects$', method: 'PATCH', count: 1, message: 'Phone must be in international format (+country code)', fields: ['Phone'] });
    ok(await stack.graphql('staff', 'mutation($id: ID!) { updateLead(id: $id, input: { phone: "+49 30 1234567" }) { id } }', { id: leadId }));

    await syncFromPage({ objects: ['Lead'], mode: 'Incremental', direction: 'Graph → Salesforce' });
    await page.locator('[data-testid="nav-errors"]').click();
    const row = page.locator(`[data-testid="errors-table"] tr[data-local-id="${leadId}"]`);
    await row.getByText('FIELD_CUSTOM_VALIDATION_EXCEPTION').waitFor();
    await expect(row.innerText()).resolves.toContain('Phone must be in international format');
    await expect(row.locator('[data-testid="failure-status"]').textContent()).resolves.toBe('Open');
    await page.locator('[data-testid="errors-search"]').fill('international');
    await row.waitFor();
    await shot('03-errors');
    expect((await salesforceLead(leadId)).Phone).toBe(before);

    await row.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-testid="errors-empty"]').waitFor();
    expect((await salesforceLead(leadId)).Phone).toBe('+49 30 1234567');
  }, 180_000);

  it('shows a conflict side by side and resolves it with an edited value that reaches both sides', async () => {
    const { leads } = ok(await stack.graphql<{ leads: { nodes: { id: string }[] } }>('staff', '{ leads(first: 2) { nodes { id } } }'));
    const leadId = leads.nodes[1]!.id;
    const { Id: sfId } = await salesforceLead(leadId);
    ok(await stack.graphql('staff', 'mutation($id: ID!) { updateLead(id: $id, input: { email: "graph.side@example.com" }) { id } }', { id: leadId }));
    await stack.salesforce('PATCH', `/sobjects/Lead/${sfId}`, { Email: 'salesforce.side@example.com' });

    await syncFromPage({ objects: ['Lead'], mode: 'Incremental', direction: 'Salesforce → graph' });
    await page.locator('[data-testid="nav-conflicts"]').click();
    const detail = page.locator('[data-testid="conflict-detail"]');
    const email = detail.locator('tr[data-field="Email"]');
    await email.getByText('in conflict').waitFor();
    await expect(email.innerText()).resolves.toMatch(/graph\.side@example\.com[\s\S]*salesforce\.side@example\.com/);
    await shot('04-conflicts');

    await detail.locator('[data-testid="edit-conflict"]').click();
    await detail.locator('[data-testid="result-Email"]').fill('agreed@example.com');
    await shot('05-conflict-edit');
    await detail.locator('[data-testid="save-edited"]').click();
    await page.locator('[data-testid="conflicts-empty"]').waitFor();
    const { lead } = ok(await stack.graphql<{ lead: { email: string } }>('staff', 'query($id: ID!) { lead(id: $id) { email } }', { id: leadId }));
    expect(lead.email).toBe('agreed@example.com');
    await until('the edited value in Salesforce', async () => (await salesforceLead(leadId)).Email === 'agreed@example.com');
  }, 180_000);

  it('shows every job queue with its counts and failed jobs, retries one, and shows the process map following the log live', async () => {
    // A partner's webhook whose endpoint fails: each delivery fails for good at its first attempt (maxAttempts 1).
    const { accounts } = ok(await stack.graphql<{ accounts: { nodes: { id: string }[] } }>('staff', '{ accounts(first: 2, filter: { type: [DEALER] }) { nodes { id } } }'));
    dealerId = accounts.nodes[0]!.id;
    otherDealerId = accounts.nodes[1]!.id;
    ok(await stack.graphql('partner', 'mutation($url: String!) { createWebhookSubscription(input: { url: $url, eventTypes: ["LeadCreated"], description: "Dealer CRM inbox" }) { secret } }', { url: endpointUrl }, dealerId));
    for (const name of ['Webhook One', 'Webhook Two']) {
      ok(await stack.graphql('staff', 'mutation($dealer: ID!, $name: String!) { createLead(input: { lastName: $name, company: "Hook GmbH", sourceChannel: WEB, dealerId: $dealer }) { id } }', { dealer: dealerId, name }));
    }
    await until('both deliveries to fail', async () => received.length === 2);

    await page.locator('[data-testid="nav-jobs"]').click();
    const sync = page.locator('[data-queue="crm-sync"]');
    await expect(sync.innerText()).resolves.toMatch(/completed\s+[1-9]/i);
    const failedButton = page.locator('[data-testid="failed-webhooks"]');
    await failedButton.getByText('2 failed').waitFor();
    await failedButton.click();
    const failed = page.locator('[data-testid="failed-jobs"]');
    await failed.locator('tr[data-job]').nth(1).waitFor();
    await expect(failed.locator('tr[data-job]').count()).resolves.toBe(2);
    await expect(failed.innerText()).resolves.toContain('HTTP 500');
    await shot('06-jobs');

    endpointFails = false;
    await failed.locator('tr[data-job]').first().getByRole('button', { name: 'Retry' }).click();
    await failedButton.getByText('1 failed').waitFor();
    await until('the retried delivery to arrive', async () => received.length === 3);
    expect(received).toEqual([500, 500, 204]);
    endpointFails = true;

    // The process map follows the event log live (a case is an opportunity): a converted lead is a case, and a lead
    // converted while the page is open appears by itself.
    await convertedLead('Map One');
    await page.locator('[data-testid="nav-process-map"]').click();
    await page.locator('[data-testid="process-map-image"]').waitFor();
    const figures = page.locator('[data-testid="process-figures"]');
    const cases = async () => Number(/([\d,]+) cases/i.exec(await figures.innerText())?.[1]?.replaceAll(',', '') ?? 'NaN');
    const before = await until('a case in the process log', async () => ((await cases()) >= 1 ? cases() : false));
    await expect(page.locator('[data-testid="process-variants"]').innerText()).resolves.toMatch(/Lead Created → .*Lead Converted/);
    await expect(page.locator('[data-testid="process-map-image"]').getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml/);
    await convertedLead('Map Two');
    await until('the new case on the page without a reload', async () => (await cases()) === before + 1);
    await page.getByText('Violations (').click();
    await page.locator('[data-testid="process-no-violations"], [data-testid="process-violations"]').first().waitFor();
    await shot('07-process-map');
  }, 120_000);

  it("shows a partner its own webhook's deliveries, redelivers a dead-lettered one, and nothing of the sync", async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('tab', { name: 'Paste a token' }).click();
    await page.locator('[data-testid="token-input"]').fill(await stack.token('partner', dealerId));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await expect(page.locator('[data-testid^="nav-"]').evaluateAll((links) => links.map((l) => l.getAttribute('data-testid')))).resolves.toEqual(['nav-webhooks']);
    const deliveries = page.locator('[data-testid="webhook-deliveries"]');
    await deliveries.getByText('Dead lettered').waitFor();
    await deliveries.getByText('Succeeded').waitFor();
    await shot('08-partner-webhooks');

    endpointFails = false;
    await deliveries.getByRole('button', { name: 'Redeliver' }).click();
    await until('both deliveries delivered', async () => (await deliveries.getByText('Succeeded').count()) === 2);
    expect(received).toEqual([500, 500, 204, 204]);

    // The sync's pages are not offered, and asking for one by address lands on the webhooks.
    await page.goto(`${stack.base}/console/#/sync`);
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/webhooks');
    const text = await page.locator('body').innerText();
    for (const word of ['Salesforce sync', 'Sync errors', 'Job queues', 'Bull Board', 'API usage']) expect(text).not.toContain(word);
    await shot('09-partner-no-sync');
  }, 120_000);
});
