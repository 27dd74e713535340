/**
 * Every Discord limit the bot works within, in one place, so presenters, the adapter and the tests
 * agree on the numbers. It sits with the presenters, the lowest layer that needs it; the adapter
 * imports it from here. Lengths are counted in UTF-16 code units (`string.length`): Discord
 * counts code points, and a string's code-unit length is never smaller, so staying under these in
 * code units always stays under Discord's own count.
 *
 * Sources: https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * https://discord.com/developers/docs/components/reference,
 * https://discord.com/developers/docs/interactions/receiving-and-responding.
 */
export const DiscordLimits = {
  /** Characters of a message's `content`. */
  messageContent: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  fieldsPerEmbed: 25,
  /** Sum of title, description, field names and values, footer and author over all embeds. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  /** A link button's URL. */
  buttonUrl: 512,
  /** An embed's `url` (the title link). */
  embedUrl: 2048,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  /** A thread's name. */
  threadName: 100,
  commandDescription: 100,
  /** Discord forgets an interaction that has no response (reply, defer) after this long. */
  firstResponseMs: 3_000,
  /** Edits and follow-ups through an interaction's token work for this long. */
  interactionTokenMs: 15 * 60_000,
} as const;
