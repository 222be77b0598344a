import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallView } from '../../../../shared/ipc/contract.js';
import { DEFAULT_AUDIO_SETTINGS, type MediaToCore } from '../../../../shared/ipc/audio.js';
import { makeCall } from '../../testing/fixtures.js';
import { ExpressCloudDouble, type ExpressSdkDouble } from './expressDouble.js';
import { ExpressEngine, streamIdFor } from './expressEngine.js';

const APP_ID = 1234567;
const SERVER = 'wss://webliveroom1234567-api.coolzcloud.com/ws';

/** Alice's engine on the cloud double; the core's side of the media stream answers token requests. */
function aliceOn(cloud: ExpressCloudDouble, token: string | { error: string } = cloud.validToken) {
  const sent: MediaToCore[] = [];
  let changes = 0;
  const engine: ExpressEngine = new ExpressEngine({
    self: 'alice',
    appID: APP_ID,
    server: SERVER,
    createSdk: cloud.factory,
    send: (message) => {
      sent.push(message);
      if ('expressToken' in message) {
        setTimeout(() => engine.receive(typeof token === 'string' ? { expressToken: token } : { expressTokenError: token.error }), 0);
      }
    },
    changed: () => void changes++,
    notice: () => undefined,
    log: () => undefined,
  });
  engines.push(engine);
  return { engine, sent, changes: () => changes, sdk: (): ExpressSdkDouble => cloud.engines[0]! };
}

function connected(callID: string, peer: string, room: string, media: Partial<CallView['media']> = {}): CallView {
  return makeCall({ callID, peer, phase: 'connected', media: { held: false, muted: false, heldBy: [], room, ...media } });
}

const engines: ExpressEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
});

describe('ExpressEngine on a ZEGO Express double', () => {
  it('logs in to the call room with the core\'s token, publishes the microphone and plays the kit user\'s stream', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('call_kit_1', 'ann');
    cloud.publish('call_kit_1', 'ann', 'call_kit_1_ann_main');
    const { engine, sent, sdk } = aliceOn(cloud);

    engine.update([connected('100', 'ann', 'call_kit_1')], DEFAULT_AUDIO_SETTINGS);

    await expect.poll(() => sdk()?.playing.has('call_kit_1_ann_main')).toBe(true);
    expect(sent).toEqual([{ expressToken: 'wanted' }]);
    expect(sdk().appID).toBe(APP_ID);
    expect(sdk().server).toBe(SERVER);
    expect(sdk().multiRoom).toBe(true);
    expect(cloud.membersOf('call_kit_1')).toEqual(['ann', 'alice']);
    await expect.poll(() => cloud.streamsIn('call_kit_1')).toContain(streamIdFor('call_kit_1', 'alice'));
    expect(sdk().microphoneMuted).toBe(false);
    expect(engine.status('100')).toEqual({ listenOnly: null, failed: [] });
  });

  it('plays a stream that appears after the login and stops playing one that goes (roomStreamUpdate ADD / DELETE)', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    const { engine, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => cloud.membersOf('room-a')).toContain('alice');

    cloud.publish('room-a', 'ann', 'ann-stream');
    await expect.poll(() => sdk().playing.has('ann-stream')).toBe(true);

    cloud.unpublish('room-a', 'ann-stream');
    await expect.poll(() => sdk().playing.has('ann-stream')).toBe(false);
  });

  it('holds by stopping both publishing and playing, and resumes both', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    cloud.publish('room-a', 'ann', 'ann-stream');
    const { engine, sdk } = aliceOn(cloud);
    const mine = streamIdFor('room-a', 'alice');
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => cloud.streamsIn('room-a')).toContain(mine);
    await expect.poll(() => sdk().playing.has('ann-stream')).toBe(true);

    engine.update([connected('100', 'ann', 'room-a', { held: true })], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => cloud.streamsIn('room-a')).toEqual(['ann-stream']);
    expect(sdk().playing.has('ann-stream')).toBe(false);
    expect(sdk().destroyed).toHaveLength(1);
    // Held is not gone: the room is kept, so that resuming needs no new login.
    expect(cloud.membersOf('room-a')).toContain('alice');

    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => cloud.streamsIn('room-a')).toContain(mine);
    await expect.poll(() => sdk().playing.has('ann-stream')).toBe(true);
  });

  it('does not play a stream whose start was still under way when the call was held', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    cloud.publish('room-a', 'ann', 'ann-stream');
    let started = (): void => undefined;
    cloud.setUp = (sdk) => {
      sdk.streamStarting = new Promise((resolve) => (started = resolve));
    };
    const elements: HTMLAudioElement[] = [];
    const NativeAudio = globalThis.Audio;
    globalThis.Audio = class extends NativeAudio {
      constructor() {
        super();
        elements.push(this);
      }
    };
    try {
      const { engine, sdk } = aliceOn(cloud);
      engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
      await expect.poll(() => sdk()?.playAsked).toEqual(['ann-stream']);

      // Held (answer-and-hold, say) while the stream starts over the network.
      engine.update([connected('100', 'ann', 'room-a', { held: true })], DEFAULT_AUDIO_SETTINGS);
      await expect.poll(() => cloud.streamsIn('room-a')).toEqual(['ann-stream']);
      started();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(sdk().playing.has('ann-stream')).toBe(false);
      expect(elements.filter((audio) => audio.srcObject !== null)).toEqual([]);
    } finally {
      globalThis.Audio = NativeAudio;
    }
  });

  it('publishes with voice processing as the settings say, and publishes afresh when it is turned off', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    const { engine, sdk } = aliceOn(cloud);
    const mine = streamIdFor('room-a', 'alice');
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => cloud.streamsIn('room-a')).toContain(mine);
    expect(sdk().streamSources).toEqual([{ camera: { audio: true, video: false, AEC: true, ANS: true, AGC: true } }]);

    engine.update([connected('100', 'ann', 'room-a')], { ...DEFAULT_AUDIO_SETTINGS, voiceProcessing: false });
    await expect.poll(() => sdk().streamSources).toHaveLength(2);
    expect(sdk().streamSources[1]).toEqual({ camera: { audio: true, video: false, AEC: false, ANS: false, AGC: false } });
    await expect.poll(() => sdk().destroyed).toHaveLength(1);
    await expect.poll(() => cloud.streamsIn('room-a')).toContain(mine);
  });

  it('publishes with the processing chosen last when it changes while the microphone opens', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    let opened = (): void => undefined;
    cloud.setUp = (sdk) => {
      sdk.streamOpening = new Promise((resolve) => (opened = resolve));
    };
    const { engine, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => sdk()?.streamSources).toHaveLength(1);

    engine.update([connected('100', 'ann', 'room-a')], { ...DEFAULT_AUDIO_SETTINGS, voiceProcessing: false });
    sdk().streamOpening = null;
    opened();
    await expect.poll(() => cloud.streamsIn('room-a')).toContain(streamIdFor('room-a', 'alice'));
    expect(sdk().streamSources.map((source) => source?.camera)).toEqual([
      { audio: true, video: false, AEC: true, ANS: true, AGC: true },
      { audio: true, video: false, AEC: false, ANS: false, AGC: false },
    ]);
    expect(sdk().destroyed).toHaveLength(1);
  });

  it('mutes with muteMicrophone, keeping the stream published', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    const { engine, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => sdk()?.microphoneMuted).toBe(false);

    engine.update([connected('100', 'ann', 'room-a', { muted: true })], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => sdk().microphoneMuted).toBe(true);
    expect(cloud.streamsIn('room-a')).toEqual([streamIdFor('room-a', 'alice')]);
  });

  it('is in two rooms at once with one held: only the live call publishes and plays (multi-room), and swapping moves both', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    cloud.publish('room-a', 'ann', 'ann-stream');
    cloud.join('room-b', 'bob');
    cloud.publish('room-b', 'bob', 'bob-stream');
    const { engine, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a', { held: true }), connected('200', 'bob', 'room-b')], DEFAULT_AUDIO_SETTINGS);

    await expect.poll(() => sdk()?.playing.has('bob-stream')).toBe(true);
    await expect.poll(() => [...sdk().rooms.keys()].sort()).toEqual(['room-a', 'room-b']);
    await expect.poll(() => cloud.streamsIn('room-b')).toContain(streamIdFor('room-b', 'alice'));
    expect(cloud.streamsIn('room-a')).toEqual(['ann-stream']);
    expect(sdk().playing.has('ann-stream')).toBe(false);

    // Swap: the core holds room-b's call and resumes room-a's.
    engine.update([connected('100', 'ann', 'room-a'), connected('200', 'bob', 'room-b', { held: true })], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => sdk().playing.has('ann-stream')).toBe(true);
    await expect.poll(() => cloud.streamsIn('room-a')).toContain(streamIdFor('room-a', 'alice'));
    await expect.poll(() => cloud.streamsIn('room-b')).toEqual(['bob-stream']);
    expect(sdk().playing.has('bob-stream')).toBe(false);
    expect(engine.openConnections).toBe(2);
  });

  it('stops everything and logs out of the room when the call ends', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    cloud.publish('room-a', 'ann', 'ann-stream');
    const { engine, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => sdk()?.playing.has('ann-stream')).toBe(true);
    await expect.poll(() => cloud.streamsIn('room-a')).toHaveLength(2);

    engine.update([], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => cloud.membersOf('room-a')).toEqual(['ann']);
    expect(cloud.streamsIn('room-a')).toEqual(['ann-stream']);
    expect(sdk().playing.size).toBe(0);
    expect(sdk().published.size).toBe(0);
    expect(sdk().destroyed).toHaveLength(1);
    expect(engine.openConnections).toBe(0);
  });

  it('reports a call member leaving the room to the core, and nobody else', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    cloud.publish('room-a', 'ann', 'ann-stream');
    const { engine, sent, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => sdk()?.playing.has('ann-stream')).toBe(true);
    // Someone in the room who is not in the call (not joined) is no hang-up.
    cloud.join('room-a', 'eve');
    cloud.leave('room-a', 'eve');

    cloud.leave('room-a', 'ann');

    await expect.poll(() => sent.filter((message) => 'roomLeft' in message)).toEqual([{ roomLeft: { callID: '100', userID: 'ann' } }]);
    expect(sdk().playing.has('ann-stream')).toBe(false);
  });

  it('shows "no audio — connection failed" for a refused login, and asks for a new token next time', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    const { engine, sent, sdk } = aliceOn(cloud);
    cloud.refuseLogin = { code: 1102016, msg: 'liveroom token error' };
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);

    await expect.poll(() => engine.status('100')).toEqual({ listenOnly: null, failed: ['ann'] });
    expect(sdk().rooms.size).toBe(0);

    engine.update([connected('200', 'ann', 'room-b')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => sdk().rooms.has('room-b')).toBe(true);
    expect(sent.filter((message) => 'expressToken' in message)).toHaveLength(2);
  });

  it.each(['RECONNECT_FAILED', 'KICKOUT'] as const)(
    'shows "no audio — connection failed" and lets the microphone go when Express gives up on the room (%s)',
    async (reason) => {
      const cloud = new ExpressCloudDouble();
      cloud.join('room-a', 'ann');
      cloud.publish('room-a', 'ann', 'ann-stream');
      const { engine, sdk } = aliceOn(cloud);
      const call = connected('100', 'ann', 'room-a');
      engine.update([call], DEFAULT_AUDIO_SETTINGS);
      await expect.poll(() => sdk()?.playing.has('ann-stream')).toBe(true);
      await expect.poll(() => sdk().published.size).toBe(1);

      sdk().loseRoom('room-a', reason, 1002099);

      await expect.poll(() => engine.status('100')).toEqual({ listenOnly: null, failed: ['ann'] });
      expect(sdk().playing.size).toBe(0);
      expect(sdk().destroyed).toHaveLength(1);
      // Later updates of the same call neither publish nor play in a room it is no longer in.
      engine.update([{ ...call, media: { ...call.media, muted: true } }], DEFAULT_AUDIO_SETTINGS);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(sdk().streamSources).toHaveLength(1);
      expect(engine.openConnections).toBe(1);
      engine.update([], DEFAULT_AUDIO_SETTINGS);
      expect(engine.openConnections).toBe(0);
    },
  );

  it('renews a room\'s token with a fresh one from the core when Express says it will expire', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    const { engine, sent, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => sdk()?.rooms.has('room-a')).toBe(true);

    sdk().tokenWillExpire('room-a');
    await expect.poll(() => sdk().renewed).toEqual([{ roomID: 'room-a', token: cloud.validToken }]);
    expect(sent.filter((message) => 'expressToken' in message)).toHaveLength(2);
  });

  it('gives up waiting for a token request the core never answers (lost on the way), and asks again for the next call', async () => {
    vi.useFakeTimers();
    try {
      const cloud = new ExpressCloudDouble();
      cloud.join('room-a', 'ann');
      cloud.join('room-b', 'bob');
      const asked: MediaToCore[] = [];
      let answer = false;
      const engine: ExpressEngine = new ExpressEngine({
        self: 'alice', appID: APP_ID, server: SERVER, createSdk: cloud.factory,
        // The first request is lost, as a message sent while the page's link to the core is down.
        send: (message) => {
          asked.push(message);
          if (answer) setTimeout(() => engine.receive({ expressToken: cloud.validToken }), 0);
        },
        changed: () => undefined, notice: () => undefined, log: () => undefined,
      });
      engines.push(engine);
      engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(engine.status('100').failed).toEqual([]);
      await vi.advanceTimersByTimeAsync(15_000);
      expect(engine.status('100')).toEqual({ listenOnly: null, failed: ['ann'] });

      answer = true;
      engine.update([connected('100', 'ann', 'room-a'), connected('200', 'bob', 'room-b')], DEFAULT_AUDIO_SETTINGS);
      await vi.advanceTimersByTimeAsync(100);
      expect(cloud.engines[0]!.rooms.has('room-b')).toBe(true);
      expect(asked).toEqual([{ expressToken: 'wanted' }, { expressToken: 'wanted' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tries a renewal again when the core has no fresh token at Express\'s warning, so the room outlives one failed request', async () => {
    vi.useFakeTimers();
    try {
      const cloud = new ExpressCloudDouble();
      cloud.join('room-a', 'ann');
      let requests = 0;
      const engine: ExpressEngine = new ExpressEngine({
        self: 'alice', appID: APP_ID, server: SERVER, createSdk: cloud.factory,
        // The second request, the renewal's, fails: the token endpoint is down for a moment.
        send: () => {
          requests += 1;
          const answer = requests === 2 ? { expressTokenError: 'the token endpoint answered HTTP 503 for alice' } : { expressToken: cloud.validToken };
          setTimeout(() => engine.receive(answer), 0);
        },
        changed: () => undefined, notice: () => undefined, log: () => undefined,
      });
      engines.push(engine);
      engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
      await vi.advanceTimersByTimeAsync(50);
      const sdk = cloud.engines[0]!;
      expect(sdk.rooms.has('room-a')).toBe(true);

      sdk.tokenWillExpire('room-a');
      await vi.advanceTimersByTimeAsync(50);
      expect(sdk.renewed).toEqual([]);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(sdk.renewed).toEqual([{ roomID: 'room-a', token: cloud.validToken }]);
      expect(requests).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the failure when the core has no token to give', async () => {
    const cloud = new ExpressCloudDouble();
    const { engine } = aliceOn(cloud, { error: 'the token endpoint https://tokens.example/ answered HTTP 500 for alice' });
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => engine.status('100').failed).toEqual(['ann']);
  });

  it('goes listen-only, saying why, when publishing fails or the microphone cannot be opened', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    cloud.publish('room-a', 'ann', 'ann-stream');
    cloud.setUp = (sdk) => {
      sdk.refusePublish = true;
    };
    const { engine, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => engine.status('100').listenOnly).toBe('publishing the microphone failed');
    // Listen-only still hears the other side.
    expect(sdk().playing.has('ann-stream')).toBe(true);
    expect(sdk().destroyed).toHaveLength(1);

    const second = new ExpressCloudDouble();
    second.join('room-b', 'bob');
    second.setUp = (sdk) => {
      sdk.microphoneError = { code: 1103065, msg: 'Permission denied' };
    };
    const other = aliceOn(second);
    other.engine.update([connected('200', 'bob', 'room-b')], DEFAULT_AUDIO_SETTINGS);
    await expect.poll(() => other.engine.status('200').listenOnly).toBe('the microphone could not be opened (Permission denied (ZEGO error 1103065))');
  });

  it('shows a publish that Express stops with an error', async () => {
    const cloud = new ExpressCloudDouble();
    cloud.join('room-a', 'ann');
    const { engine, sdk } = aliceOn(cloud);
    engine.update([connected('100', 'ann', 'room-a')], DEFAULT_AUDIO_SETTINGS);
    const mine = streamIdFor('room-a', 'alice');
    await expect.poll(() => sdk()?.published.has(mine)).toBe(true);

    sdk().publisherState(mine, 'NO_PUBLISH', 1103020);
    await expect.poll(() => engine.status('100').listenOnly).toBe('publishing the microphone failed (ZEGO error 1103020)');
  });

  it('leaves a call alone that has no room (the hub backend never sends one)', async () => {
    const cloud = new ExpressCloudDouble();
    const { engine, sent } = aliceOn(cloud);
    engine.update([makeCall({ callID: '100', peer: 'ann', phase: 'connected' })], DEFAULT_AUDIO_SETTINGS);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toEqual([]);
    expect(cloud.engines).toEqual([]);
  });
});
