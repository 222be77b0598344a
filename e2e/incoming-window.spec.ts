/**
 * The desktop app's incoming-call window (renderer `?view=incoming`, 360 × 152 px, fixed by
 * electron/desktop/incomingWindows.ts), loaded in browser mode at that size: whatever the
 * caller's name and however many are invited, Accept and Decline stay whole inside it, and a
 * priority call's kicker and its "with …" line both show.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, incoming, test } from './support/fixtures.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));
const WINDOW = { width: 360, height: 152 };
const LONG = 'alexandria.montgomery@acme-corp';

/** Opens the card window of `caller`'s call in a new page of `board`'s browser context. */
async function cardWindow(board: Page, caller: string): Promise<Page> {
  const callID = await incoming(board, caller).getAttribute('data-incoming-card');
  if (!callID) throw new Error(`no call ID on ${caller}'s card`);
  const url = new URL(board.url());
  url.search = new URLSearchParams({ view: 'incoming', callID }).toString();
  const page = await board.context().newPage();
  await page.setViewportSize(WINDOW);
  await page.goto(url.toString());
  return page;
}

/** alice calls bob, who answers and adds carol to the call: carol's phone rings for bob. Returns bob's call. */
async function handOver(alice: Page, bob: Page, carol: Page): Promise<Locator> {
  await alice.getByRole('textbox', { name: 'Call user' }).fill('bob');
  await alice.getByRole('button', { name: 'Call', exact: true }).click();
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const bobCall = bob.getByRole('region', { name: 'Call with alice' });
  await bobCall.getByRole('button', { name: 'Add someone' }).click();
  await bobCall.getByRole('textbox', { name: 'Add to call' }).fill('carol');
  await bobCall.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(incoming(carol, 'bob')).toBeVisible();
  return bobCall;
}

async function expectWhollyInside(page: Page, name: string): Promise<void> {
  const card = await incoming(page, name).boundingBox();
  expect(card!.y + card!.height, "the card's bottom edge").toBeLessThanOrEqual(WINDOW.height);
  for (const button of ['Accept', 'Decline']) {
    const box = await page.getByRole('button', { name: `${button} call from ${name}` }).boundingBox();
    expect(box, `${button} is shown`).not.toBeNull();
    expect(box!.y + box!.height, `${button}'s bottom edge`).toBeLessThanOrEqual(WINDOW.height);
    expect(box!.x + box!.width, `${button}'s right edge`).toBeLessThanOrEqual(WINDOW.width);
  }
}

test('the card window keeps Accept and Decline whole for a long name and for a group call', async ({ switchboard }) => {
  const people = await switchboard.start({ bob: { incomingLimit: 3 }, carol: {}, [LONG]: {} });
  const { bob } = people;
  const caller = people[LONG];
  mkdirSync(ARTIFACTS, { recursive: true });

  // A long name: one line, cut with an ellipsis; the full name stays the window's accessible name.
  await caller.getByRole('textbox', { name: 'Call user' }).fill('bob');
  await caller.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(incoming(bob, LONG)).toBeVisible();
  const longWindow = await cardWindow(bob, LONG);
  await expect(incoming(longWindow, LONG)).toBeVisible();
  await expectWhollyInside(longWindow, LONG);
  await longWindow.screenshot({ path: `${ARTIFACTS}/card-window-long-name.png` });
  await caller.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(incoming(bob, LONG)).toHaveCount(0);

  // A group call adds "with …": the card still fits.
  await caller.getByRole('textbox', { name: 'Call user' }).fill('bob, carol');
  await caller.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(incoming(bob, LONG)).toBeVisible();
  const groupWindow = await cardWindow(bob, LONG);
  await expect(groupWindow.getByText('with carol')).toBeVisible();
  await expectWhollyInside(groupWindow, LONG);
  await groupWindow.screenshot({ path: `${ARTIFACTS}/card-window-group.png` });
});

test('a colleague handing over a caller: the card window says answering joins their call, and still fits', async ({ switchboard }) => {
  const { alice, bob, carol } = await switchboard.start({ alice: {}, bob: {}, carol: {} });
  mkdirSync(ARTIFACTS, { recursive: true });
  await handOver(alice, bob, carol);
  const card = await cardWindow(carol, 'bob');
  await expect(card.getByText('adding you to a call with alice')).toBeVisible();
  await expectWhollyInside(card, 'bob');
  await card.screenshot({ path: `${ARTIFACTS}/card-window-hand-over.png` });
});

test('a priority caller handing over a call: the card window shows "Priority call" and "adding you to a call with …" together, inside the window', async ({ switchboard }) => {
  const { alice, bob, carol } = await switchboard.start({ alice: {}, bob: {}, carol: {}, 'dave.montgomery-smith': {} });
  mkdirSync(ARTIFACTS, { recursive: true });
  await carol.getByRole('button', { name: 'Settings' }).click();
  const priority = carol.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'Priority callers' });
  await priority.getByRole('textbox', { name: 'Priority caller to add' }).fill('bob');
  await priority.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(priority.getByRole('list', { name: 'Priority callers' }).getByRole('listitem')).toHaveText([/bob/]);
  await carol.keyboard.press('Escape');

  const bobCall = await handOver(alice, bob, carol);
  const card = await cardWindow(carol, 'bob');
  const kicker = card.getByText('Priority call', { exact: true });
  const line = card.getByText('adding you to a call with alice', { exact: true });
  await expect(kicker).toBeVisible();
  await expect(line).toBeVisible();
  await expect(incoming(card, 'bob')).toHaveAccessibleDescription('Priority call adding you to a call with alice');
  await expectWhollyInside(card, 'bob');
  const [kickerBox, lineBox] = [(await kicker.boundingBox())!, (await line.boundingBox())!];
  expect(lineBox.x, 'the line starts after the kicker').toBeGreaterThanOrEqual(kickerBox.x + kickerBox.width);
  expect(lineBox.x + lineBox.width, "the line's right edge").toBeLessThanOrEqual(WINDOW.width);
  expect(lineBox.y + lineBox.height, "the line's bottom edge").toBeLessThanOrEqual(WINDOW.height);
  await card.screenshot({ path: `${ARTIFACTS}/card-window-priority-hand-over.png` });

  // Someone else still ringing makes the line longer than the window: cut with an ellipsis, whole in its tooltip.
  await bobCall.getByRole('textbox', { name: 'Add to call' }).fill('dave.montgomery-smith');
  await bobCall.getByRole('button', { name: 'Add', exact: true }).click();
  const longer = 'adding you to a call with alice; dave.montgomery-smith still ringing';
  const longLine = card.getByText(longer, { exact: true });
  await expect(longLine).toBeVisible();
  await expect(longLine).toHaveAttribute('title', longer);
  expect(await longLine.evaluate((element) => element.scrollWidth > element.clientWidth), 'the line is cut').toBe(true);
  const longBox = (await longLine.boundingBox())!;
  expect(longBox.x + longBox.width, "the longer line's right edge").toBeLessThanOrEqual(WINDOW.width);
  await expect(kicker).toBeVisible();
  await expectWhollyInside(card, 'bob');
});

test('a card window just shown takes no click for a moment: one meant for what was under it answers nothing', async ({ switchboard }) => {
  const { bob, carol } = await switchboard.start({ bob: {}, carol: {} });
  await carol.getByRole('textbox', { name: 'Call user' }).fill('bob');
  await carol.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(incoming(bob, 'carol')).toBeVisible();
  // Where the card's Accept will be, in the 360 × 152 window: found on a first card window.
  const first = await cardWindow(bob, 'carol');
  const accept = first.getByRole('button', { name: 'Accept call from carol' });
  await expect(accept).toBeVisible();
  const box = (await accept.boundingBox())!;
  await first.close();

  const card = await cardWindow(bob, 'carol');
  await expect(incoming(card, 'carol')).toBeVisible();
  await card.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  // The click came as the window showed: still ringing, and a moment later Accept answers.
  await expect(incoming(card, 'carol')).toBeVisible();
  await card.waitForTimeout(700);
  await expect(bob.getByRole('region', { name: 'Call with carol' })).toHaveCount(0);
  await card.getByRole('button', { name: 'Accept call from carol' }).click();
  await expect(bob.getByRole('region', { name: 'Call with carol' })).toBeVisible();
});
