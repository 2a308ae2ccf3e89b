// Runs an async step over many items with at most `limit` in flight, in input order of starting: the stages keep
// an LLM server busy without building every latent's examples up front. Stops starting new items once aborted.
// Steps that never wait on I/O (the offline baselines) would starve timers and signals (job heartbeats, Ctrl-C,
// the server's requests); the loop yields to them every YIELD_EVERY_MS.
const YIELD_EVERY_MS = 50;

export async function parallelEach<T>(
  items: readonly T[],
  limit: number,
  step: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`parallelEach needs a positive integer limit, got ${limit}`);
  let next = 0;
  let lastYield = performance.now();
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      await step(items[index], index);
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        lastYield = performance.now();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
