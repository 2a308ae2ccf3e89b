/** A request refused before any route runs: the HTTP status and a message saying what to change. */
export interface Refusal {
  status: number;
  error: string;
}
