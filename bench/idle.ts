/**
 * A process that does nothing, run as the footprint's softphone is (plain `node` with the probe):
 * what the runtime alone costs, beside the softphone's footprint.
 */
process.stdout.write('idle\n');
setInterval(() => {}, 1 << 30);
