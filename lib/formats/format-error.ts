// One error type for every malformed file, so routes can answer 4xx with its message instead of a stack trace.
export class FormatError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "FormatError";
  }
}
