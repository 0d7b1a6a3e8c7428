// Every rule the catalog must meet before anything is declared. parseCatalog checks the shape
// against the schema (catalog/schema.ts); validateCatalog runs each entity's own rules (flags.ts,
// targets.ts, segments.ts, experiments.ts) and the rules across entries here: unique names, and
// that every target a rule names is declared. Both are pure and report every problem at once;
// checkedInputs (catalog/checkedInputs.ts) applies them for the program.
import { didYouMean, oneOf, Problem, repeatedAt, Report } from "../lib/problems";
import { Addressing, fieldPath, Path, requiredKeys, schemaProblems } from "../lib/schemaProblems";
import { validateExperiments } from "./experiments";
import { validateFlags } from "./flags";
import { CATALOG_LISTS, CatalogList, catalogSchema } from "./schema";
import { validateSegments } from "./segments";
import type { BrokenNames, CatalogReport, StackSettings } from "./shared";
import { groupsByEnvironment, validateTargetGroups } from "./targets";
import type { Catalog } from "./types";

// ----- Shape -----

/** The entries of one of the catalog's lists, as written (anything at all). */
const listOf = (input: unknown, list: PropertyKey): unknown =>
    input !== null && typeof input === "object" ? (input as Record<PropertyKey, unknown>)[list] : undefined;

/** The name an entry gives itself in its `key` field, if it is text. */
const nameOf = (raw: unknown, key: string): string | undefined => {
    const name = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
    return typeof name === "string" ? name : undefined;
};

/** How problems in a catalog read from `source` name their place and fix. */
export function catalogAddressing(input: unknown, source: string): Addressing {
    const entry = (path: Path) => {
        const [list, index, ...rest] = path;
        const spec = CATALOG_LISTS[list as CatalogList];
        if (!spec || typeof index !== "number") return undefined;
        const items = listOf(input, list);
        const name = (Array.isArray(items) ? nameOf(items[index], spec.key) : undefined) || `${String(list)}[${index}]`;
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
        if (spec && path.length === 2)
            return `write ${fieldPath(path)} as a ${spec.entity}: { ${requiredKeys(spec.schema).join(", ")}, … } in ${source}`;
        return `set ${field(path)}: ${value}${place(path)} in ${source}`;
    };
    return {
        subject,
        set,
        remove: (path) => `remove ${field(path)}${place(path)} in ${source}`,
        change: (path, what) => `${field(path)}${place(path)} in ${source}: ${what}`,
        rename: (path, to) =>
            `rename ${field(path)} to ${fieldPath([...path.slice(0, -1), to].slice(entry(path) ? 2 : 0))}${place(path)} in ${source}`,
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
        const items = listOf(input, list);
        partial[list] = [];
        if (!Array.isArray(items)) continue;
        for (const raw of items as unknown[]) {
            const one = schema.safeParse(raw);
            const name = nameOf(raw, key);
            if (one.success) partial[list].push(one.data);
            else if (name !== undefined) broken[list].add(name);
        }
    }
    return { catalog: partial as unknown as Catalog, broken, problems };
}

// ----- Rules across entries -----

/** Reports each repeated name of a list once. */
function unique(names: readonly string[], label: (name: string) => string, report: Report, what: string) {
    for (const i of repeatedAt(names))
        report(label(names[i]), "declared twice", `each ${what} once`, `rename or remove one of the two in flags.ts`);
}

export function validateCatalog(catalog: Catalog, stack: StackSettings, today: Date, broken?: BrokenNames): CatalogReport {
    const problems: Problem[] = [];
    const warnings: string[] = [];
    const report: Report = (subject, found, allowed, fix) => problems.push({ subject, found, allowed, fix });
    const environments = stack.environments.map((e) => e.id);
    const unparsed = broken ?? (Object.fromEntries(Object.keys(CATALOG_LISTS).map((list) => [list, new Set<string>()])) as BrokenNames);

    // Every entry's name is unique in its list.
    for (const [list, { entity, key }] of Object.entries(CATALOG_LISTS) as [CatalogList, (typeof CATALOG_LISTS)[CatalogList]][]) {
        const names = (catalog[list] as readonly Record<string, unknown>[]).map((entry) => String(entry[key]));
        unique(names, (name) => `${entity} '${name}' ${key}`, report, `${entity} ${key}`);
    }
    const flagIds = new Set(catalog.flags.map((f) => f.identifier));
    for (const experiment of catalog.experiments) {
        if (flagIds.has(experiment.name))
            report(
                `experiment '${experiment.name}' name`,
                `is also a flag's identifier`,
                "a name no flag uses: application code and the generated flag files address flags and experiments by one key",
                `rename the experiment in flags.ts, e.g. '${experiment.name}-ab'`,
            );
    }

    // Targets: everything that names one must name a declared one.
    const targetIds = [...catalog.targets.map((t) => t.identifier), ...unparsed.targets];
    const used = new Set<string>();
    const checkTargets = (subject: string, targets: readonly string[]) => {
        for (const target of targets) {
            used.add(target);
            if (!targetIds.includes(target))
                report(
                    subject,
                    `target '${target}' is not declared`,
                    `${oneOf(targetIds, "a target declared in targets (none is)")}: Harness needs a target to exist before rules and groups name it`,
                    `${didYouMean(target, targetIds)}add { identifier: "${target}", name: "<who it is>" } to targets in flags.ts`,
                );
        }
    };

    // Each entity's own rules: target groups before the flags that serve them.
    const groups = groupsByEnvironment(catalog.targetGroups, environments);
    validateTargetGroups(catalog, environments, groups, checkTargets, report);
    validateFlags(catalog, { environments, groups, brokenGroups: unparsed.targetGroups, checkTargets, today, report, warnings });

    if ((catalog.targets.length || [...groups.values()].some((g) => g.size > 0)) && !stack.accountId?.trim()) {
        report(
            "harness:accountId",
            "missing",
            "your Harness account id (targets and target groups are created in it)",
            "pulumi config set harness:accountId <your-account-id>  (or export HARNESS_ACCOUNT_ID)",
        );
    }
    for (const target of catalog.targets) {
        if (!used.has(target.identifier))
            warnings.push(
                `target '${target.identifier}' is named by no flag or target group, so nothing is created for it: remove it from flags.ts or use it`,
            );
    }

    validateSegments(catalog, stack, groups, unparsed, report);
    validateExperiments(catalog, stack, groups, unparsed, report);
    return { problems, warnings };
}

/**
 * Every problem of `input` as a catalog for a stack with `settings`: its shape first, then the rules
 * across the entries that parse; with those entries, and the warnings.
 */
export function checkCatalog(
    input: unknown,
    settings: StackSettings,
    today: Date,
    source = "flags.ts",
): { catalog: Catalog; problems: Problem[]; warnings: string[] } {
    const { catalog, broken, problems } = parseCatalog(input, source);
    const report = validateCatalog(catalog, settings, today, broken);
    return { catalog, problems: [...problems, ...report.problems], warnings: report.warnings };
}
