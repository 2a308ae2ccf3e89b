// Who runs a job: this process (pid on this host), and whether another job owner's process is still alive.
import { hostname } from "node:os";
import type { JobOwner } from "@/db/jobs";

/** When this process started: a job "owned" by our own pid but from before then was a previous process's. */
const processStartedAt = new Date(Date.now() - process.uptime() * 1000);

export function thisProcess(): JobOwner & { startedAt: Date } {
  return { pid: process.pid, host: hostname(), startedAt: processStartedAt };
}

/** Signal 0 checks without signalling; EPERM means the process exists but belongs to another user. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
