// Runs the real program in-process under Pulumi's mock runtime: the offline plan, the benchmark
// and the tests all go through here, so what they show is what `pulumi up` would be asked to do.
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../project/stacks";
import { HARNESS } from "../resources/identity";

/** A resource's logical name, which the SDK keeps on every resource object. */
const nameOf = (resource: unknown) => (resource as { __name?: string }).__name;

/** The resource options a reviewer cares about; mocks never see options, a stack transformation does. */
export interface RecordedOptions {
    parent?: string;
    protect?: boolean;
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    retainOnDelete?: boolean;
    additionalSecretOutputs?: string[];
    /** The names of the resources it must wait for. */
    dependsOn?: string[];
    /** Its `aliases`, each a URN or (given as `{ type }`) a type it was once registered as: Pulumi finds it under them. */
    aliases?: string[];
}

/** One resource the program asked the engine to create. */
export interface Registration {
    type: string;
    name: string;
    // The engine's untyped property bag: readers view it through the provider's args types (plan/diff.ts).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests probe it freely; the program's code types its reads.
    inputs: Record<string, any>;
    custom: boolean;
    options: RecordedOptions;
    /** A component's registered outputs (registerOutputs), which policies read as its props. */
    outputs?: Record<string, unknown>;
}

const STACK_TYPE = "pulumi:pulumi:Stack";
const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

export interface MockOptions {
    /** The outputs a StackReference reads, as if from the last deployment of the referenced stack. */
    lastDeployment?: Record<string, unknown>;
}

/** The outputs the Harness provider computes on create, so that outputs built from them resolve. */
export function providerComputedOutputs(type: string, name: string): Record<string, string> {
    switch (type) {
        case HARNESS.sdkKey:
            return { apiKey: `mock-sdk-key-${name}` };
        case HARNESS.fmeSdkKey:
            return { apiKey: `mock-fme-sdk-key-${name}`, keyId: `mock-fme-key-id-${name}` };
        case HARNESS.fmeFlag:
            return { flagId: `mock-flag-id-${name}` };
        case HARNESS.definition:
            return { definitionId: `mock-definition-id-${name}` };
        default:
            return {};
    }
}

/** Installs the mock runtime and the stack's config; returns the list every registration lands in. */
export async function startMockRuntime(
    project: string,
    stack: string,
    stackConfig: StackConfig,
    mockOptions: MockOptions = {},
): Promise<Registration[]> {
    const registrations: Registration[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs) {
                // A StackReference is a read of another stack's outputs, not a declared resource.
                const inputs = args.inputs as Record<string, unknown>;
                if (args.type === STACK_REFERENCE_TYPE) {
                    const name = String(inputs.name);
                    return { id: name, state: { name, outputs: mockOptions.lastDeployment ?? {}, secretOutputNames: [] } };
                }
                if (args.type !== STACK_TYPE)
                    registrations.push({ type: args.type, name: args.name, inputs, custom: args.custom ?? false, options: {} });
                return { id: `${args.name}-id`, state: { ...inputs, ...providerComputedOutputs(args.type, args.name) } };
            },
            call: (args: pulumi.runtime.MockCallArgs) => args.inputs as Record<string, unknown>,
        },
        project,
        stack,
        false, // an update, not a preview: provider-computed outputs resolve
        "organization", // what the engine reports on a self-managed backend
    );
    pulumi.runtime.setAllConfig(stackConfig.config, stackConfig.secretKeys);
    return registrations;
}

/** Resolves once no registration has arrived for several turns of the event loop. */
export async function settle(registrations: Registration[]): Promise<void> {
    for (let quiet = 0, seen = -1; quiet < 20;) {
        await new Promise((resolve) => setImmediate(resolve));
        quiet = registrations.length === seen ? quiet + 1 : 0;
        seen = registrations.length;
    }
}

/** An output's plain value and whether it is secret, with nested outputs resolved. */
export async function resolveOutput(value: unknown): Promise<{ value: unknown; secret: boolean }> {
    const output: pulumi.Output<unknown> = pulumi.output(value);
    const secret = await pulumi.isSecret(output);
    const plain = await new Promise<unknown>((resolve) => output.apply((v) => resolve(v)));
    return { value: plain, secret };
}

/** What each component passed to registerOutputs, by `type::name`, as the mock monitor keeps it. */
function registeredComponentOutputs(): Map<string, Record<string, unknown>> {
    const monitor = pulumi.runtime.getMonitor() as unknown as { resources?: Map<string, { urn: string; state: unknown }> };
    const outputs = new Map<string, Record<string, unknown>>();
    for (const { urn, state } of monitor.resources?.values() ?? []) {
        // A component's outputs are kept as the protobuf Struct the SDK sent; a custom resource's as plain state.
        if (!state || typeof (state as { toJavaScript?: unknown }).toJavaScript !== "function") continue;
        const [, , typePath, name] = urn.split("::");
        outputs.set(
            `${typePath.split("$").pop()}::${name}`,
            pulumi.runtime.deserializeProperties(state as Parameters<typeof pulumi.runtime.deserializeProperties>[0]),
        );
    }
    return outputs;
}

export interface ProgramRun {
    registrations: Registration[];
    outputs: Record<string, { value: unknown; secret: boolean }>;
}

/**
 * Runs `program` as the engine runs a Pulumi program, inside a root stack, under the mock runtime
 * that `startMockRuntime` installed; resolves what it returns (the stack outputs) and waits for
 * every registration.
 */
export async function runInStack(
    program: () => Record<string, unknown> | Promise<Record<string, unknown>>,
    registrations: Registration[],
): Promise<ProgramRun> {
    const options = new Map<string, RecordedOptions>();
    let exported: Record<string, unknown> = {};
    let failure: unknown;
    await pulumi.runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation(({ type, name, opts }) => {
            const custom = opts as pulumi.CustomResourceOptions;
            options.set(`${type}::${name}`, {
                parent: opts.parent && opts.parent !== pulumi.runtime.getStackResource() ? nameOf(opts.parent) : undefined,
                protect: opts.protect,
                ignoreChanges: opts.ignoreChanges,
                deleteBeforeReplace: custom.deleteBeforeReplace,
                retainOnDelete: opts.retainOnDelete,
                additionalSecretOutputs: custom.additionalSecretOutputs,
                dependsOn: Array.isArray(opts.dependsOn) && opts.dependsOn.length ? opts.dependsOn.map((r) => nameOf(r) ?? "") : undefined,
                aliases: opts.aliases?.length
                    ? opts.aliases.map((alias) => (typeof alias === "string" ? alias : String((alias as { type?: unknown }).type)))
                    : undefined,
            });
            return undefined;
        });
        // A failing program must fail this call, not reject inside the Stack resource's machinery.
        try {
            exported = await program();
        } catch (error) {
            failure = error;
        }
    });
    if (failure) throw failure as Error;
    const outputs: ProgramRun["outputs"] = {};
    for (const [key, value] of Object.entries(exported)) {
        if (key !== "__esModule") outputs[key] = await resolveOutput(value);
    }
    await settle(registrations);
    const componentOutputs = registeredComponentOutputs();
    for (const registration of registrations) {
        const recorded = options.get(`${registration.type}::${registration.name}`) ?? {};
        registration.options = Object.fromEntries(Object.entries(recorded).filter(([, v]) => v !== undefined));
        const outputs = registration.custom ? undefined : componentOutputs.get(`${registration.type}::${registration.name}`);
        if (outputs) registration.outputs = outputs;
    }
    return { registrations, outputs };
}

/**
 * Loads the Pulumi program at `entry` (index.ts) the way the engine does, via `runInStack`: a
 * module that exports a function is run, and what it returns becomes the stack outputs.
 */
export function runProgram(entry: string, registrations: Registration[]): Promise<ProgramRun> {
    return runInStack(() => {
        // The program is loaded by its path, as Pulumi's nodejs runtime loads it.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time.
        const loaded = require(entry) as Record<string, unknown> | (() => Record<string, unknown> | Promise<Record<string, unknown>>);
        return typeof loaded === "function" ? loaded() : loaded;
    }, registrations);
}
