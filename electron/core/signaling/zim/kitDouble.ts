/**
 * For tests: a user of ZEGO's web call kit on the ZIM SDK double, following the kit's rules as
 * docs/protocol.md ("ZEGO's call kits") records them:
 *
 * - an invitation's `canInvitingInCalling`, when it is a boolean, replaces the kit's own setting
 *   (default false) for that call;
 * - hanging up tells ZIM only when that setting is on: callQuit (callEnd only for the call's
 *   initiator with endCallWhenInitiatorLeave); otherwise the kit just leaves its media room;
 * - a refusal's reason is read only from a Rejected state in callUserStateChanged
 *   (`JSON.parse(extendedData).reason`); callInvitationEnded closes the waiting page as
 *   cancelled, whatever its extendedData says;
 * - its ringing page closes when the caller cancels (callInvitationCancelled) or the invitation
 *   times out (callInvitationTimeout).
 */
import { CallMode, CallUserState } from '../../../../shared/calls/enums.js';
import type { ZimCloud, ZimSdkDouble } from './sdkDouble.js';

export interface KitRefusal {
  callID: string;
  userID: string;
  /** What the kit makes of it: busy, declined, or (null) neither. */
  reason: 'busy' | 'decline' | null;
  extendedData: string;
}

export class WebKitUser {
  readonly userID: string;
  readonly sdk: ZimSdkDouble;
  /** Calls the kit rang for, by callID, with the in-call setting each one brought. */
  readonly ringing = new Map<string, { inviter: string; canInvitingInCalling: boolean }>();
  /** Refusals of the kit's own invitations, as its waiting page reads them. */
  readonly refusals: KitRefusal[] = [];
  /** Calls whose waiting page closed as "cancelled" (callInvitationEnded). */
  readonly cancelled: string[] = [];
  /** Calls whose ringing page closed without an answer, and why. */
  readonly closed: Array<{ callID: string; why: 'cancelled' | 'timeout' }> = [];
  readonly #canInvitingInCalling: boolean;
  readonly #joined = new Map<string, boolean>();

  private constructor(userID: string, sdk: ZimSdkDouble, canInvitingInCalling: boolean) {
    this.userID = userID;
    this.sdk = sdk;
    this.#canInvitingInCalling = canInvitingInCalling;
  }

  /** Signs a kit user in; `canInvitingInCalling` is the kit app's own setting. */
  static async signIn(cloud: ZimCloud, userID: string, canInvitingInCalling = false): Promise<WebKitUser> {
    const kit = new WebKitUser(userID, cloud.sdk(), canInvitingInCalling);
    kit.#listen();
    await kit.sdk.login(userID, { userName: userID, token: cloud.issueToken(userID), isOfflineLogin: false, customStatus: '', customStatusDuration: 0 });
    return kit;
  }

  /** Sends an invitation with the given kit extendedData, in the mode the kit's setting picks. */
  async invite(invitees: string[], extendedData: string): Promise<string> {
    const mode = this.#canInvitingInCalling ? CallMode.Advanced : CallMode.General;
    const { callID } = await this.sdk.callInvite(invitees, { mode, timeout: 60, extendedData });
    // The caller's kit waits in the call (its media room) from the start.
    this.#joined.set(callID, this.#canInvitingInCalling);
    return callID;
  }

  async accept(callID: string): Promise<void> {
    const call = this.ringing.get(callID);
    if (!call) throw new Error(`${this.userID} has no ringing call ${callID}`);
    await this.sdk.callAccept(callID, { extendedData: '' });
    this.ringing.delete(callID);
    this.#joined.set(callID, call.canInvitingInCalling);
  }

  /** Leaves a call it joined, telling ZIM only as the web kit does. */
  async hangUp(callID: string): Promise<void> {
    const canInvitingInCalling = this.#joined.get(callID);
    if (canInvitingInCalling === undefined) throw new Error(`${this.userID} is not in call ${callID}`);
    this.#joined.delete(callID);
    if (canInvitingInCalling) await this.sdk.callQuit(callID, { extendedData: '' });
  }

  #listen(): void {
    this.sdk.on('callInvitationReceived', (_zim, data) => {
      const sent = JSON.parse(data.extendedData) as { canInvitingInCalling?: unknown };
      const canInvitingInCalling = typeof sent.canInvitingInCalling === 'boolean' ? sent.canInvitingInCalling : this.#canInvitingInCalling;
      this.ringing.set(data.callID, { inviter: data.inviter, canInvitingInCalling });
    });
    this.sdk.on('callInvitationCancelled', (_zim, data) => this.#stopRinging(data.callID, 'cancelled'));
    this.sdk.on('callInvitationTimeout', (_zim, data) => this.#stopRinging(data.callID, 'timeout'));
    this.sdk.on('callUserStateChanged', (_zim, data) => {
      for (const user of data.callUserList) {
        if (user.userID === this.userID || user.state !== CallUserState.Rejected) continue;
        const reason = user.extendedData ? (JSON.parse(user.extendedData) as { reason?: unknown }).reason : null;
        this.refusals.push({
          callID: data.callID, userID: user.userID, reason: reason === 'busy' || reason === 'decline' ? reason : null, extendedData: user.extendedData,
        });
      }
    });
    this.sdk.on('callInvitationEnded', (_zim, data) => {
      this.cancelled.push(data.callID);
    });
  }

  #stopRinging(callID: string, why: 'cancelled' | 'timeout'): void {
    if (this.ringing.delete(callID)) this.closed.push({ callID, why });
  }
}
