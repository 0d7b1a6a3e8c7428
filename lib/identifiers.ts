// Harness entity identifiers: case-sensitive, immutable, and shared by orgs, projects,
// environments, flags, variations, target groups and SDK keys.
export const IDENTIFIER_PATTERN = /^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$/;

/** Words Harness refuses as identifiers, although they match the pattern. */
export const RESERVED_IDENTIFIERS: ReadonlySet<string> = new Set([
    "or",
    "and",
    "eq",
    "ne",
    "lt",
    "gt",
    "le",
    "ge",
    "div",
    "mod",
    "not",
    "null",
    "true",
    "false",
    "new",
    "var",
    "return",
    "step",
    "parallel",
    "stepGroup",
    "org",
    "account",
    "status",
    "liteEngineTask",
]);

export const IDENTIFIER_RULE =
    "a letter or _, then letters, digits, _ or $ (at most 128 characters), and not a reserved word such as 'org' or 'status'";

/** What is wrong with `value` as a Harness identifier, said after the value; undefined when it is one. */
export function identifierFault(value: string, reservedWordsApply = true): string | undefined {
    if (!IDENTIFIER_PATTERN.test(value)) return "is not a valid identifier";
    if (reservedWordsApply && RESERVED_IDENTIFIERS.has(value)) return "is a reserved word in Harness";
    return undefined;
}

/** Why `value` is not a valid Harness identifier, or undefined when it is one. */
export function identifierProblem(value: string): string | undefined {
    const fault = identifierFault(value);
    return fault && `'${value}' ${fault}`;
}

/**
 * The identifier Harness would derive from a display name ("my-org" → "my_org"), used to suggest
 * a fix; undefined when no valid identifier can be derived.
 */
export function suggestIdentifier(value: string): string | undefined {
    let candidate = value.trim().replace(/[^0-9a-zA-Z_$]/g, "_");
    if (/^[0-9$]/.test(candidate)) candidate = `_${candidate}`;
    candidate = candidate.slice(0, 128);
    return candidate && identifierProblem(candidate) === undefined ? candidate : undefined;
}
