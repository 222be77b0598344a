import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { dataDirProblem, defaultDataDir, HISTORY_FILE, userHistoryPath } from './paths.js';

describe('defaultDataDir', () => {
  it('refuses a SWITCHBOARD_DATA_DIR with a leading ~, which nothing expands, naming it and the path meant', () => {
    expect(() => defaultDataDir({ SWITCHBOARD_DATA_DIR: '~/sb' })).toThrow(`SWITCHBOARD_DATA_DIR="~/sb": a leading ~ is not expanded here; give the whole path, e.g. ${join(homedir(), 'sb')}`);
    expect(defaultDataDir({ SWITCHBOARD_DATA_DIR: '/srv/sb~1' })).toBe('/srv/sb~1');
    expect([dataDirProblem('~'), dataDirProblem('~bob/x'), dataDirProblem('./~')]).toEqual([expect.any(String), null, null]);
  });
});

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
