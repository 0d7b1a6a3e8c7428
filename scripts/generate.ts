// `npm run generate -- [--stack dev] [--out generated/<stack>] [--check]`: from the validated catalog
// and a stack's config, writes what application code uses (generate/files.ts) into a directory of
// its own; --check writes nothing and exits 1 when the files there are not what it would write.
import * as path from "path";
import { checkCatalog } from "../catalog/validate";
import { runCommand } from "../cli/command";
import { generatedFiles, generationProblems } from "../generate/files";
import { outOfDate, outputDirectory, writeGenerated } from "../generate/outputDirectory";
import { EXIT, UserFacingError } from "../lib/errors";
import { formatProblems } from "../lib/problems";
import { loadCatalog, shown } from "../project/files";
import { stackOf, stackSettings } from "../project/stacks";
import { atRolloutStages } from "../rollouts/stateFile";

const USAGE = `Usage: npm run generate -- [--stack <name>] [--out <directory>] [--check]

  --stack <name>      the stack whose environments and config are used (default: dev)
  --out <directory>   where the files go, inside the project (default: generated/<stack>); generate
                      writes only into a directory that is new or holds only what it wrote before
  --check             write nothing; exit 1 when the files there are missing or out of date

Exit codes: 0 written (or current), 1 invalid config or catalog, or out of date with --check,
2 the command could not run (usage, or a directory or file it may not write).`;

runCommand(
    {
        name: "generate",
        usage: USAGE,
        options: { stack: { type: "string", default: "dev" }, out: { type: "string" }, check: { type: "boolean" } },
    },
    ({ values }) => {
        const stack = stackOf(values.stack);
        const config = stackSettings(stack);
        if (!config.ok) throw new UserFacingError(formatProblems(`Stack '${stack}' config`, config.problems), EXIT.invalid);
        const checked = checkCatalog(loadCatalog(), config.settings, new Date());
        const { problems } = checked;
        // The splits in force: each ramp at the stage its rollout state records.
        const staged = problems.length ? undefined : atRolloutStages(checked.catalog, stack);
        problems.push(...(staged?.problems ?? []));
        const catalog = staged?.catalog ?? checked.catalog;
        if (!problems.length) problems.push(...generationProblems(catalog));
        if (problems.length) throw new UserFacingError(formatProblems("flags.ts catalog", problems), EXIT.invalid);
        for (const segment of catalog.segments.filter((s) => s.external))
            console.error(
                `warning: segment '${segment.name}' is managed elsewhere (external): its keys are unknown here, so rules on it match no one in the generated files`,
            );

        const out = values.out ?? path.join("generated", stack);
        const files = generatedFiles(catalog, config.settings, stack);
        const directory = outputDirectory(out, files.keys());
        const command = `npm run generate -- --stack ${stack}${values.out ? ` --out ${values.out}` : ""}`;
        if (values.check) {
            const stale = outOfDate(directory, files);
            if (!stale.length) return EXIT.ok;
            console.error(
                `generate: ${shown(directory)} is out of date with flags.ts and Pulumi.${stack}.yaml (${stale.join("; ")}). Run ${command} and commit the result.`,
            );
            return EXIT.invalid;
        }
        writeGenerated(directory, files, command);
        console.log(`wrote ${[...files.keys()].map((name) => path.join(shown(directory), name)).join(", ")}`);
        return EXIT.ok;
    },
);
