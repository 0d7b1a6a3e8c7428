// The commands as people type them, in a repository of their own: each mistake is one paragraph
// with a documented exit code and no stack trace, and nothing is left behind or written outside.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { commitAll } from "../../plan/worktree";
import { withWorktree } from "../../plan/worktree";
import { command, sampleRepository, startCommand } from "./sampleRepository";

let repo: string;
const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
const worktrees = (cwd: string) => git(cwd, "worktree", "list").split("\n").length;
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);
/** Restores a file of the repository after a test that breaks it. */
const restore = (...files: string[]) => git(repo, "checkout", "--", ...files);

beforeAll(() => {
    repo = sampleRepository();
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe("through npm", () => {
    const npm = (...args: string[]) => spawnSync("npm", ["run", ...args], { cwd: repo, encoding: "utf8" });

    it("prints JSON alone for npm run plan -- --json, so it pipes to jq", () => {
        const result = npm("plan", "--", "--json");
        expect(result.status).toBe(0);
        expect(Object.keys(JSON.parse(result.stdout))).toContain("outputs");
    });

    it("explains an option npm took for itself, and exits 2", () => {
        const result = npm("plan", "--diff", "HEAD");
        expect(result.stderr.trim()).toBe(
            "plan: npm took --diff for itself, so the command never saw it: npm passes options on only after --. Type: npm run plan -- --diff HEAD. (npm run plan -- --help shows every option.)",
        );
        expect(result.status).toBe(2);
    });
});

describe("TypeScript as Pulumi's nodejs runtime loads it (the options @pulumi/pulumi's cmd/run and cmd/run-policy-pack give ts-node)", () => {
    /** Registers ts-node in `dir` with `options`, then prints what it loaded `module` as. */
    const loadAsPulumi = (dir: string, options: string, module: string) =>
        spawnSync(
            process.execPath,
            [
                "-e",
                `const service = require("ts-node").register(${options});
                 console.log(JSON.stringify({ swc: service.options.swc ?? false, exported: Object.keys(require(${JSON.stringify(module)})) }));`,
            ],
            { cwd: dir, encoding: "utf8" },
        );

    it("pulumi up: the program with swc and no type check (npm test runs it), so a type error does not stop it", () => {
        // Neither PULUMI_NODEJS_TRANSPILE_ONLY nor tsconfig's noCheck set: transpileOnly undefined.
        fs.writeFileSync(path.join(repo, "typeError.ts"), 'export const n: number = "not a number";\n');
        try {
            const result = loadAsPulumi(
                repo,
                `{ compiler: "typescript", transpileOnly: undefined, project: "tsconfig.json", skipProject: false,
                   compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true",
                   ...require("@pulumi/pulumi/tsutils").loadTypeScriptCompilerOptions("tsconfig.json") } }`,
                "./typeError.ts",
            );
            expect(result.stderr).toBe("");
            expect(JSON.parse(result.stdout)).toEqual({ swc: true, exported: ["n"] });
        } finally {
            fs.rmSync(path.join(repo, "typeError.ts"));
        }
    });

    it("pulumi preview --policy-pack policy: the pack type-checked by TypeScript, which ts-node refuses beside swc", () => {
        const result = loadAsPulumi(
            path.join(repo, "policy"),
            `{ typeCheck: true, skipProject: false, compiler: "typescript",
               compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true",
               ...require("@pulumi/pulumi/tsutils").loadTypeScriptCompilerOptions("tsconfig.json") } }`,
            "./policies.ts",
        );
        expect(result.stderr).toBe("");
        expect(JSON.parse(result.stdout)).toMatchObject({ swc: false, exported: expect.arrayContaining(["allPolicies"]) });
    });
});

describe("a mistake in flags.ts", () => {
    afterEach(() => restore("flags.ts"));

    it("a syntax error: file:line:col and TypeScript's message, exit 1", () => {
        const flags = path.join(repo, "flags.ts");
        const lines = fs.readFileSync(flags, "utf8").split("\n");
        const at = lines.findIndex((line) => line.includes('name: "Internal testers",'));
        lines[at] += " ,,";
        fs.writeFileSync(flags, lines.join("\n"));
        for (const script of ["plan", "generate", "stale"]) {
            const result = command(repo, script);
            expect([script, result.status]).toEqual([script, 1]);
            expect(result.stderr).toMatch(
                new RegExp(`^${script}: flags\\.ts:${at + 1}:\\d+: Property assignment expected\\. \\[TS1136\\]`),
            );
            noStackTrace(result.stderr);
        }
    });

    it("a value thrown while it loads: its JSON, not [object Object]", () => {
        const flags = path.join(repo, "flags.ts");
        fs.writeFileSync(
            flags,
            fs.readFileSync(flags, "utf8").replace("export const catalog", 'throw { reason: "not ready" };\nexport const catalog'),
        );
        const result = command(repo, "generate");
        expect(result.stderr).toMatch(/^generate: flags\.ts(:\d+:\d+)?: flags\.ts failed while loading: \{"reason":"not ready"\}\./);
        expect(result.status).toBe(1);
    });
});

it("names a YAML mistake in a stack file by line, without showing its secrets", () => {
    const file = path.join(repo, "Pulumi.dev.yaml");
    fs.writeFileSync(
        file,
        `${fs.readFileSync(file, "utf8")}  harness:apiKey:\n    secure: AAABAJ0xSECRETCIPHERTEXT\n  ai-feature-flags:protect: [true\n`,
    );
    try {
        const result = command(repo, "plan");
        expect(result.stderr).toMatch(/^plan: Pulumi\.dev\.yaml:\d+:\d+: not valid YAML: /);
        expect(result.stderr).not.toContain("AAABAJ0x");
        expect(result.status).toBe(1);
    } finally {
        restore("Pulumi.dev.yaml");
    }
});

it("never writes outside the project, nor over files generate did not write", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-outside-"));
    try {
        for (const args of [
            ["--stack", `../../../${path.basename(outside)}/x`],
            ["--out", outside],
            ["--out", "docs"],
        ]) {
            const result = command(repo, "generate", ...args);
            expect([args, result.status]).toEqual([args, 2]);
            noStackTrace(result.stderr);
        }
        expect(fs.readdirSync(outside)).toEqual([]);
        expect(git(repo, "status", "--porcelain")).toBe("");
    } finally {
        fs.rmSync(outside, { recursive: true, force: true });
    }
});

describe("--diff leaves nothing behind", () => {
    it.each<[string, number]>([
        ["SIGTERM", 143],
        ["SIGINT", 130],
    ])(
        "when the command gets %s while it compares",
        async (signal, code) => {
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-signal-"));
            try {
                const child = startCommand(repo, tmp, "plan", "--diff", "HEAD");
                // Interrupt once the worktree is registered: the comparison has started.
                for (let waited = 0; worktrees(repo) === 1; waited++) {
                    if (waited > 900) throw new Error("the worktree never appeared");
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
                child.kill(signal as NodeJS.Signals);
                const exit = await new Promise<number | null>((resolve) => child.on("exit", resolve));
                expect(exit).toBe(code);
                expect(worktrees(repo)).toBe(1);
                // Its worktree and its evaluations' result directories; others' caches (v8-compile-cache) may stay.
                expect(fs.readdirSync(tmp).filter((name) => name.startsWith("ai-feature-flags-"))).toEqual([]);
            } finally {
                fs.rmSync(tmp, { recursive: true, force: true });
            }
            // The command's start-up and its worktree take 2 s on a quiet machine and over jest's 5 s default under CI load.
        },
        60_000,
    );
});

describe("a temporary worktree of another commit", () => {
    let scratch: string;
    beforeEach(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-git-"));
    });
    afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));
    const refusal = (projectDir: string, ref: string) =>
        withWorktree(projectDir, ref, () => Promise.resolve("used")).catch((error: Error) => error.message);

    it("without git on PATH, says to install it", () => {
        // Only node on PATH: the command runs, git does not.
        const result = spawnSync(
            process.execPath,
            ["-r", require.resolve("ts-node/register/transpile-only"), "scripts/plan.ts", "--diff", "HEAD"],
            {
                cwd: repo,
                encoding: "utf8",
                env: { ...process.env, PATH: path.dirname(process.execPath), TS_NODE_PROJECT: path.join(repo, "tsconfig.json") },
            },
        );
        expect(result.stderr.trim()).toBe(
            "plan: git is not installed (or not on PATH), and --diff needs it to check out the ref: install git and run again.",
        );
        expect(result.status).toBe(2);
    });

    it("outside a git repository, says so", async () => {
        expect(await refusal(scratch, "HEAD")).toMatch(
            new RegExp(
                `^${scratch} is not in a git repository \\(.*\\), so there is no ref to compare with: run it in a clone of the repository\\.$`,
            ),
        );
    });

    it("for an unknown ref, says what to give instead", async () => {
        expect(await refusal(repo, "no-such-branch")).toMatch(
            /^'no-such-branch' is not a commit of the git repository holding .*: give a branch, tag or commit/,
        );
    });

    it("in a shallow clone, says how to fetch the history", async () => {
        const clone = path.join(scratch, "clone");
        git(scratch, "clone", "-q", "--depth", "1", `file://${repo}`, clone);
        expect(await refusal(clone, "HEAD~1")).toBe(
            "'HEAD~1' is not a commit of this clone, which is shallow (it holds only the newest commits): run git fetch --unshallow (in GitHub Actions, actions/checkout with fetch-depth: 0), then run again.",
        );
    });

    it("at a ref from before the project existed, names the ref and the file, and removes the worktree", async () => {
        git(scratch, "init", "-q");
        fs.writeFileSync(path.join(scratch, "README.md"), "before\n");
        commitAll(scratch, "before the project");
        fs.writeFileSync(path.join(scratch, "Pulumi.yaml"), "name: ai-feature-flags\n");
        commitAll(scratch, "the project");
        expect(await refusal(scratch, "HEAD~1")).toBe(
            "HEAD~1 has no Pulumi.yaml for this project: the project did not exist there yet. Give a later ref (git log --oneline -- Pulumi.yaml shows the ones that have it).",
        );
        expect(worktrees(scratch)).toBe(1);
    });

    it("at a ref whose package.json is broken, names the ref and the file", async () => {
        git(scratch, "init", "-q");
        for (const [file, text] of [
            ["Pulumi.yaml", "name: ai-feature-flags\n"],
            ["index.ts", ""],
            ["package.json", "{ broken"],
        ])
            fs.writeFileSync(path.join(scratch, file), text);
        commitAll(scratch, "broken package.json");
        expect(await refusal(scratch, "HEAD")).toMatch(
            /^package\.json at HEAD is not valid JSON \(.*\), so its program cannot be set up: give another ref, or fix package\.json there\.$/,
        );
        expect(worktrees(scratch)).toBe(1);
    });

    it("runs no hook of the repository (a failing post-checkout hook), and leaves nothing when its work fails", async () => {
        const hook = path.join(repo, ".git", "hooks", "post-checkout");
        fs.writeFileSync(hook, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
        try {
            let checkout = "";
            const outcome = await withWorktree(repo, "HEAD", (dir) => {
                checkout = dir;
                expect(fs.existsSync(path.join(dir, "flags.ts"))).toBe(true);
                return Promise.reject(new Error("the comparison failed"));
            }).catch((error: Error) => error.message);
            expect(outcome).toBe("the comparison failed");
            expect(fs.existsSync(checkout)).toBe(false);
            expect(worktrees(repo)).toBe(1);
        } finally {
            fs.rmSync(hook);
        }
    });
});
