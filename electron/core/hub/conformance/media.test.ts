/**
 * The hub's media relay (callMediaSignal, hub-only): signals pass between Accepted members of one
 * call, one target at a time, and are refused to everyone else with ZIM's usual codes, with
 * nothing delivered to anyone.
 */
import { describe, expect, it } from 'vitest';
import { CallMode } from '../../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../../shared/protocol/errors.js';
import { MAX_FRAME_BYTES } from '../../../../shared/protocol/hub.js';
import { MAX_SDP_CHARS } from '../../../../shared/protocol/media.js';
import { cast } from './cast.js';

const offer = { description: { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' } };
const candidate = { candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };

/** A calls B and C in advanced mode; B accepts unless told otherwise. */
function groupCall(accepted: Array<'B' | 'C'> = ['B']) {
  const parts = cast();
  const { A, B, C, D } = parts;
  const { callID } = A.ok('callInvite', { invitees: ['B', 'C'], config: { mode: CallMode.Advanced } });
  for (const name of accepted) (name === 'B' ? B : C).ok('callAccept', { callID, config: {} });
  for (const client of [A, B, C, D]) client.clear();
  return { ...parts, callID };
}

describe('conformance: media signaling between members of a call', () => {
  it('relays an offer, an answer and a candidate to the one member named, with who sent it', () => {
    const { A, B, C, D, callID } = groupCall();
    expect(A.ok('callMediaSignal', { callID, toUserID: 'B', signal: offer })).toEqual({ callID });
    expect(B.events('callMediaSignalReceived')).toEqual([{ callID, fromUserID: 'A', signal: offer }]);
    const answer = { description: { type: 'answer' as const, sdp: 'v=0\r\n' } };
    B.ok('callMediaSignal', { callID, toUserID: 'A', signal: answer });
    B.ok('callMediaSignal', { callID, toUserID: 'A', signal: candidate });
    expect(A.events('callMediaSignalReceived')).toEqual([
      { callID, fromUserID: 'B', signal: answer },
      { callID, fromUserID: 'B', signal: candidate },
    ]);
    // Nobody else hears any of it: not the ringing C, not the outsider D.
    expect(C.eventNames()).toEqual([]);
    expect(D.eventNames()).toEqual([]);
  });

  it('lets every pair of Accepted members of a group call signal each other (a mesh)', () => {
    const { A, B, C, callID } = groupCall(['B', 'C']);
    B.ok('callMediaSignal', { callID, toUserID: 'C', signal: offer });
    C.ok('callMediaSignal', { callID, toUserID: 'B', signal: candidate });
    expect(C.events('callMediaSignalReceived')).toEqual([{ callID, fromUserID: 'B', signal: offer }]);
    expect(B.events('callMediaSignalReceived')).toEqual([{ callID, fromUserID: 'C', signal: candidate }]);
    expect(A.eventNames()).toEqual([]);
  });

  it('refuses an outsider with 6000274, whoever the target', () => {
    const { A, B, D, callID } = groupCall();
    expect(D.fails('callMediaSignal', { callID, toUserID: 'A', signal: offer })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callMediaSignal: D is not in call ${callID}`,
    });
    expect(A.eventNames()).toEqual([]);
    expect(B.eventNames()).toEqual([]);
  });

  it('refuses signals to an outsider, to a member who has not accepted, and to oneself', () => {
    const { A, C, D, callID } = groupCall();
    expect(A.fails('callMediaSignal', { callID, toUserID: 'D', signal: offer })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callMediaSignal: D is not in call ${callID}`,
    });
    expect(A.fails('callMediaSignal', { callID, toUserID: 'C', signal: offer })).toEqual({
      code: ZimErrorCode.CallCommonError,
      message: `callMediaSignal: C is Received in call ${callID}; media flows only between Accepted members`,
    });
    expect(A.fails('callMediaSignal', { callID, toUserID: 'A', signal: offer }).code).toBe(ZimErrorCode.ParamsInvalid);
    expect(C.eventNames()).toEqual([]);
    expect(D.eventNames()).toEqual([]);
  });

  it('refuses a member before accepting, and after leaving', () => {
    const { A, B, C, callID } = groupCall();
    expect(C.fails('callMediaSignal', { callID, toUserID: 'A', signal: offer }).code).toBe(ZimErrorCode.CallCommonError);
    B.ok('callQuit', { callID, config: {} });
    A.clear();
    expect(B.fails('callMediaSignal', { callID, toUserID: 'A', signal: offer })).toEqual({
      code: ZimErrorCode.CallDoesNotExist,
      message: `callMediaSignal: B is Quit in call ${callID}; media flows only between Accepted members`,
    });
    expect(A.fails('callMediaSignal', { callID, toUserID: 'B', signal: offer }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(A.eventNames()).toEqual([]);
  });

  it('refuses signals for an ended or unknown call with 6000276', () => {
    const { A, B, callID } = groupCall();
    A.ok('callEnd', { callID, config: {} });
    B.clear();
    expect(A.fails('callMediaSignal', { callID, toUserID: 'B', signal: offer }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(A.fails('callMediaSignal', { callID: '123', toUserID: 'B', signal: offer }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(B.eventNames()).toEqual([]);
  });

  it('refuses malformed or oversized signals with 6000001, naming the field', () => {
    const { A, B, callID } = groupCall();
    const refused: Array<[unknown, string]> = [
      [{ callID, toUserID: 'B', signal: { description: { type: 'offer', sdp: 'x'.repeat(MAX_SDP_CHARS + 1) } } }, 'signal'],
      [{ callID, toUserID: 'B', signal: { description: { type: 'pranswer', sdp: 'v=0' } } }, 'signal'],
      [{ callID, toUserID: 'B', signal: { ...offer, ...candidate } }, 'signal'],
      [{ callID, toUserID: 'B', signal: {} }, 'signal'],
      [{ callID, toUserID: 'B', signal: { candidate: { candidate: 'x'.repeat(600), sdpMid: '0', sdpMLineIndex: 0 } } }, 'signal'],
      [{ callID, toUserID: 'B', signal: offer, extendedData: 'x' }, 'params'],
      [{ callID, toUserID: 'not a user!', signal: offer }, 'toUserID'],
      [{ callID, signal: offer }, 'toUserID'],
    ];
    for (const [params, field] of refused) {
      const error = A.fails('callMediaSignal', params);
      expect(error.code).toBe(ZimErrorCode.ParamsInvalid);
      expect(error.message).toMatch(new RegExp(`^callMediaSignal: ${field}`));
    }
    expect(B.eventNames()).toEqual([]);
    // The SDP bound keeps the largest valid signal well inside one hub frame.
    expect(MAX_SDP_CHARS + 1024).toBeLessThan(MAX_FRAME_BYTES);
  });
});
