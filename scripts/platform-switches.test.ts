import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSetuidRoot, machineProbe, platformSwitches, type PlatformProbe } from './platform-switches.mjs';

const HELPER = '/repo/node_modules/electron/dist/chrome-sandbox';

/** A Linux desktop user on X11 whose kernel allows user namespaces, unless told otherwise. */
function probe(more: Partial<PlatformProbe> = {}): PlatformProbe & { asked: string[] } {
  const asked: string[] = [];
  return {
    platform: 'linux',
    env: { DISPLAY: ':0', XDG_SESSION_TYPE: 'x11' },
    args: [],
    uid: 1000,
    userNamespaces: () => {
      asked.push('userNamespaces');
      return true;
    },
    setuidHelper: () => {
      asked.push('setuidHelper');
      return false;
    },
    helperPath: HELPER,
    asked,
    ...more,
  };
}

describe('platformSwitches: the sandbox', () => {
  it('adds nothing where user namespaces work', () => {
    expect(platformSwitches(probe())).toEqual({ switches: [], warnings: [] });
  });

  it('adds nothing where namespaces are restricted but chrome-sandbox is setuid root', () => {
    expect(platformSwitches(probe({ userNamespaces: () => false, setuidHelper: () => true }))).toEqual({ switches: [], warnings: [] });
  });

  it('adds --no-sandbox with a warning that says why and how to keep the sandbox when neither works (Ubuntu 23.10+)', () => {
    const { switches, warnings } = platformSwitches(probe({ userNamespaces: () => false }));
    expect(switches).toEqual(['--no-sandbox']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no unprivileged user namespaces');
    expect(warnings[0]).toContain(`sudo chmod 4755 ${HELPER}`);
  });

  it('adds --no-sandbox as root, without probing, and says so', () => {
    const root = probe({ uid: 0 });
    const { switches, warnings } = platformSwitches(root);
    expect(switches).toEqual(['--no-sandbox']);
    expect(warnings[0]).toContain('running as root');
    expect(root.asked).toEqual([]);
  });

  it('neither probes nor repeats when --no-sandbox was given', () => {
    const given = probe({ uid: 0, args: ['--user', 'bob', '--no-sandbox'], userNamespaces: () => false });
    expect(platformSwitches(given)).toEqual({ switches: [], warnings: [] });
    expect(given.asked).toEqual([]);
  });

  it('adds nothing on Windows or macOS', () => {
    for (const platform of ['win32', 'darwin']) {
      expect(platformSwitches(probe({ platform, uid: 0, userNamespaces: () => false, env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toEqual({ switches: [], warnings: [] });
    }
  });

});

describe('platformSwitches: Wayland', () => {
  it('runs as an X11 client under a Wayland session with XWayland', () => {
    for (const env of [{ XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0' }, { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':1' }]) {
      expect(platformSwitches(probe({ env }))).toEqual({ switches: ['--ozone-platform=x11'], warnings: [] });
    }
  });

  it('keeps a platform the person chose', () => {
    const env = { XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0' };
    expect(platformSwitches(probe({ env, args: ['--ozone-platform=wayland'] })).switches).toEqual([]);
    expect(platformSwitches(probe({ env, args: ['--ozone-platform', 'wayland'] })).switches).toEqual([]);
  });

  it('warns, and adds nothing, under Wayland without XWayland', () => {
    const { switches, warnings } = platformSwitches(probe({ env: { WAYLAND_DISPLAY: 'wayland-0' } }));
    expect(switches).toEqual([]);
    expect(warnings[0]).toContain('Wayland without XWayland');
  });
});

describe('machineProbe', () => {
  it('looks for chrome-sandbox next to the Electron executable, and reads its owner and setuid bit from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-sandbox-'));
    try {
      const helper = join(dir, 'chrome-sandbox');
      expect(machineProbe(join(dir, 'electron'), []).helperPath).toBe(helper);
      expect(isSetuidRoot(helper)).toBe(false);
      writeFileSync(helper, '');
      chmodSync(helper, 0o4755);
      // Setuid counts only when root owns the file, which is so here only when the test runs as root.
      expect(isSetuidRoot(helper)).toBe(process.getuid?.() === 0);
      chmodSync(helper, 0o755);
      expect(isSetuidRoot(helper)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
