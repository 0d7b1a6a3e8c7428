// Stack config: one schema for its shape, rules across keys, and problems that name the key, say
// what is allowed, give the command that fixes it, and never print a secret.
import { parseSettings, RawConfig, sdkKeyLimitProblem } from "../config";
import { formatProblems } from "../lib/problems";

const PROJECT = "ai-feature-flags";
const today = new Date("2026-11-29T12:00:00Z");

/** Raw config as Pulumi hands it over, from a document of `ai-feature-flags:` keys (and full `ns:key` keys). */
function raw(document: Record<string, unknown>, secret: string[] = [], stack = "dev"): RawConfig {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(document)) {
        if (value === undefined) continue;
        values[key.includes(":") ? key : `${PROJECT}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { values, secretKeys: new Set(secret.map((k) => (k.includes(":") ? k : `${PROJECT}:${k}`))), stack };
}

const single = { orgId: "default", projectId: "ai_platform", environmentId: "dev", sdkKeyType: "Server" };
const multi = {
    orgId: "default",
    projectId: "ai_platform",
    environments: [
        { id: "dev", sdkKeys: ["Server", "Client"] },
        { id: "prod", sdkKeys: ["Server"] },
    ],
};

function resultOf(document: Record<string, unknown>, secret: string[] = []) {
    return parseSettings(raw(document, secret), today);
}
function settingsOf(document: Record<string, unknown>) {
    const result = resultOf(document);
    if (!result.ok) throw new Error(formatProblems("unexpected", result.problems));
    return result.settings;
}
function problemsOf(document: Record<string, unknown>, secret: string[] = []) {
    const result = resultOf(document, secret);
    if (result.ok) throw new Error("expected the settings to be rejected");
    return result.problems;
}

describe("single environment (environmentId)", () => {
    it("gives one environment with one key of sdkKeyType", () => {
        expect(settingsOf(single)).toEqual({
            orgId: "default",
            projectId: "ai_platform",
            accountId: undefined,
            environments: [{ id: "dev", type: "PreProduction", typeFrom: "id", sdkKeys: ["Server"], keyGenerations: [{ generation: 1 }] }],
            fme: { trafficTypes: {}, environments: {}, sdkKeys: ["serverSide"] },
            protect: undefined,
        });
    });

    it.each([
        ["absent", undefined, "Server"],
        ["Client", "Client", "Client"],
    ])("sdkKeyType %s gives a %s key", (_label, sdkKeyType, expected) => {
        expect(settingsOf({ ...single, sdkKeyType }).environments[0].sdkKeys).toEqual([expected]);
    });

    it("trims surrounding whitespace from identifiers, and reads the account id from config or HARNESS_ACCOUNT_ID", () => {
        expect(settingsOf({ ...single, orgId: "  default ", "harness:accountId": " acct " })).toMatchObject({
            orgId: "default",
            accountId: "acct",
        });
        const fromEnvironment = parseSettings({ ...raw(single), accountIdFromEnvironment: "acct_env" }, today);
        expect(fromEnvironment.ok && fromEnvironment.settings.accountId).toBe("acct_env");
    });

    it.each<[string, Record<string, unknown>, string, string, string]>([
        [
            "missing orgId",
            { ...single, orgId: undefined },
            "ai-feature-flags:orgId",
            "missing",
            "pulumi config set ai-feature-flags:orgId default",
        ],
        [
            "orgId with a dash",
            { ...single, orgId: "my-org" },
            "ai-feature-flags:orgId",
            '"my-org" is not a valid identifier',
            "pulumi config set ai-feature-flags:orgId my_org",
        ],
        [
            "projectId starting with a digit",
            { ...single, projectId: "1ai" },
            "ai-feature-flags:projectId",
            '"1ai" is not a valid identifier',
            "pulumi config set ai-feature-flags:projectId _1ai",
        ],
        [
            "reserved environmentId",
            { ...single, environmentId: "account" },
            "ai-feature-flags:environmentId",
            '"account" is a reserved word in Harness',
            'ai-feature-flags:environmentId in Pulumi.dev.yaml: change it to a value that is allowed, such as "dev"',
        ],
        [
            "lower-case sdkKeyType",
            { ...single, sdkKeyType: "client" },
            "ai-feature-flags:sdkKeyType",
            '"client" is not one of the allowed values',
            "pulumi config set ai-feature-flags:sdkKeyType Client",
        ],
        [
            "unknown sdkKeyType",
            { ...single, sdkKeyType: "Admin" },
            "ai-feature-flags:sdkKeyType",
            '"Admin" is not one of the allowed values',
            "pulumi config set ai-feature-flags:sdkKeyType Server",
        ],
    ])("rejects %s", (_label, document, subject, found, fix) => {
        expect(problemsOf(document)).toEqual([expect.objectContaining({ subject, found, fix })]);
    });

    it("says what is allowed for each kind of key", () => {
        const [identifier, keyType] = problemsOf({ ...single, orgId: "my-org", sdkKeyType: "x" });
        expect(identifier.allowed).toMatch(/organization.*a letter or _, then letters, digits, _ or \$/);
        expect(keyType.allowed).toMatch(/one of: Server, Client$/);
    });

    it("reports every problem at once, in a message that names each key and its fix", () => {
        const problems = problemsOf({ orgId: "my-org", sdkKeyType: "server" });
        expect(problems.map((p) => p.subject)).toEqual([
            "ai-feature-flags:orgId",
            "ai-feature-flags:projectId",
            "ai-feature-flags:sdkKeyType",
            "ai-feature-flags:environments",
        ]);
        const message = formatProblems("Stack 'dev' config", problems);
        expect(message).toMatch(/^Stack 'dev' config: 4 problems; nothing was declared\./);
        for (const p of problems) expect(message).toContain(`fix:     ${p.fix}`);
    });

    it("names environments, not only the legacy environmentId, when no environment is configured", () => {
        expect(problemsOf({ orgId: "default", projectId: "ai_platform" })).toEqual([
            {
                subject: "ai-feature-flags:environments",
                found: "missing: the stack names no Harness environment",
                allowed: "environments, a list of {id, type, sdkKeys} (or, for a single environment, environmentId)",
                fix: "pulumi config set --path 'ai-feature-flags:environments[0].id' dev && pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[0]' Server",
            },
        ]);
    });
});

describe("environments", () => {
    it("keeps the environments in config order with their key types and types", () => {
        expect(
            settingsOf({
                ...multi,
                environments: [
                    { id: "dev", type: "PreProduction", sdkKeys: ["Server", "Client"] },
                    { id: "live", type: "Production" },
                ],
            }).environments,
        ).toEqual([
            { id: "dev", type: "PreProduction", typeFrom: "config", sdkKeys: ["Server", "Client"], keyGenerations: [{ generation: 1 }] },
            { id: "live", type: "Production", typeFrom: "config", sdkKeys: ["Server"], keyGenerations: [{ generation: 1 }] },
        ]);
    });

    it("allows an environment with no keys at all", () => {
        expect(settingsOf({ ...multi, environments: [{ id: "dev", sdkKeys: [] }] }).environments[0].sdkKeys).toEqual([]);
    });

    it.each<[string, unknown, string, string, string]>([
        [
            "not a list",
            "dev",
            "ai-feature-flags:environments",
            '"dev" is text, not a list',
            "pulumi config set --path 'ai-feature-flags:environments[0].id' dev",
        ],
        [
            "an empty list",
            [],
            "ai-feature-flags:environments",
            "an empty list",
            "pulumi config set --path 'ai-feature-flags:environments[0].id' dev",
        ],
        [
            "an entry that is not an object",
            ["dev"],
            "ai-feature-flags:environments[0]",
            '"dev" is text, not an object',
            "pulumi config set --path 'ai-feature-flags:environments[0].id' dev",
        ],
        [
            "a null entry",
            [null],
            "ai-feature-flags:environments[0]",
            "null is null, not an object",
            "pulumi config set --path 'ai-feature-flags:environments[0].id' dev",
        ],
        [
            "a missing id",
            [{ sdkKeys: ["Server"] }],
            "ai-feature-flags:environments[0].id",
            "missing",
            "pulumi config set --path 'ai-feature-flags:environments[0].id' dev",
        ],
        [
            "an invalid id",
            [{ id: "my-env" }],
            "ai-feature-flags:environments[0].id",
            '"my-env" is not a valid identifier',
            "pulumi config set --path 'ai-feature-flags:environments[0].id' my_env",
        ],
        [
            "a duplicate id",
            [{ id: "dev" }, { id: "dev" }],
            "ai-feature-flags:environments[1].id",
            "'dev' is listed twice",
            "pulumi config rm --path 'ai-feature-flags:environments[1]'",
        ],
        [
            "sdkKeys not a list",
            [{ id: "dev", sdkKeys: "Server" }],
            "ai-feature-flags:environments[0].sdkKeys",
            '"Server" is text, not a list',
            "pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[0]' Server",
        ],
        [
            "an unknown key type",
            [{ id: "dev", sdkKeys: ["Server", "client"] }],
            "ai-feature-flags:environments[0].sdkKeys[1]",
            '"client" is not one of the allowed values',
            "pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[1]' Client",
        ],
        [
            "a key type twice",
            [{ id: "dev", sdkKeys: ["Server", "Server"] }],
            "ai-feature-flags:environments[0].sdkKeys[1]",
            "Server is listed twice",
            "pulumi config rm --path 'ai-feature-flags:environments[0].sdkKeys[1]'",
        ],
        [
            "an unknown environment type",
            [{ id: "dev", type: "Staging" }],
            "ai-feature-flags:environments[0].type",
            '"Staging" is not one of the allowed values',
            "pulumi config set --path 'ai-feature-flags:environments[0].type' Production",
        ],
        [
            "a misspelt type",
            [{ id: "dev", type: "preproduction" }],
            "ai-feature-flags:environments[0].type",
            '"preproduction" is not one of the allowed values',
            "pulumi config set --path 'ai-feature-flags:environments[0].type' PreProduction",
        ],
    ])("rejects %s", (_label, environments, subject, found, fix) => {
        expect(problemsOf({ ...multi, environments })).toEqual([expect.objectContaining({ subject, found, fix })]);
    });

    it("refuses environmentId beside environments rather than ignore one of them", () => {
        expect(problemsOf({ ...multi, environmentId: "dev" })).toEqual([
            expect.objectContaining({ subject: "ai-feature-flags:environmentId", fix: "pulumi config rm ai-feature-flags:environmentId" }),
        ]);
    });
});

describe("environment types and protection", () => {
    it.each<[string, string | undefined, "Production" | "PreProduction", "config" | "id"]>([
        ["prod", undefined, "Production", "id"],
        ["prod_eu", undefined, "Production", "id"],
        ["Production", undefined, "Production", "id"],
        ["preprod", undefined, "PreProduction", "id"],
        ["staging", undefined, "PreProduction", "id"],
        ["live", "Production", "Production", "config"],
        ["prod_mirror", "PreProduction", "PreProduction", "config"],
    ])("environment %s with type %p is %s (from %s)", (id, type, expected, from) => {
        expect(settingsOf({ ...multi, environments: [{ id, type }] }).environments[0]).toMatchObject({ type: expected, typeFrom: from });
    });

    it("says which type it assumed from an id, and how to state it", () => {
        const result = resultOf({ ...multi, environments: [{ id: "dev", type: "PreProduction" }, { id: "prod" }] });
        expect(result.ok && result.warnings).toEqual([
            "environment 'prod' is treated as Production, assumed from its id; say so in config: pulumi config set --path 'ai-feature-flags:environments[1].type' Production",
        ]);
    });

    it.each<[string | undefined, boolean | undefined]>([
        [undefined, undefined],
        ["true", true],
        ["false", false],
    ])("protect %p is %p", (protect, expected) => {
        expect(settingsOf({ ...multi, protect }).protect).toBe(expected);
    });

    it("warns when protect: false leaves a Production environment unprotected", () => {
        const result = resultOf({ ...multi, environments: [{ id: "prod", type: "Production" }], protect: "false" });
        expect(result.ok && result.warnings).toEqual([
            expect.stringMatching(
                /^protect is false: the Production environment prod is unprotected, .* pulumi config rm ai-feature-flags:protect$/,
            ),
        ]);
    });

    it("rejects anything but true or false", () => {
        expect(problemsOf({ ...multi, protect: "yes" })).toEqual([
            expect.objectContaining({
                subject: "ai-feature-flags:protect",
                found: '"yes" is not one of the allowed values',
                fix: "pulumi config set ai-feature-flags:protect true",
            }),
        ]);
    });

    it("warns that harness:platformApiKey in a stack's config overrides the key CI exports", () => {
        const result = resultOf(
            { ...multi, environments: [{ id: "dev", type: "PreProduction" }], "harness:platformApiKey": "pat.secret" },
            ["harness:platformApiKey"],
        );
        expect(result.ok && result.warnings).toEqual([
            expect.stringContaining(
                "harness:platformApiKey is set in this stack's config (Pulumi.dev.yaml): it takes precedence over HARNESS_PLATFORM_API_KEY",
            ),
        ]);
        expect(JSON.stringify(result)).not.toContain("pat.secret");
    });
});

describe("fme", () => {
    const fme = { trafficTypes: { user: "tt_1", account: " tt_2 " }, environments: { dev: "env_a", prod: "env_b" } };

    it("reads traffic type and environment ids, trimmed", () => {
        expect(settingsOf({ ...multi, fme }).fme).toEqual({
            trafficTypes: { user: "tt_1", account: "tt_2" },
            environments: { dev: "env_a", prod: "env_b" },
            sdkKeys: ["serverSide"],
        });
    });

    it("is empty when absent, with a server-side SDK key for any FME environment", () => {
        expect(settingsOf(multi).fme).toEqual({ trafficTypes: {}, environments: {}, sdkKeys: ["serverSide"] });
    });

    it("adds a client-side SDK key when asked, once", () => {
        expect(settingsOf({ ...multi, fme: { ...fme, sdkKeys: ["serverSide", "clientSide", "clientSide"] } }).fme.sdkKeys).toEqual([
            "serverSide",
            "clientSide",
        ]);
    });

    it.each<[string, unknown, string, string, string]>([
        [
            "not an object",
            "user",
            "ai-feature-flags:fme",
            '"user" is text, not an object',
            "pulumi config set --path 'ai-feature-flags:fme.trafficTypes.user' <id>",
        ],
        [
            "trafficTypes a list",
            { trafficTypes: ["user"] },
            "ai-feature-flags:fme.trafficTypes",
            '["user"] is a list, not a map of names to values',
            "pulumi config set --path 'ai-feature-flags:fme.trafficTypes.user' <id>",
        ],
        [
            "an empty id",
            { trafficTypes: { user: "" } },
            "ai-feature-flags:fme.trafficTypes.user",
            '"" is empty',
            "pulumi config set --path 'ai-feature-flags:fme.trafficTypes.user' '<id from Harness FME>'",
        ],
        [
            "a numeric id",
            { environments: { dev: 42 } },
            "ai-feature-flags:fme.environments.dev",
            "42 is a whole number, not text",
            "pulumi config set --path 'ai-feature-flags:fme.environments.dev' '<id from Harness FME>'",
        ],
        [
            "an SDK key type FME does not have",
            { sdkKeys: ["server"] },
            "ai-feature-flags:fme.sdkKeys[0]",
            '"server" is not one of the allowed values',
            "pulumi config set --path 'ai-feature-flags:fme.sdkKeys[0]' serverSide",
        ],
        [
            "an environment the stack does not have",
            { environments: { prd: "env_c" } },
            "ai-feature-flags:fme.environments.prd",
            "'prd' is not an environment of this stack",
            "did you mean 'prod'? write prod instead of prd; otherwise pulumi config rm --path 'ai-feature-flags:fme.environments.prd'",
        ],
    ])("rejects %s", (_label, value, subject, found, fix) => {
        expect(problemsOf({ ...multi, fme: value })).toEqual([expect.objectContaining({ subject, found, fix })]);
    });
});

describe("sdkKeyLimitProblem", () => {
    it.each([
        [0, false],
        [10, false],
        [11, true],
    ])("%i keys in one environment: refused = %s", (count, refused) => {
        const problem = sdkKeyLimitProblem("prod", count);
        expect(problem !== undefined).toBe(refused);
        if (problem)
            expect(problem).toMatchObject({
                found: "11 SDK keys in environment 'prod' (key types × generations alive)",
                allowed: "at most 10 SDK keys per Harness environment",
            });
    });
});

describe("SDK key generations", () => {
    const withGenerations = (sdkKeyGenerations: unknown, sdkKeys = ["Server", "Client"]) => ({
        ...multi,
        environments: [{ id: "prod", sdkKeys, sdkKeyGenerations }],
    });

    it.each<[unknown, unknown]>([
        [[1], [{ generation: 1 }]],
        [
            [2, 1],
            [{ generation: 2 }, { generation: 1 }],
        ],
        [
            [{ generation: 3, expiresOn: "2027-12-31" }, 2],
            [{ generation: 3, expiresOn: "2027-12-31" }, { generation: 2 }],
        ],
        [
            [2, { generation: 1, expiresOn: "2026-01-01" }],
            [{ generation: 2 }, { generation: 1, expiresOn: "2026-01-01" }],
        ],
    ])("%p → %p", (generations, expected) => {
        expect(settingsOf(withGenerations(generations)).environments[0].keyGenerations).toEqual(expected);
    });

    it.each<[string, unknown, string, string]>([
        ["not a list", 2, "ai-feature-flags:environments[0].sdkKeyGenerations", "2 is a whole number, not a list"],
        ["three generations", [3, 2, 1], "ai-feature-flags:environments[0].sdkKeyGenerations", "3 items"],
        ["generation 0", [0], "ai-feature-flags:environments[0].sdkKeyGenerations[0]", "0 is not a generation number"],
        ["a fractional generation", [1.5], "ai-feature-flags:environments[0].sdkKeyGenerations[0]", "1.5 is not a generation number"],
        [
            "a misspelt generation key",
            [{ genration: 2 }],
            "ai-feature-flags:environments[0].sdkKeyGenerations[0]",
            "has unknown key 'genration' (did you mean 'generation'?)",
        ],
        [
            "a previous generation above the current",
            [1, 2],
            "ai-feature-flags:environments[0].sdkKeyGenerations",
            "previous generation 2 is not below current 1",
        ],
        [
            "an expiry that is not a date",
            [{ generation: 1, expiresOn: "soon" }],
            "ai-feature-flags:environments[0].sdkKeyGenerations[0]",
            "has an expiresOn that is not a calendar date",
        ],
        [
            "a current generation already expired",
            [{ generation: 2, expiresOn: "2026-11-29" }],
            "ai-feature-flags:environments[0].sdkKeyGenerations[0].expiresOn",
            "2026-11-29 has passed: the current keys would not work",
        ],
    ])("rejects %s", (_label, generations, subject, found) => {
        expect(problemsOf(withGenerations(generations))).toEqual([
            expect.objectContaining({ subject, found: expect.stringContaining(found) }),
        ]);
    });

    it("counts key types × generations against Harness's 10 keys per environment", () => {
        expect(resultOf(withGenerations([2, 1])).ok).toBe(true);
    });
});

describe("unknown keys and secrets", () => {
    it.each<[string, Record<string, unknown>, string, string]>([
        [
            "a wrong-case sdkKeys",
            { ...multi, environments: [{ id: "dev", sdkkeys: ["Client"] }] },
            "ai-feature-flags:environments[0].sdkkeys",
            "did you mean 'sdkKeys'? rename environments[0].sdkkeys to sdkKeys under ai-feature-flags: in Pulumi.dev.yaml",
        ],
        [
            "a singular sdkKeyGeneration",
            { ...multi, environments: [{ id: "dev", sdkKeyGeneration: [2, 1] }] },
            "ai-feature-flags:environments[0].sdkKeyGeneration",
            "did you mean 'sdkKeyGenerations'?",
        ],
        [
            "a misspelt top-level key",
            { ...multi, protet: "true" },
            "ai-feature-flags:protet",
            "did you mean 'protect'? pulumi config rm ai-feature-flags:protet && pulumi config set ai-feature-flags:protect true",
        ],
        [
            "a wrong-case harness key",
            { ...multi, "harness:accountID": "acct" },
            "harness:accountID",
            "did you mean 'accountId'? pulumi config rm harness:accountID && pulumi config set harness:accountId acct",
        ],
        ["an unknown fme key", { ...multi, fme: { traficTypes: {} } }, "ai-feature-flags:fme.traficTypes", "did you mean 'trafficTypes'?"],
    ])("refuses %s", (_label, document, subject, fix) => {
        expect(problemsOf(document)).toContainEqual(
            expect.objectContaining({ subject, found: expect.stringMatching(/^unknown key/), fix: expect.stringContaining(fix) }),
        );
    });

    it.each<[string, Record<string, unknown>, string[]]>([
        ["an invalid orgId set with --secret", { ...multi, orgId: "hunter-2-secret" }, ["orgId"]],
        ["a secret environments list of the wrong shape", { ...multi, environments: "prod-secret-env" }, ["environments"]],
        ["a secret misspelt key", { ...multi, orgid: "hunter2-secret" }, ["orgid"]],
        [
            "a secret harness key under a wrong name",
            { ...multi, "harness:platformApikey": "pat.hunter2-secret" },
            ["harness:platformApikey"],
        ],
    ])("never prints the value of %s, in what it found or in the fix", (_label, document, secret) => {
        const problems = problemsOf(document, secret);
        expect(problems.length).toBeGreaterThan(0);
        expect(JSON.stringify(problems)).not.toMatch(/hunter|prod-secret/);
        expect(problems.some((p) => p.found.includes("[secret]") || p.found.startsWith("unknown key"))).toBe(true);
    });
});
