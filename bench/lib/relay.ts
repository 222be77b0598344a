/**
 * The in-run anchor of the call scenarios: the bare relay (bench/relayServer.ts) and a bare callee
 * that answers every invitation with callEnd and the busy reason, as the CallManager does at its
 * limit, with no CallManager behind it.
 */
import { encodeBusy } from '../../shared/calls/busy.js';
import { spawnBench, type BenchProcess } from './procs.js';
import { WireClient } from './wire.js';

export function spawnRelay(): Promise<BenchProcess> {
  return spawnBench({ name: 'relay', script: 'bench/relayServer.ts', ready: /^ws:\/\/127\.0\.0\.1:\d+$/ });
}

/** Signs `calleeID` in to the relay and turns away every invitation it receives. */
export async function connectBareCallee(relayUrl: string, calleeID: string): Promise<WireClient> {
  const callee = await WireClient.connect(relayUrl, calleeID);
  const busy = encodeBusy('call_limit_reached');
  callee.onText = (text) => {
    if (!text.startsWith('{"event":"callInvitationReceived"')) return text.startsWith('{"id":');
    const { data } = JSON.parse(text) as { data: { callID: string } };
    callee.send(JSON.stringify({ id: callee.takeId(), method: 'callEnd', params: { callID: data.callID, extendedData: busy } }));
    return true;
  };
  return callee;
}
