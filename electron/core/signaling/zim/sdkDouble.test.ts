/**
 * The SDK double refuses what zego-zim-web refuses on the client, so that no test passes on a
 * double kinder than the SDK (docs/zim-semantics.md, scenario 6).
 */
import { describe, expect, it } from 'vitest';
import { CallMode } from '../../../../shared/calls/enums.js';
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
