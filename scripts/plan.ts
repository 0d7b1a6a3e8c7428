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

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

// deleteBeforeReplace is left out: every Harness resource here has it (fixed identifiers).
const NOTABLE_OPTIONS = ["protect", "ignoreChanges", "retainOnDelete", "additionalSecretOutputs"] as const;

/** A resource as a reviewer reads it: type and name, its options, then each input on its own line. */
function describe(registration: Registration, secrets: ReadonlySet<string>, indent: string): string[] {
    const lines = [`${indent}${registration.custom ? "+" : "="} ${registration.type}  ${registration.name}`];
    const options = NOTABLE_OPTIONS.filter((o) => registration.options[o]).map((o) => `${o}=${show(registration.options[o])}`);
    if (options.length) lines.push(`${indent}    (${options.join(", ")})`);
    for (const [key, value] of Object.entries(registration.inputs)) {
        if (value === undefined || SCOPE_INPUTS.has(key)) continue;
        const masked = mask(value, secrets);
        const document = typeof masked === "string" && masked.startsWith("{") ? parseJson(masked) : undefined;
        if (document) {
            // A JSON document (an FME definition): indented, so a reviewer sees what changed.
            lines.push(`${indent}    ${key}:`, ...JSON.stringify(document, null, 2).split("\n").map((line) => `${indent}      ${line}`));
        } else if (Array.isArray(masked) && masked.some((item) => item && typeof item === "object")) {
            lines.push(`${indent}    ${key}:`, ...masked.map((item) => `${indent}      - ${show(item)}`));
        } else {
            lines.push(`${indent}    ${key}: ${show(masked)}`);
        }
    }
    return lines;
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
    const components = run.registrations.filter((r) => !r.custom);
    console.log(`\nResources: ${run.registrations.length - components.length} Harness resources in ${components.length} components`);
    const childrenOf = (parent: string | undefined) => run.registrations.filter((r) => r.options.parent === parent);
    const print = (parent: string | undefined, indent: string) => {
        for (const registration of childrenOf(parent)) {
            console.log(describe(registration, secrets, indent).join("\n"));
            if (!registration.custom) print(registration.name, `${indent}    `);
        }
    };
    print(undefined, "  ");
    console.log("\nOutputs:");
    for (const [key, { value, secret }] of Object.entries(run.outputs)) {
        const text = secret ? "[secret]" : typeof value === "object" && value ? JSON.stringify(mask(value, secrets), null, 2) : show(mask(value, secrets));
        console.log(`  ${key}: ${text.split("\n").join("\n  ")}`);
    }
}

main().catch((error) => {
    console.error(`plan: the program failed under the mock runtime:\n${error?.stack ?? error}`);
    process.exit(2);
});
