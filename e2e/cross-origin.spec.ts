import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";

// A page from another origin (here another port of this machine, served by the test) tries every way a browser
// lets a page send a request elsewhere without asking first: form POSTs (text/plain with a JSON-looking body,
// url-encoded) and no-cors fetches. The server refuses each one, and nothing it stores changes.

let attacker: Server;
let attackerOrigin: string;
let attackPage = "";

test.beforeAll(async () => {
  attacker = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(attackPage));
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

/** What a successful attack would change: the latent's explanation versions, the job list, the active pack. */
async function storedState(request: APIRequestContext, latent: number) {
  const versions = (await (await request.get(`/api/latents/${latent}/versions`)).json()) as { versions: unknown[] };
  const jobs = (await (await request.get("/api/jobs")).json()) as { jobs: unknown[] };
  const packs = (await (await request.get("/api/packs")).json()) as { packs: { name: string; active: boolean }[] };
  return { versions: versions.versions.length, jobs: jobs.jobs.length, active: packs.packs.find((p) => p.active)?.name };
}

test("a page from another origin cannot start a simulation, make a version current or switch the pack", async ({ page, request, baseURL }) => {
  const { rows } = (await (await request.get("/api/latents?sort=frequency&dir=desc")).json()) as { rows: { latent: number }[] };
  const latent = rows[0].latent;
  const before = await storedState(request, latent);
  const simulate = `${baseURL}/api/latents/${latent}/simulations`;
  const usePack = `${baseURL}/api/packs/active`;
  // The classic text/plain trick: the field name and value join into a valid JSON body.
  attackPage = `<!doctype html><body>
    <form id="json-form" method="POST" action="${simulate}" enctype="text/plain"><input name='{"text": "pwned by a form", "pad": "' value='"}'></form>
    <form id="url-form" method="POST" action="${usePack}"><input name="name" value="ghost"></form>
  </body>`;

  const serverAnswers: { url: string; method: string; status: number }[] = [];
  page.on("response", (response) => {
    if (response.url().startsWith(baseURL!)) serverAnswers.push({ url: response.url(), method: response.request().method(), status: response.status() });
  });
  const failed: string[] = [];
  page.on("requestfailed", (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
  await page.goto(`${attackerOrigin}/`);

  const fetched = await page.evaluate(
    async ({ simulate, usePack, current }) => {
      const outcome = (p: Promise<Response>) => p.then((r) => r.type, (e: Error) => `refused: ${e.name}`);
      return {
        textPlain: await outcome(fetch(simulate, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: JSON.stringify({ text: "pwned by fetch" }) })),
        noBody: await outcome(fetch(current, { method: "POST", mode: "no-cors" })),
        // A JSON fetch needs the server's permission first (a CORS preflight), which it never gives.
        json: await outcome(fetch(usePack, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "ghost" }) })),
      };
    },
    { simulate, usePack, current: `${baseURL}/api/latents/${latent}/versions/1/current` },
  );
  // The no-cors POSTs reached the server, whose answer (Cross-Origin-Resource-Policy) the page may not even see;
  // the JSON one never left the browser: its preflight was not granted.
  expect(fetched).toEqual({ textPlain: "refused: TypeError", noBody: "refused: TypeError", json: "refused: TypeError" });
  expect(failed).toEqual([
    `${simulate} net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin`,
    `${baseURL}/api/latents/${latent}/versions/1/current net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin`,
    `${usePack} net::ERR_FAILED`,
  ]);

  for (const form of ["json-form", "url-form"]) {
    await page.goto(`${attackerOrigin}/`);
    const answer = page.waitForResponse((response) => response.request().method() === "POST" && response.url().startsWith(baseURL!));
    await page.evaluate((id) => (document.getElementById(id) as HTMLFormElement).submit(), form);
    expect((await answer).status()).toBe(403);
    await expect(page.locator("body")).toContainText("must come from this server's own pages");
  }

  // Both form POSTs were answered 403 (the page navigated to the refusal), and nothing stored has changed.
  expect(serverAnswers.filter((answer) => answer.method === "POST")).toEqual([
    { url: simulate, method: "POST", status: 403 },
    { url: usePack, method: "POST", status: 403 },
  ]);
  expect(await storedState(request, latent)).toEqual(before);
});

test("the same requests from the server's own page pass the guard", async ({ page, baseURL }) => {
  await page.goto("/packs");
  const status = await page.evaluate(async (usePack) => {
    const packs = (await (await fetch("/api/packs")).json()) as { packs: { name: string; active: boolean }[] };
    const active = packs.packs.find((p) => p.active)!.name;
    return (await fetch(usePack, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: active }) })).status;
  }, `${baseURL}/api/packs/active`);
  expect(status).toBe(200);
});
