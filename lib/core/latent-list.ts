/** "0-99,200,310-312" → [0, …, 99, 200, 310, 311, 312], sorted and without repeats; throws naming the bad part. */
export function parseLatentList(text: string): number[] {
  const latents = new Set<number>();
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) throw new Error(`"${part}" is not a latent or a range like 10-20`);
    const [from, to] = [Number(match[1]), Number(match[2] ?? match[1])];
    if (to < from) throw new Error(`the range "${part}" runs backwards`);
    for (let latent = from; latent <= to; latent++) latents.add(latent);
  }
  return [...latents].sort((a, b) => a - b);
}
