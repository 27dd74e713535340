// Discord's documented limits for what a bot sends. Bodies arrive from the client untyped, so every
// check narrows `unknown` by hand. A finding either makes Discord reject the request (400 with
// 50035 "Invalid Form Body") or is advisory (Discord accepts, but it is a bug for this bot, e.g. a
// reply that could ping @everyone).

export interface Finding {
  /** JSON path inside the checked body, e.g. ['embeds', 0, 'fields', 3, 'value']. */
  path: (string | number)[];
  code: string;
  message: string;
  /** true when Discord would refuse the request. */
  rejects: boolean;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Discord counts characters as Unicode code points, not UTF-16 units; an emoji is one character.
 * Using code points keeps the stand-in from flagging text Discord would accept.
 */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  buttonUrl: 512,
  selectOptions: 25,
  selectPlaceholder: 150,
  selectOptionText: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  allowedMentionIds: 100,
} as const;

const ButtonStyle = { Link: 5, Premium: 6 } as const;
const ComponentType = { ActionRow: 1, Button: 2, StringSelect: 3 } as const;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const IS_COMPONENTS_V2 = 1 << 15;

class Collector {
  readonly findings: Finding[] = [];

  reject(path: (string | number)[], code: string, message: string): void {
    this.findings.push({ path, code, message, rejects: true });
  }

  advise(path: (string | number)[], code: string, message: string): void {
    this.findings.push({ path, code, message, rejects: false });
  }

  /** Optional string with a maximum length (and, with min > 0, required non-empty when present). */
  text(value: unknown, path: (string | number)[], max: number, min = 0): void {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') {
      this.reject(path, 'STRING_TYPE_CONVERT', 'Must be a string.');
      return;
    }
    const n = charLength(value);
    if (n > max || n < min) {
      this.reject(
        path,
        min > 0 ? 'BASE_TYPE_BAD_LENGTH' : 'BASE_TYPE_MAX_LENGTH',
        min > 0 ? `Must be between ${min} and ${max} in length.` : `Must be ${max} or fewer in length.`,
      );
    }
  }

  required(value: unknown, path: (string | number)[]): boolean {
    if (value === undefined || value === null) {
      this.reject(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return false;
    }
    return true;
  }

  array(value: unknown, path: (string | number)[], max: number): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.reject(path, 'LIST_TYPE_CONVERT', 'Must be an array.');
      return [];
    }
    if (value.length > max) {
      this.reject(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
    return value;
  }
}

export interface MessageCheckOptions {
  /** Flag a body that has no allowed_mentions (advisory). */
  requireAllowedMentions: boolean;
}

/** Checks a message body (interaction reply/update data, webhook edit or follow-up). */
export function checkMessageBody(body: unknown, options: MessageCheckOptions): Finding[] {
  const c = new Collector();
  if (!isRecord(body)) {
    c.reject([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return c.findings;
  }
  c.text(body['content'], ['content'], Limits.content);
  checkEmbeds(c, body['embeds']);
  const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  checkComponents(c, body['components'], (flags & IS_COMPONENTS_V2) !== 0);
  checkAllowedMentions(c, body['allowed_mentions'], options.requireAllowedMentions);
  return c.findings;
}

function checkEmbeds(c: Collector, value: unknown): void {
  const embeds = c.array(value, ['embeds'], Limits.embeds);
  let total = 0;
  const counted = (text: unknown): void => {
    if (typeof text === 'string') total += charLength(text);
  };
  embeds.forEach((embed, i) => {
    const at = (...rest: (string | number)[]): (string | number)[] => ['embeds', i, ...rest];
    if (!isRecord(embed)) {
      c.reject(at(), 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    c.text(embed['title'], at('title'), Limits.embedTitle);
    counted(embed['title']);
    c.text(embed['description'], at('description'), Limits.embedDescription);
    counted(embed['description']);
    const fields = c.array(embed['fields'], at('fields'), Limits.embedFields);
    fields.forEach((field, j) => {
      if (!isRecord(field)) {
        c.reject(at('fields', j), 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
        return;
      }
      // Discord requires both, and neither may be empty.
      if (c.required(field['name'], at('fields', j, 'name'))) {
        c.text(field['name'], at('fields', j, 'name'), Limits.fieldName, 1);
      }
      if (c.required(field['value'], at('fields', j, 'value'))) {
        c.text(field['value'], at('fields', j, 'value'), Limits.fieldValue, 1);
      }
      counted(field['name']);
      counted(field['value']);
    });
    const footer = embed['footer'];
    if (isRecord(footer)) {
      c.text(footer['text'], at('footer', 'text'), Limits.footerText);
      counted(footer['text']);
    }
    const author = embed['author'];
    if (isRecord(author)) {
      c.text(author['name'], at('author', 'name'), Limits.authorName);
      counted(author['name']);
    }
  });
  if (total > Limits.embedTotal) {
    c.reject(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
  }
}

function checkComponents(c: Collector, value: unknown, v2: boolean): void {
  // Components V2 messages have no fixed row layout; only the per-component rules apply there.
  const top = c.array(value, ['components'], v2 ? 40 : Limits.actionRows);
  const customIds = new Set<string>();
  const visit = (component: unknown, path: (string | number)[], insideRow: boolean): void => {
    if (!isRecord(component)) {
      c.reject(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    const type = component['type'];
    const customId = component['custom_id'];
    if (typeof customId === 'string') {
      c.text(customId, [...path, 'custom_id'], Limits.customId, 1);
      if (customIds.has(customId)) {
        c.reject([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      }
      customIds.add(customId);
    }
    if (type === ComponentType.ActionRow) {
      const children = c.array(component['components'], [...path, 'components'], Limits.rowButtons);
      const selects = children.filter((ch) => isRecord(ch) && SELECT_TYPES.has(Number(ch['type'])));
      if (selects.length > 0 && children.length > 1) {
        const message = 'A select menu must be alone in its action row';
        c.reject([...path, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message);
      }
      children.forEach((ch, i) => visit(ch, [...path, 'components', i], true));
      return;
    }
    if (!v2 && !insideRow) {
      c.reject([...path, 'type'], 'UNION_TYPE_CHOICES', 'Top-level components must be action rows');
    }
    if (type === ComponentType.Button) checkButton(c, component, path);
    else if (typeof type === 'number' && SELECT_TYPES.has(type)) checkSelect(c, component, path, type);
    // Components V2 containers/sections nest children and accessories.
    if (v2) {
      if (Array.isArray(component['components'])) {
        component['components'].forEach((ch, i) => visit(ch, [...path, 'components', i], true));
      }
      if (component['accessory'] !== undefined) visit(component['accessory'], [...path, 'accessory'], true);
    }
  };
  top.forEach((component, i) => visit(component, ['components', i], false));
}

function checkButton(c: Collector, button: Record<string, unknown>, path: (string | number)[]): void {
  const style = button['style'];
  c.text(button['label'], [...path, 'label'], Limits.buttonLabel);
  if (style === ButtonStyle.Link) {
    if (typeof button['url'] !== 'string' || button['url'] === '') {
      c.reject([...path, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required for link buttons');
    } else {
      c.text(button['url'], [...path, 'url'], Limits.buttonUrl);
    }
    if (button['custom_id'] !== undefined) {
      c.reject([...path, 'custom_id'], 'BUTTON_COMPONENT_INVALID_CUSTOM_ID', 'Link buttons cannot have a custom_id');
    }
  } else if (style === ButtonStyle.Premium) {
    if (typeof button['sku_id'] !== 'string') {
      c.reject([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
  } else {
    if (typeof button['custom_id'] !== 'string') {
      c.reject([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', 'A custom id is required');
    }
    if (button['url'] !== undefined) {
      c.reject([...path, 'url'], 'BUTTON_COMPONENT_INVALID_URL', 'Non-link buttons cannot have a url');
    }
  }
  if (style !== ButtonStyle.Premium && button['label'] === undefined && button['emoji'] === undefined) {
    c.reject([...path, 'label'], 'BUTTON_COMPONENT_LABEL_REQUIRED', 'A label or emoji is required');
  }
}

function checkSelect(c: Collector, select: Record<string, unknown>, path: (string | number)[], type: number): void {
  if (typeof select['custom_id'] !== 'string') {
    c.reject([...path, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  }
  c.text(select['placeholder'], [...path, 'placeholder'], Limits.selectPlaceholder);
  if (type !== ComponentType.StringSelect) return;
  if (!Array.isArray(select['options']) || select['options'].length === 0) {
    c.reject([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${Limits.selectOptions} in length.`);
    return;
  }
  const options = c.array(select['options'], [...path, 'options'], Limits.selectOptions);
  options.forEach((option, i) => {
    if (!isRecord(option)) return;
    c.text(option['label'], [...path, 'options', i, 'label'], Limits.selectOptionText, 1);
    c.text(option['value'], [...path, 'options', i, 'value'], Limits.selectOptionText, 1);
    c.text(option['description'], [...path, 'options', i, 'description'], Limits.selectOptionText);
  });
}

function checkAllowedMentions(c: Collector, value: unknown, required: boolean): void {
  if (value === undefined || value === null) {
    // Discord then parses every mention in the content, @everyone included.
    const message = 'missing allowed_mentions: the reply may ping anyone it names';
    if (required) c.advise(['allowed_mentions'], 'ALLOWED_MENTIONS_MISSING', message);
    return;
  }
  if (!isRecord(value)) {
    c.reject(['allowed_mentions'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const parse = value['parse'];
  const parsed = Array.isArray(parse) ? parse : [];
  if (parse !== undefined && !Array.isArray(parse)) {
    c.reject(['allowed_mentions', 'parse'], 'LIST_TYPE_CONVERT', 'Must be an array.');
  }
  parsed.forEach((p, i) => {
    if (p !== 'users' && p !== 'roles' && p !== 'everyone') {
      c.reject(['allowed_mentions', 'parse', i], 'ENUM_TYPE_COERCE', `Value "${String(p)}" is not a valid enum value.`);
    }
  });
  if (parsed.includes('everyone')) {
    c.advise(['allowed_mentions', 'parse'], 'ALLOWED_MENTIONS_EVERYONE', 'allowed_mentions permits @everyone');
  }
  for (const kind of ['users', 'roles'] as const) {
    const ids = c.array(value[kind], ['allowed_mentions', kind], Limits.allowedMentionIds);
    // Discord refuses an explicit id list together with parsing the same kind.
    if (ids.length > 0 && parsed.includes(kind)) {
      const message = `parse:["${kind}"] and ${kind}: [ids] are mutually exclusive.`;
      c.reject(['allowed_mentions', kind], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', message);
    }
  }
}

/** Checks the data of an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (callback type 8). */
export function checkAutocompleteResult(data: unknown): Finding[] {
  const c = new Collector();
  if (!isRecord(data) || !Array.isArray(data['choices'])) {
    c.reject(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return c.findings;
  }
  const choices = c.array(data['choices'], ['data', 'choices'], Limits.choices);
  choices.forEach((choice, i) => checkChoice(c, choice, ['data', 'choices', i]));
  return c.findings;
}

function checkChoice(c: Collector, choice: unknown, path: (string | number)[]): void {
  if (!isRecord(choice)) {
    c.reject(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  if (c.required(choice['name'], [...path, 'name'])) {
    c.text(choice['name'], [...path, 'name'], Limits.choiceName, 1);
  }
  const value = choice['value'];
  if (typeof value === 'string') c.text(value, [...path, 'value'], Limits.choiceValue);
  else if (typeof value !== 'number') c.reject([...path, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
}

// Application command names: the documented regex, and lower case wherever a letter has a case.
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkChatInputName(c: Collector, name: unknown, path: (string | number)[]): void {
  if (typeof name !== 'string' || !CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
    c.reject(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid: ${JSON.stringify(name)}`);
  }
}

/** Checks one application command definition as sent to the registration endpoints. */
export function checkCommandDefinition(command: unknown, path: (string | number)[] = []): Finding[] {
  const c = new Collector();
  if (!isRecord(command)) {
    c.reject(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return c.findings;
  }
  const type = command['type'] ?? 1;
  if (type === 1) {
    checkChatInputName(c, command['name'], [...path, 'name']);
    if (c.required(command['description'], [...path, 'description'])) {
      c.text(command['description'], [...path, 'description'], Limits.commandDescription, 1);
    }
    checkCommandOptions(c, command['options'], [...path, 'options']);
  } else if (type === 2 || type === 3) {
    c.text(command['name'], [...path, 'name'], Limits.commandName, 1);
    if (typeof command['description'] === 'string' && command['description'] !== '') {
      const message = 'Context menu commands cannot have a description';
      c.reject([...path, 'description'], 'APPLICATION_COMMAND_INVALID_DESCRIPTION', message);
    }
  } else if (type !== 4) {
    c.reject([...path, 'type'], 'ENUM_TYPE_COERCE', `Value "${String(type)}" is not a valid enum value.`);
  }
  return c.findings;
}

function checkCommandOptions(c: Collector, value: unknown, path: (string | number)[]): void {
  const options = c.array(value, path, Limits.commandOptions);
  let sawOptional = false;
  options.forEach((option, i) => {
    const at = [...path, i];
    if (!isRecord(option)) {
      c.reject(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    checkChatInputName(c, option['name'], [...at, 'name']);
    if (c.required(option['description'], [...at, 'description'])) {
      c.text(option['description'], [...at, 'description'], Limits.commandDescription, 1);
    }
    const optionType = option['type'];
    if (optionType === 1 || optionType === 2) {
      // Subcommands and groups nest their own options.
      checkCommandOptions(c, option['options'], [...at, 'options']);
      return;
    }
    if (option['required'] === true && sawOptional) {
      const message = 'Required options must be placed before non-required options';
      c.reject([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message);
    }
    if (option['required'] !== true) sawOptional = true;
    const choices = c.array(option['choices'], [...at, 'choices'], Limits.choices);
    choices.forEach((choice, j) => checkChoice(c, choice, [...at, 'choices', j]));
    if (choices.length > 0 && option['autocomplete'] === true) {
      const message = 'Autocomplete cannot be set with choices';
      c.reject([...at, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES', message);
    }
  });
}

/** True when a message would show nothing; Discord refuses those with 50006. */
export function isEmptyMessage(message: {
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: unknown[];
}): boolean {
  return (
    message.content.trim() === '' &&
    message.embeds.length === 0 &&
    message.components.length === 0 &&
    message.attachments.length === 0
  );
}

/** Discord's 50035 body: errors nested along each path, with `_errors` at the leaves. */
export function invalidFormBody(findings: Finding[]): { code: 50035; message: string; errors: Record<string, unknown> } {
  const errors: Record<string, unknown> = {};
  for (const f of findings.filter((x) => x.rejects)) {
    let node = errors;
    for (const key of f.path) {
      const k = String(key);
      const next = node[k];
      if (isRecord(next)) node = next;
      else {
        const created: Record<string, unknown> = {};
        node[k] = created;
        node = created;
      }
    }
    const list = Array.isArray(node['_errors']) ? node['_errors'] : [];
    list.push({ code: f.code, message: f.message });
    node['_errors'] = list;
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}

export function describeFinding(where: string, f: Finding): string {
  const path = f.path.length > 0 ? f.path.join('.') : '(body)';
  return `${where}: ${path}: ${f.message} [${f.code}]`;
}
