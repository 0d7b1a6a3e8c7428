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
