/**
 * A chosen microphone that goes away mid-call (a headset unplugged): the call falls back to the
 * default microphone, goes on being heard, and the app says so. Chromium's fake devices cannot be
 * unplugged, so the page's device list is made to lose the chosen one and told that devices
 * changed, as the browser does when a headset is pulled out; everything else is the real engine.
 */
import type { Page } from '@playwright/test';
import { dial, incoming } from './support/fixtures.js';
import { expect, hears, sentProcessing, test } from './support/voice.js';

const ALICE_HZ = 440;
const BOB_HZ = 660;
const AUDIO = { timeout: 20_000, intervals: [250, 500, 1000] };

/** The little of the page this test reaches into (the e2e project compiles without DOM types). */
interface PageDevices {
  navigator: {
    mediaDevices: {
      enumerateDevices(): Promise<Array<{ kind: string; deviceId: string }>>;
      dispatchEvent(event: unknown): boolean;
    };
  };
  Event: new (type: string) => unknown;
  HTMLMediaElement: { prototype: { setSinkId(id: string): Promise<void>; sinkId: string } };
  __sinks?: string[];
}

/** Picks the first device after the default in Settings' `label` list, closes Settings, and returns its ID. */
async function chooseOtherDevice(page: Page, label: 'Microphone' | 'Speaker'): Promise<string> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const list = page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: label });
  await expect.poll(async () => (await list.locator('option').count()) > 1).toBe(true);
  const chosen = await list.locator('option').nth(1).getAttribute('value');
  expect(chosen).toBeTruthy();
  await list.selectOption(chosen!);
  await page.keyboard.press('Escape');
  return chosen!;
}

test('before any call, "Show my devices" asks for the microphone and lists the devices by name; refused, it says so', async ({ voice }) => {
  // A browser that has not allowed the microphone yet (and, asked, says no until it is granted below).
  const { alice } = await voice.start({ alice: { tone: ALICE_HZ, refuseMicrophone: true } });
  await alice.getByRole('button', { name: 'Settings' }).click();
  const settings = alice.getByRole('dialog', { name: 'Settings' });
  const microphones = settings.getByRole('combobox', { name: 'Microphone' }).locator('option');
  const reveal = settings.getByRole('button', { name: 'Show my devices' });
  // The browser keeps them back until the microphone is allowed: only the default is offered.
  await expect(microphones).toHaveText(['System default']);
  await reveal.click();
  await expect(settings.getByRole('alert')).toContainText('The microphone was not allowed');
  await alice.context().grantPermissions(['microphone']);
  await reveal.click();
  await expect.poll(() => microphones.count()).toBeGreaterThan(1);
  await expect(reveal).toHaveCount(0);
  await expect(settings.getByRole('alert')).toHaveCount(0);
});

test('the chosen speaker plays the call: the remote audio is routed to it with setSinkId', async ({ voice }) => {
  test.setTimeout(120_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } });
  // Records where the page routes audio, then routes it there for real.
  await alice.evaluate(() => {
    const page = globalThis as unknown as PageDevices;
    const sinks: string[] = (page.__sinks = []);
    const native = page.HTMLMediaElement.prototype.setSinkId;
    page.HTMLMediaElement.prototype.setSinkId = function (this: { sinkId: string }, id: string) {
      sinks.push(id);
      return native.call(this, id);
    };
  });
  const chosen = await chooseOtherDevice(alice, 'Speaker');

  await dial(bob, 'alice');
  await incoming(alice, 'bob').getByRole('button', { name: 'Accept call from bob' }).click();
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => alice.evaluate(() => (globalThis as unknown as PageDevices).__sinks)).toContain(chosen);
});

test('voice processing turned off mid-call opens the microphone again without it, and the call goes on being heard', async ({ voice }) => {
  test.setTimeout(120_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } });
  await dial(bob, 'alice');
  await incoming(alice, 'bob').getByRole('button', { name: 'Accept call from bob' }).click();
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  expect(await sentProcessing(alice)).toEqual([[true, true, true]]);

  await alice.getByRole('button', { name: 'Settings' }).click();
  const processing = alice.getByRole('dialog', { name: 'Settings' }).getByRole('checkbox', { name: 'Voice processing' });
  await expect(processing).toBeChecked();
  await processing.uncheck();
  await alice.keyboard.press('Escape');

  await expect.poll(() => sentProcessing(alice)).toEqual([[false, false, false]]);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  // The choice is kept by the softphone: the next call opens the microphone without processing too.
  await alice.getByRole('region', { name: 'Call with bob' }).getByRole('button', { name: 'Hang up' }).click();
  await dial(bob, 'alice');
  await incoming(alice, 'bob').getByRole('button', { name: 'Accept call from bob' }).click();
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  expect(await sentProcessing(alice)).toEqual([[false, false, false]]);
});

test('a chosen microphone unplugged mid-call falls back to the default once, and the call goes on being heard both ways', async ({ voice }) => {
  test.setTimeout(120_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } });
  const chosen = await chooseOtherDevice(alice, 'Microphone');

  await dial(bob, 'alice');
  await incoming(alice, 'bob').getByRole('button', { name: 'Accept call from bob' }).click();
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);

  // Unplugged for real: no longer listed, and asking for it exactly fails as the browser does.
  await alice.evaluate((gone) => {
    const page = globalThis as unknown as PageDevices & {
      __asked: unknown[];
      navigator: { mediaDevices: { getUserMedia(constraints: { audio: { deviceId?: { exact: string } } }): Promise<unknown> } };
      DOMException: new (message: string, name: string) => unknown;
    };
    const devices = page.navigator.mediaDevices;
    const list = devices.enumerateDevices.bind(devices);
    const open = devices.getUserMedia.bind(devices);
    page.__asked = [];
    devices.enumerateDevices = async () => (await list()).filter((device) => device.deviceId !== gone);
    devices.getUserMedia = (constraints) => {
      const asked = constraints.audio.deviceId?.exact ?? null;
      page.__asked.push(asked);
      return asked === gone ? Promise.reject(new page.DOMException('gone', 'OverconstrainedError')) : open(constraints);
    };
    devices.dispatchEvent(new page.Event('devicechange'));
  }, chosen);
  await expect(alice.getByText('The chosen microphone went away; using the default microphone')).toBeVisible();
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);

  // Not opened again with the next change to the call. Mute and unmute: each a new state from the core; the microphone stays as it is.
  const call = alice.getByRole('region', { name: 'Call with bob' });
  await call.getByRole('button', { name: 'Mute' }).click();
  await call.getByRole('button', { name: 'Unmute' }).click();
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  expect(await alice.evaluate(() => (globalThis as unknown as { __asked: unknown[] }).__asked)).toEqual([null]);
  await expect(alice.getByText('The chosen microphone is not available; using the default microphone')).toHaveCount(0);
});
