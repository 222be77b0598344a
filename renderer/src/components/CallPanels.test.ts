import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCall, makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { accessibleName, getByRole, queryAllByRole } from '../testing/roles.js';
import CallConnectedPanel from './CallConnectedPanel.vue';
import CallOutgoingPanel from './CallOutgoingPanel.vue';
import CallParticipantList from './CallParticipantList.vue';

enableAutoUnmount(afterEach);

beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => vi.useRealTimers());

describe('CallOutgoingPanel', () => {
  const call = makeCall({ callID: 'c1', peer: 'bob', phase: 'calling', since: NOW - 2000, expiresAt: NOW + 58_000 });

  it('is a region named "Calling <user>" that says so and counts down', () => {
    const { root } = mountWithStore(CallOutgoingPanel, makeState({ calls: [call] }), { call });
    const region = getByRole(root, 'region', 'Calling bob');
    expect(region.textContent).toContain('Calling bob…');
    expect(region.textContent).toContain('times out in 58 s');
  });

  it('cancels its call, and shows a refusal inside the region', async () => {
    const { root, bridge } = mountWithStore(CallOutgoingPanel, makeState({ calls: [call] }), { call });
    bridge.reply = () => ({ ok: false, error: 'call c1 already ended' });
    const region = getByRole(root, 'region', 'Calling bob');
    getByRole(region, 'button', 'Cancel').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'cancel', callID: 'c1' }]);
    expect(getByRole(region, 'alert').textContent).toBe('call c1 already ended');
  });
});

describe('CallConnectedPanel', () => {
  const call = makeCall({ callID: 'c2', peer: 'carol', phase: 'connected', since: NOW - 65_000 });

  it('tells ben from boss at a glance: each call’s avatar has the initials People shows', () => {
    const ben = makeCall({ callID: 'c-ben', peer: 'ben', phase: 'connected' });
    const boss = makeCall({ callID: 'c-boss', peer: 'boss', phase: 'connected' });
    const avatars = [ben, boss].map((one) => mountWithStore(CallConnectedPanel, makeState({ calls: [ben, boss] }), { call: one }).root.querySelector('.avatar')?.textContent);
    expect(avatars).toEqual(['BE', 'BO']);
    const group = makeCall({ callID: 'c-group', peer: 'bob, carol', phase: 'connected' });
    expect(mountWithStore(CallConnectedPanel, makeState({ calls: [group] }), { call: group }).root.querySelector('.avatar')?.textContent).toBe('BC');
  });

  it('held by someone: says who; says "Waiting", and for how long, only once the core says nobody is left to talk to', async () => {
    const heldByBob = {
      ...call,
      participants: [{ userID: 'bob', state: 'joined' as const }, { userID: 'dave', state: 'joined' as const }],
      media: { ...call.media, heldBy: ['bob'] },
    };
    const group = mountWithStore(CallConnectedPanel, makeState({ calls: [heldByBob] }), { call: heldByBob });
    const groupRegion = getByRole(group.root, 'region', 'Call with carol');
    expect(groupRegion.querySelector('.badge')!.textContent).toBe('Live');
    expect(groupRegion.textContent).toContain('bob put you on hold');
    // Held by both: nobody is left to talk to, and the core says since when (the last hold).
    const byBoth = { ...heldByBob, media: { ...call.media, heldBy: ['bob', 'dave'], waitingSince: NOW - 42_000 } };
    const both = getByRole(mountWithStore(CallConnectedPanel, makeState({ calls: [byBoth] }), { call: byBoth }).root, 'region', 'Call with carol');
    expect(both.querySelector('.badge')!.textContent).toBe('Waiting 0:42');
    expect(both.querySelector('.timing')!.textContent).toMatch(/0:42.*·.*call 1:05$/);
    // Waiting is not this user's doing: never the red of a caller forgotten on hold.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(both.querySelector('.badge')!.textContent).toBe('Waiting 1:12');
    expect(both.querySelector('.badge')!.classList.contains('long')).toBe(false);
  });

  it('on hold, says first how long the caller has waited on hold, then how long the call has lasted', async () => {
    const held = { ...call, media: { ...call.media, held: true, heldSince: NOW - 12_000 } };
    const { root } = mountWithStore(CallConnectedPanel, makeState({ calls: [held] }), { call: held });
    const region = getByRole(root, 'region', 'Call with carol');
    expect(region.querySelector('.badge')!.textContent).toBe('On hold 0:12');
    expect(region.querySelector('.timing')!.textContent).toMatch(/0:12.*·.*call 1:05$/);
    await vi.advanceTimersByTimeAsync(3000);
    expect(region.querySelector('.badge')!.textContent).toBe('On hold 0:15');
    // Past a minute, the badge turns red: the caller has waited long.
    expect(region.querySelector('.badge')!.classList.contains('long')).toBe(false);
    await vi.advanceTimersByTimeAsync(45_000);
    expect(region.querySelector('.badge')!.textContent).toBe('On hold 1:00');
    expect(region.querySelector('.badge')!.classList.contains('long')).toBe(true);
  });

  it('kept through a lost connection: says so, and holds back what the others must hear of, by what the call is', async () => {
    const live = { ...call, canAddPeople: true, reconnecting: true };
    const { root } = mountWithStore(CallConnectedPanel, makeState({ calls: [live] }), { call: live });
    const region = getByRole(root, 'region', 'Call with carol');
    expect(region.textContent).toContain('The call goes on while Switchboard reconnects; Hold and Add someone wait for it');
    for (const name of ['Hold', 'Add someone']) {
      const button = getByRole(region, 'button', name) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toContain('reconnects');
    }
    expect((getByRole(region, 'button', 'Mute') as HTMLButtonElement).disabled).toBe(false);
    // A group call's Add box: the name can be typed, the adding waits.
    const group = { ...live, group: true, participants: [{ userID: 'carol', state: 'joined' as const }, { userID: 'dave', state: 'joined' as const }] };
    const groupPanel = mountWithStore(CallConnectedPanel, makeState({ calls: [group] }), { call: group });
    const box = getByRole(groupPanel.root, 'textbox', 'Add to call') as HTMLInputElement;
    box.value = 'erin';
    box.dispatchEvent(new Event('input'));
    await flushPromises();
    expect((getByRole(groupPanel.root, 'button', 'Add') as HTMLButtonElement).disabled).toBe(true);
    expect((getByRole(region, 'button', 'Hang up') as HTMLButtonElement).disabled).toBe(false);

    const held = { ...call, canAddPeople: false, reconnecting: true, media: { ...call.media, held: true } };
    const heldPanel = mountWithStore(CallConnectedPanel, makeState({ calls: [held] }), { call: held });
    const heldRegion = getByRole(heldPanel.root, 'region', 'Call with carol');
    expect(heldRegion.textContent).toContain('The call stays on hold while Switchboard reconnects; Resume waits for it');
    expect((getByRole(heldRegion, 'button', 'Resume') as HTMLButtonElement).disabled).toBe(true);
  });

  it('is a region named "Call with <user>" with a running timer', async () => {
    const { root } = mountWithStore(CallConnectedPanel, makeState({ calls: [call] }), { call });
    const region = getByRole(root, 'region', 'Call with carol');
    expect(region.textContent).toContain('1:05');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(region.textContent).toContain('1:15');
  });

  it('hangs up its call', () => {
    const { root, bridge } = mountWithStore(CallConnectedPanel, makeState({ calls: [call] }), { call });
    getByRole(getByRole(root, 'region', 'Call with carol'), 'button', 'Hang up').click();
    expect(bridge.sent).toEqual([{ type: 'hangUp', callID: 'c2' }]);
  });
});

/** Each person in the region's participant list, as read out: "carol — busy". */
function participantsIn(region: Element): string[] {
  return queryAllByRole(getByRole(region, 'list', 'People in this call'), 'listitem').map((item) => accessibleName(item));
}

async function typeInto(box: HTMLInputElement, value: string): Promise<void> {
  box.value = value;
  box.dispatchEvent(new Event('input'));
  await flushPromises();
}

describe('CallParticipantList', () => {
  it('says each state in words', () => {
    const participants = (['ringing', 'joined', 'declined', 'busy', 'timed-out', 'left', 'cancelled'] as const).map((state, i) => ({
      userID: `u${i}`,
      state,
    }));
    const { root } = mountWithStore(CallParticipantList, makeState(), { participants });
    expect(queryAllByRole(root, 'listitem').map((item) => accessibleName(item))).toEqual([
      'u0 — ringing',
      'u1 — joined',
      'u2 — declined',
      'u3 — busy',
      "u4 — didn't answer",
      'u5 — left',
      'u6 — cancelled',
    ]);
  });
});

describe('CallOutgoingPanel, group call', () => {
  const call = makeCall({
    callID: 'g1',
    peer: 'bob, carol, dave',
    phase: 'calling',
    group: true,
    participants: [
      { userID: 'bob', state: 'ringing' },
      { userID: 'carol', state: 'busy' },
      { userID: 'dave', state: 'timed-out' },
    ],
  });

  it('keeps the name "Calling <callees>" and lists each invitee with their state', () => {
    const { root, bridge } = mountWithStore(CallOutgoingPanel, makeState({ calls: [call] }), { call });
    const region = getByRole(root, 'region', 'Calling bob, carol, dave');
    expect(participantsIn(region)).toEqual(['bob — ringing', 'carol — busy', "dave — didn't answer"]);
    getByRole(region, 'button', 'Cancel').click();
    expect(bridge.sent).toEqual([{ type: 'cancel', callID: 'g1' }]);
  });

  it('shows no participant list for a 1v1 call', () => {
    const single = makeCall({ callID: 'c1', peer: 'bob', phase: 'calling' });
    const { root } = mountWithStore(CallOutgoingPanel, makeState({ calls: [single] }), { call: single });
    expect(queryAllByRole(root, 'list')).toHaveLength(0);
  });
});

describe('CallConnectedPanel, group call', () => {
  const call = makeCall({
    callID: 'g2',
    peer: 'bob, carol, dave',
    phase: 'connected',
    group: true,
    participants: [
      { userID: 'bob', state: 'joined' },
      { userID: 'carol', state: 'busy' },
      { userID: 'dave', state: 'joined' },
      { userID: 'erin', state: 'ringing' },
    ],
  });
  const mountGroup = () => {
    const mounted = mountWithStore(CallConnectedPanel, makeState({ calls: [call] }), { call });
    return { ...mounted, region: getByRole(mounted.root, 'region', 'Call with bob, carol, dave') };
  };

  it('lists everyone with their state', () => {
    const { region } = mountGroup();
    expect(participantsIn(region)).toEqual(['bob — joined', 'carol — busy', 'dave — joined', 'erin — ringing']);
  });

  it('offers "Leave" and "End for everyone" instead of "Hang up" when the call can be left, Leave where Hang up was', () => {
    const { region, bridge } = mountGroup();
    expect(queryAllByRole(region, 'button', 'Hang up')).toHaveLength(0);
    expect(queryAllByRole(region, 'button').map((button) => accessibleName(button)).slice(-3)).toEqual(['End for everyone', 'Leave', 'Add']);
    getByRole(region, 'button', 'Leave').click();
    getByRole(region, 'button', 'End for everyone').click();
    expect(bridge.sent).toEqual([
      { type: 'leave', callID: 'g2' },
      { type: 'hangUp', callID: 'g2' },
    ]);
  });

  it('keeps "Hang up" while the core says the call cannot be left (someone added still rings, or turned it down)', () => {
    for (const added of ['ringing', 'declined'] as const) {
      const pending = makeCall({
        callID: 'h1',
        peer: 'alice',
        phase: 'connected',
        group: true,
        canLeave: false,
        participants: [{ userID: 'alice', state: 'joined' }, { userID: 'carol', state: added }],
      });
      const { root, wrapper } = mountWithStore(CallConnectedPanel, makeState({ calls: [pending] }), { call: pending });
      const names = queryAllByRole(root, 'button').map((button) => accessibleName(button));
      expect(names).toContain('Hang up');
      expect(names).not.toContain('Leave');
      expect(names).not.toContain('End for everyone');
      wrapper.unmount();
    }
  });

  it('shows a refused leave inside the region', async () => {
    const { region, bridge } = mountGroup();
    bridge.reply = () => ({ ok: false, error: 'Cannot leave call g2: there is no such call' });
    getByRole(region, 'button', 'Leave').click();
    await flushPromises();
    expect(getByRole(region, 'alert').textContent).toBe('Cannot leave call g2: there is no such call');
  });

  it('adds someone with "Add to call", and clears the box once the core accepts', async () => {
    const { region, bridge } = mountGroup();
    const box = getByRole<HTMLInputElement>(region, 'textbox', 'Add to call');
    await typeInto(box, ' frank ');
    getByRole(region, 'button', 'Add').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'invite', callID: 'g2', userID: 'frank' }]);
    expect(box.value).toBe('');
  });

  it('shows a refused invite next to the "Add to call" box and keeps what was typed', async () => {
    const { region, bridge } = mountGroup();
    bridge.reply = () => ({ ok: false, error: 'bob is already in this call' });
    const box = getByRole<HTMLInputElement>(region, 'textbox', 'Add to call');
    await typeInto(box, 'bob');
    box.form?.requestSubmit();
    await flushPromises();
    const alert = getByRole(region, 'alert');
    expect(alert.textContent).toBe('bob is already in this call');
    expect(box.form?.contains(alert)).toBe(true);
    expect(box.getAttribute('aria-describedby')).toBe(alert.id);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.value).toBe('bob');
  });

  it('keeps a 1v1 call to "Hang up" beside Mute and Hold, without a participant list; "Add to call" only once asked for', () => {
    const single = makeCall({ callID: 'c3', peer: 'carol', phase: 'connected' });
    const { root } = mountWithStore(CallConnectedPanel, makeState({ calls: [single] }), { call: single });
    const region = getByRole(root, 'region', 'Call with carol');
    expect(queryAllByRole(region, 'button').map((button) => accessibleName(button))).toEqual(['Add someone', 'Mute', 'Hold', 'Hang up']);
    expect(queryAllByRole(region, 'list')).toHaveLength(0);
    expect(queryAllByRole(region, 'textbox')).toHaveLength(0);
  });

  it('opens "Add to call" on a 1v1 call with "Add someone", focused, with how to hand the call over', async () => {
    const single = makeCall({ callID: 'c3', peer: 'carol', phase: 'connected' });
    const { root, bridge } = mountWithStore(CallConnectedPanel, makeState({ calls: [single] }), { call: single });
    const region = getByRole(root, 'region', 'Call with carol');
    const toggle = getByRole(region, 'button', 'Add someone');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await flushPromises();
    const box = getByRole<HTMLInputElement>(region, 'textbox', 'Add to call');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(toggle.getAttribute('aria-controls') ?? '')?.contains(box)).toBe(true);
    expect(document.activeElement).toBe(box);
    expect(box.form?.textContent).toContain('then Leave once they have joined');
    await typeInto(box, 'dave');
    getByRole(region, 'button', 'Add').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'invite', callID: 'c3', userID: 'dave' }]);
    toggle.click();
    await flushPromises();
    expect(queryAllByRole(region, 'textbox')).toHaveLength(0);
  });

  it('suggests people as a name is typed in "Add to call", not those already in the call', async () => {
    const single = makeCall({ callID: 'c3', peer: 'carol', phase: 'connected' });
    const people = (['carol', 'cara', 'carl'] as const).map((userID) => ({ userID, presence: 'available' as const, lines: null }));
    const { root, bridge } = mountWithStore(CallConnectedPanel, makeState({ calls: [single], people }), { call: single });
    getByRole(root, 'button', 'Add someone').click();
    await flushPromises();
    const box = getByRole<HTMLInputElement>(root, 'textbox', 'Add to call');
    await typeInto(box, 'car');
    const suggested = queryAllByRole(getByRole(root, 'list', 'Suggestions'), 'button').map((button) => button.textContent?.replace(/\s+/g, ' ').trim());
    expect(suggested).toEqual(['cara, available', 'carl, available']);
    getByRole(root, 'button', 'carl, available').click();
    await flushPromises();
    expect(box.value).toBe('carl');
    expect(document.activeElement).toBe(box);
    getByRole(root, 'button', 'Add').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'invite', callID: 'c3', userID: 'carl' }]);
  });

  it('asks before adding someone known to be offline, as the Call box does', async () => {
    const single = makeCall({ callID: 'c3', peer: 'carol', phase: 'connected' });
    const state = makeState({ calls: [single], people: [{ userID: 'ghost', presence: 'offline', lines: null }] });
    const { root, bridge } = mountWithStore(CallConnectedPanel, state, { call: single });
    getByRole(root, 'button', 'Add someone').click();
    await flushPromises();
    await typeInto(getByRole<HTMLInputElement>(root, 'textbox', 'Add to call'), 'ghost');
    getByRole(root, 'button', 'Add').click();
    await flushPromises();
    expect(bridge.sent).toEqual([]);
    expect(getByRole(root, 'alert').textContent).toContain('ghost is offline — add anyway?');
    getByRole(root, 'button', 'Add anyway').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'invite', callID: 'c3', userID: 'ghost' }]);
  });

  it('closes the box opened with "Add someone" on Esc, back to that button, and sends no empty name', async () => {
    const single = makeCall({ callID: 'c3', peer: 'carol', phase: 'connected' });
    const { root, bridge } = mountWithStore(CallConnectedPanel, makeState({ calls: [single] }), { call: single });
    const toggle = getByRole(root, 'button', 'Add someone');
    toggle.click();
    await flushPromises();
    expect(getByRole<HTMLButtonElement>(root, 'button', 'Add').disabled).toBe(true);
    const box = getByRole<HTMLInputElement>(root, 'textbox', 'Add to call');
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(queryAllByRole(root, 'textbox')).toHaveLength(0);
    expect(document.activeElement).toBe(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(bridge.sent).toEqual([]);
  });

  it('keeps the same "Add to call" box, and its focus, as the call turns into a group call', async () => {
    const single = makeCall({ callID: 'c3', peer: 'carol', phase: 'connected' });
    const { root, wrapper } = mountWithStore(CallConnectedPanel, makeState({ calls: [single] }), { call: single });
    getByRole(root, 'button', 'Add someone').click();
    await flushPromises();
    const box = getByRole<HTMLInputElement>(root, 'textbox', 'Add to call');
    await wrapper.setProps({
      call: { ...single, group: true, participants: [{ userID: 'carol', state: 'joined' }, { userID: 'dave', state: 'ringing' }] },
    });
    expect(getByRole(root, 'textbox', 'Add to call')).toBe(box);
    expect(document.activeElement).toBe(box);
    // dave still rings: how to hand the call over stays said, until he has joined.
    expect(box.form?.textContent).toContain('hand the call over');
    expect(queryAllByRole(root, 'button').map((button) => accessibleName(button))).not.toContain('Add someone');
    await wrapper.setProps({
      call: { ...single, group: true, canLeave: true, participants: [{ userID: 'carol', state: 'joined' }, { userID: 'dave', state: 'joined' }] },
    });
    expect(box.form?.textContent).not.toContain('hand the call over');
  });

  it('says nothing of handing over in a call placed to several people', () => {
    const group = makeCall({
      callID: 'g9',
      peer: 'bob, carol',
      phase: 'connected',
      group: true,
      participants: [{ userID: 'bob', state: 'joined' }, { userID: 'carol', state: 'ringing' }],
    });
    const { root } = mountWithStore(CallConnectedPanel, makeState({ calls: [group] }), { call: group });
    expect(getByRole<HTMLInputElement>(root, 'textbox', 'Add to call').form?.textContent).not.toContain('hand the call over');
  });

  it('offers no adding on a call that cannot take more people (a call kit\'s, or general mode)', () => {
    const single = makeCall({ callID: 'c5', peer: 'kim', phase: 'connected', canAddPeople: false });
    const group = makeCall({ callID: 'g5', peer: 'kim, lee', phase: 'connected', group: true, canAddPeople: false });
    const { root } = mountWithStore(CallConnectedPanel, makeState({ calls: [single, group] }), { call: single });
    expect(queryAllByRole(root, 'button').map((button) => accessibleName(button))).toEqual(['Mute', 'Hold', 'Hang up']);
    const other = mountWithStore(CallConnectedPanel, makeState({ calls: [single, group] }), { call: group });
    expect(queryAllByRole(other.root, 'textbox')).toHaveLength(0);
    expect(queryAllByRole(other.root, 'list')).toHaveLength(1);
  });
});

describe('CallConnectedPanel, hold and mute', () => {
  const names = (region: HTMLElement): string[] => queryAllByRole(region, 'button').map((button) => accessibleName(button));

  it('sends Mute, Hold and Resume for its own call', async () => {
    const live = makeCall({ callID: 'c4', peer: 'bob', phase: 'connected' });
    const { root, bridge } = mountWithStore(CallConnectedPanel, makeState({ calls: [live] }), { call: live });
    const region = getByRole(root, 'region', 'Call with bob');
    getByRole(region, 'button', 'Mute').click();
    getByRole(region, 'button', 'Hold').click();
    await flushPromises();
    expect(bridge.sent).toEqual([
      { type: 'setMuted', callID: 'c4', muted: true },
      { type: 'hold', callID: 'c4' },
    ]);
  });

  it('shows a held call as "On hold" with Resume, and a muted one with Unmute', async () => {
    const held = makeCall({ callID: 'c5', peer: 'bob', phase: 'connected', media: { held: true, muted: true, heldBy: [] } });
    const { root, bridge } = mountWithStore(CallConnectedPanel, makeState({ calls: [held] }), { call: held });
    const region = getByRole(root, 'region', 'Call with bob');
    expect(region.textContent).toContain('On hold');
    expect(names(region)).toEqual(['Add someone', 'Unmute', 'Resume', 'Hang up']);
    getByRole(region, 'button', 'Resume').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'resume', callID: 'c5' }]);
  });

  it('says who put this user on hold', () => {
    const heldBy = makeCall({ callID: 'c6', peer: 'bob', phase: 'connected', media: { held: false, muted: false, heldBy: ['bob'] } });
    const { root } = mountWithStore(CallConnectedPanel, makeState({ calls: [heldBy] }), { call: heldBy });
    expect(getByRole(root, 'region', 'Call with bob').textContent).toContain('bob put you on hold');
  });
});
