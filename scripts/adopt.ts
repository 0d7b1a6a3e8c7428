// `npm run adopt -- --stack <stack> [--out adopted] [--merge]`: an existing Harness project as
// catalog entries and a Pulumi import file (adopt/adopt.ts).
import { adopt } from "../adopt/adopt";
import { runCommand } from "../cli/command";
import { PROJECT_DIR } from "../project/files";
import { stackOf } from "../project/stacks";

const USAGE = `Usage: npm run adopt -- [--stack <name>] [--out <directory>] [--merge]

Reads the stack's Harness project (flags, targets and target groups in each of its environments)
with HARNESS_PLATFORM_API_KEY from harness:endpoint, else HARNESS_ENDPOINT (default https://app.harness.io/gateway),
checks that the program would serve every target what Harness serves today, and only then writes.

  --stack <name>      the stack whose orgId, projectId, environments and harness:accountId are read (default: dev)
  --out <directory>   where catalog.ts and import.json go, inside the project (default: adopted); adopt
                      writes only into a directory that is new or holds only what it wrote before
  --merge             also insert the entries into flags.ts (refused if it declares any of them already)

Exit codes: 0 written, 1 invalid stack file or catalog (nothing written), 2 could not run (usage,
API key, network, Harness refused or failed; nothing written), 4 the program would serve someone
differently from Harness today (listed; nothing written).`;

runCommand(
    {
        name: "adopt",
        usage: USAGE,
        options: { stack: { type: "string", default: "dev" }, out: { type: "string", default: "adopted" }, merge: { type: "boolean" } },
    },
    ({ values }) =>
        adopt({
            stack: stackOf(values.stack),
            out: values.out,
            merge: values.merge === true,
            projectDir: PROJECT_DIR,
            env: process.env,
            today: new Date(),
            print: (line) => console.log(line),
        }),
);
