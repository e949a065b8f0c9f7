/**
 * The server's clock as seen from this browser. Deadlines (a takedown's T + 24 h) are counted on
 * the server's clock, not the PC's, which may be minutes off: every answer that carries the
 * server's time moves the estimate, and the page adds the local time elapsed since.
 *
 * Two sources: an exact `serverNow` in an answer's body (milliseconds), and the HTTP `Date`
 * header of any API answer (whole seconds). A header never overrides an exact reading.
 */

interface Reading {
  /** serverTime − localTime, in milliseconds. */
  offsetMs: number;
  exact: boolean;
}

let reading: Reading | null = null;

/** Records an exact server time (`serverNow` of an answer) read at local time `localMs`. */
export function noteServerNow(serverNowIso: string, localMs: number = Date.now()): void {
  const server = Date.parse(serverNowIso);
  if (Number.isNaN(server)) return;
  reading = { offsetMs: server - localMs, exact: true };
}

/**
 * Records an HTTP `Date` header received at local time `localMs`. The header is cut to the
 * second, so the middle of that second is the best estimate.
 */
export function noteServerDateHeader(header: string | null, localMs: number = Date.now()): void {
  if (!header || reading?.exact) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  reading = { offsetMs: server + 500 - localMs, exact: false };
}

/** The server's current time in epoch milliseconds (the PC's clock until the server has answered). */
export function serverNowMs(localMs: number = Date.now()): number {
  return localMs + (reading?.offsetMs ?? 0);
}

/** Forgets the readings (tests). */
export function resetServerClock(): void {
  reading = null;
}
