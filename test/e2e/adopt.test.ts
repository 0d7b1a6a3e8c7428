// `npm run adopt -- --merge` as a team types it, in a repository of its own, against the stand-in
// Harness API on 127.0.0.1: the merged flags.ts generates and plans, the adopted flags are declared
// and no target or group is created for what Harness has.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { harnessProject } from "../fixtures/harnessProject";
import { startHarnessServer } from "../harnessApiServer";
import { command, sampleRepository } from "./sampleRepository";

let repo: string;
let server: Awaited<ReturnType<typeof startHarnessServer>>;

beforeAll(async () => {
    repo = sampleRepository();
    // The sample stack's project, served with the fixture's flags, targets and groups.
    server = await startHarnessServer({ ...harnessProject, orgId: "default", projectId: "ai_platform" });
});
afterAll(async () => {
    await server.close();
    fs.rmSync(repo, { recursive: true, force: true });
});

/** The command in a child process, while this process serves the API it reads. */
function adopt(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), "scripts/adopt.ts", ...args], {
        cwd: repo,
        env: {
            ...process.env,
            TS_NODE_PROJECT: path.join(repo, "tsconfig.json"),
            HARNESS_PLATFORM_API_KEY: "pat.e2e",
            HARNESS_ENDPOINT: server.url,
        },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}

it("adopts into flags.ts, which then generates and plans with the adopted flags and nothing created for Harness's targets", async () => {
    const adopted = await adopt("--merge");
    expect(adopted.stderr).toBe("");
    expect(adopted.status).toBe(0);
    expect(adopted.stdout).toMatch(/^Adopted 4 flags, 2 targets and 2 target groups/);
    expect(fs.readdirSync(path.join(repo, "adopted")).sort()).toEqual([".generated.json", "catalog.ts", "import.json"]);

    expect(command(repo, "generate").status).toBe(0);
    const plan = command(repo, "plan", "--json");
    expect(plan.status).toBe(0);
    const { registrations: resources } = JSON.parse(plan.stdout) as {
        registrations: { type: string; name: string; inputs: Record<string, unknown> }[];
    };
    const flags = resources.filter((r) => r.type === "harness:platform/featureFlag:FeatureFlag").map((r) => r.inputs.identifier);
    // The catalog's own flags and the adopted ones, laid out as Prettier writes flags.ts.
    expect(flags).toEqual(expect.arrayContaining(["chat_model", "summary_model", "assistant_enabled", "max_tokens", "prompt_config"]));
    const merged = fs.readFileSync(path.join(repo, "flags.ts"), "utf8");
    expect(merged).toContain('            identifier: "summary_model",\n');
    expect(merged).not.toContain('"identifier":');
    expect(resources.filter((r) => /ana@example\.com|bob_7|beta_testers/.test(r.name))).toEqual([]);

    // Run again: the entries are in flags.ts now, so it refuses and leaves everything as it was.
    const again = await adopt("--merge");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^adopt: with --merge, flags\.ts already declares targets: 'ana@example\.com'/);
}, 60_000); // three commands, each compiling the project with ts-node
