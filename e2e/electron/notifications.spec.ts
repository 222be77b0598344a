/** Native notifications in the real app: one per incoming call, withdrawn when it stops ringing. */
import { dial } from '../support/fixtures.js';
import { ELECTRON, expect, test } from './fixtures.js';

test.skip(ELECTRON.skip !== null, ELECTRON.skip ?? '');

test('an incoming call is announced, and the announcement withdrawn when the caller cancels', async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  await bob.evaluate(({ Notification }) => {
    const seen = globalThis as unknown as { shown: string[]; closed: string[] };
    seen.shown = [];
    seen.closed = [];
    const { show, close } = Notification.prototype;
    Notification.prototype.show = function () {
      seen.shown.push(`${this.title} | ${this.body}`);
      return show.call(this);
    };
    Notification.prototype.close = function () {
      seen.closed.push(this.title);
      return close.call(this);
    };
  });
  const notifications = () =>
    bob.evaluate(() => {
      const { shown, closed } = globalThis as unknown as { shown: string[]; closed: string[] };
      return { shown, closed };
    });

  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  await expect.poll(async () => (await notifications()).shown).toEqual(['Incoming call from alice | 1 of 3 lines in use']);

  await alice.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(async () => (await notifications()).closed).toEqual(['Incoming call from alice']);
});
