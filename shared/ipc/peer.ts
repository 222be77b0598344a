/** How a call's other party is named to people; zod-free, so the renderer can use it without bundling schemas. */
import type { CallView } from './contract.js';

/** "Ann Lee (ann)" when the caller sent a name, else the user ID. */
export function peerLabel(call: Pick<CallView, 'peer' | 'peerName'>): string {
  return call.peerName && call.peerName !== call.peer ? `${call.peerName} (${call.peer})` : call.peer;
}
