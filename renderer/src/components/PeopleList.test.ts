import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCall, makeState } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { accessibleName, getByRole, queryAllByRole } from '../testing/roles.js';
import PeopleList from './PeopleList.vue';

enableAutoUnmount(afterEach);

describe('PeopleList', () => {
  it('is a region "People" that says each person’s presence in words', () => {
    const { root } = mountWithStore(
      PeopleList,
      makeState({
        people: [
          { userID: 'ann.lee', presence: 'available', lines: { inUse: 0, limit: 3 } },
          { userID: 'bob', presence: 'busy', lines: { inUse: 2, limit: 3 } },
          { userID: 'carol', presence: 'dnd', lines: { inUse: 0, limit: 3 } },
          { userID: 'dave', presence: 'offline', lines: null },
          { userID: 'erin', presence: 'unknown', lines: null },
        ],
      }),
    );
    const region = getByRole(root, 'region', 'People');
    // What a screen reader reads of each row: the avatar's initials are hidden from it.
    const rows = [...region.querySelectorAll('li')].map((li) => {
      const copy = li.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"], button')) hidden.remove();
      return copy.textContent?.replace(/\s+/g, ' ').trim();
    });
    expect(rows).toEqual([
      'ann.lee, available',
      'bob, on 2 of 3 lines',
      'carol, do not disturb',
      'dave, offline',
      'erin, presence not known yet',
    ]);
    expect([...region.querySelectorAll('.avatar')].map((avatar) => avatar.textContent)).toEqual(['AL', 'BO', 'CA', 'DA', 'ER']);
    // The list scrolls past a few rows: it takes focus, so the keyboard can scroll it.
    expect(getByRole(region, 'list', 'People').tabIndex).toBe(0);
  });

  it('calls a person with one click, and offers no call to someone signed out', async () => {
    const { root, bridge } = mountWithStore(
      PeopleList,
      makeState({
        people: [
          { userID: 'bob', presence: 'busy', lines: { inUse: 2, limit: 3 } },
          { userID: 'dave', presence: 'offline', lines: null },
          { userID: 'erin', presence: 'unknown', lines: null },
        ],
      }),
    );
    const region = getByRole(root, 'region', 'People');
    expect(queryAllByRole(region, 'button').map((button) => accessibleName(button))).toEqual(['Call bob', 'Call erin']);
    getByRole(region, 'button', 'Call erin').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'dial', userID: 'erin' }]);
  });

  it('offers no Call for someone already in a call with this user', () => {
    const { root } = mountWithStore(
      PeopleList,
      makeState({
        people: [
          { userID: 'bob', presence: 'busy', lines: { inUse: 1, limit: 3 } },
          { userID: 'carol', presence: 'available', lines: { inUse: 0, limit: 3 } },
        ],
        calls: [
          makeCall({ callID: 'c1', peer: 'bob', phase: 'ringing' }),
          // carol was added to this call and declined it: she can be called.
          makeCall({ callID: 'c2', peer: 'dave', phase: 'connected', participants: [{ userID: 'dave', state: 'joined' }, { userID: 'carol', state: 'declined' }] }),
        ],
      }),
    );
    expect(queryAllByRole(root, 'button').map((button) => accessibleName(button))).toEqual(['Call carol']);
  });

  it('describes someone in a call with this user by that call, not by the lines it takes', () => {
    const { root } = mountWithStore(
      PeopleList,
      makeState({
        people: [
          { userID: 'ann', presence: 'busy', lines: { inUse: 1, limit: 3 } },
          { userID: 'bob', presence: 'busy', lines: { inUse: 2, limit: 3 } },
          { userID: 'carol', presence: 'busy', lines: { inUse: 2, limit: 3 } },
          { userID: 'dave', presence: 'dnd', lines: { inUse: 1, limit: 3 } },
          { userID: 'erin', presence: 'available', lines: { inUse: 0, limit: 3 } },
          { userID: 'fay', presence: 'busy', lines: { inUse: 1, limit: 3 } },
          { userID: 'gus', presence: 'busy', lines: { inUse: 1, limit: 3 } },
          { userID: 'hal', presence: 'busy', lines: { inUse: 1, limit: 3 } },
        ],
        calls: [
          makeCall({ callID: 'c1', peer: 'ann', phase: 'calling' }),
          // bob: one line is this call, the other someone else's.
          makeCall({ callID: 'c2', peer: 'bob', phase: 'connected' }),
          // carol calls while this user calls her: both her lines are calls with this user.
          // As the CallManager has it, the inviter of an invitation ringing here is in the call.
          makeCall({ callID: 'c3', peer: 'carol', phase: 'ringing', participants: [{ userID: 'carol', state: 'joined' }] }),
          makeCall({ callID: 'c3b', peer: 'carol', phase: 'calling' }),
          // erin's status has not caught up with the call yet.
          makeCall({ callID: 'c4', peer: 'dave, erin', phase: 'dialing', participants: [{ userID: 'dave', state: 'ringing' }, { userID: 'erin', state: 'ringing' }] }),
          // hal invites this user and fay to a group; fay is rung by hal, not by this user.
          makeCall({ callID: 'c5', peer: 'hal', phase: 'ringing', participants: [{ userID: 'hal', state: 'joined' }, { userID: 'fay', state: 'ringing' }] }),
          makeCall({ callID: 'c6', peer: 'ivy', phase: 'connected', participants: [{ userID: 'ivy', state: 'joined' }, { userID: 'gus', state: 'ringing' }] }),
        ],
      }),
    );
    expect([...root.querySelectorAll('li .presence')].map((presence) => presence.textContent)).toEqual([
      'your call is ringing',
      'in a call with you, and on 1 other line',
      'calling you',
      'your call is ringing, do not disturb',
      'your call is ringing',
      'on 1 of 3 lines',
      'ringing to join your call',
      'calling you',
    ]);
  });

  it('says "calling you" only of whoever invited this user, not of others who joined that invitation first', () => {
    const { root } = mountWithStore(
      PeopleList,
      makeState({
        people: [{ userID: 'gus', presence: 'busy', lines: { inUse: 1, limit: 3 } }],
        calls: [makeCall({ callID: 'c1', peer: 'hal', phase: 'ringing', participants: [{ userID: 'hal', state: 'joined' }, { userID: 'gus', state: 'joined' }] })],
      }),
    );
    expect(root.querySelector('li .presence')?.textContent).toBe('on 1 of 3 lines');
  });

  it('says how people get there while it is empty', () => {
    const { root } = mountWithStore(PeopleList, makeState());
    expect(getByRole(root, 'region', 'People').textContent).toContain('People you call, and who call you, appear here');
  });
});
