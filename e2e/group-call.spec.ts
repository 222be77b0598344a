/**
 * A group call among four, with a fifth person around: alice calls bob, carol and dave while carol
 * (incoming limit 1) is already ringing from erin, so carol turns it away as busy; bob adds erin
 * mid-call, dave leaves, and alice ends it for everyone.
 */
import type { Locator } from '@playwright/test';
import { dial, expect, incoming, lineCounter, test } from './support/fixtures.js';

/** One person in a call panel's participant list, read as "carol — busy". */
function participant(call: Locator, userID: string): Locator {
  return call.getByRole('list', { name: 'People in this call' }).getByRole('listitem').filter({ hasText: new RegExp(`^${userID} — `) });
}

test('a group call: a busy invitee is told apart, someone joins mid-call, one leaves, then it ends for everyone', async ({ switchboard }) => {
  const { alice, bob, carol, dave, erin } = await switchboard.start({
    alice: {},
    bob: {},
    carol: { incomingLimit: 1 },
    dave: {},
    erin: {},
  });

  // erin's call keeps carol's only line busy until the very end.
  await dial(erin, 'carol');
  await expect(incoming(carol, 'erin')).toBeVisible();
  await expect(lineCounter(carol)).toHaveText('1 of 1 lines');

  await dial(alice, 'bob, carol, dave');
  const calling = alice.getByRole('region', { name: 'Calling bob, carol, dave' });
  await expect(calling).toBeVisible();
  await expect(alice.getByRole('alert').filter({ hasText: 'carol is busy — call limit reached' })).toBeVisible();
  await expect(participant(calling, 'carol')).toHaveText('carol — busy');
  await expect(participant(calling, 'bob')).toHaveText('bob — ringing');
  await expect(participant(calling, 'dave')).toHaveText('dave — ringing');

  // carol was turned away without a sound: still only erin's dialog, and a history entry.
  await expect(carol.getByText('turned away: line limit')).toBeVisible();
  await expect(carol.getByRole('dialog')).toHaveCount(1);
  await expect(incoming(carol, 'erin')).toBeVisible();
  await expect(lineCounter(carol)).toHaveText('1 of 1 lines');

  // The invitations name the others still in the call; carol drops out of them once she is busy.
  await expect(incoming(bob, 'alice').getByText(/^with /)).toHaveText('with dave');
  await expect(incoming(dave, 'alice').getByText(/^with /)).toHaveText('with bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  await incoming(dave, 'alice').getByRole('button', { name: 'Accept' }).click();

  const aliceCall = alice.getByRole('region', { name: 'Call with bob, carol, dave' });
  const bobCall = bob.getByRole('region', { name: 'Call with alice' });
  const daveCall = dave.getByRole('region', { name: 'Call with alice' });
  await expect(aliceCall).toBeVisible();
  await expect(bobCall).toBeVisible();
  await expect(daveCall).toBeVisible();
  await expect(participant(aliceCall, 'bob')).toHaveText('bob — joined');
  await expect(participant(aliceCall, 'dave')).toHaveText('dave — joined');
  await expect(aliceCall.getByRole('button', { name: 'Hang up' })).toHaveCount(0);

  // bob adds erin, who accepts while her own call to carol still rings.
  await bobCall.getByRole('textbox', { name: 'Add to call' }).fill('erin');
  await bobCall.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(incoming(erin, 'bob')).toBeVisible();
  await expect(incoming(erin, 'bob').getByText(/^adding you/)).toHaveText('adding you to a call with alice, dave');
  await expect(participant(aliceCall, 'erin')).toHaveText('erin — ringing');
  await incoming(erin, 'bob').getByRole('button', { name: 'Accept' }).click();
  const erinCall = erin.getByRole('region', { name: 'Call with bob' });
  await expect(erinCall).toBeVisible();
  await expect(participant(aliceCall, 'erin')).toHaveText('erin — joined');
  await expect(lineCounter(erin)).toHaveText('2 of 3 lines');

  // dave leaves: his line frees, the call goes on for the others.
  await daveCall.getByRole('button', { name: 'Leave' }).click();
  await expect(daveCall).toHaveCount(0);
  await expect(lineCounter(dave)).toHaveText('0 of 3 lines');
  for (const call of [aliceCall, bobCall, erinCall]) {
    await expect(call).toBeVisible();
    await expect(participant(call, 'dave')).toHaveText('dave — left');
  }

  // alice ends it for everyone.
  await aliceCall.getByRole('button', { name: 'End for everyone' }).click();
  for (const page of [alice, bob, erin]) await expect(page.getByRole('region', { name: /^Call with / })).toHaveCount(0);
  await expect(lineCounter(alice)).toHaveText('0 of 3 lines');
  await expect(lineCounter(bob)).toHaveText('0 of 3 lines');
  await expect(lineCounter(erin)).toHaveText('1 of 3 lines');

  // erin gives up on carol, the last call anyone had.
  await erin.getByRole('region', { name: 'Calling carol' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(incoming(carol, 'erin')).toHaveCount(0);
  for (const [page, lines] of [
    [alice, '0 of 3 lines'],
    [bob, '0 of 3 lines'],
    [carol, '0 of 1 lines'],
    [dave, '0 of 3 lines'],
    [erin, '0 of 3 lines'],
  ] as const) {
    await expect(lineCounter(page)).toHaveText(lines);
  }
});
