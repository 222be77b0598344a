/**
 * Disk faults for the call log's tests, made for real: a directory nobody may write to, and a
 * file system that fills up. As root (CI), permissions do not stop anyone, so the directory is
 * made immutable (chattr +i) instead; a full disk is a small tmpfs mounted for the test. Where
 * the machine does not allow these, the test says why it skips.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = process.getuid?.() === 0;

/** Makes `path` unwritable; returns the undo, or a reason why it cannot be done here. */
export function makeReadOnly(path: string): (() => void) | string {
  if (process.platform === 'win32') return 'read-only directories are made with POSIX permissions, not on Windows';
  if (!isRoot) {
    chmodSync(path, 0o555);
    return () => chmodSync(path, 0o755);
  }
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'pipe' });
  } catch (error) {
    return `running as root, a read-only directory needs chattr +i, which failed: ${(error as Error).message.split('\n')[0]}`;
  }
  return () => execFileSync('chattr', ['-i', path], { stdio: 'pipe' });
}

/** Mounts a tmpfs of `size` (e.g. "512k") at a new directory; a reason string when it cannot. */
export function mountSmallDisk(size: string): { dir: string; unmount: () => void } | string {
  if (process.platform !== 'linux' || !isRoot) return 'a full disk is simulated with a small tmpfs, which needs root on Linux';
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `mounting a small tmpfs failed (${(error as Error).message.split('\n')[0]})`;
  }
  mkdirSync(join(dir, 'data'));
  return {
    dir: join(dir, 'data'),
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
