import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnownUsers, rememberKnownUser } from './knownUsers.js';
import { TestHub } from './testkit.js';

let dir: string;
let file: string;
let logged: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-known-'));
  file = join(dir, 'hub-users');
  logged = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the known users file', () => {
  it('ends a last line left without its line break (a crash, a full disk, an edit), so the next user is not glued to it', () => {
    writeFileSync(file, 'alice\nbob\ncarol');
    expect(loadKnownUsers(file, (line) => logged.push(line))).toEqual(['alice', 'bob', 'carol']);
    rememberKnownUser(file, 'dave', (line) => logged.push(line));
    expect(loadKnownUsers(file, () => {})).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(readFileSync(file, 'utf8')).toBe('alice\nbob\ncarol\ndave\n');
    expect(logged).toEqual([]);
  });

  it('reads a whole file quietly, and a missing one as empty', () => {
    writeFileSync(file, 'alice\nbob\n');
    expect(loadKnownUsers(file, (line) => logged.push(line))).toEqual(['alice', 'bob']);
    expect(loadKnownUsers(join(dir, 'none'), (line) => logged.push(line))).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('makes a data directory that does not exist yet, owner only, so that the users met are kept', () => {
    const nested = join(dir, 'data', 'switchboard', 'hub-users');
    expect(loadKnownUsers(nested, (line) => logged.push(line))).toEqual([]);
    expect(statSync(join(dir, 'data', 'switchboard')).mode & 0o777).toBe(0o700);
    rememberKnownUser(nested, 'alice', (line) => logged.push(line));
    rememberKnownUser(nested, 'bob', (line) => logged.push(line));
    expect(logged).toEqual([]);
    expect(loadKnownUsers(nested, () => {})).toEqual(['alice', 'bob']);
    expect(statSync(nested).mode & 0o777).toBe(0o600);
  });

  it('says once, naming the file, when its directory cannot be made, and the hub does not try again for each user', () => {
    writeFileSync(join(dir, 'plain'), '');
    const file = join(dir, 'plain', 'hub-users');
    expect(loadKnownUsers(file, (line) => logged.push(line))).toBeNull();
    expect(logged).toEqual([expect.stringMatching(/^cannot keep the users met in .*plain\/hub-users, so they are forgotten when the hub stops: /)]);
    logged = [];
    const hub = new TestHub({ knownUsersFile: file, log: (line) => logged.push(line) });
    hub.login('alice');
    hub.login('bob');
    expect(logged.filter((line) => line.startsWith('cannot'))).toEqual([expect.stringMatching(/^cannot keep the users met in /)]);
  });
});
