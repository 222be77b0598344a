import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../../shared/ipc/contract.js';
import { ExpressCloudDouble } from '../media/express/expressDouble.js';
import { FakeBridge } from '../testing/fakeBridge.js';
import { makeCall, makeState } from '../testing/fixtures.js';
import { useExpressSdkForTests, useMediaStore } from './media.js';
import { useSoftphoneStore } from './softphone.js';

const EXPRESS = { kind: 'zego-express', appID: 1234567, server: 'wss://webliveroom1234567-api.coolzcloud.com/ws' } as const;

function connectedWith(peer: string, path: AppState['mediaPath']): AppState {
  return makeState({
    version: 1,
    mediaPath: path,
    calls: [makeCall({ callID: '100', peer, phase: 'connected', media: { held: false, muted: false, heldBy: [], room: 'call_ann_1' } })],
  });
}

describe('the media store drives the engine the core names', () => {
  let cloud: ExpressCloudDouble;
  const stops: Array<() => void> = [];
  beforeEach(() => {
    setActivePinia(createPinia());
    cloud = new ExpressCloudDouble();
    useExpressSdkForTests(cloud.factory);
  });
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
  });

  function start() {
    const bridge = new FakeBridge();
    stops.push(useSoftphoneStore().connect(bridge), useMediaStore().connect(bridge));
    return bridge;
  }

  it('on the ZIM backend: ZEGO Express, with the token from the core, and a kit user leaving reported back', async () => {
    cloud.join('call_ann_1', 'ann');
    cloud.publish('call_ann_1', 'ann', 'ann-stream');
    const bridge = start();
    bridge.push(connectedWith('ann', EXPRESS));

    await expect.poll(() => bridge.mediaSent).toEqual([{ expressToken: 'wanted' }]);
    bridge.pushMedia({ expressToken: cloud.validToken });
    await expect.poll(() => cloud.engines[0]?.playing.has('ann-stream')).toBe(true);
    expect(cloud.membersOf('call_ann_1')).toEqual(['ann', 'alice']);

    cloud.leave('call_ann_1', 'ann');
    await expect.poll(() => bridge.mediaSent.at(-1)).toEqual({ roomLeft: { callID: '100', userID: 'ann' } });
  });

  it('on the hub backend: WebRTC, and the Express SDK is never created', async () => {
    const bridge = start();
    // aaron sorts before alice: her WebRTC side waits for his offer (happy-dom has no RTCPeerConnection).
    // The call connects after the first state: one connected in the first is taken over, with an offer.
    bridge.push(makeState({ version: 1, mediaPath: { kind: 'webrtc' } }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    bridge.push({ ...connectedWith('aaron', { kind: 'webrtc' }), version: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cloud.engines).toEqual([]);
    expect(bridge.mediaSent.some((message) => 'expressToken' in message)).toBe(false);
  });
});
