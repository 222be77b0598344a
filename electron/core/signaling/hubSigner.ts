/**
 * How a softphone signs its hub logins: with the hub secret (its own in-process hub, or a hub
 * that shares it), or with one user's token from SWITCHBOARD_HUB_TOKEN, which a LAN hub's keeper
 * mints (`npm run hub -- --mint-token USER`) so that the softphone's machine never holds a secret
 * that would let its user sign in as anyone.
 */
import { mintToken, tokenSubject } from '../auth/token.js';
import { CommandError } from '../calls/callManager.js';

export type HubSigner = { secret: string } | { token: string; userID: string };

export const HUB_TOKEN_ENV = 'SWITCHBOARD_HUB_TOKEN';

/** The token of SWITCHBOARD_HUB_TOKEN and whom it is for; null when unset. Throws an error naming the variable. */
export function resolveHubToken(env: NodeJS.ProcessEnv, remoteHub: boolean): { token: string; userID: string } | null {
  const token = env[HUB_TOKEN_ENV];
  if (token === undefined || token === '') return null;
  const userID = tokenSubject(token);
  if (userID === null) {
    throw new Error(`${HUB_TOKEN_ENV} is not a hub token (expected v1.<payload>.<signature>, as npm run hub -- --mint-token USER prints)`);
  }
  if (!remoteHub) {
    throw new Error(`${HUB_TOKEN_ENV} is for a hub given with --hub (or SWITCHBOARD_HUB_URL): this softphone would start its own`);
  }
  return { token, userID };
}

/** The token HubClient signs `userID` in with, each time it connects. */
export function hubTokenFor(signer: HubSigner, userID: string): () => string {
  if ('secret' in signer) return () => mintToken(signer.secret, userID, Date.now());
  if (signer.userID !== userID) throw new CommandError(`${HUB_TOKEN_ENV} signs in ${signer.userID} only, not ${userID}`);
  return () => signer.token;
}
