// Ctrl-C or a plain kill (SIGTERM) stops a command's job cleanly: it ends interrupted, resumable by running the
// same command again, instead of left "running". A second signal kills the process outright.
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => controller.abort(new Error(`stopped by ${signal === "SIGINT" ? "Ctrl-C" : signal}`));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return controller.signal;
}
