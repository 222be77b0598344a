import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { methodParams } from '../../../shared/protocol/hub.js';
import { expectOnlyTheSchemasYes, extendedData, mostly, someOf } from '../wireArbitraries.js';
import { fastInviteParams, fastOperationParams } from './fastParams.js';

const userID = fc.oneof(
  { arbitrary: fc.constantFrom('bob', 'a.b@c-d_e', 'x'.repeat(32)), weight: 6 },
  { arbitrary: fc.oneof(fc.constantFrom('no spaces', '', 'x'.repeat(33), 1, null, {}, ['bob']), fc.string({ maxLength: 4 })), weight: 1 },
);

const inviteParams = mostly(
  someOf({
    invitees: mostly(fc.oneof(fc.array(userID, { maxLength: 3 }), fc.constant(Array.from({ length: 65 }, (_, i) => `u${i}`)))),
    config: mostly(
      someOf({ timeout: mostly(fc.integer({ min: 0, max: 601 })), mode: mostly(fc.constantFrom(0, 1, 2)), extendedData, enableNotReceivedCheck: mostly(fc.boolean()) }),
    ),
  }),
);
const operationParams = mostly(
  someOf({
    callID: mostly(fc.constantFrom('1', '12345678901234567890', '123456789012345678901', '')),
    config: mostly(someOf({ extendedData })),
  }),
);

describe('the fast path in front of the parameter schemas', () => {
  it('says yes to callInvite only where the schema does, with the same result', () => {
    expectOnlyTheSchemasYes(inviteParams, fastInviteParams, [methodParams.callInvite], 10_000);
  });

  it('says yes to callEnd, callAccept, callReject, callJoin and callQuit only where the schema does, with the same result', () => {
    const answers = (['callEnd', 'callAccept', 'callReject', 'callJoin', 'callQuit'] as const).map((method) => methodParams[method]);
    expectOnlyTheSchemasYes(operationParams, fastOperationParams, answers, 5000);
  });

  it('takes the requests the softphone and the call kits send, and fills in the defaults', () => {
    expect(fastInviteParams({ invitees: ['bob'], config: { mode: 1, timeout: 90, extendedData: '' } })).toEqual({
      invitees: ['bob'], config: { timeout: 90, mode: 1, extendedData: '', enableNotReceivedCheck: false },
    });
    expect(fastInviteParams({ invitees: ['bob', 'carol'], config: {} })).toEqual({
      invitees: ['bob', 'carol'], config: { timeout: 90, mode: 0, extendedData: '', enableNotReceivedCheck: false },
    });
    expect(fastOperationParams({ callID: '17', config: { extendedData: '{"reason":"busy"}' } })).toEqual({
      callID: '17', config: { extendedData: '{"reason":"busy"}' },
    });
    expect(fastOperationParams({ callID: '17', config: {} })).toEqual({ callID: '17', config: { extendedData: '' } });
  });

  it('leaves to the schema what it does not check itself: a pushConfig, an unknown key, anything wrong', () => {
    expect(fastInviteParams({ invitees: ['bob'], config: { pushConfig: { title: 'x' } } })).toBeNull();
    expect(fastInviteParams({ invitees: ['bob'], config: {}, priority: 1 })).toBeNull();
    expect(fastInviteParams({ invitees: ['no spaces'], config: {} })).toBeNull();
    expect(fastInviteParams({ invitees: ['bob'], config: { timeout: 601 } })).toBeNull();
    expect(fastInviteParams(JSON.parse('{"invitees":["bob"],"config":{},"__proto__":{}}'))).toBeNull();
    expect(fastOperationParams({ callID: '17', config: { extendedData: 'x'.repeat(2049) } })).toBeNull();
    expect(fastOperationParams({ callID: '17' })).toBeNull();
    expect(fastOperationParams([])).toBeNull();
  });
});
