/**
 * The cast of docs/zim-semantics.md on a hub with a fake clock: A the caller, B and C
 * invitees, D an outsider, each signed in on one device. Names match the reference so that
 * every test reads like the scenario it checks.
 */
import type { CallUserState } from '../../../../shared/calls/enums.js';
import type { CallInfo, CallUserInfo, HubEvents } from '../../../../shared/protocol/hub.js';
import type { CallRegistryOptions } from '../calls.js';
import { TestHub, type TestClient } from '../testkit.js';

export interface Cast {
  hub: TestHub;
  A: TestClient;
  B: TestClient;
  C: TestClient;
  D: TestClient;
}

export function cast(options: Partial<CallRegistryOptions> = {}): Cast {
  // ZIM's rules: unknown invitees are reported (6000281), a declined caller is not held back, a caller may ring a callee many times.
  const hub = new TestHub({ reportUnknownUsers: true, declineCooldownMs: 0, maxRingingPerCallee: 0, ...options });
  return { hub, A: hub.login('A'), B: hub.login('B'), C: hub.login('C'), D: hub.login('D') };
}

/**
 * Logs a user in on a new device and keeps what the login delivered (TestHub.login drops it),
 * which is what the offline scenarios are about.
 */
export function comeOnline(hub: TestHub, userID: string): TestClient {
  const client = hub.connect();
  client.ok('login', { userID, token: hub.token(userID) });
  return client;
}

export function clear(...clients: TestClient[]): void {
  for (const client of clients) client.clear();
}

export function user(userID: string, state: CallUserState, extendedData = ''): CallUserInfo {
  return { userID, state, extendedData };
}

/** The callUserStateChanged payload that lists exactly these users. */
export function changed(callID: string, ...users: CallUserInfo[]): HubEvents['callUserStateChanged'] {
  return { callID, callUserList: users };
}

/** The call as the client's user finds it with queryCallInvitationList. */
export function callOf(client: TestClient, callID: string): CallInfo {
  const { callList } = client.ok('queryCallInvitationList', { config: { count: 100 } });
  const call = callList.find((info) => info.callID === callID);
  if (!call) throw new Error(`call ${callID} is not in the history of this user`);
  return call;
}
