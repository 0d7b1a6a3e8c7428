import * as pulumi from "@pulumi/pulumi";
import { checkedCatalog, kindProblem, validateCatalog } from "../catalog/validate";
import { parseDay } from "../lib/dates";
import type { Catalog } from "../catalog/types";
import { catalog as sampleCatalog } from "../flags";
import { ValidationError } from "../lib/problems";
import { catalog, stack, today } from "./catalogFixtures";

type Change = (c: Catalog) => void;
const flag = (c: Catalog, i = 0) => c.flags[i] as any;

function problemsAfter(change: Change, settings = stack) {
    const changed = catalog();
    change(changed);
    return validateCatalog(changed, settings, today).problems;
}

describe("validateCatalog", () => {
    it("accepts the fixture catalog and the shipped sample catalog, without warnings", () => {
        expect(validateCatalog(catalog(), stack, today)).toEqual({ problems: [], warnings: [] });
        expect(validateCatalog(sampleCatalog, stack, today)).toEqual({ problems: [], warnings: [] });
    });

    it.each<[string, Change, string, string]>([
        // identity
        ["duplicate flag identifiers", (c) => (flag(c, 1).identifier = "chat_model"), "flag 'chat_model' identifier", "declared twice"],
        ["an invalid flag identifier", (c) => (flag(c).identifier = "chat-model"), "flag 'chat-model' identifier", "'chat-model' is not a valid identifier"],
        ["a reserved flag identifier", (c) => (flag(c).identifier = "status"), "flag 'status' identifier", "'status' is a reserved word in Harness"],
        ["a missing name", (c) => (flag(c).name = ""), "flag 'chat_model' name", "empty"],
        ["a missing owner", (c) => delete flag(c).owner, "flag 'chat_model' owner", "missing"],
        ["a blank owner", (c) => (flag(c).owner = "  "), "flag 'chat_model' owner", "empty"],
        ["a tag that is not an identifier", (c) => (flag(c).tags = ["model-selection"]), "flag 'chat_model' tags[0]", "'model-selection' is not a valid identifier"],
        ["an unknown targeting mode", (c) => (flag(c).targeting = "ui"), "flag 'chat_model' targeting", '"ui"'],
        // lifetime
        ["a temporary flag without expiresOn", (c) => delete flag(c, 1).expiresOn, "flag 'assistant_enabled' expiresOn", "missing on a temporary flag"],
        ["an expiresOn that is not a date", (c) => (flag(c, 1).expiresOn = "next spring"), "flag 'assistant_enabled' expiresOn", '"next spring" is not a date'],
        ["an impossible date", (c) => (flag(c, 1).expiresOn = "2027-02-30"), "flag 'assistant_enabled' expiresOn", '"2027-02-30" is not a date'],
        ["a permanent flag with expiresOn", (c) => (flag(c).expiresOn = "2027-01-01"), "flag 'chat_model' expiresOn", "set on a permanent flag"],
        ["archived that is not a boolean", (c) => (flag(c).archived = "yes"), "flag 'chat_model' archived", '"yes"'],
        ["an archived flag still on somewhere", (c) => (flag(c).archived = true), "flag 'chat_model' environments.dev.state", "on, on an archived flag"],
        // kinds and values
        ["an unknown kind", (c) => (flag(c).kind = "float"), "flag 'chat_model' kind", '"float"'],
        ["a single variation", (c) => flag(c).variations.pop(), "flag 'chat_model' variations", "1 variations"],
        ["duplicate variation identifiers", (c) => (flag(c).variations[1].identifier = "baseline"), "flag 'chat_model' variations[1].identifier", "'baseline' is declared twice"],
        ["an invalid variation identifier", (c) => (flag(c).variations[1].identifier = "gpt-4o"), "flag 'chat_model' variations[1].identifier", "'gpt-4o' is not a valid identifier"],
        ["a json value JSON cannot carry", (c) => (flag(c).variations[0].value = { temperature: NaN }), "flag 'chat_model' variations[0].value", "does not serialise to JSON: $.temperature is NaN"],
        ["a json value with a function", (c) => (flag(c).variations[0].value = { pick: () => 1 }), "flag 'chat_model' variations[0].value", "$.pick is function"],
        ["an int that is not an integer", (c) => Object.assign(flag(c), { kind: "int", variations: [{ identifier: "a", name: "a", description: "", value: 1.5 }, { identifier: "b", name: "b", description: "", value: 2 }], defaultOn: "a", defaultOff: "b", environments: {} }), "flag 'chat_model' variations[0].value", "1.5 is not an integer"],
        ["an int given as a string", (c) => Object.assign(flag(c), { kind: "int", variations: [{ identifier: "a", name: "a", description: "", value: "1" }, { identifier: "b", name: "b", description: "", value: 2 }], defaultOn: "a", defaultOff: "b", environments: {} }), "flag 'chat_model' variations[0].value", '"1" is not an integer'],
        ["a string flag with a number", (c) => Object.assign(flag(c), { kind: "string", variations: [{ identifier: "a", name: "a", description: "", value: 3 }, { identifier: "b", name: "b", description: "", value: "x" }], defaultOn: "a", defaultOff: "b", environments: {} }), "flag 'chat_model' variations[0].value", "3 is not a string"],
        ["a boolean flag with a string value", (c) => (flag(c, 1).variations[0].value = "true"), "flag 'assistant_enabled' variations[0].value", '"true" is not a boolean'],
        ["a boolean flag with true twice", (c) => (flag(c, 1).variations[1].value = true), "flag 'assistant_enabled' variations", "a boolean flag with values [true,true]"],
        ["a boolean flag with three variations", (c) => flag(c, 1).variations.push({ identifier: "maybe", name: "Maybe", description: "", value: false }), "flag 'assistant_enabled' variations", "a boolean flag with values [true,false,false]"],
        ["a defaultOn that is not a variation", (c) => (flag(c).defaultOn = "gpt5"), "flag 'chat_model' defaultOn", '"gpt5" is not one of its variations'],
        ["a defaultOff that is not a variation", (c) => (flag(c, 1).defaultOff = "disabled"), "flag 'assistant_enabled' defaultOff", '"disabled" is not one of its variations'],
        // environments
        ["an environment the stack does not list", (c) => (flag(c).environments.staging = { state: "on" }), "flag 'chat_model' environments.staging", "'staging' is not an environment of this stack"],
        ["an unknown state", (c) => (flag(c).environments.dev.state = "enabled"), "flag 'chat_model' environments.dev.state", '"enabled"'],
        ["an environment defaultOn that is not a variation", (c) => (flag(c).environments.dev.defaultOn = "gpt5"), "flag 'chat_model' environments.dev.defaultOn", '"gpt5" is not one of the flag\'s variations'],
        ["an environment defaultOff that is not a variation", (c) => (flag(c).environments.dev.defaultOff = "gpt5"), "flag 'chat_model' environments.dev.defaultOff", '"gpt5" is not one of the flag\'s variations'],
        ["a target rule for an unknown variation", (c) => (flag(c).environments.dev.targets = { gpt5: ["user_1"] }), "flag 'chat_model' environments.dev.targets.gpt5", '"gpt5" is not one of the flag\'s variations'],
        ["a target rule with no targets", (c) => (flag(c).environments.dev.targets = { candidate: [] }), "flag 'chat_model' environments.dev.targets.candidate", "[]"],
        ["a group rule for an unknown variation", (c) => (flag(c).environments.prod.targetGroups = { gpt5: ["testers"] }), "flag 'chat_model' environments.prod.targetGroups.gpt5", '"gpt5" is not one of the flag\'s variations'],
        ["a rule naming an unknown target group", (c) => (flag(c).environments.prod.targetGroups = { candidate: ["qa_team"] }), "flag 'chat_model' environments.prod.targetGroups.candidate", "target group 'qa_team' does not exist in 'prod'"],
        ["a rule naming a group of another environment", (c) => (flag(c).environments.dev.targetGroups = { candidate: ["enterprise"] }), "flag 'chat_model' environments.dev.targetGroups.candidate", "target group 'enterprise' does not exist in 'dev'"],
        ["a rule serving a rule-based group", (c) => (flag(c).environments.prod.targetGroups = { candidate: ["enterprise"] }), "flag 'chat_model' environments.prod.targetGroups.candidate", "target group 'enterprise' is defined by attribute rules"],
        // target groups
        ["duplicate target group identifiers", (c) => (c.targetGroups[1].identifier = "testers"), "target group 'testers' identifier", "declared twice"],
        ["an invalid target group identifier", (c) => (c.targetGroups[0].identifier = "qa-team"), "target group 'qa-team' identifier", "'qa-team' is not a valid identifier"],
        ["a target group without a name", (c) => (c.targetGroups[0].name = ""), "target group 'testers' name", "empty"],
        ["a target group in an unknown environment", (c) => (c.targetGroups[1].environments = ["staging"]), "target group 'enterprise' environments", "'staging' is not an environment of this stack"],
        ["included targets that are not text", (c) => (c.targetGroups[0].included = [42 as any]), "target group 'testers' included", "[42]"],
        ["a rule with an unknown operator", (c) => (c.targetGroups[1].rules![0].op = "like" as any), "target group 'enterprise' rules[0].op", '"like" is not an operator'],
        ["a rule without values", (c) => (c.targetGroups[1].rules![0].values = []), "target group 'enterprise' rules[0].values", "[]"],
        ["a rule without an attribute", (c) => (c.targetGroups[1].rules![0].attribute = ""), "target group 'enterprise' rules[0].attribute", "empty"],
    ])("rejects %s", (_label, change, subject, found) => {
        const problems = problemsAfter(change);
        expect(problems).toContainEqual(expect.objectContaining({ subject, found: expect.stringContaining(found) }));
        for (const p of problems) {
            expect(p.allowed).not.toBe("");
            expect(p.fix).not.toBe("");
        }
    });

    it("needs the Harness account id only when there are target groups", () => {
        const noAccount = { ...stack, accountId: undefined };
        expect(problemsAfter(() => undefined, noAccount)).toEqual([
            expect.objectContaining({ subject: "harness:accountId", fix: expect.stringContaining("pulumi config set harness:accountId") }),
        ]);
        expect(problemsAfter((c) => (c.targetGroups = [], delete flag(c).environments.prod.targetGroups), noAccount)).toEqual([]);
    });

    it("enforces Harness's limit of 1200 flags per project", () => {
        const many = (n: number): Change => (c) => {
            c.flags = Array.from({ length: n }, (_, i) => ({ ...flag(c, 1), identifier: `flag_${i}` }));
        };
        expect(problemsAfter(many(1200))).toEqual([]);
        expect(problemsAfter(many(1201))).toEqual([expect.objectContaining({ subject: "flags", found: "1201 flags" })]);
    });

    it("enforces Harness's limit of 1200 target groups per environment", () => {
        const many = (n: number): Change => (c) => {
            c.targetGroups = [c.targetGroups[0], ...Array.from({ length: n - 1 }, (_, i) => ({ identifier: `group_${i}`, name: `Group ${i}`, environments: ["dev"] }))];
        };
        expect(problemsAfter(many(1200))).toEqual([]);
        expect(problemsAfter(many(1201))).toEqual([expect.objectContaining({ subject: "environment 'dev' target groups", found: "1201 target groups" })]);
    });

    it("reports every problem of every flag at once", () => {
        const problems = problemsAfter((c) => {
            flag(c).owner = "";
            flag(c).defaultOn = "nope";
            flag(c, 1).expiresOn = "soon";
        });
        expect(problems.map((p) => p.subject)).toEqual(["flag 'chat_model' owner", "flag 'chat_model' defaultOn", "flag 'assistant_enabled' expiresOn"]);
    });

    it("warns, naming the owner, about a temporary flag past expiresOn", () => {
        const changed = catalog();
        flag(changed, 1).expiresOn = "2026-11-01";
        const { problems, warnings } = validateCatalog(changed, stack, today);
        expect(problems).toEqual([]);
        expect(warnings).toEqual([expect.stringMatching(/^flag 'assistant_enabled' expired on 2026-11-01 \(28 days ago\); owner ai-safety: /)]);
    });

    it("does not warn on the day a flag expires", () => {
        const changed = catalog();
        flag(changed, 1).expiresOn = "2026-11-29";
        expect(validateCatalog(changed, stack, today).warnings).toEqual([]);
    });
});

describe("checkedCatalog", () => {
    it("throws one ValidationError listing every problem", () => {
        const broken = catalog();
        flag(broken).owner = "";
        flag(broken, 1).kind = "float";
        expect(() => checkedCatalog(broken, stack, undefined, today)).toThrow(ValidationError);
        expect(() => checkedCatalog(broken, stack, undefined, today)).toThrow(/^flags\.ts catalog: 2 problems; nothing was declared\./);
    });

    it("logs expiry warnings through pulumi.log.warn and returns the catalog", () => {
        const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        const expired = catalog();
        flag(expired, 1).expiresOn = "2026-01-31";
        expect(checkedCatalog(expired, stack, undefined, today)).toBe(expired);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining("flag 'assistant_enabled' expired on 2026-01-31"));
        warn.mockRestore();
    });
});

describe("parseDay and kindProblem", () => {
    it.each([
        ["2027-01-31", "2027-01-31"],
        ["2028-02-29", "2028-02-29"],
        ["2027-02-29", undefined],
        ["2027-1-31", undefined],
        ["31/01/2027", undefined],
        [20270131, undefined],
    ])("parseDay(%p) = %p", (input, expected) => expect(parseDay(input)).toBe(expected));

    it.each<[any, unknown, boolean]>([
        ["boolean", false, true],
        ["boolean", 0, false],
        ["int", -3, true],
        ["int", 2 ** 53, false],
        ["string", "", true],
        ["json", { a: [1, null, "x"] }, true],
        ["json", null, true],
        ["json", undefined, false],
        ["json", { big: BigInt(1) }, false],
        ["json", new Date(0), false],
    ])("kindProblem(%s, %p) fits = %s", (kind, value, fits) => expect(kindProblem(kind, value) === undefined).toBe(fits));
});
