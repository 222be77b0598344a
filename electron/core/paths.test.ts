import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_FILE, userHistoryPath } from './paths.js';

describe('userHistoryPath', () => {
  it('keeps every user in a directory of their own under users/, the user IDs "." and ".." too', () => {
    const users = join('/data', 'Switchboard', 'users');
    expect(userHistoryPath(join('/data', 'Switchboard'), 'alice')).toBe(join(users, 'alice', HISTORY_FILE));
    // ".." would be the data directory itself, where the desktop app keeps its own history, and
    // "." users/ itself.
    const ids = ['.', '..', '...', '.alice', 'alice'];
    const paths = ids.map((userID) => userHistoryPath(join('/data', 'Switchboard'), userID));
    for (const path of paths) expect(dirname(dirname(path))).toBe(users);
    expect(new Set(paths).size).toBe(ids.length);
  });
});
