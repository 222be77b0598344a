import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { mintToken } from '../auth/token.js';
import { startHub, type RunningHub } from '../hub/server.js';
import { HubError } from '../../../shared/protocol/errors.js';
import { HubClient, parseHubUrl } from './hubClient.js';
import type { SignalingStatus } from './port.js';

const SECRET = 'hub-client-test-secret-0123';
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function client(url: string, userID: string, secret = SECRET): HubClient {
  const hubClient = new HubClient({
    url,
    userID,
    token: () => mintToken(secret, userID, Date.now()),
    backoff: { initialMs: 50, maxMs: 200 },
  });
  cleanup.push(() => hubClient.close());
  return hubClient;
}

function until(hubClient: HubClient, wanted: SignalingStatus['status']): Promise<SignalingStatus> {
  return new Promise((resolve) => {
    if (hubClient.status.status === wanted) return resolve(hubClient.status);
    const stop = hubClient.onStatus((status) => {
      if (status.status !== wanted) return;
      stop();
      resolve(status);
    });
  });
}

/** A stand-in hub on a free port that does what `onConnection` says; resolves to its ws:// URL. */
async function rawHub(onConnection: (ws: WebSocket) => void): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', onConnection);
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function hub(port = 0): Promise<RunningHub> {
  const running = await startHub({ secret: SECRET, port });
  cleanup.push(() => running.close());
  return running;
}

describe('HubClient', () => {
  it('names what is wrong with a malformed hub URL', () => {
    expect(() => parseHubUrl('localhost:4000')).toThrow('malformed hub URL "localhost:4000": it must start with ws:// or wss://');
    expect(() => parseHubUrl('not a url')).toThrow('malformed hub URL "not a url": expected ws://host:port or wss://host:port');
    expect(() => parseHubUrl('http://127.0.0.1:4000')).toThrow(/must start with ws:\/\//);
    expect(parseHubUrl('ws://127.0.0.1:4000')).toBe('ws://127.0.0.1:4000/');
  });

  it('says a server that is not a hub is not one: a web page on the port, or clear text under wss://', async () => {
    const web = createServer((_request, response) => response.end('<html>a web page</html>'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => web.close(resolve)));
    const page = await until(client(`ws://127.0.0.1:${(web.address() as AddressInfo).port}`, 'alice'), 'offline');
    expect(page).toMatchObject({ error: expect.stringMatching(/ is not a Switchboard hub: it answered with HTTP 200 instead of a WebSocket$/) });

    const running = await hub();
    const tls = await until(client(`wss://127.0.0.1:${running.port}`, 'alice'), 'offline');
    expect(tls).toMatchObject({ error: `wss://127.0.0.1:${running.port}/ does not speak TLS: use ws:// for a hub that serves clear text` });
  });

  it('shows a hub that is down at start as offline with a retry time, and comes online when it starts', async () => {
    const gone = await startHub({ secret: SECRET });
    await gone.close();
    const port = gone.port;
    const hubClient = client(`ws://127.0.0.1:${port}`, 'alice');
    const offline = await until(hubClient, 'offline');
    expect(offline).toMatchObject({ status: 'offline', error: expect.stringContaining('not reachable (connection refused)') });
    expect(offline.status === 'offline' && offline.retryAt).toBeGreaterThan(Date.now() - 1000);
    await expect(hubClient.request('callInvite', { invitees: ['bob'], config: {} })).rejects.toThrow('not connected to the hub');
    await hub(port);
    expect(await until(hubClient, 'online')).toEqual({ status: 'online', userID: 'alice' });
  });

  it('reconnects and signs in again after the hub restarts', async () => {
    const first = await hub();
    const hubClient = client(first.url, 'alice');
    await until(hubClient, 'online');
    await first.close();
    await until(hubClient, 'offline');
    await hub(first.port);
    await until(hubClient, 'online');
    const other = client(first.url, 'bob');
    await until(other, 'online');
    const sent = await other.request('callInvite', { invitees: ['alice'], config: {} });
    expect(sent.errorUserList).toEqual([]);
  });

  it('stays offline for good, with the reason, when its token is refused: signing in again cannot change that', async () => {
    const running = await hub();
    const hubClient = client(running.url, 'alice', 'a-different-secret-entirely');
    const statuses: string[] = [];
    hubClient.onStatus((status) => statuses.push(status.status));
    const offline = await until(hubClient, 'offline');
    expect(offline.status === 'offline' && offline.error).toMatch(/^the hub refused to sign in alice: login: .*token/i);
    expect(offline).toMatchObject({ retryAt: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statuses.filter((status) => status === 'connecting')).toEqual([]);
  });

  it('stops for good when the hub will not take the user ID (it differs only in case from a signed-in user)', async () => {
    const running = await hub();
    await until(client(running.url, 'alice'), 'online');
    const offline = await until(client(running.url, 'ALICE'), 'offline');
    expect(offline).toMatchObject({ retryAt: null, error: expect.stringMatching(/differs only in case/) });
  });

  it('delivers events with their payload and rejects failed requests with the ZIM code', async () => {
    const running = await hub();
    const alice = client(running.url, 'alice');
    const bob = client(running.url, 'bob');
    await Promise.all([until(alice, 'online'), until(bob, 'online')]);
    const received = new Promise((resolve) => bob.on('callInvitationReceived', resolve));
    const { callID } = await alice.request('callInvite', { invitees: ['bob'], config: { timeout: 30, extendedData: 'x' } });
    expect(await received).toMatchObject({ callID, caller: 'alice', inviter: 'alice', extendedData: 'x' });
    // The message names the method once, as the hub wrote it.
    await expect(bob.request('callCancel', { invitees: ['bob'], callID, config: {} })).rejects.toMatchObject({
      code: 6000273,
      message: `callCancel: bob is not the caller of call ${callID}`,
    });
  });

  it('says when a refusal that passes with time will have passed, as the hub told it', async () => {
    const running = await hub();
    const alice = client(running.url, 'alice');
    const bob = client(running.url, 'bob');
    await Promise.all([until(alice, 'online'), until(bob, 'online')]);
    const ringing = new Promise((resolve) => bob.on('callInvitationReceived', resolve));
    const { callID } = await alice.request('callInvite', { invitees: ['bob'], config: {} });
    await ringing;
    await bob.request('callReject', { callID, config: {} });
    const refused = await alice.request('callInvite', { invitees: ['bob'], config: {} }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HubError);
    expect(refused).toMatchObject({ code: 6000005, message: expect.stringMatching(/^callInvite: nobody to invite: bob declined alice just now/) });
    // The hub's first wait after a decline is 5 s, counted from the decline.
    expect((refused as HubError).retryAfterMs).toBeGreaterThan(3_000);
    expect((refused as HubError).retryAfterMs).toBeLessThanOrEqual(5_000);
  });

  it('tells a refusal whose wait is not a whole number of milliseconds from 0 to an hour without the wait', async () => {
    const waits: unknown[] = [-1, 1.5, '5000', 3_600_001, 3_600_000];
    const url = await rawHub((ws) => {
      let next = 0;
      ws.on('message', (data) => {
        const { id, method } = JSON.parse(String(data)) as { id: number; method: string };
        if (method === 'login') ws.send(JSON.stringify({ id, result: {} }));
        else ws.send(JSON.stringify({ id, error: { code: 6000005, message: 'wait', retryAfterMs: waits[next++] } }));
      });
    });
    const lines: string[] = [];
    const hubClient = new HubClient({ url, userID: 'alice', token: () => 't', log: (line) => lines.push(line) });
    cleanup.push(() => hubClient.close());
    await until(hubClient, 'online');
    const told: unknown[] = [];
    for (const _ of waits) {
      const refused = await hubClient.request('queryCallInvitationList', { config: { count: 1 } }).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 6000005, message: 'queryCallInvitationList: wait' });
      told.push((refused as HubError).retryAfterMs);
    }
    expect(told).toEqual([undefined, undefined, undefined, undefined, 3_600_000]);
    expect(lines).toEqual(Array(4).fill('hub sent a queryCallInvitationList error with a malformed retryAfterMs; ignored it'));
  });

  it('carries media signals between two members of a call, and drops a malformed one', async () => {
    const running = await hub();
    const alice = client(running.url, 'alice');
    const bob = client(running.url, 'bob');
    await Promise.all([until(alice, 'online'), until(bob, 'online')]);
    const ringing = new Promise((resolve) => bob.on('callInvitationReceived', resolve));
    const { callID } = await alice.request('callInvite', { invitees: ['bob'], config: { mode: 1 } });
    await ringing;
    const signal = { candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    // Before bob accepts, the hub refuses: media flows only between Accepted members.
    await expect(alice.request('callMediaSignal', { callID, toUserID: 'bob', signal })).rejects.toMatchObject({ code: 6000270 });
    await bob.request('callAccept', { callID, config: {} });
    const received = new Promise((resolve) => bob.on('callMediaSignalReceived', resolve));
    await expect(alice.request('callMediaSignal', { callID, toUserID: 'bob', signal })).resolves.toEqual({ callID });
    expect(await received).toEqual({ callID, fromUserID: 'alice', signal });
  });

  it('reads every frame of a batched message and skips, with a log line, the ones it cannot use', async () => {
    // A hub that answers the login with one message of several frames, some of them broken.
    const url = await rawHub((ws) => {
      ws.once('message', (data) => {
        const { id } = JSON.parse(String(data)) as { id: number };
        const ended = { callID: '1', mode: 1, caller: 'bob', operatedUserID: 'bob', extendedData: '', endTime: 5 };
        ws.send([
          'not json',
          '[1, 2]',
          JSON.stringify({ id, oops: true }),
          JSON.stringify({ id, result: {} }),
          JSON.stringify({ event: 'callInvitationEnded', data: { callID: 7 } }),
          JSON.stringify({ event: 'callInvitationEnded', data: ended }),
        ].join('\n'));
      });
    });
    const lines: string[] = [];
    const hubClient = new HubClient({ url, userID: 'alice', token: () => 't', log: (line) => lines.push(line) });
    cleanup.push(() => hubClient.close());
    const ended = new Promise((resolve) => hubClient.on('callInvitationEnded', resolve));
    await until(hubClient, 'online');
    expect(await ended).toMatchObject({ callID: '1', caller: 'bob' });
    expect(lines).toEqual([
      'hub sent a frame that is not JSON; ignored',
      'hub sent a frame that is not a JSON object; ignored',
      'hub sent a login reply with neither result nor error; ignored',
      'hub sent a malformed callInvitationEnded event; ignored',
    ]);
  });

  it('ignores events named after what every object inherits (a hostile hub), and reads the frames after them', async () => {
    const url = await rawHub((ws) => {
      ws.once('message', (data) => {
        const { id } = JSON.parse(String(data)) as { id: number };
        const ended = { callID: '1', mode: 1, caller: 'bob', operatedUserID: 'bob', extendedData: '', endTime: 5 };
        ws.send(JSON.stringify({ id, result: { userID: 'alice', serverTime: 1 } }));
        ws.send(
          ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']
            .map((event) => JSON.stringify({ event, data: {} }))
            .concat(JSON.stringify({ event: 'callInvitationEnded', data: ended }))
            .join('\n'),
        );
      });
    });
    const hubClient = client(url, 'alice');
    const ended = new Promise((resolve) => hubClient.on('callInvitationEnded', resolve));
    await until(hubClient, 'online');
    expect(await ended).toMatchObject({ callID: '1', caller: 'bob' });
    expect(hubClient.status.status).toBe('online');
  });

  it('keeps calls through a lost connection as long as the hub said at sign-in, and not at all where it said nothing usable', async () => {
    for (const [said, kept] of [[45_000, 45_000], [undefined, 0], [-1, 0], ['30000', 0], [1.5, 0]] as const) {
      const url = await rawHub((ws) => {
        ws.once('message', (data) => {
          const { id } = JSON.parse(String(data)) as { id: number };
          ws.send(JSON.stringify({ id, result: { userID: 'alice', serverTime: 1, reconnectGraceMs: said } }));
        });
      });
      const hubClient = client(url, 'alice');
      await until(hubClient, 'online');
      expect(hubClient.reconnectGraceMs).toBe(kept);
      hubClient.close();
    }
  });

  it('sends the requests of one turn as one message, one per line', async () => {
    const messages: string[][] = [];
    const url = await rawHub((ws) => {
      ws.on('message', (data) => {
        const frames = String(data).split('\n').map((line) => JSON.parse(line) as { id: number });
        messages.push(frames.map((frame) => JSON.stringify(frame)));
        ws.send(frames.map(({ id }) => JSON.stringify({ id, result: { callInvitationList: [], nextFlag: 0 } })).join('\n'));
      });
    });
    const hubClient = client(url, 'alice');
    await until(hubClient, 'online');
    const query = () => hubClient.request('queryCallInvitationList', { config: { count: 1, nextFlag: 0 } });
    await Promise.all([query(), query(), query()]);
    // The login went alone; the three queries of one turn went together.
    expect(messages.map((frames) => frames.length)).toEqual([1, 3]);
  });

  it('refuses a callInvite reply without the fields a caller reads, naming what is missing', async () => {
    const url = await rawHub((ws) => {
      ws.on('message', (data) => {
        const { id, method } = JSON.parse(String(data)) as { id: number; method: string };
        ws.send(JSON.stringify({ id, result: method === 'login' ? { userID: 'alice', serverTime: 1 } : { callID: '7', timeout: 30 } }));
      });
    });
    const hubClient = client(url, 'alice');
    await until(hubClient, 'online');
    await expect(hubClient.request('callInvite', { invitees: ['bob'], config: {} })).rejects.toThrow(
      /^callInvite: the hub sent a malformed reply \(errorUserList: /,
    );
  });
});
