// A small valid catalog and stack for tests to change one field at a time.
import type { Catalog, ExperimentSpec, FlagSpec } from "../catalog/types";
import type { Settings } from "../config";

export const stack: Settings = {
    orgId: "default",
    projectId: "ai_platform",
    accountId: "acct",
    environments: [
        { id: "dev", sdkKeys: ["Server", "Client"], keyGenerations: [{ generation: 1 }] },
        { id: "prod", sdkKeys: ["Server"], keyGenerations: [{ generation: 1 }] },
    ],
    fme: { trafficTypes: { user: "tt_user" }, environments: { dev: "fme_dev", prod: "fme_prod" } },
    protect: false,
};

export const today = new Date("2026-11-29T12:00:00Z");

export function modelFlag(): FlagSpec {
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
            prod: { state: "off", targetGroups: { candidate: ["testers"] } },
        },
    };
}

export function killSwitch(): FlagSpec {
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

export function modelExperiment(): ExperimentSpec {
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

export function catalog(): Catalog {
    return {
        targetGroups: [
            { identifier: "testers", name: "Testers", included: ["user_1", "user_2", "user_3"], excluded: ["user_3"] },
            { identifier: "enterprise", name: "Enterprise", environments: ["prod"], rules: [{ attribute: "plan", op: "in", values: ["enterprise"] }] },
        ],
        flags: [modelFlag(), killSwitch()],
        experiments: [modelExperiment()],
    };
}
