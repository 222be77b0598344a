import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole } from '../testing/roles.js';
import CallOutcomeCard from './CallOutcomeCard.vue';

enableAutoUnmount(afterEach);

describe('CallOutcomeCard', () => {
  it.each([
    [{ callID: 'c1', peer: 'bob', kind: 'unanswered', text: 'cancelled', at: NOW }, 'Call to bob'],
    [{ callID: 'c2', peer: 'ann', kind: 'ended', text: 'the connection was lost', at: NOW }, 'ann: call ended'],
  ] as const)('shows how a call ended, in a region named for whom it was with', (outcome, region) => {
    const { root } = mountWithStore(CallOutcomeCard, makeState(), { outcome });
    const card = getByRole(root, 'region', region);
    expect([...card.querySelectorAll('p')].map((line) => line.textContent)).toEqual([region, outcome.text]);
  });
});
