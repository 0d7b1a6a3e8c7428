// Every rule the catalog must meet before anything is declared. validateCatalog is pure (tested
// with tables, no runtime); checkedCatalog applies it for the program.
import * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../config";
import { dayOf, daysSince, parseDay } from "../lib/dates";
import { IDENTIFIER_RULE, identifierProblem } from "../lib/identifiers";
import { describeValue as describe, isText, knownEnvironment, Problem, Report, ValidationError } from "../lib/problems";
import { stableStringify } from "../lib/stableJson";
import { validateExperiments } from "./experiments";
import { DeployedFlag, protectionProblems } from "./lastDeployment";
import type { Catalog, FlagSpec, TargetGroupSpec } from "./types";

export const MAX_FLAGS_PER_PROJECT = 1200;
export const MAX_TARGET_GROUPS_PER_ENVIRONMENT = 1200;
export const FLAG_KINDS = ["boolean", "string", "int", "json"] as const;
export const TARGET_GROUP_OPS = ["equal", "equal_sensitive", "in", "starts_with", "ends_with", "contains", "match"] as const;

export interface CatalogReport {
    problems: Problem[];
    /** Not errors: things a reviewer should see, such as an expired temporary flag. */
    warnings: string[];
}

/** The settings the catalog is checked against. */
type StackSettings = Pick<Settings, "environments" | "accountId" | "fme" | "protect">;

/** Which target groups each stack environment has. */
export function groupsByEnvironment(groups: readonly TargetGroupSpec[], environments: readonly string[]): Map<string, Map<string, TargetGroupSpec>> {
    const byEnvironment = new Map(environments.map((env) => [env, new Map<string, TargetGroupSpec>()]));
    for (const group of groups) {
        for (const env of group.environments ?? environments) byEnvironment.get(env)?.set(group.identifier, group);
    }
    return byEnvironment;
}

export function validateCatalog(catalog: Catalog, stack: StackSettings, today: Date): CatalogReport {
    const problems: Problem[] = [];
    const warnings: string[] = [];
    const environments = stack.environments.map((e) => e.id);
    const report: Report = (subject, found, allowed, fix) => problems.push({ subject, found, allowed, fix });
    const checkId = (subject: string, value: unknown, fix: string) => {
        const problem = typeof value === "string" ? identifierProblem(value) : `${describe(value)} is not an identifier`;
        if (problem) report(subject, problem, IDENTIFIER_RULE, fix);
        return problem === undefined;
    };

    // Target groups first: flags refer to them.
    const seenGroups = new Set<string>();
    catalog.targetGroups.forEach((group, i) => {
        const at = `target group '${group.identifier ?? `targetGroups[${i}]`}'`;
        if (checkId(`${at} identifier`, group.identifier, "give the group a unique identifier in flags.ts")) {
            if (seenGroups.has(group.identifier)) report(`${at} identifier`, "declared twice", "each target group identifier once", "rename or merge one of the two groups in flags.ts");
            seenGroups.add(group.identifier);
        }
        if (!isText(group.name)) report(`${at} name`, describe(group.name), "a display name", "set name in flags.ts");
        for (const env of group.environments ?? []) {
            knownEnvironment(env, environments, `${at} environments`, `remove '${env}' from the group's environments, or add it to the stack's environments config`, report);
        }
        for (const field of ["included", "excluded"] as const) {
            const targets = group[field] ?? [];
            if (!Array.isArray(targets) || !targets.every(isText)) report(`${at} ${field}`, describe(targets), "a list of target identifiers", `fix ${field} in flags.ts`);
        }
        (group.rules ?? []).forEach((rule, j) => {
            const ruleAt = `${at} rules[${j}]`;
            if (!isText(rule.attribute)) report(`${ruleAt}.attribute`, describe(rule.attribute), "the name of a target attribute, such as email", "set attribute in flags.ts");
            if (!TARGET_GROUP_OPS.includes(rule.op)) report(`${ruleAt}.op`, `${describe(rule.op)} is not an operator`, `one of: ${TARGET_GROUP_OPS.join(", ")}`, "pick one of those operators in flags.ts");
            if (!Array.isArray(rule.values) || rule.values.length === 0 || !rule.values.every((v) => typeof v === "string"))
                report(`${ruleAt}.values`, describe(rule.values), "a non-empty list of strings", "list the values to compare against in flags.ts");
        });
    });
    const groups = groupsByEnvironment(catalog.targetGroups, environments);
    for (const [env, inEnv] of groups) {
        if (inEnv.size > MAX_TARGET_GROUPS_PER_ENVIRONMENT)
            report(`environment '${env}' target groups`, `${inEnv.size} target groups`, `at most ${MAX_TARGET_GROUPS_PER_ENVIRONMENT} per Harness environment`, "remove unused target groups from flags.ts");
    }
    if ([...groups.values()].some((g) => g.size > 0) && !isText(stack.accountId)) {
        report("harness:accountId", "missing", "your Harness account id (target groups are created in it)", "pulumi config set harness:accountId <your-account-id>  (or export HARNESS_ACCOUNT_ID)");
    }

    if (catalog.flags.length > MAX_FLAGS_PER_PROJECT) {
        report("flags", `${catalog.flags.length} flags`, `at most ${MAX_FLAGS_PER_PROJECT} flags per Harness project`, "retire flags that are no longer evaluated, or split the catalog across Harness projects");
    }
    const seenFlags = new Set<string>();
    catalog.flags.forEach((flag, i) => {
        const at = `flag '${flag.identifier ?? `flags[${i}]`}'`;
        if (checkId(`${at} identifier`, flag.identifier, "give the flag a unique identifier in flags.ts")) {
            if (seenFlags.has(flag.identifier)) report(`${at} identifier`, "declared twice", "each flag identifier once", "rename or remove one of the two flags in flags.ts");
            seenFlags.add(flag.identifier);
        }
        if (!isText(flag.name)) report(`${at} name`, describe(flag.name), "a display name", "set name in flags.ts");
        if (typeof flag.description !== "string") report(`${at} description`, describe(flag.description), "text saying what the flag changes", "set description in flags.ts");
        if (!isText(flag.owner)) report(`${at} owner`, describe(flag.owner), "a person's email or a team that answers for the flag", `set owner in flags.ts, e.g. owner: "ml-platform@example.com"`);
        (flag.tags ?? []).forEach((tag, j) => checkId(`${at} tags[${j}]`, tag, "tags are Harness identifiers: use _ instead of - or spaces"));
        if (flag.targeting !== undefined && flag.targeting !== "code" && flag.targeting !== "harness")
            report(`${at} targeting`, describe(flag.targeting), "code (the catalog owns live state) or harness (the Harness UI does)", "set targeting in flags.ts");
        checkLifetime(flag, at, today, report, warnings);
        for (const field of ["archived", "allowReplace"] as const) {
            if (flag[field] !== undefined && typeof flag[field] !== "boolean") report(`${at} ${field}`, describe(flag[field]), "true or false", `fix ${field} in flags.ts`);
        }
        if (flag.archived === true) {
            for (const [env, spec] of Object.entries(flag.environments ?? {})) {
                if (spec?.state === "on") report(`${at} environments.${env}.state`, "on, on an archived flag", "off: an archived flag is off everywhere", `set environments.${env}.state to "off" in flags.ts, or un-archive the flag`);
            }
        }
        const variations = checkVariations(flag, at, report, checkId);
        checkFlagEnvironments(flag, at, variations, environments, groups, report);
    });
    validateExperiments(catalog.experiments ?? [], stack, report);
    return { problems, warnings };
}

function checkLifetime(flag: FlagSpec, at: string, today: Date, report: Report, warnings: string[]) {
    if (flag.permanent === true) {
        if (flag.expiresOn !== undefined) report(`${at} expiresOn`, "set on a permanent flag", "permanent: true, or an expiresOn date, not both", "remove expiresOn, or permanent: true, in flags.ts");
        return;
    }
    const day = parseDay(flag.expiresOn);
    if (flag.expiresOn === undefined) {
        report(`${at} expiresOn`, "missing on a temporary flag", "an expiresOn date (YYYY-MM-DD) for a temporary flag, or permanent: true", `add expiresOn: "${dayOf(new Date(today.getTime() + 90 * 86400000))}" (or permanent: true) in flags.ts`);
    } else if (!day) {
        report(`${at} expiresOn`, `${describe(flag.expiresOn)} is not a date`, "a calendar date written YYYY-MM-DD", `write it as e.g. "2027-03-31" in flags.ts`);
    } else if (day < dayOf(today)) {
        warnings.push(`${at} expired on ${day} (${daysSince(day, today)} days ago); owner ${flag.owner || "(none)"}: remove it from flags.ts once no code evaluates it, or move expiresOn`);
    }
}

/** Checks variations against the flag's kind; returns the identifiers others may refer to. */
function checkVariations(flag: FlagSpec, at: string, report: Report, checkId: (subject: string, value: unknown, fix: string) => boolean): string[] {
    if (!FLAG_KINDS.includes(flag.kind)) {
        report(`${at} kind`, describe(flag.kind), `one of: ${FLAG_KINDS.join(", ")}`, "set kind in flags.ts");
        return [];
    }
    if (!Array.isArray(flag.variations) || flag.variations.length < 2) {
        report(`${at} variations`, `${Array.isArray(flag.variations) ? flag.variations.length : 0} variations`, "at least 2 variations", "add variations in flags.ts");
        return [];
    }
    const ids: string[] = [];
    flag.variations.forEach((variation, j) => {
        const vAt = `${at} variations[${j}]`;
        if (checkId(`${vAt}.identifier`, variation.identifier, "give the variation an identifier, such as on, off, gpt_4o")) {
            if (ids.includes(variation.identifier)) report(`${vAt}.identifier`, `'${variation.identifier}' is declared twice`, "unique variation identifiers within a flag", "rename one of them in flags.ts");
            ids.push(variation.identifier);
        }
        if (!isText(variation.name)) report(`${vAt}.name`, describe(variation.name), "a display name", "set the variation's name in flags.ts");
        if (typeof variation.description !== "string") report(`${vAt}.description`, describe(variation.description), "text", "set the variation's description in flags.ts");
        const valueProblem = kindProblem(flag.kind, variation.value);
        if (valueProblem) report(`${vAt}.value`, valueProblem, KIND_VALUES[flag.kind], "fix the value in flags.ts");
    });
    if (flag.kind === "boolean") {
        const values = flag.variations.map((v) => v.value).sort();
        if (flag.variations.length !== 2 || values[0] !== false || values[1] !== true)
            report(`${at} variations`, `a boolean flag with values ${JSON.stringify(flag.variations.map((v) => v.value))}`, "exactly two variations, one true and one false", "keep one true and one false variation, or change kind in flags.ts");
    }
    for (const field of ["defaultOn", "defaultOff"] as const) {
        if (!ids.includes(flag[field])) report(`${at} ${field}`, `${describe(flag[field])} is not one of its variations`, `one of: ${ids.join(", ")}`, `set ${field} to a variation identifier in flags.ts`);
    }
    return ids;
}

const KIND_VALUES: Record<FlagSpec["kind"], string> = {
    boolean: "true or false",
    string: "a string",
    int: "a whole number (a safe integer)",
    json: "a value JSON can carry: objects, arrays, strings, finite numbers, booleans, null",
};

/** Why `value` does not fit `kind`, or undefined when it does. */
export function kindProblem(kind: FlagSpec["kind"], value: unknown): string | undefined {
    switch (kind) {
        case "boolean":
            return typeof value === "boolean" ? undefined : `${describe(value)} is not a boolean`;
        case "string":
            return typeof value === "string" ? undefined : `${describe(value)} is not a string`;
        case "int":
            return Number.isSafeInteger(value) ? undefined : `${describe(value)} is not an integer`;
        case "json":
            try {
                stableStringify(value);
                return undefined;
            } catch (error) {
                return `does not serialise to JSON: ${(error as Error).message}`;
            }
    }
}

function checkFlagEnvironments(
    flag: FlagSpec,
    at: string,
    variations: string[],
    environments: string[],
    groups: Map<string, Map<string, TargetGroupSpec>>,
    report: Report,
) {
    const variation = (subject: string, value: unknown) => {
        if (variations.length && !variations.includes(value as string))
            report(subject, `${describe(value)} is not one of the flag's variations`, `one of: ${variations.join(", ")}`, "use a variation identifier of this flag in flags.ts");
    };
    for (const [env, spec] of Object.entries(flag.environments ?? {})) {
        const envAt = `${at} environments.${env}`;
        if (!knownEnvironment(env, environments, envAt, `remove environments.${env} from the flag, or add '${env}' to the stack's environments config`, report)) continue;
        if (spec.state !== "on" && spec.state !== "off") report(`${envAt}.state`, describe(spec.state), "on or off", "set state in flags.ts");
        if (spec.defaultOn !== undefined) variation(`${envAt}.defaultOn`, spec.defaultOn);
        if (spec.defaultOff !== undefined) variation(`${envAt}.defaultOff`, spec.defaultOff);
        for (const [served, targets] of Object.entries(spec.targets ?? {})) {
            variation(`${envAt}.targets.${served}`, served);
            if (!Array.isArray(targets) || targets.length === 0 || !targets.every(isText))
                report(`${envAt}.targets.${served}`, describe(targets), "a non-empty list of target identifiers", "list the targets in flags.ts");
        }
        for (const [served, groupIds] of Object.entries(spec.targetGroups ?? {})) {
            variation(`${envAt}.targetGroups.${served}`, served);
            for (const groupId of Array.isArray(groupIds) ? groupIds : [groupIds]) {
                const group = groups.get(env)?.get(groupId);
                if (!group) {
                    report(`${envAt}.targetGroups.${served}`, `target group '${groupId}' does not exist in '${env}'`, `a target group declared in flags.ts for '${env}'`, "declare the group in targetGroups, or correct the name");
                } else if ((group.rules ?? []).length > 0) {
                    report(`${envAt}.targetGroups.${served}`, `target group '${groupId}' is defined by attribute rules`, "a group of listed targets: the provider's flag resource can serve a variation to listed targets only", `serve it from the Harness UI (targeting: "harness"), or list its members in the group's included`);
                }
            }
        }
    }
}

/**
 * The catalog, once it passes every rule and, in a protected stack, agrees with what the last
 * deployment left live (`deployed`); warnings go to the Pulumi log. Throws a ValidationError
 * listing every problem, before any resource is declared.
 */
export function checkedCatalog(catalog: Catalog, stack: StackSettings, deployed?: Readonly<Record<string, DeployedFlag>>, today = new Date()): Catalog {
    const { problems, warnings } = validateCatalog(catalog, stack, today);
    if (stack.protect && deployed) problems.push(...protectionProblems(catalog, deployed, pulumi.getStack(), pulumi.getProject()));
    if (problems.length) throw new ValidationError("flags.ts catalog", problems);
    for (const warning of warnings) pulumi.log.warn(warning);
    return catalog;
}
