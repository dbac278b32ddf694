import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../http/testing/testEmulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'sf-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshot file', () => {
  it('is written on close and loaded at start: records, the recycle bin and the ID sequence survive a restart', async () => {
    const snapshotPath = join(dir, 'org.json');
    const first = await startTestEmulator({ snapshotPath });
    const conn = await first.login();
    const kept = await conn.sobject('Account').create({ Name: 'Kept', L2C_Id__c: 'snap-1' });
    const binned = await conn.sobject('Account').create({ Name: 'Binned' });
    await conn.sobject('Account').destroy(binned.id ?? '');
    const orgId = first.emulator.org.orgId;
    await first.close();
    expect(existsSync(snapshotPath)).toBe(true);

    await using second = await startTestEmulator({ snapshotPath });
    expect(second.emulator.org.orgId).toBe(orgId);
    const again = await second.login();
    expect(((await again.sobject('Account').retrieve(kept.id ?? '')) as { Name: string }).Name).toBe('Kept');
    expect((await again.query(`SELECT Id FROM Account WHERE Id = '${binned.id ?? ''}'`, { scanAll: true })).totalSize).toBe(1);
    const fresh = await again.sobject('Account').create({ Name: 'After restart' });
    expect([kept.id, binned.id]).not.toContain(fresh.id);
    expect((await again.sobject('Account').upsert({ L2C_Id__c: 'snap-1', Name: 'Kept 2' }, 'L2C_Id__c')).created).toBe(false);
  });
});
