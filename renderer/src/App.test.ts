import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import App from './App.vue';
import { useSettingsDialog } from './composables/useSettingsDialog.js';
import { makeCall, makeState } from './testing/fixtures.js';
import { mountWithStore } from './testing/mountWithStore.js';
import { getByRole, queryAllByRole } from './testing/roles.js';

enableAutoUnmount(afterEach);

describe('App', () => {
  it('waits for the first snapshot, telling the user it is connecting', async () => {
    const { root, bridge } = mountWithStore(App, null);
    bridge.setLink({ kind: 'connecting' });
    await flushPromises();
    expect(queryAllByRole(root, 'textbox')).toHaveLength(0);
    expect(getByRole(root, 'status').textContent).toBe('Connecting to Switchboard…');
  });

  it('shows the sign-in screen while nobody is signed in, and signs in', async () => {
    const { root, bridge } = mountWithStore(App, makeState({ user: null, connection: { status: 'signed-out', hubUrl: 'ws://h', error: null, retryAt: null } }));
    const box = getByRole<HTMLInputElement>(root, 'textbox', 'User ID');
    box.value = 'alice';
    box.dispatchEvent(new Event('input'));
    await flushPromises();
    bridge.reply = () => ({ ok: false, error: 'Already signed in as alice; sign out first' });
    getByRole(root, 'button', 'Sign in').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'signIn', userID: 'alice' }]);
    expect(getByRole(root, 'alert').textContent).toBe('Already signed in as alice; sign out first');
    expect(queryAllByRole(root, 'textbox', 'Call user')).toHaveLength(0);
  });

  it('sign-in: the field has the focus, an empty or malformed ID is named before anything is sent, and a refusal for good is shown', async () => {
    const signedOut = { status: 'signed-out', hubUrl: 'ws://h', error: null, retryAt: null } as const;
    const { root, bridge } = mountWithStore(App, makeState({ user: null, connection: signedOut }));
    await flushPromises();
    const box = getByRole<HTMLInputElement>(root, 'textbox', 'User ID');
    expect(document.activeElement).toBe(box);
    getByRole(root, 'button', 'Sign in').click();
    await flushPromises();
    expect(getByRole(root, 'alert').textContent).toBe('Enter your user ID');
    box.value = 'bob smith';
    box.dispatchEvent(new Event('input'));
    getByRole(root, 'button', 'Sign in').click();
    await flushPromises();
    expect(getByRole(root, 'alert').textContent).toMatch(/is not a user name/);
    expect(bridge.sent).toEqual([]);

    const refused = 'the hub refused to sign in ALICE: login: ALICE differs only in case from the user alice, who has signed in to this hub';
    bridge.push(makeState({ version: 2, user: null, connection: { ...signedOut, error: refused } }));
    box.value = 'ALICE';
    box.dispatchEvent(new Event('input'));
    getByRole(root, 'button', 'Sign in').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'signIn', userID: 'ALICE' }]);
    expect(getByRole(root, 'alert').textContent).toBe(refused);
  });

  it('sign-in refused for good: the screen comes back with the refused ID in the field, focused and selected; a sign-out of their own leaves it empty', async () => {
    const refused = 'the hub refused to sign in ALICE: login: ALICE differs only in case from the user alice, who has signed in to this hub';
    const connecting = { status: 'connecting', hubUrl: 'ws://h', error: null, retryAt: null } as const;
    const { root, bridge } = mountWithStore(App, makeState({ user: 'ALICE', connection: connecting }));
    await flushPromises();
    expect(queryAllByRole(root, 'textbox', 'User ID')).toHaveLength(0);
    bridge.push(makeState({ version: 2, user: null, connection: { ...connecting, status: 'signed-out', error: refused } }));
    await flushPromises();
    const box = getByRole<HTMLInputElement>(root, 'textbox', 'User ID');
    expect(box.value).toBe('ALICE');
    expect(document.activeElement).toBe(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, 'ALICE'.length]);
    expect(getByRole(root, 'alert').textContent).toBe(refused);
    expect(box.getAttribute('aria-describedby')).toBe(getByRole(root, 'alert').id);

    // Corrected and signed in, then signed out by choice: nothing was refused, nothing is put back.
    box.value = 'alice';
    box.dispatchEvent(new Event('input'));
    getByRole(root, 'button', 'Sign in').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'signIn', userID: 'alice' }]);
    bridge.push(makeState({ version: 3, user: 'alice', connection: { ...connecting, status: 'online' } }));
    await flushPromises();
    bridge.push(makeState({ version: 4, user: null, connection: { ...connecting, status: 'signed-out' } }));
    await flushPromises();
    expect(getByRole<HTMLInputElement>(root, 'textbox', 'User ID').value).toBe('');
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
  });

  it('shows the workspace once signed in: user, line counter, dialer, calls, settings and history', () => {
    const { root } = mountWithStore(
      App,
      makeState({
        user: 'alice',
        dnd: true,
        limits: { incoming: 2, outgoing: 1 },
        calls: [
          makeCall({ callID: 'c1', peer: 'bob', phase: 'ringing' }),
          makeCall({ callID: 'c2', peer: 'carol', phase: 'dialing' }),
        ],
      }),
    );
    expect(getByRole(root, 'banner').textContent).toContain('Signed in as alice');
    expect(getByRole(root, 'banner').querySelector('.lines')?.textContent?.trim()).toBe('2 of 2 lines — new calls are turned away');
    expect(getByRole(root, 'banner').textContent).toContain('Do not disturb');
    getByRole(root, 'textbox', 'Call user');
    getByRole(root, 'dialog', 'Incoming call from bob');
    getByRole(root, 'region', 'Calling carol');
    getByRole(root, 'heading', 'History');
    getByRole(root, 'checkbox', 'Do not disturb');
    expect(queryAllByRole(root, 'textbox', 'User ID')).toHaveLength(0);
  });

  it('asks before Sign out ends calls (one being answered too), once however often Sign out is pressed; with only calls ringing, it signs out at once', async () => {
    const connected = makeCall({ callID: 'c1', peer: 'bob', phase: 'connected' });
    const { root, bridge } = mountWithStore(App, makeState({ user: 'alice', calls: [connected] }));
    getByRole(root, 'button', 'Sign out').click();
    getByRole(root, 'button', 'Sign out').click();
    await flushPromises();
    expect(bridge.sent).toEqual([]);
    expect(queryAllByRole(root, 'alert').map((alert) => alert.textContent)).toEqual([expect.stringContaining('Signing out ends your call.')]);
    expect(document.activeElement).toBe(getByRole(root, 'button', 'Stay signed in'));
    getByRole(root, 'button', 'Stay signed in').click();
    await flushPromises();
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
    expect(document.activeElement).toBe(getByRole(root, 'button', 'Sign out'));

    getByRole(root, 'button', 'Sign out').click();
    await flushPromises();
    getByRole(root, 'button', 'End call and sign out').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'signOut' }]);

    bridge.sent.length = 0;
    bridge.push(makeState({ version: 2, user: 'alice', calls: [makeCall({ callID: 'c2', peer: 'carol', phase: 'ringing', answering: true })] }));
    await flushPromises();
    getByRole(root, 'button', 'Sign out').click();
    await flushPromises();
    expect(bridge.sent).toEqual([]);
    getByRole(root, 'button', 'Stay signed in').click();

    bridge.push(makeState({ version: 3, user: 'alice', calls: [makeCall({ callID: 'c3', peer: 'dan', phase: 'ringing' })] }));
    await flushPromises();
    getByRole(root, 'button', 'Sign out').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'signOut' }]);
  });

  it('closes Settings when a call starts ringing, so its card can be answered', async () => {
    const { bridge } = mountWithStore(App, makeState({ user: 'alice' }));
    const settings = useSettingsDialog();
    settings.open.value = true;
    await flushPromises();
    bridge.push(makeState({ version: 2, user: 'alice', calls: [makeCall({ callID: 'c1', peer: 'bob', phase: 'ringing' })] }));
    await flushPromises();
    expect(settings.open.value).toBe(false);
  });

  it('never reads "2 of 1 lines": a limit lowered below the calls in progress says what it does now', () => {
    const calls = [makeCall({ callID: 'c1', peer: 'bob', phase: 'connected' }), makeCall({ callID: 'c2', peer: 'carol', phase: 'connected' })];
    const meter = (incoming: number) => {
      const { root } = mountWithStore(App, makeState({ limits: { incoming, outgoing: 1 }, calls }));
      return getByRole(root, 'banner').querySelector('.lines')?.textContent?.trim();
    };
    expect(meter(1)).toBe('2 in use · limit 1 — new calls are turned away');
    expect(meter(3)).toBe('2 of 3 lines');
  });

  it('shows the desktop app\'s version in the header, and none in browser mode', () => {
    const updates = { version: '0.1.0', autoCheck: true, status: 'idle' as const, available: null, detail: null };
    const desktop = mountWithStore(App, makeState({ updates }));
    expect(getByRole(desktop.root, 'heading', 'Switchboard 0.1.0').tagName).toBe('H1');
    const browser = mountWithStore(App, makeState());
    getByRole(browser.root, 'heading', 'Switchboard');
  });

  it('leaves "Do not disturb" out of the header while it is off', () => {
    const { root } = mountWithStore(App, makeState({ dnd: false }));
    expect(getByRole(root, 'banner').textContent).not.toContain('Do not disturb');
  });

  it('says when the link to Switchboard is lost, and when the page was refused', async () => {
    const { root, bridge } = mountWithStore(App, makeState());
    bridge.setLink({ kind: 'reconnecting' });
    await flushPromises();
    expect(queryAllByRole(root, 'status').map((status) => status.textContent)).toContain('Connection to Switchboard lost — reconnecting…');

    bridge.setLink({ kind: 'refused', message: 'Switchboard refused this page’s key.' });
    await flushPromises();
    expect(root.textContent).toContain('Switchboard refused this page’s key.');

    bridge.setLink({ kind: 'open' });
    await flushPromises();
    expect(root.textContent).not.toContain('Switchboard refused');
  });
});

describe('App, a call moving between the active call and "On hold"', () => {
  it('keeps its "Add someone" box open as Hold moves it to a panel of its own', async () => {
    const live = makeCall({ callID: 'c1', peer: 'bob', phase: 'connected' });
    const { root, bridge } = mountWithStore(App, makeState({ calls: [live] }));
    getByRole(getByRole(root, 'region', 'Call with bob'), 'button', 'Add someone').click();
    await flushPromises();
    getByRole(getByRole(root, 'region', 'Call with bob'), 'textbox', 'Add to call');

    const held = { ...live, media: { held: true, muted: false, heldBy: [] } };
    const other = makeCall({ callID: 'c2', peer: 'carol', phase: 'connected' });
    bridge.push(makeState({ version: 2, calls: [held, other] }));
    await flushPromises();
    const moved = getByRole(root, 'region', 'Call with bob');
    expect(moved.closest('[aria-label="On hold"]')).not.toBeNull();
    getByRole(moved, 'textbox', 'Add to call');
    // The box is the call's, not the page's: carol's call has none open.
    expect(queryAllByRole(getByRole(root, 'region', 'Call with carol'), 'textbox')).toHaveLength(0);
  });

  it('says so when every call is on hold and nobody is on the line', async () => {
    const heldCall = (callID: string, peer: string) => makeCall({ callID, peer, phase: 'connected', media: { held: true, muted: false, heldBy: [] } });
    const { root, bridge } = mountWithStore(App, makeState({ calls: [heldCall('c1', 'bob'), makeCall({ callID: 'c2', peer: 'carol', phase: 'connected' })] }));
    const onHold = getByRole(root, 'region', 'On hold');
    expect(onHold.textContent).not.toContain('Nobody is on the line with you');
    bridge.push(makeState({ version: 2, calls: [heldCall('c1', 'bob'), heldCall('c2', 'carol')] }));
    await flushPromises();
    expect(getByRole(root, 'region', 'On hold').textContent).toContain('Nobody is on the line with you: Resume a call to talk');
  });
});
