// Every command-line mistake gets one paragraph that names the option, file or key and what to do,
// with a documented exit code, and harms nothing: the parser, the error path, stack names, project
// files and generate's output directory, each on its own (test/e2e/cli.test.ts runs the commands).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Command, describeFailure, optionsTakenByNpm, parseCommandLine, UsageError } from "../cli/command";
import { MANIFEST, outOfDate, outputDirectory, writeGenerated } from "../generate/outputDirectory";
import { EXIT, thrownText, UserFacingError } from "../lib/errors";
import { PLAN_OPTIONS, PLAN_USAGE, planOptions } from "../plan/run";
import { projectName, readYaml } from "../project/files";
import { readStackConfig, stackFile, stackOf } from "../project/stacks";
import { rolloutOptions } from "../rollouts/rollout";

const plan: Command<typeof PLAN_OPTIONS> = { name: "plan", usage: PLAN_USAGE, options: PLAN_OPTIONS };
const noNpm = {};
const usageOf = (work: () => unknown) => {
    try {
        work();
    } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
    }
    throw new Error("no usage error");
};

let scratch: string;
beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-cli-test-"));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the command line", () => {
    it("parses options with their defaults", () => {
        const parsed = parseCommandLine(plan, ["--diff", "HEAD", "--config", "a=1", "--config", "b=2"], noNpm);
        expect(parsed !== "help" && parsed.values).toEqual({ stack: "dev", diff: "HEAD", config: ["a=1", "b=2"] });
        expect(parseCommandLine(plan, ["-h"], noNpm)).toBe("help");
    });

    it.each<[string, string[], string]>([
        [
            "an unknown option, with the nearest one",
            ["--dif", "HEAD"],
            "plan: there is no option '--dif'; did you mean 'diff'? the options are --stack, --config, --diff, --format, --json.",
        ],
        ["an option given twice", ["--diff", "HEAD", "--diff", "main"], "plan: --diff is given 2 times (HEAD, main): give it once."],
        ["a stray argument", ["HEAD"], "plan: unexpected argument 'HEAD': this command takes only options."],
        ["an option without its value", ["--stack"], "plan: Option '--stack <value>' argument missing"],
    ])("refuses %s", (_label, argv, message) => {
        expect(usageOf(() => parseCommandLine(plan, argv, noNpm))).toBe(message);
    });

    describe("options npm took for itself (npm run plan --diff HEAD, without --)", () => {
        it.each<[string, NodeJS.ProcessEnv, string[], string]>([
            [
                "an option npm knows keeps its value there",
                { npm_lifecycle_event: "plan", npm_config_diff: "HEAD" },
                [],
                "Type: npm run plan -- --diff HEAD.",
            ],
            [
                "an option npm does not know leaves its value as an argument",
                { npm_lifecycle_event: "plan", npm_config_stack: "true" },
                ["prod"],
                "Type: npm run plan -- --stack prod.",
            ],
            [
                "npm expands --format to --format-package-lock",
                { npm_lifecycle_event: "plan", npm_config_format_package_lock: "true", npm_config_diff: "main" },
                ["markdown"],
                "Type: npm run plan -- --diff main --format markdown.",
            ],
        ])("%s", (_label, env, argv, fix) => {
            const message = usageOf(() => parseCommandLine(plan, argv, env));
            expect(message).toMatch(
                /^plan: npm took --\S+( and --\S+)?.* for itself, so the command never saw (it|them): npm passes options on only after --\./,
            );
            expect(message).toContain(fix);
        });

        it("are not looked for outside npm", () => {
            expect(optionsTakenByNpm(plan, { npm_config_diff: "HEAD" })).toEqual([]);
        });
    });

    describe("plan's options that conflict or go nowhere", () => {
        it.each<[string, object, string]>([
            [
                "--json with --format markdown",
                { stack: "dev", diff: "HEAD", json: true, format: "markdown" },
                "plan: --json and --format markdown ask for two different outputs: give one of them.",
            ],
            [
                "--format without --diff",
                { stack: "dev", format: "markdown" },
                "plan: --format goes with --diff: a plain plan has one format (add --diff <git ref>, or drop --format).",
            ],
            ["an unknown format", { stack: "dev", diff: "HEAD", format: "html" }, "plan: --format is text or markdown, not 'html'."],
            [
                "--config without =",
                { stack: "dev", config: ["sdkKeyType"] },
                "plan: --config takes <key>=<value>, such as --config sdkKeyType=Client; got 'sdkKeyType'.",
            ],
        ])("%s", (_label, given, message) => {
            expect(usageOf(() => planOptions(given as any))).toBe(message);
        });
    });
});

describe("rollout's options", () => {
    const clock = new Date("2026-12-03T09:00:00Z");
    const options = (values: object, env: NodeJS.ProcessEnv = {}) =>
        rolloutOptions({ stack: "dev", ...values }, env, clock, () => undefined);

    it("takes --now, else the clock, and Prometheus from --prometheus, else PROMETHEUS_URL, else 127.0.0.1:9090", () => {
        expect(options({})).toMatchObject({ now: clock, prometheus: "http://127.0.0.1:9090" });
        expect(options({ now: "2026-11-02T01:00:00Z" }, { PROMETHEUS_URL: "http://prom:9090" })).toMatchObject({
            now: new Date("2026-11-02T01:00:00Z"),
            prometheus: "http://prom:9090",
        });
        expect(options({ prometheus: "https://metrics.example.com/prometheus" }, { PROMETHEUS_URL: "http://prom:9090" }).prometheus).toBe(
            "https://metrics.example.com/prometheus",
        );
    });

    it.each<[string, object, NodeJS.ProcessEnv, string]>([
        [
            "a --now that is a day",
            { now: "2026-12-03" },
            {},
            "rollout: --now takes an ISO 8601 time, such as 2026-12-03T09:00:00Z; got '2026-12-03'.",
        ],
        ["a --now that is no time", { now: "2026-13-45T99:00:00Z" }, {}, "got '2026-13-45T99:00:00Z'"],
        [
            "a Prometheus without a scheme",
            { prometheus: "prom:9090" },
            {},
            "rollout: the Prometheus URL (--prometheus) must be http(s)://host:port",
        ],
        [
            "a PROMETHEUS_URL that is no URL",
            {},
            { PROMETHEUS_URL: "localhost" },
            "the Prometheus URL (PROMETHEUS_URL) must be http(s)://host:port",
        ],
        [
            "an --only without its environment",
            { only: "chat-model-ab" },
            {},
            "rollout: --only takes <experiment>/<environment>, such as chat-model-ab/prod",
        ],
    ])("refuses %s, saying what to type", (_label, values, env, message) => {
        expect(usageOf(() => options(values, env))).toContain(message);
    });
});

describe("stack names", () => {
    it.each([
        ["dev", "dev"],
        ["my-org/prod", "prod"],
        ["my-org/ai-feature-flags/staging.eu", "staging.eu"],
    ])("reads %s as the stack file of %s", (name, stack) => {
        expect(stackOf(name)).toBe(stack);
    });

    it.each(["../../../outside", "..", "a/b/c/d", "dev/", "/etc/passwd", "dev stack", "", "org/../dev"])(
        "refuses %p, which is not a Pulumi stack name",
        (name) => {
            expect(() => stackOf(name)).toThrow(
                /^--stack '.*' is not a Pulumi stack name\. Give <stack>, <org>\/<stack> or <org>\/<project>\/<stack>/,
            );
        },
    );

    it("refuses another project's stack", () => {
        expect(() => stackOf("acme/billing/dev")).toThrow(
            "--stack 'acme/billing/dev' names the project 'billing', but this is ai-feature-flags: give acme/ai-feature-flags/dev, or just dev.",
        );
    });

    it("lists the stacks there are for an unknown one, and says how to add it from the dev stack", () => {
        fs.writeFileSync(path.join(scratch, "Pulumi.dev.yaml"), "config: {}\n");
        fs.writeFileSync(path.join(scratch, "Pulumi.staging.yaml"), "config: {}\n");
        const thrown = (() => {
            try {
                stackFile("prod", scratch);
                return undefined;
            } catch (error) {
                return error as UserFacingError;
            }
        })();
        expect(thrown?.exitCode).toBe(EXIT.invalid);
        expect(thrown?.message).toBe(
            "There is no stack 'prod': Pulumi.prod.yaml does not exist. The stacks here: dev, staging. To add it: cp Pulumi.dev.yaml Pulumi.prod.yaml, set its orgId, projectId and environments (docs/configuration.md), and pulumi stack init prod when you deploy it.",
        );
    });
});

describe("project files", () => {
    it("name a YAML mistake by file, line and column, and never show the file's content", () => {
        fs.writeFileSync(
            path.join(scratch, "Pulumi.dev.yaml"),
            "config:\n  harness:apiKey:\n    secure: AAABAJ0xSECRETCIPHERTEXT\n  ai-feature-flags:orgId: [unclosed\n",
        );
        expect(() => readStackConfig("ai-feature-flags", "dev", {}, scratch)).toThrow(
            "Pulumi.dev.yaml:5:1: not valid YAML: unexpected end of the stream within a flow collection. Fix that line (the rest of the file is not shown here: it may hold secrets).",
        );
        expect(() => readYaml(path.join(scratch, "Pulumi.dev.yaml"), scratch)).toThrow(
            expect.objectContaining({ message: expect.not.stringContaining("AAABAJ0x") }),
        );
    });

    it("refuse a stack file that is not a map of config", () => {
        fs.writeFileSync(path.join(scratch, "Pulumi.dev.yaml"), "- just\n- a list\n");
        expect(() => readStackConfig("ai-feature-flags", "dev", {}, scratch)).toThrow(
            "Pulumi.dev.yaml is not a stack file: it should be a map with a config: map of keys, as pulumi config set writes it.",
        );
    });

    it("say in a sentence that Pulumi.yaml is missing", () => {
        expect(() => projectName(scratch)).toThrow(
            `There is no Pulumi.yaml in ${scratch}: it names the project and its stacks' config keys. Restore it (git checkout -- Pulumi.yaml), or run the command in a checkout of this project.`,
        );
    });
});

describe("generate's output directory", () => {
    const files = new Map([
        ["dev.flagd.json", "{}\n"],
        ["flags.ts", "// constants\n"],
    ]);
    const project = () => {
        for (const name of ["docs", "generated"]) fs.mkdirSync(path.join(scratch, name));
        fs.writeFileSync(path.join(scratch, "docs", "catalog.md"), "# the catalog\n");
        fs.writeFileSync(path.join(scratch, "flags.ts"), "export const catalog = {};\n");
        return scratch;
    };
    const refusal = (out: string) => {
        try {
            outputDirectory(out, files.keys(), project());
        } catch (error) {
            return (error as Error).message;
        }
        return "accepted";
    };

    it.each<[string, string, RegExp]>([
        [
            "a directory that holds other files",
            "docs",
            /^--out docs holds files npm run generate did not write \(catalog\.md\), and npm run generate replaces what is in its directory: choose a directory of its own/,
        ],
        [
            "the project's root",
            ".",
            /^--out \. is the project's root: npm run generate writes only into a directory of its own inside the project/,
        ],
        ["a path outside the project", "../elsewhere", /^--out \.\.\/elsewhere is outside the project/],
        ["an absolute path outside the project", "/tmp", /^--out \/tmp is outside the project/],
        ["a file", "flags.ts", /^--out flags\.ts is a file, not a directory/],
        ["node_modules", "node_modules/x", /^--out node_modules\/x is inside node_modules/],
    ])("refuses %s, and deletes nothing", (_label, out, message) => {
        expect(refusal(out)).toMatch(message);
        expect(fs.readFileSync(path.join(scratch, "docs", "catalog.md"), "utf8")).toBe("# the catalog\n");
        expect(fs.readFileSync(path.join(scratch, "flags.ts"), "utf8")).toBe("export const catalog = {};\n");
    });

    it("writes into a new directory, with a manifest of what it wrote", () => {
        const directory = outputDirectory("generated/dev", files.keys(), project());
        writeGenerated(directory, files, "npm run generate -- --stack dev");
        expect(fs.readdirSync(directory).sort()).toEqual([MANIFEST, "dev.flagd.json", "flags.ts"]);
        expect(JSON.parse(fs.readFileSync(path.join(directory, MANIFEST), "utf8"))).toEqual({
            generatedBy: "npm run generate -- --stack dev",
            files: ["dev.flagd.json", "flags.ts"],
        });
        expect(outOfDate(directory, files)).toEqual([]);
    });

    it("replaces what it wrote before and removes only the files its manifest lists", () => {
        const directory = outputDirectory("generated/dev", files.keys(), project());
        writeGenerated(directory, new Map([...files, ["prod.flagd.json", "{}\n"]]), "first");
        expect(outOfDate(directory, files)).toEqual([
            "prod.flagd.json is no longer generated",
            `${MANIFEST} is missing or lists other files`,
        ]);
        writeGenerated(outputDirectory("generated/dev", files.keys(), scratch), files, "second");
        expect(fs.readdirSync(directory).sort()).toEqual([MANIFEST, "dev.flagd.json", "flags.ts"]);
    });

    it("refuses a directory where someone added a file of their own since", () => {
        const directory = outputDirectory("generated/dev", files.keys(), project());
        writeGenerated(directory, files, "first");
        fs.writeFileSync(path.join(directory, "notes.md"), "mine\n");
        expect(() => outputDirectory("generated/dev", files.keys(), scratch)).toThrow(
            /holds files npm run generate did not write \(notes\.md\)/,
        );
    });

    it("says to delete a directory an older generate wrote before it kept a manifest", () => {
        const directory = path.join(project(), "generated", "dev");
        fs.mkdirSync(directory);
        fs.writeFileSync(path.join(directory, "flags.ts"), "// generated before manifests\n");
        expect(() => outputDirectory("generated/dev", files.keys(), scratch)).toThrow(
            /\(If an older npm run generate wrote them, before it kept a manifest: delete the directory and run again\.\)$/,
        );
    });

    it("names what is out of date for --check", () => {
        const directory = outputDirectory("generated/dev", files.keys(), project());
        writeGenerated(directory, files, "first");
        fs.writeFileSync(path.join(directory, "flags.ts"), "// edited by hand\n");
        expect(outOfDate(directory, files)).toEqual(["flags.ts differs or is missing"]);
    });
});

describe("what a failure prints", () => {
    const fsError = (code: string, syscall: string, file: string) =>
        Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file });

    it.each<[string, Error, string]>([
        [
            "EEXIST",
            fsError("EEXIST", "mkdir", "/srv/out"),
            "generate: cannot create the directory /srv/out: something is already there: move it away, or choose another path (EEXIST).",
        ],
        [
            "ENOTDIR",
            fsError("ENOTDIR", "open", "/srv/out/x/flags.ts"),
            "generate: cannot open /srv/out/x/flags.ts: a part of that path is a file, not a directory: choose another path (ENOTDIR).",
        ],
        [
            "EPERM",
            fsError("EPERM", "unlink", "/srv/out/old.json"),
            "generate: cannot delete /srv/out/old.json: the operation is not permitted: check who owns it and its mode, or choose another path (EPERM).",
        ],
        [
            "ENOSPC",
            fsError("ENOSPC", "write", "/srv/out/dev.flagd.json"),
            "generate: cannot write /srv/out/dev.flagd.json: the disk is full: free some space and run the command again (ENOSPC).",
        ],
    ])("a file-system error (%s): one line with the path and what to do, exit 2", (_code, error, message) => {
        expect(describeFailure("generate", error)).toEqual({ message, exitCode: EXIT.cannotRun });
    });

    it.each<[string, unknown, string]>([
        ["an object", { reason: "quota", retry: false }, '{"reason":"quota","retry":false}'],
        ["a string", "boom", "boom"],
        ["a number", 42, "42"],
        ["undefined", undefined, "undefined"],
    ])("a thrown %s, as its text or JSON, never [object Object]", (_label, thrown, text) => {
        expect(thrownText(thrown)).toBe(text);
        expect(describeFailure("plan", thrown)).toEqual({ message: `plan: failed: ${text}`, exitCode: EXIT.cannotRun });
    });

    it("a problem the user can fix, as it is, with its own exit code", () => {
        expect(describeFailure("plan", new UserFacingError("There is no stack 'prod'.", EXIT.invalid))).toEqual({
            message: "plan: There is no stack 'prod'.",
            exitCode: EXIT.invalid,
        });
    });
});
