import { DiscordAPIError, HTTPError } from 'discord.js';

/** Discord's "Interaction has already been acknowledged". */
export const ALREADY_ACKNOWLEDGED = 40060;
/** "Unknown Webhook" / "Unknown Message": there is no response (yet) to fetch or edit. */
export const NOT_THERE: ReadonlySet<number> = new Set([10008, 10015]);

/**
 * Whether a failed request may still have reached Discord and taken effect: a 5xx (Discord, or a
 * proxy in front of it, failed while or after handling it), a timeout, a connection reset. A 4xx
 * is Discord's clear "no"; anything thrown before a request was made (validation) is not a
 * Discord failure at all.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return false;
  if (error instanceof HTTPError) return error.status >= 500;
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^(ECONNRESET|EPIPE|ETIMEDOUT|UND_ERR_(SOCKET|CLOSED|HEADERS_TIMEOUT|BODY_TIMEOUT))$/u.test(code);
}

export function apiCode(error: unknown): number | null {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : null;
}

/** "HTTP 502", "no answer within the REST timeout", for log lines. */
export function failureName(error: unknown): string {
  if (error instanceof HTTPError) return `HTTP ${error.status}`;
  if (error instanceof DiscordAPIError) return `${error.status}/${String(error.code)} ${error.message}`;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return 'no answer within the REST timeout';
  return error instanceof Error ? error.message : String(error);
}

/**
 * The bot stopped trying to answer an interaction: the person may have seen nothing. The router
 * logs it with the interaction id and does not try again (a second answer would be refused, or
 * would show twice).
 */
export class GaveUpError extends Error {
  override name = 'GaveUpError';
  constructor(
    readonly step: string,
    readonly reason: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** The bot is shutting down and has already told the person; the handler's late answer is dropped. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}
