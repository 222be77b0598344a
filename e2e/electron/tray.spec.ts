/** The tray in the real app: its tooltip and menu follow the calls, and its menu answers them. */
import { dial } from '../support/fixtures.js';
import { ELECTRON, expect, test } from './fixtures.js';

test.skip(ELECTRON.skip !== null, ELECTRON.skip ?? '');

test('the tray says how busy bob is, lists the ringing call, and accepts it from the menu', async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  // Records what the app gives its tray; the menu is kept so that a test can click its items.
  await bob.evaluate(({ Tray }) => {
    const seen = globalThis as unknown as { tooltip?: string; menu?: Electron.Menu };
    const { setToolTip, setContextMenu } = Tray.prototype;
    Tray.prototype.setToolTip = function (tooltip) {
      seen.tooltip = tooltip;
      return setToolTip.call(this, tooltip);
    };
    Tray.prototype.setContextMenu = function (menu) {
      seen.menu = menu ?? undefined;
      return setContextMenu.call(this, menu);
    };
  });
  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');

  const tray = () =>
    bob.evaluate(() => {
      const seen = globalThis as unknown as { tooltip?: string; menu?: Electron.Menu };
      return { tooltip: seen.tooltip, labels: seen.menu?.items.map((item) => item.label) ?? [] };
    });
  await expect.poll(async () => (await tray()).tooltip).toBe('1 of 3 lines, 1 ringing');
  expect((await tray()).labels).toEqual(expect.arrayContaining(['Accept call from alice', 'Decline call from alice', 'Do not disturb', 'Quit Switchboard']));

  await bob.evaluate(() => {
    const seen = globalThis as unknown as { menu?: Electron.Menu };
    seen.menu?.items.find((item) => item.label === 'Accept call from alice')?.click();
  });
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
  await expect.poll(async () => (await tray()).tooltip).toBe('1 of 3 lines');
});

test("the tray menu's decline turns the call away: the caller sees it end", async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  await bob.evaluate(({ Tray }) => {
    const seen = globalThis as unknown as { menu?: Electron.Menu };
    const { setContextMenu } = Tray.prototype;
    Tray.prototype.setContextMenu = function (menu) {
      seen.menu = menu ?? undefined;
      return setContextMenu.call(this, menu);
    };
  });
  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  const labels = () => bob.evaluate(() => (globalThis as unknown as { menu?: Electron.Menu }).menu?.items.map((item) => item.label) ?? []);
  await expect.poll(labels).toContain('Decline call from alice');

  await bob.evaluate(() => {
    const seen = globalThis as unknown as { menu?: Electron.Menu };
    seen.menu?.items.find((item) => item.label === 'Decline call from alice')?.click();
  });
  await expect(alice.getByRole('region', { name: 'Calling bob' })).toHaveCount(0);
  await expect.poll(labels).not.toContain('Decline call from alice');
});
