/**
 * For tests: the invitation extendedData ZEGO's call kits send, field for field, in each shape
 * docs/protocol.md lists ("ZEGO's call kits"). Written here once so that the reader's unit tests
 * and the interop tests on the ZIM SDK double speak to the same samples.
 */

export interface KitCaller {
  inviterID: string;
  inviterName: string;
  invitees: string[];
  /** 0 voice, 1 video, 2–4 live-streaming co-host invitations. */
  type: number;
}

/** The web kit: the details in `data`, its in-call invitation settings beside them. */
export function webKitInvitation(caller: KitCaller, canInvitingInCalling = false): string {
  const data = JSON.stringify({
    call_id: `call_${caller.inviterID}_1760000000000`,
    invitees: caller.invitees.map((userID) => ({ user_id: userID, user_name: userID.toUpperCase() })),
    inviter: { id: caller.inviterID, name: caller.inviterName },
    type: caller.type,
    custom_data: '',
  });
  return JSON.stringify({
    inviter_name: caller.inviterName,
    type: caller.type,
    data,
    canInvitingInCalling,
    onlyInitiatorCanInvite: false,
    endCallWhenInitiatorLeave: false,
  });
}

/** The inner data of the Flutter kits' invitations. */
function flutterData(caller: KitCaller): string {
  return JSON.stringify({
    call_id: `call_${caller.inviterID}_1726040168792`,
    inviter_name: caller.inviterName,
    invitees: caller.invitees.map((userID) => ({ user_id: userID, user_name: userID.toUpperCase() })),
    timeout: 60,
    custom_data: '',
    v: 'f1.0',
  });
}

/** The Flutter kits without in-call invitations (general mode). */
export function flutterBasicInvitation(caller: KitCaller): string {
  return JSON.stringify({ inviter_id: caller.inviterID, inviter_name: caller.inviterName, type: caller.type, data: flutterData(caller) });
}

/** The Flutter kits with canInvitingInCalling (advanced mode): their own fields, and the web kit's. */
export function flutterAdvancedInvitation(caller: KitCaller): string {
  const data = flutterData(caller);
  return JSON.stringify({
    inviter: { id: caller.inviterID, name: caller.inviterName },
    invitees: caller.invitees,
    type: caller.type,
    custom_data: data,
    inviter_id: caller.inviterID,
    inviter_name: caller.inviterName,
    data,
  });
}

/** A live-streaming co-host invitation (request, invitation or removal), as the web kit sends it. */
export function coHostInvitation(inviterName: string, type: 2 | 3 | 4): string {
  return JSON.stringify({ inviter_name: inviterName, type, data: '' });
}
