import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventDataSchemas } from '../../../shared/protocol/hub.js';
import { expectOnlyTheSchemasYes, extendedData, mostly, someOf } from '../wireArbitraries.js';
import { fastInvitationReceived } from './fastEvents.js';

const text = mostly(fc.constantFrom('', 'bob', '1796014370555123456'));
const number = mostly(fc.oneof(fc.integer({ min: 0, max: 2 ** 53 + 2 }), fc.double({ noNaN: false })));
const callUser = someOf({ userID: text, state: mostly(fc.integer({ min: -2, max: 11 })), extendedData });
const received = mostly(
  someOf({
    callID: text,
    mode: mostly(fc.oneof(fc.constantFrom(0, 1, 1.5, 2 ** 53), fc.integer())),
    caller: text,
    inviter: text,
    extendedData,
    timeout: number,
    createTime: number,
    callUserList: mostly(fc.array(callUser, { maxLength: 3 })),
  }),
);

describe('the fast path in front of the event schema', () => {
  it('says yes to callInvitationReceived only where the schema does, with the same data', () => {
    expectOnlyTheSchemasYes(received, fastInvitationReceived, [eventDataSchemas.callInvitationReceived], 10_000);
  });

  it('takes the invitation the hub sends, as it was parsed', () => {
    const data = JSON.parse(
      '{"callID":"17","mode":1,"caller":"alice","inviter":"alice","extendedData":"","timeout":90,"createTime":1796014370555,'
      + '"callUserList":[{"userID":"alice","state":1,"extendedData":""},{"userID":"bob","state":0,"extendedData":""}]}',
    ) as unknown;
    expect(fastInvitationReceived(data)).toBe(data);
  });

  it('leaves to the schema what is not the exact shape: an extra key, a missing one, a wrong type', () => {
    const base = { callID: '17', mode: 1, caller: 'a', inviter: 'a', extendedData: '', timeout: 90, createTime: 1, callUserList: [] };
    expect(fastInvitationReceived(base)).toBe(base);
    expect(fastInvitationReceived({ ...base, pushConfig: {} })).toBeNull();
    expect(fastInvitationReceived({ ...base, timeout: undefined })).toBeNull();
    expect(fastInvitationReceived({ ...base, mode: 1.5 })).toBeNull();
    expect(fastInvitationReceived({ ...base, callUserList: [{ userID: 'b', state: 11, extendedData: '' }] })).toBeNull();
    expect(fastInvitationReceived({ ...base, callUserList: [{ userID: 'b', state: 0, extendedData: '', extra: 1 }] })).toBeNull();
    expect(fastInvitationReceived(JSON.parse('{"__proto__":{}}'))).toBeNull();
    expect(fastInvitationReceived([])).toBeNull();
  });
});
