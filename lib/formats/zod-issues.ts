import type { z } from "zod";

/** Renders zod issues as "field: problem" lines a user can act on. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}
