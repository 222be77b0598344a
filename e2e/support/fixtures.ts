/**
 * The `switchboard` fixture: a fresh hub per test and one softphone process plus one browser
 * page per user, all torn down afterwards.
 */
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { spawnHub, spawnPhone, testEnvironment, type PhoneOptions, type Spawned } from './processes.js';

export interface Switchboard {
  hubUrl: string;
  /** Starts a softphone for each user and opens its page, signed in. */
  start<U extends string>(users: Record<U, PhoneOptions>): Promise<Record<U, Page>>;
  /** Stops one user's softphone process, as a crash or a quit would. */
  stop(user: string): Promise<void>;
  /** Stops one user's softphone process and starts it again on the same data directory; opens its new page. */
  restart(user: string): Promise<Page>;
}

export const test = base.extend<{ switchboard: Switchboard }>({
  switchboard: async ({ browser }, use, testInfo) => {
    const env = testEnvironment();
    const hub = await spawnHub(env);
    const phones = new Map<string, Spawned>();
    const phoneOptions = new Map<string, PhoneOptions>();
    const contexts: Array<Awaited<ReturnType<Browser['newContext']>>> = [];
    const switchboard: Switchboard = {
      hubUrl: hub.url,
      async start(users) {
        const entries = Object.entries(users) as Array<[keyof typeof users & string, PhoneOptions]>;
        const spawned = await Promise.all(entries.map(([user, options]) => spawnPhone(env, hub.url, user, options)));
        const pages = {} as Record<keyof typeof users & string, Page>;
        for (const [index, [user, options]] of entries.entries()) {
          phones.set(user, spawned[index]!);
          phoneOptions.set(user, options);
          pages[user] = await openPage(spawned[index]!);
        }
        return pages;
      },
      async stop(user) {
        await phones.get(user)?.stop();
      },
      async restart(user) {
        await phones.get(user)?.stop();
        const phone = await spawnPhone(env, hub.url, user, phoneOptions.get(user));
        phones.set(user, phone);
        return openPage(phone);
      },
    };
    async function openPage(phone: Spawned): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(phone.url);
      await expect(page.getByText(/\d+ of \d+ lines/)).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Call user' })).toBeEnabled();
      return page;
    }
    try {
      await use(switchboard);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const [user, phone] of phones) await testInfo.attach(`${user}.log`, { body: phone.log() });
        await testInfo.attach('hub.log', { body: hub.log() });
      }
      await Promise.all(contexts.map((context) => context.close()));
      await Promise.all([...phones.values()].map((phone) => phone.stop()));
      await hub.stop();
    }
  },
});

export { expect };

/** Dials `callee` from `page` and waits until the outgoing call shows. */
export async function dial(page: Page, callee: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Call user' }).fill(callee);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
}

export function incoming(page: Page, caller: string) {
  return page.getByRole('dialog', { name: `Incoming call from ${caller}` });
}

export function lineCounter(page: Page) {
  return page.getByText(/^\d+ of \d+ lines$/);
}
