// JSON.parse's messages quote the text around the mistake; a message about a user's file must name the problem
// and its place, never carry the file's contents.
export function jsonSyntaxProblem(error: unknown): string {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
  return position === undefined ? "is not valid JSON" : `is not valid JSON (at character ${position})`;
}
