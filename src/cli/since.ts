import { UsageError } from './usage.ts';

const UNIT_MS = { h: 60 * 60_000, d: 24 * 60 * 60_000, w: 7 * 24 * 60 * 60_000 } as const;

/**
 * `--since`: a span back from now (`24h`, `7d`, `2w`), a date (`2026-11-01`, read as UTC) or
 * `all`. Returns the earliest time to include (ms), or null for all time.
 */
export function sinceTime(text: string, now: number): number | null {
  const value = text.trim().toLowerCase();
  if (value === 'all') return null;
  const span = /^(\d+)\s*([hdw])$/u.exec(value);
  if (span) return now - Number(span[1]) * UNIT_MS[span[2] as keyof typeof UNIT_MS];
  if (/^\d{4}-\d{2}-\d{2}/u.test(value)) {
    const at = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (Number.isFinite(at)) return at;
  }
  throw new UsageError(`--since must be a span such as 24h, 7d or 2w, a date such as 2026-11-01, or all (got "${text}")`);
}
