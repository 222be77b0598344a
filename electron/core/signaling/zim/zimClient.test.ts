import { afterEach, describe, expect, it } from 'vitest';
import { CallMode, CallUserState, UserOnlineStatus } from '../../../../shared/calls/enums.js';
import { HubError } from '../../../../shared/protocol/errors.js';
import type { CallUserInfo, HubEventName, HubEvents } from '../../../../shared/protocol/hub.js';
import { CallManager } from '../../calls/callManager.js';
import type { SignalingStatus } from '../port.js';
import { loadZimSdk, type ZimSdk } from './sdk.js';
import { TEST_APP_ID, ZimCloud, type ZimSdkDouble } from './sdkDouble.js';
import type { TokenProvider } from './tokenProvider.js';
import type { ZimEventName } from './translate.js';
import { ZimClient, type ZimClientOptions } from './zimClient.js';

const clients: ZimClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(done()).toBe(true);
}

function connect(cloud: ZimCloud, userID: string, options: Partial<ZimClientOptions> & { appID?: number } = {}) {
  let sdk: ZimSdkDouble | null = null;
  const statuses: SignalingStatus['status'][] = [];
  const client = new ZimClient({
    appID: options.appID ?? cloud.appID,
    userID,
    token: options.token ?? (async (id) => cloud.issueToken(id)),
    sdk: async (appID) => (sdk = cloud.sdk(appID)),
    backoff: { initialMs: 2, maxMs: 2 },
    ...options,
  });
  client.onStatus((status) => statuses.push(status.status));
  clients.push(client);
  return { client, statuses, sdk: () => sdk! };
}

async function online(cloud: ZimCloud, userID: string, options: Partial<ZimClientOptions> = {}) {
  const parts = connect(cloud, userID, options);
  await until(() => parts.client.status.status === 'online');
  return parts;
}

function recordEvents(client: ZimClient, names: HubEventName[]) {
  const seen: Array<[HubEventName, unknown]> = [];
  for (const name of names) client.on(name, (data) => seen.push([name, data]));
  return seen;
}

describe('ZimClient: port requests become SDK calls with ZIM\'s config shapes', () => {
  it('places, answers and ends calls through the SDK, and returns the port\'s result shapes', async () => {
    const cloud = new ZimCloud();
    const ann = await online(cloud, 'ann');
    const bob = await online(cloud, 'bob');

    const sent = await ann.client.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, timeout: 30, extendedData: 'x' } });
    expect(ann.sdk().calls.at(-1)).toEqual({
      method: 'callInvite', args: [['bob'], { timeout: 30, mode: 1, extendedData: 'x', enableNotReceivedCheck: false }],
    });
    // Exactly the port's fields: the SDK's deprecated errorInvitees is not passed on.
    expect(sent).toEqual({ callID: expect.stringMatching(/^\d+$/), timeout: 30, errorUserList: [] });
    const { callID } = sent;

    await until(() => bob.sdk().calls.length > 0);
    await expect(bob.client.request('callAccept', { callID, config: {} })).resolves.toEqual({ callID });
    expect(bob.sdk().calls.at(-1)).toEqual({ method: 'callAccept', args: [callID, { extendedData: '' }] });

    await cloud.hub.register('cy');
    await expect(bob.client.request('callingInvite', { invitees: ['cy'], callID, config: {} })).resolves.toEqual({ callID, errorUserList: [] });
    expect(bob.sdk().calls.at(-1)).toEqual({ method: 'callingInvite', args: [['cy'], callID, {}] });

    const quit = await bob.client.request('callQuit', { callID, config: { extendedData: 'bye' } });
    expect(bob.sdk().calls.at(-1)).toEqual({ method: 'callQuit', args: [callID, { extendedData: 'bye' }] });
    expect(Object.keys(quit).sort()).toEqual(['acceptTime', 'callID', 'createTime', 'quitTime']);

    const ended = await ann.client.request('callEnd', { callID, config: { extendedData: '{"reason":"busy"}' } });
    expect(ann.sdk().calls.at(-1)).toEqual({ method: 'callEnd', args: [callID, { extendedData: '{"reason":"busy"}' }] });
    expect(Object.keys(ended).sort()).toEqual(['acceptTime', 'callID', 'createTime', 'endTime']);

    const { callList, nextFlag } = await ann.client.request('queryCallInvitationList', { config: { count: 5 } });
    expect(ann.sdk().calls.at(-1)).toEqual({ method: 'queryCallInvitationList', args: [{ count: 5, nextFlag: 0 }] });
    expect(nextFlag).toBe(0);
    expect(callList[0]).toMatchObject({ callID, caller: 'ann', inviter: 'ann', state: 2, mode: 1 });
    expect(callList[0]!.callUserList).toContainEqual({ userID: 'bob', state: CallUserState.Quit, extendedData: 'bye' });
  });

  it('maps the block list to the SDK\'s methods of the same names, and ZIMUserInfo entries to user IDs', async () => {
    const cloud = new ZimCloud();
    const { client, sdk } = await online(cloud, 'bob');
    expect(await client.request('addUsersToBlacklist', { userIDs: ['ann'] })).toEqual({ errorUserList: [] });
    expect(sdk().calls.at(-1)).toEqual({ method: 'addUsersToBlacklist', args: [['ann']] });
    expect(await client.request('queryBlacklist', { config: { count: 10 } })).toEqual({ blacklist: [{ userID: 'ann' }], nextFlag: 0 });
    expect(sdk().calls.at(-1)).toEqual({ method: 'queryBlacklist', args: [{ count: 10, nextFlag: 0 }] });
    expect(await client.request('removeUsersFromBlacklist', { userIDs: ['ann'] })).toEqual({ errorUserList: [] });
    expect(sdk().calls.at(-1)).toEqual({ method: 'removeUsersFromBlacklist', args: [['ann']] });
  });

  it('cancels with the invitee list and config ZIM expects, and rejects and joins by callID', async () => {
    const cloud = new ZimCloud();
    const ann = await online(cloud, 'ann');
    const bob = await online(cloud, 'bob');
    const { callID } = await ann.client.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.General } });
    await expect(ann.client.request('callCancel', { invitees: [], callID, config: { extendedData: 'c' } })).resolves.toEqual({ callID, errorInvitees: [] });
    expect(ann.sdk().calls.at(-1)).toEqual({ method: 'callCancel', args: [[], callID, { extendedData: 'c' }] });

    const second = await ann.client.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    expect(ann.sdk().calls.at(-1)?.args[1]).toEqual({ timeout: 90, mode: 1, extendedData: '', enableNotReceivedCheck: false });
    await expect(bob.client.request('callReject', { callID: second.callID, config: { extendedData: 'no' } })).resolves.toEqual({ callID: second.callID });
    expect(bob.sdk().calls.at(-1)).toEqual({ method: 'callReject', args: [second.callID, { extendedData: 'no' }] });

    const third = await ann.client.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    await bob.client.request('callAccept', { callID: third.callID, config: {} });
    const cy = await online(cloud, 'cy');
    const joined = await cy.client.request('callJoin', { callID: third.callID, config: { extendedData: 'j' } });
    expect(cy.sdk().calls.at(-1)).toEqual({ method: 'callJoin', args: [third.callID, { extendedData: 'j' }] });
    expect(joined.callUserList).toContainEqual({ userID: 'cy', state: CallUserState.Accepted, extendedData: 'j' });
  });

  it('turns SDK rejections into HubErrors with ZIM\'s code, and checks parameters as the hub does', async () => {
    const cloud = new ZimCloud();
    const ann = await online(cloud, 'ann');
    await expect(ann.client.request('callAccept', { callID: '999', config: {} })).rejects.toMatchObject({ name: 'HubError', code: 6000276 });
    await expect(ann.client.request('callInvite', { invitees: ['nobody'], config: {} })).rejects.toMatchObject({ code: 6000281 });
    // Refused before the SDK is asked, with the code the SDK itself would give.
    const calls = ann.sdk().calls.length;
    await expect(ann.client.request('callAccept', { callID: 'x'.repeat(21), config: {} })).rejects.toMatchObject({ code: 6000001 });
    await expect(ann.client.request('callInvite', { invitees: [], config: {} })).rejects.toMatchObject({ code: 6000001 });
    await expect(ann.client.request('callInvite', { invitees: ['bob'], config: { timeout: 601 } })).rejects.toMatchObject({ code: 6000001 });
    await expect(ann.client.request('login', { userID: 'ann', token: 't' })).rejects.toMatchObject({ code: 6000001 });
    expect(ann.sdk().calls.length).toBe(calls);
  });

  it('names the request once in the message of a refusal from ZIM, as the hub does', async () => {
    const cloud = new ZimCloud();
    const ann = await online(cloud, 'ann');
    await expect(ann.client.request('callAccept', { callID: '999', config: {} })).rejects.toThrow(/^callAccept: (?!callAccept)/);
    await expect(ann.client.request('callInvite', { invitees: ['nobody'], config: {} })).rejects.toThrow(/^callInvite: (?!callInvite)/);
    // What the double rejects with is ZIM's own message, which does not name the method.
    await expect(ann.sdk().callAccept('999', { extendedData: '' })).rejects.toMatchObject({ code: 6000276, message: expect.not.stringMatching(/^callAccept/) });
  });

  it('refuses requests with 6000121 until signed in', async () => {
    const { client } = connect(new ZimCloud(), 'ann');
    const refusal = client.request('callInvite', { invitees: ['bob'], config: {} });
    await expect(refusal).rejects.toBeInstanceOf(HubError);
    await expect(refusal).rejects.toMatchObject({ code: 6000121, message: 'callInvite: not signed in to ZEGOCLOUD' });
  });

  it('passes requests on while ZIM restores a lost connection by itself, so a hang-up then still reaches the peer', async () => {
    const cloud = new ZimCloud();
    const ann = await online(cloud, 'ann');
    const bob = await online(cloud, 'bob');
    const received = recordEvents(bob.client, ['callInvitationReceived', 'callInvitationEnded']);
    const { callID } = await ann.client.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    await until(() => received.length === 1);
    await bob.client.request('callAccept', { callID, config: {} });

    // ZIM retries by itself (Reconnecting, then Connecting): the user is still signed in to it.
    ann.sdk().emit('connectionStateChanged', { state: 3, event: 3, extendedData: '' });
    ann.sdk().emit('connectionStateChanged', { state: 1, event: 3, extendedData: '' });
    expect(ann.client.status).toEqual({ status: 'connecting' });
    await expect(ann.client.request('callEnd', { callID, config: {} })).resolves.toMatchObject({ callID });
    await until(() => received.length === 2);
    expect(received[1]).toEqual(['callInvitationEnded', expect.objectContaining({ callID, operatedUserID: 'ann' })]);

    // Once ZIM gives up (Disconnected), nothing is sent until the client has signed in again.
    ann.sdk().drop();
    const before = ann.sdk().calls.length;
    await expect(ann.client.request('callInvite', { invitees: ['bob'], config: {} })).rejects.toMatchObject({ code: 6000121 });
    expect(ann.sdk().calls.length).toBe(before);
  });

  it('does not carry media signals: ZEGOCLOUD calls carry media with ZEGO Express', async () => {
    const { client, sdk } = await online(new ZimCloud(), 'ann');
    const before = sdk().calls.length;
    const refusal = client.request('callMediaSignal', { callID: 'c1', toUserID: 'bob', signal: { description: { type: 'offer', sdp: 'v=0' } } });
    await expect(refusal).rejects.toMatchObject({ code: 6000001, message: 'callMediaSignal: ZEGOCLOUD carries media with ZEGO Express, not ZIM' });
    expect(sdk().calls.slice(before)).toEqual([]);
  });
});

describe('ZimClient: SDK events become port events with the port\'s exact payloads', () => {
  const userList: CallUserInfo[] = [
    { userID: 'ann', state: CallUserState.Accepted, extendedData: '' },
    { userID: 'bob', state: CallUserState.Inviting, extendedData: '' },
  ];
  // Each SDK payload as zego-zim-web delivers it (with a field the port does not have), and the port event.
  const cases: { [E in ZimEventName]: [Record<string, unknown>, HubEvents[E]] } = {
    callInvitationCreated: [
      { callID: '17600000000001234', mode: 1, caller: 'ann', extendedData: 'x', timeout: 30, createTime: 5, callUserList: userList, sdkOnly: 1 },
      { callID: '17600000000001234', mode: 1, caller: 'ann', extendedData: 'x', timeout: 30, createTime: 5, callUserList: userList },
    ],
    callInvitationReceived: [
      { callID: 'c1', mode: 0, caller: 'ann', inviter: 'ann', extendedData: 'x', timeout: 29, createTime: 5, callUserList: userList, sdkOnly: 1 },
      { callID: 'c1', mode: 0, caller: 'ann', inviter: 'ann', extendedData: 'x', timeout: 29, createTime: 5, callUserList: userList },
    ],
    callInvitationCancelled: [
      { callID: 'c1', mode: 0, inviter: 'ann', extendedData: 'bye', sdkOnly: 1 },
      { callID: 'c1', mode: 0, inviter: 'ann', extendedData: 'bye' },
    ],
    callInvitationTimeout: [{ callID: 'c1', mode: 1, sdkOnly: 1 }, { callID: 'c1', mode: 1 }],
    callInvitationEnded: [
      { callID: 'c1', mode: 1, caller: 'ann', operatedUserID: 'bob', extendedData: '{"reason":"busy"}', endTime: 9, sdkOnly: 1 },
      { callID: 'c1', mode: 1, caller: 'ann', operatedUserID: 'bob', extendedData: '{"reason":"busy"}', endTime: 9 },
    ],
    callUserStateChanged: [
      { callID: 'c1', callUserList: [{ userID: 'bob', state: 10, extendedData: '', sdkOnly: 1 }] },
      { callID: 'c1', callUserList: [{ userID: 'bob', state: CallUserState.BeCancelled, extendedData: '' }] },
    ],
    callInvitationAccepted: [{ callID: 'c1', invitee: 'bob', extendedData: 'ok', sdkOnly: 1 }, { callID: 'c1', invitee: 'bob', extendedData: 'ok' }],
    callInvitationRejected: [{ callID: 'c1', invitee: 'bob', extendedData: 'no', sdkOnly: 1 }, { callID: 'c1', invitee: 'bob', extendedData: 'no' }],
    callInviteesAnsweredTimeout: [{ callID: 'c1', invitees: ['bob'], sdkOnly: 1 }, { callID: 'c1', invitees: ['bob'] }],
    userStatusUpdated: [
      {
        userStatusList: [
          { userID: 'bob', onlineStatus: 0, onlinePlatforms: [6], customStatus: 'x', customStatusExpiredTime: 0, lastUpdateTime: 7, lastOnlineStatusUpdateTime: 7, lastCustomStatusUpdateTime: 3 },
          { userID: 'cy', onlineStatus: 99, onlinePlatforms: [], customStatus: '', customStatusExpiredTime: 0, lastUpdateTime: 0, lastOnlineStatusUpdateTime: 0, lastCustomStatusUpdateTime: 0 },
        ],
      },
      {
        userStatusList: [
          { userID: 'bob', onlineStatus: UserOnlineStatus.Online, customStatus: 'x', lastUpdateTime: 7 },
          { userID: 'cy', onlineStatus: UserOnlineStatus.Logout, customStatus: '', lastUpdateTime: 0 },
        ],
      },
    ],
  };

  it.each(Object.keys(cases) as ZimEventName[])('%s', async (name) => {
    const ann = await online(new ZimCloud(), 'ann');
    const seen = recordEvents(ann.client, [name]);
    ann.sdk().emit(name, cases[name][0]);
    expect(seen).toEqual([[name, cases[name][1]]]);
  });

  it('delivers a real invitation from the cloud as the CallManager expects it', async () => {
    const cloud = new ZimCloud();
    const ann = await online(cloud, 'ann');
    const bob = await online(cloud, 'bob');
    const seen = recordEvents(bob.client, ['callInvitationReceived']);
    const { callID } = await ann.client.request('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, timeout: 30 } });
    await until(() => seen.length === 1);
    expect(seen[0]![1]).toEqual({
      callID, mode: 1, caller: 'ann', inviter: 'ann', extendedData: '', timeout: 30, createTime: cloud.hub.clock.now(),
      callUserList: expect.arrayContaining([{ userID: 'bob', state: CallUserState.Inviting, extendedData: '' }]),
    });
  });
});

describe('ZimClient: connection states, tokens and sign-in errors', () => {
  it('goes connecting → online, follows ZIM\'s reconnecting, and signs in again after a disconnection', async () => {
    const cloud = new ZimCloud();
    const ann = connect(cloud, 'ann');
    expect(ann.client.status).toEqual({ status: 'connecting' });
    await until(() => ann.client.status.status === 'online');
    expect(ann.statuses).toEqual(['online']);
    ann.sdk().emit('connectionStateChanged', { state: 3, event: 3, extendedData: '' });
    expect(ann.client.status).toEqual({ status: 'reconnecting' });
    ann.sdk().emit('connectionStateChanged', { state: 2, event: 0, extendedData: '' });
    expect(ann.client.status.status).toBe('online');

    ann.sdk().drop();
    expect(ann.client.status).toMatchObject({ status: 'offline', error: 'the connection to ZEGOCLOUD was lost (event 3)', retryAt: expect.any(Number) });
    await until(() => ann.client.status.status === 'online');
    expect(ann.sdk().calls.filter((call) => call.method === 'login')).toHaveLength(2);
  });

  it('says "signed in elsewhere" on a kickout, drops the calls, and does not fight back', async () => {
    const cloud = new ZimCloud({ singleDevice: true });
    const desk = await online(cloud, 'ann');
    const manager = new CallManager(desk.client, { changed: () => {}, notice: () => {}, history: (entry) => history.push(entry.detail) }, {
      userID: 'ann', limits: { incoming: 3, outgoing: 1 },
    });
    const history: string[] = [];
    const bob = await online(cloud, 'bob');
    await bob.client.request('callInvite', { invitees: ['ann'], config: { mode: CallMode.Advanced } });
    await until(() => manager.ongoing === 1);

    await online(cloud, 'ann');
    expect(desk.client.status).toEqual({ status: 'signed-in-elsewhere' });
    expect(manager.ongoing).toBe(0);
    expect(history).toEqual(['signed out: you signed in on another device']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(desk.sdk().calls.filter((call) => call.method === 'login')).toHaveLength(1);
  });

  it('stops when ZEGOCLOUD says the user was unregistered: signing in again cannot help', async () => {
    const cloud = new ZimCloud();
    const ann = await online(cloud, 'ann');
    ann.sdk().emit('connectionStateChanged', { state: 0, event: 6, extendedData: '' });
    expect(ann.client.status).toEqual({
      status: 'offline', retryAt: null, final: true, error: 'ZEGOCLOUD signed ann out: the user ID was unregistered (deleted) in this ZEGOCLOUD project',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ann.sdk().calls.filter((call) => call.method === 'login')).toHaveLength(1);
  });

  it('renews the token when ZIM warns it will expire, so the connection outlives the first token', async () => {
    const cloud = new ZimCloud();
    const tokens: string[] = [];
    const token: TokenProvider = async (id) => {
      tokens.push(cloud.issueToken(id, 120));
      return tokens.at(-1)!;
    };
    const ann = await online(cloud, 'ann', { token });
    cloud.hub.clock.advance(90_000);
    await until(() => ann.sdk().calls.some((call) => call.method === 'renewToken'));
    expect(ann.sdk().calls.find((call) => call.method === 'renewToken')?.args).toEqual([tokens[1]]);
    cloud.hub.clock.advance(60_000);
    expect(ann.client.status.status).toBe('online');
  });

  it('tries the renewal again when the token endpoint fails at ZIM\'s warning, so the calls outlive one failed request', async () => {
    const cloud = new ZimCloud();
    let failNext = false;
    const ann = await online(cloud, 'ann', {
      token: async (id) => {
        if (failNext) {
          failNext = false;
          throw new Error('the token endpoint is down');
        }
        return cloud.issueToken(id, 120);
      },
    });
    const bob = await online(cloud, 'bob');
    const manager = new CallManager(ann.client, { changed: () => {}, notice: () => {}, history: () => {} }, {
      userID: 'ann', limits: { incoming: 3, outgoing: 1 },
    });
    await bob.client.request('callInvite', { invitees: ['ann'], config: { mode: CallMode.Advanced, timeout: 600 } });
    await until(() => manager.ongoing === 1);

    failNext = true;
    cloud.hub.clock.advance(90_000);
    await until(() => ann.sdk().calls.some((call) => call.method === 'renewToken'));
    cloud.hub.clock.advance(30_000);
    expect(ann.client.status.status).toBe('online');
    expect(ann.statuses).not.toContain('offline');
    expect(manager.ongoing).toBe(1);
  });

  it('signs in again with a fresh token when the old one expired unrenewed', async () => {
    const cloud = new ZimCloud();
    let endpointUp = true;
    const ann = await online(cloud, 'ann', {
      token: async (id) => {
        if (!endpointUp) throw new Error('the token endpoint is down');
        return cloud.issueToken(id, 60);
      },
    });
    endpointUp = false;
    cloud.hub.clock.advance(30_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    endpointUp = true;
    cloud.hub.clock.advance(30_000);
    await until(() => ann.client.status.status === 'online' && ann.statuses.includes('offline'));
    expect(ann.statuses.slice(-3)).toEqual(['offline', 'connecting', 'online']);
  });

  it('signs in once at a time, whatever asks for it while a sign-in is under way', async () => {
    const cloud = new ZimCloud();
    let tokenRequests = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ann = connect(cloud, 'ann', {
      backoff: { initialMs: 40, maxMs: 40 },
      token: async (id) => {
        tokenRequests += 1;
        // The first request fails, so that a retry is due; the second waits for the test.
        if (tokenRequests === 1) throw new Error('the token endpoint is down');
        await gate;
        return cloud.issueToken(id);
      },
    });
    await until(() => ann.client.status.status === 'offline');
    // ZIM reports the token expired before the retry is due: that sign-in starts now...
    ann.sdk().emit('connectionStateChanged', { state: 0, event: 5, extendedData: '' });
    await until(() => tokenRequests === 2);
    // ...and the retry, due while it waits for its token, does not start another.
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(tokenRequests).toBe(2);
    release();
    await until(() => ann.client.status.status === 'online');
    expect(tokenRequests).toBe(2);
  });

  it('names a wrong AppID, a refused token and an expired one, and stops retrying', async () => {
    const cloud = new ZimCloud();
    const wrongApp = connect(cloud, 'ann', { appID: 42 });
    await until(() => wrongApp.client.status.status === 'offline');
    expect(wrongApp.client.status).toEqual({
      status: 'offline', retryAt: null, final: true, error: 'ZEGOCLOUD does not know AppID 42 (6000003): check the AppID in the ZEGOCLOUD console',
    });

    const badToken = connect(cloud, 'ann', { token: async () => '04forged' });
    await until(() => badToken.client.status.status === 'offline');
    expect(badToken.client.status).toMatchObject({ retryAt: null, error: expect.stringContaining(`(6000103): the token endpoint must sign it with the ServerSecret of AppID ${TEST_APP_ID}`) });

    const stale = connect(cloud, 'ann', { token: async (id) => cloud.issueToken(id, 0) });
    await until(() => stale.client.status.status === 'offline');
    expect(stale.client.status).toMatchObject({ retryAt: null, error: 'the token endpoint gave ann a token that has already expired (6000106)' });
    // One retry with a fresh token before giving up.
    expect(stale.sdk().calls.filter((call) => call.method === 'login')).toHaveLength(2);
  });

  it('keeps retrying while the token endpoint fails, saying why', async () => {
    let up = false;
    const cloud = new ZimCloud();
    const ann = connect(cloud, 'ann', {
      token: async (id) => {
        if (!up) throw new Error('the token endpoint https://t.example/zego is not reachable: ECONNREFUSED');
        return cloud.issueToken(id);
      },
    });
    await until(() => ann.client.status.status === 'offline');
    expect(ann.client.status).toMatchObject({ error: expect.stringContaining('ECONNREFUSED'), retryAt: expect.any(Number) });
    up = true;
    await until(() => ann.client.status.status === 'online');
  });

  it('logs out, removes its listeners and destroys the SDK instance when closed', async () => {
    const ann = await online(new ZimCloud(), 'ann');
    ann.client.close();
    expect(ann.sdk().calls.slice(-2).map((call) => call.method)).toEqual(['logout', 'destroy']);
    expect(ann.client.status).toEqual({ status: 'closed' });
  });

  it('reports an SDK that cannot be loaded', async () => {
    const client = new ZimClient({ appID: 1, userID: 'ann', token: async () => 't', sdk: () => Promise.reject(new Error('no SDK here')) });
    clients.push(client);
    await until(() => client.status.status === 'offline');
    expect(client.status).toEqual({ status: 'offline', error: 'no SDK here', retryAt: null, final: true });
  });
});

describe('loading the SDK', () => {
  it('tries zego-zim-electron, then zego-zim-web, and names why each could not run (plain Node has no browser globals)', async () => {
    const attempt: Promise<ZimSdk> = loadZimSdk(TEST_APP_ID);
    await expect(attempt).rejects.toThrow(/zego-zim-electron: .*; zego-zim-web: .*\. Install zego-zim-electron/);
  });
});
