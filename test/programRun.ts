// Runs the program as `pulumi up` would, under the mock runtime, on a catalog and a stack file of
// the test's own: never on the user's flags.ts, Pulumi.<stack>.yaml or rollouts/<stack>.json, which
// change in every pull request. A test file that runs the program stands this module in for both:
//     jest.mock("../flags", () => jest.requireActual("./programRun").flagsModule);
//     jest.mock("../rollouts/stateFile", () => jest.requireActual("./programRun").stateFileModule);
import * as path from "path";
import type { Catalog, CatalogInput } from "../catalog/types";
import { RolloutState, withRolloutState } from "../rollouts/state";
import type { StagedCatalog } from "../rollouts/stateFile";
import { PROJECT } from "../config";
import { sample } from "./catalogFixtures";
import { MockOptions, ProgramRun, Registration, runProgram, startMockRuntime } from "../plan/mockRuntime";
import { readStackConfig, StackConfig } from "../project/stacks";

/** The sample catalog's directory, with the dev stack file it is deployed with. */
export const SAMPLE_DIR = path.join(__dirname, "fixtures", "sample");

let current: CatalogInput = sample;

/** What index.ts imports as ./flags while a test runs the program. */
export const flagsModule = {
    get catalog(): CatalogInput {
        return current;
    },
};

let rollouts: RolloutState = {};

/** What the program reads as rollouts/<stack>.json while a test runs it: the test's rollout state (none unless given). */
export const stateFileModule = {
    ...jest.requireActual<typeof import("../rollouts/stateFile")>("../rollouts/stateFile"),
    atRolloutStages: (catalog: Catalog, stack: string): StagedCatalog => {
        const where = `rollouts/${stack}.json`;
        return { ...withRolloutState(catalog, rollouts, where), state: rollouts, where };
    },
};

/** Makes `catalog` what the program imports as ./flags, for runStack. */
export const setCatalog = (catalog: CatalogInput) => void (current = catalog);

/** The sample's stack config for `stack`, with `overrides` applied as `pulumi config set` would. */
export const sampleStackConfig = (overrides: Record<string, unknown> = {}, stack = "dev"): StackConfig =>
    readStackConfig(PROJECT, stack, overrides, SAMPLE_DIR);

export interface RunOptions extends MockOptions {
    /** The rollout state the program reads (default: none, every ramp at its first stage). */
    rollouts?: RolloutState;
    /** Config values over the sample's Pulumi.dev.yaml (`undefined` removes a key). */
    overrides?: Record<string, unknown>;
}

/** What a run declared and returned, or how it failed. */
export interface Outcome {
    registrations: Registration[];
    /** What the program logged as warnings (under mocks, Pulumi's log writes them to console.warn). */
    warnings: string[];
    run?: ProgramRun;
    failure?: unknown;
}

/** Runs index.ts on `catalog` (default: the sample) with the sample's dev stack config. */
export function runCatalog(catalog: CatalogInput = sample, options: RunOptions = {}): Promise<Outcome> {
    current = catalog;
    rollouts = options.rollouts ?? {};
    return runStack("dev", sampleStackConfig(options.overrides), { lastDeployment: options.lastDeployment });
}

/** Runs index.ts, with whatever flags.ts it imports, as stack `stack` with `stackConfig`. */
export async function runStack(stack: string, stackConfig: StackConfig, mockOptions: MockOptions = {}): Promise<Outcome> {
    const registrations = await startMockRuntime(PROJECT, stack, stackConfig, mockOptions);
    const warnings: string[] = [];
    const warn = jest.spyOn(console, "warn").mockImplementation((message: unknown) => void warnings.push(String(message)));
    try {
        return await withoutStackTraces(() =>
            runProgram(require.resolve("../index"), registrations).then(
                (run) => ({ registrations, warnings, run }),
                (failure) => ({ registrations, warnings, failure }),
            ),
        );
    } finally {
        warn.mockRestore();
    }
}

/**
 * Runs `work` with cheap stack traces. Pulumi records one on every promise it makes (for its leak
 * report) and a full one for every resource (its source position); under jest each is source-
 * mapped, which makes a program run several times slower. The program's errors are asserted by
 * message, and source positions mean nothing under mocks.
 */
export async function withoutStackTraces<T>(work: () => Promise<T>): Promise<T> {
    const errors = Error as { stackTraceLimit: number; prepareStackTrace?: unknown };
    const { stackTraceLimit, prepareStackTrace } = errors;
    errors.stackTraceLimit = 0;
    errors.prepareStackTrace = undefined; // V8's own formatting: no source maps
    try {
        return await work();
    } finally {
        errors.stackTraceLimit = stackTraceLimit;
        errors.prepareStackTrace = prepareStackTrace;
    }
}

/** `runCatalog` for a run that must succeed: fails the test with the program's message otherwise. */
export async function declared(catalog?: CatalogInput, options?: RunOptions): Promise<ProgramRun & { warnings: string[] }> {
    const outcome = await runCatalog(catalog, options);
    if (!outcome.run) throw new Error(`the program failed: ${(outcome.failure as Error)?.message ?? String(outcome.failure)}`);
    return { ...outcome.run, warnings: outcome.warnings };
}
