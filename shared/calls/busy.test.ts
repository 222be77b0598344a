import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { busyCodes, busyNotice, decodeReason, encodeBusy, encodeDecline } from './busy.js';

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
});
