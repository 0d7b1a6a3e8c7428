import { changedEntries, staleFindings } from "../catalog/hygiene";
import type { CatalogInput } from "../catalog/types";
import { catalog, parsed, sampleCatalog } from "./catalogFixtures";

const today = new Date("2026-11-29T12:00:00Z");
type Change = (c: CatalogInput) => void;
/** Hygiene runs on the parsed catalog; each case changes one field of it. */
const findingsAfter = (change: Change, on = today) => {
    const changed = parsed(catalog());
    change(changed as unknown as CatalogInput);
    return staleFindings(changed, on);
};

describe("staleFindings", () => {
    it("finds nothing in a fresh catalog, nor in the sample catalog", () => {
        expect(findingsAfter(() => undefined)).toEqual([]);
        expect(staleFindings(parsed(sampleCatalog()), today)).toEqual([]);
    });

    it.each<[string, Change, object]>([
        [
            "a temporary flag past expiresOn, with its owner and age",
            (c: any) => (c.flags[1].expiresOn = "2026-10-30"),
            {
                kind: "expired flag",
                subject: "flag 'assistant_enabled'",
                owner: "ai-safety",
                age: "expired 2026-10-30, 30 days ago",
                failing: true,
            },
        ],
        [
            "an experiment left at 100% for 30 days",
            (c) => Object.assign(c.experiments![0].environments.prod, { split: { candidate: 100 }, since: "2026-10-30" }),
            {
                kind: "settled experiment",
                subject: "experiment 'chat-model-ab' in prod",
                owner: "ml-platform@example.com",
                age: "100% 'candidate' since 2026-10-30, 30 days",
                failing: true,
            },
        ],
        [
            "an experiment at 100% with no since, as a note",
            (c) => (c.experiments![0].environments.dev.split = { baseline: 100 }),
            { kind: "untracked 100%", subject: "experiment 'chat-model-ab' in dev", age: "unknown", failing: false },
        ],
    ])("reports %s", (_label, change, expected) => {
        expect(findingsAfter(change)).toEqual([expect.objectContaining(expected)]);
    });

    it.each<[string, Change]>([
        ["a flag that expires today", (c: any) => (c.flags[1].expiresOn = "2026-11-29")],
        ["a permanent flag", (c) => (c.flags[0].expiresOn = "2020-01-01")],
        ["an archived flag past expiresOn", (c) => Object.assign(c.flags[1], { expiresOn: "2026-01-01", archived: true })],
        [
            "an experiment at 100% for 29 days",
            (c) => Object.assign(c.experiments![0].environments.prod, { split: { candidate: 100 }, since: "2026-10-31" }),
        ],
        ["an experiment still splitting traffic", (c) => (c.experiments![0].environments.prod.since = "2020-01-01")],
        [
            "an experiment at 100% with no traffic allocated",
            (c) =>
                Object.assign(c.experiments![0].environments.prod, {
                    split: { candidate: 100 },
                    since: "2020-01-01",
                    trafficAllocation: 0,
                }),
        ],
    ])("does not report %s", (_label, change) => {
        expect(findingsAfter(change)).toEqual([]);
    });
});

describe("changedEntries: what a pull request touches, so --strict --since fails only for that", () => {
    it.each<[string, Change, string[]]>([
        ["nothing", () => undefined, []],
        ["a flag's prod state", (c: any) => (c.flags[0].environments.prod.state = "off"), ["flag 'chat_model'"]],
        ["a new flag", (c: any) => c.flags.push({ ...c.flags[1], identifier: "new_flag" }), ["flag 'new_flag'"]],
        [
            "an experiment's split",
            (c: any) => (c.experiments[0].environments.dev.split = { candidate: 20 }),
            ["experiment 'chat-model-ab'"],
        ],
        ["a target group only", (c: any) => c.targetGroups[0].included.push("user_9"), []],
    ])("%s", (_label, change, expected) => {
        const before = parsed(catalog());
        const after = parsed(catalog());
        change(after as unknown as CatalogInput);
        expect([...changedEntries(before, after)]).toEqual(expected);
    });
});
