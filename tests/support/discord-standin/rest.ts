// REST API v10 under /api/v10: the routes a bot uses to log in, register commands and answer
// interactions. Every request is logged; unknown routes answer 404 like Discord does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { registerCommands, type CommandRouteContext } from './commands.ts';
import { discordError, ok, type HttpResult } from './http.ts';
import type { ChannelMessages } from './channel-messages.ts';
import type { InteractionStore } from './interactions.ts';
import { isRecord } from './limits-check.ts';
import type { DelayRule, FailRule, IdentifyRecord, RequestLog, UploadedFile } from './types.ts';
import type { World } from './world.ts';

export const API_PREFIX = '/api/v10';

export interface RestContext {
  world: World;
  store: InteractionStore;
  channels: ChannelMessages;
  token: string;
  requests: RequestLog[];
  failRules: FailRule[];
  delayRules: DelayRule[];
  violations: string[];
  identifies: IdentifyRecord[];
  /** ws://127.0.0.1:PORT */
  gatewayUrl: () => string;
  /** GET /gateway/bot `shards`. */
  recommendedShards: number;
  /** GET /gateway/bot `session_start_limit.max_concurrency`. */
  maxConcurrency: number;
}

export interface ParsedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
}

interface Route {
  method: string;
  /** Matched against the decoded path; named groups become params. */
  pattern: RegExp;
  /** Route template, used in error records and history. */
  name: string;
  /** Interaction and webhook routes are authorized by the token in the URL, not a header. */
  auth: boolean;
  handle(params: Record<string, string>, req: ParsedRequest): HttpResult;
}

const COMMAND_LISTS = ['/applications/:app/commands', '/applications/:app/guilds/:guild/commands'];
type CommandMethod = Parameters<typeof registerCommands>[1];

function buildRoutes(ctx: RestContext): Route[] {
  const { world, store } = ctx;
  const commandCtx: CommandRouteContext = { world, violations: ctx.violations };
  const route = (method: string, template: string, auth: boolean, handle: Route['handle']): Route => {
    const source = template
      .replace(/\//g, '\\/')
      // Snowflake parameters are numeric; tokens are opaque; messages are '@original' or ids.
      .replace(/:(app|guild|cmd|interaction|channel|msg)/g, (_, name: string) => `(?<${name}>\\d+)`)
      .replace(':token', '(?<token>[^/]+)')
      .replace(':message', '(?<message>@original|\\d+)');
    return { method, pattern: new RegExp(`^${source}$`), name: `${method} ${template}`, auth, handle };
  };
  const gatewayInfo = (): { url: string } => ({ url: ctx.gatewayUrl() });
  const commands =
    (method: CommandMethod): Route['handle'] =>
    (p, req) =>
      registerCommands(commandCtx, method, p, req);
  const webhook = (name: string) => (p: Record<string, string>, req: ParsedRequest): HttpResult =>
    store.webhook({
      method: req.method,
      route: name,
      appId: p['app'] ?? '',
      token: p['token'] ?? '',
      messageId: p['message'] ?? null,
      body: req.body,
      files: req.files,
    });

  return [
    route('GET', '/gateway', false, () => ok(gatewayInfo())),
    route('GET', '/gateway/bot', true, () =>
      ok({
        ...gatewayInfo(),
        shards: ctx.recommendedShards,
        session_start_limit: {
          total: 1000,
          remaining: Math.max(0, 1000 - ctx.identifies.length),
          reset_after: 86_400_000,
          max_concurrency: ctx.maxConcurrency,
        },
      }),
    ),
    route('GET', '/users/@me', true, () =>
      ok({ ...world.botUser, verified: true, mfa_enabled: false, locale: 'en-US', email: null }),
    ),
    route('GET', '/applications/@me', true, () =>
      ok({
        id: world.applicationId,
        name: world.botUser.username,
        icon: null,
        description: '',
        summary: '',
        type: null,
        bot: world.botUser,
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        owner: world.user(world.defaultUserId),
        team: null,
        install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
        integration_types_config: { 0: {} },
      }),
    ),
    // Global and guild command registration share one implementation.
    ...(['GET', 'PUT', 'POST'] as const).flatMap((m) => COMMAND_LISTS.map((t) => route(m, t, true, commands(m)))),
    ...(['GET', 'PATCH', 'DELETE'] as const).flatMap((m) =>
      COMMAND_LISTS.map((t) => route(m, `${t}/:cmd`, true, commands(m))),
    ),
    route('POST', '/interactions/:interaction/:token/callback', false, (p, req) =>
      store.callback(p['interaction'] ?? '', p['token'] ?? '', req.body, req.files, req.query['with_response'] === 'true'),
    ),
    route('POST', '/webhooks/:app/:token', false, webhook('POST /webhooks/:app/:token')),
    route('POST', '/channels/:channel/messages', true, (p, req) => ctx.channels.createMessage(p['channel'] ?? '', req.body)),
    route('POST', '/channels/:channel/messages/:msg/threads', true, (p, req) => ctx.channels.startThreadFromMessage(p['channel'] ?? '', p['msg'] ?? '', req.body)),
    route('POST', '/channels/:channel/threads', true, (p, req) => ctx.channels.startThread(p['channel'] ?? '', req.body)),
    ...(['GET', 'PATCH', 'DELETE'] as const).map((method) =>
      route(method, '/webhooks/:app/:token/messages/:message', false, (p, req) => {
        const name = `${method} /webhooks/:app/:token/messages/${p['message'] === '@original' ? '@original' : ':id'}`;
        return webhook(name)(p, req);
      }),
    ),
  ];
}

export function createRequestHandler(ctx: RestContext): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = buildRoutes(ctx);
  return (req, res) => {
    handle(ctx, routes, req)
      .then((result) => send(res, result))
      .catch((error: unknown) => {
        const message = `stand-in error: ${error instanceof Error ? error.message : String(error)}`;
        send(res, { status: 500, body: { message, code: 0 } });
      });
  };
}

async function handle(ctx: RestContext, routes: Route[], req: IncomingMessage): Promise<HttpResult> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  // discord.js encodes '@original' as '%40original'; decode segment by segment.
  const fullPath = url.pathname.split('/').map(safeDecode).join('/');
  const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
  const query = Object.fromEntries(url.searchParams.entries());
  const authorization = req.headers.authorization;
  const raw = await readBody(req);

  const log = (status: number, body: unknown, files: UploadedFile[]): void => {
    const hasAuthorization = authorization !== undefined;
    ctx.requests.push({ method, path, query, hasAuthorization, body, files, status, at: performance.now() });
  };

  let parsed: { body: unknown; files: UploadedFile[] };
  try {
    parsed = await parseBody(raw, req.headers['content-type']);
  } catch {
    const result = discordError('InvalidJson');
    log(result.status, raw.toString('utf8'), []);
    return result;
  }

  const respond = (result: HttpResult): HttpResult => {
    log(result.status, parsed.body, parsed.files);
    return result;
  };

  // A slow Discord: the request has arrived (the client may give up waiting) and is handled late.
  const delay = takeRule(ctx.delayRules, method, path);
  if (delay !== null) await new Promise((resolve) => setTimeout(resolve, delay.ms));

  // Injected faults come first: they stand for Discord refusing before looking at the request,
  // unless the rule says the request was applied and only its answer was lost.
  const rule = takeRule(ctx.failRules, method, path);
  const injected = rule === null ? null : failureResult(rule);
  if (injected !== null && rule?.applied !== true) return respond(injected);

  const result = route(ctx, routes, fullPath, method, path, authorization, query, parsed);
  return respond(injected ?? result);
}

function route(
  ctx: RestContext,
  routes: Route[],
  fullPath: string,
  method: string,
  path: string,
  authorization: string | undefined,
  query: Record<string, string>,
  parsed: { body: unknown; files: UploadedFile[] },
): HttpResult {
  if (!fullPath.startsWith(`${API_PREFIX}/`)) return discordError('NotFound');
  const candidates = routes.filter((r) => r.pattern.test(path));
  if (candidates.length === 0) return discordError('NotFound');
  const matched = candidates.find((r) => r.method === method);
  if (matched === undefined) return discordError('MethodNotAllowed');
  if (matched.auth && authorization !== `Bot ${ctx.token}`) return discordError('Unauthorized');

  const params = { ...(matched.pattern.exec(path)?.groups ?? {}) };
  return matched.handle(params, { method, path, query, body: parsed.body, files: parsed.files });
}

/**
 * The first rule matching the request, used up by one: a string matches when the path contains it
 * or "METHOD path" starts with it; a RegExp is tested against "METHOD path".
 */
function takeRule<R extends { pattern: string | RegExp; remaining: number }>(rules: R[], method: string, path: string): R | null {
  const line = `${method} ${path}`;
  const rule = rules.find((r) =>
    typeof r.pattern === 'string' ? path.includes(r.pattern) || line.startsWith(r.pattern) : r.pattern.test(line),
  );
  if (rule === undefined) return null;
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.splice(rules.indexOf(rule), 1);
  return rule;
}

function failureResult(rule: FailRule): HttpResult {
  if (rule.status !== 429) return { status: rule.status, body: rule.body };
  // What Discord sends with a 429 (https://discord.com/developers/docs/topics/rate-limits#header-format):
  // Retry-After in seconds, and the bucket's state. discord.js waits for Retry-After, then retries.
  const retryAfter = isRecord(rule.body) && typeof rule.body['retry_after'] === 'number' ? rule.body['retry_after'] : 0.05;
  const global = isRecord(rule.body) && rule.body['global'] === true;
  const headers: Record<string, string> = {
    'Retry-After': String(retryAfter),
    'X-RateLimit-Scope': global ? 'global' : 'user',
  };
  if (global) headers['X-RateLimit-Global'] = 'true';
  else {
    headers['X-RateLimit-Limit'] = '5';
    headers['X-RateLimit-Remaining'] = '0';
    headers['X-RateLimit-Reset'] = ((Date.now() + retryAfter * 1000) / 1000).toFixed(3);
    headers['X-RateLimit-Reset-After'] = retryAfter.toFixed(3);
    headers['X-RateLimit-Bucket'] = 'standin0bucket0hash';
  }
  return { status: 429, body: rule.body, headers };
}

/** Default body for an injected failure. */
export function defaultFailureBody(status: number): unknown {
  if (status === 429) return { message: 'You are being rate limited.', retry_after: 0.05, global: false };
  return { message: `${status}: stand-in injected failure`, code: 0 };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<unknown>) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks);
}

/** JSON or multipart/form-data (discord.js uses multipart with `payload_json` when files are attached). */
async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = contentType ?? '';
  if (type.startsWith('multipart/form-data')) {
    // The fetch Response class ships a complete multipart parser; no extra package needed.
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: UploadedFile[] = [];
    let body: Record<string, unknown> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          const json: unknown = JSON.parse(value);
          body = { ...body, ...(isRecord(json) ? json : {}) };
        } else body[field] = value;
      } else {
        files.push({ field, filename: value.name, contentType: value.type, size: value.size });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
}

function send(res: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }
  headers['Content-Type'] = 'application/json';
  res.writeHead(result.status, headers).end(JSON.stringify(result.body));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
