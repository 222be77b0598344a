import { describe, expect, it } from 'vitest';
import { encodeBusy } from '../../../shared/calls/busy.js';
import { CallMode, CallUserState } from '../../../shared/calls/enums.js';
import { BACKENDS, TestWorld } from './testWorld.js';

// Over both signaling ports: the hub's, and the ZIM adapter on its SDK double.
describe.each(BACKENDS)('over the %s port', (backend) => {
  describe('CallManager: the Callbacks list on the wire', () => {
    it("puts the caller's place in the busy answer at the line limit, and the caller reads it", async () => {
      const world = new TestWorld(backend);
      const asked: string[] = [];
      const bob = await world.add('bob', {
        incoming: 1,
        // Asked after the turned-away entry was recorded, as the call log needs.
        callbackPosition: (peer) => {
          asked.push(`${peer} after ${bob.history.at(-1)?.outcome}`);
          return 2;
        },
      });
      const alice = await world.add('alice');
      await world.add('carol');
      await world.phone('carol').manager.dial('bob');
      await world.settle();
      await alice.manager.dial('bob');
      await world.settle();
      expect(asked).toEqual(['alice after turned-away']);
      expect(alice.notices.map((notice) => notice.text)).toEqual(["bob is busy — call limit reached; you're 2nd in bob's callback list"]);
      expect(alice.history.at(-1)).toMatchObject({ peer: 'bob', outcome: 'busy' });
    });

    it('sends the position in a group invitation\'s rejection too, and none under do not disturb', async () => {
      const world = new TestWorld(backend);
      await world.add('bob', { incoming: 1, callbackPosition: () => 1 });
      await world.add('dee', { dnd: true, callbackPosition: () => 5 });
      await world.add('carol');
      await world.phone('carol').manager.dial('bob');
      await world.settle();
      const caller = world.hub.login('zoe');
      caller.ok('callInvite', { invitees: ['bob', 'dee'], config: { mode: CallMode.Advanced } });
      await world.settle();
      const changes = caller.events('callUserStateChanged').flatMap((event) => event.callUserList);
      expect(changes).toContainEqual({ userID: 'bob', state: CallUserState.Rejected, extendedData: encodeBusy('call_limit_reached', 1) });
      expect(changes).toContainEqual({ userID: 'dee', state: CallUserState.Rejected, extendedData: encodeBusy('do_not_disturb') });
    });

    it('marks a call-back, which the callee sees, and both histories keep it', async () => {
      const world = new TestWorld(backend);
      const bob = await world.add('bob');
      const ann = await world.add('ann');
      await bob.manager.dial('ann', { callback: true });
      await world.settle();
      expect(ann.manager.calls).toMatchObject([{ peer: 'bob', phase: 'ringing', callback: true }]);
      expect(bob.manager.calls).toMatchObject([{ peer: 'ann', phase: 'calling', callback: true }]);
      await ann.manager.accept(ann.manager.calls[0]!.callID);
      await world.settle();
      await bob.manager.hangUp(bob.manager.calls[0]!.callID);
      await world.settle();
      expect(bob.history.at(-1)).toMatchObject({ peer: 'ann', outcome: 'answered', callback: true });
      expect(ann.history.at(-1)).toMatchObject({ peer: 'bob', outcome: 'answered', callback: true });
      // An ordinary call is not one.
      await bob.manager.dial('ann');
      await world.settle();
      expect(ann.manager.calls[0]?.callback).toBeUndefined();
    });
  });
});
