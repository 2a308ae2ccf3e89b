/** A pack request the user can fix (bad name, unknown pack, a folder outside the pack roots): routes answer it with a 4xx. */
export class PackRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = "PackRequestError";
  }
}
