/**
 * Filling someone's lines on purpose, and probing who exists: one invitation per caller at a
 * callee, a wait after a decline, the block list (blocked callers are turned away as busy), one
 * user per case-folded ID, and unknown invitees that look offline. The registry runs on the fake
 * clock; the last test is the attack over real sockets.
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../shared/calls/enums.js';
import { decodeReason } from '../../../shared/calls/busy.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { MAX_BLACKLIST } from '../../../shared/protocol/hub.js';
import { TestHub } from './testkit.js';
import { testHubs, WireClient } from './wireClient.js';

const SECRET = 'line-filling-secret-0123456789';

describe('line-filling limits', () => {
  it('lets a caller ring a callee with one invitation at a time', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    hub.register('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    expect(alice.fails('callInvite', { invitees: ['bob'], config: {} })).toEqual({
      code: ZimErrorCode.CallServerError,
      message: 'callInvite: nobody to invite: alice already has an invitation ringing at bob; wait for an answer or cancel',
    });
    // In a list, bob is reported and the others are invited.
    const both = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: {} });
    expect(both.errorUserList).toEqual([{ userID: 'bob', reason: ZimErrorCode.CallServerError }]);
    // Once bob answers, alice may ring him again.
    bob.ok('callAccept', { callID, config: {} });
    alice.ok('callInvite', { invitees: ['bob'], config: {} });
    // Others are not held back by alice's invitation.
    hub.login('dave').ok('callInvite', { invitees: ['bob'], config: {} });
  });

  it('holds back a caller just declined, twice as long after each decline in a row', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const decline = (): void => {
      const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: {} });
      bob.ok('callReject', { callID, config: {} });
    };
    decline();
    expect(alice.fails('callInvite', { invitees: ['bob'], config: {} })).toEqual({
      code: ZimErrorCode.FrequencyLimit,
      message: 'callInvite: nobody to invite: bob declined alice just now; invite them again in 5 s',
      // When, for a client to tell its user: the hub's own field, beside ZIM's code and message.
      retryAfterMs: 5_000,
    });
    hub.clock.advance(5_000);
    decline();
    hub.clock.advance(5_000);
    expect(alice.fails('callInvite', { invitees: ['bob'], config: {} })).toMatchObject({ message: expect.stringMatching(/invite them again in 5 s$/), retryAfterMs: 5_000 });
    // Several refused for a wait: the longest is when all of them may be rung.
    hub.clock.advance(4_000);
    const erin = hub.login('erin');
    erin.ok('callReject', { callID: alice.ok('callInvite', { invitees: ['erin'], config: {} }).callID, config: {} });
    expect(alice.fails('callInvite', { invitees: ['bob', 'erin'], config: {} }).retryAfterMs).toBe(5_000);
    expect(alice.fails('callInvite', { invitees: ['erin', 'bob'], config: {} }).retryAfterMs).toBe(5_000);
    // One refused for another reason: waiting would not be enough, so no wait is said.
    const mixed = alice.fails('callInvite', { invitees: ['erin', 'alice'], config: {} });
    expect(mixed.code).toBe(ZimErrorCode.FrequencyLimit);
    expect(mixed).not.toHaveProperty('retryAfterMs');
    hub.clock.advance(1_000);
    hub.clock.advance(5_000);
    // Accepted once, the count starts over.
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: {} });
    bob.ok('callAccept', { callID, config: {} });
    decline();
    expect(alice.fails('callInvite', { invitees: ['bob'], config: {} }).message).toMatch(/invite them again in 5 s$/);
    // Nobody else waits.
    hub.login('carol').ok('callInvite', { invitees: ['bob'], config: {} });
  });

  it('never makes a declined caller wait longer than the longest wait, though the clock is set back', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    bob.ok('callReject', { callID: alice.ok('callInvite', { invitees: ['bob'], config: {} }).callID, config: {} });
    hub.clock.advance(-2 * 3_600_000);
    expect(alice.fails('callInvite', { invitees: ['bob'], config: {} })).toMatchObject({ message: expect.stringMatching(/invite them again in 600 s$/), retryAfterMs: 600_000 });
    hub.clock.advance(600_000);
    alice.ok('callInvite', { invitees: ['bob'], config: {} });
  });
});

describe('the block list', () => {
  it('turns a blocked caller away as if busy, without the callee hearing of it, and lets others through', () => {
    const hub = new TestHub();
    const mallory = hub.login('mallory');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    expect(bob.ok('addUsersToBlacklist', { userIDs: ['mallory', 'mallory', 'bob'] }).errorUserList).toEqual([
      { userID: 'bob', reason: ZimErrorCode.CannotBlockSelf },
    ]);
    bob.clear();
    // 1v1 advanced: ended with the busy reason, as a softphone at its line limit ends it.
    const advanced = mallory.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    const [ended] = mallory.events('callInvitationEnded');
    expect(ended).toMatchObject({ callID: advanced.callID, operatedUserID: 'bob', extendedData: '{"reason":"busy"}' });
    expect(decodeReason(ended!.extendedData)).toEqual({ reason: 'busy', code: 'unknown' });
    // General: rejected with it.
    const general = mallory.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.General } });
    const [change] = mallory.events('callUserStateChanged').filter((event) => event.callID === general.callID);
    expect(change!.callUserList).toEqual([{ userID: 'bob', state: CallUserState.Rejected, extendedData: '{"reason":"busy"}' }]);
    for (const callID of [advanced.callID, general.callID]) {
      const call = mallory.ok('queryCallInvitationList', { config: { count: 2 } }).callList.find((entry) => entry.callID === callID);
      expect(call).toMatchObject({ callID, state: CallState.Ended });
    }
    expect(mallory.events('callInvitationRejected').map((event) => event.invitee)).toEqual(['bob']);
    expect(bob.frames).toEqual([]);
    // In a group call, only bob is turned away.
    const group = mallory.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.Advanced } });
    expect(carol.events('callInvitationReceived').map((event) => event.callID)).toEqual([group.callID]);
    expect(bob.frames).toEqual([]);
    // Carol reaches bob; unblocked, mallory does too.
    carol.ok('callInvite', { invitees: ['bob'], config: {} });
    expect(bob.events('callInvitationReceived')).toHaveLength(1);
    expect(bob.ok('removeUsersFromBlacklist', { userIDs: ['mallory', 'nobody'] }).errorUserList).toEqual([
      { userID: 'nobody', reason: ZimErrorCode.NotInBlacklist },
    ]);
    mallory.ok('callInvite', { invitees: ['bob'], config: {} });
    expect(bob.events('callInvitationReceived')).toHaveLength(2);
  });

  it('pages the list in the order users were added, and refuses more than the maximum', () => {
    const hub = new TestHub();
    const bob = hub.login('bob');
    bob.ok('addUsersToBlacklist', { userIDs: ['u1', 'u2', 'u3'] });
    const first = bob.ok('queryBlacklist', { config: { count: 2 } });
    expect(first).toEqual({ blacklist: [{ userID: 'u1' }, { userID: 'u2' }], nextFlag: 2 });
    expect(bob.ok('queryBlacklist', { config: { count: 2, nextFlag: first.nextFlag } })).toEqual({ blacklist: [{ userID: 'u3' }], nextFlag: 0 });
    for (let i = 0; i < MAX_BLACKLIST - 3; i += 100) {
      bob.ok('addUsersToBlacklist', { userIDs: Array.from({ length: Math.min(100, MAX_BLACKLIST - 3 - i) }, (_, j) => `x${i + j}`) });
    }
    expect(bob.fails('addUsersToBlacklist', { userIDs: ['one-more'] })).toEqual({
      code: ZimErrorCode.BlacklistFull,
      message: `addUsersToBlacklist: bob blocks ${MAX_BLACKLIST} users; 1 more would pass the limit of ${MAX_BLACKLIST}`,
    });
    expect(hub.connect().fails('queryBlacklist', { config: { count: 1 } }).code).toBe(ZimErrorCode.UserIsNotLogged);
  });
});

describe('who exists', () => {
  it('refuses a second user whose ID differs only in case', () => {
    const hub = new TestHub();
    hub.login('bob');
    const impostor = hub.connect();
    expect(impostor.fails('login', { userID: 'BOB', token: hub.token('BOB') })).toEqual({
      code: ZimErrorCode.UserIDError,
      message: 'login: BOB differs only in case from the user bob, who has signed in to this hub',
    });
    hub.login('bob');
  });

  it('rings an invitee who never signed in exactly as one who is offline, and forgets them when the call ends', () => {
    /** Everything a prober sees when inviting `userID` on a fresh hub where ollie signed in once, the name taken out. */
    const probe = (userID: string): { seen: unknown; usersLeft: number } => {
      const hub = new TestHub();
      const alice = hub.login('alice');
      hub.register('ollie');
      alice.send('callInvite', { invitees: [userID], config: { timeout: 5, enableNotReceivedCheck: true } });
      hub.clock.advance(6_000);
      alice.ok('queryCallInvitationList', { config: { count: 5 } });
      return { seen: JSON.parse(JSON.stringify(alice.frames).replaceAll(userID, 'X').replace(/"\d{20}"/g, '"ID"')), usersLeft: hub.registry.stats().users };
    };
    const ghost = probe('ghost');
    const ollie = probe('ollie');
    expect(ghost.seen).toEqual(ollie.seen);
    // ghost is forgotten once the call is over: both hubs hold alice and ollie alone.
    expect(ghost.usersLeft).toBe(2);
    expect(ollie.usersLeft).toBe(2);

    // One who signs in while still invited gets the invitation.
    const hub = new TestHub();
    const { callID } = hub.login('alice').ok('callInvite', { invitees: ['newcomer'], config: {} });
    const newcomer = hub.connect();
    newcomer.ok('login', { userID: 'newcomer', token: hub.token('newcomer') });
    expect(newcomer.events('callInvitationReceived').map((event) => event.callID)).toEqual([callID]);
  });
});

describe('line-filling over real sockets', () => {
  const hubs = testHubs(SECRET);

  it('limits a caller who keeps re-inviting a callee who declines, and turns them away once blocked', async () => {
    const hub = await hubs.start({ declineCooldownMs: 1_000 });
    const [mallory, bob] = await Promise.all(['mallory', 'bob'].map((userID) => WireClient.as(hub.url, userID, SECRET)));
    // Three invitations at once: one rings, two are refused.
    const tries = await Promise.all([1, 2, 3].map(() => mallory!.request('callInvite', { invitees: ['bob'], config: { timeout: 600 } })));
    expect(tries.filter((reply) => reply.result).length).toBe(1);
    expect(tries.filter((reply) => reply.error?.code === ZimErrorCode.CallServerError).length).toBe(2);
    // Bob declines; the re-invite at once is refused.
    const callID = tries.find((reply) => reply.result)!.result!.callID as string;
    await bob!.event('callInvitationReceived', callID);
    await bob!.ok('callReject', { callID, config: {} });
    expect((await mallory!.request('callInvite', { invitees: ['bob'], config: {} })).error?.code).toBe(ZimErrorCode.FrequencyLimit);
    // Blocked, mallory is turned away as busy and bob hears nothing more.
    await bob!.ok('addUsersToBlacklist', { userIDs: ['mallory'] });
    const heard = bob!.frames.length;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const blocked = await mallory!.ok('callInvite', { invitees: ['bob'], config: {} });
    const turnedAway = await mallory!.waitFor((frame) => frame.event === 'callUserStateChanged' && frame.data?.callID === blocked.callID);
    expect(turnedAway.data?.callUserList).toEqual([{ userID: 'bob', state: CallUserState.Rejected, extendedData: '{"reason":"busy"}' }]);
    expect(bob!.frames.length).toBe(heard);
    mallory!.close();
    bob!.close();
    await hubs.closeAll();
  }, 20_000);
});
