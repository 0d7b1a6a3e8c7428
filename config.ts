// The only reader of pulumi.Config: turns stack config into typed, validated settings, or fails
// with every problem at once before the program declares anything.
import * as pulumi from "@pulumi/pulumi";
import { dayOf, parseDay } from "./lib/dates";
import { IDENTIFIER_RULE, identifierProblem, suggestIdentifier } from "./lib/identifiers";
import { describeValue, knownEnvironment, Problem, Report, ValidationError } from "./lib/problems";
import { isProductionStack } from "./lib/stacks";

export const PROJECT = "ai-feature-flags";

export const SDK_KEY_TYPES = ["Server", "Client"] as const;
export type SdkKeyType = (typeof SDK_KEY_TYPES)[number];

/** Harness allows at most this many SDK keys in one environment. */
export const MAX_SDK_KEYS_PER_ENVIRONMENT = 10;

export interface EnvironmentSettings {
    /** Harness environment identifier. */
    id: string;
    /** The SDK keys issued for it: Server keys for back ends, Client keys for browsers and mobile apps. */
    sdkKeys: SdkKeyType[];
    /**
     * The key generations alive: the current one first, then (while a rotation is under way) the
     * previous one. A generation is a set of keys, one per type.
     */
    keyGenerations: KeyGeneration[];
}

export interface KeyGeneration {
    /** 1, 2, …: a rotation creates the next generation. */
    generation: number;
    /** The day its keys stop working (their `expiredAt`), fixed when the generation is created. */
    expiresOn?: string;
}

export interface Settings {
    /** Harness organization identifier. */
    orgId: string;
    /** Harness project identifier: where the flags live. */
    projectId: string;
    /** Harness account id (`harness:accountId` or HARNESS_ACCOUNT_ID); target groups need it. */
    accountId?: string;
    /** Every environment the stack deploys flags and keys to, in config order. */
    environments: EnvironmentSettings[];
    /** Harness FME ids, for experiments. */
    fme: FmeSettings;
    /** Protect live resources from deletion and replacement; default true on stacks named prod*. */
    protect: boolean;
}

export interface FmeSettings {
    /** FME traffic type name (`user`) → its id. */
    trafficTypes: Record<string, string>;
    /** Stack environment id → the FME environment id of the same environment. */
    environments: Record<string, string>;
}

/** Stack config as Pulumi hands it over: strings, `environments` as parsed JSON, or absent. */
export interface RawSettings {
    orgId?: string;
    projectId?: string;
    environmentId?: string;
    sdkKeyType?: string;
    environments?: unknown;
    fme?: unknown;
    protect?: string;
    accountId?: string;
    /** The stack's name: `protect` defaults to true on stacks whose name starts with prod. */
    stack?: string;
}

export type ParseResult = { ok: true; settings: Settings } | { ok: false; problems: Problem[] };

const IDENTIFIER_KEYS = {
    orgId: "the identifier of your Harness organization",
    projectId: "the identifier of the Harness project that holds the flags",
    environmentId: "the identifier of the Harness environment the SDK key is for",
} as const;
type IdentifierKey = keyof typeof IDENTIFIER_KEYS;

const setCommand = (key: string, value: string) => `pulumi config set ${PROJECT}:${key} ${value}`;
const setPathCommand = (path: string, value: string) => `pulumi config set --path '${PROJECT}:${path}' ${value}`;
const ENVIRONMENTS_SHAPE = "a list of environments, each {id: <environment identifier>, sdkKeys: [Server, Client]}";
const FME_SHAPE = "{trafficTypes: {<traffic type>: <id>}, environments: {<environment>: <FME environment id>}}";
const KEY_TYPE_RULE = `${SDK_KEY_TYPES.join(" or ")} (Server keys are for back ends; Client keys for browsers and mobile apps)`;

/** An identifier-valued setting, or a problem saying what to type instead. */
function checkIdentifier(value: unknown, subject: string, meaning: string, fix: (value: string) => string, problems: Problem[]) {
    const allowed = `${meaning}, which is ${IDENTIFIER_RULE}`;
    const text = typeof value === "string" ? value.trim() : undefined;
    if (!text) {
        problems.push({ subject, found: value === undefined || text === "" ? "missing" : `${JSON.stringify(value)} is not text`, allowed, fix: fix(`<${subject.split(/[:.]/).pop()}>`) });
        return undefined;
    }
    const problem = identifierProblem(text);
    if (problem) {
        problems.push({ subject, found: problem, allowed, fix: fix(suggestIdentifier(text) ?? `<${subject.split(/[:.]/).pop()}>`) });
        return undefined;
    }
    return text;
}

/** An SDK key type, matched exactly; a near miss ("server") is shown its correct spelling. */
function checkKeyType(value: unknown, subject: string, fix: (value: string) => string, problems: Problem[]): SdkKeyType | undefined {
    const match = SDK_KEY_TYPES.find((t) => t === value);
    if (match) return match;
    const nearest = SDK_KEY_TYPES.find((t) => typeof value === "string" && t.toLowerCase() === value.trim().toLowerCase()) ?? "Server";
    problems.push({ subject, found: `${JSON.stringify(value)} is not a key type`, allowed: KEY_TYPE_RULE, fix: fix(nearest) });
    return undefined;
}

const GENERATIONS_RULE = "[current] or [current, previous]: generations are whole numbers from 1, or {generation, expiresOn: YYYY-MM-DD}; the previous one is lower";

/** `sdkKeyGenerations`: the current generation and, during a rotation, the previous one. */
function parseKeyGenerations(raw: unknown, at: string, today: Date, problems: Problem[]): KeyGeneration[] {
    const subject = `${PROJECT}:${at}.sdkKeyGenerations`;
    const fix = (value: string) => setPathCommand(`${at}.sdkKeyGenerations[0]`, value);
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > 2) {
        problems.push({ subject, found: describeValue(raw), allowed: GENERATIONS_RULE, fix: fix("1") });
        return [{ generation: 1 }];
    }
    const generations: KeyGeneration[] = [];
    raw.forEach((item, i) => {
        const { generation, expiresOn } = typeof item === "object" && item !== null ? (item as { generation?: unknown; expiresOn?: unknown }) : { generation: item, expiresOn: undefined };
        if (!Number.isSafeInteger(generation) || (generation as number) < 1) {
            problems.push({ subject: `${subject}[${i}]`, found: describeValue(item), allowed: GENERATIONS_RULE, fix: setPathCommand(`${at}.sdkKeyGenerations[${i}]`, String(i + 1)) });
            return;
        }
        const day = expiresOn === undefined ? undefined : parseDay(expiresOn);
        if (expiresOn !== undefined && !day) {
            problems.push({ subject: `${subject}[${i}].expiresOn`, found: `${describeValue(expiresOn)} is not a date`, allowed: "a calendar date written YYYY-MM-DD", fix: setPathCommand(`${at}.sdkKeyGenerations[${i}].expiresOn`, "2027-06-30") });
        } else if (i === 0 && day && day <= dayOf(today)) {
            problems.push({ subject: `${subject}[0].expiresOn`, found: `${day} has passed: the current keys would not work`, allowed: "a day after today, or no expiresOn", fix: `pulumi config rm --path '${PROJECT}:${at}.sdkKeyGenerations[0].expiresOn'` });
        }
        generations.push(day ? { generation: generation as number, expiresOn: day } : { generation: generation as number });
    });
    if (generations.length === 2 && generations[1].generation >= generations[0].generation) {
        problems.push({ subject, found: `previous generation ${generations[1].generation} is not below current ${generations[0].generation}`, allowed: GENERATIONS_RULE, fix: setPathCommand(`${at}.sdkKeyGenerations[0]`, String(generations[1].generation + 1)) });
    }
    return generations;
}

/** The `environments` list: each entry an identifier, the SDK key types it needs and their generations. */
function parseEnvironments(raw: unknown, defaultKeyType: SdkKeyType, today: Date, problems: Problem[]): EnvironmentSettings[] {
    const subject = `${PROJECT}:environments`;
    if (!Array.isArray(raw) || raw.length === 0) {
        problems.push({
            subject,
            found: Array.isArray(raw) ? "an empty list" : `${JSON.stringify(raw)} is not a list`,
            allowed: ENVIRONMENTS_SHAPE,
            fix: `${Array.isArray(raw) ? "" : `pulumi config rm ${PROJECT}:environments && `}${setPathCommand("environments[0].id", "dev")} && ${setPathCommand("environments[0].sdkKeys[0]", "Server")}`,
        });
        return [];
    }
    const environments: EnvironmentSettings[] = [];
    const seen = new Set<string>();
    raw.forEach((entry, i) => {
        const at = `environments[${i}]`;
        if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
            problems.push({ subject: `${PROJECT}:${at}`, found: `${JSON.stringify(entry)} is not an object`, allowed: "{id: <environment identifier>, sdkKeys: [Server, Client]}", fix: setPathCommand(`${at}.id`, "<environment identifier>") });
            return;
        }
        const { id, sdkKeys = [defaultKeyType], sdkKeyGenerations = [1] } = entry as { id?: unknown; sdkKeys?: unknown; sdkKeyGenerations?: unknown };
        const envId = checkIdentifier(id, `${PROJECT}:${at}.id`, "a Harness environment identifier", (v) => setPathCommand(`${at}.id`, v), problems);
        if (envId && seen.has(envId)) {
            problems.push({ subject: `${PROJECT}:${at}.id`, found: `'${envId}' is listed twice`, allowed: "each environment once", fix: `pulumi config rm --path '${PROJECT}:${at}'` });
        }
        if (envId) seen.add(envId);
        if (!Array.isArray(sdkKeys)) {
            problems.push({ subject: `${PROJECT}:${at}.sdkKeys`, found: `${JSON.stringify(sdkKeys)} is not a list`, allowed: `a list of key types: ${KEY_TYPE_RULE}`, fix: setPathCommand(`${at}.sdkKeys[0]`, "Server") });
            return;
        }
        const types: SdkKeyType[] = [];
        sdkKeys.forEach((value, j) => {
            const type = checkKeyType(value, `${PROJECT}:${at}.sdkKeys[${j}]`, (v) => setPathCommand(`${at}.sdkKeys[${j}]`, v), problems);
            if (type && types.includes(type)) {
                problems.push({ subject: `${PROJECT}:${at}.sdkKeys[${j}]`, found: `${type} is listed twice`, allowed: "each key type once per environment", fix: `pulumi config rm --path '${PROJECT}:${at}.sdkKeys[${j}]'` });
            } else if (type) {
                types.push(type);
            }
        });
        const keyGenerations = parseKeyGenerations(sdkKeyGenerations, at, today, problems);
        const limit = sdkKeyLimitProblem(envId ?? at, types.length * keyGenerations.length);
        if (limit) problems.push(limit);
        if (envId) environments.push({ id: envId, sdkKeys: types, keyGenerations });
    });
    return environments;
}

/** Harness refuses an eleventh SDK key in an environment; say so before anything is created. */
export function sdkKeyLimitProblem(environment: string, keyCount: number): Problem | undefined {
    if (keyCount <= MAX_SDK_KEYS_PER_ENVIRONMENT) return undefined;
    return {
        subject: `${PROJECT}:environments (${environment})`,
        found: `${keyCount} SDK keys in environment '${environment}' (key types × generations alive)`,
        allowed: `at most ${MAX_SDK_KEYS_PER_ENVIRONMENT} SDK keys per Harness environment`,
        fix: `finish the rotation (drop the previous generation from sdkKeyGenerations), or remove key types from sdkKeys`,
    };
}

/** `fme: {trafficTypes: {name: id}, environments: {envId: fmeEnvironmentId}}`: ids to text, by name. */
function parseFme(raw: unknown, environments: readonly EnvironmentSettings[], problems: Problem[]): FmeSettings {
    const fme: FmeSettings = { trafficTypes: {}, environments: {} };
    if (raw === undefined) return fme;
    const report: Report = (subject, found, allowed, fix) => problems.push({ subject, found, allowed, fix });
    const environmentIds = environments.map((e) => e.id);
    const isMap = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);
    if (!isMap(raw)) {
        problems.push({ subject: `${PROJECT}:fme`, found: `${JSON.stringify(raw)} is not an object`, allowed: FME_SHAPE, fix: `pulumi config rm ${PROJECT}:fme && ${setPathCommand("fme.trafficTypes.user", "<traffic type id>")}` });
        return fme;
    }
    for (const field of ["trafficTypes", "environments"] as const) {
        const entries = raw[field] ?? {};
        if (!isMap(entries)) {
            problems.push({ subject: `${PROJECT}:fme.${field}`, found: `${JSON.stringify(entries)} is not an object`, allowed: FME_SHAPE, fix: setPathCommand(`fme.${field}.<name>`, "<id>") });
            continue;
        }
        for (const [name, id] of Object.entries(entries)) {
            const subject = `${PROJECT}:fme.${field}.${name}`;
            if (typeof id !== "string" || !id.trim()) {
                problems.push({ subject, found: id === "" ? "empty" : `${JSON.stringify(id)} is not an id`, allowed: "the id Harness FME shows for it, as text", fix: setPathCommand(`fme.${field}.${name}`, "<id>") });
            } else if (field === "trafficTypes" || knownEnvironment(name, environmentIds, subject, `pulumi config rm --path '${PROJECT}:fme.environments.${name}'`, report)) {
                fme[field][name] = id.trim();
            }
        }
    }
    return fme;
}

/** `protect`: true or false; absent, true exactly on stacks whose name starts with prod. */
function parseProtect(raw: string | undefined, stack: string, problems: Problem[]): boolean {
    const text = raw?.trim();
    if (text === undefined || text === "") return isProductionStack(stack);
    if (text === "true" || text === "false") return text === "true";
    problems.push({
        subject: `${PROJECT}:protect`,
        found: `'${text}' is not true or false`,
        allowed: "true (live flags, experiments, target groups and current SDK keys cannot be deleted or replaced) or false",
        fix: `pulumi config set ${PROJECT}:protect ${isProductionStack(stack)}`,
    });
    return true;
}

/** Validates raw stack config; pure, so every rule is tested without a Pulumi runtime. */
export function parseSettings(raw: RawSettings, today = new Date()): ParseResult {
    const problems: Problem[] = [];
    const identifier = (key: IdentifierKey) =>
        checkIdentifier(raw[key], `${PROJECT}:${key}`, IDENTIFIER_KEYS[key], (v) => setCommand(key, v), problems);

    const orgId = identifier("orgId");
    const projectId = identifier("projectId");
    // sdkKeyType is the key type of the single environment, or of each listed one without sdkKeys.
    const keyType = checkKeyType(raw.sdkKeyType?.trim() || "Server", `${PROJECT}:sdkKeyType`, (v) => setCommand("sdkKeyType", v), problems);
    let environments: EnvironmentSettings[] = [];
    if (raw.environments !== undefined) {
        if (raw.environmentId !== undefined) {
            problems.push({
                subject: `${PROJECT}:environmentId`,
                found: "set together with environments, which replaces it",
                allowed: "either environments (any number of environments) or environmentId (a single one)",
                fix: `pulumi config rm ${PROJECT}:environmentId`,
            });
        }
        environments = parseEnvironments(raw.environments, keyType ?? "Server", today, problems);
    } else {
        // A stack from before `environments`: one environment with one key.
        const environmentId = identifier("environmentId");
        if (environmentId && keyType) environments = [{ id: environmentId, sdkKeys: [keyType], keyGenerations: [{ generation: 1 }] }];
    }

    const fme = parseFme(raw.fme, environments, problems);
    const protect = parseProtect(raw.protect, raw.stack ?? "", problems);

    if (problems.length || !orgId || !projectId) return { ok: false, problems };
    const accountId = raw.accountId?.trim() || undefined;
    return { ok: true, settings: { orgId, projectId, accountId, environments, fme, protect } };
}

/** Reads and validates this stack's config; throws a ValidationError naming every problem. */
export function loadSettings(): Settings {
    const config = new pulumi.Config(PROJECT);
    const raw: RawSettings = {
        orgId: config.get("orgId"),
        projectId: config.get("projectId"),
        environmentId: config.get("environmentId"),
        sdkKeyType: config.get("sdkKeyType"),
        protect: config.get("protect"),
        stack: pulumi.getStack(),
        accountId: new pulumi.Config("harness").get("accountId") ?? process.env.HARNESS_ACCOUNT_ID,
    };
    const problems: Problem[] = [];
    for (const key of ["environments", "fme"] as const) {
        try {
            raw[key] = config.getObject<unknown>(key);
        } catch {
            problems.push({
                subject: `${PROJECT}:${key}`,
                found: "not valid JSON or YAML",
                allowed: key === "environments" ? ENVIRONMENTS_SHAPE : FME_SHAPE,
                fix: `pulumi config rm ${PROJECT}:${key}, then set it with --path as README.md shows`,
            });
        }
    }
    const result = parseSettings(raw);
    if (!result.ok || problems.length) {
        throw new ValidationError(`Stack '${pulumi.getStack()}' config`, [...problems, ...(result.ok ? [] : result.problems)]);
    }
    return result.settings;
}
