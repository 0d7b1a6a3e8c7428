import { OpenFeature } from "@openfeature/server-sdk";
import { FlagdProvider } from "@openfeature/flagd-provider";
import { FlagdCore, MemoryStorage } from "@openfeature/flagd-core";
(async () => {
  const storage = new MemoryStorage(console as any);
  storage.setConfigurations(require("fs").readFileSync("/tmp/ff.json", "utf8"), true);
  const core = new FlagdCore(storage);
  console.log(core.resolveBooleanEvaluation("f", false, { targetingKey: "u1" }), core.resolveObjectEvaluation("e", {}, { targetingKey: "k1" }));
  const t = Date.now();
  await OpenFeature.setProviderAndWait(new FlagdProvider({ resolverType: "in-process", offlineFlagSourcePath: "/tmp/ff.json" }));
  const client = OpenFeature.getClient();
  console.log(await client.getBooleanDetails("f", false, { targetingKey: "u1" }), Date.now() - t);
  await OpenFeature.close();
})();
