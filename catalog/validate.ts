// Every rule the catalog must meet before anything is declared. parseCatalog checks the shape
// against the schema (catalog/schema.ts); validateCatalog checks what the schema cannot: references
// between entries, Harness limits, and what Harness does with them. Both are pure and report every
// problem at once; checkedInputs (catalog/checkedInputs.ts) applies them for the program.
import type { Settings } from "../config";
import { dayOf, daysSince } from "../lib/dates";
import { didYouMean, knownEnvironment, oneOf, Problem, Report } from "../lib/problems";
import { Addressing, fieldPath, Path, requiredKeys, schemaProblems } from "../lib/schemaProblems";
import { groupMembers, groupsByEnvironment } from "./compile";
import { validateExperiments } from "./experiments";
import { CATALOG_LISTS, CatalogList, catalogSchema } from "./schema";
import { segmentEnvironments } from "./segments";
import type { Catalog, FlagSpec, TargetGroupSpec } from "./types";

export const MAX_FLAGS_PER_PROJECT = 1200;
export const MAX_TARGET_GROUPS_PER_ENVIRONMENT = 1200;

export interface CatalogReport {
    problems: Problem[];
    /** Not errors: things a reviewer should see, such as an expired temporary flag. */
    warnings: string[];
}

/** The settings the catalog is checked against. */
export type StackSettings = Pick<Settings, "environments" | "accountId" | "fme">;

/** Names of entries whose shape is wrong: references to them are not reported as unknown on top. */
export type BrokenNames = Record<CatalogList, Set<string>>;

// ----- Shape -----

/** How problems in a catalog read from `source` name their place and fix. */
export function catalogAddressing(input: unknown, source: string): Addressing {
    const entry = (path: Path) => {
        const [list, index, ...rest] = path;
        const spec = CATALOG_LISTS[list as CatalogList];
        if (!spec || typeof index !== "number") return undefined;
        const raw = (input as any)?.[list]?.[index];
        const name = raw && typeof raw === "object" && typeof raw[spec.key] === "string" && raw[spec.key] ? raw[spec.key] : `${String(list)}[${index}]`;
        return { label: `${spec.entity} '${name}'`, rest };
    };
    const subject = (path: Path) => {
        const found = entry(path);
        if (found) return found.rest.length ? `${found.label} ${fieldPath(found.rest)}` : found.label;
        return path.length ? fieldPath(path) : `the catalog in ${source}`;
    };
    const place = (path: Path) => {
        const found = entry(path);
        return found ? ` on ${found.label}` : "";
    };
    const field = (path: Path) => {
        const found = entry(path);
        return found ? fieldPath(found.rest) : fieldPath(path);
    };
    const set = (path: Path, value: string) => {
        if (!path.length) return `export the catalog from ${source} as an object: { flags: [ … ] }`;
        const spec = CATALOG_LISTS[path[0] as CatalogList];
        if (spec && path.length === 2) return `write ${fieldPath(path)} as a ${spec.entity}: { ${requiredKeys(spec.schema).join(", ")}, … } in ${source}`;
        return `set ${field(path)}: ${value}${place(path)} in ${source}`;
    };
    return {
        subject,
        set,
        remove: (path) => `remove ${field(path)}${place(path)} in ${source}`,
        change: (path, what) => `${field(path)}${place(path)} in ${source}: ${what}`,
        rename: (path, to) => `rename ${field(path)} to ${fieldPath([...path.slice(0, -1), to].slice(entry(path) ? 2 : 0))}${place(path)} in ${source}`,
    };
}

export interface ParsedCatalog {
    /** The entries whose shape is right, parsed; complete when `problems` is empty. */
    catalog: Catalog;
    broken: BrokenNames;
    problems: Problem[];
}

/**
 * Checks `input` against the catalog schema. On problems, the catalog returned holds the entries
 * that do parse, so the rules across entries can still run on them.
 */
export function parseCatalog(input: unknown, source = "flags.ts"): ParsedCatalog {
    const broken = Object.fromEntries(Object.keys(CATALOG_LISTS).map((list) => [list, new Set<string>()])) as BrokenNames;
    const parsed = catalogSchema.safeParse(input);
    if (parsed.success) return { catalog: parsed.data, broken, problems: [] };
    const problems = schemaProblems(catalogSchema, input, parsed.error.issues, catalogAddressing(input, source));
    const partial: Record<string, unknown[]> = {};
    for (const [list, { key, schema }] of Object.entries(CATALOG_LISTS) as [CatalogList, (typeof CATALOG_LISTS)[CatalogList]][]) {
        const items = (input as any)?.[list];
        partial[list] = [];
        if (!Array.isArray(items)) continue;
        for (const raw of items) {
            const one = schema.safeParse(raw);
            if (one.success) partial[list].push(one.data);
            else if (raw && typeof raw === "object" && typeof raw[key] === "string") broken[list].add(raw[key]);
        }
    }
    return { catalog: partial as unknown as Catalog, broken, problems };
}

// ----- Rules across entries -----

/** Reports each repeated name of a list once. */
function unique(names: readonly string[], label: (name: string) => string, report: Report, what: string) {
    const seen = new Set<string>();
    for (const name of names) {
        if (seen.has(name)) report(label(name), "declared twice", `each ${what} once`, `rename or remove one of the two in flags.ts`);
        seen.add(name);
    }
}

export function validateCatalog(catalog: Catalog, stack: StackSettings, today: Date, broken?: BrokenNames): CatalogReport {
    const problems: Problem[] = [];
    const warnings: string[] = [];
    const report: Report = (subject, found, allowed, fix) => problems.push({ subject, found, allowed, fix });
    const environments = stack.environments.map((e) => e.id);
    const unparsed = broken ?? (Object.fromEntries(Object.keys(CATALOG_LISTS).map((list) => [list, new Set<string>()])) as BrokenNames);

    unique(catalog.targets.map((t) => t.identifier), (id) => `target '${id}' identifier`, report, "target identifier");
    unique(catalog.targetGroups.map((g) => g.identifier), (id) => `target group '${id}' identifier`, report, "target group identifier");
    unique(catalog.segments.map((s) => s.name), (name) => `segment '${name}' name`, report, "segment name");
    unique(catalog.flags.map((f) => f.identifier), (id) => `flag '${id}' identifier`, report, "flag identifier");
    unique(catalog.experiments.map((e) => e.name), (name) => `experiment '${name}' name`, report, "experiment name");
    const flagIds = new Set(catalog.flags.map((f) => f.identifier));
    for (const experiment of catalog.experiments) {
        if (flagIds.has(experiment.name))
            report(`experiment '${experiment.name}' name`, `is also a flag's identifier`, "a name no flag uses: application code and the generated flag files address flags and experiments by one key", `rename the experiment in flags.ts, e.g. '${experiment.name}-ab'`);
    }

    // Targets: everything that names one must name a declared one.
    const targetIds = [...catalog.targets.map((t) => t.identifier), ...unparsed.targets];
    const used = new Set<string>();
    const checkTargets = (subject: string, targets: readonly string[]) => {
        for (const target of targets) {
            used.add(target);
            if (!targetIds.includes(target))
                report(subject, `target '${target}' is not declared`, `${oneOf(targetIds, "a target declared in targets (none is)")}: Harness needs a target to exist before rules and groups name it`, `${didYouMean(target, targetIds)}add { identifier: "${target}", name: "<who it is>" } to targets in flags.ts`);
        }
    };

    // Target groups, before the flags that serve them.
    catalog.targetGroups.forEach((group) => {
        const at = `target group '${group.identifier}'`;
        for (const env of group.environments ?? []) {
            knownEnvironment(env, environments, `${at} environments`, `remove '${env}' from the group's environments in flags.ts, or add it to the stack's environments config`, report);
        }
        checkTargets(`${at} included`, group.included ?? []);
        checkTargets(`${at} excluded`, group.excluded ?? []);
    });
    const groups = groupsByEnvironment(catalog.targetGroups, environments);
    for (const [env, inEnv] of groups) {
        if (inEnv.size > MAX_TARGET_GROUPS_PER_ENVIRONMENT)
            report(`environment '${env}' target groups`, `${inEnv.size} target groups`, `at most ${MAX_TARGET_GROUPS_PER_ENVIRONMENT} per Harness environment`, "remove unused target groups from flags.ts");
    }

    if (catalog.flags.length > MAX_FLAGS_PER_PROJECT) {
        report("flags", `${catalog.flags.length} flags`, `at most ${MAX_FLAGS_PER_PROJECT} flags per Harness project`, "retire flags that are no longer evaluated, or split the catalog across Harness projects");
    }
    for (const flag of catalog.flags) {
        const at = `flag '${flag.identifier}'`;
        checkLifetime(flag, at, today, report, warnings);
        const variations = checkVariations(flag, at, report);
        checkFlagEnvironments(flag, at, variations, environments, groups, unparsed.targetGroups, checkTargets, report);
    }

    if ((catalog.targets.length || [...groups.values()].some((g) => g.size > 0)) && !stack.accountId?.trim()) {
        report("harness:accountId", "missing", "your Harness account id (targets and target groups are created in it)", "pulumi config set harness:accountId <your-account-id>  (or export HARNESS_ACCOUNT_ID)");
    }
    for (const target of catalog.targets) {
        if (!used.has(target.identifier)) warnings.push(`target '${target.identifier}' is named by no flag or target group, so nothing is created for it: remove it from flags.ts or use it`);
    }

    validateSegments(catalog, stack, groups, unparsed, report);
    validateExperiments(catalog, stack, groups, unparsed, report);
    return { problems, warnings };
}

function checkLifetime(flag: FlagSpec, at: string, today: Date, report: Report, warnings: string[]) {
    if (flag.permanent === true) {
        if (flag.expiresOn !== undefined) report(`${at} expiresOn`, "set on a permanent flag", "permanent: true, or an expiresOn date, not both", "remove expiresOn, or permanent: true, in flags.ts");
        return;
    }
    if (flag.expiresOn === undefined) {
        report(`${at} expiresOn`, "missing on a temporary flag", "an expiresOn date (YYYY-MM-DD) for a temporary flag, or permanent: true", `add expiresOn: "${dayOf(new Date(today.getTime() + 90 * 86400000))}" (or permanent: true) to ${at} in flags.ts`);
    } else if (flag.expiresOn < dayOf(today)) {
        warnings.push(`${at} expired on ${flag.expiresOn} (${daysSince(flag.expiresOn, today)} days ago); owner ${flag.owner}: remove it from flags.ts once no code evaluates it, or move expiresOn`);
    }
}

/** Checks the variations' identifiers and values against the kind; returns the identifiers others may refer to. */
function checkVariations(flag: FlagSpec, at: string, report: Report): string[] {
    const ids: string[] = [];
    flag.variations.forEach((variation, j) => {
        if (ids.includes(variation.identifier))
            report(`${at} variations[${j}].identifier`, `'${variation.identifier}' is declared twice`, "unique variation identifiers within a flag", `rename one of them on ${at} in flags.ts`);
        ids.push(variation.identifier);
    });
    if (flag.kind === "boolean") {
        const values = flag.variations.map((v) => v.value);
        if (flag.variations.length !== 2 || !values.includes(true) || !values.includes(false))
            report(`${at} variations`, `a boolean flag with values ${JSON.stringify(values)}`, "exactly two variations, one true and one false", `keep one true and one false variation, or change kind on ${at} in flags.ts`);
    }
    for (const field of ["defaultOn", "defaultOff"] as const) {
        if (!ids.includes(flag[field])) report(`${at} ${field}`, `'${flag[field]}' is not one of its variations`, oneOf(ids), `${didYouMean(flag[field], ids)}set ${field} to a variation identifier on ${at} in flags.ts`);
    }
    return ids;
}

function checkFlagEnvironments(
    flag: FlagSpec,
    at: string,
    variations: string[],
    environments: string[],
    groups: Map<string, Map<string, TargetGroupSpec>>,
    brokenGroups: ReadonlySet<string>,
    checkTargets: (subject: string, targets: readonly string[]) => void,
    report: Report,
) {
    const variation = (subject: string, value: string) => {
        if (!variations.includes(value))
            report(subject, `'${value}' is not one of the flag's variations`, oneOf(variations), `${didYouMean(value, variations)}use a variation identifier of ${at} in flags.ts`);
    };
    for (const [env, spec] of Object.entries(flag.environments ?? {})) {
        const envAt = `${at} environments.${env}`;
        if (!knownEnvironment(env, environments, envAt, `remove environments.${env} from ${at} in flags.ts, or add '${env}' to the stack's environments config`, report)) continue;
        if (flag.archived === true && spec.state === "on") report(`${envAt}.state`, "on, on an archived flag", "off: an archived flag is off everywhere", `set environments.${env}.state to "off" on ${at} in flags.ts, or un-archive the flag`);
        if (spec.defaultOn !== undefined) variation(`${envAt}.defaultOn`, spec.defaultOn);
        if (spec.defaultOff !== undefined) variation(`${envAt}.defaultOff`, spec.defaultOff);
        // Harness serves the default-off variation to everyone while a flag is off and applies
        // targeting only while it is on: targets on an off flag would look served and are not.
        const targeted = Object.keys(spec.targets ?? {}).length + Object.keys(spec.targetGroups ?? {}).length > 0;
        if (targeted && (spec.state === "off" || flag.archived === true)) {
            const defaultOff = spec.defaultOff ?? flag.defaultOff;
            report(
                `${envAt}.state`,
                `off, with targeting: Harness serves '${defaultOff}' to everyone while the flag is off and ignores its targets and target groups`,
                "targeting only where the flag is on",
                `to serve the targets and keep everyone else on '${defaultOff}', set environments.${env}: { state: "on", defaultOn: "${defaultOff}", … } on ${at} in flags.ts; or drop its targets and targetGroups`,
            );
        }
        const served = new Map<string, string>();
        const serve = (target: string, variationId: string, subject: string) => {
            const already = served.get(target);
            if (already && already !== variationId)
                report(subject, `target '${target}' is also served '${already}' in ${env}`, "each target served one variation per environment", `serve '${target}' one variation on ${at} in flags.ts`);
            served.set(target, variationId);
        };
        for (const [servedVariation, targets] of Object.entries(spec.targets ?? {})) {
            variation(`${envAt}.targets.${servedVariation}`, servedVariation);
            checkTargets(`${envAt}.targets.${servedVariation}`, targets);
            for (const target of targets) serve(target, servedVariation, `${envAt}.targets.${servedVariation}`);
        }
        for (const [servedVariation, groupIds] of Object.entries(spec.targetGroups ?? {})) {
            const subject = `${envAt}.targetGroups.${servedVariation}`;
            variation(subject, servedVariation);
            for (const groupId of groupIds) {
                const group = groups.get(env)?.get(groupId);
                if (!group) {
                    if (brokenGroups.has(groupId)) continue;
                    const inEnv = [...(groups.get(env)?.keys() ?? [])];
                    report(subject, `target group '${groupId}' does not exist in '${env}'`, `${oneOf(inEnv, "a target group declared in flags.ts for this environment (none is)")}`, `${didYouMean(groupId, inEnv)}declare the group in targetGroups (for '${env}'), or correct the name`);
                } else if ((group.rules ?? []).length > 0) {
                    report(subject, `target group '${groupId}' is defined by attribute rules`, "a group of listed targets: the provider's flag resource can serve a variation to listed targets only", `serve it from the Harness UI (targeting: "harness"), or list its members in the group's included`);
                } else {
                    for (const target of groupMembers(group)) serve(target, servedVariation, subject);
                }
            }
        }
    }
}

function validateSegments(catalog: Catalog, stack: StackSettings, groups: Map<string, Map<string, TargetGroupSpec>>, broken: BrokenNames, report: Report) {
    const environments = stack.environments.map((e) => e.id);
    const groupIds = [...catalog.targetGroups.map((g) => g.identifier), ...broken.targetGroups];
    for (const segment of catalog.segments) {
        const at = `segment '${segment.name}'`;
        if (!stack.fme.trafficTypes[segment.trafficType])
            report(`${at} trafficType`, `'${segment.trafficType}' has no id in the stack config`, "a traffic type listed in ai-feature-flags:fme.trafficTypes", `pulumi config set --path 'ai-feature-flags:fme.trafficTypes.${segment.trafficType}' <traffic type id>`);
        if (segment.external) continue;
        for (const env of Object.keys(segment.keys ?? {})) {
            if (knownEnvironment(env, environments, `${at} keys.${env}`, `remove keys.${env} from ${at} in flags.ts, or add '${env}' to the stack's environments config`, report) && !stack.fme.environments[env])
                report(`${at} keys.${env}`, `'${env}' has no FME environment id in the stack config`, "an environment mapped in ai-feature-flags:fme.environments", `pulumi config set --path 'ai-feature-flags:fme.environments.${env}' <FME environment id>`);
        }
        if (segment.from !== undefined) {
            const group = catalog.targetGroups.find((g) => g.identifier === segment.from);
            if (!group && !broken.targetGroups.has(segment.from)) {
                report(`${at} from`, `target group '${segment.from}' is not declared`, oneOf(groupIds, "a target group declared in targetGroups (none is)"), `${didYouMean(segment.from, groupIds)}declare the group in targetGroups, or correct from on ${at} in flags.ts`);
            } else if (group && (group.rules ?? []).length > 0) {
                report(`${at} from`, `target group '${segment.from}' is defined by attribute rules`, "a group of listed targets: FME segment keys are a list", `list the group's members in its included, or give ${at} keys per environment`);
            } else if (group && segmentEnvironments(segment, groups, stack.fme).length === 0) {
                report(`${at} from`, `target group '${segment.from}' exists in no environment mapped to FME`, "a group in at least one environment listed in ai-feature-flags:fme.environments", `map the group's environments in fme.environments, or give ${at} keys per environment`);
            }
        }
    }
}
