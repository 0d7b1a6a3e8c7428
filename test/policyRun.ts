// Runs the policy pack's policies as `pulumi preview --policy-pack policy` would, on what a program
// run declared: each resource policy on every resource, each stack policy on all of them, with the
// policy's config defaults. Components are seen with their registered outputs, as the engine shows them.
import type {
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { allPolicies } from "../policy/policies";
import type { ProgramRun } from "../plan/mockRuntime";

/** Each setting of a policy's config schema at its default, as the engine fills them in when the stack sets none. */
export const configDefaults = (policy: ResourceValidationPolicy | StackValidationPolicy) =>
    Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {}).map(([k, v]) => [k, (v as { default?: unknown }).default]));

/** Each violation, as `<policy>: <resource name>: <message>`. */
export function packViolations(run: ProgramRun, stack: string): string[] {
    const byName = new Map<string, PolicyResource>();
    for (const r of run.registrations) {
        byName.set(r.name, {
            type: r.type,
            name: r.name,
            urn: `urn:pulumi:${stack}::ai-feature-flags::${r.type}::${r.name}`,
            props: r.custom ? r.inputs : (r.outputs ?? {}),
        } as unknown as PolicyResource);
    }
    for (const r of run.registrations)
        if (r.options.parent) (byName.get(r.name) as { parent?: PolicyResource }).parent = byName.get(r.options.parent);
    const resources = [...byName.values()];
    const violations: string[] = [];
    for (const policy of allPolicies()) {
        const getConfig = () => configDefaults(policy);
        if ("validateResource" in policy && policy.validateResource) {
            const validate = policy.validateResource as (args: ResourceValidationArgs, report: (message: string) => void) => void;
            for (const resource of resources)
                validate({ ...resource, getConfig } as unknown as ResourceValidationArgs, (message) =>
                    violations.push(`${policy.name}: ${resource.name}: ${message}`),
                );
        }
        if ("validateStack" in policy && policy.validateStack) {
            const validate = policy.validateStack as (args: StackValidationArgs, report: (message: string, urn?: string) => void) => void;
            validate({ resources, getConfig } as unknown as StackValidationArgs, (message) =>
                violations.push(`${policy.name}: ${message}`),
            );
        }
    }
    return violations;
}
