/**
 * Preloaded (`--import`) into every process the bench spawns, the real hub CLI included. It adds
 * nothing to the hot path: it answers `{type: 'mem'}` over the IPC channel with the process's
 * memory and CPU (after a full GC when --expose-gc is on) and its active handles (timers, sockets:
 * process.getActiveResourcesInfo()), and stops the process when the bench
 * that spawned it goes away, so that no hub or softphone outlives a crashed bench.
 */
interface ProbeRequest {
  type?: string;
  reqId?: number;
  gc?: boolean;
}

if (process.send) {
  process.on('message', (message: ProbeRequest) => {
    if (message?.type !== 'mem') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (message.gc && gc) {
      gc();
      gc();
    }
    process.send?.({ reqId: message.reqId, memory: process.memoryUsage(), cpu: process.cpuUsage(), resources: process.getActiveResourcesInfo() });
  });
  // SIGTERM rather than exit: the hub and the web CLI shut down cleanly on it (and --cpu-prof
  // profiles get written).
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}

export {};
