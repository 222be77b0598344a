import { describe, expect, it } from 'vitest';
import { parseCommand } from './ipc/contract.js';
import { methodParams } from './protocol/hub.js';
import { describeIssue } from './protocol/issues.js';

// zod's mini build has no messages of its own ("Invalid input" for everything): shared/zod.ts sets
// the English ones, which name what was wrong and the limit it broke.
describe('schemas built through shared/zod.ts', () => {
  it('refuse with English messages that name the limit', () => {
    expect(parseCommand({ type: 'accept', callID: 'x'.repeat(21) })).toEqual({
      ok: false,
      error: 'invalid command: callID: Too big: expected string to have <=20 characters',
    });
    const invite = methodParams.callInvite.safeParse({ invitees: ['bob'], config: { timeout: 601 } });
    expect(describeIssue(invite.error?.issues[0])).toBe('config.timeout: Too big: expected number to be <=600');
    const login = methodParams.login.safeParse({ userID: 'alice', token: 7 });
    expect(describeIssue(login.error?.issues[0])).toBe('token: Invalid input: expected string, received number');
  });

  it('keep the messages a schema gives itself', () => {
    expect(parseCommand({ type: 'setLimits', incoming: 2.5 })).toEqual({ ok: false, error: 'Incoming limit: a limit must be a whole number' });
  });
});
