/**
 * A process hosting callees (lib/callees.ts) for the bench, driven over IPC:
 *
 *   {type: 'start', userID, limit, hubUrl}  sign in; answers once the HubClient is online
 *   {type: 'stats', userID}                 counters, the calls ringing now, the most ever ringing
 *   {type: 'reset', userID}                 zeroes the counters
 *
 * Prints "callee ready" when it can take commands.
 */
import { Callees } from './lib/callees.js';

type Command =
  | { type: 'start'; reqId: number; userID: string; limit: number; hubUrl: string }
  | { type: 'stats' | 'reset'; reqId: number; userID: string };

const callees = new Callees(process.env.SWITCHBOARD_HUB_SECRET ?? '');

process.on('message', (command: Command) => {
  const reply = (body: object): void => void process.send?.({ reqId: command.reqId, ...body });
  try {
    if (command.type === 'start') {
      callees.start(command.hubUrl, command.userID, command.limit).then(() => reply({ ok: true }));
    } else if (command.type === 'stats') {
      reply(callees.stats(command.userID));
    } else if (command.type === 'reset') {
      reply(callees.reset(command.userID));
    }
  } catch (error) {
    reply({ error: error instanceof Error ? error.message : String(error) });
  }
});

const stop = (): void => {
  callees.close();
  setTimeout(() => process.exit(0), 100);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The probe unrefs the IPC channel; this process lives on its commands, so it keeps it.
process.channel?.ref();
process.stdout.write('callee ready\n');
