// `npm run plan -- --diff HEAD` for real: a temporary git repository holding this project with the
// sample catalog and stack as its flags.ts and Pulumi.dev.yaml, a commit, a change in the working
// tree, and the plan run as a user runs it.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { command, sampleRepository } from "./sampleRepository";

let repo: string;
const plan = (...args: string[]) => command(repo, "plan", ...args);

beforeAll(() => {
    repo = sampleRepository();
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

it("shows a ramp from 10% to 50% as the rollout line and the two bucket sizes, and exits 3", () => {
    const flags = path.join(repo, "flags.ts");
    fs.writeFileSync(flags, fs.readFileSync(flags, "utf8").replace("split: { candidate: 10 },", "split: { candidate: 50 },"));
    const result = plan("--diff", "HEAD");
    expect(result.stdout).toContain(
        "Rollout:\n  experiment 'chat-model-ab' × prod: split baseline 90% / candidate 10% → baseline 50% / candidate 50%\n",
    );
    expect(result.stdout).toContain(
        "    ~ harness:fmeFeatureFlag/definition:Definition  experiment-chat-model-ab-definition-prod\n        definition.defaultRule[baseline].size: 90 → 50\n        definition.defaultRule[candidate].size: 10 → 50",
    );
    expect(result.status).toBe(3);
    expect(execFileSync("git", ["worktree", "list"], { cwd: repo, encoding: "utf8" }).trim().split("\n")).toHaveLength(1);
});

it("refuses a ref that is not a commit, saying what to give instead", () => {
    const result = plan("--diff", "no-such-branch");
    expect(result.stderr).toContain("plan: 'no-such-branch' is not a commit of the git repository");
    expect(result.status).toBe(2);
});
