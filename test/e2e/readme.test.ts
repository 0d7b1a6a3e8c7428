// The README's OpenFeature example runs as it is written, in a project with the sample catalog:
// type-checked and run by ts-node, as `npx ts-node example.ts` would.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../project/files";
import { sampleRepository } from "./sampleRepository";

let repo: string;
beforeAll(() => {
    repo = sampleRepository();
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

it("serves the sample's prod value through OpenFeature and the generated constants", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const example = /<!-- openfeature-example[^>]*-->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    fs.writeFileSync(path.join(repo, "example.ts"), example!);
    const result = spawnSync(process.execPath, ["-r", require.resolve("ts-node/register"), "example.ts"], {
        cwd: repo,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_PROJECT: path.join(repo, "tsconfig.json") },
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("user-42 gets gpt-4o-mini\n");
    expect(result.status).toBe(0);
});
