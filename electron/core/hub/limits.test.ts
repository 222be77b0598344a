import { afterEach, describe, expect, it } from 'vitest';
import { CallMode } from '../../../shared/calls/enums.js';
import { mintToken } from '../auth/token.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { CLOSE_POLICY_VIOLATION, DEFAULT_REQUEST_BURST, DEFAULT_REQUESTS_PER_SECOND, RequestGate } from './limits.js';
import { TestHub } from './testkit.js';
import { testHubs, WireClient } from './wireClient.js';

const SECRET = 'limits-test-secret-0123456789';

const hubs = testHubs(SECRET);
const hub = hubs.start;
afterEach(() => hubs.closeAll());

describe('RequestGate', () => {
  it('serves a burst, refuses beyond it, serves again at the sustained rate', () => {
    const gate = new RequestGate(10, 5, 0);
    expect(Array.from({ length: 7 }, () => gate.admit(0))).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'refuse', 'refuse']);
    // Two refused frames are two tokens of debt: 300 ms at 10/s repays them and earns one more.
    expect(gate.admit(300)).toBe('pass');
    expect(gate.admit(300)).toBe('refuse');
  });

  it('closes a connection that goes on sending while refused, once it owes a whole burst', () => {
    const gate = new RequestGate(10, 5, 0);
    const verdicts = Array.from({ length: 10 }, () => gate.admit(0));
    expect(verdicts.filter((verdict) => verdict === 'pass')).toHaveLength(5);
    expect(verdicts.at(-1)).toBe('refuse');
    expect(gate.admit(0)).toBe('close');
  });

  it('takes back what it refunds, so an answer it lets through costs nothing', () => {
    const gate = new RequestGate(10, 2, 0);
    expect([gate.admit(0), gate.admit(0), gate.admit(0)]).toEqual(['pass', 'pass', 'refuse']);
    gate.refund();
    expect(gate.admit(0)).toBe('refuse');
    // Two refusals left one token of debt, not two: 200 ms at 10/s repays it and earns one more.
    expect(gate.admit(200)).toBe('pass');
  });

  it('takes a clock that stepped back (NTP, a changed system time) as no time passing, not as debt', () => {
    const gate = new RequestGate(10, 5, 60_000);
    expect(gate.admit(0)).toBe('pass');
    expect(Array.from({ length: 4 }, () => gate.admit(0))).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(gate.admit(0)).toBe('refuse');
    expect(gate.admit(200)).toBe('pass');
  });

  it('never refuses with a rate of 0', () => {
    const gate = new RequestGate(0, 1, 0);
    expect(Array.from({ length: 1000 }, () => gate.admit(0)).every((verdict) => verdict === 'pass')).toBe(true);
  });

  it('has defaults far above what a softphone sends', () => {
    expect(DEFAULT_REQUESTS_PER_SECOND).toBe(100);
    expect(DEFAULT_REQUEST_BURST).toBe(200);
  });
});

describe('the request rate limit over real sockets', () => {
  it('answers requests over the limit with 6000005 and their own id, and keeps the connection', async () => {
    // The hub's clock stands still unless the test moves it, so a slow machine refills nothing.
    let clock = Date.now();
    const { url } = await hub({ requestsPerSecond: 2, requestBurst: 3, now: () => clock });
    const alice = await WireClient.as(url, 'alice', SECRET);
    const replies = await Promise.all(Array.from({ length: 4 }, () => alice.request('queryCallInvitationList', { config: { count: 1 } })));
    // The login took the first token.
    expect(replies.map((reply) => reply.error?.code ?? 'ok')).toEqual(['ok', 'ok', ZimErrorCode.FrequencyLimit, ZimErrorCode.FrequencyLimit]);
    expect(replies[2]!.error!.message).toBe('too many requests: at most 2 a second (bursts of 3); slow down and retry');
    // When a token is back: one token of debt after the third, two after the fourth.
    expect(replies.slice(2).map((reply) => reply.error?.retryAfterMs)).toEqual([1_000, 1_500]);
    // Two refused requests are two tokens of debt; at 2 a second, 1.5 s repays them and earns one.
    clock += 1_500;
    expect((await alice.request('queryCallInvitationList', { config: { count: 1 } })).result).toBeDefined();
  });

  it('keeps serving every connection when the system clock steps back', async () => {
    let clock = Date.now();
    const { url } = await hub({ now: () => clock });
    const alice = await WireClient.as(url, 'alice', SECRET);
    const pending = await WireClient.open(url);
    clock -= 60_000;
    const replies = await Promise.all(Array.from({ length: 3 }, () => alice.request('queryCallInvitationList', { config: { count: 1 } })));
    expect(replies.map((reply) => reply.error ?? 'ok')).toEqual(['ok', 'ok', 'ok']);
    // A connection not signed in yet, whose frames draw on the shared byte budget, signs in.
    await pending.request('queryCallInvitationList', { config: { count: 1 } });
    await pending.ok('login', { userID: 'bob', token: mintToken(SECRET, 'bob', Date.now()) });
  });

  it('closes a connection that keeps flooding with 1008 and the reason, and serves everyone else', async () => {
    const running = await hub({ requestsPerSecond: 10, requestBurst: 20 });
    const alice = await WireClient.as(running.url, 'alice', SECRET);
    const bob = await WireClient.as(running.url, 'bob', SECRET);
    const mallory = await WireClient.open(running.url);
    for (let i = 0; i < 500; i++) mallory.raw(JSON.stringify({ id: i, method: 'queryCallInvitationList', params: { config: { count: 1 } } }));
    expect(await mallory.closed).toEqual({ code: CLOSE_POLICY_VIOLATION, reason: 'too many requests: at most 10 a second (bursts of 20)' });
    expect(mallory.frames.filter((frame) => frame.error?.code === ZimErrorCode.FrequencyLimit).length).toBeGreaterThan(0);
    expect(running.logs.some((line) => line.includes('keeps flooding; closing it'))).toBe(true);
    const callID = (await alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } })).callID;
    await bob.event('callInvitationReceived', callID);
    await bob.ok('callAccept', { callID, config: {} });
    await alice.ok('callEnd', { callID, config: {} });
  });

  it('lets a callee answer every invitation it was sent, however many arrive at once', async () => {
    const { url } = await hub({ requestsPerSecond: 1, requestBurst: 2 });
    const callers = await Promise.all(Array.from({ length: 12 }, (_, i) => WireClient.as(url, `caller${i}`, SECRET)));
    const callee = await WireClient.as(url, 'callee', SECRET);
    const callIDs = await Promise.all(
      callers.map(async (caller) => (await caller.ok('callInvite', { invitees: ['callee'], config: { mode: CallMode.General } })).callID),
    );
    await Promise.all(callIDs.map((callID) => callee.event('callInvitationReceived', callID)));
    const answers = await Promise.all(callIDs.map((callID) => callee.request('callReject', { callID, config: {} })));
    expect(answers.map((answer) => answer.error?.code ?? 'ok')).toEqual(Array(12).fill('ok'));
  });

  it('lets through one answer per invitation still ringing, and nothing else', async () => {
    const clock = Date.now();
    const { url } = await hub({ requestsPerSecond: 1, requestBurst: 2, now: () => clock });
    const caller = await WireClient.as(url, 'caller', SECRET);
    const callee = await WireClient.as(url, 'callee', SECRET);
    const { callID } = await caller.ok('callInvite', { invitees: ['callee'], config: { mode: CallMode.General } });
    await callee.event('callInvitationReceived', callID);
    // The callee's login took one token of two; the first query takes the other.
    const replies = await Promise.all([
      callee.request('queryCallInvitationList', { config: { count: 1 } }),
      callee.request('queryCallInvitationList', { config: { count: 1 } }),
      callee.request('callReject', { callID, config: {} }),
      callee.request('callReject', { callID, config: {} }),
    ]);
    expect(replies.map((reply) => reply.error?.code ?? 'ok')).toEqual(['ok', ZimErrorCode.FrequencyLimit, 'ok', ZimErrorCode.FrequencyLimit]);
  });

  it('counts malformed and binary frames too', async () => {
    const { url } = await hub({ requestsPerSecond: 1, requestBurst: 2 });
    const mallory = await WireClient.open(url);
    mallory.raw('{not json');
    mallory.raw(Buffer.from([1, 2, 3]));
    mallory.raw(JSON.stringify({ id: 9, method: 'nope', params: {} }));
    await mallory.waitFor(() => mallory.frames.length === 3);
    expect(mallory.frames.map((frame) => [frame.id, frame.error?.code])).toEqual([
      [null, ZimErrorCode.ParamsInvalid],
      [null, ZimErrorCode.ParamsInvalid],
      [9, ZimErrorCode.FrequencyLimit],
    ]);
  });
});

describe('the cap on open invitations', () => {
  it('refuses a callInvite beyond the cap with 6000272, naming the user and the cap, until one is answered', () => {
    const hub = new TestHub({ maxOpenInvitations: 2, maxRingingPerCallee: 0 });
    hub.register('bob', 'carol', 'dave');
    const alice = hub.login('alice');
    const first = alice.ok('callInvite', { invitees: ['bob'], config: {} }).callID;
    alice.ok('callInvite', { invitees: ['carol', 'dave'], config: {} });
    const error = alice.fails('callInvite', { invitees: ['dave'], config: {} });
    expect(error).toEqual({
      code: ZimErrorCode.CallServerError,
      message: 'callInvite: alice already has 2 invitations ringing, at most 2; cancel one or wait for an answer',
    });
    alice.ok('callCancel', { invitees: [], callID: first, config: {} });
    alice.ok('callInvite', { invitees: ['dave'], config: {} });
  });

  it('counts only calls that still ring: accepted, timed-out and other users’ calls do not count', () => {
    const hub = new TestHub({ maxOpenInvitations: 1 });
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    hub.register('carol');
    const accepted = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } }).callID;
    bob.ok('callAccept', { callID: accepted, config: {} });
    alice.ok('callInvite', { invitees: ['carol'], config: { timeout: 5 } });
    expect(alice.fails('callInvite', { invitees: ['carol'], config: {} }).code).toBe(ZimErrorCode.CallServerError);
    bob.ok('callInvite', { invitees: ['carol'], config: {} });
    hub.clock.advance(5_000);
    alice.ok('callInvite', { invitees: ['carol'], config: {} });
  });

  it('applies to callingInvite as well', () => {
    const hub = new TestHub({ maxOpenInvitations: 1 });
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    hub.register('carol');
    const callID = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } }).callID;
    bob.ok('callAccept', { callID, config: {} });
    alice.ok('callInvite', { invitees: ['carol'], config: {} });
    const error = alice.fails('callingInvite', { invitees: ['carol'], callID, config: {} });
    expect(error.code).toBe(ZimErrorCode.CallServerError);
    expect(error.message).toMatch(/^callingInvite: alice already has 1 invitations ringing, at most 1/);
    bob.ok('callingInvite', { invitees: ['carol'], callID, config: {} });
  });
});
