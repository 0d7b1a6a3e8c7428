import { parseSettings, RawSettings } from "../config";
import { formatProblems } from "../lib/problems";

const valid: RawSettings = { orgId: "default", projectId: "ai_platform", environmentId: "dev", sdkKeyType: "Server" };

function problemsOf(raw: RawSettings) {
    const result = parseSettings(raw);
    if (result.ok) throw new Error("expected the settings to be rejected");
    return result.problems;
}

describe("parseSettings", () => {
    it("returns typed settings for a valid stack", () => {
        expect(parseSettings(valid)).toEqual({ ok: true, settings: { ...valid } });
    });

    it.each([
        ["absent", undefined, "Server"],
        ["empty", "", "Server"],
        ["Client", "Client", "Client"],
    ])("sdkKeyType %s gives %s", (_label, sdkKeyType, expected) => {
        const result = parseSettings({ ...valid, sdkKeyType });
        expect(result.ok && result.settings.sdkKeyType).toBe(expected);
    });

    it("trims surrounding whitespace from identifiers", () => {
        const result = parseSettings({ ...valid, orgId: "  default " });
        expect(result.ok && result.settings.orgId).toBe("default");
    });

    it.each<[string, RawSettings, string, string, string]>([
        ["missing orgId", { ...valid, orgId: undefined }, "ai-feature-flags:orgId", "missing", "pulumi config set ai-feature-flags:orgId <orgId>"],
        ["empty projectId", { ...valid, projectId: " " }, "ai-feature-flags:projectId", "missing", "pulumi config set ai-feature-flags:projectId <projectId>"],
        ["missing environmentId", { ...valid, environmentId: undefined }, "ai-feature-flags:environmentId", "missing", "pulumi config set ai-feature-flags:environmentId <environmentId>"],
        ["orgId with a dash", { ...valid, orgId: "my-org" }, "ai-feature-flags:orgId", "'my-org' is not a valid identifier", "pulumi config set ai-feature-flags:orgId my_org"],
        ["projectId starting with a digit", { ...valid, projectId: "1ai" }, "ai-feature-flags:projectId", "'1ai' is not a valid identifier", "pulumi config set ai-feature-flags:projectId _1ai"],
        ["reserved environmentId", { ...valid, environmentId: "account" }, "ai-feature-flags:environmentId", "'account' is a reserved word in Harness", "pulumi config set ai-feature-flags:environmentId <environmentId>"],
        ["lower-case sdkKeyType", { ...valid, sdkKeyType: "client" }, "ai-feature-flags:sdkKeyType", "'client' is not a key type", "pulumi config set ai-feature-flags:sdkKeyType Client"],
        ["unknown sdkKeyType", { ...valid, sdkKeyType: "Admin" }, "ai-feature-flags:sdkKeyType", "'Admin' is not a key type", "pulumi config set ai-feature-flags:sdkKeyType Server"],
    ])("rejects %s", (_label, raw, subject, found, fix) => {
        expect(problemsOf(raw)).toEqual([expect.objectContaining({ subject, found, fix })]);
    });

    it("says what is allowed for each kind of key", () => {
        const [identifier, keyType] = problemsOf({ ...valid, orgId: "my-org", sdkKeyType: "x" });
        expect(identifier.allowed).toMatch(/organization.*a letter or _, then letters, digits, _ or \$/);
        expect(keyType.allowed).toMatch(/^Server or Client/);
    });

    it("reports every problem at once, in a message that names each key and its fix", () => {
        const problems = problemsOf({ orgId: "my-org", sdkKeyType: "server" });
        expect(problems.map((p) => p.subject)).toEqual([
            "ai-feature-flags:orgId",
            "ai-feature-flags:projectId",
            "ai-feature-flags:environmentId",
            "ai-feature-flags:sdkKeyType",
        ]);
        const message = formatProblems("Stack 'dev' config", problems);
        expect(message).toMatch(/^Stack 'dev' config: 4 problems; nothing was declared\./);
        for (const p of problems) expect(message).toContain(`fix:     ${p.fix}`);
    });
});
