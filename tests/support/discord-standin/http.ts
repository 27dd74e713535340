// What a route handler answers, and Discord's JSON error bodies ({ code, message }).

export interface HttpResult {
  status: number;
  /** Serialized as JSON; omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown, status = 200): HttpResult {
  return { status, body };
}

export function noContent(): HttpResult {
  return { status: 204 };
}

/** [HTTP status, Discord JSON error code, message] as Discord sends them. */
export const DiscordErrors = {
  NotFound: [404, 0, '404: Not Found'],
  MethodNotAllowed: [405, 0, '405: Method Not Allowed'],
  Unauthorized: [401, 0, '401: Unauthorized'],
  UnknownApplication: [404, 10002, 'Unknown Application'],
  UnknownGuild: [404, 10004, 'Unknown Guild'],
  UnknownMessage: [404, 10008, 'Unknown Message'],
  UnknownWebhook: [404, 10015, 'Unknown Webhook'],
  UnknownInteraction: [404, 10062, 'Unknown interaction'],
  UnknownCommand: [404, 10063, 'Unknown application command'],
  AlreadyAcknowledged: [400, 40060, 'Interaction has already been acknowledged.'],
  EmptyMessage: [400, 50006, 'Cannot send an empty message'],
  InvalidWebhookToken: [401, 50027, 'Invalid Webhook Token'],
  InvalidJson: [400, 50109, 'The request body contains invalid JSON.'],
} as const satisfies Record<string, readonly [number, number, string]>;

export type DiscordErrorName = keyof typeof DiscordErrors;

export function discordError(name: DiscordErrorName): HttpResult {
  const [status, code, message] = DiscordErrors[name];
  return { status, body: { message, code } };
}
