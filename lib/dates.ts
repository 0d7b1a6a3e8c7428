const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` as a real calendar date, or undefined (2027-02-30 is not a date). */
export function parseDay(text: unknown): string | undefined {
    const match = typeof text === "string" ? DAY.exec(text) : null;
    if (!match) return undefined;
    const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return date.toISOString().slice(0, 10) === text ? text : undefined;
}

/** The UTC calendar day of `instant`, `YYYY-MM-DD`. */
export const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

/** Whole days from `day` to `today` (negative when `day` is later). */
export const daysSince = (day: string, today: Date) => Math.floor((today.getTime() - Date.parse(day)) / 86400000);

/** A duration as the catalog writes it: days, hours and minutes, each optional, in that order. */
export const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** A duration written `1d`, `12h`, `30m` or combined (`1d12h`), in milliseconds; undefined when it is not one or is zero. */
export function parseDuration(text: unknown): number | undefined {
    const match = typeof text === "string" && text !== "" ? DURATION.exec(text) : null;
    if (!match) return undefined;
    const [days, hours, minutes] = match.slice(1).map((part) => Number(part ?? 0));
    const ms = ((days * 24 + hours) * 60 + minutes) * 60_000;
    return ms > 0 ? ms : undefined;
}
