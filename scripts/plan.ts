// `npm run plan [-- --stack dev] [-- --config key=value]`: what the stack would declare, from its
// Pulumi.<stack>.yaml, without the Pulumi CLI, a network or Harness credentials. It runs the real
// program under Pulumi's mock runtime and prints every resource's key inputs and the stack outputs,
// secrets masked. Exit 1 on invalid config or catalog, 2 when the program fails otherwise.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { PROJECT_DIR, readStackConfig, runProgram, startMockRuntime } from "./mockRuntime";
import { planReport } from "./planReport";

function parseArgs(argv: string[]): { stack: string; overrides: Record<string, string> } {
    const parsed = { stack: "dev", overrides: {} as Record<string, string> };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--stack" && argv[i + 1]) parsed.stack = argv[++i];
        else if (argv[i] === "--config" && argv[i + 1]?.includes("=")) {
            const [key, ...value] = argv[++i].split("=");
            parsed.overrides[key] = value.join("=");
        } else {
            console.error(`plan: unknown argument '${argv[i]}'. Usage: npm run plan -- [--stack <name>] [--config <key>=<value> ...]`);
            process.exit(2);
        }
    }
    return parsed;
}

async function main() {
    const { stack, overrides } = parseArgs(process.argv.slice(2));
    let stackConfig;
    try {
        stackConfig = readStackConfig(PROJECT, stack, overrides);
    } catch (error) {
        console.error(`plan: ${(error as Error).message}`);
        process.exit(1);
    }
    const registrations = await startMockRuntime(PROJECT, stack, stackConfig);
    let run;
    try {
        run = await runProgram(path.join(PROJECT_DIR, "index.ts"), registrations);
    } catch (error) {
        if (pulumi.RunError.isInstance(error)) {
            console.error((error as Error).message);
            process.exit(1);
        }
        throw error;
    }
    console.log(planReport(run, stack, stackConfig.secretKeys.map((k) => stackConfig.config[k])));
}

main().catch((error) => {
    console.error(`plan: the program failed under the mock runtime:\n${error?.stack ?? error}`);
    process.exit(2);
});
