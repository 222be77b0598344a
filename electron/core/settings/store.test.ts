import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeReadOnly } from '../storage/testDisk.js';
import { DEFAULT_SETTINGS, type Settings } from './schema.js';
import { SETTINGS_FILE, SettingsStore } from './store.js';

const NOW = new Date('2030-01-02T03:04:05.678Z');
const custom: Settings = { ...DEFAULT_SETTINGS, dnd: true, lastUser: 'bob', limits: { incoming: 6, outgoing: 2 } };

let dir: string;
let logged: string[];
const store = (): SettingsStore => new SettingsStore(dir, (line) => logged.push(line));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-settings-'));
  logged = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SettingsStore', () => {
  it('starts with the defaults, quietly, when there is no file yet', async () => {
    expect(await store().load(NOW)).toEqual({ settings: DEFAULT_SETTINGS, warning: null });
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves and loads back, creating the directory, leaving no temporary file', async () => {
    dir = join(dir, 'profiles', 'bob');
    await store().save(custom);
    expect(await store().load(NOW)).toEqual({ settings: custom, warning: null });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    if (process.platform !== 'win32') expect((await stat(join(dir, SETTINGS_FILE))).mode & 0o777).toBe(0o600);
  });

  it('is idle only once every save asked for has landed', async () => {
    const settings = store();
    void settings.save(custom);
    await settings.idle;
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'))).toEqual(custom);
  });

  it('keeps the last of several quick saves', async () => {
    const settings = store();
    await Promise.all([1, 2, 3, 4].map((incoming) => settings.save({ ...custom, limits: { incoming, outgoing: 1 } })));
    expect((await store().load(NOW)).settings.limits.incoming).toBe(4);
  });

  it('keeps a truncated file aside, starts with defaults, and says so', async () => {
    const damaged = JSON.stringify(custom).slice(0, 30);
    await writeFile(join(dir, SETTINGS_FILE), damaged);
    const { settings, warning } = await store().load(NOW);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    const aside = `${SETTINGS_FILE}.corrupt-2030-01-02T03-04-05-678Z`;
    expect(warning).toContain('not valid JSON');
    expect(warning).toContain('started with default settings');
    expect(warning).toContain(join(dir, aside));
    expect(logged).toEqual([warning]);
    expect(await readFile(join(dir, aside), 'utf8')).toBe(damaged);
    expect((await readdir(dir)).sort()).toEqual([SETTINGS_FILE, aside]);
  });

  it('keeps what was good from a partly bad file, and writes it back at once', async () => {
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ ...custom, dnd: 'yes' }));
    const { settings, warning } = await store().load(NOW);
    expect(settings).toEqual({ ...custom, dnd: false });
    expect(warning).toContain('dnd: ');
    expect(warning).toContain('defaults for those settings');
    expect(await store().load(NOW)).toEqual({ settings: { ...custom, dnd: false }, warning: null });
  });

  it('uses the defaults when the file cannot be read at all, and leaves it where it is', async () => {
    await writeFile(join(dir, 'not-a-dir'), '');
    const { settings, warning } = await new SettingsStore(join(dir, 'not-a-dir'), (line) => logged.push(line)).load(NOW);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warning).toMatch(/could not be read/);
  });

  it('logs a save that fails instead of throwing', async () => {
    await writeFile(join(dir, 'not-a-dir'), '');
    await new SettingsStore(join(dir, 'not-a-dir'), (line) => logged.push(line)).save(custom);
    expect(logged).toEqual([expect.stringMatching(/^saving .*settings\.json failed: /)]);
  });

  it('tells the user once when their changes cannot be saved, and again when saving works', async (context) => {
    await store().save(custom);
    const undo = makeReadOnly(dir);
    if (typeof undo === 'string') return context.skip(undo);
    const warnings: string[] = [];
    const settings = store();
    settings.warnWith((text) => warnings.push(text));
    try {
      await settings.save({ ...custom, dnd: false });
      await settings.save({ ...custom, dnd: true });
    } finally {
      undo();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`Your settings cannot be saved to ${join(dir, SETTINGS_FILE)}`);
    expect(warnings[0]).toContain('this run only');
    // The log has every failure.
    expect(logged).toHaveLength(2);
    await settings.save({ ...custom, limits: { incoming: 7, outgoing: 1 } });
    expect(warnings).toEqual([warnings[0], `Your settings are saved to ${join(dir, SETTINGS_FILE)} again.`]);
    expect((await store().load(NOW)).settings.limits.incoming).toBe(7);
  });

  it('tells the user about a save that failed before anyone listened, once someone does', async (context) => {
    await store().save(custom);
    const undo = makeReadOnly(dir);
    if (typeof undo === 'string') return context.skip(undo);
    const settings = store();
    try {
      await settings.save({ ...custom, dnd: false });
    } finally {
      undo();
    }
    const warnings: string[] = [];
    settings.warnWith((text) => warnings.push(text));
    expect(warnings).toEqual([expect.stringContaining('Your settings cannot be saved')]);
  });

  it('saves through a settings.json that is a link (kept with other dotfiles), leaving the link in place', async () => {
    const dotfiles = join(dir, 'dotfiles');
    await mkdir(dotfiles);
    await writeFile(join(dotfiles, 'switchboard.json'), JSON.stringify(custom));
    await symlink(join(dotfiles, 'switchboard.json'), join(dir, SETTINGS_FILE));
    await store().save({ ...custom, dnd: false });
    expect((await lstat(join(dir, SETTINGS_FILE))).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(join(dotfiles, 'switchboard.json'), 'utf8'))).toEqual({ ...custom, dnd: false });
    expect(await readdir(dotfiles)).toEqual(['switchboard.json']);
  });

  it('keeps the fields a newer version wrote when it saves', async () => {
    const newer = { ...custom, theme: { name: 'dark', contrast: 2 }, pinned: ['ann', 'bob'] };
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify(newer));
    const settings = store();
    const loaded = await settings.load(NOW);
    expect(loaded).toEqual({ settings: custom, warning: null });
    await settings.save({ ...custom, dnd: false });
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'))).toEqual({ ...newer, dnd: false });
  });

  it('keeps the fields a newer version wrote when it writes back a partly bad file', async () => {
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ ...custom, dnd: 'yes', theme: 'dark' }));
    await store().load(NOW);
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'))).toEqual({ ...custom, dnd: false, theme: 'dark' });
  });

  it('sets an unreadable settings file aside before anything is saved over it', async () => {
    // A settings.json that is a directory (a container's bind mount of a file that was missing).
    const unreadable = join(dir, SETTINGS_FILE);
    await mkdir(unreadable);
    await writeFile(join(unreadable, 'inside'), 'kept');
    const settings = store();
    const { settings: loaded, warning } = await settings.load(NOW);
    expect(loaded).toEqual(DEFAULT_SETTINGS);
    const aside = join(dir, `${SETTINGS_FILE}.unreadable-2030-01-02T03-04-05-678Z`);
    expect(warning).toContain(`${unreadable} could not be read (EISDIR`);
    expect(warning).toContain(`it was kept as ${aside}`);
    expect(await readFile(join(aside, 'inside'), 'utf8')).toBe('kept');
    await settings.save(custom);
    expect((await store().load(NOW)).settings).toEqual(custom);
  });

  it('sets aside a settings file its owner may not read, rather than saving defaults over it', async (context) => {
    if (process.getuid?.() === 0) return context.skip('root reads every file: a file its owner cannot read needs another user');
    const path = join(dir, SETTINGS_FILE);
    await writeFile(path, JSON.stringify(custom), { mode: 0o000 });
    const settings = store();
    const { warning } = await settings.load(NOW);
    const aside = `${path}.unreadable-2030-01-02T03-04-05-678Z`;
    expect(warning).toContain(`${path} could not be read (EACCES`);
    expect(warning).toContain(`it was kept as ${aside}`);
    await settings.save(DEFAULT_SETTINGS);
    await chmod(aside, 0o600);
    expect(JSON.parse(await readFile(aside, 'utf8'))).toEqual(custom);
  });
});
