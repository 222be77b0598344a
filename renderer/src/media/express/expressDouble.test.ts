/**
 * The Express double refuses what ZEGO Express refuses, so that no engine test passes on a
 * double kinder than the SDK.
 */
import { describe, expect, it } from 'vitest';
import { ExpressCloudDouble } from './expressDouble.js';

describe('the ZEGO Express double', () => {
  it('with multi-room on, refuses a publish that does not name its room, even while in one room (the typings: roomID "required once multi-room is on")', async () => {
    const cloud = new ExpressCloudDouble();
    const sdk = await cloud.factory(1, 'wss://example');
    expect(sdk.enableMultiRoom(true)).toBe(true);
    await sdk.loginRoom('room-a', cloud.validToken, { userID: 'alice', userName: 'alice' });
    const stream = await sdk.createStream({ camera: { audio: true, video: false } });
    expect(sdk.startPublishingStream('room-a_alice_main', stream)).toBe(false);
    expect(cloud.streamsIn('room-a')).toEqual([]);
    expect(sdk.startPublishingStream('room-a_alice_main', stream, { roomID: 'room-a' })).toBe(true);
    expect(cloud.streamsIn('room-a')).toEqual(['room-a_alice_main']);
  });

  it('without multi-room, publishes in the one room it is in', async () => {
    const cloud = new ExpressCloudDouble();
    const sdk = await cloud.factory(1, 'wss://example');
    await sdk.loginRoom('room-a', cloud.validToken, { userID: 'alice', userName: 'alice' });
    const stream = await sdk.createStream({ camera: { audio: true, video: false } });
    expect(sdk.startPublishingStream('room-a_alice_main', stream)).toBe(true);
  });
});
