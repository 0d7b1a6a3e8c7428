// `npm run plan [-- --stack dev] [-- --config key=value]`: what the stack would declare, from its
// Pulumi.<stack>.yaml, without the Pulumi CLI, a network or Harness credentials. It runs the real
// program under Pulumi's mock runtime and prints every resource's key inputs and the stack outputs,
// secrets masked. Exit 1 on invalid config or catalog, 2 when the program fails otherwise.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../config";
import { PROJECT_DIR, Registration, readStackConfig, runProgram, startMockRuntime } from "./mockRuntime";

const SCOPE_INPUTS = new Set(["orgId", "projectId", "accountId"]);

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

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Replaces every secret value found anywhere in `value` with "[secret]". */
function mask(value: unknown, secrets: ReadonlySet<string>): unknown {
    if (typeof value === "string") return secrets.has(value) ? "[secret]" : value;
    if (Array.isArray(value)) return value.map((v) => mask(v, secrets));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, secrets)]));
    return value;
}

function describe(registration: Registration, secrets: ReadonlySet<string>): string[] {
    const head = `${registration.custom ? "+" : "="} ${registration.type}  ${registration.name}`;
    const inputs = Object.entries(registration.inputs)
        .filter(([key, value]) => value !== undefined && !SCOPE_INPUTS.has(key))
        .map(([key, value]) => `      ${key}: ${show(mask(value, secrets))}`);
    return [head, ...inputs];
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
    const secrets = new Set(stackConfig.secretKeys.map((k) => stackConfig.config[k]));
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
    const scope = run.registrations.find((r) => r.inputs.orgId)?.inputs;
    console.log(`Offline plan for stack '${stack}' of ${PROJECT} (mock runtime: nothing is sent to Harness)`);
    if (scope) console.log(`Harness scope: org ${scope.orgId}, project ${scope.projectId}`);
    const custom = run.registrations.filter((r) => r.custom).length;
    console.log(`\nResources: ${custom} Harness resources, ${run.registrations.length - custom} components`);
    for (const registration of run.registrations) console.log(describe(registration, secrets).map((l) => `  ${l}`).join("\n"));
    console.log("\nOutputs:");
    for (const [key, { value, secret }] of Object.entries(run.outputs)) {
        console.log(`  ${key}: ${secret ? "[secret]" : show(mask(value, secrets))}`);
    }
}

main().catch((error) => {
    console.error(`plan: the program failed under the mock runtime:\n${error?.stack ?? error}`);
    process.exit(2);
});
