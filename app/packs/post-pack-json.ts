/** POSTs JSON to a pack route; a 4xx answer becomes an Error carrying the route's message. */
export async function postPackJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok) throw new Error(answer?.error ?? `${response.status} ${response.statusText}`);
  return answer;
}
