import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Renderers } from './renderers.js';

class FakeWebContents extends EventEmitter {
  readonly sent: Array<[string, unknown]> = [];
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

describe('Renderers', () => {
  it('broadcasts to every registered renderer', () => {
    const renderers = new Renderers<FakeWebContents>();
    const main = new FakeWebContents();
    const incoming = new FakeWebContents();
    renderers.add(main);
    renderers.add(incoming);
    renderers.broadcast('switchboard:state', { version: 3 });
    expect(main.sent).toEqual([['switchboard:state', { version: 3 }]]);
    expect(incoming.sent).toEqual([['switchboard:state', { version: 3 }]]);
  });

  it('forgets a renderer once it is destroyed: no more state, no more trust', () => {
    const renderers = new Renderers<FakeWebContents>();
    const closed = new FakeWebContents();
    renderers.add(closed);
    closed.emit('destroyed');
    renderers.broadcast('switchboard:state', { version: 4 });
    expect(closed.sent).toEqual([]);
    expect(renderers.has(closed)).toBe(false);
  });

  it('trusts only renderers it was given', () => {
    const renderers = new Renderers<FakeWebContents>();
    const ours = new FakeWebContents();
    renderers.add(ours);
    expect(renderers.has(ours)).toBe(true);
    expect(renderers.has(new FakeWebContents())).toBe(false);
  });

  it('sends once to a renderer registered twice, and listens for its end once', () => {
    const renderers = new Renderers<FakeWebContents>();
    const main = new FakeWebContents();
    renderers.add(main);
    renderers.add(main);
    renderers.broadcast('switchboard:state', { version: 5 });
    expect(main.sent).toHaveLength(1);
    expect(main.listenerCount('destroyed')).toBe(1);
  });
});
