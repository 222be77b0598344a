/**
 * Hold and resume renegotiate a call's connection with perfect negotiation (renderer/src/media/
 * peerLink.ts). Its races depend on timing: two real softphones hit them by chance, under load.
 * Here two PeerLinks run in one page, wired by a relay the test holds, so that a race is made to
 * happen on purpose. The links' own code is bundled from the source, as the renderer ships it.
 */
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { build, type Rolldown } from 'vite';

const PEER_LINK = fileURLToPath(new URL('../renderer/src/media/peerLink.ts', import.meta.url));

async function bundledPeerLink(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: PEER_LINK, formats: ['iife'], name: 'PeerLinkModule' } },
  });
  const [output] = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return output!.output[0].code;
}

type Side = 'alice' | 'bob';
interface LinkState {
  signaling: string;
  direction: string | null;
}
/** What the test reads of a link's RTCPeerConnection in the page (e2e code has no DOM types). */
interface PageConnection {
  signalingState: string;
  getTransceivers(): Array<{ currentDirection: string | null }>;
}
interface PageLink {
  pc: PageConnection;
  setHeld(held: boolean): void;
  receive(signal: unknown): Promise<void>;
}
/** What startPair leaves in the page: the bundled module, and the two links with their relay. */
interface PageGlobals {
  PeerLinkModule: { PeerLink: new (options: Record<string, unknown>) => PageLink };
  rig: {
    /** While set, descriptions wait in `waiting` until `deliver`. */
    held: boolean;
    links: Record<Side, PageLink>;
    waiting: Record<Side, unknown[]>;
    delivering: Promise<void>;
    deliver(to: Side): void;
  };
}

/**
 * alice (impolite, offers first) and bob (polite), with a relay that delivers each side's
 * descriptions to the other in order, unless held; ICE candidates are dropped, as nothing here
 * needs the connection up: what a negotiation agrees on is in the descriptions.
 */
async function startPair(page: Page): Promise<void> {
  await page.addScriptTag({ content: await bundledPeerLink() });
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const { PeerLink } = page.PeerLinkModule;
    const waiting: PageGlobals['rig']['waiting'] = { alice: [], bob: [] };
    const rig: PageGlobals['rig'] = {
      held: false,
      links: {} as PageGlobals['rig']['links'],
      waiting,
      delivering: Promise.resolve(),
      deliver(to) {
        const signals = waiting[to].splice(0);
        rig.delivering = rig.delivering.then(async () => {
          for (const signal of signals) await rig.links[to].receive(signal);
        });
      },
    };
    const link = (self: Side, other: Side, impolite: boolean) =>
      new PeerLink({
        impolite,
        offersFirst: impolite,
        track: null,
        held: false,
        speaker: null,
        send: (signal: Record<string, unknown>) => {
          if (!('description' in signal)) return;
          waiting[other].push(signal);
          if (!rig.held) rig.deliver(other);
        },
        onState: () => {},
        log: (line: string) => console.log(`${self}: ${line}`),
      });
    rig.links.bob = link('bob', 'alice', false);
    rig.links.alice = link('alice', 'bob', true);
    page.rig = rig;
  });
}

function states(page: Page): Promise<Record<Side, LinkState>> {
  return page.evaluate(() => {
    const { links } = (globalThis as unknown as PageGlobals).rig;
    const state = (pc: PageConnection) => ({ signaling: pc.signalingState, direction: pc.getTransceivers()[0]?.currentDirection ?? null });
    return { alice: state(links.alice.pc), bob: state(links.bob.pc) };
  });
}

const agreed = (direction: 'sendrecv' | 'inactive') => ({
  alice: { signaling: 'stable', direction },
  bob: { signaling: 'stable', direction },
});

test('a resume that lands while the other side is still applying an offer is still told: both sides end up talking', async ({ page }) => {
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  await startPair(page);
  await expect.poll(() => states(page)).toEqual(agreed('sendrecv'));
  await page.evaluate(() => {
    const { links } = (globalThis as unknown as PageGlobals).rig;
    links.alice.setHeld(true);
    links.bob.setHeld(true);
  });
  await expect.poll(() => states(page)).toEqual(agreed('inactive'));

  // alice resumes; her offer is held back, then reaches bob just as bob resumes too: his resume
  // lands while he is applying her offer.
  await page.evaluate(() => {
    const { rig } = globalThis as unknown as PageGlobals;
    rig.held = true;
    rig.links.alice.setHeld(false);
  });
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).rig.waiting.bob.length)).toBe(1);
  await page.evaluate(() => {
    const { rig } = globalThis as unknown as PageGlobals;
    rig.held = false;
    rig.deliver('bob');
    rig.links.bob.setHeld(false);
  });
  await expect.poll(() => states(page), { message: logs.join('\n') }).toEqual(agreed('sendrecv'));
});
