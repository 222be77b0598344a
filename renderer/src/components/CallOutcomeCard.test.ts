import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole } from '../testing/roles.js';
import CallOutcomeCard from './CallOutcomeCard.vue';

enableAutoUnmount(afterEach);

describe('CallOutcomeCard', () => {
  it.each([
    [{ callID: 'c1', peer: 'bob', kind: 'unanswered', text: 'cancelled', at: NOW }, 'Call to bob', 'Call to bob: cancelled'],
    [{ callID: 'c2', peer: 'ann', kind: 'ended', text: 'the connection was lost', at: NOW }, 'ann: call ended', 'ann: call ended: the connection was lost'],
  ] as const)('announces how a call ended together with whom it was with', (outcome, region, announced) => {
    const { root } = mountWithStore(CallOutcomeCard, makeState(), { outcome });
    expect(getByRole(getByRole(root, 'region', region), 'status').textContent).toBe(announced);
  });
});
