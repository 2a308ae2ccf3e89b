// Runs an async step over many items with at most `limit` in flight, in input order of starting: the stages keep
// an LLM server busy without building every latent's examples up front. Stops starting new items once aborted.
export async function parallelEach<T>(
  items: readonly T[],
  limit: number,
  step: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`parallelEach needs a positive integer limit, got ${limit}`);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      await step(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
