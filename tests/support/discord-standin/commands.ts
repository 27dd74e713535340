// Application command registration (global and per guild). Definitions are validated like
// Discord does, stored, and echoed back with the fields Discord adds (id, application_id,
// guild_id, version), so `client.application.commands.set(...)` resolves to real structures.
import { discordError, noContent, ok, type HttpResult } from './http.ts';
import { checkCommandDefinition, describeFinding, invalidFormBody, isRecord, type Finding } from './limits-check.ts';
import type { ParsedRequest } from './rest.ts';
import type { RegisteredCommand } from './types.ts';
import type { World } from './world.ts';

export interface CommandRouteContext {
  world: World;
  violations: string[];
}

export function registerCommands(
  ctx: CommandRouteContext,
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
  params: Record<string, string>,
  req: ParsedRequest,
): HttpResult {
  const { world } = ctx;
  if (params['app'] !== world.applicationId) return discordError('UnknownApplication');
  const guildId = params['guild'];
  if (guildId !== undefined && world.guild(guildId) === undefined) return discordError('UnknownGuild');
  const list = guildId === undefined ? world.commands.global : (world.commands.guild.get(guildId) ?? []);
  const store = (next: RegisteredCommand[]): void => {
    if (guildId === undefined) {
      world.commands.global.splice(0, world.commands.global.length, ...next);
    } else world.commands.guild.set(guildId, next);
  };
  const where = guildId === undefined ? 'global commands' : `guild ${guildId} commands`;
  const commandId = params['cmd'];

  if (commandId !== undefined) {
    const existing = list.find((c) => c.id === commandId);
    if (existing === undefined) return discordError('UnknownCommand');
    if (method === 'GET') return ok(existing);
    if (method === 'DELETE') {
      store(list.filter((c) => c !== existing));
      return noContent();
    }
    const merged = { ...existing, ...(isRecord(req.body) ? req.body : {}) };
    const rejected = validate(ctx, where, [merged]);
    if (rejected !== null) return rejected;
    const updated = normalize(world, merged, guildId, existing);
    store(list.map((c) => (c === existing ? updated : c)));
    return ok(updated);
  }

  switch (method) {
    case 'GET':
      return ok(list);
    case 'PUT': {
      // Bulk overwrite: the body is the complete new list.
      const definitions = Array.isArray(req.body) ? req.body : [];
      const rejected = validate(ctx, where, definitions);
      if (rejected !== null) return rejected;
      const next = definitions.map((d) => {
        const def = isRecord(d) ? d : {};
        const previous = list.find((c) => c.name === def['name'] && c.type === (def['type'] ?? 1));
        return normalize(world, def, guildId, previous);
      });
      store(next);
      return ok(next);
    }
    case 'POST': {
      // Create, or overwrite the command with the same name and type.
      const rejected = validate(ctx, where, [req.body]);
      if (rejected !== null) return rejected;
      const def = isRecord(req.body) ? req.body : {};
      const previous = list.find((c) => c.name === def['name'] && c.type === (def['type'] ?? 1));
      const command = normalize(world, def, guildId, previous);
      store(previous === undefined ? [...list, command] : list.map((c) => (c === previous ? command : c)));
      return ok(command, previous === undefined ? 201 : 200);
    }
    default:
      return discordError('MethodNotAllowed');
  }
}

function validate(ctx: CommandRouteContext, where: string, definitions: unknown[]): HttpResult | null {
  const findings: Finding[] = definitions.flatMap((d, i) => checkCommandDefinition(d, definitions.length > 1 ? [i] : []));
  // Names are unique per command type.
  const seen = new Set<string>();
  definitions.forEach((d, i) => {
    if (!isRecord(d)) return;
    const key = `${String(d['type'] ?? 1)}:${String(d['name'])}`;
    if (seen.has(key)) {
      const message = `Application command names must be unique: ${String(d['name'])}`;
      findings.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message, rejects: true });
    }
    seen.add(key);
  });
  for (const f of findings) ctx.violations.push(`${describeFinding(where, f)}${f.rejects ? ' (rejected)' : ''}`);
  return findings.some((f) => f.rejects) ? { status: 400, body: invalidFormBody(findings) } : null;
}

function normalize(
  world: World,
  def: Record<string, unknown>,
  guildId: string | undefined,
  previous: RegisteredCommand | undefined,
): RegisteredCommand {
  const type = typeof def['type'] === 'number' ? def['type'] : 1;
  const command: RegisteredCommand = {
    default_member_permissions: null,
    nsfw: false,
    contexts: null,
    integration_types: [0],
    ...def,
    id: previous?.id ?? world.snowflakes.next(),
    application_id: world.applicationId,
    // Discord bumps the version whenever a command changes.
    version: world.snowflakes.next(),
    type,
    name: typeof def['name'] === 'string' ? def['name'] : '',
    description: typeof def['description'] === 'string' ? def['description'] : '',
  };
  if (guildId !== undefined) command.guild_id = guildId;
  else delete command.guild_id;
  return command;
}
