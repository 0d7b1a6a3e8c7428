// Documents one mistake away from valid, for property tests: any place of a valid document
// replaced by a value anyone might write by mistake.
import * as fc from "fast-check";

/** Paths into a value, to replace one place of a valid document with anything. */
export function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (value === null || typeof value !== "object") return [prefix];
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    return [prefix, ...keys.flatMap((key) => paths((value as any)[key], [...prefix, key]))];
}
export function replaced(document: unknown, path: (string | number)[], replacement: unknown): unknown {
    if (!path.length) return replacement;
    const copy: any = Array.isArray(document) ? [...document] : { ...(document as object) };
    copy[path[0]] = replaced(copy[path[0]], path.slice(1), replacement);
    return copy;
}

/** A value anyone might write by mistake: other types, near-miss text, odd numbers, structures. */
export const mistake = fc.oneof(
    fc.anything(),
    fc.constantFrom(
        null,
        undefined,
        "",
        " ",
        "true",
        "yes",
        0,
        -1,
        0.5,
        NaN,
        Infinity,
        [],
        {},
        [null],
        { "": 1 },
        "on",
        "prod",
        "chat_model",
    ),
);
