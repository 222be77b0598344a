/**
 * Presence between real softphones on a real in-process hub: each sees the other's occupancy,
 * do not disturb and sign-out as they happen.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState, PersonView } from '../../../shared/ipc/contract.js';
import { createSoftphone, type Softphone } from '../softphone.js';
import { waitForState } from '../testing.js';
import { formatOccupancy, parseOccupancy, personFrom } from './occupancy.js';

const env = { SWITCHBOARD_HUB_SECRET: 'presence-test-secret-0123' };
const open: Softphone[] = [];
afterEach(async () => {
  for (const softphone of open.splice(0).reverse()) await softphone.dispose();
});

async function phone(options: Omit<Parameters<typeof createSoftphone>[0], 'dataDir' | 'env'>): Promise<Softphone> {
  const softphone = await createSoftphone({ env, dataDir: mkdtempSync(join(tmpdir(), 'presence-')), ...options });
  open.push(softphone);
  return softphone;
}

const online = (softphone: Softphone) => waitForState(softphone, (state) => state.connection.status === 'online');

async function personIn(softphone: Softphone, userID: string, test: (person: PersonView) => boolean): Promise<PersonView> {
  const find = (state: AppState): PersonView | undefined => state.people.find((person) => person.userID === userID && test(person));
  return find(await waitForState(softphone, (state) => find(state) !== undefined))!;
}

describe('People: presence between softphones', () => {
  it('shows a callee on their lines, back to available, in do not disturb, and offline', async () => {
    const bob = await phone({ userID: 'bob', limits: { incoming: 3 } });
    const alice = await phone({ hubUrl: bob.hubUrl, userID: 'alice' });
    await Promise.all([bob, alice].map((softphone) => online(softphone)));
    expect(alice.state.people).toEqual([]);

    expect(await alice.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    expect(await personIn(alice, 'bob', (person) => person.presence === 'busy')).toEqual({
      userID: 'bob', presence: 'busy', lines: { inUse: 1, limit: 3 },
    });
    // bob learnt of alice from her call, and follows her too.
    await personIn(bob, 'alice', (person) => person.presence === 'busy');

    const ringing = bob.state.calls[0]!;
    expect(await bob.command({ type: 'decline', callID: ringing.callID })).toEqual({ ok: true });
    await personIn(alice, 'bob', (person) => person.presence === 'available');

    expect(await bob.command({ type: 'setDnd', enabled: true })).toEqual({ ok: true });
    await personIn(alice, 'bob', (person) => person.presence === 'dnd');

    expect(await bob.command({ type: 'signOut' })).toEqual({ ok: true });
    expect(await personIn(alice, 'bob', (person) => person.presence === 'offline')).toEqual({ userID: 'bob', presence: 'offline', lines: null });
  });
});

describe('occupancy in the custom status', () => {
  it('round-trips within ZIM’s 64 characters', () => {
    const text = formatOccupancy({ lines: 20, of: 20, dnd: false });
    expect(text.length).toBeLessThanOrEqual(64);
    expect(parseOccupancy(text)).toEqual({ lines: 20, of: 20, dnd: false });
  });

  it('reads another app’s status, or a hostile one, as nothing', () => {
    for (const text of ['', 'In a meeting', '{"lines":-1,"of":3,"dnd":false}', '{"lines":1,"of":3,"dnd":"yes"}', '{"lines":1,"of":3,"dnd":false,"x":1}', '{']) {
      expect(parseOccupancy(text)).toBeNull();
    }
    expect(personFrom({ userID: 'kit', onlineStatus: 0, customStatus: 'In a meeting', lastUpdateTime: 1 })).toEqual({
      userID: 'kit', presence: 'available', lines: null,
    });
  });
});
