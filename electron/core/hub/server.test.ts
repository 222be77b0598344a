import { afterEach, describe, expect, it } from 'vitest';
import { CallMode, CallUserState } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { MAX_FRAME_BYTES } from '../../../shared/protocol/hub.js';
import { mintToken } from '../auth/token.js';
import { startHub } from './server.js';
import { testHubs, WireClient } from './wireClient.js';

const SECRET = 'server-test-secret-0123456789';

const signIn = (url: string, userID: string): Promise<WireClient> => WireClient.as(url, userID, SECRET);

const hubs = testHubs(SECRET);
const hub = hubs.start;
afterEach(() => hubs.closeAll());

describe('the hub over real sockets', () => {
  it('listens on 127.0.0.1 on a free port', async () => {
    const running = await hub();
    expect(running.url).toBe(`ws://127.0.0.1:${running.port}`);
    expect(running.port).toBeGreaterThan(0);
  });

  it('runs the reference busy flow: invite, received, callEnd by the callee, callInvitationEnded at the caller', async () => {
    const { url } = await hub();
    const alice = await signIn(url, 'alice');
    const bob = await signIn(url, 'bob');
    const invite = await alice.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, timeout: 30 } });
    const callID = invite.result!.callID as string;
    const created = await alice.event('callInvitationCreated', callID);
    // The reply comes before any event about the call on the caller's connection.
    expect(alice.frames.indexOf(invite)).toBeLessThan(alice.frames.indexOf(created));
    const received = await bob.event('callInvitationReceived', callID);
    expect(received.data).toMatchObject({ caller: 'alice', inviter: 'alice', timeout: 30 });
    const ack = await alice.waitFor((frame) => frame.event === 'callUserStateChanged');
    expect(ack.data!.callUserList).toEqual([{ userID: 'bob', state: CallUserState.Received, extendedData: '' }]);
    const busy = JSON.stringify({ reason: 'busy', code: 'call_limit_reached' });
    const ended = await bob.request('callEnd', { callID, config: { extendedData: busy } });
    expect(ended.result).toMatchObject({ callID, acceptTime: 0 });
    const seen = await alice.event('callInvitationEnded', callID);
    expect(seen.data).toMatchObject({ callID, operatedUserID: 'bob', caller: 'alice', extendedData: busy, mode: CallMode.Advanced });
  });

  it('sends a reply and the events it caused as one message, one frame per line', async () => {
    const { url } = await hub();
    const alice = await signIn(url, 'alice');
    await signIn(url, 'bob');
    const invite = await alice.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, timeout: 30 } });
    const created = await alice.event('callInvitationCreated', invite.result!.callID);
    const [replyAt, createdAt] = [alice.frames.indexOf(invite), alice.frames.indexOf(created)];
    expect(createdAt).toBe(replyAt + 1);
    expect(alice.messageOf[createdAt]).toBe(alice.messageOf[replyAt]);
    // The login reply was sent in an earlier turn, so it came alone.
    expect(alice.messageOf[replyAt]).toBeGreaterThan(alice.messageOf[0]!);
  });

  it('handles several requests in one message, one per line, in order, each answered on its own', async () => {
    const { url } = await hub();
    const alice = await signIn(url, 'alice');
    const query = (id: number) => JSON.stringify({ id, method: 'queryCallInvitationList', params: { config: { count: 1 } } });
    alice.raw([query(101), 'not json', '', query(102), ''].join('\n'));
    await alice.waitFor((frame) => frame.id === 102);
    const replies = alice.frames.filter((frame) => frame.id === 101 || frame.id === null || frame.id === 102);
    expect(replies.map((frame) => [frame.id, frame.error?.code ?? 'ok'])).toEqual([
      [101, 'ok'],
      [null, ZimErrorCode.ParamsInvalid],
      [102, 'ok'],
    ]);
    // A message of nothing but line breaks is answered too, and costs a token like any frame.
    alice.raw('\n\n');
    const blank = await alice.waitFor((frame) => frame.error?.message === 'the message holds no frame: send one JSON object per line');
    expect(blank.id).toBeNull();
  });

  it('answers malformed frames with 6000001 and keeps serving that client and everyone else', async () => {
    const running = await hub();
    const alice = await signIn(running.url, 'alice');
    const bob = await signIn(running.url, 'bob');
    const mallory = await WireClient.open(running.url);
    const invite = alice.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    mallory.raw('{not json');
    mallory.raw('[1, 2]');
    mallory.raw(JSON.stringify({ id: -4, method: 'login', params: {} }));
    mallory.raw(JSON.stringify({ id: 7, method: 42, params: {} }));
    mallory.raw(JSON.stringify({ id: 8, method: 'callHack', params: {} }));
    mallory.raw(Buffer.from([1, 2, 3]));
    const callID = (await invite).result!.callID as string;
    await bob.event('callInvitationReceived', callID);
    await bob.request('callAccept', { callID, config: {} });
    await alice.waitFor((frame) => frame.event === 'callUserStateChanged' && (frame.data!.callUserList as Array<{ state: number }>)[0]!.state === CallUserState.Accepted);
    await alice.request('callEnd', { callID, config: {} });
    await bob.event('callInvitationEnded', callID);
    await mallory.waitFor(() => mallory.frames.length >= 6);
    const errors = mallory.frames.map((frame) => [frame.id, frame.error?.code, frame.error?.message]);
    expect(errors).toEqual([
      [null, ZimErrorCode.ParamsInvalid, expect.stringMatching(/^the frame is not JSON: /)],
      [null, ZimErrorCode.ParamsInvalid, expect.stringMatching(/not a JSON object/)],
      [null, ZimErrorCode.ParamsInvalid, expect.stringMatching(/^bad request: id: /)],
      [7, ZimErrorCode.ParamsInvalid, expect.stringMatching(/^bad request: method: /)],
      [8, ZimErrorCode.ParamsInvalid, 'unknown method "callHack"'],
      [null, ZimErrorCode.ParamsInvalid, expect.stringMatching(/binary frames/)],
    ]);
    const later = await mallory.request('login', { userID: 'mallory', token: mintToken(SECRET, 'mallory', Date.now()) });
    expect(later.result).toMatchObject({ userID: 'mallory' });
  });

  it('closes a connection that sends an oversized frame with 1009, and only that one', async () => {
    const running = await hub();
    const alice = await signIn(running.url, 'alice');
    const mallory = await WireClient.open(running.url);
    mallory.raw(JSON.stringify({ id: 1, method: 'login', params: { userID: 'm', token: 'x'.repeat(MAX_FRAME_BYTES) } }));
    expect((await mallory.closed).code).toBe(1009);
    const reply = await alice.request('queryCallInvitationList', { config: { count: 1 } });
    expect(reply.result).toEqual({ callList: [], nextFlag: 0 });
  });

  it('authenticates: forged and expired tokens, methods before login', async () => {
    let now = Date.now();
    const { url } = await hub({ now: () => now });
    const client = await WireClient.open(url);
    expect((await client.request('callInvite', { invitees: ['bob'], config: {} })).error!.code).toBe(ZimErrorCode.UserIsNotLogged);
    const forged = mintToken('another-secret-0123456789', 'alice', now);
    expect((await client.request('login', { userID: 'alice', token: forged })).error!.code).toBe(ZimErrorCode.TokenInvalid);
    const token = mintToken(SECRET, 'alice', now, 60);
    now += 61_000;
    expect((await client.request('login', { userID: 'alice', token })).error!.code).toBe(ZimErrorCode.TokenExpired);
  });

  it("cancels a caller's unanswered invitation when its socket closes", async () => {
    const { url } = await hub();
    const alice = await signIn(url, 'alice');
    const bob = await signIn(url, 'bob');
    const callID = (await alice.request('callInvite', { invitees: ['bob'], config: {} })).result!.callID;
    await bob.event('callInvitationReceived', callID);
    alice.close();
    const cancelled = await bob.event('callInvitationCancelled', callID);
    expect(cancelled.data).toEqual({ callID, mode: CallMode.General, inviter: 'alice', extendedData: '' });
  });

  it('keeps a user whose socket was cut in the conversation for the grace, and lets one who closed theirs go at once', async () => {
    const running = await hub({ reconnectGraceMs: 60_000 });
    const { url } = running;
    const alice = await signIn(url, 'alice');
    const bob = await signIn(url, 'bob');
    const callID = (await alice.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } })).result!.callID as string;
    await bob.request('callAccept', { callID, config: {} });
    const stateIn = (frame: { event?: string; data?: Record<string, unknown> }): number | undefined =>
      frame.event === 'callUserStateChanged' ? (frame.data!.callUserList as Array<{ state: number }>)[0]?.state : undefined;
    await alice.waitFor((frame) => stateIn(frame) === CallUserState.Accepted);
    bob.cut();
    await until(() => running.logs.some((line) => /closed \(1006\)/.test(line)));
    expect(alice.events().map(stateIn).filter((state) => state !== undefined).at(-1)).toBe(CallUserState.Accepted);
    const bobAgain = await signIn(url, 'bob');
    const listed = await bobAgain.request('queryCallInvitationList', { config: { count: 1 } });
    expect((listed.result!.callList as Array<{ callUserList: unknown[] }>)[0]!.callUserList).toContainEqual({ userID: 'bob', state: CallUserState.Accepted, extendedData: '' });
    bobAgain.close();
    const quit = await alice.waitFor((frame) => stateIn(frame) === CallUserState.Quit);
    expect(quit.data!.callUserList).toEqual([{ userID: 'bob', state: CallUserState.Quit, extendedData: '' }]);
  });

  it('drops a connection that stops answering pings, and keeps one that answers', async () => {
    const running = await hub({ heartbeatIntervalMs: 40, heartbeatTimeoutMs: 150 });
    const alive = await signIn(running.url, 'alice');
    const silent = await WireClient.open(running.url, { autoPong: false });
    const started = Date.now();
    const { code } = await silent.closed;
    expect(code).toBe(1006);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(running.logs.some((line) => line.includes('missed its heartbeats'))).toBe(true);
    expect((await alive.request('queryCallInvitationList', { config: { count: 1 } })).result).toBeDefined();
  });

  it('keeps connections that answer pings when the system clock steps forward, and still drops a silent one', async () => {
    let clock = Date.now();
    const running = await hub({ heartbeatIntervalMs: 40, heartbeatTimeoutMs: 300, now: () => clock });
    const alive = await signIn(running.url, 'alice');
    // The clock jumps a minute ahead (NTP, a changed system time): nobody really went silent.
    clock += 60_000;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(running.stats().sessions).toBe(1);
    expect(running.logs.some((line) => line.includes('missed its heartbeats'))).toBe(false);
    expect((await alive.request('queryCallInvitationList', { config: { count: 1 } })).result).toBeDefined();
    const silent = await WireClient.open(running.url, { autoPong: false });
    expect((await silent.closed).code).toBe(1006);
  });

  it('close() closes every connection with 1001 and stops listening', async () => {
    const running = await hub();
    const alice = await signIn(running.url, 'alice');
    await running.close();
    expect((await alice.closed).code).toBe(1001);
    await expect(WireClient.open(running.url)).rejects.toThrow();
  });

  it('fails to start on a port that is taken, naming it', async () => {
    const first = await hub();
    await expect(startHub({ secret: SECRET, port: first.port })).rejects.toThrow(`127.0.0.1:${first.port}`);
  });
});

async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
