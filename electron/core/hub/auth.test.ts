import { describe, expect, it } from 'vitest';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { hubMethods } from '../../../shared/protocol/hub.js';
import { mintToken } from '../auth/token.js';
import { TestHub } from './testkit.js';

describe('login', () => {
  it('accepts a token minted with the hub secret for that user and answers with the server time', () => {
    const hub = new TestHub();
    const client = hub.connect();
    expect(client.ok('login', { userID: 'alice', token: hub.token('alice') })).toEqual({ userID: 'alice', serverTime: hub.clock.now(), reconnectGraceMs: 30_000 });
    expect(hub.registry.stats()).toMatchObject({ sessions: 1, users: 1 });
  });

  it('refuses a forged token (signed with another secret) with 6000103', () => {
    const hub = new TestHub();
    const forged = mintToken('some-other-secret-0123456789', 'alice', hub.clock.now());
    const error = hub.connect().fails('login', { userID: 'alice', token: forged });
    expect(error.code).toBe(ZimErrorCode.TokenInvalid);
    expect(error.message).toContain('alice');
  });

  it('refuses a token whose payload was altered with 6000103', () => {
    const hub = new TestHub();
    const [version, , signature] = hub.token('alice').split('.');
    const body = Buffer.from(JSON.stringify({ sub: 'alice', exp: 9_999_999_999 })).toString('base64url');
    expect(hub.connect().fails('login', { userID: 'alice', token: `${version}.${body}.${signature}` }).code).toBe(ZimErrorCode.TokenInvalid);
  });

  it('refuses garbage with 6000103', () => {
    const hub = new TestHub();
    expect(hub.connect().fails('login', { userID: 'alice', token: 'not-a-token' }).code).toBe(ZimErrorCode.TokenInvalid);
  });

  it("refuses another user's token with 6000103", () => {
    const hub = new TestHub();
    const error = hub.connect().fails('login', { userID: 'mallory', token: hub.token('alice') });
    expect(error.code).toBe(ZimErrorCode.TokenInvalid);
    expect(error.message).toContain('wrong-user');
  });

  it('refuses an expired token with 6000106', () => {
    const hub = new TestHub();
    const token = hub.token('alice', 60);
    hub.clock.advance(61_000);
    expect(hub.connect().fails('login', { userID: 'alice', token }).code).toBe(ZimErrorCode.TokenExpired);
  });

  it('refuses a second login on the same connection with 6000111, even as another user', () => {
    const hub = new TestHub();
    const client = hub.login('alice');
    expect(client.fails('login', { userID: 'alice', token: hub.token('alice') }).code).toBe(ZimErrorCode.UserHasAlreadyLogged);
    expect(client.fails('login', { userID: 'bob', token: hub.token('bob') }).code).toBe(ZimErrorCode.UserHasAlreadyLogged);
  });

  it('lets one user log in on several connections at once', () => {
    const hub = new TestHub();
    hub.login('alice');
    hub.login('alice');
    expect(hub.registry.stats()).toMatchObject({ sessions: 2, users: 1 });
  });

  it('validates login params, naming the field', () => {
    const hub = new TestHub();
    const error = hub.connect().fails('login', { userID: 'has space', token: 'x' });
    expect(error.code).toBe(ZimErrorCode.ParamsInvalid);
    expect(error.message).toMatch(/^login: userID: /);
  });
});

describe('before login', () => {
  const someParams: Record<string, unknown> = {
    logout: {},
    callInvite: { invitees: ['bob'], config: {} },
    callingInvite: { invitees: ['bob'], callID: '1', config: {} },
    callCancel: { invitees: [], callID: '1', config: {} },
    callAccept: { callID: '1', config: {} },
    callReject: { callID: '1', config: {} },
    callJoin: { callID: '1', config: {} },
    callQuit: { callID: '1', config: {} },
    callEnd: { callID: '1', config: {} },
    queryCallInvitationList: { config: { count: 10 } },
  };

  it.each(hubMethods.filter((method) => method !== 'login'))('%s fails with 6000121', (method) => {
    const hub = new TestHub();
    const error = hub.connect().fails(method, someParams[method]);
    expect(error.code).toBe(ZimErrorCode.UserIsNotLogged);
    expect(error.message).toContain(method);
  });

  it('applies after logout too', () => {
    const hub = new TestHub();
    const client = hub.login('alice');
    expect(client.ok('logout', {})).toEqual({});
    expect(client.fails('queryCallInvitationList', { config: { count: 1 } }).code).toBe(ZimErrorCode.UserIsNotLogged);
    expect(client.ok('login', { userID: 'alice', token: hub.token('alice') }).userID).toBe('alice');
  });
});

describe('request validation', () => {
  it('names an unknown method', () => {
    const hub = new TestHub();
    const error = hub.login('alice').fails('callTeleport' as never, {});
    expect(error).toEqual({ code: ZimErrorCode.ParamsInvalid, message: 'unknown method "callTeleport"' });
  });

  it('does not treat inherited object keys as methods', () => {
    const hub = new TestHub();
    expect(hub.login('alice').fails('toString' as never, {}).message).toBe('unknown method "toString"');
  });

  it('names the method and the field of bad params', () => {
    const hub = new TestHub();
    hub.register('bob');
    const alice = hub.login('alice');
    const cases: Array<[unknown, RegExp]> = [
      [{ invitees: ['bob'], config: { timeout: 601 } }, /^callInvite: config\.timeout: /],
      [{ invitees: ['bob'], config: { timeout: 0 } }, /^callInvite: config\.timeout: /],
      [{ invitees: ['bob'], config: { timeout: 1.5 } }, /^callInvite: config\.timeout: /],
      [{ invitees: ['bob'], config: { mode: 2 } }, /^callInvite: config\.mode: /],
      [{ invitees: [], config: {} }, /^callInvite: invitees: /],
      [{ invitees: ['bob'], config: { extendedData: 'x'.repeat(2049) } }, /^callInvite: config\.extendedData: /],
      [{ invitees: ['bob'], config: {}, extra: 1 }, /^callInvite: params: .*extra/],
      [undefined, /^callInvite: invitees: /],
    ];
    for (const [params, message] of cases) {
      const error = alice.fails('callInvite', params);
      expect(error.code).toBe(ZimErrorCode.ParamsInvalid);
      expect(error.message).toMatch(message);
    }
    expect(alice.fails('callAccept', { callID: 'x'.repeat(21), config: {} }).message).toMatch(/^callAccept: callID: /);
  });
});
