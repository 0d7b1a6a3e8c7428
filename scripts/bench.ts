// `npm run bench` (BENCH_RUNS=3 by default): what the program costs over Pulumi's own registration
// floor, and plan --diff over plan (bench/benchmark.ts). Each measurement runs this file again with
// --child, in a process of its own.
import { benchmark, measureChild } from "../bench/benchmark";

const [flag, variant, size, recordFile] = process.argv.slice(2);
if (flag === "--child")
    measureChild(variant, Number(size), recordFile).catch((error) => {
        console.error(error);
        process.exit(1);
    });
else benchmark(__filename);
