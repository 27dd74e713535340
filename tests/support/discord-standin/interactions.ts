// Interaction lifecycle: records what was dispatched, enforces Discord's response rules (one
// initial response, within the deadline; edits and follow-ups only after it) and keeps the
// resulting messages up to date so tests can assert on what a user would see.
import { performance } from 'node:perf_hooks';
import { discordError, noContent, ok, type DiscordErrorName, type HttpResult } from './http.ts';
import { buildInteraction, InteractionType } from './interaction-builders.ts';
import {
  checkAutocompleteResult,
  checkMessageBody,
  describeFinding,
  invalidFormBody,
  isEmptyMessage,
  isRecord,
  type Finding,
} from './limits-check.ts';
import { MessageFlag } from './payloads.ts';
import { makeInteractionToken } from './snowflake.ts';
import type {
  HistoryEntry,
  HistoryKind,
  InteractionInput,
  InteractionRecord,
  MessageState,
  ResponseRecord,
  UploadedFile,
} from './types.ts';
import type { World } from './world.ts';
import { STANDIN_WAIT_MS } from './waits.ts';

/** Interaction callback types (https://discord.com/developers/docs/interactions/receiving-and-responding). */
export const CallbackType = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
  LaunchActivity: 12,
} as const;

/** Which callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9, 12],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9, 12],
  [InteractionType.Autocomplete]: [8],
};

/** Flags a message body may set; the rest are Discord's to manage. */
const SUPPRESS_EMBEDS = 1 << 2;
const SUPPRESS_NOTIFICATIONS = 1 << 12;
const SETTABLE_FLAGS = MessageFlag.Ephemeral | SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | MessageFlag.IsComponentsV2;

export interface InteractionStoreOptions {
  firstResponseDeadlineMs: number;
  tokenLifetimeMs: number;
  /** Shared list every limit violation is appended to. */
  violations: string[];
}

export interface WebhookRequest {
  method: string;
  /** Route template for error records, e.g. 'PATCH /webhooks/:app/:token/messages/:id'. */
  route: string;
  appId: string;
  token: string;
  /** null for the webhook itself (POST = follow-up); '@original' or a message id otherwise. */
  messageId: string | null;
  body: unknown;
  files: UploadedFile[];
}

interface Waiter {
  check(): void;
  abort(error: Error): void;
}

export class InteractionStore {
  readonly records = new Map<string, InteractionRecord>();
  readonly #byToken = new Map<string, InteractionRecord>();
  /** Interaction id -> message its component was on. */
  readonly #componentMessages = new Map<string, MessageState>();
  readonly #waiters = new Set<Waiter>();
  readonly #world: World;
  readonly #options: InteractionStoreOptions;

  constructor(world: World, options: InteractionStoreOptions) {
    this.#world = world;
    this.#options = options;
    world.originOf = (id) => {
      const rec = this.records.get(id);
      if (rec === undefined) return null;
      const data = rec.payload.data;
      const name = isRecord(data) && typeof data['name'] === 'string' ? data['name'] : null;
      return { type: rec.type, userId: rec.payload.member?.user.id ?? rec.payload.user?.id ?? '0', commandName: name };
    };
  }

  /** Builds and registers an interaction; the caller sends `record.payload` over the gateway. */
  create(input: InteractionInput): InteractionRecord {
    const id = this.#world.snowflakes.next();
    const token = makeInteractionToken();
    const built = buildInteraction(this.#world, input, id, token);
    const record: InteractionRecord = {
      id,
      token,
      type: built.type,
      kind: built.kind,
      payload: built.payload,
      dispatchedAt: performance.now(),
      firstResponse: null,
      original: null,
      followups: [],
      choices: null,
      history: [],
      errors: [],
    };
    this.records.set(id, record);
    this.#byToken.set(token, record);
    if (built.componentMessage !== null) this.#componentMessages.set(id, built.componentMessage);
    return record;
  }

  /** POST /interactions/{id}/{token}/callback */
  callback(id: string, token: string, body: unknown, files: UploadedFile[], withResponse: boolean): HttpResult {
    const route = 'POST /interactions/:id/:token/callback';
    const rec = this.records.get(id);
    if (rec === undefined) return discordError('UnknownInteraction');
    if (rec.token !== token) return this.#fail(rec, route, 'UnknownInteraction', body);
    const atMs = this.#elapsed(rec);
    if (rec.firstResponse !== null) return this.#fail(rec, route, 'AlreadyAcknowledged', body);
    // Past the deadline Discord has forgotten the interaction.
    if (atMs > this.#options.firstResponseDeadlineMs) return this.#fail(rec, route, 'UnknownInteraction', body);

    if (!isRecord(body) || typeof body['type'] !== 'number') {
      const finding: Finding = { path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required', rejects: true };
      return this.#reject(rec, route, 'callback', finding, body);
    }
    const type = body['type'];
    const data = body['data'];
    if (!(ALLOWED_CALLBACKS[rec.type] ?? []).includes(type)) {
      const message = `Callback type ${type} is not valid for a ${rec.kind} interaction`;
      const finding: Finding = { path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message, rejects: true };
      return this.#reject(rec, route, `callback(${type})`, finding, body);
    }

    const where = `callback(${type})`;
    let message: MessageState | null = null;
    switch (type) {
      case CallbackType.ChannelMessageWithSource: {
        const findings = prefix('data', checkMessageBody(data ?? {}, { requireAllowedMentions: true }));
        const rejected = this.#rejectIfNeeded(rec, route, where, findings, body);
        if (rejected !== null) return rejected;
        const state = this.#newResponseMessage(rec);
        const written = this.#write(state, data, files, 'create');
        if (written !== null) return this.#failWith(rec, route, written, body, where);
        message = this.#commit(state);
        rec.original = message;
        break;
      }
      case CallbackType.DeferredChannelMessageWithSource: {
        // The "<bot> is thinking..." placeholder; a later PATCH of @original fills it.
        const state = this.#newResponseMessage(rec);
        const flags = isRecord(data) && typeof data['flags'] === 'number' ? data['flags'] : 0;
        state.flags = (flags & MessageFlag.Ephemeral) | MessageFlag.Loading;
        message = this.#commit(state);
        rec.original = message;
        break;
      }
      case CallbackType.DeferredUpdateMessage:
      case CallbackType.UpdateMessage: {
        const target = this.#componentMessages.get(rec.id);
        if (target === undefined || target.deleted) return this.#fail(rec, route, 'UnknownMessage', body);
        if (type === CallbackType.UpdateMessage) {
          const findings = prefix('data', checkMessageBody(data ?? {}, { requireAllowedMentions: true }));
          const rejected = this.#rejectIfNeeded(rec, route, where, findings, body);
          if (rejected !== null) return rejected;
          const written = this.#write(target, data, files, 'edit');
          if (written !== null) return this.#failWith(rec, route, written, body, where);
        }
        // For component interactions @original is the message the component is on.
        message = target;
        rec.original = target;
        break;
      }
      case CallbackType.AutocompleteResult: {
        const rejected = this.#rejectIfNeeded(rec, route, where, checkAutocompleteResult(data), body);
        if (rejected !== null) return rejected;
        rec.choices = isRecord(data) && Array.isArray(data['choices']) ? data['choices'] : [];
        break;
      }
      default:
        // Modals and activities: accepted and recorded, nothing to render.
        break;
    }

    const response: ResponseRecord = { type, data, atMs };
    rec.firstResponse = response;
    const status = withResponse ? 200 : 204;
    this.#addHistory(rec, { kind: 'callback', atMs, status, callbackType: type, body, ...(message ? { messageId: message.id } : {}) });
    if (!withResponse) return noContent();
    return ok({
      interaction: {
        id: rec.id,
        type: rec.type,
        ...(message === null
          ? {}
          : {
              response_message_id: message.id,
              response_message_loading: (message.flags & MessageFlag.Loading) !== 0,
              response_message_ephemeral: (message.flags & MessageFlag.Ephemeral) !== 0,
            }),
      },
      resource: message === null ? { type } : { type, message: this.#world.apiMessage(message) },
    });
  }

  /** Everything under /webhooks/{app}/{token}: @original and follow-ups. */
  webhook(req: WebhookRequest): HttpResult {
    const rec = this.#byToken.get(req.token);
    if (req.appId !== this.#world.applicationId) return discordError('UnknownWebhook');
    if (rec === undefined) return discordError('InvalidWebhookToken');
    if (this.#elapsed(rec) > this.#options.tokenLifetimeMs) {
      return this.#fail(rec, req.route, 'InvalidWebhookToken', req.body);
    }
    // The interaction's webhook only exists once the interaction was acknowledged.
    if (rec.firstResponse === null) return this.#fail(rec, req.route, 'UnknownWebhook', req.body);

    if (req.messageId === null) {
      if (req.method !== 'POST') return discordError('MethodNotAllowed');
      return this.#followup(rec, req);
    }
    const state = this.#webhookMessage(rec, req.messageId);
    if (state === null) return this.#fail(rec, req.route, 'UnknownMessage', req.body);
    const atMs = this.#elapsed(rec);
    const isFollowup = rec.original?.id !== state.id;

    switch (req.method) {
      case 'GET':
        this.#addHistory(rec, { kind: 'getOriginal', atMs, status: 200, messageId: state.id, body: null });
        return ok(this.#world.apiMessage(state));
      case 'PATCH': {
        const where = isFollowup ? 'edit follow-up' : 'edit @original';
        const findings = checkMessageBody(req.body ?? {}, { requireAllowedMentions: true });
        const rejected = this.#rejectIfNeeded(rec, req.route, where, findings, req.body);
        if (rejected !== null) return rejected;
        const written = this.#write(state, req.body, req.files, 'edit');
        if (written !== null) return this.#failWith(rec, req.route, written, req.body, where);
        const kind = isFollowup ? 'editFollowup' : 'editOriginal';
        this.#addHistory(rec, { kind, atMs, status: 200, messageId: state.id, body: req.body });
        return ok(this.#world.apiMessage(state));
      }
      case 'DELETE':
        this.#deleteMessage(state);
        const kind = isFollowup ? 'deleteFollowup' : 'deleteOriginal';
        this.#addHistory(rec, { kind, atMs, status: 204, messageId: state.id, body: null });
        return noContent();
      default:
        return discordError('MethodNotAllowed');
    }
  }

  /** '@original' or the id of the original or a follow-up of this interaction. */
  #webhookMessage(rec: InteractionRecord, messageId: string): MessageState | null {
    const found =
      messageId === '@original' || messageId === rec.original?.id
        ? rec.original
        : rec.followups.find((m) => m.id === messageId);
    return found === undefined || found === null || found.deleted ? null : found;
  }

  #followup(rec: InteractionRecord, req: WebhookRequest): HttpResult {
    const atMs = this.#elapsed(rec);
    const where = 'follow-up';
    if (rec.type === InteractionType.Autocomplete) return this.#fail(rec, req.route, 'UnknownWebhook', req.body);
    const findings = checkMessageBody(req.body ?? {}, { requireAllowedMentions: true });
    const rejected = this.#rejectIfNeeded(rec, req.route, where, findings, req.body);
    if (rejected !== null) return rejected;
    // Documented (deprecated) quirk: the first follow-up right after a deferral edits the
    // "thinking" message instead of creating one, keeping its ephemerality.
    const loading = rec.original;
    if (loading !== null && (loading.flags & MessageFlag.Loading) !== 0) {
      const written = this.#write(loading, req.body, req.files, 'edit');
      if (written !== null) return this.#failWith(rec, req.route, written, req.body, where);
      this.#addHistory(rec, { kind: 'followup', atMs, status: 200, messageId: loading.id, body: req.body });
      return ok(this.#world.apiMessage(loading));
    }
    const state = this.#newResponseMessage(rec, 0);
    const written = this.#write(state, req.body, req.files, 'create');
    if (written !== null) return this.#failWith(rec, req.route, written, req.body, where);
    this.#commit(state);
    rec.followups.push(state);
    // For interaction follow-ups `wait` is always true: the message comes back.
    this.#addHistory(rec, { kind: 'followup', atMs, status: 200, messageId: state.id, body: req.body });
    return ok(this.#world.apiMessage(state));
  }

  /** A message an interaction response creates (not yet stored until committed). */
  #newResponseMessage(rec: InteractionRecord, type?: number): MessageState {
    const channelId = rec.payload.channel?.id ?? rec.payload.channel_id ?? '0';
    const messageType = type ?? (rec.kind === 'chatInput' ? 20 : rec.kind === 'messageCommand' ? 23 : 0);
    return this.#world.blankMessage({
      channelId,
      guildId: rec.payload.guild_id ?? null,
      authorId: this.#world.botUser.id,
      interactionId: rec.id,
      type: messageType,
    });
  }

  #commit(state: MessageState): MessageState {
    this.#world.messages.set(state.id, state);
    return state;
  }

  /**
   * Applies a message body to `state` (in place, only if the result is valid). Returns the name of
   * the Discord error when the result would be refused, else null.
   */
  #write(state: MessageState, body: unknown, files: UploadedFile[], mode: 'create' | 'edit'): DiscordErrorName | null {
    const next: MessageState = { ...state };
    const b = isRecord(body) ? body : {};
    if ('content' in b) next.content = typeof b['content'] === 'string' ? b['content'] : '';
    if ('embeds' in b) next.embeds = Array.isArray(b['embeds']) ? [...b['embeds']] : [];
    if ('components' in b) next.components = Array.isArray(b['components']) ? [...b['components']] : [];
    next.allowed_mentions = b['allowed_mentions'];
    const bodyFlags = typeof b['flags'] === 'number' ? b['flags'] & SETTABLE_FLAGS : null;
    if (mode === 'create') {
      next.flags = bodyFlags ?? 0;
    } else {
      // Edits cannot change ephemerality; they end the "thinking" state.
      const keep = state.flags & MessageFlag.Ephemeral;
      const settable = (bodyFlags ?? (state.flags & SETTABLE_FLAGS)) & ~MessageFlag.Ephemeral;
      next.flags = keep | settable;
      next.editedAt = Date.now();
    }
    const attachments = this.#attachments(next, b, files);
    if (attachments !== null) next.attachments = attachments;
    if (isEmptyMessage(next)) return 'EmptyMessage';
    Object.assign(state, next);
    return null;
  }

  /** Attachments after a write: uploaded files (`files[n]`) referenced by `attachments[].id = n`. */
  #attachments(state: MessageState, body: Record<string, unknown>, files: UploadedFile[]): unknown[] | null {
    const upload = (file: UploadedFile, extra: Record<string, unknown>): Record<string, unknown> => {
      const id = this.#world.snowflakes.next();
      return {
        id,
        filename: file.filename,
        size: file.size,
        content_type: file.contentType,
        url: `https://cdn.discordapp.com/attachments/${state.channelId}/${id}/${encodeURIComponent(file.filename)}`,
        proxy_url: `https://media.discordapp.net/attachments/${state.channelId}/${id}/${encodeURIComponent(file.filename)}`,
        ...extra,
      };
    };
    const listed = body['attachments'];
    if (Array.isArray(listed)) {
      const result: unknown[] = [];
      for (const entry of listed) {
        if (!isRecord(entry)) continue;
        const ref = String(entry['id']);
        const file = files.find((f) => f.field === `files[${ref}]`);
        if (file !== undefined) {
          result.push(upload(file, typeof entry['description'] === 'string' ? { description: entry['description'] } : {}));
          continue;
        }
        const existing = state.attachments.find((a) => isRecord(a) && a['id'] === ref);
        if (existing !== undefined) result.push(existing);
      }
      return result;
    }
    if (files.length > 0) return [...state.attachments, ...files.map((f) => upload(f, {}))];
    return null;
  }

  #deleteMessage(state: MessageState): void {
    state.deleted = true;
    this.#world.messages.delete(state.id);
    // A component interaction's @original can be another interaction's reply: clear both.
    for (const rec of this.records.values()) {
      if (rec.original?.id === state.id) rec.original = null;
    }
  }

  /** Records violations; returns the 50035 answer if any finding makes Discord refuse the body. */
  #rejectIfNeeded(
    rec: InteractionRecord,
    route: string,
    where: string,
    findings: Finding[],
    body: unknown,
  ): HttpResult | null {
    for (const f of findings) {
      const suffix = f.rejects ? ' (rejected)' : '';
      this.#options.violations.push(`interaction ${rec.id} (${rec.kind}) ${describeFinding(where, f)}${suffix}`);
    }
    if (!findings.some((f) => f.rejects)) return null;
    const result: HttpResult = { status: 400, body: invalidFormBody(findings) };
    this.#recordError(rec, route, 400, 50035, 'Invalid Form Body', body);
    return result;
  }

  /** One finding that always makes Discord refuse the request. */
  #reject(rec: InteractionRecord, route: string, where: string, finding: Finding, body: unknown): HttpResult {
    this.#options.violations.push(`interaction ${rec.id} (${rec.kind}) ${describeFinding(where, finding)} (rejected)`);
    this.#recordError(rec, route, 400, 50035, 'Invalid Form Body', body);
    return { status: 400, body: invalidFormBody([finding]) };
  }

  /** A refused write that is also a bot bug (e.g. an empty message): error + violation. */
  #failWith(rec: InteractionRecord, route: string, name: DiscordErrorName, body: unknown, where: string): HttpResult {
    this.#options.violations.push(`interaction ${rec.id} (${rec.kind}) ${where}: ${discordErrorMessage(name)} (rejected)`);
    return this.#fail(rec, route, name, body);
  }

  #fail(rec: InteractionRecord, route: string, name: DiscordErrorName, body: unknown): HttpResult {
    const result = discordError(name);
    const errorBody = result.body;
    const code = isRecord(errorBody) && typeof errorBody['code'] === 'number' ? errorBody['code'] : 0;
    this.#recordError(rec, route, result.status, code, discordErrorMessage(name), body);
    return result;
  }

  #recordError(rec: InteractionRecord, route: string, status: number, code: number, message: string, body: unknown): void {
    const atMs = this.#elapsed(rec);
    rec.errors.push({ atMs, status, code, message, route });
    this.#addHistory(rec, { kind: historyKindFor(route), atMs, status, body });
  }

  /** Every change a test may wait on goes through here, so waiters are re-checked. */
  #addHistory(rec: InteractionRecord, entry: HistoryEntry): void {
    rec.history.push(entry);
    this.notify();
  }

  #elapsed(rec: InteractionRecord): number {
    return performance.now() - rec.dispatchedAt;
  }

  /** Re-evaluates pending waits; call after every change to a record. */
  notify(): void {
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  waitFor(id: string, predicate: (r: InteractionRecord) => boolean, timeoutMs = STANDIN_WAIT_MS): Promise<InteractionRecord> {
    const rec = this.records.get(id);
    if (rec === undefined) return Promise.reject(new Error(`stand-in: unknown interaction ${id}`));
    return new Promise<InteractionRecord>((resolve, reject) => {
      const finish = (error: Error | null): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        if (error === null) resolve(rec);
        else reject(error);
      };
      const waiter: Waiter = {
        check: () => {
          try {
            if (predicate(rec)) finish(null);
          } catch (error) {
            finish(error instanceof Error ? error : new Error(String(error)));
          }
        },
        abort: (error) => finish(error),
      };
      const timer = setTimeout(() => {
        const what = `interaction ${id} (${rec.kind})`;
        finish(new Error(`stand-in: timed out after ${timeoutMs} ms waiting on ${what}; ${summarize(rec)}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
      waiter.check();
    });
  }

  async waitForFirstResponse(id: string, timeoutMs = STANDIN_WAIT_MS): Promise<ResponseRecord> {
    const rec = await this.waitFor(id, (r) => r.firstResponse !== null, timeoutMs);
    if (rec.firstResponse === null) throw new Error('unreachable: predicate held');
    return rec.firstResponse;
  }

  /** Rejects every pending wait (the stand-in is closing). */
  abortAll(reason: string): void {
    for (const waiter of [...this.#waiters]) waiter.abort(new Error(`stand-in: ${reason}`));
  }
}

/** Maps a route template (see rest.ts) to the history entry kind it produces. */
function historyKindFor(route: string): HistoryKind {
  const [method = '', path = ''] = route.split(' ');
  if (path.endsWith('/callback')) return 'callback';
  const original = path.endsWith('/@original');
  if (method === 'POST') return 'followup';
  if (method === 'GET') return 'getOriginal';
  if (method === 'DELETE') return original ? 'deleteOriginal' : 'deleteFollowup';
  return original ? 'editOriginal' : 'editFollowup';
}

function discordErrorMessage(name: DiscordErrorName): string {
  const body = discordError(name).body;
  return isRecord(body) && typeof body['message'] === 'string' ? body['message'] : name;
}

function prefix(key: string, findings: Finding[]): Finding[] {
  return findings.map((f) => ({ ...f, path: [key, ...f.path] }));
}

function summarize(rec: InteractionRecord): string {
  const r = rec.firstResponse;
  const first = r === null ? 'no response' : `first response type ${r.type} at ${Math.round(r.atMs)} ms`;
  const errors = rec.errors.map((e) => `${e.status}/${e.code} ${e.message}`).join('; ');
  return `${first}; ${rec.history.length} history entries${errors === '' ? '' : `; errors: ${errors}`}`;
}
