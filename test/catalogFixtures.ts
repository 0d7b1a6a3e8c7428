// A small valid catalog and stack for tests to change one field at a time, and the helpers that
// check a catalog as the program does: its shape against the schema, then the rules across entries.
import type { CatalogInput, Catalog } from "../catalog/types";
import { catalog as sample } from "./fixtures/sample/flags";
import { checkCatalog, parseCatalog } from "../catalog/validate";
import type { Settings } from "../config";
import { formatProblems, Problem } from "../lib/problems";

/**
 * A realistic catalog, frozen as the project's sample once was (test/fixtures/sample, with the dev
 * stack file it is deployed with), for tests that assert a whole stack. Never the user's flags.ts.
 */
export { sample };

/** A fresh copy of the sample catalog, for a test to change. */
export const sampleCatalog = (): CatalogInput => JSON.parse(JSON.stringify(sample));

type Input<K extends keyof CatalogInput> = NonNullable<CatalogInput[K]>[number];

export const stack: Settings = {
    orgId: "default",
    projectId: "ai_platform",
    accountId: "acct",
    environments: [
        { id: "dev", type: "PreProduction", typeFrom: "config", sdkKeys: ["Server", "Client"], keyGenerations: [{ generation: 1 }] },
        { id: "prod", type: "Production", typeFrom: "config", sdkKeys: ["Server"], keyGenerations: [{ generation: 1 }] },
    ],
    fme: { trafficTypes: { user: "tt_user" }, environments: { dev: "fme_dev", prod: "fme_prod" }, sdkKeys: ["serverSide"] },
};

export const today = new Date("2026-11-29T12:00:00Z");

export function modelFlag(): Input<"flags"> {
    return {
        identifier: "chat_model",
        name: "Chat model",
        description: "Which model answers.",
        owner: "ml-platform@example.com",
        tags: ["llm"],
        kind: "json",
        permanent: true,
        variations: [
            { identifier: "baseline", name: "Baseline", description: "Current.", value: { model: "gpt-4o-mini", temperature: 0.2 } },
            { identifier: "candidate", name: "Candidate", description: "New.", value: { model: "claude-sonnet", temperature: 0.3 } },
        ],
        defaultOn: "baseline",
        defaultOff: "baseline",
        environments: {
            dev: { state: "on", defaultOn: "candidate", targets: { candidate: ["user_1"] } },
            prod: { state: "on", targetGroups: { candidate: ["testers"] } },
        },
    };
}

export function killSwitch(): Input<"flags"> {
    return {
        identifier: "assistant_enabled",
        name: "Assistant",
        description: "Kill switch.",
        owner: "ai-safety",
        kind: "boolean",
        expiresOn: "2027-06-30",
        variations: [
            { identifier: "on", name: "On", description: "", value: true },
            { identifier: "off", name: "Off", description: "", value: false },
        ],
        defaultOn: "on",
        defaultOff: "off",
    };
}

export function modelExperiment(): Input<"experiments"> {
    return {
        name: "chat-model-ab",
        description: "Candidate model against the baseline.",
        owner: "ml-platform@example.com",
        tags: ["llm"],
        trafficType: "user",
        treatments: [
            { name: "baseline", description: "Current model.", configuration: { temperature: 0.2, model: "gpt-4o-mini" } },
            { name: "candidate", description: "New model.", configuration: { model: "claude-sonnet", temperature: 0.3 } },
        ],
        baseline: "baseline",
        defaultTreatment: "baseline",
        environments: {
            dev: { split: { candidate: 50 } },
            prod: {
                trafficAllocation: 80,
                split: { candidate: 10 },
                rules: [{ when: [{ inSegment: "internal_testers" }], split: { candidate: 100 } }],
            },
        },
    };
}

export function catalog(): CatalogInput {
    return {
        targets: ["user_1", "user_2", "user_3"].map((identifier) => ({ identifier, name: identifier.replace("_", " ") })),
        targetGroups: [
            { identifier: "testers", name: "Testers", included: ["user_1", "user_2", "user_3"], excluded: ["user_3"] },
            {
                identifier: "enterprise",
                name: "Enterprise",
                environments: ["prod"],
                rules: [{ attribute: "plan", op: "in", values: ["enterprise"] }],
            },
        ],
        segments: [{ name: "internal_testers", trafficType: "user", from: "testers" }],
        flags: [modelFlag(), killSwitch()],
        experiments: [modelExperiment()],
    };
}

/** Every problem the program would report for `input`: shape first, then the rules across entries. */
export function catalogProblems(input: unknown, settings: Settings = stack, on = today): Problem[] {
    return checkCatalog(input, settings, on).problems;
}

/** The parsed catalog of a valid input; a test that expects one fails on the problems, named. */
export function parsed(input: unknown): Catalog {
    const result = parseCatalog(input);
    if (result.problems.length) throw new Error(formatProblems("unexpected", result.problems));
    return result.catalog;
}
