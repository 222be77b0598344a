/**
 * The Chromium switches `npm start` adds on Linux, decided from what a probe of the machine found
 * (types in platform-switches.d.mts). Both exist because Electron's defaults fail there:
 *
 * - The sandbox. Chromium sandboxes with unprivileged user namespaces, or else with the setuid
 *   helper chrome-sandbox, which in node_modules is never owned by root. Ubuntu 23.10 and later
 *   restrict user namespaces (AppArmor), so the start dies with "The SUID sandbox helper binary
 *   was found, but is not configured correctly". Like the AppImage launcher electron-builder
 *   writes, we try `unshare -Ur true`, and add --no-sandbox, with a warning, only when neither
 *   way can work (or when running as root, where Chromium refuses its sandbox).
 * - Wayland. Electron uses it by default, and there windows cannot place themselves or stay on
 *   top, so the incoming-call cards would pile up in the middle of the screen. Under a Wayland
 *   session that also runs XWayland (DISPLAY is set), the app runs as an X11 client instead.
 */

import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The probe of this machine, for the Electron executable at `electronPath`. */
export function machineProbe(electronPath, args) {
  const helperPath = join(dirname(electronPath), 'chrome-sandbox');
  return {
    platform: process.platform,
    env: process.env,
    args,
    uid: process.getuid?.(),
    // What electron-builder's AppImage launcher runs; a missing `unshare` counts as no.
    userNamespaces: () => spawnSync('unshare', ['-Ur', 'true'], { stdio: 'ignore' }).status === 0,
    setuidHelper: () => isSetuidRoot(helperPath),
    helperPath,
  };
}

export function isSetuidRoot(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && stat.uid === 0 && (stat.mode & 0o4000) !== 0;
}

/** @returns {{ switches: string[]; warnings: string[] }} */
export function platformSwitches(probe) {
  if (probe.platform !== 'linux') return { switches: [], warnings: [] };
  const switches = [];
  const warnings = [];
  const given = (name) => probe.args.some((arg) => arg === name || arg.startsWith(`${name}=`));

  if (!given('--no-sandbox')) {
    if (probe.uid === 0) {
      switches.push('--no-sandbox');
      warnings.push("running as root, where Chromium's sandbox cannot run: starting with --no-sandbox");
    } else if (!probe.userNamespaces() && !probe.setuidHelper()) {
      switches.push('--no-sandbox');
      warnings.push(
        'this system allows no unprivileged user namespaces (Ubuntu 23.10 and later restrict them) and ' +
          `${probe.helperPath} is not setuid root: starting with --no-sandbox, so the app's pages run without ` +
          "Chromium's sandbox. To keep it: sudo chown root:root " + `${probe.helperPath} && sudo chmod 4755 ${probe.helperPath}`,
      );
    }
  }

  const wayland = probe.env.XDG_SESSION_TYPE === 'wayland' || Boolean(probe.env.WAYLAND_DISPLAY);
  if (wayland && !given('--ozone-platform')) {
    if (probe.env.DISPLAY) switches.push('--ozone-platform=x11');
    else {
      warnings.push(
        'Wayland without XWayland: incoming-call cards cannot place themselves or stay on top, ' +
          'and global shortcuts may not work; the main window still lists every ringing call',
      );
    }
  }
  return { switches, warnings };
}
