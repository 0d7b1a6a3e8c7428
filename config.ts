// The only reader of pulumi.Config: turns stack config into typed, validated settings, or fails
// with every problem at once before the program declares anything. The config's shape is one
// schema (configSchema); the rules across keys are plain functions on what it parses.
import { z } from "zod";
import { dayOf, parseDay } from "./lib/dates";
import { IDENTIFIER_RULE, identifierFault, suggestIdentifier } from "./lib/identifiers";
import { knownEnvironment, Problem, repeatedAt, Report } from "./lib/problems";
import { Addressing, fieldDoc, fieldPath, Path, refine, schemaProblems } from "./lib/schemaProblems";
import { closest } from "./lib/suggest";

export const PROJECT = "ai-feature-flags";

export const SDK_KEY_TYPES = ["Server", "Client"] as const;
export type SdkKeyType = (typeof SDK_KEY_TYPES)[number];

/** Harness's environment types: Production drives protection and the policy pack's production rules. */
export const ENVIRONMENT_TYPES = ["Production", "PreProduction"] as const;
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

/** The FME (Split) SDK key types: server-side for back ends, client-side for browsers and phones. */
export const FME_SDK_KEY_TYPES = ["serverSide", "clientSide"] as const;
export type FmeSdkKeyType = (typeof FME_SDK_KEY_TYPES)[number];

/** Harness allows at most this many SDK keys in one environment. */
export const MAX_SDK_KEYS_PER_ENVIRONMENT = 10;

/** The keys the Harness provider reads from the `harness:` namespace. */
export const HARNESS_CONFIG_KEYS = ["accountId", "apiKey", "endpoint", "fmeAdminApiEndpoint", "platformApiKey"] as const;

// ----- The config's shape -----

const identifier = (description: string, example: string) =>
    z
        .string()
        .transform((value, ctx) => {
            const text = value.trim();
            const fault = identifierFault(text);
            if (fault) {
                refine(ctx, `${fault}`, { says: fault, suggest: suggestIdentifier(text) });
                return z.NEVER;
            }
            return text;
        })
        .meta(fieldDoc(`${description}, which is ${IDENTIFIER_RULE}`, example));

/** A key generation: a whole number from 1, or `{generation, expiresOn}`. */
const keyGeneration = z
    .unknown()
    .transform((raw, ctx): KeyGeneration => {
        const { generation, expiresOn, ...rest } =
            raw && typeof raw === "object" && !Array.isArray(raw)
                ? (raw as Record<string, unknown>)
                : { generation: raw, expiresOn: undefined };
        const extra = Object.keys(rest);
        const allowed = "a generation number from 1, or {generation: <number>, expiresOn: YYYY-MM-DD}";
        if (extra.length)
            refine(ctx, "has unknown keys", {
                says: `has unknown key${extra.length > 1 ? "s" : ""} ${extra.map((k) => `'${k}'`).join(", ")}${closest(extra[0], ["generation", "expiresOn"]) ? ` (did you mean '${closest(extra[0], ["generation", "expiresOn"])}'?)` : ""}`,
                allowed,
            });
        if ((generation !== undefined || !extra.length) && (!Number.isSafeInteger(generation) || (generation as number) < 1))
            refine(ctx, "is not a generation", { says: "is not a generation number (a whole number from 1)", allowed, suggest: 1 });
        const day = expiresOn === undefined ? undefined : parseDay(expiresOn);
        if (expiresOn !== undefined && !day)
            refine(ctx, "has an expiresOn that is not a date", {
                says: "has an expiresOn that is not a calendar date written YYYY-MM-DD",
                allowed,
            });
        return day ? { generation: generation as number, expiresOn: day } : { generation: generation as number };
    })
    .meta(fieldDoc("a generation number from 1, or {generation, expiresOn: YYYY-MM-DD}", 1));

const environmentSchema = z
    .strictObject({
        id: identifier("the Harness environment identifier", "dev"),
        type: z
            .enum(ENVIRONMENT_TYPES)
            .optional()
            .meta(
                fieldDoc(
                    "Harness's environment type: Production environments are protected by default (absent: Production when the id starts with prod)",
                    "Production",
                ),
            ),
        sdkKeys: z
            .array(z.enum(SDK_KEY_TYPES).meta(fieldDoc("Server (back ends) or Client (browsers, mobile apps)", "Server")))
            .optional()
            .meta(fieldDoc("the SDK key types its applications need", ["Server"])),
        sdkKeyGenerations: z
            .array(keyGeneration)
            .min(1)
            .max(2)
            .optional()
            .meta(fieldDoc("[current] or [current, previous] during a key rotation", [1])),
    })
    .meta(fieldDoc("a Harness environment", { id: "dev", sdkKeys: ["Server"] }));

const fmeId = (description: string) =>
    z
        .string()
        .transform((value, ctx) => {
            if (!value.trim()) {
                refine(ctx, "is empty", { says: "is empty" });
                return z.NEVER;
            }
            return value.trim();
        })
        .meta(fieldDoc(description, "<id from Harness FME>"));

/** The `ai-feature-flags:` keys of a stack's config, as Pulumi.<stack>.yaml holds them. */
export const configSchema = z
    .strictObject({
        orgId: identifier("the identifier of your Harness organization", "default"),
        projectId: identifier("the identifier of the Harness project that holds the flags", "ai_platform"),
        environments: z
            .array(environmentSchema)
            .min(1)
            .optional()
            .meta(fieldDoc("the Harness environments the stack deploys to", [{ id: "dev", sdkKeys: ["Server"] }])),
        environmentId: identifier("a single Harness environment, for stacks without environments", "dev").optional(),
        sdkKeyType: z
            .enum(SDK_KEY_TYPES)
            .optional()
            .meta(fieldDoc("the key type of environmentId, or of an environment that lists no sdkKeys", "Server")),
        fme: z
            .strictObject({
                trafficTypes: z
                    .record(z.string(), fmeId("the id Harness FME shows for the traffic type"))
                    .optional()
                    .meta(fieldDoc("traffic type name → its FME id", { user: "<id>" })),
                environments: z
                    .record(z.string(), fmeId("the id Harness FME shows for the environment"))
                    .optional()
                    .meta(fieldDoc("stack environment → its FME environment id", { dev: "<id>" })),
                sdkKeys: z
                    .array(
                        z
                            .enum(FME_SDK_KEY_TYPES)
                            .meta(fieldDoc("serverSide (back ends) or clientSide (browsers, mobile apps)", "serverSide")),
                    )
                    .min(1)
                    .optional()
                    .meta(fieldDoc("the FME SDK key types each FME environment gets (default [serverSide])", ["serverSide"])),
            })
            .optional()
            .meta(
                fieldDoc("Harness FME ids: {trafficTypes: {<name>: <id>}, environments: {<env>: <FME environment id>}}", {
                    trafficTypes: { user: "<id>" },
                }),
            ),
        protect: z
            .enum(["true", "false"])
            .optional()
            .meta(fieldDoc("true protects every environment's resources, false none; absent, those of Production environments", "true")),
    })
    .meta({ title: "ai-feature-flags stack config" });

const harnessConfigSchema = z.strictObject(Object.fromEntries(HARNESS_CONFIG_KEYS.map((key) => [key, z.string().optional()])));

/** Keys whose value is structured (YAML lists and maps in the stack file, JSON as Pulumi passes them). */
const STRUCTURED_KEYS = new Set(["environments", "fme"]);

// ----- Settings -----

export interface KeyGeneration {
    /** 1, 2, …: a rotation creates the next generation. */
    generation: number;
    /** The day its keys stop working (their `expiredAt`), fixed when the generation is created. */
    expiresOn?: string;
}

export interface EnvironmentSettings {
    /** Harness environment identifier. */
    id: string;
    /** Harness environment type; Production resources are protected by default. */
    type: EnvironmentType;
    /** Whether `type` was set in config, or assumed from the id. */
    typeFrom: "config" | "id";
    /** The SDK keys issued for it: Server keys for back ends, Client keys for browsers and mobile apps. */
    sdkKeys: SdkKeyType[];
    /** The key generations alive: the current one first, then (during a rotation) the previous one. */
    keyGenerations: KeyGeneration[];
}

export interface FmeSettings {
    /** FME traffic type name (`user`) → its id. */
    trafficTypes: Record<string, string>;
    /** Stack environment id → the FME environment id of the same environment. */
    environments: Record<string, string>;
    /** The FME SDK key types each FME environment gets, for the applications that evaluate experiments. */
    sdkKeys: FmeSdkKeyType[];
}

export interface Settings {
    /** Harness organization identifier. */
    orgId: string;
    /** Harness project identifier: where the flags live. */
    projectId: string;
    /** Harness account id (`harness:accountId` or HARNESS_ACCOUNT_ID); targets and target groups need it. */
    accountId?: string;
    /** The Harness API base URL the provider uses (`harness:endpoint`), when the stack sets one. */
    endpoint?: string;
    /** Every environment the stack deploys flags and keys to, in config order. */
    environments: EnvironmentSettings[];
    /** Harness FME ids, for experiments and segments. */
    fme: FmeSettings;
    /** `protect` from config: true or false for every resource; undefined protects Production environments' resources. */
    protect?: boolean;
}

/** Stack config as Pulumi hands it over: fully qualified keys to text (structured values as JSON). */
export interface RawConfig {
    values: Record<string, string>;
    /** The keys whose values are secrets: never printed. */
    secretKeys: ReadonlySet<string>;
    /** HARNESS_ACCOUNT_ID, used when harness:accountId is not set. */
    accountIdFromEnvironment?: string;
    /** The stack's name, for fixes that edit its file. */
    stack: string;
}

export type ParseResult = { ok: true; settings: Settings; warnings: string[] } | { ok: false; problems: Problem[] };

const PRODUCTION_ID = /^prod/i;

/** A stack's config file, as fixes name it. */
const stackFile = (stack: string) => `Pulumi.${stack || "<stack>"}.yaml`;

/** A config value as the CLI takes it: text as is (quoted when needed), numbers and booleans as written. */
function cliValue(json: string): { path: string; value: string } {
    let value: unknown;
    try {
        value = JSON.parse(json);
    } catch {
        return { path: "", value: json };
    }
    if (Array.isArray(value)) {
        const inner = cliValue(JSON.stringify(value[0] ?? "<value>"));
        return { path: `[0]${inner.path}`, value: inner.value };
    }
    if (value && typeof value === "object") {
        const [key, nested] = Object.entries(value as Record<string, unknown>)[0] ?? ["<key>", "<value>"];
        const inner = cliValue(JSON.stringify(nested));
        return { path: `.${key}${inner.path}`, value: inner.value };
    }
    const text = String(value);
    return { path: "", value: /^[\w.:@<>/+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'` };
}

/** How problems in the `namespace:` keys of a stack's config name their place and fix. */
function configAddressing(namespace: string, raw: RawConfig, document: Record<string, unknown>): Addressing {
    const key = (path: Path) => `${namespace}:${fieldPath(path)}`;
    const secret = (path: Path) => raw.secretKeys.has(`${namespace}:${String(path[0])}`);
    const set = (path: Path, json: string) => {
        const { path: suffix, value } = cliValue(json);
        const flags = secret(path) ? "--secret " : "";
        if (path.length === 1 && !suffix) return `pulumi config set ${flags}${key(path)} ${secret(path) ? `<${String(path[0])}>` : value}`;
        return `pulumi config set ${flags}--path '${key(path)}${suffix}' ${secret(path) ? "<value>" : value}`;
    };
    return {
        subject: key,
        set,
        remove: (path) => (path.length === 1 ? `pulumi config rm ${key(path)}` : `pulumi config rm --path '${key(path)}'`),
        change: (path, what) => `${key(path)} in ${stackFile(raw.stack)}: ${what}`,
        rename: (path, to) => {
            const renamed = [...path.slice(0, -1), to];
            if (path.length === 1 && !secret(path) && typeof document[String(path[0])] === "string")
                return `pulumi config rm ${key(path)} && pulumi config set ${key(renamed)} ${cliValue(JSON.stringify(document[String(path[0])])).value}`;
            return `rename ${fieldPath(path)} to ${to} under ${namespace}: in ${stackFile(raw.stack)}`;
        },
        isSecret: secret,
    };
}

/** The `namespace:` keys of the raw config as a document: structured values parsed, the rest text. */
function documentOf(namespace: string, raw: RawConfig): Record<string, unknown> {
    const document: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(raw.values)) {
        if (!fullKey.startsWith(`${namespace}:`)) continue;
        const key = fullKey.slice(namespace.length + 1);
        if (namespace === PROJECT && STRUCTURED_KEYS.has(key)) {
            try {
                document[key] = JSON.parse(text);
            } catch {
                document[key] = text; // the schema says a list or a map was expected
            }
        } else {
            document[key] = text;
        }
    }
    return document;
}

type Config = z.output<typeof configSchema>;

/** Each key of a config document that parses on its own (environments entry by entry). */
function parsedParts(document: Record<string, unknown>): Config {
    const parts: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(configSchema.shape)) {
        const one = schema.safeParse(document[key]);
        if (one.success) parts[key] = one.data;
    }
    if (parts.environments === undefined && Array.isArray(document.environments)) {
        const entries = document.environments
            .map((entry) => environmentSchema.safeParse(entry))
            .filter((one) => one.success)
            .map((one) => one.data);
        if (entries.length) parts.environments = entries;
    }
    return parts as Config;
}

/** A Production environment protects its resources unless `protect` says otherwise. */

/** Validates raw stack config; pure, so every rule is tested without a Pulumi runtime. */
export function parseSettings(raw: RawConfig, today = new Date()): ParseResult {
    const problems: Problem[] = [];
    const warnings: string[] = [];
    const report: Report = (subject, found, allowed, fix) => problems.push({ subject, found, allowed, fix });

    const document = documentOf(PROJECT, raw);
    const parsed = configSchema.safeParse(document);
    if (!parsed.success)
        problems.push(...schemaProblems(configSchema, document, parsed.error.issues, configAddressing(PROJECT, raw, document)));
    const harnessDocument = documentOf("harness", raw);
    const harness = harnessConfigSchema.safeParse(harnessDocument);
    if (!harness.success)
        problems.push(
            ...schemaProblems(
                harnessConfigSchema,
                harnessDocument,
                harness.error.issues,
                configAddressing("harness", raw, harnessDocument),
            ),
        );
    // Rules across keys run on what parses, so a stack's problems are reported in one round.
    const config = parsed.success ? parsed.data : parsedParts(document);

    const defaultKeyType = config.sdkKeyType ?? "Server";
    let environments: EnvironmentSettings[] = [];
    if (config.environments && config.environmentId !== undefined) {
        report(
            `${PROJECT}:environmentId`,
            "set together with environments, which replaces it",
            "either environments (any number of environments) or environmentId (a single one)",
            `pulumi config rm ${PROJECT}:environmentId`,
        );
    }
    if (config.environments) {
        environments = config.environments.map((environment, i) => environmentSettings(environment, i, defaultKeyType, today, report));
    } else if (config.environmentId !== undefined) {
        // A stack from before `environments`: one environment with one key.
        environments = [
            environmentSettings({ id: config.environmentId, sdkKeys: [defaultKeyType] }, undefined, defaultKeyType, today, report),
        ];
    } else if (document.environments === undefined && document.environmentId === undefined) {
        report(
            `${PROJECT}:environments`,
            "missing: the stack names no Harness environment",
            "environments, a list of {id, type, sdkKeys} (or, for a single environment, environmentId)",
            `pulumi config set --path '${PROJECT}:environments[0].id' dev && pulumi config set --path '${PROJECT}:environments[0].sdkKeys[0]' Server`,
        );
    }
    // The ids as written, so that an entry with another problem still counts: for duplicates, and
    // as an environment the FME mapping may name.
    const written = (Array.isArray(document.environments) ? document.environments : []).map((entry: unknown) =>
        entry && typeof entry === "object" && typeof (entry as { id?: unknown }).id === "string"
            ? (entry as { id: string }).id.trim() || undefined
            : undefined,
    );
    for (const i of repeatedAt(written))
        report(
            `${PROJECT}:environments[${i}].id`,
            `'${written[i]}' is listed twice`,
            "each environment once",
            `pulumi config rm --path '${PROJECT}:environments[${i}]'`,
        );

    const ids = environments.map((e) => e.id);
    const known = [...new Set([...ids, ...written.filter((id): id is string => id !== undefined)])];
    const fme: FmeSettings = {
        trafficTypes: config.fme?.trafficTypes ?? {},
        environments: {},
        sdkKeys: [...new Set<FmeSdkKeyType>(config.fme?.sdkKeys ?? ["serverSide"])],
    };
    for (const [env, id] of Object.entries(config.fme?.environments ?? {})) {
        if (
            knownEnvironment(
                env,
                known,
                `${PROJECT}:fme.environments.${env}`,
                `pulumi config rm --path '${PROJECT}:fme.environments.${env}'`,
                report,
            )
        )
            fme.environments[env] = id;
    }

    const protect = config.protect === undefined ? undefined : config.protect === "true";
    for (const environment of environments) {
        if (environment.typeFrom === "id")
            warnings.push(
                `environment '${environment.id}' is treated as ${environment.type}, assumed from its id; say so in config: pulumi config set --path '${PROJECT}:environments[${ids.indexOf(environment.id)}].type' ${environment.type}`,
            );
    }
    const production = environments.filter((e) => e.type === "Production").map((e) => e.id);
    if (protect === false && production.length)
        warnings.push(
            `protect is false: the Production environment${production.length > 1 ? "s" : ""} ${production.join(", ")} ${production.length > 1 ? "are" : "is"} unprotected, so Pulumi deletes or replaces live flags and SDK keys there without refusing; remove the opt-out with: pulumi config rm ${PROJECT}:protect`,
        );
    if (harness.success && harness.data.platformApiKey !== undefined)
        warnings.push(
            `harness:platformApiKey is set in this stack's config (${stackFile(raw.stack)}): it takes precedence over HARNESS_PLATFORM_API_KEY, so a CI job's key from the environment is ignored; keep it out of stacks CI deploys (pulumi config rm harness:platformApiKey)`,
        );

    if (problems.length) return { ok: false, problems };
    const accountId = (harness.success ? harness.data.accountId?.trim() : undefined) || raw.accountIdFromEnvironment?.trim() || undefined;
    const endpoint = (harness.success ? harness.data.endpoint?.trim() : undefined) || undefined;
    return {
        ok: true,
        settings: {
            orgId: config.orgId,
            projectId: config.projectId,
            accountId,
            ...(endpoint ? { endpoint } : {}),
            environments,
            fme,
            protect,
        },
        warnings,
    };
}

/** One environment's settings, with its key generations and the Harness limit on keys checked. */
function environmentSettings(
    environment: { id: string; type?: EnvironmentType; sdkKeys?: SdkKeyType[]; sdkKeyGenerations?: KeyGeneration[] },
    index: number | undefined,
    defaultKeyType: SdkKeyType,
    today: Date,
    report: Report,
): EnvironmentSettings {
    const at = index === undefined ? "environmentId" : `environments[${index}]`;
    const sdkKeys = environment.sdkKeys ?? [defaultKeyType];
    for (const j of repeatedAt(sdkKeys))
        report(
            `${PROJECT}:${at}.sdkKeys[${j}]`,
            `${sdkKeys[j]} is listed twice`,
            "each key type once per environment",
            `pulumi config rm --path '${PROJECT}:${at}.sdkKeys[${j}]'`,
        );
    const keyGenerations = environment.sdkKeyGenerations ?? [{ generation: 1 }];
    const [current, previous] = keyGenerations;
    if (previous && previous.generation >= current.generation)
        report(
            `${PROJECT}:${at}.sdkKeyGenerations`,
            `previous generation ${previous.generation} is not below current ${current.generation}`,
            "[current] or [current, previous], the previous one lower",
            `pulumi config set --path '${PROJECT}:${at}.sdkKeyGenerations[0]' ${previous.generation + 1}`,
        );
    if (current.expiresOn && current.expiresOn <= dayOf(today))
        report(
            `${PROJECT}:${at}.sdkKeyGenerations[0].expiresOn`,
            `${current.expiresOn} has passed: the current keys would not work`,
            "a day after today, or no expiresOn",
            `pulumi config rm --path '${PROJECT}:${at}.sdkKeyGenerations[0].expiresOn'`,
        );
    const keyCount = new Set(sdkKeys).size * keyGenerations.length;
    const limit = sdkKeyLimitProblem(environment.id, keyCount);
    if (limit) report(limit.subject, limit.found, limit.allowed, limit.fix);
    const type = environment.type ?? (PRODUCTION_ID.test(environment.id) ? "Production" : "PreProduction");
    return { id: environment.id, type, typeFrom: environment.type ? "config" : "id", sdkKeys: [...new Set(sdkKeys)], keyGenerations };
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

/**
 * Reads and validates this stack's config, from the running Pulumi program. Problems are returned,
 * not thrown, so that the catalog's problems can be reported with them in one message; warnings go
 * to the Pulumi log. The Pulumi SDK is loaded here rather than at the top, so that everything above
 * (the schema and parseSettings, which generate, the JSON Schema and the tests use) works without
 * loading the Pulumi runtime.
 */
export async function loadSettings(): Promise<ParseResult> {
    const pulumi = await import("@pulumi/pulumi");
    const values = pulumi.runtime.allConfig();
    const { isConfigSecret: isSecret } = pulumi.runtime as unknown as { isConfigSecret: (key: string) => boolean };
    const result = parseSettings({
        values,
        secretKeys: new Set(Object.keys(values).filter((key) => isSecret(key))),
        accountIdFromEnvironment: process.env.HARNESS_ACCOUNT_ID,
        stack: pulumi.getStack(),
    });
    if (result.ok) for (const warning of result.warnings) void pulumi.log.warn(warning);
    return result;
}
