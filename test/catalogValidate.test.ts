// The catalog's rules, one change at a time from a valid catalog: each problem names the entry and
// field, says what was found and what is allowed, and gives a fix.
import type { CatalogInput } from "../catalog/types";
import { validateCatalog } from "../catalog/validate";
import { parseDay } from "../lib/dates";
import { catalog, catalogProblems, parsed, sampleCatalog, stack, today } from "./catalogFixtures";

type Change = (c: CatalogInput) => void;
const flag = (c: CatalogInput, i = 0) => c.flags[i] as any;
const group = (c: CatalogInput, i = 0) => c.targetGroups![i] as any;

function problemsAfter(change: Change, settings = stack) {
    const changed = catalog();
    change(changed);
    return catalogProblems(changed, settings);
}

describe("validateCatalog", () => {
    it("accepts the small fixture and the sample catalog, without warnings", () => {
        expect(validateCatalog(parsed(catalog()), stack, today)).toEqual({ problems: [], warnings: [] });
        expect(validateCatalog(parsed(sampleCatalog()), stack, today)).toEqual({ problems: [], warnings: [] });
    });

    it.each<[string, Change, string, string]>([
        // identity
        ["duplicate flag identifiers", (c) => (flag(c, 1).identifier = "chat_model"), "flag 'chat_model' identifier", "declared twice"],
        [
            "an invalid flag identifier",
            (c) => (flag(c).identifier = "chat-model"),
            "flag 'chat-model' identifier",
            '"chat-model" is not a valid identifier',
        ],
        [
            "a reserved flag identifier",
            (c) => (flag(c).identifier = "status"),
            "flag 'status' identifier",
            '"status" is a reserved word in Harness',
        ],
        ["a missing name", (c) => (flag(c).name = ""), "flag 'chat_model' name", '"" is empty'],
        ["a missing owner", (c) => delete flag(c).owner, "flag 'chat_model' owner", "missing"],
        ["a blank owner", (c) => (flag(c).owner = "  "), "flag 'chat_model' owner", '"  " is empty'],
        [
            "a tag that is not an identifier",
            (c) => (flag(c).tags = ["model-selection"]),
            "flag 'chat_model' tags[0]",
            '"model-selection" is not a valid identifier',
        ],
        [
            "an unknown targeting mode",
            (c) => (flag(c).targeting = "ui"),
            "flag 'chat_model' targeting",
            '"ui" is not one of the allowed values',
        ],
        [
            "an experiment named like a flag",
            (c) => (c.experiments![0].name = "chat_model"),
            "experiment 'chat_model' name",
            "is also a flag's identifier",
        ],
        // lifetime
        [
            "a temporary flag without expiresOn",
            (c) => delete flag(c, 1).expiresOn,
            "flag 'assistant_enabled' expiresOn",
            "missing on a temporary flag",
        ],
        [
            "an expiresOn that is not a date",
            (c) => (flag(c, 1).expiresOn = "next spring"),
            "flag 'assistant_enabled' expiresOn",
            '"next spring" is not a calendar date',
        ],
        [
            "an impossible date",
            (c) => (flag(c, 1).expiresOn = "2027-02-30"),
            "flag 'assistant_enabled' expiresOn",
            '"2027-02-30" is not a calendar date',
        ],
        [
            "a permanent flag with expiresOn",
            (c) => (flag(c).expiresOn = "2027-01-01"),
            "flag 'chat_model' expiresOn",
            "set on a permanent flag",
        ],
        [
            "archived that is not a boolean",
            (c) => (flag(c).archived = "yes"),
            "flag 'chat_model' archived",
            '"yes" is text, not true or false',
        ],
        [
            "an archived flag still on somewhere",
            (c) => Object.assign(flag(c), { archived: true, environments: { dev: { state: "on" } } }),
            "flag 'chat_model' environments.dev.state",
            "on, on an archived flag",
        ],
        // kinds and values
        ["an unknown kind", (c) => (flag(c).kind = "float"), "flag 'chat_model' kind", '"float" is not one of the allowed values'],
        ["a single variation", (c) => flag(c).variations.pop(), "flag 'chat_model' variations", "1 items"],
        [
            "duplicate variation identifiers",
            (c) => (flag(c).variations[1].identifier = "baseline"),
            "flag 'chat_model' variations[1].identifier",
            "'baseline' is declared twice",
        ],
        [
            "an invalid variation identifier",
            (c) => (flag(c).variations[1].identifier = "gpt-4o"),
            "flag 'chat_model' variations[1].identifier",
            '"gpt-4o" is not a valid identifier',
        ],
        [
            "a json value JSON cannot carry",
            (c) => (flag(c).variations[0].value = { temperature: NaN }),
            "flag 'chat_model' variations[0].value",
            "cannot be carried by JSON: $.temperature is NaN",
        ],
        [
            "a json value with a function",
            (c) => (flag(c).variations[0].value = { pick: () => 1 }),
            "flag 'chat_model' variations[0].value",
            "$.pick is function",
        ],
        [
            "a json value given as text that is not JSON",
            (c) => (flag(c).variations[0].value = "{model: gpt}"),
            "flag 'chat_model' variations[0].value",
            "is text that is not valid JSON",
        ],
        [
            "an int that is not an integer",
            (c) =>
                Object.assign(flag(c), {
                    kind: "int",
                    variations: [
                        { identifier: "a", name: "a", description: "", value: 1.5 },
                        { identifier: "b", name: "b", description: "", value: 2 },
                    ],
                    defaultOn: "a",
                    defaultOff: "b",
                    environments: {},
                }),
            "flag 'chat_model' variations[0].value",
            "1.5 is a number, not a whole number",
        ],
        [
            "an int given as a string",
            (c) =>
                Object.assign(flag(c), {
                    kind: "int",
                    variations: [
                        { identifier: "a", name: "a", description: "", value: "1" },
                        { identifier: "b", name: "b", description: "", value: 2 },
                    ],
                    defaultOn: "a",
                    defaultOff: "b",
                    environments: {},
                }),
            "flag 'chat_model' variations[0].value",
            '"1" is text, not a whole number',
        ],
        [
            "a string flag with a number",
            (c) =>
                Object.assign(flag(c), {
                    kind: "string",
                    variations: [
                        { identifier: "a", name: "a", description: "", value: 3 },
                        { identifier: "b", name: "b", description: "", value: "x" },
                    ],
                    defaultOn: "a",
                    defaultOff: "b",
                    environments: {},
                }),
            "flag 'chat_model' variations[0].value",
            "3 is a whole number, not text",
        ],
        [
            "a boolean flag with a string value",
            (c) => (flag(c, 1).variations[0].value = "true"),
            "flag 'assistant_enabled' variations[0].value",
            '"true" is text, not true or false',
        ],
        [
            "a boolean flag with true twice",
            (c) => (flag(c, 1).variations[1].value = true),
            "flag 'assistant_enabled' variations",
            "a boolean flag with values [true,true]",
        ],
        [
            "a boolean flag with three variations",
            (c) => flag(c, 1).variations.push({ identifier: "maybe", name: "Maybe", description: "", value: false }),
            "flag 'assistant_enabled' variations",
            "a boolean flag with values [true,false,false]",
        ],
        [
            "a defaultOn that is not a variation",
            (c) => (flag(c).defaultOn = "gpt5"),
            "flag 'chat_model' defaultOn",
            "'gpt5' is not one of its variations",
        ],
        [
            "a defaultOff that is not a variation",
            (c) => (flag(c, 1).defaultOff = "disabled"),
            "flag 'assistant_enabled' defaultOff",
            "'disabled' is not one of its variations",
        ],
        // environments
        [
            "an environment the stack does not list",
            (c) => (flag(c).environments.staging = { state: "on" }),
            "flag 'chat_model' environments.staging",
            "'staging' is not an environment of this stack",
        ],
        [
            "an unknown state",
            (c) => (flag(c).environments.dev.state = "enabled"),
            "flag 'chat_model' environments.dev.state",
            '"enabled" is not one of the allowed values',
        ],
        [
            "an environment defaultOn that is not a variation",
            (c) => (flag(c).environments.dev.defaultOn = "gpt5"),
            "flag 'chat_model' environments.dev.defaultOn",
            "'gpt5' is not one of the flag's variations",
        ],
        [
            "an environment defaultOff that is not a variation",
            (c) => (flag(c).environments.dev.defaultOff = "gpt5"),
            "flag 'chat_model' environments.dev.defaultOff",
            "'gpt5' is not one of the flag's variations",
        ],
        [
            "a target rule for an unknown variation",
            (c) => (flag(c).environments.dev.targets = { gpt5: ["user_1"] }),
            "flag 'chat_model' environments.dev.targets.gpt5",
            "'gpt5' is not one of the flag's variations",
        ],
        [
            "a target rule with no targets",
            (c) => (flag(c).environments.dev.targets = { candidate: [] }),
            "flag 'chat_model' environments.dev.targets.candidate",
            "an empty list",
        ],
        [
            "a group rule for an unknown variation",
            (c) => (flag(c).environments.prod.targetGroups = { gpt5: ["testers"] }),
            "flag 'chat_model' environments.prod.targetGroups.gpt5",
            "'gpt5' is not one of the flag's variations",
        ],
        [
            "a rule naming an unknown target group",
            (c) => (flag(c).environments.prod.targetGroups = { candidate: ["qa_team"] }),
            "flag 'chat_model' environments.prod.targetGroups.candidate",
            "target group 'qa_team' does not exist in 'prod'",
        ],
        [
            "a rule naming a group of another environment",
            (c) => (flag(c).environments.dev.targetGroups = { candidate: ["enterprise"] }),
            "flag 'chat_model' environments.dev.targetGroups.candidate",
            "target group 'enterprise' does not exist in 'dev'",
        ],
        [
            "a rule serving a rule-based group",
            (c) => (flag(c).environments.prod.targetGroups = { candidate: ["enterprise"] }),
            "flag 'chat_model' environments.prod.targetGroups.candidate",
            "target group 'enterprise' is defined by attribute rules",
        ],
        // target groups
        [
            "duplicate target group identifiers",
            (c) => (group(c, 1).identifier = "testers"),
            "target group 'testers' identifier",
            "declared twice",
        ],
        [
            "an invalid target group identifier",
            (c) => (group(c).identifier = "qa-team"),
            "target group 'qa-team' identifier",
            '"qa-team" is not a valid identifier',
        ],
        ["a target group without a name", (c) => (group(c).name = ""), "target group 'testers' name", '"" is empty'],
        [
            "a target group in an unknown environment",
            (c) => (group(c, 1).environments = ["staging"]),
            "target group 'enterprise' environments",
            "'staging' is not an environment of this stack",
        ],
        [
            "included targets that are not text",
            (c) => (group(c).included = [42]),
            "target group 'testers' included[0]",
            "42 is a whole number, not text",
        ],
        [
            "a rule with an unknown operator",
            (c) => (group(c, 1).rules[0].op = "like"),
            "target group 'enterprise' rules[0].op",
            '"like" is not one of the allowed values',
        ],
        ["a rule without values", (c) => (group(c, 1).rules[0].values = []), "target group 'enterprise' rules[0].values", "an empty list"],
        [
            "a rule without an attribute",
            (c) => (group(c, 1).rules[0].attribute = ""),
            "target group 'enterprise' rules[0].attribute",
            '"" is empty',
        ],
    ])("rejects %s", (_label, change, subject, found) => {
        const problems = problemsAfter(change);
        expect(problems).toContainEqual(expect.objectContaining({ subject, found: expect.stringContaining(found) }));
        for (const p of problems) {
            expect(p.allowed).not.toMatch(/^$|: ?$/);
            expect(p.fix).not.toBe("");
        }
    });

    it("needs the Harness account id only when there are targets or target groups", () => {
        const noAccount = { ...stack, accountId: undefined };
        expect(problemsAfter(() => undefined, noAccount)).toEqual([
            expect.objectContaining({ subject: "harness:accountId", fix: expect.stringContaining("pulumi config set harness:accountId") }),
        ]);
        const withoutTargeting: Change = (c) => {
            c.targets = [];
            c.targetGroups = [];
            c.segments = [];
            c.experiments = [];
            flag(c).environments = { dev: { state: "on" } };
        };
        expect(problemsAfter(withoutTargeting, noAccount)).toEqual([]);
    });

    it("enforces Harness's limit of 1200 flags per project", () => {
        const many =
            (n: number): Change =>
            (c) => {
                c.flags = Array.from({ length: n }, (_, i) => ({ ...flag(c, 1), identifier: `flag_${i}` }));
            };
        expect(problemsAfter(many(1200))).toEqual([]);
        expect(problemsAfter(many(1201))).toEqual([expect.objectContaining({ subject: "flags", found: "1201 flags" })]);
    });

    it("enforces Harness's limit of 1200 target groups per environment", () => {
        const many =
            (n: number): Change =>
            (c) => {
                c.targetGroups = [
                    group(c),
                    ...Array.from({ length: n - 1 }, (_, i) => ({ identifier: `group_${i}`, name: `Group ${i}`, environments: ["dev"] })),
                ];
            };
        expect(problemsAfter(many(1200))).toEqual([]);
        expect(problemsAfter(many(1201))).toEqual([
            expect.objectContaining({ subject: "environment 'dev' target groups", found: "1201 target groups" }),
        ]);
    });

    it("reports every problem of every entry at once: shapes first, then the rules across entries", () => {
        const problems = problemsAfter((c) => {
            flag(c).owner = "";
            flag(c).tags = ["a-b"];
            flag(c, 1).defaultOn = "nope";
            group(c, 1).environments = ["qa"];
        });
        expect(problems.map((p) => p.subject)).toEqual([
            "flag 'chat_model' owner",
            "flag 'chat_model' tags[0]",
            "target group 'enterprise' environments",
            "flag 'assistant_enabled' defaultOn",
        ]);
    });

    it("checks the other fields of a flag whose kind is unknown", () => {
        const problems = problemsAfter((c) => Object.assign(flag(c), { kind: "float", owner: 7, colour: "red" }));
        expect(problems.map((p) => [p.subject, p.found])).toEqual([
            ["flag 'chat_model' kind", '"float" is not one of the allowed values'],
            ["flag 'chat_model' owner", "7 is a whole number, not text"],
            ["flag 'chat_model' colour", "unknown key 'colour'"],
        ]);
    });

    it("warns, naming the owner, about a temporary flag past expiresOn", () => {
        const changed = catalog();
        flag(changed, 1).expiresOn = "2026-11-01";
        const { problems, warnings } = validateCatalog(parsed(changed), stack, today);
        expect(problems).toEqual([]);
        expect(warnings).toEqual([
            expect.stringMatching(/^flag 'assistant_enabled' expired on 2026-11-01 \(28 days ago\); owner ai-safety: /),
        ]);
    });

    it("does not warn on the day a flag expires", () => {
        const changed = catalog();
        flag(changed, 1).expiresOn = "2026-11-29";
        expect(validateCatalog(parsed(changed), stack, today).warnings).toEqual([]);
    });
});

describe("parseDay", () => {
    it.each([
        ["2027-01-31", "2027-01-31"],
        ["2028-02-29", "2028-02-29"],
        ["2027-02-29", undefined],
        ["2027-1-31", undefined],
        ["31/01/2027", undefined],
        [20270131, undefined],
    ])("parseDay(%p) = %p", (input, expected) => expect(parseDay(input)).toBe(expected));
});
