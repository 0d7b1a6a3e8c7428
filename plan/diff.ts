// Two runs of the program (before and after a change) compared the way a reviewer reads a rollout:
// resource changes in Pulumi's words (create, update, delete, replace), a summary of who is served
// what, and blockers: what `protect` would stop, and what would break live traffic. Pure.
import type * as harness from "@pulumi/harness";
import type { Unwrap } from "@pulumi/pulumi";
import { EXIT } from "../lib/errors";
import { HARNESS, typeOf } from "../resources/identity";
import type { ProgramRun, Registration } from "./mockRuntime";

/** A registration's inputs as the provider's args type has them: the engine passes them untyped. */
const inputsOf = <Args>(r: Registration) => r.inputs as Unwrap<Args>;
const flagInputs = (r: Registration) => inputsOf<harness.platform.FeatureFlagArgs>(r);

/** The FME definition JSON (catalog/experiments.ts compiles it), as far as the diff reads it. */
interface DefinitionDocument {
    treatments?: { name: string; configurations?: string }[];
    defaultRule?: { treatment: string; size: number }[];
    rules?: { buckets: { treatment: string; size: number }[] }[];
    trafficAllocation: number;
    defaultTreatment: string;
}

export type Operation = "create" | "update" | "delete" | "replace";
export const SYMBOLS: Record<Operation, string> = { create: "+", update: "~", delete: "-", replace: "+-" };

/**
 * Inputs whose change makes the provider replace the resource (delete it, then create it again).
 * Harness Feature Flags: identifier, kind, org and project of a flag; every field of an SDK key
 * (Harness never updates a key); the identity of targets and groups. Harness FME: a resource's name
 * and scope, which its import id is made of, and a segment's description, which the provider
 * documents as forcing replacement. The shared digest has no force-new markers: this table is
 * ours, and the conformance tool does not check it.
 */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
    [HARNESS.featureFlag]: ["identifier", "kind", "orgId", "projectId"],
    [HARNESS.sdkKey]: ["description", "envId", "expiredAt", "identifier", "name", "orgId", "projectId", "type"],
    [HARNESS.target]: ["accountId", "environment", "identifier", "orgId", "projectId"],
    [HARNESS.targetGroup]: ["accountId", "environment", "identifier", "orgId", "projectId"],
    [HARNESS.fmeFlag]: ["name", "orgId", "projectId", "trafficTypeId"],
    [HARNESS.definition]: ["environmentId", "flagName", "orgId", "projectId"],
    [HARNESS.segment]: ["description", "name", "orgId", "projectId", "trafficTypeId"],
    [HARNESS.segmentAssociation]: ["environmentId", "orgId", "projectId", "segmentName"],
    [HARNESS.segmentKeys]: ["environmentId", "orgId", "projectId", "segmentName"],
    // internal/service/split/resource_fme_api_key.go: every field ForceNew (a key is created and deleted, never updated).
    [HARNESS.fmeSdkKey]: ["apiKeyType", "environmentId", "name", "orgId", "projectId"],
};

const {
    featureFlag: FLAG,
    sdkKey: KEY,
    targetGroup: GROUP,
    definition: DEFINITION,
    segmentKeys: SEGMENT_KEYS,
    fmeSdkKey: FME_KEY,
} = HARNESS;

/** One input that differs: its path (`environments[prod].state`) and both values. */
export interface PropertyChange {
    path: string;
    before?: unknown;
    after?: unknown;
}

export interface ResourceChange {
    op: Operation;
    type: string;
    name: string;
    /** The component it belongs to, if any. */
    parent?: string;
    /** Changed inputs only (for an update or replace), or every input (create, delete). */
    properties: PropertyChange[];
    /** For a replace: the inputs that force it. */
    replaceBecause?: string[];
    /** Its `protect` option before and after. */
    protect: { before?: boolean; after?: boolean };
}

export interface RolloutLine {
    /** What it is about: `flag 'chat_model' × prod`, `SDK key prod Server`. */
    subject: string;
    /** What changes, in words: `state off → on`. */
    change: string;
}

export interface Blocker {
    subject: string;
    reason: string;
    fix: string;
}

export interface PlanDiff {
    resources: ResourceChange[];
    unchanged: number;
    /** Resources found under a type their component was once registered as: the same resources, kept by alias. */
    aliased: { from: string; to: string; count: number }[];
    rollout: RolloutLine[];
    blockers: Blocker[];
}

const json = (value: unknown) => JSON.stringify(value);

/** The stack environment of a per-environment resource, from its name (`…-definition-prod`, `…-keys-prod`). */
export const environmentOfName = (name: string, role: "definition" | "keys") => name.slice(name.lastIndexOf(`-${role}-`) + role.length + 2);
const key = (r: Pick<Registration, "type" | "name">) => `${r.type}::${r.name}`;

/** A JSON document held in a string input (an FME definition), parsed; undefined for other text. */
function document(value: unknown): unknown {
    if (typeof value !== "string" || !/^[[{]/.test(value)) return undefined;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** The field that names the elements of a list, when every element has it: they are compared by it, not by position. */
function identityOf(items: unknown[]): string | undefined {
    return ["identifier", "name", "treatment", "variation"].find(
        (field) =>
            items.length > 0 &&
            items.every((item) => item && typeof item === "object" && typeof (item as Record<string, unknown>)[field] === "string"),
    );
}

/** The leaves that differ between two values, as paths. */
export function propertyChanges(before: unknown, after: unknown, path = ""): PropertyChange[] {
    if (json(before) === json(after)) return [];
    const [parsedBefore, parsedAfter] = [document(before), document(after)];
    if (parsedBefore !== undefined && parsedAfter !== undefined) return propertyChanges(parsedBefore, parsedAfter, path);
    if (Array.isArray(before) && Array.isArray(after)) {
        const identity = identityOf([...(before as unknown[]), ...(after as unknown[])]);
        if (identity) {
            const byId = (items: unknown[]) => new Map(items.map((item) => [(item as Record<string, string>)[identity], item]));
            const [old, now] = [byId(before), byId(after)];
            const ids = [...new Set([...old.keys(), ...now.keys()])];
            return ids.flatMap((id) => propertyChanges(old.get(id), now.get(id), `${path}[${id}]`));
        }
        if (before.every((item) => typeof item !== "object") && after.every((item) => typeof item !== "object"))
            return [{ path, before, after }];
        const length = Math.max(before.length, after.length);
        return Array.from({ length }, (_, i) => propertyChanges(before[i], after[i], `${path}[${i}]`)).flat();
    }
    const isObject = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value);
    if (isObject(before) && isObject(after)) {
        const keys = [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])].sort();
        const [b, a] = [before as Record<string, unknown>, after as Record<string, unknown>];
        return keys.flatMap((k) => propertyChanges(b[k], a[k], path ? `${path}.${k}` : k));
    }
    return [{ path, before, after }];
}

/**
 * Each resource's identity as its URN has it (the types of its components, outermost first, its
 * own type, its name), then the identities its components' aliases give it: Pulumi finds a
 * resource of an earlier deployment under any of them. A change of a component's type without an
 * alias is a new identity for every resource in it, so it shows as their deletion and creation.
 */
function identitiesOf(run: ProgramRun): Map<Registration, { primary: string; aliases: { key: string; from: string; to: string }[] }> {
    const byName = new Map(run.registrations.map((r) => [r.name, r]));
    const chainOf = (r: Registration): Registration[] => {
        const parent = r.options.parent ? byName.get(r.options.parent) : undefined;
        return [...(parent ? chainOf(parent) : []), r];
    };
    const identities = new Map<Registration, { primary: string; aliases: { key: string; from: string; to: string }[] }>();
    for (const r of run.registrations) {
        const chain = chainOf(r);
        const keyOf = (types: string[]) => `${types.join("$")}::${r.name}`;
        const types = chain.map((c) => c.type);
        const aliases = chain.flatMap((c, i) =>
            (c.options.aliases ?? [])
                .map(typeOf)
                .map((alias) => ({ key: keyOf(types.map((t, j) => (j === i ? alias : t))), from: alias, to: c.type })),
        );
        identities.set(r, { primary: keyOf(types), aliases });
    }
    return identities;
}

/** Resource changes between two runs, in the order of the run after (deletions last, in the order before). */
export function resourceChanges(
    before: ProgramRun,
    after: ProgramRun,
): { changes: ResourceChange[]; unchanged: number; aliased: PlanDiff["aliased"] } {
    const [oldIdentities, newIdentities] = [identitiesOf(before), identitiesOf(after)];
    const old = new Map(before.registrations.filter((r) => r.custom).map((r) => [oldIdentities.get(r)!.primary, r]));
    const now = after.registrations.filter((r) => r.custom);
    const changes: ResourceChange[] = [];
    const matched = new Set<Registration>();
    const aliased = new Map<string, PlanDiff["aliased"][number]>();
    let unchanged = 0;
    for (const resource of now) {
        const identity = newIdentities.get(resource)!;
        const alias = old.has(identity.primary) ? undefined : identity.aliases.find((a) => old.has(a.key));
        const previous = old.get(alias?.key ?? identity.primary);
        const protect = { before: previous?.options.protect, after: resource.options.protect };
        if (!previous) {
            changes.push({
                op: "create",
                type: resource.type,
                name: resource.name,
                parent: resource.options.parent,
                properties: propertyChanges({}, resource.inputs),
                protect,
            });
            continue;
        }
        matched.add(previous);
        if (alias) {
            const rename = aliased.get(`${alias.from}→${alias.to}`) ?? { from: alias.from, to: alias.to, count: 0 };
            rename.count++;
            aliased.set(`${alias.from}→${alias.to}`, rename);
        }
        // An input the resource ignores changes of keeps its old value in the update, as the engine does.
        const ignored = resource.options.ignoreChanges ?? [];
        const properties = propertyChanges(previous.inputs, resource.inputs).filter(
            ({ path }) => !ignored.some((input) => path === input || path.startsWith(`${input}.`) || path.startsWith(`${input}[`)),
        );
        if (!properties.length && protect.before === protect.after) {
            unchanged++;
            continue;
        }
        const forcing = (FORCE_NEW[resource.type] ?? []).filter((input) => json(previous.inputs[input]) !== json(resource.inputs[input]));
        changes.push({
            op: forcing.length ? "replace" : "update",
            type: resource.type,
            name: resource.name,
            parent: resource.options.parent,
            properties,
            protect,
            ...(forcing.length ? { replaceBecause: forcing } : {}),
        });
    }
    for (const resource of before.registrations.filter((r) => r.custom && !matched.has(r))) {
        changes.push({
            op: "delete",
            type: resource.type,
            name: resource.name,
            parent: resource.options.parent,
            properties: propertyChanges(resource.inputs, {}),
            protect: { before: resource.options.protect },
        });
    }
    return { changes, unchanged, aliased: [...aliased.values()] };
}

// ----- The rollout, as served -----

interface FlagEnvironmentView {
    state: string;
    on: string;
    off: string;
    /** Target → the variation it is served individually. */
    targets: Map<string, string>;
}

interface FlagView {
    kind: string;
    archived: boolean;
    live: boolean;
    environments: Map<string, FlagEnvironmentView>;
    /** Variation identifier → its value, as Harness carries it (text). */
    variations: Map<string, string>;
    /** `kind, owner …, expires …` or `permanent`, for a flag that comes or goes. */
    about: string;
}

/** What each flag serves in each environment, from its FeatureFlag's inputs (and its owner and expiry from the `flags` output). */
function flagViews(run: ProgramRun): Map<string, FlagView> {
    const views = new Map<string, FlagView>();
    const summaries = (run.outputs.flags?.value ?? {}) as Record<string, { expiresOn?: string }>;
    for (const flag of run.registrations.filter((r) => r.type === FLAG)) {
        const inputs = flagInputs(flag);
        const expiry = inputs.permanent
            ? "permanent"
            : summaries[inputs.identifier]?.expiresOn
              ? `expires ${summaries[inputs.identifier].expiresOn}`
              : "temporary";
        const about = [inputs.kind, inputs.owner ? `owner ${inputs.owner}` : "no owner", expiry].join(", ");
        const variations = new Map<string, string>(inputs.variations.map((v) => [v.identifier, v.value]));
        const environments = new Map<string, FlagEnvironmentView>(
            (inputs.environments ?? []).map((env): [string, FlagEnvironmentView] => [
                env.identifier,
                {
                    state: env.state ?? "off",
                    on: env.defaultOnVariation ?? inputs.defaultOnVariation,
                    off: env.defaultOffVariation ?? inputs.defaultOffVariation,
                    targets: new Map<string, string>(
                        (env.addTargetRules ?? []).flatMap((rule) =>
                            (rule.targets ?? []).map((t): [string, string] => [t, rule.variation ?? ""]),
                        ),
                    ),
                },
            ]),
        );
        const live = [...environments.values()].some((e) => e.state === "on");
        views.set(inputs.identifier, { kind: inputs.kind, archived: inputs.archived === true, live, environments, variations, about });
    }
    return views;
}

/** Each environment's list-based target groups, as the members a flag's rules expand them to. */
function groupMembersByEnvironment(run: ProgramRun): Map<string, [string, string[]][]> {
    const byEnvironment = new Map<string, [string, string[]][]>();
    for (const group of run.registrations.filter((r) => r.type === GROUP).map(inputsOf<harness.platform.FeatureFlagTargetGroupArgs>)) {
        const excluded = new Set<string>(group.excludeds ?? []);
        const members = (group.includeds ?? []).filter((t) => !excluded.has(t));
        if (members.length)
            byEnvironment.set(group.environment, [...(byEnvironment.get(group.environment) ?? []), [group.identifier, members]]);
    }
    return byEnvironment;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** Targets as a reviewer knows them: whole target groups by name, then the rest by count. */
function targetsDescribed(targets: readonly string[], groups: readonly [string, string[]][]): string {
    let rest = new Set(targets);
    const parts: string[] = [];
    for (const [group, members] of groups) {
        if (!members.every((t) => rest.has(t))) continue;
        parts.push(`${group} (${count(members.length, "target")})`);
        rest = new Set([...rest].filter((t) => !members.includes(t)));
    }
    if (rest.size) parts.push(rest.size === 1 ? `target ${[...rest][0]}` : `${count(rest.size, "target")} (${[...rest].join(", ")})`);
    return parts.join(" and ");
}

/** Who one environment serves a variation: everyone, a group, some targets, or no one (undefined). */
function audience(e: FlagEnvironmentView, variation: string, groups: readonly [string, string[]][]): string | undefined {
    if (e.state !== "on") return e.off === variation ? "everyone (the flag is off)" : undefined;
    const others = [...e.targets].filter(([, v]) => v !== variation).length;
    if (e.on === variation) return others ? `everyone but ${count(others, "target")} served other variations` : "everyone";
    const targeted = [...e.targets].filter(([, v]) => v === variation).map(([t]) => t);
    return targeted.length ? targetsDescribed(targeted, groups) : undefined;
}

/** Where and to whom a flag serves a variation: "in dev to everyone, in prod to internal_testers (3 targets)". */
function servedTo(view: FlagView, variation: string, groups: ReadonlyMap<string, [string, string[]][]>): string {
    const places = [...view.environments].flatMap(([env, e]) => {
        const who = audience(e, variation, groups.get(env) ?? []);
        return who ? [`in ${env} to ${who}`] : [];
    });
    return places.length ? `served ${places.join(", ")}` : "served to no one";
}

/** What a flag serves in each environment: "in dev 'on' to everyone; in prod 'off' to everyone (the flag is off)". */
function servingSummary(view: FlagView, groups: ReadonlyMap<string, [string, string[]][]>): string {
    return [...view.environments]
        .map(([env, e]) => {
            const served = [...view.variations.keys()].flatMap((v) => {
                const who = audience(e, v, groups.get(env) ?? []);
                return who ? [`'${v}' to ${who}`] : [];
            });
            return `in ${env} ${served.join(", ")}`;
        })
        .join("; ");
}

/** A value's change as a reviewer reads it: the fields of a JSON value that differ, or the value itself. */
function valueChange(before: string, after: string): string {
    const [old, now] = [document(before), document(after)];
    if (old !== undefined && now !== undefined && typeof old === "object" && typeof now === "object") {
        return propertyChanges(old, now)
            .map((c) => `${c.path || "(all)"} ${plain(c.before)} → ${plain(c.after)}`)
            .join(", ");
    }
    return `value ${before} → ${after}`;
}

interface ExperimentEnvironmentView {
    split: string;
    allocation: number;
    rules: string;
    configurations: Map<string, unknown>;
    /** Treatment → the share of all traffic it gets by default, and the largest share any rule gives it. */
    shares: Map<string, { traffic: number; byRule: number }>;
}

/** Each experiment's buckets, allocation and treatment configurations per environment, from its definitions. */
function experimentViews(run: ProgramRun) {
    const views = new Map<string, Map<string, ExperimentEnvironmentView>>();
    for (const definition of run.registrations.filter((r) => r.type === DEFINITION)) {
        const env = environmentOfName(definition.name, "definition");
        const { flagName, definition: text } = inputsOf<harness.fmefeatureflag.DefinitionArgs>(definition);
        const spec = document(text) as DefinitionDocument | undefined;
        if (!spec) continue;
        const split = (spec.defaultRule ?? []).map((b) => `${b.treatment} ${b.size}%`).join(" / ");
        const configurations = new Map<string, unknown>(
            (spec.treatments ?? []).map((t) => [t.name, document(t.configurations) ?? t.configurations]),
        );
        // FME: the allocated share is split by the default rule; the rest gets the default treatment.
        const size = (buckets: DefinitionDocument["defaultRule"], treatment: string) =>
            buckets?.find((b) => b.treatment === treatment)?.size ?? 0;
        const shares = new Map(
            [...configurations.keys()].map((t) => [
                t,
                {
                    traffic:
                        (spec.trafficAllocation * size(spec.defaultRule, t)) / 100 +
                        (t === spec.defaultTreatment ? 100 - spec.trafficAllocation : 0),
                    byRule: Math.max(0, ...(spec.rules ?? []).map((rule) => size(rule.buckets, t))),
                },
            ]),
        );
        const environments = views.get(flagName) ?? new Map<string, ExperimentEnvironmentView>();
        environments.set(env, { split, allocation: spec.trafficAllocation, rules: json(spec.rules ?? []), configurations, shares });
        views.set(flagName, environments);
    }
    return views;
}

/** Where a ramp stands, as the `experiments` output shows it (catalog/experiments.ts experimentSummary). */
interface RampView {
    treatment: string;
    stages: number;
    stage: number;
    percent: number;
    status: string;
    guards?: string;
    n?: number;
}

/** Each ramp's standing, by experiment and environment. */
function rampViews(run: ProgramRun): Map<string, RampView> {
    const experiments = (run.outputs.experiments?.value ?? {}) as Record<string, { environments?: Record<string, { ramp?: RampView }> }>;
    return new Map(
        Object.entries(experiments).flatMap(([name, { environments = {} }]) =>
            Object.entries(environments).flatMap(([env, { ramp }]) => (ramp ? [[`${name} × ${env}`, ramp] as const] : [])),
        ),
    );
}

/** A ramp's move between two runs, as `ramp stage 2/4: 5% → 25% (guards: ok, n = 12,345)`; undefined when it did not move. */
export function rampChange(before: RampView | undefined, after: RampView): string | undefined {
    const evidence = after.guards ? ` (guards: ${after.guards}, n = ${(after.n ?? 0).toLocaleString("en-US")})` : "";
    if (!before) return `ramp of '${after.treatment}' added at stage ${after.stage}/${after.stages}: ${after.percent}%${evidence}`;
    if (before.percent === after.percent && before.status === after.status && before.stage === after.stage) return undefined;
    if (after.status === "rolled back") return `ramp rolled back: '${after.treatment}' ${before.percent}% → 0%${evidence}`;
    if (after.status === "finished") return `ramp finished: '${after.treatment}' at ${after.percent}%${evidence}`;
    return `ramp stage ${after.stage}/${after.stages}: ${before.percent}% → ${after.percent}%${evidence}`;
}

/** Per environment and key type, the generations of SDK keys declared. */
function keyViews(run: ProgramRun): Map<string, number[]> {
    const views = new Map<string, number[]>();
    for (const k of run.registrations.filter((r) => r.type === KEY).map(inputsOf<harness.platform.FeatureFlagApiKeyArgs>)) {
        const generation = Number(/_g(\d+)$/.exec(k.identifier)?.[1] ?? 1);
        const slot = `${k.envId} ${k.type}`;
        views.set(
            slot,
            [...(views.get(slot) ?? []), generation].sort((a, b) => b - a),
        );
    }
    return views;
}

/** Members of each list-based group and segment, per environment. */
function membershipViews(run: ProgramRun): Map<string, string[]> {
    const views = new Map<string, string[]>();
    for (const group of run.registrations.filter((r) => r.type === GROUP).map(inputsOf<harness.platform.FeatureFlagTargetGroupArgs>))
        views.set(`target group '${group.identifier}' × ${group.environment}`, group.includeds ?? []);
    for (const keys of run.registrations.filter((r) => r.type === SEGMENT_KEYS)) {
        const env = environmentOfName(keys.name, "keys");
        const { segmentName, keys: members } = inputsOf<harness.fmeenvironment.SegmentKeysArgs>(keys);
        views.set(`segment '${segmentName}' × ${env}`, members);
    }
    return views;
}

const listed = (items: string[]) => items.join(", ");
/** A value as a reviewer reads it: text as it is, anything else as JSON. */
const plain = (v: unknown) => (typeof v === "string" ? v : (json(v) ?? "(none)"));
const arrow = (before: unknown, after: unknown) =>
    `${before === undefined ? "(none)" : plain(before)} → ${after === undefined ? "(none)" : plain(after)}`;

/** Rollout lines: flags, experiments, SDK keys and memberships, before → after. */
export function rolloutLines(before: ProgramRun, after: ProgramRun): RolloutLine[] {
    const lines: RolloutLine[] = [];
    const [oldFlags, newFlags] = [flagViews(before), flagViews(after)];
    const [oldGroups, newGroups] = [groupMembersByEnvironment(before), groupMembersByEnvironment(after)];
    for (const [id, now] of newFlags) {
        const old = oldFlags.get(id);
        if (!old) {
            lines.push({ subject: `flag '${id}'`, change: `added (${now.about}): serves ${servingSummary(now, newGroups)}` });
            continue;
        }
        // A variation's value is what everyone served it gets: a change to it is a change to what they are served.
        for (const [variation, value] of now.variations) {
            const was = old.variations.get(variation);
            const subject = `flag '${id}' variation '${variation}'`;
            if (was === undefined) lines.push({ subject, change: `added, ${value}; ${servedTo(now, variation, newGroups)}` });
            else if (was !== value) lines.push({ subject, change: `${valueChange(was, value)}; ${servedTo(now, variation, newGroups)}` });
        }
        for (const [variation, value] of old.variations)
            if (!now.variations.has(variation))
                lines.push({
                    subject: `flag '${id}' variation '${variation}'`,
                    change: `removed (was ${value}; ${servedTo(old, variation, oldGroups)})`,
                });
        if (!old.archived && now.archived)
            lines.push({ subject: `flag '${id}'`, change: "archived: off everywhere, unprotected, ready to remove in a later change" });
        if (old.kind !== now.kind) lines.push({ subject: `flag '${id}'`, change: `kind ${arrow(old.kind, now.kind)}` });
        for (const [env, e] of now.environments) {
            const o = old.environments.get(env);
            const subject = `flag '${id}' × ${env}`;
            if (!o) {
                lines.push({ subject, change: `added, ${e.state}` });
                continue;
            }
            if (o.state !== e.state) lines.push({ subject, change: `state ${arrow(o.state, e.state)}` });
            if (o.on !== e.on) lines.push({ subject, change: `default-on variation ${arrow(o.on, e.on)}` });
            if (o.off !== e.off) lines.push({ subject, change: `default-off variation ${arrow(o.off, e.off)}` });
            const added = [...e.targets].filter(([t, v]) => o.targets.get(t) !== v);
            const removed = [...o.targets].filter(([t]) => !e.targets.has(t));
            for (const variation of [...new Set(added.map(([, v]) => v))])
                lines.push({
                    subject,
                    change: `targets served '${variation}': + ${listed(added.filter(([, v]) => v === variation).map(([t]) => t))}`,
                });
            if (removed.length)
                lines.push({ subject, change: `targets no longer served individually: - ${listed(removed.map(([t]) => t))}` });
        }
    }
    for (const [id, old] of oldFlags)
        if (!newFlags.has(id))
            lines.push({ subject: `flag '${id}'`, change: `removed (${old.about}); it served ${servingSummary(old, oldGroups)}` });

    const [oldExperiments, newExperiments] = [experimentViews(before), experimentViews(after)];
    const [oldRamps, newRamps] = [rampViews(before), rampViews(after)];
    for (const [name, environments] of newExperiments) {
        const old = oldExperiments.get(name);
        if (!old) lines.push({ subject: `experiment '${name}'`, change: `added (${[...environments.keys()].join(", ")})` });
        for (const [env, e] of environments) {
            const o = old?.get(env);
            const subject = `experiment '${name}' × ${env}`;
            if (!o) {
                if (old) lines.push({ subject, change: `added: split ${e.split}, ${e.allocation}% of traffic` });
                continue;
            }
            const ramp = newRamps.get(`${name} × ${env}`);
            const moved = ramp && rampChange(oldRamps.get(`${name} × ${env}`), ramp);
            if (moved) lines.push({ subject, change: moved });
            if (o.split !== e.split) lines.push({ subject, change: `split ${o.split} → ${e.split}` });
            if (o.allocation !== e.allocation) lines.push({ subject, change: `traffic allocation ${o.allocation}% → ${e.allocation}%` });
            if (o.rules !== e.rules) lines.push({ subject, change: "targeting rules changed (see the resource changes)" });
        }
        // A treatment's configuration is what everyone served it gets: say the change once, with who gets it.
        const treatments = [...new Set([...environments.values()].flatMap((e) => [...e.configurations.keys()]))];
        for (const treatment of treatments) {
            const was = old && [...old.values()].find((e) => e.configurations.has(treatment))?.configurations.get(treatment);
            const now = [...environments.values()].find((e) => e.configurations.has(treatment))?.configurations.get(treatment);
            if (!old || was === undefined || json(was) === json(now)) continue;
            const changes = propertyChanges(was, now).map((c) => `${c.path || "(all)"} ${arrow(plain(c.before), plain(c.after))}`);
            const served = [...environments].map(([env, e]) => {
                const share = e.shares.get(treatment) ?? { traffic: 0, byRule: 0 };
                return `in ${env} to ${share.traffic}% of traffic${share.byRule ? ` (${share.byRule}% of what its rules match)` : ""}`;
            });
            lines.push({
                subject: `experiment '${name}' treatment '${treatment}'`,
                change: `configuration ${changes.join(", ")}; served ${served.join(", ")}`,
            });
        }
        for (const env of old?.keys() ?? [])
            if (!environments.has(env)) lines.push({ subject: `experiment '${name}' × ${env}`, change: "removed from the environment" });
    }
    for (const name of oldExperiments.keys())
        if (!newExperiments.has(name)) lines.push({ subject: `experiment '${name}'`, change: "removed" });

    const [oldKeys, newKeys] = [keyViews(before), keyViews(after)];
    for (const slot of [...new Set([...newKeys.keys(), ...oldKeys.keys()])]) {
        const [o, n] = [oldKeys.get(slot) ?? [], newKeys.get(slot) ?? []];
        if (json(o) === json(n)) continue;
        const subject = `SDK key ${slot}`;
        const created = n.filter((g) => !o.includes(g));
        const deleted = o.filter((g) => !n.includes(g));
        if (created.length && deleted.length === 0 && o.length)
            lines.push({
                subject,
                change: `rotation started: generation ${created.join(", ")} created beside generation ${o.join(", ")}, which stays valid`,
            });
        else if (deleted.length && created.length === 0 && n.length)
            lines.push({
                subject,
                change: `rotation finished: generation ${deleted.join(", ")} deleted; generation ${n.join(", ")} stays`,
            });
        else {
            if (created.length) lines.push({ subject, change: `created (generation ${created.join(", ")})` });
            if (deleted.length) lines.push({ subject, change: `deleted (generation ${deleted.join(", ")})` });
        }
    }

    const [oldMembers, newMembers] = [membershipViews(before), membershipViews(after)];
    for (const [subject, members] of newMembers) {
        const old = oldMembers.get(subject);
        if (!old) continue;
        const added = members.filter((m) => !old.includes(m));
        const removed = old.filter((m) => !members.includes(m));
        if (added.length || removed.length)
            lines.push({
                subject,
                change: [added.length ? `+ ${listed(added)}` : "", removed.length ? `- ${listed(removed)}` : ""].filter(Boolean).join("; "),
            });
    }
    return lines;
}

/** What `protect` would stop, and what would break traffic that is evaluating a flag or using a key. */
export function blockers(changes: readonly ResourceChange[], before: ProgramRun, after: ProgramRun): Blocker[] {
    const found: Blocker[] = [];
    const oldFlags = flagViews(before);
    const newKeys = keyViews(after);
    /** The inputs a changed resource had: its identifier, environment and type, which blockers name. */
    const identifierOf = (change: ResourceChange) =>
        (before.registrations.find((r) => key(r) === key(change))?.inputs ?? {}) as Record<string, string | undefined>;
    for (const change of changes) {
        if (change.op !== "delete" && change.op !== "replace") continue;
        const inputs = identifierOf(change);
        const verb = change.op === "delete" ? "deletes" : `replaces (${change.replaceBecause!.join(", ")} changed)`;
        if (change.type === FLAG) {
            const flag = oldFlags.get(inputs.identifier ?? "");
            if (change.protect.before) {
                found.push({
                    subject: `flag '${inputs.identifier}'`,
                    reason: `the change ${verb} a protected flag: protect stops the update`,
                    fix:
                        change.op === "delete"
                            ? "mark it archived: true first, deploy, and remove it in a later change"
                            : "keep its identifier and kind, or set allowReplace: true on the flag for this deploy",
                });
            } else if (flag?.live) {
                found.push({
                    subject: `flag '${inputs.identifier}'`,
                    reason: `the change ${verb} a flag that is on in ${[...flag.environments]
                        .filter(([, e]) => e.state === "on")
                        .map(([env]) => env)
                        .join(", ")}: traffic evaluating it gets SDK defaults until it exists again`,
                    fix: "turn it off and archive it first, or keep its identifier and kind",
                });
            }
        } else if (change.type === KEY) {
            const slot = `${inputs.envId} ${inputs.type}`;
            const rotationFinished = change.op === "delete" && (newKeys.get(slot) ?? []).length > 0 && !change.protect.before;
            if (!rotationFinished)
                found.push({
                    subject: `SDK key ${slot} (${inputs.identifier})`,
                    reason: `the change ${verb} an SDK key: applications using it stop getting flags${change.protect.before ? ", and protect stops the update" : ""}`,
                    fix: "rotate instead: sdkKeyGenerations [<next>, <current>], move the applications to the new key, then drop the old generation",
                });
        } else if (change.type === FME_KEY) {
            // An FME key's value exists once, at creation: whatever replaces it is a new key the applications do not have.
            found.push({
                subject: `FME SDK key ${inputs.apiKeyType} (${change.name})`,
                reason: `the change ${verb} an FME SDK key: applications evaluating experiments with it get 'control' (the baseline) until they have a new key${change.protect.before ? ", and protect stops the update" : ""}`,
                fix: "keep it until no application uses it: add the new key beside it first (fme.sdkKeys), move the applications, then remove it",
            });
        } else if (change.protect.before) {
            found.push({
                subject: `${change.type.split(":").pop()} ${change.name}`,
                reason: `the change ${verb} a protected resource: protect stops the update`,
                fix: `if it is meant: pulumi state unprotect '<urn of ${change.name}>', then pulumi up`,
            });
        }
    }
    return found;
}

/** A line for resources whose protection flips, so a reviewer sees what becomes (un)deletable. */
function protectionLine(changes: readonly ResourceChange[]): RolloutLine[] {
    const flipped = changes.filter((c) => c.op === "update" && c.protect.before !== undefined && c.protect.before !== c.protect.after);
    const on = flipped.filter((c) => c.protect.after).length;
    const off = flipped.length - on;
    const parts = [
        on ? `${on} resource${on > 1 ? "s" : ""} become${on > 1 ? "" : "s"} protected` : "",
        off ? `${off} resource${off > 1 ? "s" : ""} no longer protected` : "",
    ].filter(Boolean);
    return parts.length ? [{ subject: "protection", change: parts.join("; ") }] : [];
}

/** `npm run plan -- --diff`'s exit code for a comparison: 0 when nothing changes, 3 when something does, 4 when it has blockers. */
export const exitCodeOf = (diff: PlanDiff) => (diff.blockers.length ? EXIT.blocked : diff.resources.length ? EXIT.changes : EXIT.ok);

/** The whole comparison. */
export function planDiff(before: ProgramRun, after: ProgramRun): PlanDiff {
    const { changes, unchanged, aliased } = resourceChanges(before, after);
    return {
        resources: changes,
        unchanged,
        aliased,
        rollout: [...rolloutLines(before, after), ...protectionLine(changes)],
        blockers: blockers(changes, before, after),
    };
}
