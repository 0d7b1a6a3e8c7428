// `npm run stale [-- --strict] [--since <git ref>] [--today YYYY-MM-DD]`: temporary flags past
// expiresOn and experiments left at 100% on one treatment, with owner and age (catalog/hygiene.ts).
// With --strict it exits 1 when a finding needs action; with --since, only when the finding is
// about a flag or experiment that changed since that ref, so a pull request fails for what it
// touches (the full report runs on a schedule).
import { changedEntries, staleFindings } from "../catalog/hygiene";
import type { Catalog } from "../catalog/types";
import { parseCatalog } from "../catalog/validate";
import { runCommand, UsageError } from "../cli/command";
import { dayOf, parseDay } from "../lib/dates";
import { EXIT, UserFacingError } from "../lib/errors";
import { formatProblems } from "../lib/problems";
import { withWorktree } from "../plan/worktree";
import { loadCatalog, PROJECT_DIR } from "../project/files";
import { stackOf } from "../project/stacks";
import { atRolloutStages } from "../rollouts/stateFile";

const USAGE = `Usage: npm run stale -- [--stack <name>] [--strict] [--since <git ref>] [--today YYYY-MM-DD]

  --stack <name>     whose rollout state (rollouts/<name>.json) puts each ramp at its stage (default: dev)
  --strict           exit 1 when a finding needs action (CI)
  --since <git ref>  with --strict: fail only for flags and experiments changed since that ref (a pull request's base)
  --today <day>      report as of another day

Exit codes: 0 nothing needs action (or not --strict), 1 a finding needs action or the catalog is
invalid, 2 the command could not run (usage, git).`;

/** The catalog `dir` holds, each ramp at the stage stack `stack`'s rollout state records there. */
function stagedCatalog(stack: string, dir = PROJECT_DIR) {
    const parsed = parseCatalog(loadCatalog(dir));
    return parsed.problems.length ? parsed : atRolloutStages(parsed.catalog, stack, dir);
}

/** The catalog the program at `ref` declares. */
function catalogAt(ref: string, stack: string): Promise<Catalog> {
    return withWorktree(PROJECT_DIR, ref, (dir) => {
        const { catalog, problems } = stagedCatalog(stack, dir);
        if (problems.length)
            throw new UserFacingError(
                `the catalog at ${ref} is invalid, so nothing can be called unchanged:\n${formatProblems("flags.ts catalog", problems)}`,
            );
        return Promise.resolve(catalog);
    });
}

runCommand(
    {
        name: "stale",
        usage: USAGE,
        options: {
            stack: { type: "string", default: "dev" },
            strict: { type: "boolean" },
            since: { type: "string" },
            today: { type: "string" },
        },
    },
    async ({ values }) => {
        if (values.today !== undefined && !parseDay(values.today))
            throw new UsageError(`stale: --today takes a day written YYYY-MM-DD, such as 2027-01-31; got '${values.today}'.`);
        const today = values.today ? new Date(`${values.today}T12:00:00Z`) : new Date();
        const stack = stackOf(values.stack);
        const { catalog, problems } = stagedCatalog(stack);
        if (problems.length) throw new UserFacingError(formatProblems("flags.ts catalog", problems), EXIT.invalid);
        const changed = values.since ? changedEntries(await catalogAt(values.since, stack), catalog) : undefined;
        const findings = staleFindings(catalog, today);
        const failing = findings.filter((f) => f.failing && (!changed || changed.has(f.entry)));
        const scope = changed ? ` (${changed.size} flags and experiments changed since ${values.since}; only those fail)` : "";
        console.log(
            `Flag hygiene on ${dayOf(today)}: ${catalog.flags.length} flags, ${catalog.experiments.length} experiments; ${failing.length} need action, ${findings.length - failing.length} to note${scope}.`,
        );
        for (const f of findings) {
            const label = failing.includes(f) ? "ACTION" : "NOTE  ";
            console.log(
                `\n  ${label}  ${f.kind}: ${f.subject}\n          owner: ${f.owner}\n          age:   ${f.age}\n          do:    ${f.action}`,
            );
        }
        return values.strict && failing.length ? EXIT.invalid : EXIT.ok;
    },
);
