/**
 * JSON with object keys in sorted order at every depth, so the same value always gives the same
 * text and an unchanged catalog never shows a diff. Throws, naming the path, for anything JSON
 * cannot carry faithfully (undefined, functions, NaN, Infinity, bigint, cycles, class instances).
 */
export function stableStringify(value: unknown): string {
    return JSON.stringify(normalise(value, "$", new Set()));
}

function normalise(value: unknown, path: string, ancestors: Set<object>): unknown {
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot represent`);
        return value;
    }
    if (typeof value !== "object") throw new TypeError(`${path} is ${typeof value}, which JSON cannot represent`);
    if (ancestors.has(value)) throw new TypeError(`${path} refers back to itself`);
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
        throw new TypeError(
            `${path} is a ${proto?.constructor?.name ?? "non-plain"} object; use plain objects, arrays, strings, numbers and booleans`,
        );
    }
    ancestors.add(value);
    const result = Array.isArray(value)
        ? value.map((item, i) => normalise(item, `${path}[${i}]`, ancestors))
        : Object.fromEntries(
              Object.keys(value)
                  .sort()
                  .map((key) => [key, normalise((value as Record<string, unknown>)[key], `${path}.${key}`, ancestors)]),
          );
    ancestors.delete(value);
    return result;
}
