// `npm run drift -- <preview.json> [--stack <name>] [--pulumi-exit <code>]`: reads what a
// `pulumi preview --refresh --expect-no-changes --json` wrote (and the exit code Pulumi gave it) and
// says whether the stack drifted, as a markdown report for the drift issue (pipeline/drift.ts).
// It fails closed: anything it cannot read as a clean or a drifted preview exits 2.
import * as fs from "fs";
import { runCommand, UsageError } from "../cli/command";
import { EXIT, UserFacingError } from "../lib/errors";
import { assessPreview, driftReport } from "../pipeline/drift";

const USAGE = `Usage: npm run drift -- <preview.json> [--stack <name>] [--pulumi-exit <code>]

  <preview.json>       what pulumi preview --refresh --expect-no-changes --json wrote
  --stack <name>       the stack, for the report (default: dev)
  --pulumi-exit <code> the exit code pulumi preview returned (CLI 3.226.1 or later: 0 no changes, 7 changes)

Exit codes: 0 no drift, 3 drift (the report is on standard output), 2 the preview failed or cannot
be read (the drift issue must be left as it is).`;

runCommand(
    {
        name: "drift",
        usage: USAGE,
        options: { stack: { type: "string", default: "dev" }, "pulumi-exit": { type: "string" } },
        positionals: { name: "preview.json", max: 1 },
    },
    ({ values, positionals }) => {
        const [file] = positionals;
        if (!file) throw new UsageError("drift: give the preview's JSON file.");
        const code = values["pulumi-exit"];
        if (code !== undefined && !/^\d+$/.test(code))
            throw new UsageError(`drift: --pulumi-exit takes the exit code pulumi preview returned, a whole number; got '${code}'.`);
        const assessment = assessPreview(fs.readFileSync(file, "utf8"), code === undefined ? undefined : Number(code));
        if (assessment.kind === "failed")
            throw new UserFacingError(`drift: ${assessment.reason}. The drift issue is left as it is.`, EXIT.cannotRun);
        if (assessment.kind === "drift") console.log(driftReport(values.stack, assessment.drifted, process.env.RUN_URL));
        return assessment.kind === "drift" ? EXIT.changes : EXIT.ok;
    },
);
