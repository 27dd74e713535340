/** A Discord id (user, guild, application): 17 to 20 decimal digits. */
const SNOWFLAKE = /^\d{17,20}$/u;

export function isSnowflake(text: string | null | undefined): text is string {
  return typeof text === 'string' && SNOWFLAKE.test(text);
}
