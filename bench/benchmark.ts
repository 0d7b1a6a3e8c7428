// The benchmark behind `npm run bench`: the real program on generated catalogs (100 and 1000 flags
// × 5 environments) under Pulumi's mock runtime, each run followed by a bare registration of the
// same resources with exactly the inputs the program registered (each through its SDK class), each
// run in its own process with the node arguments `pulumi up` uses. The difference is what our
// validation, compilation and components cost. Then `npm run plan` against `npm run plan -- --diff
// HEAD` on the 1000-flag catalog with one split changed, as a user runs them (whole processes, in a
// temporary git repository). Prints the fastest of several runs (times, resources per second, peak
// RSS) and their ratios, with the range of each pair's ratio. It asserts nothing.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as harness from "@pulumi/harness";
import * as pulumi from "@pulumi/pulumi";
import type { CatalogInput } from "../catalog/types";
import { PROJECT } from "../config";
import { type Registration, runInStack, runProgram, startMockRuntime } from "../plan/mockRuntime";
import { PROJECT_DIR, readYaml } from "../project/files";
import { commitAll, repositoryCopy } from "../plan/worktree";

const SIZES = [100, 1000];
const ENVIRONMENTS = ["dev", "qa", "staging", "canary", "prod"];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Measurement {
    resources: number;
    ms: number;
    peakRssMb: number;
}

type FlagInput = CatalogInput["flags"][number];
const TARGETS = 50;

/** A catalog of `size` flags of every kind, each set in every environment, with targeting where on. */
function generatedCatalog(size: number): CatalogInput {
    const kinds: FlagInput["kind"][] = ["boolean", "string", "int", "json"];
    const flags = Array.from({ length: size }, (_, i): FlagInput => {
        const kind = kinds[i % kinds.length];
        const values: Record<FlagInput["kind"], [unknown, unknown]> = {
            boolean: [true, false],
            string: [`prompt-v${i}`, `prompt-v${i + 1}`],
            int: [512, 1024 + i],
            json: [
                { model: "baseline", temperature: 0.2, maxTokens: 1024 },
                { model: `candidate_${i}`, temperature: 0.3, maxTokens: 2048 },
            ],
        };
        const variations = values[kind].map((value, v) => ({
            identifier: `v${v}`,
            name: `Variation ${v}`,
            description: "generated",
            value,
        }));
        return {
            identifier: `flag_${i}`,
            name: `Flag ${i}`,
            description: "Generated for the benchmark.",
            owner: `team_${i % 17}`,
            tags: ["bench"],
            kind,
            permanent: i % 2 === 0,
            expiresOn: i % 2 === 0 ? undefined : "2099-12-31",
            targeting: i % 10 === 0 ? "harness" : "code",
            variations,
            defaultOn: "v1",
            defaultOff: "v0",
            environments: Object.fromEntries(
                ENVIRONMENTS.map((env, e) => [
                    env,
                    (i + e) % 3
                        ? { state: "on", targets: { v1: [`user_${(i + e) % TARGETS}`] }, targetGroups: { v0: ["testers"] } }
                        : { state: "off" },
                ]),
            ),
        } as FlagInput;
    });
    const targets = [...Array.from({ length: TARGETS }, (_, t) => `user_${t}`), "user_a", "user_b"].map((identifier) => ({
        identifier,
        name: identifier,
    }));
    const experiment = {
        name: "model-ab",
        description: "Generated for the benchmark.",
        owner: "team_0",
        trafficType: "user",
        treatments: [
            { name: "baseline", description: "", configuration: { model: "baseline" } },
            { name: "candidate", description: "", configuration: { model: "candidate" } },
        ],
        baseline: "baseline",
        defaultTreatment: "baseline",
        environments: Object.fromEntries(ENVIRONMENTS.map((env) => [env, { split: { candidate: 10 } }])),
    };
    return {
        targets,
        flags,
        targetGroups: [{ identifier: "testers", name: "Testers", included: ["user_a", "user_b"] }],
        experiments: [experiment],
    };
}

const stackConfig = {
    config: {
        [`${PROJECT}:orgId`]: "default",
        [`${PROJECT}:projectId`]: "bench",
        [`${PROJECT}:environments`]: JSON.stringify(
            ENVIRONMENTS.map((id) => ({ id, type: id === "prod" ? "Production" : "PreProduction", sdkKeys: ["Server", "Client"] })),
        ),
        [`${PROJECT}:fme`]: JSON.stringify({
            trafficTypes: { user: "tt_user" },
            environments: Object.fromEntries(ENVIRONMENTS.map((id) => [id, `fme_${id}`])),
        }),
        "harness:accountId": "bench_account",
    },
    secretKeys: [],
};

/** One measured run in this process: the real program with the catalog swapped for a generated one. */
async function measureOurs(size: number): Promise<Registration[]> {
    const registrations = await startMockRuntime(PROJECT, "bench", stackConfig);
    const flagsModule = require.resolve(path.join(PROJECT_DIR, "flags"));
    require.cache[flagsModule] = {
        id: flagsModule,
        filename: flagsModule,
        loaded: true,
        exports: { catalog: generatedCatalog(size) },
    } as NodeModule;
    await runProgram(path.join(PROJECT_DIR, "index.ts"), registrations);
    return registrations;
}

class Bare extends pulumi.CustomResource {
    constructor(name: string, inputs: pulumi.Inputs) {
        super("bench:index:Bare", name, inputs);
    }
}

type ResourceClass = new (name: string, inputs: pulumi.Inputs) => pulumi.CustomResource;

/** The Harness SDK's resource classes by type token. */
function harnessClasses(): Map<string, ResourceClass> {
    const classes = new Map<string, ResourceClass>();
    for (const module of [harness.platform, harness.fmefeatureflag, harness.fmesegment, harness.fmeenvironment, harness.fme]) {
        for (const value of Object.values(module) as unknown[]) {
            const token = (value as { __pulumiType?: unknown }).__pulumiType;
            if (typeof token === "string") classes.set(token, value as ResourceClass);
        }
    }
    return classes;
}

/**
 * The floor: the same registrations with the same inputs, in the same harness (root stack, option
 * recording), and nothing else: each Harness resource through its SDK class (which registers the
 * provider's declared outputs too, as any program declaring it must), each component as a plain
 * CustomResource.
 */
async function measureBare(recorded: { type: string; name: string; inputs: pulumi.Inputs }[]): Promise<Registration[]> {
    const registrations = await startMockRuntime(PROJECT, "bench", stackConfig);
    const classes = harnessClasses();
    await runInStack(() => {
        for (const { type, name, inputs } of recorded) new (classes.get(type) ?? Bare)(name, inputs);
        return {};
    }, registrations);
    return registrations;
}

/**
 * One measurement in this process, printed as JSON for the parent: the program (`ours`), which
 * records what it registered in `recordFile` for the floor (`bare`) to replay. Reading and writing
 * that file is the benchmark's own work, outside the time measured.
 */
export async function measureChild(variant: string, size: number, recordFile: string) {
    const recorded =
        variant === "ours"
            ? []
            : (JSON.parse(fs.readFileSync(recordFile, "utf8")) as { type: string; name: string; inputs: pulumi.Inputs }[]);
    const start = process.hrtime.bigint();
    const registrations = variant === "ours" ? await measureOurs(size) : await measureBare(recorded);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const measurement: Measurement = { resources: registrations.length, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    if (variant === "ours")
        fs.writeFileSync(recordFile, JSON.stringify(registrations.map(({ type, name, inputs }) => ({ type, name, inputs }))));
    process.stdout.write(JSON.stringify(measurement));
}

/**
 * The node arguments `pulumi up` runs the program with (Pulumi.yaml's runtime.options.nodeargs), or
 * BENCH_NODEARGS: both variants run with them, so the floor is Pulumi's in the same runtime.
 */
function nodeArgs(): string[] {
    const project = readYaml(path.join(PROJECT_DIR, "Pulumi.yaml")) as { runtime?: { options?: { nodeargs?: string } } };
    return (process.env.BENCH_NODEARGS ?? project.runtime?.options?.nodeargs ?? "").split(/\s+/).filter(Boolean);
}

function spawnRun(entry: string, variant: string, size: number, recordFile: string): Measurement {
    const output = execFileSync(
        process.execPath,
        [...nodeArgs(), "-r", "ts-node/register/transpile-only", entry, "--child", variant, String(size), recordFile],
        {
            cwd: PROJECT_DIR,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "inherit"],
        },
    );
    return JSON.parse(output) as Measurement;
}

/**
 * The fastest of `runs`: the work is the same every run, and whatever else the machine does only
 * ever adds time (on the 2-core development machine, up to 25% to a run).
 */
function fastest(runs: Measurement[]): Measurement {
    return runs.reduce((best, run) => (run.ms < best.ms ? run : best));
}

/** Wall-clock milliseconds of `npm run plan` with `args`, run as a user runs it, in `repository`. */
function timePlan(repository: string, args: string[]): number {
    const start = process.hrtime.bigint();
    const result = spawnSync(
        process.execPath,
        ["-r", require.resolve("ts-node/register/transpile-only"), "scripts/plan.ts", "--stack", "bench", ...args],
        {
            cwd: repository,
            encoding: "utf8",
            stdio: ["ignore", "ignore", "pipe"],
            env: { ...process.env, TS_NODE_PROJECT: path.join(repository, "tsconfig.json") },
        },
    );
    if (result.status !== 0 && result.status !== 3) throw new Error(`plan ${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The plain plan against the diff of the same catalog with one split ramped, in a repository of their own. */
function measureDiff(size: number): { plan: number; diff: number } {
    const repository = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-bench-repo-"));
    repositoryCopy(PROJECT_DIR, repository, "the project");
    const catalog = JSON.stringify(generatedCatalog(size), null, 1);
    fs.writeFileSync(
        path.join(repository, "flags.ts"),
        `import type { CatalogInput } from "./catalog/types";\nexport const catalog: CatalogInput = ${catalog};\n`,
    );
    const config = Object.fromEntries(
        Object.entries(stackConfig.config).map(([key, value]) => [
            key,
            value.startsWith("[") || value.startsWith("{") ? JSON.parse(value) : value,
        ]),
    );
    fs.writeFileSync(path.join(repository, "Pulumi.bench.yaml"), JSON.stringify({ config }, null, 1));
    commitAll(repository, "a catalog of generated flags");
    const flags = path.join(repository, "flags.ts");
    fs.writeFileSync(flags, fs.readFileSync(flags, "utf8").replace('"candidate": 10', '"candidate": 50'));
    const plan = fastest(Array.from({ length: RUNS }, () => ({ ms: timePlan(repository, []), resources: 0, peakRssMb: 0 }))).ms;
    const diff = fastest(
        Array.from({ length: RUNS }, () => ({ ms: timePlan(repository, ["--diff", "HEAD"]), resources: 0, peakRssMb: 0 })),
    ).ms;
    fs.rmSync(repository, { recursive: true, force: true });
    return { plan, diff };
}

/** The whole benchmark, each measurement a run of `entry --child …` in a process of its own; prints its table. */
export function benchmark(entry: string): void {
    console.log(
        `ai-feature-flags benchmark: mock runtime, ${ENVIRONMENTS.length} environments with 2 SDK keys each, fastest of ${RUNS} runs, node ${process.version} ${nodeArgs().join(" ")}`.trimEnd(),
    );
    const row = (cells: (string | number)[]) => console.log(cells.map((c, i) => String(c).padStart(i ? 12 : 14)).join(""));
    row(["catalog", "variant", "resources", "time ms", "res/s", "peak RSS MB"]);
    const recordDir = fs.mkdtempSync(path.join(os.tmpdir(), "ai-feature-flags-bench-"));
    for (const size of SIZES) {
        const recordFile = path.join(recordDir, `${size}.json`);
        // Each run of the program is followed by one of the floor, so a slow spell of the machine
        // shows in the range of the pairs' ratios, printed beside the ratio of the fastest runs.
        const pairs = Array.from({ length: RUNS }, () => {
            const ours = spawnRun(entry, "ours", size, recordFile);
            return { ours, bare: spawnRun(entry, "bare", size, recordFile) };
        });
        const ratios = pairs.map((pair) => pair.ours.ms / pair.bare.ms);
        const [ours, bare] = [fastest(pairs.map((pair) => pair.ours)), fastest(pairs.map((pair) => pair.bare))];
        for (const [variant, m] of [
            ["ours", ours],
            ["bare", bare],
        ] as const) {
            row([
                `${size} x ${ENVIRONMENTS.length}`,
                variant,
                m.resources,
                m.ms.toFixed(0),
                Math.round((m.resources / m.ms) * 1000),
                m.peakRssMb.toFixed(0),
            ]);
        }
        row([
            `${size} x ${ENVIRONMENTS.length}`,
            "ours/bare",
            "",
            (ours.ms / bare.ms).toFixed(2),
            `(${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
            (ours.peakRssMb / bare.peakRssMb).toFixed(2),
        ]);
    }
    fs.rmSync(recordDir, { recursive: true, force: true });
    console.log("ours/bare: the fastest runs' ratio; in parentheses, the range of each run's ratio to the floor run after it.");

    const size = SIZES[SIZES.length - 1];
    const { plan, diff } = measureDiff(size);
    console.log(
        `\nnpm run plan vs npm run plan -- --diff HEAD, ${size} x ${ENVIRONMENTS.length} catalog with one split changed (whole processes):`,
    );
    row(["command", "", "", "time ms", "", ""]);
    row(["plan", "", "", plan.toFixed(0), "", ""]);
    row(["plan --diff", "", "", diff.toFixed(0), "", ""]);
    row(["diff/plan", "", "", (diff / plan).toFixed(2), "", ""]);
}
