/** The listener bookkeeping every SignalingPort implementation shares: events by name, and status. */
import type { HubEventName, HubEvents } from '../../../shared/protocol/hub.js';
import type { SignalingPort, SignalingStatus } from './port.js';

export class PortListeners implements Pick<SignalingPort, 'on' | 'onStatus' | 'status'> {
  readonly #events = new Map<HubEventName, Set<(data: never) => void>>();
  readonly #status = new Set<(status: SignalingStatus) => void>();
  #current: SignalingStatus = { status: 'connecting' };

  get status(): SignalingStatus {
    return this.#current;
  }

  on<E extends HubEventName>(event: E, listener: (data: HubEvents[E]) => void): () => void {
    let set = this.#events.get(event);
    if (!set) this.#events.set(event, (set = new Set()));
    set.add(listener as (data: never) => void);
    return () => set.delete(listener as (data: never) => void);
  }

  onStatus(listener: (status: SignalingStatus) => void): () => void {
    this.#status.add(listener);
    return () => this.#status.delete(listener);
  }

  emit<E extends HubEventName>(event: E, data: HubEvents[E]): void {
    for (const listener of this.#events.get(event) ?? []) listener(data as never);
  }

  setStatus(status: SignalingStatus): void {
    this.#current = status;
    for (const listener of this.#status) listener(status);
  }
}
