import { parseSettings, RawSettings, sdkKeyLimitProblem } from "../config";
import { formatProblems } from "../lib/problems";

const single: RawSettings = { orgId: "default", projectId: "ai_platform", environmentId: "dev", sdkKeyType: "Server" };
const multi: RawSettings = {
    orgId: "default",
    projectId: "ai_platform",
    environments: [{ id: "dev", sdkKeys: ["Server", "Client"] }, { id: "prod", sdkKeys: ["Server"] }],
};

function settingsOf(raw: RawSettings) {
    const result = parseSettings(raw);
    if (!result.ok) throw new Error(formatProblems("unexpected", result.problems));
    return result.settings;
}

function problemsOf(raw: RawSettings) {
    const result = parseSettings(raw);
    if (result.ok) throw new Error("expected the settings to be rejected");
    return result.problems;
}

describe("parseSettings, single environment (environmentId)", () => {
    it("gives one environment with one key of sdkKeyType", () => {
        expect(settingsOf(single)).toEqual({ orgId: "default", projectId: "ai_platform", accountId: undefined, environments: [{ id: "dev", sdkKeys: ["Server"], keyGenerations: [{ generation: 1 }] }], fme: { trafficTypes: {}, environments: {} }, protect: false });
    });

    it.each([
        ["absent", undefined, "Server"],
        ["empty", "", "Server"],
        ["Client", "Client", "Client"],
    ])("sdkKeyType %s gives a %s key", (_label, sdkKeyType, expected) => {
        expect(settingsOf({ ...single, sdkKeyType }).environments[0].sdkKeys).toEqual([expected]);
    });

    it("trims surrounding whitespace from identifiers and the account id", () => {
        expect(settingsOf({ ...single, orgId: "  default ", accountId: " acct " })).toMatchObject({ orgId: "default", accountId: "acct" });
    });

    it.each<[string, RawSettings, string, string, string]>([
        ["missing orgId", { ...single, orgId: undefined }, "ai-feature-flags:orgId", "missing", "pulumi config set ai-feature-flags:orgId <orgId>"],
        ["empty projectId", { ...single, projectId: " " }, "ai-feature-flags:projectId", "missing", "pulumi config set ai-feature-flags:projectId <projectId>"],
        ["missing environmentId", { ...single, environmentId: undefined }, "ai-feature-flags:environmentId", "missing", "pulumi config set ai-feature-flags:environmentId <environmentId>"],
        ["orgId with a dash", { ...single, orgId: "my-org" }, "ai-feature-flags:orgId", "'my-org' is not a valid identifier", "pulumi config set ai-feature-flags:orgId my_org"],
        ["projectId starting with a digit", { ...single, projectId: "1ai" }, "ai-feature-flags:projectId", "'1ai' is not a valid identifier", "pulumi config set ai-feature-flags:projectId _1ai"],
        ["reserved environmentId", { ...single, environmentId: "account" }, "ai-feature-flags:environmentId", "'account' is a reserved word in Harness", "pulumi config set ai-feature-flags:environmentId <environmentId>"],
        ["lower-case sdkKeyType", { ...single, sdkKeyType: "client" }, "ai-feature-flags:sdkKeyType", '"client" is not a key type', "pulumi config set ai-feature-flags:sdkKeyType Client"],
        ["unknown sdkKeyType", { ...single, sdkKeyType: "Admin" }, "ai-feature-flags:sdkKeyType", '"Admin" is not a key type', "pulumi config set ai-feature-flags:sdkKeyType Server"],
    ])("rejects %s", (_label, raw, subject, found, fix) => {
        expect(problemsOf(raw)).toEqual([expect.objectContaining({ subject, found, fix })]);
    });

    it("says what is allowed for each kind of key", () => {
        const [identifier, keyType] = problemsOf({ ...single, orgId: "my-org", sdkKeyType: "x" });
        expect(identifier.allowed).toMatch(/organization.*a letter or _, then letters, digits, _ or \$/);
        expect(keyType.allowed).toMatch(/^Server or Client/);
    });

    it("reports every problem at once, in a message that names each key and its fix", () => {
        const problems = problemsOf({ orgId: "my-org", sdkKeyType: "server" });
        expect(problems.map((p) => p.subject)).toEqual([
            "ai-feature-flags:orgId",
            "ai-feature-flags:projectId",
            "ai-feature-flags:sdkKeyType",
            "ai-feature-flags:environmentId",
        ]);
        const message = formatProblems("Stack 'dev' config", problems);
        expect(message).toMatch(/^Stack 'dev' config: 4 problems; nothing was declared\./);
        for (const p of problems) expect(message).toContain(`fix:     ${p.fix}`);
    });
});

describe("parseSettings, environments", () => {
    it("keeps the environments in config order with their key types", () => {
        expect(settingsOf(multi).environments).toEqual([
            { id: "dev", sdkKeys: ["Server", "Client"], keyGenerations: [{ generation: 1 }] },
            { id: "prod", sdkKeys: ["Server"], keyGenerations: [{ generation: 1 }] },
        ]);
    });

    it("gives an environment without sdkKeys one key of sdkKeyType", () => {
        expect(settingsOf({ ...multi, sdkKeyType: "Client", environments: [{ id: "web" }] }).environments).toEqual([{ id: "web", sdkKeys: ["Client"], keyGenerations: [{ generation: 1 }] }]);
    });

    it("allows an environment with no keys at all", () => {
        expect(settingsOf({ ...multi, environments: [{ id: "dev", sdkKeys: [] }] }).environments).toEqual([{ id: "dev", sdkKeys: [], keyGenerations: [{ generation: 1 }] }]);
    });

    it.each<[string, unknown, string, string, string]>([
        ["not a list", "dev", "ai-feature-flags:environments", '"dev" is not a list', "pulumi config rm ai-feature-flags:environments && pulumi config set --path 'ai-feature-flags:environments[0].id' dev && pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[0]' Server"],
        ["an empty list", [], "ai-feature-flags:environments", "an empty list", "pulumi config set --path 'ai-feature-flags:environments[0].id' dev && pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[0]' Server"],
        ["an entry that is not an object", ["dev"], "ai-feature-flags:environments[0]", '"dev" is not an object', "pulumi config set --path 'ai-feature-flags:environments[0].id' <environment identifier>"],
        ["a missing id", [{ sdkKeys: ["Server"] }], "ai-feature-flags:environments[0].id", "missing", "pulumi config set --path 'ai-feature-flags:environments[0].id' <id>"],
        ["an invalid id", [{ id: "my-env" }], "ai-feature-flags:environments[0].id", "'my-env' is not a valid identifier", "pulumi config set --path 'ai-feature-flags:environments[0].id' my_env"],
        ["a duplicate id", [{ id: "dev" }, { id: "dev" }], "ai-feature-flags:environments[1].id", "'dev' is listed twice", "pulumi config rm --path 'ai-feature-flags:environments[1]'"],
        ["sdkKeys not a list", [{ id: "dev", sdkKeys: "Server" }], "ai-feature-flags:environments[0].sdkKeys", '"Server" is not a list', "pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[0]' Server"],
        ["an unknown key type", [{ id: "dev", sdkKeys: ["Server", "client"] }], "ai-feature-flags:environments[0].sdkKeys[1]", '"client" is not a key type', "pulumi config set --path 'ai-feature-flags:environments[0].sdkKeys[1]' Client"],
        ["a key type twice", [{ id: "dev", sdkKeys: ["Server", "Server"] }], "ai-feature-flags:environments[0].sdkKeys[1]", "Server is listed twice", "pulumi config rm --path 'ai-feature-flags:environments[0].sdkKeys[1]'"],
    ])("rejects %s", (_label, environments, subject, found, fix) => {
        expect(problemsOf({ ...multi, environments })).toEqual([expect.objectContaining({ subject, found, fix })]);
    });

    it("refuses environmentId beside environments rather than ignore one of them", () => {
        expect(problemsOf({ ...multi, environmentId: "dev" })).toEqual([
            expect.objectContaining({ subject: "ai-feature-flags:environmentId", fix: "pulumi config rm ai-feature-flags:environmentId" }),
        ]);
    });
});

describe("parseSettings, fme", () => {
    const fme = { trafficTypes: { user: "tt_1", account: " tt_2 " }, environments: { dev: "env_a", prod: "env_b" } };

    it("reads traffic type and environment ids, trimmed", () => {
        expect(settingsOf({ ...multi, fme }).fme).toEqual({ trafficTypes: { user: "tt_1", account: "tt_2" }, environments: { dev: "env_a", prod: "env_b" } });
    });

    it("is empty when absent", () => {
        expect(settingsOf(multi).fme).toEqual({ trafficTypes: {}, environments: {} });
    });

    it.each<[string, unknown, string, string, string]>([
        ["not an object", "user", "ai-feature-flags:fme", '"user" is not an object', "pulumi config rm ai-feature-flags:fme && pulumi config set --path 'ai-feature-flags:fme.trafficTypes.user' <traffic type id>"],
        ["trafficTypes a list", { trafficTypes: ["user"] }, "ai-feature-flags:fme.trafficTypes", '["user"] is not an object', "pulumi config set --path 'ai-feature-flags:fme.trafficTypes.<name>' <id>"],
        ["an empty id", { trafficTypes: { user: "" } }, "ai-feature-flags:fme.trafficTypes.user", "empty", "pulumi config set --path 'ai-feature-flags:fme.trafficTypes.user' <id>"],
        ["a numeric id", { environments: { dev: 42 } }, "ai-feature-flags:fme.environments.dev", "42 is not an id", "pulumi config set --path 'ai-feature-flags:fme.environments.dev' <id>"],
        ["an environment the stack does not have", { environments: { staging: "env_c" } }, "ai-feature-flags:fme.environments.staging", "'staging' is not an environment of this stack", "pulumi config rm --path 'ai-feature-flags:fme.environments.staging'"],
    ])("rejects %s", (_label, raw, subject, found, fix) => {
        expect(problemsOf({ ...multi, fme: raw })).toEqual([expect.objectContaining({ subject, found, fix })]);
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
        if (problem) expect(problem).toMatchObject({ found: "11 SDK keys in environment 'prod' (key types × generations alive)", allowed: "at most 10 SDK keys per Harness environment" });
    });
});

describe("parseSettings, protect", () => {
    it.each<[string, string | undefined, boolean]>([
        ["dev", undefined, false],
        ["prod", undefined, true],
        ["prod-eu", undefined, true],
        ["production", "", true],
        ["preprod", undefined, false],
        ["prod", "false", false],
        ["dev", "true", true],
    ])("stack %s with protect %p protects: %s", (stack, protect, expected) => {
        expect(settingsOf({ ...multi, stack, protect }).protect).toBe(expected);
    });

    it("rejects anything but true or false, suggesting the stack's default", () => {
        expect(problemsOf({ ...multi, stack: "prod", protect: "yes" })).toEqual([
            expect.objectContaining({ subject: "ai-feature-flags:protect", found: "'yes' is not true or false", fix: "pulumi config set ai-feature-flags:protect true" }),
        ]);
    });
});

describe("parseSettings, SDK key generations", () => {
    const today = new Date("2026-11-29T12:00:00Z");
    const withGenerations = (sdkKeyGenerations: unknown, sdkKeys = ["Server", "Client"]) => ({ ...multi, environments: [{ id: "prod", sdkKeys, sdkKeyGenerations }] });

    it.each<[unknown, unknown]>([
        [[1], [{ generation: 1 }]],
        [[2, 1], [{ generation: 2 }, { generation: 1 }]],
        [[{ generation: 3, expiresOn: "2027-12-31" }, 2], [{ generation: 3, expiresOn: "2027-12-31" }, { generation: 2 }]],
        [[2, { generation: 1, expiresOn: "2026-01-01" }], [{ generation: 2 }, { generation: 1, expiresOn: "2026-01-01" }]],
    ])("%p → %p", (raw, expected) => {
        const result = parseSettings(withGenerations(raw), today);
        expect(result.ok && result.settings.environments[0].keyGenerations).toEqual(expected);
    });

    it.each<[string, unknown, string, string]>([
        ["not a list", 2, "ai-feature-flags:environments[0].sdkKeyGenerations", "2"],
        ["three generations", [3, 2, 1], "ai-feature-flags:environments[0].sdkKeyGenerations", "[3,2,1]"],
        ["generation 0", [0], "ai-feature-flags:environments[0].sdkKeyGenerations[0]", "0"],
        ["a fractional generation", [1.5], "ai-feature-flags:environments[0].sdkKeyGenerations[0]", "1.5"],
        ["a previous generation above the current", [1, 2], "ai-feature-flags:environments[0].sdkKeyGenerations", "previous generation 2 is not below current 1"],
        ["an expiry that is not a date", [{ generation: 1, expiresOn: "soon" }], "ai-feature-flags:environments[0].sdkKeyGenerations[0].expiresOn", '"soon" is not a date'],
        ["a current generation already expired", [{ generation: 2, expiresOn: "2026-11-29" }], "ai-feature-flags:environments[0].sdkKeyGenerations[0].expiresOn", "2026-11-29 has passed: the current keys would not work"],
    ])("rejects %s", (_label, raw, subject, found) => {
        const result = parseSettings(withGenerations(raw), today);
        expect(result.ok ? [] : result.problems).toEqual([expect.objectContaining({ subject, found })]);
    });

    it("counts key types × generations against Harness's 10 keys per environment", () => {
        const result = parseSettings({ ...multi, environments: [{ id: "prod", sdkKeys: ["Server", "Client"], sdkKeyGenerations: [2, 1] }] }, today);
        expect(result.ok).toBe(true);
    });
});
