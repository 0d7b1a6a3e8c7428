// End to end, as application code runs it: the OpenFeature server SDK with flagd's in-process
// provider reading a generated file offline, asked through the generated constants (those of the
// sample catalog, whose contents the assertions know; test/generate.test.ts keeps them current).
import * as path from "path";
import { OpenFeature } from "@openfeature/server-sdk";
import { FlagdProvider } from "@openfeature/flagd-provider";
import { ChatModelAbConfiguration, ChatModelValue, Experiments, Flags, MaxOutputTokensValue } from "../fixtures/sample/generated/flags";

const client = OpenFeature.getClient("ai-feature-flags-test");

beforeAll(async () => {
    const offlineFlagSourcePath = path.join(__dirname, "..", "fixtures", "sample", "generated", "prod.flagd.json");
    await OpenFeature.setProviderAndWait("ai-feature-flags-test", new FlagdProvider({ resolverType: "in-process", offlineFlagSourcePath }));
});

afterAll(() => OpenFeature.close());

it("serves internal testers the candidate model in prod, everyone else the production model, with typed values", async () => {
    // The SDK's untyped overloads come first: naming the type picks the generic one, typed by the catalog.
    const tester = await client.getObjectValue<ChatModelValue>(Flags.chat_model.key, Flags.chat_model.default, {
        targetingKey: "user_ana_ml",
    });
    const customer = await client.getObjectValue<ChatModelValue>(Flags.chat_model.key, Flags.chat_model.default, {
        targetingKey: "customer-42",
    });
    expect([tester.model, customer.model]).toEqual(["claude-sonnet", "gpt-4o-mini"]);
});

it("keeps the AI experiment for internal testers only, as prod's targeting says", async () => {
    const details = await client.getBooleanDetails(Flags.ai_experiment_flag.key, Flags.ai_experiment_flag.default, {
        targetingKey: "user_ben_eval",
    });
    expect([details.value, details.variant]).toEqual([true, "on"]);
    expect(
        await client.getBooleanValue(Flags.ai_experiment_flag.key, Flags.ai_experiment_flag.default, { targetingKey: "customer-42" }),
    ).toBe(false);
});

it("returns numbers and experiment configurations with the catalog's types", async () => {
    const budget = await client.getNumberValue<MaxOutputTokensValue>(Flags.max_output_tokens.key, Flags.max_output_tokens.default, {
        targetingKey: "customer-42",
    });
    expect(budget).toBe(1024);
    const enterprise = await client.getObjectDetails<ChatModelAbConfiguration>(
        Experiments.chatModelAb.key,
        Experiments.chatModelAb.default,
        { targetingKey: "customer-42", plan: "enterprise" },
    );
    expect([enterprise.variant, enterprise.value.model]).toEqual(["baseline", "gpt-4o-mini"]);
});
