import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { busyCodes, busyNotice, decodeReason, encodeBusy, encodeDecline, ordinal } from './busy.js';

describe('busy-reason codec', () => {
  it('writes the reason field ZEGO call kits read, plus the code', () => {
    expect(JSON.parse(encodeBusy('call_limit_reached'))).toEqual({ reason: 'busy', code: 'call_limit_reached' });
    expect(JSON.parse(encodeDecline())).toEqual({ reason: 'decline' });
  });

  it('round-trips every busy code', () => {
    for (const code of busyCodes) expect(decodeReason(encodeBusy(code))).toEqual({ reason: 'busy', code });
  });

  it('reads a bare busy from another kit as busy with an unknown code, ignoring extra fields', () => {
    expect(decodeReason('{"reason":"busy","callID":"1","inviter_name":"x"}')).toEqual({ reason: 'busy', code: 'unknown' });
    expect(decodeReason('{"reason":"busy","code":"on_fire"}')).toEqual({ reason: 'busy', code: 'unknown' });
  });

  it('finds no reason in empty, non-JSON or unrelated extendedData', () => {
    for (const data of ['', 'busy', '{', '[1]', 'null', '{"reason":1}', '{"code":"do_not_disturb"}']) {
      expect(decodeReason(data)).toBeNull();
    }
  });

  it('never throws, whatever the peer sent', () => {
    fc.assert(fc.property(fc.string(), (data) => {
      decodeReason(data);
    }));
    fc.assert(fc.property(fc.json(), (data) => {
      decodeReason(data);
    }));
  });

  it('words the caller notice by code', () => {
    expect(busyNotice('bob', 'call_limit_reached')).toBe('bob is busy — call limit reached');
    expect(busyNotice('bob', 'do_not_disturb')).toBe('bob is busy — do not disturb');
    expect(busyNotice('bob', 'unknown')).toBe('bob is busy');
  });

  it('carries the caller\'s place in the callee\'s Callbacks list, and reads back only a sensible one', () => {
    expect(JSON.parse(encodeBusy('call_limit_reached', 2))).toEqual({ reason: 'busy', code: 'call_limit_reached', callback: { position: 2 } });
    expect(decodeReason(encodeBusy('do_not_disturb', 7))).toEqual({ reason: 'busy', code: 'do_not_disturb', position: 7 });
    expect(encodeBusy('call_limit_reached', null)).toBe(encodeBusy('call_limit_reached'));
    for (const position of [0, -1, 1.5, '2', null, 1e9, [2]]) {
      expect(decodeReason(JSON.stringify({ reason: 'busy', code: 'call_limit_reached', callback: { position } }))).toEqual({ reason: 'busy', code: 'call_limit_reached' });
    }
    expect(decodeReason('{"reason":"busy","callback":3}')).toEqual({ reason: 'busy', code: 'unknown' });
  });

  it('tells the caller their place when there is one', () => {
    expect(busyNotice('bob', 'call_limit_reached', 2)).toBe("bob is busy — call limit reached; you're 2nd in bob's callback list");
    expect(busyNotice('bob', 'unknown', 1)).toBe("bob is busy; you're 1st in bob's callback list");
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
  });
});
