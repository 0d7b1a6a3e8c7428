// `npm run adopt` against a stand-in Harness API on 127.0.0.1: what it reads (every page, within the
// rate limit, a 429 retried), what it writes (a catalog that validates, an import that matches the
// program), that the program then declares what Harness serves, and that every failure writes nothing.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { adopt, AdoptOptions, checkedAdoption } from "../adopt/adopt";
import { adoptionFrom } from "../adopt/fromHarness";
import { HarnessApi, retryAfterSeconds } from "../adopt/harnessApi";
import { compareServing } from "../adopt/serving";
import { parseCatalog, validateCatalog } from "../catalog/validate";
import type { CatalogInput } from "../catalog/types";
import { UserFacingError } from "../lib/errors";
import { stackSettings } from "../project/stacks";
import { ADOPTED_ON, ADOPTED_STACK_DIR, adoptedEntries, harnessProject } from "./fixtures/harnessProject";
import { ServedRequest, startHarnessServer } from "./harnessApiServer";

const TODAY = ADOPTED_ON;
const STACK_FILE = fs.readFileSync(path.join(ADOPTED_STACK_DIR, "Pulumi.dev.yaml"), "utf8");
const FLAGS_FILE = `import type { CatalogInput } from "./catalog/types";

export const catalog: CatalogInput = {
    targets: [{ identifier: "dana", name: "Dana" }],
    flags: [
        {
            identifier: "existing_flag",
            name: "Existing",
            description: "",
            owner: "team",
            kind: "boolean",
            permanent: true,
            variations: [
                { identifier: "on", name: "On", description: "", value: true },
                { identifier: "off", name: "Off", description: "", value: false },
            ],
            defaultOn: "on",
            defaultOff: "off",
            environments: { dev: { state: "on", targets: { on: ["dana"] } } },
        },
    ],
};
`;

let server: Awaited<ReturnType<typeof startHarnessServer>>;
let project: string;
const printed: string[] = [];
const waits: number[] = [];

function options(overrides: Partial<AdoptOptions> = {}): AdoptOptions {
    return {
        stack: "dev",
        out: "adopted",
        merge: false,
        projectDir: project,
        env: { HARNESS_PLATFORM_API_KEY: "pat.test.key", HARNESS_ENDPOINT: server.url },
        today: TODAY,
        client: { minIntervalMs: 5, wait: (ms) => Promise.resolve(void waits.push(ms)) },
        print: (line) => void printed.push(line),
        ...overrides,
    };
}

const adopted = (name: string) => path.join(project, "adopted", name);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the written file, loaded as flags.ts is.
const writtenCatalog = () => require(adopted("catalog.ts")).catalog as CatalogInput;

beforeAll(async () => {
    server = await startHarnessServer(harnessProject);
});
afterAll(() => server.close());

/** A project directory of the test's own: the stack file and a flags.ts to merge into. */
function newProject(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-adopt-"));
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), STACK_FILE);
    fs.writeFileSync(path.join(dir, "flags.ts"), FLAGS_FILE);
    return dir;
}

describe("one adoption of a project", () => {
    let exitCode: number;
    let reads: ServedRequest[];
    beforeAll(async () => {
        project = newProject();
        server.behave({ kind: "ok" });
        exitCode = await adopt(options({ client: { minIntervalMs: 5 } }));
        reads = [...server.requests];
    });
    afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

    it("reads every page of every list in every environment, with the key, paced under the rate limit", () => {
        expect(exitCode).toBe(0);
        const pages = (list: string, env: string) =>
            reads.filter((r) => r.path === `/cf/admin/${list}` && r.query.environmentIdentifier === env).map((r) => r.query.pageNumber);
        expect(pages("features", "prod")).toEqual(["0", "1", "2", "3"]);
        expect(pages("targets", "prod")).toEqual(["0", "1"]);
        expect(pages("segments", "dev")).toEqual(["0"]);
        expect(new Set(reads.map((r) => r.apiKey))).toEqual(new Set(["pat.test.key"]));
        expect(new Set(reads.map((r) => r.query.accountIdentifier))).toEqual(new Set(["acct_1"]));
        // Paced: requests at least the interval apart (5 ms here; 60 ms, 1000 a minute, by default), so they span at least that.
        expect(reads[reads.length - 1].at - reads[0].at).toBeGreaterThanOrEqual((reads.length - 1) * 5 - 5);
    });

    it("writes a catalog that validates, in the catalog's shape, with every target and group external", () => {
        const catalog = writtenCatalog();
        const parsed = parseCatalog(catalog);
        expect(parsed.problems).toEqual([]);
        const settings = stackSettings("dev", project);
        if (!settings.ok) throw new Error("stack file");
        expect(validateCatalog(parsed.catalog, settings.settings, TODAY).problems).toEqual([]);
        expect(catalog.flags.map((f) => f.identifier)).toEqual(["assistant_enabled", "max_tokens", "prompt_config", "summary_model"]);
        // The entries program.test.ts runs the program on ("a project adopted from Harness").
        expect(catalog).toEqual({ ...adoptedEntries(settings.settings), segments: [], experiments: [] });
        expect(catalog.targets).toEqual([
            { identifier: "ana@example.com", name: "Ana", attributes: { team: "ml", seats: "5" }, external: true },
            { identifier: "bob_7", name: "Bob", external: true },
        ]);
        expect(catalog.targetGroups).toEqual([
            {
                identifier: "beta_testers",
                name: "Beta testers",
                included: ["bob_7", "ana@example.com"],
                excluded: ["ana@example.com"],
                external: true,
            },
            {
                identifier: "enterprise",
                name: "Enterprise",
                environments: ["prod"],
                rules: [{ attribute: "plan", op: "equal", values: ["enterprise"] }],
                external: true,
            },
        ]);
        const text = fs.readFileSync(adopted("catalog.ts"), "utf8");
        expect(text).toContain('import type { CatalogInput } from "');
        expect(text).toMatch(/^ {8}{\n {12}identifier: "summary_model",$/m); // Prettier, the project's settings
    });

    it("keeps with Harness (targeting: harness) what the catalog cannot say, and says why", () => {
        const byId = new Map(writtenCatalog().flags.map((f) => [f.identifier, f]));
        expect(byId.get("summary_model")?.targeting).toBeUndefined();
        expect(byId.get("summary_model")?.environments?.prod).toEqual({
            state: "on",
            targets: { sonnet: ["ana@example.com"] },
            targetGroups: { sonnet: ["beta_testers"] },
        });
        for (const id of ["max_tokens", "prompt_config", "assistant_enabled"]) expect(byId.get(id)?.targeting).toBe("harness");
        // What the catalog can say is still written: the named target before the rollout.
        expect(byId.get("max_tokens")?.environments?.prod).toEqual({ state: "on", targets: { long: ["bob_7"] } });
        expect(byId.has("odd_flag")).toBe(false);
        expect(byId.get("assistant_enabled")?.environments?.prod).toEqual({ state: "off", targets: { true: ["bob_7"] } });
        const said = printed.join("\n");
        expect(said).toContain("flag 'max_tokens': prod: a percentage rollout as the default serve");
        expect(said).toContain("flag 'prompt_config': prerequisites (assistant_enabled)");
        expect(said).toContain("flag 'assistant_enabled': prod: targeting kept on a flag that is off");
        expect(said).toContain("flag 'legacy_search': it is archived in Harness");
        expect(said).toContain("flag 'odd_flag': the catalog refuses it: flag 'odd_flag' variations[1].identifier");
        expect(said).toContain(
            "flag 'list_config': the catalog refuses it: flag 'list_config' variations: a json flag with a value that is not an object",
        );
        expect(said).toContain("1 target: no flag or target group names them");
        expect(said).toContain("SDK keys are not imported");
        expect(said).toContain("flag 'assistant_enabled': owner 'unknown'");
        expect(said).toContain("flag 'assistant_enabled': expiresOn 2027-03-02");
    });
});

describe("adopt's other paths", () => {
    beforeEach(() => {
        project = newProject();
        printed.length = 0;
        waits.length = 0;
        server.behave({ kind: "ok" });
    });
    afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

    it("retries a 429 after its Retry-After and then reads on", async () => {
        server.behave({ kind: "rate limited first", retryAfter: "7" });
        const scope = { baseUrl: server.url, apiKey: "k", accountId: "acct_1", orgId: "acme", projectId: "chatbot" };
        const api = new HarnessApi(scope, { minIntervalMs: 0, wait: (ms) => Promise.resolve(void waits.push(ms)) });
        const features = await api.listAll("features", "dev");
        expect(waits).toEqual([7000]);
        expect(server.requests[0].query).toEqual(server.requests[1].query);
        expect(features.map((f) => f.identifier)).toEqual(harnessProject.environments.dev.features.map((f) => f.identifier));
    });

    it("with --merge, refuses entries flags.ts declares already, and writes nothing", async () => {
        fs.writeFileSync(path.join(project, "flags.ts"), FLAGS_FILE.replace("existing_flag", "max_tokens"));
        await expect(adopt(options({ merge: true }))).rejects.toThrow(/flags.ts already declares flags: 'max_tokens'/);
        expect(fs.existsSync(path.join(project, "adopted"))).toBe(false);
    });

    it.each([
        [
            { kind: "status", status: 401 } as const,
            /refused the API key \(401: "refused"\).*HARNESS_PLATFORM_API_KEY is wrong, expired or revoked/,
        ],
        [{ kind: "status", status: 403 } as const, /may not read the feature flags of environment 'dev'.*'Feature Flags: View'/],
        [
            { kind: "status", status: 404, message: "project not found" } as const,
            /found nothing reading the feature flags of environment 'dev' in project 'acme\/chatbot' \(404: "project not found"\): check orgId and projectId/,
        ],
        [
            { kind: "failing page", list: "features", page: 1, status: 500 } as const,
            /failed reading the feature flags of environment 'dev' .*\(page 2\) \(HTTP 500/,
        ],
        [{ kind: "not json" } as const, /text that is not JSON .*is HARNESS_ENDPOINT/],
    ])("on %o says what to do and writes nothing", async (behaviour, message) => {
        server.behave(behaviour);
        const failure = adopt(options({ merge: true }));
        await expect(failure).rejects.toThrow(UserFacingError);
        await expect(failure).rejects.toThrow(message);
        await expect(failure).rejects.toThrow(/Nothing was written\.$/);
        expect(fs.existsSync(path.join(project, "adopted"))).toBe(false);
        expect(fs.readFileSync(path.join(project, "flags.ts"), "utf8")).toBe(FLAGS_FILE);
    });

    it("says so when Harness cannot be reached, and writes nothing", async () => {
        const closed = await startHarnessServer(harnessProject);
        await closed.close();
        await expect(adopt(options({ env: { HARNESS_PLATFORM_API_KEY: "k", HARNESS_ENDPOINT: closed.url } }))).rejects.toThrow(
            /could not reach Harness at http:\/\/127\.0\.0\.1:\d+\/gateway .*\(ECONNREFUSED\): check the network and HARNESS_ENDPOINT/,
        );
        expect(fs.existsSync(path.join(project, "adopted"))).toBe(false);
    });

    it("asks for the API key and the account id before it reads anything", async () => {
        await expect(adopt(options({ env: { HARNESS_ENDPOINT: server.url } }))).rejects.toThrow(/export HARNESS_PLATFORM_API_KEY=<key>/);
        fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), STACK_FILE.replace("  harness:accountId: acct_1\n", ""));
        await expect(adopt(options())).rejects.toThrow(/pulumi config set harness:accountId <your account id>/);
        expect(server.requests).toEqual([]);
    });

    it("reads the Harness the provider would: harness:endpoint over HARNESS_ENDPOINT, and HARNESS_ACCOUNT_ID where the stack has no account id", async () => {
        const closed = await startHarnessServer(harnessProject);
        await closed.close();
        fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), `${STACK_FILE}  harness:endpoint: ${closed.url}\n`);
        await expect(adopt(options())).rejects.toThrow(`could not reach Harness at ${closed.url} `);
        fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), STACK_FILE.replace("  harness:accountId: acct_1\n", ""));
        server.behave({ kind: "status", status: 401 });
        await expect(adopt(options({ env: { ...options().env, HARNESS_ACCOUNT_ID: "acct_from_env" } }))).rejects.toThrow(/401/);
        expect(server.requests[0].query.accountIdentifier).toBe("acct_from_env");
    });

    it("never writes over a directory it did not write", async () => {
        fs.mkdirSync(path.join(project, "adopted"));
        fs.writeFileSync(adopted("notes.md"), "mine");
        await expect(adopt(options())).rejects.toThrow(/holds files npm run adopt did not write \(notes.md\)/);
        expect(fs.readFileSync(adopted("notes.md"), "utf8")).toBe("mine");
        expect(server.requests).toEqual([]);
    });
});

describe("what Harness serves against what the program would", () => {
    const settings = (() => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-stack-"));
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), STACK_FILE);
        const parsed = stackSettings("dev", dir);
        fs.rmSync(dir, { recursive: true });
        if (!parsed.ok) throw new Error("stack file");
        return parsed.settings;
    })();
    const { adoption, catalog } = checkedAdoption(adoptionFrom(harnessProject, TODAY), settings, TODAY);
    const catalogOf = (input: CatalogInput) => parseCatalog(input).catalog;

    it("finds no difference for the adoption, over every known target and someone else", () => {
        const result = compareServing(harnessProject, catalog, settings);
        expect(result.differences).toEqual([]);
        // summary_model, the one flag the catalog owns: in dev Ana, Bob and everyone else; in prod Carol too.
        expect(result.compared).toBe(3 + 4);
    });

    it("names each target a catalog that differs would serve otherwise", () => {
        const flags = adoption.catalog.flags.map((f) =>
            f.identifier === "summary_model" ? { ...f, environments: { ...f.environments, prod: { state: "on" as const } } } : f,
        );
        expect(compareServing(harnessProject, catalogOf({ ...adoption.catalog, flags }), settings).differences).toEqual([
            "flag 'summary_model' in prod, target 'ana@example.com': Harness serves 'sonnet' today, the program would serve 'mini'",
            "flag 'summary_model' in prod, target 'bob_7': Harness serves 'sonnet' today, the program would serve 'mini'",
        ]);
    });
});

describe("Retry-After", () => {
    it.each([
        ["3", 3],
        [null, 1],
        ["soon", 1],
        ["Wed, 02 Dec 2026 00:00:10 GMT", 10],
    ])("%s → %s s", (header, seconds) => expect(retryAfterSeconds(header, Date.parse("2026-12-02T00:00:00Z"))).toBe(seconds));
});
