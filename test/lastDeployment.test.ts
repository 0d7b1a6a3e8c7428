import { protectionProblems } from "../catalog/lastDeployment";
import { featureFlagUrn } from "../resources/identity";
import { catalog as fixture, parsed } from "./catalogFixtures";

const catalog = () => parsed(fixture());

const deployed = { chat_model: { kind: "json" }, assistant_enabled: { kind: "boolean" } };

describe("protectionProblems", () => {
    it("accepts a catalog that keeps every live flag and its kind, and new flags", () => {
        expect(protectionProblems(catalog(), { chat_model: { kind: "json" } }, "prod", "ai-feature-flags")).toEqual([]);
        expect(protectionProblems(catalog(), deployed, "prod", "ai-feature-flags")).toEqual([]);
    });

    it("refuses a live flag removed from the catalog, naming it and both ways forward", () => {
        const without = catalog();
        without.flags = without.flags.filter((f) => f.identifier !== "chat_model");
        const [problem, ...rest] = protectionProblems(without, deployed, "prod", "ai-feature-flags");
        expect(rest).toEqual([]);
        expect(problem.subject).toBe("flag 'chat_model'");
        expect(problem.found).toBe("removed from flags.ts, but it is live in this protected stack");
        expect(problem.fix).toContain("put it back in flags.ts with archived: true, deploy, and remove it in a later change");
        expect(problem.fix).toContain(`pulumi state unprotect '${featureFlagUrn("prod", "ai-feature-flags", "chat_model")}'`);
    });

    it("lets a flag go once its last deployment archived it", () => {
        const without = catalog();
        without.flags = without.flags.filter((f) => f.identifier !== "chat_model");
        expect(
            protectionProblems(without, { ...deployed, chat_model: { kind: "json", archived: true } }, "prod", "ai-feature-flags"),
        ).toEqual([]);
    });

    it("refuses a kind change, which replaces the flag, unless the flag allows it", () => {
        const changed = catalog();
        const flag = changed.flags[1] as any;
        flag.kind = "string";
        expect(protectionProblems(changed, deployed, "prod", "ai-feature-flags")).toEqual([
            expect.objectContaining({
                subject: "flag 'assistant_enabled' kind",
                found: expect.stringMatching(/^changes boolean → string, which makes Harness replace the flag/),
            }),
        ]);
        flag.allowReplace = true;
        expect(protectionProblems(changed, deployed, "prod", "ai-feature-flags")).toEqual([]);
    });

    it("names the FeatureFlag's URN as Pulumi does: inside its Flag component", () => {
        expect(featureFlagUrn("prod", "ai-feature-flags", "x")).toBe(
            "urn:pulumi:prod::ai-feature-flags::ai-feature-flags:index:Flag$harness:platform/featureFlag:FeatureFlag::flag-x-flag",
        );
    });
});
