// A small valid catalog and stack for tests to change one field at a time.
import type { Catalog, FlagSpec } from "../catalog/types";
import type { Settings } from "../config";

export const stack: Settings = {
    orgId: "default",
    projectId: "ai_platform",
    accountId: "acct",
    environments: [
        { id: "dev", sdkKeys: ["Server", "Client"] },
        { id: "prod", sdkKeys: ["Server"] },
    ],
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

export function catalog(): Catalog {
    return {
        targetGroups: [
            { identifier: "testers", name: "Testers", included: ["user_1", "user_2", "user_3"], excluded: ["user_3"] },
            { identifier: "enterprise", name: "Enterprise", environments: ["prod"], rules: [{ attribute: "plan", op: "in", values: ["enterprise"] }] },
        ],
        flags: [modelFlag(), killSwitch()],
    };
}
