/** Incoming-call cards in the real app: stacked from the corner, capped with "+N more", reflowed. */
import { dial, lineCounter } from '../support/fixtures.js';
import { ELECTRON, expect, primaryWorkArea, test, visibleWindows, type WindowInfo } from './fixtures.js';

test.skip(ELECTRON.skip !== null, ELECTRON.skip ?? '');

const cards = (windows: WindowInfo[]): WindowInfo[] => windows.filter((window) => window.title.startsWith('Incoming call from '));

test('cards stack up from the work area corner, newest on top, five at most, then "+N more"; they reflow when a call ends', async ({ desktop }) => {
  const bob = await desktop.launch('bob', ['--incoming-limit', '8']);
  const main = await bob.firstWindow();
  const callers = await desktop.callers('alice', 'carol', 'dave', 'erin', 'frank', 'grace');
  const names = Object.keys(callers) as Array<keyof typeof callers>;
  for (const [index, name] of names.entries()) {
    await dial(callers[name], 'bob');
    // One at a time, so that arrival order is the order above.
    await expect(lineCounter(main)).toHaveText(`${index + 1} of 8 lines`);
  }

  await expect.poll(async () => cards(await visibleWindows(bob)).length).toBe(5);
  const area = await primaryWorkArea(bob);
  const stacked = cards(await visibleWindows(bob)).sort((a, b) => b.bounds.y - a.bounds.y);
  expect(stacked.map((card) => card.title)).toEqual(names.slice(0, 5).map((name) => `Incoming call from ${name}`));
  const [lowest] = stacked;
  expect(lowest!.bounds.x + lowest!.bounds.width).toBeLessThanOrEqual(area.x + area.width);
  expect(lowest!.bounds.y + lowest!.bounds.height).toBeLessThanOrEqual(area.y + area.height);
  expect(new Set(stacked.map((card) => card.bounds.x)).size).toBe(1);
  await expect.poll(async () => (await visibleWindows(bob)).map((window) => window.title)).toContain('1 more call ringing');

  // carol (slot 1) cancels: those above move down a slot, and grace, who had no card, gets the top one.
  await callers.carol.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(async () => cards(await visibleWindows(bob)).map((card) => card.title)).not.toContain('Incoming call from carol');
  await expect.poll(async () => cards(await visibleWindows(bob)).length).toBe(5);
  const reflowed = cards(await visibleWindows(bob)).sort((a, b) => b.bounds.y - a.bounds.y);
  expect(reflowed.map((card) => card.title)).toEqual(['alice', 'dave', 'erin', 'frank', 'grace'].map((name) => `Incoming call from ${name}`));
  expect(reflowed.map((card) => card.bounds)).toEqual(stacked.map((card) => card.bounds));
  expect((await visibleWindows(bob)).map((window) => window.title)).not.toContain('1 more call ringing');
});

test('a card never takes the focus from the main window, and ignores Enter until it is clicked', async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  const main = await bob.firstWindow();
  await bob.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((window) => window.getTitle() === 'Switchboard')?.focus());
  const focused = () => bob.evaluate(({ BrowserWindow }) => BrowserWindow.getFocusedWindow()?.getTitle() ?? null);
  await expect.poll(focused).toBe('Switchboard');

  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  await expect.poll(async () => cards(await visibleWindows(bob)).length).toBe(1);
  expect(await focused()).toBe('Switchboard');

  // As a compositor may do: the card gets the focus unasked, and a key typed for elsewhere lands in it.
  const card = bob.windows().find((page) => page.url().includes('view=incoming'));
  expect(card).toBeDefined();
  await bob.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((window) => window.getTitle() === 'Incoming call from alice')?.focus());
  await card!.keyboard.press('Enter');
  await main.waitForTimeout(1_000);
  await expect(alice.getByRole('region', { name: 'Calling bob' })).toBeVisible();

  // Clicked, it answers: Enter accepts.
  await card!.getByRole('dialog', { name: 'Incoming call from alice' }).click({ position: { x: 10, y: 10 } });
  await card!.keyboard.press('Enter');
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
});
