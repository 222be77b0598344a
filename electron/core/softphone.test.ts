import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSoftphone, type Softphone } from './softphone.js';
import type { AppState } from '../../shared/ipc/contract.js';
import { waitForState } from './testing.js';
import { mintToken } from './auth/token.js';
import { startHub } from './hub/server.js';

const env = { SWITCHBOARD_HUB_SECRET: 'softphone-test-secret-0123' };
const open: Softphone[] = [];
afterEach(async () => {
  for (const softphone of open.splice(0).reverse()) await softphone.dispose();
});

/** Resolves once `softphone` has told no state for `ms` (the sign-in's follow-ups are over). */
async function quiet(softphone: Softphone, ms = 200): Promise<void> {
  let last = performance.now();
  const stop = softphone.onState(() => (last = performance.now()));
  while (performance.now() - last < ms) await new Promise((resolve) => setTimeout(resolve, 20));
  stop();
}

async function phone(options: Parameters<typeof createSoftphone>[0]): Promise<Softphone> {
  const softphone = await createSoftphone({ env, ...options });
  open.push(softphone);
  return softphone;
}


const dataDir = () => mkdtempSync(join(tmpdir(), 'switchboard-softphone-'));

describe('Softphone', () => {
  it('refuses limits out of range and malformed hub URLs, naming them', async () => {
    await expect(createSoftphone({ env, dataDir: dataDir(), limits: { incoming: 0 } })).rejects.toThrow(
      'the incoming limit must be a whole number from 1 to 20, not 0',
    );
    await expect(createSoftphone({ env, dataDir: dataDir(), limits: { outgoing: 21 } })).rejects.toThrow(
      'the outgoing limit must be a whole number from 1 to 20, not 21',
    );
    await expect(createSoftphone({ env, dataDir: dataDir(), hubUrl: 'hub.local:4000' })).rejects.toThrow(/malformed hub URL/);
    await expect(createSoftphone({ env, dataDir: dataDir(), callTimeoutS: 0 })).rejects.toThrow(/call timeout/);
    await expect(createSoftphone({ env, dataDir: dataDir(), priorityCallers: ['ok', 'no spaces'] })).rejects.toThrow(/^priority caller "no spaces": /);
  });

  it('goes back to the sign-in screen, saying why, when the hub refuses the user for good', async () => {
    const alice = await phone({ dataDir: dataDir(), userID: 'alice' });
    await waitForState(alice, (state) => state.connection.status === 'online');
    const shouting = await phone({ dataDir: dataDir(), hubUrl: alice.hubUrl });
    expect(await shouting.command({ type: 'signIn', userID: 'ALICE' })).toEqual({ ok: true });
    const refused = await waitForState(shouting, (state) => state.user === null && state.connection.error !== null);
    expect(refused.connection).toMatchObject({ status: 'signed-out', error: expect.stringMatching(/^the hub refused to sign in ALICE: .*differs only in case/) });
  });

  it('keeps priority callers: added and removed by command, at most 50, each a valid user ID; a priority call rings through do not disturb', async () => {
    const bob = await phone({ dataDir: dataDir(), userID: 'bob', priorityCallers: ['supervisor'] });
    expect(bob.state.priorityCallers).toEqual(['supervisor']);
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'dispatch', priority: true })).toEqual({ ok: true });
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'supervisor', priority: false })).toEqual({ ok: true });
    expect(bob.state.priorityCallers).toEqual(['dispatch']);
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'a b', priority: true })).toMatchObject({ ok: false, error: expect.stringMatching(/^User: /) });
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'bob', priority: true })).toEqual({ ok: false, error: 'bob is you: your own calls never ring here' });
    for (let i = bob.state.priorityCallers.length; i < 50; i += 1) await bob.command({ type: 'setPriorityCaller', userID: `user${i}`, priority: true });
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'one.more', priority: true })).toEqual({
      ok: false, error: 'Cannot add one.more: there are 50 priority callers already, the most there can be',
    });
    expect(bob.state.priorityCallers).toHaveLength(50);

    await bob.command({ type: 'setDnd', enabled: true });
    const dispatch = await phone({ dataDir: dataDir(), hubUrl: bob.hubUrl, userID: 'dispatch' });
    await waitForState(dispatch, (state) => state.connection.status === 'online');
    await dispatch.command({ type: 'dial', userID: 'bob' });
    const ringing = await waitForState(bob, (state) => state.calls.length === 1);
    expect(ringing.calls[0]).toMatchObject({ peer: 'dispatch', phase: 'ringing', priority: true });
  });

  it('lists each person of a group call in People, never the call\'s list of names', async () => {
    const alice = await phone({ dataDir: dataDir(), userID: 'alice' });
    const bob = await phone({ dataDir: dataDir(), hubUrl: alice.hubUrl, userID: 'bob' });
    const carol = await phone({ dataDir: dataDir(), hubUrl: alice.hubUrl, userID: 'carol' });
    for (const softphone of [alice, bob, carol]) await waitForState(softphone, (state) => state.connection.status === 'online');
    expect(await alice.command({ type: 'dialGroup', userIDs: ['bob', 'carol'] })).toEqual({ ok: true });
    const calling = await waitForState(alice, (state) => state.calls[0]?.phase === 'calling');
    expect(calling.calls[0]?.peer).toBe('bob, carol');
    const people = await waitForState(alice, (state) => state.people.length >= 2);
    expect(people.people.map((person) => person.userID).sort()).toEqual(['bob', 'carol']);
  });

  it('warns in the app when its stored hub secret can be read by other users', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'hub-secret'), 'a-stored-secret-of-good-length\n', { mode: 0o644 });
    const softphone = await phone({ env: {}, dataDir: dir });
    expect(softphone.state.notices).toEqual(
      process.platform === 'win32' ? [] : [expect.objectContaining({ kind: 'warning', text: expect.stringMatching(/hub-secret can be read by other users/) })],
    );
  });

  it('signs in on its in-process hub, and another softphone can call it there', async () => {
    const bob = await phone({ dataDir: dataDir(), userID: 'bob', limits: { incoming: 2 } });
    const alice = await phone({ dataDir: dataDir(), hubUrl: bob.hubUrl, userID: 'alice' });
    await waitForState(bob, (state) => state.connection.status === 'online');
    await waitForState(alice, (state) => state.connection.status === 'online');
    expect(bob.state).toMatchObject({ user: 'bob', limits: { incoming: 2, outgoing: 1 }, dnd: false, calls: [] });

    const seen: number[] = [];
    bob.onState((state) => seen.push(state.version));
    expect(await alice.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    const ringing = await waitForState(bob, (state) => state.calls.length === 1);
    expect(ringing.calls[0]).toMatchObject({ direction: 'incoming', peer: 'alice', phase: 'ringing' });
    expect(await bob.command({ type: 'accept', callID: ringing.calls[0]!.callID })).toEqual({ ok: true });
    await waitForState(alice, (state) => state.calls[0]?.phase === 'connected');
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('signs in on its in-process hub with SWITCHBOARD_HUB_FINGERPRINT set, which is for a wss:// hub elsewhere; a ws:// hub named is still refused under the pin', async () => {
    const pinned = { ...env, SWITCHBOARD_HUB_FINGERPRINT: 'ab'.repeat(32) };
    const bob = await phone({ dataDir: dataDir(), userID: 'bob', env: pinned });
    await waitForState(bob, (state) => state.connection.status === 'online');
    const alice = await phone({ dataDir: dataDir(), hubUrl: bob.hubUrl, userID: 'alice', env: pinned });
    await waitForState(alice, (state) => state.connection.error?.includes('not a TLS connection') ?? false);
    expect(alice.state.connection.status).not.toBe('online');
  });

  it('holds, resumes and mutes a connected call, relays media signals between the two softphones, and keeps audio settings', async () => {
    const bob = await phone({ dataDir: dataDir(), userID: 'bob' });
    const alice = await phone({ dataDir: dataDir(), hubUrl: bob.hubUrl, userID: 'alice' });
    await waitForState(alice, (state) => state.connection.status === 'online');
    await alice.command({ type: 'dial', userID: 'bob' });
    const ringing = await waitForState(bob, (state) => state.calls.length === 1);
    const callID = ringing.calls[0]!.callID;
    await bob.command({ type: 'accept', callID });
    await waitForState(alice, (state) => state.calls[0]?.phase === 'connected');

    expect(await bob.command({ type: 'setMuted', callID, muted: true })).toEqual({ ok: true });
    expect(await bob.command({ type: 'hold', callID })).toEqual({ ok: true });
    expect(bob.state.calls[0]!.media).toEqual({ held: true, heldSince: expect.any(Number), muted: true, heldBy: [] });
    expect(await bob.command({ type: 'resume', callID })).toEqual({ ok: true });
    expect(bob.state.calls[0]!.media.held).toBe(false);
    expect(await bob.command({ type: 'hold', callID: 'nope' })).toEqual({ ok: false, error: 'Cannot hold call nope: there is no such call' });

    // The renderer's media stream: bob's offer reaches alice's, which reads hold from it.
    const atAlice = new Promise((resolve) => alice.onMediaSignal(resolve));
    const offer = { description: { type: 'offer', sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=inactive\r\n' } };
    bob.sendMediaSignal({ callID, peer: 'alice', signal: offer });
    expect(await atAlice).toEqual({ callID, peer: 'bob', signal: offer });
    expect(alice.state.calls[0]!.media.heldBy).toEqual(['bob']);

    expect(await bob.command({ type: 'setAudio', audio: { speaker: 'headset', secondCall: 'end' } })).toEqual({ ok: true });
    expect(bob.state.audio).toEqual({ microphone: null, speaker: 'headset', ringtone: null, secondCall: 'end', voiceProcessing: true });
    expect((await bob.command({ type: 'setAudio', audio: { secondCall: 'merge' } })).ok).toBe(false);
    // Changing one setting leaves the others as they were.
    expect(await bob.command({ type: 'setAudio', audio: { voiceProcessing: false } })).toEqual({ ok: true });
    expect(await bob.command({ type: 'setAudio', audio: { microphone: 'usb-mic' } })).toEqual({ ok: true });
    expect(bob.state.audio).toEqual({ microphone: 'usb-mic', speaker: 'headset', ringtone: null, secondCall: 'end', voiceProcessing: false });
    expect((await bob.command({ type: 'setAudio', audio: { voiceProcessing: 'no' } })).ok).toBe(false);
  });

  it('announces a burst of changes once, with the newest state, and a command\'s changes before its result', async () => {
    const bob = await phone({ dataDir: dataDir(), userID: 'bob' });
    await waitForState(bob, (state) => state.connection.status === 'online');
    await quiet(bob);
    const heard: AppState[] = [];
    bob.onState((state) => heard.push(state));
    const before = bob.state.version;
    bob.warn('one');
    bob.warn('two');
    bob.warn('three');
    // The state itself is current at once; the listeners hear it later, once.
    const current = bob.state;
    expect(current.version).toBeGreaterThan(before);
    expect(current.notices.map((notice) => notice.text)).toEqual(expect.arrayContaining(['one', 'two', 'three']));
    expect(heard).toEqual([]);
    await expect.poll(() => heard.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heard).toEqual([current]);

    // Changes other than calls that keep coming are told ten times a second, each time the newest.
    heard.length = 0;
    const started = performance.now();
    for (let n = 0; n < 100; n++) {
      bob.warn(`flood ${n}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsed = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heard.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    expect(heard.at(-1)).toBe(bob.state);
    expect(heard.at(-1)!.notices.some((notice) => notice.text === 'flood 99')).toBe(true);

    heard.length = 0;
    const result = bob.command({ type: 'setDnd', enabled: true }).then((answer) => ({ answer, heardBefore: heard.map((state) => state.dnd) }));
    expect(await result).toEqual({ answer: { ok: true }, heardBefore: [true] });
  });

  it('tells a renderer that someone joined a group call before it passes on their media signal', async () => {
    const alice = await phone({ dataDir: dataDir(), userID: 'alice' });
    const bob = await phone({ dataDir: dataDir(), hubUrl: alice.hubUrl, userID: 'bob' });
    const carol = await phone({ dataDir: dataDir(), hubUrl: alice.hubUrl, userID: 'carol' });
    for (const user of [alice, bob, carol]) await waitForState(user, (state) => state.connection.status === 'online');
    expect(await alice.command({ type: 'dialGroup', userIDs: ['bob', 'carol'] })).toEqual({ ok: true });
    const atCarol = await waitForState(carol, (state) => state.calls.length === 1);
    const callID = atCarol.calls[0]!.callID;
    await waitForState(bob, (state) => state.calls.length === 1);
    // What carol's renderer knows whenever a signal reaches it.
    let heardByCarol: AppState | null = null;
    carol.onState((state) => (heardByCarol = state));
    const bobJoinedWhenSignalled = new Promise<string | undefined>((resolve) =>
      carol.onMediaSignal((message) => {
        const from = 'peer' in message ? message.peer : '';
        resolve(heardByCarol?.calls[0]?.participants.find((person) => person.userID === from)?.state);
      }),
    );
    expect(await carol.command({ type: 'accept', callID })).toEqual({ ok: true });
    // bob joins right after (within carol's last state's 100 ms) and offers to carol at once.
    expect(await bob.command({ type: 'accept', callID })).toEqual({ ok: true });
    const offer = { description: { type: 'offer', sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n' } };
    bob.sendMediaSignal({ callID, peer: 'carol', signal: offer });
    expect(await bobJoinedWhenSignalled).toBe('joined');
  });

  it('answers bad commands with a clear error and changes nothing', async () => {
    const bob = await phone({ dataDir: dataDir(), userID: 'bob' });
    const before = bob.state;
    expect(await bob.command({ type: 'setLimits', incoming: 99 })).toEqual({
      ok: false,
      error: 'Incoming limit: a limit must be between 1 and 20',
    });
    expect(await bob.command({ type: 'accept', callID: '42' })).toEqual({
      ok: false,
      error: 'Cannot accept call 42: there is no such call',
    });
    expect(await bob.command({ type: 'signIn', userID: 'eve' })).toEqual({
      ok: false,
      error: 'Already signed in as bob; sign out first',
    });
    expect(bob.state).toBe(before);
  });

  it('signs in to a hub with the token given in SWITCHBOARD_HUB_TOKEN, as its user only, without the hub secret', async () => {
    const hubSecret = 'the-lan-hub-secret-0123456789';
    const hub = await startHub({ secret: hubSecret });
    try {
      const token = mintToken(hubSecret, 'alice', Date.now(), 3600);
      // This machine has a secret of its own, which the hub does not know.
      const alice = await phone({ env: { ...env, SWITCHBOARD_HUB_TOKEN: token }, dataDir: dataDir(), hubUrl: hub.url, userID: 'alice' });
      await waitForState(alice, (state) => state.connection.status === 'online');
      await alice.command({ type: 'signOut' });
      expect(await alice.command({ type: 'signIn', userID: 'bob' })).toEqual({
        ok: false,
        error: 'SWITCHBOARD_HUB_TOKEN signs in alice only, not bob',
      });
      await expect(createSoftphone({ env: { ...env, SWITCHBOARD_HUB_TOKEN: 'not-a-token' }, dataDir: dataDir(), hubUrl: hub.url })).rejects.toThrow(
        'SWITCHBOARD_HUB_TOKEN is not a hub token (expected v1.<payload>.<signature>, as npm run hub -- --mint-token USER prints)',
      );
      await expect(createSoftphone({ env: { ...env, SWITCHBOARD_HUB_TOKEN: token }, dataDir: dataDir() })).rejects.toThrow(
        'SWITCHBOARD_HUB_TOKEN is for a hub given with --hub (or SWITCHBOARD_HUB_URL): this softphone would start its own',
      );
    } finally {
      await hub.close();
    }
  });

  it('applies limits and do-not-disturb at run time', async () => {
    const bob = await phone({ dataDir: dataDir(), userID: 'bob' });
    expect(await bob.command({ type: 'setLimits', incoming: 5 })).toEqual({ ok: true });
    expect(await bob.command({ type: 'setDnd', enabled: true })).toEqual({ ok: true });
    expect(bob.state).toMatchObject({ limits: { incoming: 5, outgoing: 1 }, dnd: true });
    const alice = await phone({ dataDir: dataDir(), hubUrl: bob.hubUrl, userID: 'alice' });
    await waitForState(alice, (state) => state.connection.status === 'online');
    await waitForState(bob, (state) => state.connection.status === 'online');
    await alice.command({ type: 'dial', userID: 'bob' });
    const told = await waitForState(alice, (state) => state.notices.length > 0);
    expect(told.notices[0]).toMatchObject({ kind: 'busy', text: 'bob is busy — do not disturb' });
    expect(told.calls).toEqual([]);
    expect(await alice.command({ type: 'dismissNotice', id: told.notices[0]!.id })).toEqual({ ok: true });
    expect(alice.state.notices).toEqual([]);
  });

  it('leaves a call ringing at it when it is disposed to ring on, and its caller hears at once that the callee went offline', async () => {
    const alice = await phone({ dataDir: dataDir(), userID: 'alice' });
    const bobData = dataDir();
    const historyPath = join(bobData, 'history.sqlite');
    const bob = await createSoftphone({ env, dataDir: bobData, historyPath, hubUrl: alice.hubUrl, userID: 'bob' });
    await waitForState(bob, (state) => state.connection.status === 'online');
    await waitForState(alice, (state) => state.connection.status === 'online');
    await alice.command({ type: 'dial', userID: 'bob' });
    await waitForState(bob, (state) => state.calls.length === 1);
    await bob.dispose();
    const told = await waitForState(alice, (state) => state.notices.some((notice) => notice.text.startsWith('bob is offline')));
    expect(told.calls).toMatchObject([{ peer: 'bob', phase: 'calling' }]);
    // Back within the call's timeout, bob hears it ring again; the first run kept it as missed.
    const again = await createSoftphone({ env, dataDir: bobData, historyPath, hubUrl: alice.hubUrl, userID: 'bob' });
    try {
      const ringing = await waitForState(again, (state) => state.calls.length === 1);
      expect(ringing.calls[0]).toMatchObject({ peer: 'alice', phase: 'ringing' });
      const logged = await waitForState(again, (state) => state.history.length > 0);
      expect(logged.history[0]).toMatchObject({ peer: 'alice', outcome: 'missed', detail: 'missed: you signed out' });
    } finally {
      await again.dispose();
    }
  });

  it('says in place of a call to someone signed out that they are offline', async () => {
    const alice = await phone({ dataDir: dataDir(), userID: 'alice', callTimeoutS: 1 });
    const bob = await createSoftphone({ env, dataDir: dataDir(), hubUrl: alice.hubUrl, userID: 'bob' });
    await waitForState(bob, (state) => state.connection.status === 'online');
    await waitForState(alice, (state) => state.connection.status === 'online');
    // A first call, cancelled, puts bob in alice's People; then he signs out.
    await alice.command({ type: 'dial', userID: 'bob' });
    await waitForState(bob, (state) => state.calls.length === 1);
    const calling = await waitForState(alice, (state) => state.calls[0]?.phase === 'calling');
    await alice.command({ type: 'cancel', callID: calling.calls[0]!.callID });
    await waitForState(alice, (state) => state.people.some((person) => person.userID === 'bob'));
    await bob.dispose();
    await waitForState(alice, (state) => state.people.some((person) => person.userID === 'bob' && person.presence === 'offline'));

    await alice.command({ type: 'dial', userID: 'bob' });
    const ended = await waitForState(alice, (state) => state.calls.length === 0 && state.history.length === 2);
    expect(ended.outcomes.at(-1)).toMatchObject({ peer: 'bob', text: 'bob is offline' });
    expect(ended.history[0]).toMatchObject({ peer: 'bob', outcome: 'no-answer' });
  });

  it('ends its calls on dispose, so the peer sees an end rather than a timeout', async () => {
    const bob = await phone({ dataDir: dataDir(), userID: 'bob' });
    const alice = await createSoftphone({ env, dataDir: dataDir(), hubUrl: bob.hubUrl, userID: 'alice' });
    await waitForState(alice, (state) => state.connection.status === 'online');
    await waitForState(bob, (state) => state.connection.status === 'online');
    await alice.command({ type: 'dial', userID: 'bob' });
    const ringing = await waitForState(bob, (state) => state.calls.length === 1);
    await bob.command({ type: 'accept', callID: ringing.calls[0]!.callID });
    await waitForState(alice, (state) => state.calls[0]?.phase === 'connected');
    await alice.dispose();
    const after = await waitForState(bob, (state) => state.calls.length === 0);
    expect(after.history[0]).toMatchObject({ peer: 'alice', outcome: 'answered', detail: expect.stringMatching(/^alice hung up/) });
  });

  it('keeps the global shortcuts it was given, and refuses them where there are none', async () => {
    const shortcuts = { accept: 'CommandOrControl+Shift+A', decline: 'CommandOrControl+Shift+D' };
    const desktop = await phone({ dataDir: dataDir(), shortcuts });
    expect(desktop.state.shortcuts).toEqual(shortcuts);
    expect(await desktop.command({ type: 'setShortcuts', accept: 'Alt+F9', decline: null })).toEqual({ ok: true });
    expect(desktop.state.shortcuts).toEqual({ accept: 'Alt+F9', decline: null });
    expect(await desktop.command({ type: 'setShortcuts', accept: 'A', decline: null })).toEqual({
      ok: false,
      error: 'Accept shortcut: "A" would take a key that is typed in every other application; add Ctrl, Alt or Command',
    });

    expect(await desktop.command({ type: 'setShortcuts', accept: 'Alt+Ctrl+F9', decline: 'control+alt+f9' })).toEqual({
      ok: false,
      error: 'Decline shortcut: accept and decline must be different shortcuts',
    });

    const browser = await phone({ dataDir: dataDir() });
    expect(browser.state.shortcuts).toBeNull();
    expect(await browser.command({ type: 'setShortcuts', accept: 'Alt+F9', decline: null })).toEqual({
      ok: false,
      error: 'Global shortcuts exist only in the desktop app',
    });
  });

  it('shows a warning the app goes on with as a notice the user can dismiss', async () => {
    const bob = await phone({ dataDir: dataDir(), userID: 'bob' });
    await bob.command({ type: 'setDnd', enabled: true });
    const softphone = await phone({ dataDir: dataDir(), hubUrl: bob.hubUrl, userID: 'alice' });
    await waitForState(softphone, (state) => state.connection.status === 'online');
    await waitForState(bob, (state) => state.connection.status === 'online');
    softphone.warn('settings.json was damaged');
    const [notice] = softphone.state.notices;
    expect(notice).toMatchObject({ kind: 'warning', text: 'settings.json was damaged' });
    // Busy notices come and go; the same one is shown once however often it is told; the warnings stay.
    softphone.warn('the shortcut Alt+F9 is taken');
    softphone.warn('the shortcut Alt+F9 is taken');
    for (let i = 1; i <= 8; i++) {
      await softphone.command({ type: 'dial', userID: 'bob' });
      await waitForState(softphone, (state) => state.calls.length === 0 && state.history.length === i);
    }
    expect(softphone.state.notices.map((item) => item.kind)).toEqual(['warning', 'warning', 'busy']);
    expect(softphone.state.notices.filter((item) => item.kind === 'warning').map((item) => item.text)).toEqual([
      'settings.json was damaged',
      'the shortcut Alt+F9 is taken',
    ]);
    expect(await softphone.command({ type: 'dismissNotice', id: notice!.id })).toEqual({ ok: true });
    expect(softphone.state.notices.map((item) => item.text)).not.toContain('settings.json was damaged');
  });
});
