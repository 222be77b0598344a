/**
 * The SDK double refuses what zego-zim-web refuses on the client (docs/zim-semantics.md,
 * scenario 6) and emits the SDK's local echoes, so that no test passes on a double kinder than
 * the SDK.
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallUserState } from '../../../../shared/calls/enums.js';
import { ZimCloud } from './sdkDouble.js';

async function signedIn(cloud: ZimCloud, userID: string) {
  const sdk = cloud.sdk();
  await sdk.login(userID, { userName: userID, token: cloud.issueToken(userID), isOfflineLogin: false, customStatus: '', customStatusDuration: 0 });
  return sdk;
}

describe('the ZIM SDK double checks a callInvite timeout as the web SDK does', () => {
  it.each([0, -5, 1.5, 601])('refuses timeout %s with 6000001', async (timeout) => {
    const cloud = new ZimCloud();
    await signedIn(cloud, 'bob');
    const ann = await signedIn(cloud, 'ann');
    await expect(ann.callInvite(['bob'], { mode: CallMode.General, timeout, extendedData: '' })).rejects.toEqual({
      code: 6000001, message: 'The config of timeout is invalid or its size exceeds 600.',
    });
  });

  it('takes 90 s when no timeout is given', async () => {
    const cloud = new ZimCloud();
    await signedIn(cloud, 'bob');
    const ann = await signedIn(cloud, 'ann');
    const config = { mode: CallMode.General, extendedData: '' } as unknown as Parameters<typeof ann.callInvite>[1];
    await expect(ann.callInvite(['bob'], config)).resolves.toMatchObject({ timeout: 90 });
  });
});

describe('the ZIM SDK double emits the state changes the SDK itself emits', () => {
  function record(sdk: Awaited<ReturnType<typeof signedIn>>, seen: string[]) {
    sdk.on('callUserStateChanged', (_zim, data) => {
      seen.push(`callUserStateChanged ${data.callUserList.map((user) => `${user.userID}:${user.state}`).join(',')}`);
    });
    sdk.on('callInvitationCreated', () => void seen.push('callInvitationCreated'));
    sdk.on('callInvitationTimeout', () => void seen.push('callInvitationTimeout'));
  }

  it('the caller\'s device: the call\'s users (caller Accepted, invitees Inviting) before callInvitationCreated, both before callInvite resolves', async () => {
    const cloud = new ZimCloud();
    await signedIn(cloud, 'bob');
    const ann = await signedIn(cloud, 'ann');
    const seen: string[] = [];
    record(ann, seen);
    await ann.callInvite(['bob'], { mode: CallMode.Advanced, timeout: 30, extendedData: '' }).then(() => seen.push('resolved'));
    expect(seen.slice(0, 2)).toEqual([`callUserStateChanged ann:${CallUserState.Accepted},bob:${CallUserState.Inviting}`, 'callInvitationCreated']);
    expect(seen.indexOf('resolved')).toBeGreaterThan(1);
  });

  it('an invitee who times out: its own Timeout state, then callInvitationTimeout', async () => {
    const cloud = new ZimCloud();
    const bob = await signedIn(cloud, 'bob');
    const ann = await signedIn(cloud, 'ann');
    const seen: string[] = [];
    await ann.callInvite(['bob'], { mode: CallMode.Advanced, timeout: 3, extendedData: '' });
    record(bob, seen);
    cloud.hub.clock.advance(3_000);
    await expect.poll(() => seen).toContain('callInvitationTimeout');
    expect(seen).toEqual([`callUserStateChanged bob:${CallUserState.Timeout}`, 'callInvitationTimeout']);
  });
});
