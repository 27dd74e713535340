/**
 * How long the stand-in waits for something the bot should do before it gives up with an error.
 * A guard against a hang, never a measure of speed: tests wait for the event itself, and on a
 * loaded 2-core machine a bot can take seconds to load an index or start a process.
 */
export const STANDIN_WAIT_MS = 15_000;
