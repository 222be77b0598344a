/**
 * The in-run anchor for the busy path: a bare `ws` relay of the same messages, with no auth, no
 * validation, no limits and no call registry — what the busy path would cost if the hub did
 * nothing but pass its messages on. Same library and options as the hub; one frame per message,
 * written as it is produced. Prints ws://127.0.0.1:PORT when it listens.
 *
 *   login       → {"id":N,"result":{}}, the connection now stands for params.userID
 *   callInvite  → {"id":N,"result":{"callID":…}} to the caller; callInvitationReceived to each invitee
 *   callEnd     → {"id":N,"result":{}}; callInvitationEnded (operatedUserID, extendedData) to the inviter
 */
import type { WebSocket } from 'ws';
import { splitFrames } from '../shared/protocol/hub.js';
import { bareServer } from './lib/bareServer.js';

interface Request {
  id: number;
  method: string;
  params: { userID?: string; invitees?: string[]; callID?: string; extendedData?: string };
}

const users = new Map<string, WebSocket>();
/** callID → the inviter's socket and user, until the call ends. */
const calls = new Map<string, { socket: WebSocket; userID: string }>();
let nextCall = 1;

const wss = bareServer();
wss.on('connection', (ws) => {
  let userID = '';
  ws.on('message', (data: Buffer) => {
    for (const text of splitFrames(data.toString())) {
      const { id, method, params } = JSON.parse(text) as Request;
      if (method === 'login') {
        userID = params.userID ?? '';
        users.set(userID, ws);
        ws.send(`{"id":${id},"result":{}}`);
      } else if (method === 'callInvite') {
        const callID = String(nextCall++);
        calls.set(callID, { socket: ws, userID });
        ws.send(JSON.stringify({ id, result: { callID } }));
        const received = JSON.stringify({ event: 'callInvitationReceived', data: { callID, inviter: userID } });
        for (const invitee of params.invitees ?? []) users.get(invitee)?.send(received);
      } else if (method === 'callEnd') {
        const callID = params.callID ?? '';
        ws.send(`{"id":${id},"result":{}}`);
        const call = calls.get(callID);
        calls.delete(callID);
        call?.socket.send(JSON.stringify({ event: 'callInvitationEnded', data: { callID, operatedUserID: userID, extendedData: params.extendedData ?? '' } }));
      } else {
        ws.send(`{"id":${id},"result":{}}`);
      }
    }
  });
  ws.on('close', () => {
    if (users.get(userID) === ws) users.delete(userID);
  });
});
