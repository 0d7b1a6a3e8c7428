// `npm run plan -- --diff HEAD` for real: a temporary git repository holding this project with the
// sample catalog and stack as its flags.ts and Pulumi.dev.yaml, a commit, a change in the working
// tree, and the plan run as a user runs it.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../../project/files";
import { commitAll, repositoryCopy } from "../../plan/worktree";
import { SAMPLE_DIR } from "../programRun";

let repo: string;
const plan = (...args: string[]) =>
    spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), "scripts/plan.ts", ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(repo, "tsconfig.json") } });

beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-repo-"));
    repositoryCopy(PROJECT_DIR, repo, "the project");
    const sampleFlags = fs.readFileSync(path.join(SAMPLE_DIR, "flags.ts"), "utf8").replace('from "../../../catalog/types"', 'from "./catalog/types"');
    fs.writeFileSync(path.join(repo, "flags.ts"), sampleFlags);
    fs.copyFileSync(path.join(SAMPLE_DIR, "Pulumi.dev.yaml"), path.join(repo, "Pulumi.dev.yaml"));
    commitAll(repo, "the sample catalog as reviewed");
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

it("shows a ramp from 10% to 50% as the rollout line and the two bucket sizes, and exits 3", () => {
    const flags = path.join(repo, "flags.ts");
    fs.writeFileSync(flags, fs.readFileSync(flags, "utf8").replace("split: { candidate: 10 },", "split: { candidate: 50 },"));
    const result = plan("--diff", "HEAD");
    expect(result.stdout).toContain("Rollout:\n  experiment 'chat-model-ab' × prod: split baseline 90% / candidate 10% → baseline 50% / candidate 50%\n");
    expect(result.stdout).toContain("    ~ harness:fmeFeatureFlag/definition:Definition  experiment-chat-model-ab-definition-prod\n        definition.defaultRule[baseline].size: 90 → 50\n        definition.defaultRule[candidate].size: 10 → 50");
    expect(result.status).toBe(3);
    expect(execFileSync("git", ["worktree", "list"], { cwd: repo, encoding: "utf8" }).trim().split("\n")).toHaveLength(1);
});

it("refuses a ref that is not a commit, saying what to give instead", () => {
    const result = plan("--diff", "no-such-branch");
    expect(result.stderr).toContain("plan: 'no-such-branch' is not a commit of the git repository");
    expect(result.status).toBe(2);
});
