// The GitHub workflows, checked against GitHub's workflow schema (action-validator) before they
// ever run on GitHub, and the steps that decide something run as the runner runs them.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateWorkflow } from "@action-validator/core";
import * as yaml from "js-yaml";
import { runStepWithStandIn, WORKFLOWS } from "./workflowSteps";

const workflows = fs.readdirSync(WORKFLOWS).filter((name) => name.endsWith(".yml"));

it.each(workflows)("%s is a valid workflow", (name) => {
    expect(validateWorkflow(fs.readFileSync(path.join(WORKFLOWS, name), "utf8")).errors).toEqual([]);
});

/** deploy.yml's classification step in a directory of its own, with `npm` a stand-in that prints `planOutput` and exits `planExit`. */
const runClassify = (files: Record<string, string>, planOutput: string, planExit: number) =>
    runStepWithStandIn({
        workflow: "deploy.yml",
        job: "classify",
        step: "type",
        stack: "acme/prod",
        standInFor: "npm",
        output: planOutput,
        exit: planExit,
        files,
    });

describe("deploy.yml decides the GitHub environment, and stops when it cannot", () => {
    const stackFile = { "Pulumi.prod.yaml": "config: {}\n" };
    const plan = (environments: unknown) => JSON.stringify({ stack: "prod", outputs: { environments } });

    it.each<[string, unknown, string]>([
        [
            "a stack with a Production environment goes through production",
            { dev: { type: "PreProduction" }, prod: { type: "Production" } },
            "environment=production\n",
        ],
        [
            "a stack of PreProduction environments goes through preproduction",
            { dev: { type: "PreProduction" } },
            "environment=preproduction\n",
        ],
    ])("%s", (_label, environments, output) => {
        expect(runClassify(stackFile, plan(environments), 0)).toMatchObject({ status: 0, output });
    });

    it.each<[string, Record<string, string>, string, number, RegExp]>([
        ["the plan fails", stackFile, "", 1, /.*/],
        ["the plan prints nothing", stackFile, "", 0, /says nothing about its environments/],
        ["the plan is not JSON", stackFile, "plan: failed", 0, /parse error|Invalid/i],
        ["the plan lists no environments", stackFile, plan({}), 0, /says nothing about its environments/],
        [
            "the stack has no stack file",
            {},
            plan({ prod: { type: "Production" } }),
            0,
            /There is no Pulumi\.prod\.yaml for stack acme\/prod/,
        ],
    ])("stops when %s", (_label, files, output, exit, log) => {
        const result = runClassify(files, output, exit);
        expect(result.status).not.toBe(0);
        expect(result.output).toBe("");
        expect(result.log).toMatch(log);
    });
});

describe("plan-comment.yml posts where the pull request's code cannot steer it", () => {
    type Comment = { id: number; user: { login: string }; body: string };
    /** Runs the comment step's script with a stand-in GitHub API, in a directory holding the artifact. */
    async function post(pulls: { number: number; head: { sha: string } }[], comments: Comment[], artifact: string) {
        const document = yaml.load(fs.readFileSync(path.join(WORKFLOWS, "plan-comment.yml"), "utf8")) as any;
        const script: string = document.jobs.comment.steps.find((s: any) => s.name === "Post or update the sticky comment").with.script;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-comment-"));
        const calls: [string, Record<string, unknown>][] = [];
        const github = {
            paginate: (method: (args: object) => unknown[], args: object) => Promise.resolve(method(args)),
            rest: {
                pulls: { list: () => pulls },
                issues: {
                    listComments: ({ issue_number }: { issue_number: number }) => comments.filter(() => issue_number > 0),
                    createComment: (args: Record<string, unknown>) => Promise.resolve(void calls.push(["create", args])),
                    updateComment: (args: Record<string, unknown>) => Promise.resolve(void calls.push(["update", args])),
                },
            },
        };
        const notices: string[] = [];
        const cwd = process.cwd();
        fs.writeFileSync(path.join(dir, "plan-diff.md"), artifact);
        process.chdir(dir);
        process.env.HEAD_SHA = "abc123";
        try {
            // The constructor of async functions, as github-script builds its script: its body may await.
            const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
            await new AsyncFunction("github", "context", "core", "require", script)(
                github,
                { repo: { owner: "o", repo: "r" } },
                { notice: (m: string) => notices.push(m) },
                require,
            );
        } finally {
            process.chdir(cwd);
            delete process.env.HEAD_SHA;
            fs.rmSync(dir, { recursive: true, force: true });
        }
        return { calls, notices };
    }
    const marker = "<!-- ai-feature-flags offline plan -->";

    it("posts on the open pull request whose head is the commit Preview ran on", async () => {
        const { calls } = await post(
            [
                { number: 7, head: { sha: "old" } },
                { number: 9, head: { sha: "abc123" } },
            ],
            [],
            "### plan",
        );
        expect(calls).toEqual([["create", { owner: "o", repo: "r", issue_number: 9, body: `${marker}\n### plan` }]]);
    });

    it("posts nothing when the pull request's head has moved on", async () => {
        const { calls, notices } = await post([{ number: 9, head: { sha: "newer" } }], [], "### plan");
        expect(calls).toEqual([]);
        expect(notices).toEqual([expect.stringContaining("No open pull request has abc123 as its head")]);
    });

    it("updates only its own comment: the bot's, with the marker", async () => {
        const comments = [
            { id: 1, user: { login: "mallory" }, body: `${marker}\nfake` },
            { id: 2, user: { login: "github-actions[bot]" }, body: `${marker}\nold plan` },
        ];
        const { calls } = await post([{ number: 9, head: { sha: "abc123" } }], comments, "### new plan");
        expect(calls).toEqual([["update", { owner: "o", repo: "r", comment_id: 2, body: `${marker}\n### new plan` }]]);
    });

    it("reads no artifact over its bound", async () => {
        const { calls } = await post([{ number: 9, head: { sha: "abc123" } }], [], "x".repeat(300 * 1024));
        expect(calls[0][1].body).toBe(
            `${marker}\nThe offline plan is ${300 * 1024} bytes, over ${256 * 1024}: see the Preview run's summary.`,
        );
    });
});

describe("rollout.yml: one pull request per ramp that moves", () => {
    type Call = [string, Record<string, any>];
    const since = "2026-12-02T02:00:00.000Z";
    const entry = (percent: number, status = "ramping") => ({ percent, status, since });
    /** A decision as npm run rollout --json prints it; a moved one carries its pull request's state file. */
    const ramp = (experiment: string, action: string, stateFile?: object) => ({
        experiment,
        environment: "prod",
        action,
        moved: stateFile !== undefined,
        urgent: action === "rollback",
        title: `rollout: ${experiment} prod ${action}`,
        body: `${experiment} × prod: ${action}`,
        stateFile: stateFile && `${JSON.stringify(stateFile, null, 2)}\n`,
    });
    const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

    /**
     * Runs the step's script as github-script does, in a checkout whose commit holds a rollout
     * state and generated/dev, after `npm run rollout` wrote another and printed `ramps`; with a
     * stand-in GitHub API holding `open` pull requests and `branches`, and a stand-in npm whose
     * generate copies the rollout state into generated/dev.
     */
    async function runRollout(ramps: object[], open: { number: number; head: string; labels: string[] }[] = [], branches: string[] = []) {
        const document = yaml.load(fs.readFileSync(path.join(WORKFLOWS, "rollout.yml"), "utf8")) as any;
        const script: string = document.jobs.rollout.steps.find((s: any) => s.name === "One pull request per ramp that moves").with.script;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-rollout-"));
        const bin = path.join(dir, ".bin");
        fs.mkdirSync(bin);
        fs.writeFileSync(path.join(bin, "npm"), "#!/bin/sh\ncp rollouts/dev.json generated/dev/prod.flagd.json\n", { mode: 0o755 });
        fs.mkdirSync(path.join(dir, "rollouts"));
        fs.mkdirSync(path.join(dir, "generated", "dev"), { recursive: true });
        fs.writeFileSync(path.join(dir, "generated", "dev", "prod.flagd.json"), "{}\n");
        fs.writeFileSync(path.join(dir, "rollouts", "dev.json"), JSON.stringify({ "chat-model-ab": { prod: entry(5) } }));
        git(dir, "init", "-q");
        git(dir, "add", "rollouts", "generated");
        git(dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base");
        const sha = git(dir, "rev-parse", "HEAD");
        fs.writeFileSync(path.join(dir, "rollouts", "dev.json"), JSON.stringify({ "written by": "npm run rollout, every ramp" }));
        fs.writeFileSync(path.join(dir, "decisions.json"), JSON.stringify({ stack: "dev", ramps }));
        const calls: Call[] = [];
        const record =
            (name: string, data: object = { number: 42, sha: `${name}-sha` }) =>
            (args: Record<string, any>) => (calls.push([name, args]), Promise.resolve({ data }));
        const github = {
            rest: {
                repos: { get: () => Promise.resolve({ data: { default_branch: "main" } }) },
                git: {
                    getCommit: ({ commit_sha }: { commit_sha: string }) =>
                        Promise.resolve({ data: { tree: { sha: `tree-of-${commit_sha}` } } }),
                    createTree: record("tree"),
                    createCommit: record("commit"),
                    createRef: (args: Record<string, any>) =>
                        branches.includes(args.ref)
                            ? Promise.reject(Object.assign(new Error("Reference already exists"), { status: 422 }))
                            : record("createRef")(args),
                    updateRef: record("updateRef"),
                },
                pulls: {
                    list: ({ head }: { head: string }) =>
                        Promise.resolve({
                            data: open
                                .filter((p) => `o:${p.head}` === head)
                                .map((p) => ({ ...p, labels: p.labels.map((name) => ({ name })) })),
                        }),
                    create: record("createPull"),
                    update: record("updatePull"),
                },
                issues: { createComment: record("comment"), setLabels: record("setLabels"), addLabels: record("addLabels") },
            },
        };
        const warnings: string[] = [];
        const [cwd, pathVariable] = [process.cwd(), process.env.PATH];
        process.chdir(dir);
        process.env.STACK = "dev";
        process.env.PATH = `${bin}${path.delimiter}${pathVariable}`;
        try {
            const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
            await new AsyncFunction("github", "context", "core", "require", script)(
                github,
                { repo: { owner: "o", repo: "r" }, sha },
                { warning: (m: string) => warnings.push(m) },
                require,
            );
        } finally {
            process.chdir(cwd);
            process.env.PATH = pathVariable;
            delete process.env.STACK;
            fs.rmSync(dir, { recursive: true, force: true });
        }
        return { calls, warnings, sha };
    }
    /** What the commit of a pull request writes: path → content. */
    const committed = (calls: Call[]) =>
        Object.fromEntries(
            calls
                .find(([name]) => name === "tree")![1]
                .tree.map((file: { path: string; content: string }) => [file.path, JSON.parse(file.content)]),
        );

    it("opens a pull request holding the state npm run rollout gave the moved ramp, with the generated files for it, on the commit it decided on", async () => {
        const onItsOwn = { "chat-model-ab": { prod: entry(25) }, "rag-ab": { prod: entry(5) } };
        const { calls, sha } = await runRollout([ramp("chat-model-ab", "advance", onItsOwn), ramp("rag-ab", "hold")]);
        expect(calls.map(([name]) => name)).toEqual(["tree", "commit", "createRef", "createPull", "addLabels"]);
        expect(committed(calls)).toEqual({ "rollouts/dev.json": onItsOwn, "generated/dev/prod.flagd.json": onItsOwn });
        expect(calls[0][1]).toMatchObject({ base_tree: `tree-of-${sha}` });
        expect(calls[1][1]).toMatchObject({ message: "rollout: chat-model-ab prod advance", tree: "tree-sha", parents: [sha] });
        expect(calls[2][1]).toMatchObject({ ref: "refs/heads/rollout/dev/chat-model-ab-prod", sha: "commit-sha" });
        expect(calls[3][1]).toMatchObject({
            head: "rollout/dev/chat-model-ab-prod",
            base: "main",
            title: "rollout: chat-model-ab prod advance",
        });
        expect(calls[4][1]).toMatchObject({ issue_number: 42, labels: ["rollout"] });
    });

    it("moves an existing branch and updates its pull request, labelled urgent for a rollback", async () => {
        const branch = "rollout/dev/chat-model-ab-prod";
        const { calls, warnings } = await runRollout(
            [ramp("chat-model-ab", "rollback", { "chat-model-ab": { prod: entry(0, "rolled back") } })],
            [{ number: 7, head: branch, labels: ["rollout"] }],
            [`refs/heads/${branch}`],
        );
        expect(calls.map(([name]) => name)).toEqual(["tree", "commit", "updateRef", "updatePull", "setLabels"]);
        expect(committed(calls)["rollouts/dev.json"]).toEqual({ "chat-model-ab": { prod: entry(0, "rolled back") } });
        expect(calls[2][1]).toMatchObject({ ref: `heads/${branch}`, sha: "commit-sha", force: true });
        expect(calls[3][1].body).toMatch(/^\*\*URGENT: a guard regressed\.\*\* Merge to roll back now\./);
        expect(calls[4][1]).toMatchObject({ issue_number: 7, labels: ["rollout", "urgent"] });
        expect(warnings).toEqual([expect.stringContaining("deploy it at once")]);
    });

    it("closes an open advance when the ramp holds again, with the reason, and never closes a rollback", async () => {
        const held = [ramp("chat-model-ab", "hold"), ramp("rag-ab", "hold")];
        const open = [
            { number: 7, head: "rollout/dev/chat-model-ab-prod", labels: ["rollout"] },
            { number: 8, head: "rollout/dev/rag-ab-prod", labels: ["rollout", "urgent"] },
        ];
        const { calls } = await runRollout(held, open);
        expect(calls).toEqual([
            [
                "comment",
                expect.objectContaining({ issue_number: 7, body: expect.stringContaining("Closed: the latest decision holds instead.") }),
            ],
            ["updatePull", expect.objectContaining({ pull_number: 7, state: "closed" })],
        ]);
    });
});
