import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EXTENDED_DATA } from '../protocol/hub.js';
import { decodeReason, encodeBusy, encodeDecline } from './busy.js';
import { encodeKitInvitation, readKitInvitation } from './zegoKit.js';
import { coHostInvitation, flutterAdvancedInvitation, flutterBasicInvitation, webKitInvitation } from './zegoKitSamples.js';

const ann = { inviterID: 'ann', inviterName: 'Ann Lee', invitees: ['bob'], type: 1 };
const kitInvitation = webKitInvitation(ann);
const flutterBasic = flutterBasicInvitation({ ...ann, invitees: ['bob', 'cy'] });
const flutterAdvanced = flutterAdvancedInvitation({ ...ann, type: 0 });

describe('ZEGO call kit invitations', () => {
  it('reads the web kit\'s invitation: caller name, call type and invitees', () => {
    expect(readKitInvitation(kitInvitation)).toEqual({
      inviterName: 'Ann Lee', inviterID: 'ann', callType: 'video', isCall: true, fromSwitchboard: false, invitees: ['bob'],
      roomID: 'call_ann_1760000000000',
    });
  });

  it('reads an older web kit invitation without inviter in data, and a voice call', () => {
    const data = JSON.stringify({ call_id: 'c1', invitees: [{ user_id: 'bob', user_name: 'Bob' }], custom_data: '' });
    expect(readKitInvitation(JSON.stringify({ inviter_name: 'Ann', type: 0, data }))).toEqual({
      inviterName: 'Ann', inviterID: null, callType: 'voice', isCall: true, fromSwitchboard: false, invitees: ['bob'], roomID: 'c1',
    });
  });

  it('reads the Flutter kits\' basic shape, whose data holds inviter_name, invitees, timeout and v', () => {
    expect(readKitInvitation(flutterBasic)).toEqual({
      inviterName: 'Ann Lee', inviterID: 'ann', callType: 'video', isCall: true, fromSwitchboard: false, invitees: ['bob', 'cy'],
      roomID: 'call_ann_1726040168792',
    });
  });

  it('reads the Flutter kits\' advanced shape: inviter object, plain-ID invitees, custom_data and the web fields', () => {
    expect(readKitInvitation(flutterAdvanced)).toEqual({
      inviterName: 'Ann Lee', inviterID: 'ann', callType: 'voice', isCall: true, fromSwitchboard: false, invitees: ['bob'],
      roomID: 'call_ann_1726040168792',
    });
    // Only the outer fields of the Flutter advanced shape, with plain IDs and no web copy.
    const bare = JSON.stringify({ inviter: { id: 'ann', name: 'Ann' }, invitees: ['bob', 'cy'], type: 1, custom_data: '' });
    expect(readKitInvitation(bare)).toEqual({
      inviterName: 'Ann', inviterID: 'ann', callType: 'video', isCall: true, fromSwitchboard: false, invitees: ['bob', 'cy'],
    });
  });

  it('reads call_id as the Express room only when Express takes it as a room ID', () => {
    const withRoom = (call_id: unknown) => JSON.stringify({ inviter_name: 'Ann', type: 0, data: JSON.stringify({ call_id }) });
    expect(readKitInvitation(withRoom('call_ann_1'))?.roomID).toBe('call_ann_1');
    expect(readKitInvitation(withRoom('r'.repeat(128)))?.roomID).toBe('r'.repeat(128));
    for (const bad of ['', 'has space', 'r'.repeat(129), 'caf\u00e9', 7, null]) expect(readKitInvitation(withRoom(bad))?.roomID).toBeUndefined();
  });

  it('takes invitees as plain IDs or {user_id, user_name}, skipping what is neither', () => {
    const data = JSON.stringify({ call_id: 'c', invitees: ['bob', { user_id: 'cy', user_name: 'Cy' }, 7, { user_name: 'x' }, ''] });
    expect(readKitInvitation(JSON.stringify({ inviter_name: 'Ann', type: 0, data }))?.invitees).toEqual(['bob', 'cy']);
    const many = JSON.stringify({ call_id: 'c', invitees: Array.from({ length: 50 }, (_, i) => `u${i}`) });
    expect(readKitInvitation(JSON.stringify({ inviter_name: 'Ann', type: 0, data: many }))?.invitees).toHaveLength(9);
  });

  it('tells the live-streaming co-host invitations (types 2 to 4) from calls', () => {
    for (const type of [2, 3, 4] as const) {
      expect(readKitInvitation(coHostInvitation('Host', type))).toMatchObject({ inviterName: 'Host', isCall: false, callType: null });
    }
    expect(readKitInvitation(JSON.stringify({ inviter_name: 'Ann', data: '' }))).toMatchObject({ isCall: true, callType: null });
  });

  it('writes invitations every kit can parse: the web fields, the Flutter basic ones, and the hang-up flag', () => {
    const written = JSON.parse(encodeKitInvitation({ userID: 'bob', name: 'bob' }, ['ann', 'cy'], 'room-1', 45)) as Record<string, unknown>;
    expect(written).toEqual({
      inviter_id: 'bob', inviter_name: 'bob', type: 0, data: expect.any(String),
      canInvitingInCalling: true, onlyInitiatorCanInvite: false, endCallWhenInitiatorLeave: false, switchboard: 1,
    });
    expect(JSON.parse(written.data as string)).toEqual({
      call_id: 'room-1',
      invitees: [{ user_id: 'ann', user_name: 'ann' }, { user_id: 'cy', user_name: 'cy' }],
      inviter: { id: 'bob', name: 'bob' },
      inviter_name: 'bob',
      type: 0,
      timeout: 45,
      custom_data: '',
    });
    expect(readKitInvitation(encodeKitInvitation({ userID: 'bob', name: 'Bob B' }, ['ann'], 'r', 90))).toEqual({
      inviterName: 'Bob B', inviterID: 'bob', callType: 'voice', isCall: true, fromSwitchboard: true, invitees: ['ann'], roomID: 'r',
    });
  });

  it('fits the largest group invitation (9 invitees, the longest user IDs) in the extendedData a hub takes', () => {
    const longest = (n: number) => `${n}`.padStart(32, 'u');
    const invitees = Array.from({ length: 9 }, (_, i) => longest(i));
    const written = encodeKitInvitation({ userID: longest(99), name: longest(99) }, invitees, `call_${longest(99)}_1760000000000_local-1`, 600);
    expect(written.length).toBeLessThanOrEqual(MAX_EXTENDED_DATA);
  });

  it('marks a call-back in the kits\' custom_data, which a kit passes on untouched, and reads it back', () => {
    const text = encodeKitInvitation({ userID: 'bob', name: 'bob' }, ['ann'], 'r', 90, { callback: true });
    const outer = JSON.parse(text) as { type: number; data: string };
    // What a kit reads is unchanged: a voice call with its data.
    expect(outer.type).toBe(0);
    expect((JSON.parse(outer.data) as { custom_data: string }).custom_data).toBe('{"callback":true}');
    expect(readKitInvitation(text)?.callback).toBe(true);
    // A kit's own custom_data, or none, is not a call-back.
    for (const custom of ['', 'later', '{"callback":"yes"}', '{"callback":1}']) {
      expect(readKitInvitation(JSON.stringify({ inviter_name: 'Ann', type: 0, data: JSON.stringify({ custom_data: custom }) }))?.callback).toBeUndefined();
    }
  });

  it('finds nothing in extendedData that is not a kit invitation', () => {
    for (const data of ['', 'x', '{', '[]', '{"reason":"busy"}', '{"inviter_name":5}', encodeBusy('call_limit_reached')]) {
      expect(readKitInvitation(data)).toBeNull();
    }
  });

  it('keeps a name that is usable on screen: no control or format characters, bounded', () => {
    expect(readKitInvitation(JSON.stringify({ inviter_name: '\u0007 Eve\n', type: 0 }))?.inviterName).toBe('Eve');
    // A right-to-left override would make "Eve" show a name she did not send.
    expect(readKitInvitation(JSON.stringify({ inviter_name: 'Eve\u202Egnp.exe', type: 0 }))?.inviterName).toBe('Evegnp.exe');
    // The joiners that emoji and many scripts need stay.
    expect(readKitInvitation(JSON.stringify({ inviter_name: 'می\u200Cخواهم 👩\u200D💻', type: 0 }))?.inviterName).toBe('می\u200Cخواهم 👩\u200D💻');
    expect(readKitInvitation(JSON.stringify({ inviter_name: 'x'.repeat(500), type: 0 }))?.inviterName).toHaveLength(64);
    expect(readKitInvitation(JSON.stringify({ inviter_name: ' ', type: 0 }))?.inviterName).toBeNull();
  });

  it('tolerates a data field that is not JSON', () => {
    expect(readKitInvitation(JSON.stringify({ inviter_name: 'Ann', type: 0, data: 'nope' }))).toEqual({
      inviterName: 'Ann', inviterID: null, callType: 'voice', isCall: true, fromSwitchboard: false, invitees: [],
    });
  });

  it('never throws, whatever the peer sent', () => {
    fc.assert(fc.property(fc.string(), (data) => {
      readKitInvitation(data);
    }));
    fc.assert(fc.property(fc.json(), (data) => {
      readKitInvitation(data);
    }));
  });
});

describe('busy and decline between Switchboard and the kits', () => {
  it('reads the kits\' refusals (ZimManager.refuseInvitation) as busy and decline', () => {
    expect(decodeReason('{"reason":"busy"}')).toEqual({ reason: 'busy', code: 'unknown' });
    expect(decodeReason('{"custom_data":"later","reason":"decline"}')).toEqual({ reason: 'decline' });
    // A kit's cancel carries no reason.
    expect(decodeReason('{"call_id":"call_ann_1","operation_type":"cancel_invitation"}')).toBeNull();
  });

  it('answers in the form the kits read: JSON whose reason is "busy" or "decline"', () => {
    // The kits do `JSON.parse(extendedData).reason === "busy"` (busy) and treat anything else as a decline.
    expect((JSON.parse(encodeBusy('call_limit_reached')) as { reason: string }).reason).toBe('busy');
    expect((JSON.parse(encodeBusy('do_not_disturb')) as { reason: string }).reason).toBe('busy');
    expect((JSON.parse(encodeDecline()) as { reason: string }).reason).toBe('decline');
  });

  it('keeps reason "busy" for the kits when the busy answer also carries the caller\'s callback position', () => {
    const text = encodeBusy('call_limit_reached', 2);
    expect(text).toBe('{"reason":"busy","code":"call_limit_reached","callback":{"position":2}}');
    // What a kit does with it: JSON.parse, then read `reason` only.
    const kitReads = (extendedData: string): 'busy' | 'declined' => ((JSON.parse(extendedData) as { reason?: unknown }).reason === 'busy' ? 'busy' : 'declined');
    expect(kitReads(text)).toBe('busy');
    expect(kitReads(encodeBusy('do_not_disturb', 1))).toBe('busy');
    // And a kit's plain busy still reads here as busy, with no position.
    expect(decodeReason('{"reason":"busy"}')).toEqual({ reason: 'busy', code: 'unknown' });
  });
});
