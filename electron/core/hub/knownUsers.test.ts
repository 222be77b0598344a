import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnownUsers, rememberKnownUser } from './knownUsers.js';

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

  it('creates a data directory that does not exist yet, private, rather than forgetting every user', () => {
    const nested = join(dir, 'data', 'switchboard', 'hub-users');
    rememberKnownUser(nested, 'alice', (line) => logged.push(line));
    rememberKnownUser(nested, 'bob', (line) => logged.push(line));
    expect(logged).toEqual([]);
    expect(loadKnownUsers(nested, () => {})).toEqual(['alice', 'bob']);
    expect(statSync(join(dir, 'data', 'switchboard')).mode & 0o777).toBe(0o700);
    expect(statSync(nested).mode & 0o777).toBe(0o600);
  });

  it('says which user it could not remember, and where, when the directory cannot be made', () => {
    writeFileSync(join(dir, 'plain'), '');
    rememberKnownUser(join(dir, 'plain', 'hub-users'), 'alice', (line) => logged.push(line));
    expect(logged).toEqual([expect.stringMatching(/^cannot remember alice in .*plain\/hub-users: /)]);
  });
});
