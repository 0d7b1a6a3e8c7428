import { closest } from "./suggest";

/** One thing wrong with the stack's settings or catalog, said so that its reader can fix it. */
export interface Problem {
    /** What is wrong where: a config key ("ai-feature-flags:orgId") or a catalog path ("flag x: kind"). */
    subject: string;
    /** What was found. */
    found: string;
    /** What is allowed instead. */
    allowed: string;
    /** The command or edit that fixes it. */
    fix: string;
}

/** Records one problem; validators take one so their callers choose where problems go. */
export type Report = (subject: string, found: string, allowed: string, fix: string) => void;

/** "one of: a, b", or what to do when there is nothing to choose from yet. */
export function oneOf(choices: readonly string[], none = "none is declared yet"): string {
    return choices.length ? `one of: ${choices.join(", ")}` : none;
}

/** `word`'s likely intended spelling among `choices`, as a phrase to put before a fix ("did you mean 'prod'? "). */
export function didYouMean(word: string, choices: readonly string[]): string {
    const nearest = closest(word, choices);
    return nearest && nearest !== word ? `did you mean '${nearest}'? ` : "";
}

/** Reports `env` when the stack does not deploy to it; true when it does. */
export function knownEnvironment(env: string, stackEnvironments: readonly string[], subject: string, fix: string, report: Report): boolean {
    if (stackEnvironments.includes(env)) return true;
    const nearest = closest(env, stackEnvironments);
    const rename = nearest && nearest !== env ? `did you mean '${nearest}'? write ${nearest} instead of ${env}; otherwise ` : "";
    report(
        subject,
        `'${env}' is not an environment of this stack`,
        oneOf(stackEnvironments, "an environment listed in the stack's environments config (none is configured)"),
        `${rename}${fix}`,
    );
    return false;
}

/**
 * The position of each name in `names` that an earlier one already has: a list's duplicates, each
 * reported where it is. A missing name (undefined) repeats nothing.
 */
export function repeatedAt(names: readonly (string | undefined)[]): number[] {
    const seen = new Set<string>();
    const repeated: number[] = [];
    names.forEach((name, i) => {
        if (name === undefined) return;
        if (seen.has(name)) repeated.push(i);
        seen.add(name);
    });
    return repeated;
}

export function formatProblems(heading: string, problems: readonly Problem[]): string {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const lines = [`${heading}: ${count}; nothing was declared.`];
    for (const p of problems) {
        lines.push("", `  ${p.subject}: ${p.found}`, `    allowed: ${p.allowed}`, `    fix:     ${p.fix}`);
    }
    return lines.join("\n");
}
